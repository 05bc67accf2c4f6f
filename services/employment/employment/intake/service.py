"""Scheduling the match conversation (job-ready or activity-ready) (B1); the cases employment knows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.influx import service as influx
from employment.intake.models import MatchConversation
from shared.bus.inbox import NotYetKnown
from shared.errors import NotFound
from shared.law import integrationsloven
from shared.law.calendar import dk_long
from shared.law.influx import InfluxOrder
from shared.law.influx_case import case_deadline
from shared.settings import MunicipalDecisions

# The match conversation (B1) is planned two weeks after the arrival (a local practice, not a statutory date).
DUE_AFTER_ARRIVAL = timedelta(days=14)
FAMILY_REUNIFICATION = "family_reunification_9"


def schedule(
    session: Session,
    *,
    case_id: int,
    case_number: str,
    arrival: date,
    residence_basis: str | None = None,
    born_on: date | None = None,
) -> MatchConversation:
    """Put the case on the list to schedule; a repeat keeps the first entry."""
    row = session.get(MatchConversation, case_id)
    if row is None:
        row = MatchConversation(
            case_id=case_id,
            case_number=case_number,
            due_date=arrival + DUE_AFTER_ARRIVAL,
            arrival_date=arrival,
            residence_basis=residence_basis,
            born_on=born_on,
            programme_why=(
                "Fristen for programmet (integrationsloven § 16) regnes fra den dag, kommunen overtager ansvaret "
                "(§ 4). Reception har ikke meddelt den dag endnu."
            ),
        )
        session.add(row)
        session.flush()
    return row


def programme(
    row: MatchConversation,
    responsibility_from: date,
    basis: str | None,
    *,
    decisions: MunicipalDecisions,
    orders: Sequence[InfluxOrder],
) -> tuple[date | None, str, str]:
    """integrationsloven § 16: the programme's deadline from the responsibility day, or none (with why) for a
    person under 18 that day; an unknown birth date gives the deadline and says the age was not checked."""
    if row.born_on is not None and not integrationsloven.adult_when_responsibility_passes(
        row.born_on, responsibility_from
    ):
        return None, "inl16-programme", integrationsloven.no_programme_reason(row.born_on, responsibility_from)
    law = (
        integrationsloven.programme_due(responsibility_from)
        if basis is None  # a row from before the basis was kept: no suspension known
        else case_deadline(
            integrationsloven.programme_due,
            responsibility_from,
            basis=basis,
            settings=decisions,
            orders=orders,
        )
    )
    why = law.explanation
    if row.born_on is None:
        why += (
            " Fødselsdatoen er ikke oplyst til jobcentret, så det er ikke kontrolleret, at personen var fyldt 18 år "
            "den dag (§ 16, stk. 1 og 2)."
        )
    else:
        why += f" Personen var fyldt 18 år den dag (født {dk_long(row.born_on)})."
    return law.due, law.rule, why


def recompute_suspended_deadlines(session: Session) -> int:
    """The § 4 b orders changed: every case with a known responsibility day gets § 16's date again; returns how
    many moved."""
    decisions, orders = MunicipalDecisions(), influx.orders_in_force(session)  # once for every case
    moved = 0
    known = select(MatchConversation).where(MatchConversation.responsibility_from.is_not(None))
    for row in session.scalars(known.with_for_update()):
        assert row.responsibility_from is not None
        found = programme(row, row.responsibility_from, row.responsibility_basis, decisions=decisions, orders=orders)
        if found != (row.programme_due, row.programme_rule, row.programme_why):
            row.programme_due, row.programme_rule, row.programme_why = found
            moved += 1
    session.flush()
    return moved


def responsibility_taken_over(session: Session, *, case_id: int, taken_over_on: date, basis: str) -> MatchConversation:
    """Reception announced (again) the day responsibility passed: § 16's deadline counted from it, stored with
    its rule and why; a corrected day moves it, the same day again changes nothing."""
    row = session.get(MatchConversation, case_id, with_for_update=True)
    if row is None:
        # The case's opening is still on its way (one commit in reception published both): retried.
        raise NotYetKnown(f"case {case_id} is not known to employment yet")
    row.responsibility_from, row.responsibility_basis = taken_over_on, basis
    row.programme_due, row.programme_rule, row.programme_why = programme(
        row, taken_over_on, basis, decisions=MunicipalDecisions(), orders=influx.orders_in_force(session)
    )
    session.flush()
    return row


def pending(session: Session) -> list[MatchConversation]:
    return list(session.scalars(select(MatchConversation).order_by(MatchConversation.due_date)))


def known_case(session: Session, case_id: int, *, field: str | None = None) -> MatchConversation:
    """The case as employment knows it from reception, or a 404."""
    row = session.get(MatchConversation, case_id)
    if row is None:
        raise NotFound(f"case {case_id} is not known to employment", field=field, danish="Sagen kendes ikke")
    return row


def arrival_of(row: MatchConversation) -> date:
    """The arrival date; rows from before it was stored derive it from the due date."""
    return row.arrival_date if row.arrival_date is not None else row.due_date - DUE_AFTER_ARRIVAL


def mark_done(session: Session, *, case_id: int, visitation_completed_on: date | None = None) -> None:
    row = session.get(MatchConversation, case_id)
    if row is not None:
        row.status = "done"
        if visitation_completed_on is not None:
            row.visitation_completed_on = visitation_completed_on


def case_numbers(session: Session) -> dict[int, str]:
    return {r.case_id: r.case_number for r in pending(session)}
