"""The coordinating team's monthly meetings: participants by department, agenda items, actions (C4)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from council.db import Base
from shared.db import BigId


class TeamMeeting(Base):
    __tablename__ = "team_meeting"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_date: Mapped[date] = mapped_column(Date, unique=True)
    created_by: Mapped[str] = mapped_column(String(100))


class TeamParticipant(Base):
    __tablename__ = "team_participant"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("team_meeting.id"), index=True)
    department: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("meeting_id", "department", "name"),)


class TeamAgendaItem(Base):
    __tablename__ = "team_agenda_item"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("team_meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("meeting_id", "position"),)


class TeamAction(Base):
    """An action agreed at a meeting: owner department, due date, open → done."""

    __tablename__ = "team_action"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("team_meeting.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(30))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
