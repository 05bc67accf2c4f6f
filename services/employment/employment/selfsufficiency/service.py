"""Reporting self-sufficiency (B7): reception stops the case's benefits from the date given."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.followup import service as followups
from employment.intake.models import MatchConversation
from employment.selfsufficiency.models import SelfSufficiency
from employment.selfsufficiency.schemas import SelfSufficiencyIn
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.employment import SelfSufficiencyReported
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "employment"
# A job starting soon may be reported ahead; a report far back would reopen paid months.
MAX_AHEAD = timedelta(days=92)
MAX_BACK = timedelta(days=31)


def report(session: Session, *, case_id: int, data: SelfSufficiencyIn, by: Principal) -> SelfSufficiency:
    """Record that the person supports themselves from ``effective_from`` and tell reception."""
    if session.get(MatchConversation, case_id) is None:  # employment knows the cases reception opened
        raise NotFound(f"case {case_id} is not known to employment", danish="Sagen kendes ikke")
    if not today() - MAX_BACK <= data.effective_from <= today() + MAX_AHEAD:
        raise Invalid(
            "effective_from must be within a month back and three months ahead",
            field="effective_from",
            danish="Datoen skal ligge højst en måned tilbage og højst tre måneder frem",
        )
    row = SelfSufficiency(case_id=case_id, **data.model_dump(), reported_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"case {case_id} is reported self-supporting already", danish="Sagen er allerede meldt selvforsørgende"
        )
    # § 20, stk. 1, 5. pkt.: in ordinary work or education without benefit, a follow-up every 12 months.
    followups.self_supporting(session, case_id=case_id, kind=row.kind, effective_from=row.effective_from)
    publish(
        session,
        SelfSufficiencyReported(case_id=case_id, report_id=row.id, kind=row.kind, effective_from=row.effective_from),
        producer=SERVICE,
    )
    return row


def for_case(session: Session, *, case_id: int) -> SelfSufficiency | None:
    return session.scalar(select(SelfSufficiency).where(SelfSufficiency.case_id == case_id))
