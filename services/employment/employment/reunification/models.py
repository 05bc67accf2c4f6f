"""The security deposit (sikkerhedsstillelse) and the notes of a family-reunification case (B10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from employment.db import Base
from shared.db import BigId


class SecurityDeposit(Base):
    __tablename__ = "security_deposit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("foreigner_case.id"), unique=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # DKK
    form: Mapped[str] = mapped_column(String(20))  # bank_guarantee, deposit
    lodged_on: Mapped[date | None] = mapped_column(Date, default=None)
    released_on: Mapped[date | None] = mapped_column(Date, default=None)
    created_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ReunificationNote(Base):
    """A note on the employment effort or on the coordination with the rest of the administration."""

    __tablename__ = "reunification_note"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("foreigner_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # effort, coordination
    noted_on: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
