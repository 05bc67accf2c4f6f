"""One line of a language school's absence list: a person, a course, a period, hours (E4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class AbsenceReport(Base):
    __tablename__ = "absence_report"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    course: Mapped[str] = mapped_column(String(200))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    planned_hours: Mapped[int] = mapped_column(Integer)
    absent_hours: Mapped[int] = mapped_column(Integer)
    excused_hours: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(String(100))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Whether the school gave the days of the unexcused hours (AbsenceDay rows); lines registered before
    # days were asked for, or without them, are undated: their hours count as on the period's first day.
    days_dated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # One line per person, course and period: registering the same list twice is a conflict.
    __table_args__ = (UniqueConstraint("case_id", "course", "period_start", "period_end"),)


class AbsenceDay(Base):
    """One day of unexcused absence on an absence list line, with its hours (aktivloven § 35, stk. 3: each
    breach is dated on its own day)."""

    __tablename__ = "absence_day"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    absence_id: Mapped[int] = mapped_column(ForeignKey("absence_report.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    hours: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("absence_id", "on"),)


class ModuleTest(Base):
    """Progression: a module test the person passed at the language school (E4)."""

    __tablename__ = "module_test"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    track: Mapped[str] = mapped_column(String(3))
    module: Mapped[int] = mapped_column(Integer)
    passed_on: Mapped[date] = mapped_column(Date)
    registered_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("case_id", "track", "module"),)


class FollowUpConversation(Base):
    """The follow-up conversation (opfølgningssamtale) on a registered absence: planned, then held (E4)."""

    __tablename__ = "follow_up_conversation"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    absence_id: Mapped[int] = mapped_column(ForeignKey("absence_report.id"), unique=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    planned_on: Mapped[date] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Whether Økonomisk Team should consider a sanction; None until the conversation is held.
    sanction_recommended: Mapped[bool | None] = mapped_column(Boolean, default=None)
    updated_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
