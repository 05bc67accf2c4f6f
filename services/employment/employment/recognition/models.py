"""An application to have a foreign qualification recognised, with its document checklist (B3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from employment.db import Base
from shared.db import BigId, utcnow


class Recognition(Base):
    __tablename__ = "recognition"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    qualification: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(200))
    authority: Mapped[str] = mapped_column(String(40))
    # The document checklist: collected yes/no.
    diploma: Mapped[bool] = mapped_column(Boolean, default=False)
    transcripts: Mapped[bool] = mapped_column(Boolean, default=False)
    translation: Mapped[bool] = mapped_column(Boolean, default=False)
    identity: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="collecting")  # collecting, submitted, recognised, refused
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None)
    answered_on: Mapped[date | None] = mapped_column(Date, default=None)
    recognised_as: Mapped[str | None] = mapped_column(String(200), default=None)
    answer_note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
