"""Outbox, inbox and dead-letter tables: every service database has them (InfraBase metadata)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from shared.db import BigId, InfraBase, utcnow


class OutboxMessage(InfraBase):
    """An event written in the same transaction as the change that caused it; the relay sends it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(100))
    envelope: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)

    __table_args__ = (
        # The relay selects unsent rows (not rows above a high-water mark), so keep that cheap.
        Index(
            "ix_outbox_unsent",
            "id",
            postgresql_where=text("sent_at IS NULL"),
            sqlite_where=text("sent_at IS NULL"),
        ),
    )


class InboxMessage(InfraBase):
    """One row per (consumer, event): written in the handler's transaction, so effects happen once."""

    __tablename__ = "inbox"

    consumer: Mapped[str] = mapped_column(String(50), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(100))
    handled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DeadLetter(InfraBase):
    """An event whose handler kept failing after every retry; an operator lists and replays it."""

    __tablename__ = "dead_letter"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    consumer: Mapped[str] = mapped_column(String(50))
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    event_type: Mapped[str] = mapped_column(String(100))
    envelope: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    replayed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    replayed_by: Mapped[str | None] = mapped_column(String(100), default=None)
