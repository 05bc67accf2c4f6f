"""integrationsloven § 27 after a public control action (kontrolaktion): the information recorded with its day,
the conversation within 1 week of it (stk. 1) and the offer within 2 weeks of the first conversation (stk. 2),
each date from shared.law stored with its rule and why. Until the conversation is held the offer's date is
interim, counted from the conversation's deadline, and its why says so; the conversation held moves it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from employment.followup.models import ControlAction
from employment.followup.schemas import ControlActionIn, ControlActionOut, ControlStepIn
from employment.intake import service as intake
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, Invalid, NotFound
from shared.law import integrationsloven
from shared.law.calendar import dk_long

OLDEST = timedelta(days=366)  # information older than a year is a typing error, not a control action to act on


def _interim_offer(conversation_due: date) -> tuple[date, str, str]:
    law = integrationsloven.control_offer_due(conversation_due)
    why = (
        f"Foreløbig frist: den første samtale efter kontrolaktionen er ikke holdt endnu. Tilbuddet skal gives inden "
        f"2 uger efter den første samtale (§ 27, stk. 2); indtil samtalen er holdt, regnes fristen fra samtalens "
        f"frist {dk_long(conversation_due)}, dvs. senest {dk_long(law.due)}. Fristen regnes igen fra den dag, "
        f"samtalen holdes."
    )
    return law.due, law.rule, why


def record(session: Session, *, case_id: int, data: ControlActionIn, by: Principal) -> ControlAction:
    """The information from a control action about the case: both § 27 deadlines computed and stored."""
    intake.known_case(session, case_id)
    if data.received_on > today():
        raise Invalid(
            "received_on must not be in the future", field="received_on", danish="Datoen må ikke ligge i fremtiden"
        )
    if data.received_on < today() - OLDEST:
        raise Invalid(
            "received_on is more than a year back", field="received_on", danish="Datoen ligger mere end et år tilbage"
        )
    conversation = integrationsloven.control_conversation_due(data.received_on)
    offer_due, offer_rule, offer_why = _interim_offer(conversation.due)
    row = ControlAction(
        case_id=case_id,
        received_on=data.received_on,
        what=data.what,
        conversation_due=conversation.due,
        conversation_rule=conversation.rule,
        conversation_why=conversation.explanation,
        offer_due=offer_due,
        offer_rule=offer_rule,
        offer_why=offer_why,
        recorded_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, action_id: int, *, version: int | None = None) -> ControlAction:
    row = session.get(ControlAction, action_id, with_for_update=version is not None)
    if row is None:
        raise NotFound(f"no control action with id {action_id}", danish="Kontrolaktionen findes ikke")
    if version is not None and row.version != version:
        raise Conflict(
            f"control action {action_id} was changed by someone else (version {row.version})",
            danish="Kontrolaktionen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def _step_day(on: date, after: date, field: str, what: str) -> None:
    if on > today():
        raise Invalid(f"{field} must not be in the future", field=field, danish="Datoen må ikke ligge i fremtiden")
    if on < after:
        raise Invalid(f"{field} is before {what}", field=field, danish=f"Datoen ligger før {what}")


def conversation_held(session: Session, *, action_id: int, data: ControlStepIn) -> ControlAction:
    """The first conversation (§ 27, stk. 1) held: the offer is due 2 weeks after it (stk. 2)."""
    row = get(session, action_id, version=data.version)
    if row.conversation_held_on is not None:
        raise Conflict(
            f"the conversation of control action {action_id} is recorded already",
            danish="Samtalen efter kontrolaktionen er allerede registreret",
        )
    _step_day(data.on, row.received_on, "on", "oplysningerne kom")
    offer = integrationsloven.control_offer_due(data.on)
    row.conversation_held_on = data.on
    row.offer_due, row.offer_rule, row.offer_why = offer.due, offer.rule, offer.explanation
    session.flush()
    return row


def offer_given(session: Session, *, action_id: int, data: ControlStepIn) -> ControlAction:
    """The offer (or the order to take part in activities offered before) given (§ 27, stk. 2)."""
    row = get(session, action_id, version=data.version)
    if row.offer_given_on is not None:
        raise Conflict(
            f"the offer of control action {action_id} is recorded already",
            danish="Tilbuddet efter kontrolaktionen er allerede registreret",
        )
    if row.conversation_held_on is None:
        raise Conflict(
            f"control action {action_id}: record the conversation first",
            danish="Registrér samtalen efter kontrolaktionen, før tilbuddet registreres",
        )
    _step_day(data.on, row.conversation_held_on, "on", "samtalen")
    row.offer_given_on = data.on
    session.flush()
    return row


def out(row: ControlAction, on: date | None = None) -> ControlActionOut:
    day = on or today()
    result = ControlActionOut.model_validate(row)
    result.conversation_overdue = row.conversation_held_on is None and row.conversation_due < day
    result.offer_overdue = row.offer_given_on is None and row.offer_due < day
    return result


def for_case(session: Session, *, case_id: int) -> list[ControlAction]:
    intake.known_case(session, case_id)
    return list(
        session.scalars(select(ControlAction).where(ControlAction.case_id == case_id).order_by(ControlAction.id))
    )


def open_steps(session: Session) -> list[ControlAction]:
    """Every control action with a step still to do, the earliest deadline first (for the deadlines page)."""
    return list(
        session.scalars(
            select(ControlAction)
            .where(or_(ControlAction.conversation_held_on.is_(None), ControlAction.offer_given_on.is_(None)))
            .order_by(ControlAction.conversation_due, ControlAction.id)
        )
    )


def overdue(session: Session) -> list[ControlAction]:
    """Control actions with a § 27 deadline passed and its step not done, oldest first."""
    day = today()
    return [r for r in open_steps(session) if out(r, day).conversation_overdue or out(r, day).offer_overdue]
