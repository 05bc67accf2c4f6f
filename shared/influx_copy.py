"""A service's copy of the minister's § 4 b orders (integrationsloven § 4 b, stk. 2–3), recorded once in reception
and announced by ``reception.influx_order_recorded`` / ``_revoked``: the columns every copy has, the idempotent
keeping of one order, and the orders as they bind for the deadline computations (``shared.law.influx_case``).

Each service that computes a suspended deadline (education: danskuddannelsesloven § 5, stk. 1; employment: § 16)
declares its table as ``class InfluxOrderCopy(InfluxOrderColumns, Base)`` in its own database."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import Date, DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import today
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.db import BigId, try_insert, utcnow
from shared.law.influx import InfluxOrder
from shared.law.influx_case import as_in_force, standing_on


class InfluxOrderColumns:
    """One order as reception announced it, keyed by reception's id; a repeal is kept, never undone by a late copy
    of the recording."""

    order_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    reference: Mapped[str] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(String(10))
    applies_from: Mapped[date] = mapped_column(Date)
    applies_to: Mapped[date] = mapped_column(Date)
    extra_months: Mapped[int] = mapped_column(Integer)
    revoked_on: Mapped[date | None] = mapped_column(Date, default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


C = TypeVar("C", bound=InfluxOrderColumns)


def keep(session: Session, model: type[C], *, event: InfluxOrderRecorded | InfluxOrderRevoked) -> C:
    """Insert or update the copy of one order (idempotent: a repeated or late event changes nothing it should not;
    a repeal, once known, stays)."""
    row = session.get(model, event.order_id, with_for_update=True)
    if row is None:
        fresh = model()
        fresh.order_id = event.order_id
        _copy(fresh, event)
        if try_insert(session, fresh):
            return fresh
        row = session.get(model, event.order_id, with_for_update=True, populate_existing=True)
        assert row is not None  # the insert was refused because it exists
    _copy(row, event)
    session.flush()
    return row


def _copy(row: InfluxOrderColumns, event: InfluxOrderRecorded | InfluxOrderRevoked) -> None:
    row.reference, row.legal_basis = event.reference, event.legal_basis
    row.applies_from, row.applies_to, row.extra_months = event.applies_from, event.applies_to, event.extra_months
    row.revoked_on = row.revoked_on or event.revoked_on


def copies(session: Session, model: type[C]) -> list[C]:
    query = select(model).order_by(model.applies_from.desc(), model.order_id.desc())
    return list(session.scalars(query))


def orders_in_force(session: Session, model: type[C]) -> list[InfluxOrder]:
    """The orders as they bind (a repeal cuts the period it covers, see ``shared.law.influx_case.as_in_force``):
    what ``shared.law.influx_case.case_deadline`` takes as ``orders``."""
    found = (
        as_in_force(r.reference, r.applies_from, r.applies_to, r.extra_months, r.revoked_on)
        for r in copies(session, model)
    )
    return [order for order in found if order is not None]


def standing_today(session: Session, model: type[C], *, on: date | None = None) -> list[InfluxOrder]:
    """The orders whose period covers today (or ``on``): the pages' banner."""
    return standing_on(orders_in_force(session, model), on or today())
