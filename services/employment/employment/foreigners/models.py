"""Other foreigners' cases (B11): guidance and attendance notes, Danish-class requests, the citizen's requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from employment.db import Base
from shared.db import BigId, utcnow


class ForeignerCase(Base):
    """A case opened in employment itself (not handed over by reception): name and birth date, no CPR."""

    __tablename__ = "foreigner_case"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    residence_basis: Mapped[str] = mapped_column(String(30))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ForeignerNote(Base):
    """A conversation with guidance (samtale – råd og vejledning) or a follow-up on attendance."""

    __tablename__ = "foreigner_note"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("foreigner_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # guidance, attendance
    noted_on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)


class DanishClassRequest(Base):
    """Tilmelding til danskundervisning."""

    __tablename__ = "danish_class_request"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("foreigner_case.id"), index=True)
    school: Mapped[str] = mapped_column(String(200))
    requested_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="requested")  # requested, enrolled, declined
    requested_by: Mapped[str] = mapped_column(String(100))
    # danskuddannelsesloven § 5, stk. 2: Danish education can start at the latest a month after the application
    # (``requested_on``), with the rule and why; None for requests from before it was stored.
    start_due: Mapped[date | None] = mapped_column(Date, default=None)
    start_rule: Mapped[str] = mapped_column(String(40), default="", server_default="")
    start_why: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CitizenRequest(Base):
    """Indsats på borgerens anmodning: what the citizen asked for, and the answer."""

    __tablename__ = "citizen_request"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("foreigner_case.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    request: Mapped[str] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text, default=None)
    responded_on: Mapped[date | None] = mapped_column(Date, default=None)
    responded_by: Mapped[str | None] = mapped_column(String(100), default=None)
