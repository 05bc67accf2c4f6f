"""Language schools; the cooperation texts with each (strategy, programme); the steering group (styregruppe) and
the business committee (forretningsudvalg) (E2).

The two bodies are modelled alike: members (with the day they left) and meetings (agenda, minutes, decisions); a
row's ``committee`` says which body it belongs to ("steering" or "business", see ``schemas.Committee``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from education.db import Base
from shared.db import BigId, utcnow


class LanguageSchool(Base):
    __tablename__ = "language_school"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(100))


class CooperationText(Base):
    """A strategy or programme agreed with the school, valid for a period; edited with its version."""

    __tablename__ = "cooperation_text"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("language_school.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SteeringMember(Base):
    """A member of the steering group (styregruppe) or business committee (forretningsudvalg); edited with its version.

    A member who leaves keeps the row with the day they left (``left_on``): the group's history stays.
    """

    __tablename__ = "steering_member"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("language_school.id"), index=True)
    committee: Mapped[str] = mapped_column(String(20), default="steering", server_default="steering")
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    left_on: Mapped[date | None] = mapped_column(Date, default=None)
    updated_by: Mapped[str | None] = mapped_column(String(100), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SteeringMeeting(Base):
    """A steering-group or business-committee meeting: agenda first, minutes and decisions afterwards.

    Edited with its version.
    """

    __tablename__ = "steering_meeting"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("language_school.id"), index=True)
    committee: Mapped[str] = mapped_column(String(20), default="steering", server_default="steering")
    held_on: Mapped[date] = mapped_column(Date)
    agenda: Mapped[str] = mapped_column(Text)
    minutes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
