"""The § 4 b orders as employment knows them: the copy kept from reception's events, the orders as they bind for
computing the programme's offer (integrationsloven § 16, rule ``inl16-programme``), and the hook run when they
change."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.influx.models import InfluxOrderCopy
from shared.clock import today
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.db import try_insert
from shared.law.influx import InfluxOrder
from shared.law.influx_case import as_in_force, standing_on

log = logging.getLogger(__name__)


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


def recompute_suspended_deadlines(session: Session, *, orders: list[InfluxOrder]) -> int:
    """Recompute the deadlines § 4 b suspends for the cases whose responsibility day an order now covers (or no
    longer covers); returns how many were changed.

    TODO(issue 14, wiring after merge): employment has no § 16 programme deadline on main yet (the programme work
    under way adds it), and employment.intake keeps neither a case's responsibility day nor its basis, so nothing
    can be recomputed from here without changing those packages.
    Once it does, for each case with its ``taken_over_on`` and ``basis``:
    ``case_deadline(integrationsloven.programme_due, taken_over_on, basis=basis, settings=settings, orders=orders)``
    (``shared.law.influx_case``; ``settings``: the service's, for the municipality's § 4 b, stk. 4 decision)
    and store the due date with its rule and explanation."""
    log.info("§ 4 b orders changed (%d binding); no suspended deadline is recomputed yet", len(orders))
    return 0


def on_orders_changed(session: Session) -> int:
    """The hook run after an order's copy changed: recomputes the suspended deadlines; publishes nothing."""
    return recompute_suspended_deadlines(session, orders=orders_in_force(session))
