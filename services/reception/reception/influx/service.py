"""Use cases for the § 4 b orders: record, list, repeal; each change published for education and employment."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.influx.models import InfluxOrderRecord
from reception.influx.schemas import FIRST_ORDER_DAY, OrderIn, RevokeIn
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound
from shared.law.influx import InfluxOrder
from shared.law.influx_case import as_in_force, standing_on

SERVICE = "reception"
# An order is announced before it applies, but not years ahead: further is a typing error.
FURTHEST_AHEAD = timedelta(days=2 * 366)
# A repeal dated more than a year ahead is a typing error too.
REPEAL_AHEAD = timedelta(days=366)


def _event(row: InfluxOrderRecord) -> dict[str, object]:
    return {
        "order_id": row.id,
        "reference": row.reference,
        "legal_basis": row.legal_basis,
        "applies_from": row.applies_from,
        "applies_to": row.applies_to,
        "extra_months": row.extra_months,
        "revoked_on": row.revoked_on,
    }


def record_order(session: Session, *, data: OrderIn, by: Principal) -> InfluxOrderRecord:
    """Record a § 4 b order once (its reference is unique); publishes ``reception.influx_order_recorded``."""
    if data.applies_from > today() + FURTHEST_AHEAD:
        raise Invalid(
            "applies_from is more than 2 years ahead",
            field="applies_from",
            danish="Perioden begynder mere end 2 år ude i fremtiden – tjek datoen",
        )
    row = InfluxOrderRecord(
        reference=data.reference,
        legal_basis=data.legal_basis.value,
        applies_from=data.applies_from,
        applies_to=data.applies_to,
        extra_months=data.extra_months,
        note=data.note,
        recorded_by=by.user,
    )
    if not try_insert(session, row):
        raise Conflict(
            f"an order {data.reference!r} is recorded already",
            field="reference",
            danish="Dette påbud er allerede registreret",
        )
    publish(session, InfluxOrderRecorded.model_validate(_event(row)), producer=SERVICE)
    return row


def get_order(session: Session, *, order_id: int, for_update: bool = False) -> InfluxOrderRecord:
    row = session.get(InfluxOrderRecord, order_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no § 4 b order with id {order_id}", danish="Påbuddet findes ikke")
    return row


def list_orders(session: Session) -> list[InfluxOrderRecord]:
    """Every order, repealed ones too, the newest period first."""
    query = select(InfluxOrderRecord).order_by(InfluxOrderRecord.applies_from.desc(), InfluxOrderRecord.id.desc())
    return list(session.scalars(query))


def revoke_order(session: Session, *, order_id: int, data: RevokeIn, by: Principal) -> InfluxOrderRecord:
    """Repeal the order from ``revoked_on`` (stk. 2, 2. pkt.); publishes ``reception.influx_order_revoked``.
    Never deleted; a second repeal is a conflict."""
    row = get_order(session, order_id=order_id, for_update=True)
    if row.revoked_on is not None:
        raise Conflict(
            f"order {order_id} was repealed on {row.revoked_on.isoformat()}",
            danish=f"Påbuddet er allerede ophævet pr. {row.revoked_on.strftime('%d.%m.%Y')}",
        )
    if data.revoked_on < FIRST_ORDER_DAY or data.revoked_on > today() + REPEAL_AHEAD:
        raise Invalid(
            "revoked_on must be between 5 May 2022 and a year from today",
            field="revoked_on",
            danish="Ophævelsesdatoen skal ligge mellem 5. maj 2022 og et år frem",
        )
    row.revoked_on, row.revoked_by, row.revoked_at = data.revoked_on, by.user, utcnow()
    row.revocation_note = data.note or None
    session.flush()
    publish(session, InfluxOrderRevoked.model_validate(_event(row)), producer=SERVICE)
    return row


def orders_in_force(session: Session) -> list[InfluxOrder]:
    """The orders as they bind (a repeal cuts the period it covers), for computing a case's suspension."""
    rows = list_orders(session)
    found = (as_in_force(r.reference, r.applies_from, r.applies_to, r.extra_months, r.revoked_on) for r in rows)
    return [order for order in found if order is not None]


def standing_today(session: Session, *, on: date | None = None) -> list[InfluxOrder]:
    """The orders whose period covers today (or ``on``) and that are not repealed: the pages' banner."""
    return standing_on(orders_in_force(session), on or today())
