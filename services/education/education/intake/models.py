"""The language assessment (afdækning af sprogkundskaber) and enrolment at a language school per case (E1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class LanguageAssessment(Base):
    """One per case reception opened: "to schedule", then assessed (track and start module), then enrolled."""

    __tablename__ = "language_assessment"

    case_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_number: Mapped[str] = mapped_column(String(20))
    # danskuddannelsesloven § 5, stk. 1: the deadline for Danish education to start, the rule that set it and
    # why (shared.law). Until reception announces the day responsibility passed (``responsibility_from`` None)
    # the date is an interim one counted from the expected arrival, and ``due_why`` says so.
    due_date: Mapped[date] = mapped_column(Date)
    due_rule: Mapped[str] = mapped_column(String(40), default="", server_default="")
    due_why: Mapped[str] = mapped_column(Text, default="", server_default="")
    responsibility_from: Mapped[date | None] = mapped_column(Date, default=None)
    # How responsibility passed (reception's basis: placement_rule, consent, cpr_registration): whether
    # integrationsloven § 4 b suspends the deadline.
    responsibility_basis: Mapped[str | None] = mapped_column(String(30), default=None)
    status: Mapped[str] = mapped_column(String(20), default="to_schedule")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    assessed_on: Mapped[date | None] = mapped_column(Date, default=None)
    assessed_by: Mapped[str | None] = mapped_column(String(200), default=None)
    track: Mapped[str | None] = mapped_column(String(3), default=None)
    start_module: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class LanguageEnrolment(Base):
    """The case's enrolment at a language school with its level placement (track and module)."""

    __tablename__ = "language_enrolment"

    case_id: Mapped[int] = mapped_column(ForeignKey("language_assessment.case_id"), primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("language_school.id"), index=True)
    track: Mapped[str] = mapped_column(String(3))
    module: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    enrolled_by: Mapped[str] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # integrationsloven § 21, stk. 3: the right to Danish education runs out 5 years after the day the person
    # can begin (the start date); None for enrolments from before it was stored.
    right_expires_on: Mapped[date | None] = mapped_column(Date, default=None)
    right_rule: Mapped[str] = mapped_column(String(40), default="", server_default="")
    right_why: Mapped[str] = mapped_column(Text, default="", server_default="")
