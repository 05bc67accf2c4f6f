"""Civil society (Frivillighedsområdet): volunteers, host families and mentors, starter packages (R7–R9),
and the town hall's welcome meetings (R10)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reception.db import Base
from shared.db import BigId, utcnow


class Volunteer(Base):
    __tablename__ = "volunteer"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    skills: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    availability: Mapped[str] = mapped_column(String(200), default="")
    background_check: Mapped[str] = mapped_column(String(20), default="pending")


class Match(Base):
    """A host family or mentor agreement: content, purpose and follow-up, from its start until it is ended.

    An ended agreement (``status`` "ended") keeps its end date, reason and who ended it, and has no next follow-up.
    """

    __tablename__ = "volunteer_match"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    follow_up_days: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[date] = mapped_column(Date)
    next_follow_up: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    end_reason: Mapped[str | None] = mapped_column(String(30), nullable=True, default=None)
    end_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    ended_by: Mapped[str | None] = mapped_column(String(100), nullable=True, default=None)


class FollowUpNote(Base):
    __tablename__ = "match_follow_up"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("volunteer_match.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))


class StarterPackage(Base):
    __tablename__ = "starter_package"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    items: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="requested")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WelcomeMeeting(Base):
    __tablename__ = "welcome_meeting"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))


class Invitation(Base):
    __tablename__ = "welcome_invitation"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("welcome_meeting.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    attended: Mapped[bool | None] = mapped_column(Boolean, default=None)

    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)
