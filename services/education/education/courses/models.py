"""Courses (one per kind, with its programme), their sessions, and each case's enrolment and attendance (E5)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class Course(Base):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40), unique=True)
    programme: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CourseSession(Base):
    """One meeting of a course (a hold): when, where, who teaches, how many seats."""

    __tablename__ = "course_session"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200))
    teacher: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))


class CourseEnrolment(Base):
    __tablename__ = "course_enrolment"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_session.id"), index=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    enrolled_by: Mapped[str] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # None until the teacher's attendance list is registered.
    attended: Mapped[bool | None] = mapped_column(Boolean, default=None)
    attendance_by: Mapped[str | None] = mapped_column(String(100), default=None)

    __table_args__ = (UniqueConstraint("session_id", "case_id"),)
