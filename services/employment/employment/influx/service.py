"""The § 4 b orders as employment knows them: the copy kept from reception's events, the orders as they bind for
computing the programme's offer (integrationsloven § 16, rule ``inl16-programme``), and the hook run when they
change."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.influx.models import InfluxOrderCopy
from shared.clock import today
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.db import try_insert
from shared.law.influx import InfluxOrder
from shared.law.influx_case import as_in_force, standing_on


def keep(session: Session, *, event: InfluxOrderRecorded | InfluxOrderRevoked) -> InfluxOrderCopy:
    """Insert or update the copy of one order (idempotent: a repeated or late event changes nothing it should not;
    a repeal, once known, stays)."""
    row = session.get(InfluxOrderCopy, event.order_id, with_for_update=True)
    if row is None:
        row = InfluxOrderCopy(
            order_id=event.order_id,
            reference=event.reference,
            legal_basis=event.legal_basis,
            applies_from=event.applies_from,
            applies_to=event.applies_to,
            extra_months=event.extra_months,
            revoked_on=event.revoked_on,
        )
        if try_insert(session, row):
            return row
        row = session.get(InfluxOrderCopy, event.order_id, with_for_update=True, populate_existing=True)
        assert row is not None  # the insert was refused because it exists
    row.reference, row.legal_basis = event.reference, event.legal_basis
    row.applies_from, row.applies_to, row.extra_months = event.applies_from, event.applies_to, event.extra_months
    row.revoked_on = row.revoked_on or event.revoked_on
    session.flush()
    return row


def copies(session: Session) -> list[InfluxOrderCopy]:
    query = select(InfluxOrderCopy).order_by(InfluxOrderCopy.applies_from.desc(), InfluxOrderCopy.order_id.desc())
    return list(session.scalars(query))


def orders_in_force(session: Session) -> list[InfluxOrder]:
    """The orders as they bind (a repeal cuts the period it covers, see ``shared.law.influx_case.as_in_force``):
    what ``shared.law.influx_case.case_deadline`` takes as ``orders``."""
    rows = copies(session)
    found = (as_in_force(r.reference, r.applies_from, r.applies_to, r.extra_months, r.revoked_on) for r in rows)
    return [order for order in found if order is not None]


def standing_today(session: Session, *, on: date | None = None) -> list[InfluxOrder]:
    """The orders whose period covers today (or ``on``): the pages' banner."""
    return standing_on(orders_in_force(session), on or today())
