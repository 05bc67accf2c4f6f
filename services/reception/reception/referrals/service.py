"""Use cases for referrals to BKF and Sundhedscentret (R12, R13)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.service import get_case
from reception.referrals.models import Referral
from reception.referrals.schemas import OWNERS, ReferralIn, ReferralStatus, ReferralUpdate
from shared.auth import Principal
from shared.db import utcnow
from shared.errors import Conflict, Forbidden, Invalid, NotFound

# A referral moves forward only; "closed" may follow any state (declined or finished).
NEXT_STATUSES = {
    ReferralStatus.REQUESTED: {ReferralStatus.ACCEPTED, ReferralStatus.CLOSED},
    ReferralStatus.ACCEPTED: {ReferralStatus.STARTED, ReferralStatus.CLOSED},
    ReferralStatus.STARTED: {ReferralStatus.CLOSED},
    ReferralStatus.CLOSED: set(),
}


def refer(session: Session, *, case_id: int, data: ReferralIn, by: Principal) -> Referral:
    """Refer a household member to BKF (daycare, school, special measures) or Sundhedscentret."""
    case = get_case(session, case_id=case_id)
    household = {case.full_name, *(m.full_name for m in case.family_members)}
    if data.person not in household:
        raise Invalid(
            "the person must be the case's person or one of the family members",
            field="person",
            danish="Personen skal være sagens person eller et familiemedlem",
        )
    row = Referral(
        case_id=case_id,
        kind=data.kind.value,
        owner_department=OWNERS[data.kind].value,
        person=data.person,
        reason=data.reason,
        requested_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def update(session: Session, *, referral_id: int, data: ReferralUpdate, by: Principal) -> Referral:
    """The owning department moves the referral on (accepted, started, closed)."""
    row = session.get(Referral, referral_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no referral with id {referral_id}", danish="Henvisningen findes ikke")
    if by.department.value != row.owner_department:
        raise Forbidden(
            f"only {row.owner_department} updates this referral",
            danish="Kun den modtagende afdeling kan opdatere henvisningen",
        )
    if data.status not in NEXT_STATUSES[ReferralStatus(row.status)]:
        raise Conflict(
            f"a {row.status} referral cannot become {data.status.value}",
            danish="Henvisningen kan ikke skifte til den status",
        )
    row.status, row.note = data.status.value, data.note or row.note
    row.updated_by, row.updated_at = by.user, utcnow()
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[Referral]:
    get_case(session, case_id=case_id)
    return list(session.scalars(select(Referral).where(Referral.case_id == case_id).order_by(Referral.id)))
