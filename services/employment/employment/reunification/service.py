"""Use cases for family reunification of foreigners (B10): the security deposit lodged and released, notes."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment import lookups
from employment.foreigners import service as foreigners
from employment.foreigners.models import ForeignerCase
from employment.foreigners.service import ResidenceBasis
from employment.reunification.models import ReunificationNote, SecurityDeposit
from employment.reunification.schemas import DepositIn, Lodged, NoteIn, Released
from shared.auth import Principal
from shared.clock import today
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

BACK = timedelta(days=10 * 366)  # a deposit may have been lodged years before the case reached us


def reunification_case(session: Session, case_id: int) -> ForeignerCase:
    row = foreigners.get(session, case_id)
    if row.residence_basis != ResidenceBasis.FAMILY:
        raise Conflict(
            f"case {case_id} is not a family-reunification case",
            danish="Sagen er ikke en sag om familiesammenføring",
        )
    return row


def _in_range(value: date, field: str, *, earliest: date) -> None:
    if not earliest <= value <= today():
        raise Invalid(
            f"{field} must be between {earliest.isoformat()} and today",
            field=field,
            danish=f"Datoen skal ligge mellem {earliest:%d.%m.%Y} og i dag",
        )


def register_deposit(session: Session, *, case_id: int, data: DepositIn, by: Principal) -> SecurityDeposit:
    reunification_case(session, case_id)
    row = SecurityDeposit(case_id=case_id, amount=data.amount, form=data.form.value, created_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"case {case_id} has a security deposit already", danish="Sagen har allerede en sikkerhedsstillelse"
        )
    return row


def deposit(session: Session, *, case_id: int) -> SecurityDeposit | None:
    foreigners.get(session, case_id)
    return session.scalar(select(SecurityDeposit).where(SecurityDeposit.case_id == case_id))


def _current(session: Session, deposit_id: int, version: int) -> SecurityDeposit:
    row = session.get(SecurityDeposit, deposit_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no security deposit with id {deposit_id}", danish="Sikkerhedsstillelsen findes ikke")
    if row.version != version:
        raise Conflict(
            f"security deposit {deposit_id} was changed by someone else (version {row.version})",
            danish="Sikkerhedsstillelsen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def lodge(session: Session, *, deposit_id: int, data: Lodged) -> SecurityDeposit:
    row = _current(session, deposit_id, data.version)
    if row.lodged_on is not None:
        raise Conflict(f"security deposit {deposit_id} is lodged already", danish="Sikkerheden er allerede stillet")
    _in_range(data.lodged_on, "lodged_on", earliest=today() - BACK)
    row.lodged_on = data.lodged_on
    session.flush()
    return row


def release(session: Session, *, deposit_id: int, data: Released) -> SecurityDeposit:
    """Release the deposit: only after it was lodged, on or after that day."""
    row = _current(session, deposit_id, data.version)
    if row.lodged_on is None:
        raise Conflict(
            f"security deposit {deposit_id} has not been lodged; nothing to release",
            danish="Sikkerheden er ikke stillet endnu og kan ikke frigives",
        )
    if row.released_on is not None:
        raise Conflict(f"security deposit {deposit_id} is released already", danish="Sikkerheden er allerede frigivet")
    _in_range(data.released_on, "released_on", earliest=row.lodged_on)
    row.released_on = data.released_on
    session.flush()
    return row


def add_note(session: Session, *, case_id: int, data: NoteIn, by: Principal) -> ReunificationNote:
    reunification_case(session, case_id)
    _in_range(data.noted_on, "noted_on", earliest=today() - BACK)
    row = ReunificationNote(case_id=case_id, kind=data.kind.value, noted_on=data.noted_on, by=by.user, text=data.text)
    session.add(row)
    session.flush()
    return row


def notes(session: Session, *, case_id: int) -> list[ReunificationNote]:
    foreigners.get(session, case_id)
    return list(
        session.scalars(
            select(ReunificationNote).where(ReunificationNote.case_id == case_id).order_by(ReunificationNote.id)
        )
    )


def cases(session: Session, *, by: Principal) -> list[tuple[ForeignerCase, SecurityDeposit | None]]:
    """The family-reunification cases with their deposit; the read is logged."""
    foreigners.log_access(session, by=by, case_id=None, purpose=lookups.LIST_REUNIFICATION_CASES)
    rows = session.execute(
        select(ForeignerCase, SecurityDeposit)
        .outerjoin(SecurityDeposit, SecurityDeposit.case_id == ForeignerCase.id)
        .where(ForeignerCase.residence_basis == ResidenceBasis.FAMILY.value)
        .order_by(ForeignerCase.id.desc())
    )
    return [(c, d) for c, d in rows]
