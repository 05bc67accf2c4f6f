"""An election to the council for a term: candidates, voters, secret ballots, the recommendation (C3).

The secrecy of the ballot: ``vote_cast`` records *that* a voter voted, ``ballot`` records *which*
candidate got a vote; nothing links the two (a ballot has a random id, no voter and no time)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from council.db import Base
from shared.db import BigId, utcnow


class Election(Base):
    __tablename__ = "election"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    term_start: Mapped[date] = mapped_column(Date, unique=True)
    term_end: Mapped[date] = mapped_column(Date)
    seats: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(20), default="nomination")
    counted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    recommendation: Mapped[str | None] = mapped_column(Text, default=None)
    recommendation_meeting_date: Mapped[date | None] = mapped_column(Date, default=None)
    recommended_by: Mapped[str | None] = mapped_column(String(100), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Candidate(Base):
    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    nominated_by: Mapped[str] = mapped_column(String(200))
    eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    won_by_lot: Mapped[bool] = mapped_column(Boolean, default=False)


class Voter(Base):
    __tablename__ = "voter"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(200))
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("election_id", "name", "address"),)


class VoteCast(Base):
    """That a voter voted (once: the unique voter id refuses a second vote, even two racing requests)."""

    __tablename__ = "vote_cast"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), index=True)
    voter_id: Mapped[int] = mapped_column(ForeignKey("voter.id"), unique=True)
    cast_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BallotBox(Base):
    """The ballots for one candidate, as a count: no row per ballot, so nothing (order, time, id) can tie a
    vote to the voter whose ``VoteCast`` was written in the same transaction (a secret ballot)."""

    __tablename__ = "ballot_box"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"))
    votes: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("election_id", "candidate_id"),)


class LotDraw(Base):
    """The record of a draw by lot that settled a tie for the last seats (C3): when, by whom, before which
    witnesses, among which tied candidates, and who was drawn. One per election; the elected follow from it."""

    __tablename__ = "lot_draw"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), unique=True)
    drawn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    drawn_by: Mapped[str] = mapped_column(String(100))
    witnesses: Mapped[str] = mapped_column(Text)
    seats: Mapped[int] = mapped_column(Integer)
    tied_names: Mapped[str] = mapped_column(Text)
    drawn_names: Mapped[str] = mapped_column(Text)
