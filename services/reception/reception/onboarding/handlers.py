"""Reception reacts to its own case events: open onboarding tasks follow an agreed arrival (R3).

The checklist itself opens with the case, in the handover's transaction (cases.service.open_case).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.onboarding import service
from shared.bus.envelope import EventEnvelope
from shared.contracts.reception import ArrivalScheduled


def on_arrival_scheduled(session: Session, event: ArrivalScheduled, _envelope: EventEnvelope) -> None:
    service.rebase_due_dates(session, case_id=event.case_id, arrival_date=event.arrival_date)
