"""The case: one person handed over by Udlændingestyrelsen, with household and arrival (R1, R2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reception.db import Base
from shared.access import AccessLog  # the access log is shared by every service (shared/access.py)
from shared.crypto import Encrypted
from shared.db import BigId, utcnow


class Case(Base):
    __tablename__ = "cases"
    # The person id is stored normalised (trimmed, upper-case; see schemas.PersonId), so the unique constraint on it
    # refuses "race-0001" beside "RACE-0001" whichever way a row is written.
    __table_args__ = (
        CheckConstraint(
            "immigration_person_id = upper(trim(immigration_person_id))", name="immigration_person_id_normalised"
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    immigration_person_id: Mapped[str] = mapped_column(String(30), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    nationality: Mapped[str] = mapped_column(String(3))
    residence_basis: Mapped[str] = mapped_column(String(40))
    asylum_centre: Mapped[str] = mapped_column(String(200))
    asylum_centre_contact: Mapped[str] = mapped_column(String(200))
    expected_arrival_date: Mapped[date] = mapped_column(Date)
    placement_decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    # The first day of the municipality's responsibility (§ 4), what set it, and the consent if given;
    # the shared/law rule that computed the day and its Danish why, as computed then.
    responsibility_from: Mapped[date | None] = mapped_column(Date, default=None)
    responsibility_basis: Mapped[str | None] = mapped_column(String(20), default=None)
    responsibility_note: Mapped[str | None] = mapped_column(String(200), default=None)
    responsibility_rule: Mapped[str | None] = mapped_column(String(40), default=None)
    responsibility_why: Mapped[str | None] = mapped_column(Text, default=None)
    # The day of the registration in CPR as moved to the municipality (§ 4, stk. 3), as Borgerservice read
    # it off the registration: not the day the task was ticked.
    cpr_registered_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(30), default="opened")
    case_type: Mapped[str] = mapped_column(String(30), default="refugee")
    # Family reunification (R11): the family member already in Rødovre whose household this joins.
    linked_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True, default=None)
    # Encrypted at rest (shared/crypto.py); found and kept unique through its keyed digest.
    cpr: Mapped[str | None] = mapped_column(Encrypted(), default=None)
    cpr_digest: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    arrival_date: Mapped[date | None] = mapped_column(Date, default=None)
    arrival_place: Mapped[str | None] = mapped_column(String(200), default=None)
    arrival_arranged_by: Mapped[str | None] = mapped_column(String(200), default=None)
    arrival_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    arrival_notes: Mapped[str | None] = mapped_column(Text, default=None)
    # What housing has told us (events), never read from housing's database.
    housing_status: Mapped[str] = mapped_column(String(30), default="awaiting_check")
    housing_address: Mapped[str | None] = mapped_column(String(200), default=None)
    housing_unit_id: Mapped[int | None] = mapped_column(BigId, default=None)
    housing_ready_from: Mapped[date | None] = mapped_column(Date, default=None)
    # When the housing event behind housing_status occurred (epoch seconds), to ignore older news.
    housing_as_of: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    family_members: Mapped[list[FamilyMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="FamilyMember.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def household_size(self) -> int:
        return 1 + len(self.family_members)


class StartCorrection(Base):
    """A caseworker corrected the date that starts the § 4 clock (the placement decision's, the CPR
    registration's), with the reason; the responsibility day before and after it, for the record."""

    __tablename__ = "start_correction"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(30))  # placement_decided_on or cpr_registered_on
    old_value: Mapped[date | None] = mapped_column(Date, default=None)
    new_value: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    responsibility_before: Mapped[date | None] = mapped_column(Date, default=None)
    responsibility_after: Mapped[date | None] = mapped_column(Date, default=None)
    corrected_by: Mapped[str] = mapped_column(String(100))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FamilyMember(Base):
    __tablename__ = "family_member"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    relation: Mapped[str] = mapped_column(String(20))

    case: Mapped[Case] = relationship(back_populates="family_members")


__all__ = ["AccessLog", "Case", "FamilyMember", "StartCorrection"]
