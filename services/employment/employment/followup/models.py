"""A follow-up conversation due on a date (B8): statutory (§20) or added as needed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from employment.db import Base
from shared.db import BigId, utcnow


class FollowUp(Base):
    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("case_id", "due_date"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # statutory, as_needed, yearly
    # The rule that set the due date (shared.law) and why; empty for one added as needed (the caseworker's date).
    due_rule: Mapped[str] = mapped_column(String(40), default="", server_default="")
    due_why: Mapped[str] = mapped_column(Text, default="", server_default="")
    held_on: Mapped[date | None] = mapped_column(Date, default=None)
    held_by: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # The day the overdue event was published; an overdue due date is announced once.
    overdue_announced_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ControlAction(Base):
    """Information from a public control action (offentlig kontrolaktion) that casts doubt on the person's
    availability, and integrationsloven § 27's two deadlines: the conversation within 1 week of the day the
    information came (stk. 1), the offer within 2 weeks of the first conversation (stk. 2; interim from the
    conversation's deadline until it is held). Each date stored with its rule and why."""

    __tablename__ = "control_action"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    received_on: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    conversation_due: Mapped[date] = mapped_column(Date, index=True)
    conversation_rule: Mapped[str] = mapped_column(String(40))
    conversation_why: Mapped[str] = mapped_column(Text)
    conversation_held_on: Mapped[date | None] = mapped_column(Date, default=None)
    offer_due: Mapped[date] = mapped_column(Date, index=True)
    offer_rule: Mapped[str] = mapped_column(String(40))
    offer_why: Mapped[str] = mapped_column(Text)
    offer_given_on: Mapped[date | None] = mapped_column(Date, default=None)
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
