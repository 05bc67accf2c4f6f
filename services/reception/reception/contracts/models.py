"""The integration contract (integrationskontrakt), drawn up at a meeting and signed by both (R4)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reception.db import Base
from shared.db import BigId, utcnow
from shared.law import integrationsloven


class IntegrationContract(Base):
    __tablename__ = "integration_contract"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    due_date: Mapped[date] = mapped_column(Date)
    # The shared/law rule that set the due date ("inl19-contract"; empty while the § 4 day is not known and
    # the date is a provisional one) and its Danish why.
    due_rule: Mapped[str | None] = mapped_column(String(40), default=None)
    due_why: Mapped[str | None] = mapped_column(Text, default=None)
    meeting_date: Mapped[date | None] = mapped_column(Date, default=None)
    participants: Mapped[str] = mapped_column(Text, default="")
    interpreter: Mapped[str | None] = mapped_column(String(200), default=None)
    interpreter_language: Mapped[str | None] = mapped_column(String(50), default=None)
    employment_goal: Mapped[str] = mapped_column(Text, default="")
    danish_goal: Mapped[str] = mapped_column(Text, default="")
    obligations: Mapped[str] = mapped_column(Text, default="")
    # Opholds- og selvforsørgelseserklæringen is signed with the contract (integrationsloven § 19).
    declaration_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    caseworker_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    caseworker_signed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    citizen_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Which version of the contract this is: 1 the first; each revision at a follow-up (integrationsloven
    # § 20, stk. 3) keeps the one before in ``revisions`` and starts the next, to be signed by both again.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    revision_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    revision_follow_up_on: Mapped[date | None] = mapped_column(Date, default=None)
    revised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revised_by: Mapped[str | None] = mapped_column(String(100), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    revisions: Mapped[list[ContractRevision]] = relationship(
        order_by="ContractRevision.revision", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def set_statutory_due(self, responsibility_from: date) -> None:
        """integrationsloven § 19, stk. 1, from shared/law: a month after the municipality took over
        responsibility, stored with the rule and why."""
        deadline = integrationsloven.contract_due(responsibility_from)
        self.due_date, self.due_rule, self.due_why = deadline.due, deadline.rule, deadline.explanation

    def set_provisional_due(self, handed_over_on: date, due_days: int) -> None:
        """The § 4 day is not known yet (a quota refugee before the CPR registration, an asylum case without
        the placement decision's date): a working date ``due_days`` after the handover, said to be one."""
        self.due_date, self.due_rule = handed_over_on + timedelta(days=due_days), ""
        self.due_why = (
            f"Foreløbig frist: {due_days} dage efter, at sagen blev modtaget. Kommunens overtagelse af ansvaret "
            f"(integrationslovens § 4) kendes ikke endnu; når dagen er fastlagt, bliver fristen en måned efter "
            f"den (§ 19, stk. 1)."
        )


class ContractRevision(Base):
    """An earlier version of a case's contract as it stood when it was revised: its text and its
    signatures, kept unchanged and readable."""

    __tablename__ = "integration_contract_revision"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("integration_contract.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    meeting_date: Mapped[date | None] = mapped_column(Date, default=None)
    participants: Mapped[str] = mapped_column(Text, default="")
    interpreter: Mapped[str | None] = mapped_column(String(200), default=None)
    interpreter_language: Mapped[str | None] = mapped_column(String(50), default=None)
    employment_goal: Mapped[str] = mapped_column(Text, default="")
    danish_goal: Mapped[str] = mapped_column(Text, default="")
    obligations: Mapped[str] = mapped_column(Text, default="")
    declaration_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    caseworker_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    caseworker_signed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    citizen_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # Why this version was itself a revision (None for the first version), and when it was replaced, by whom.
    revision_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    replaced_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("contract_id", "revision"),)
