"""Reception's § 4 b orders arrive: the copy is kept (idempotent) and the suspended deadlines recomputed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from employment.influx import service
from employment.intake import service as intake
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import InfluxOrderRecorded, InfluxOrderRevoked


def on_order_recorded(session: Session, event: InfluxOrderRecorded, _envelope: EventEnvelope) -> None:
    service.keep(session, event=event)
    intake.recompute_suspended_deadlines(session)


def on_order_revoked(session: Session, event: InfluxOrderRevoked, _envelope: EventEnvelope) -> None:
    service.keep(session, event=event)
    intake.recompute_suspended_deadlines(session)
