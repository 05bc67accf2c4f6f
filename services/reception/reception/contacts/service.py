"""Use cases for the asylum-centre contact log and the partner notifications of a handover (R1)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.contacts.models import AsylumCentreContact, PartnerNotification
from reception.contacts.schemas import ContactIn
from shared.auth import Department, Principal
from shared.clock import today
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid, NotFound

# Told of every handover: Borgerservice (CPR, health card); temporary housing only when the person needs it.
BORGERSERVICE, TEMPORARY_HOUSING = Department.BORGERSERVICE, Department.SOCIAL_PSYKIATRI


def _require_case(session: Session, case_id: int) -> None:
    # Not cases.service.get_case: cases.service calls notify_partners, and a cycle of imports would follow.
    if session.get(Case, case_id) is None:
        raise NotFound(f"no case with id {case_id}", danish="Sagen findes ikke")


def notify_partners(session: Session, *, case_id: int, temporary_housing: bool) -> list[PartnerNotification]:
    """Open a notification for each partner of a new case, in the handover's transaction."""
    partners = [BORGERSERVICE, TEMPORARY_HOUSING] if temporary_housing else [BORGERSERVICE]
    rows = [PartnerNotification(case_id=case_id, partner=p.value) for p in partners]
    session.add_all(rows)
    session.flush()
    return rows


def notifications(session: Session, *, case_id: int) -> list[PartnerNotification]:
    _require_case(session, case_id)
    query = select(PartnerNotification).where(PartnerNotification.case_id == case_id)
    return list(session.scalars(query.order_by(PartnerNotification.id)))


def acknowledge(session: Session, *, case_id: int, notification_id: int, by: Principal) -> PartnerNotification:
    """The partner confirms it has seen the new case; only that partner, and only once."""
    row = session.get(PartnerNotification, notification_id, with_for_update=True)
    if row is None or row.case_id != case_id:
        raise NotFound(f"no notification {notification_id} on case {case_id}", danish="Underretningen findes ikke")
    if by.department.value != row.partner:
        raise Forbidden(
            f"only {row.partner} acknowledges this notification",
            danish="Kun den underrettede afdeling kan kvittere",
        )
    if row.acknowledged_at is not None:
        raise Conflict(
            f"the notification was acknowledged already by {row.acknowledged_by}",
            danish="Underretningen er allerede kvitteret",
        )
    row.acknowledged_at, row.acknowledged_by = utcnow(), by.user
    session.flush()
    return row


def log_contact(session: Session, *, case_id: int, data: ContactIn, by: Principal) -> AsylumCentreContact:
    """Record a contact with the asylum centre about the person."""
    _require_case(session, case_id)
    if data.on > today():
        raise Invalid("the contact cannot be in the future", field="on", danish="Datoen må ikke ligge i fremtiden")
    row = AsylumCentreContact(
        case_id=case_id,
        on=data.on,
        channel=data.channel.value,
        contact_person=data.contact_person,
        summary=data.summary,
        by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def contact_log(session: Session, *, case_id: int) -> list[AsylumCentreContact]:
    """The contacts, newest first."""
    _require_case(session, case_id)
    query = select(AsylumCentreContact).where(AsylumCentreContact.case_id == case_id)
    return list(session.scalars(query.order_by(AsylumCentreContact.on.desc(), AsylumCentreContact.id.desc())))
