"""Use cases for education offers from where the person stands (B6)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.intake import service as intake
from employment.offers.models import EducationOffer
from employment.offers.schemas import OfferIn, OfferUpdate
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, Invalid, NotFound

WITHIN = timedelta(days=2 * 366)


def create(session: Session, *, case_id: int, data: OfferIn, by: Principal) -> EducationOffer:
    intake.known_case(session, case_id)
    if abs(data.start_date - today()) > WITHIN:
        raise Invalid(
            "start_date must be within two years of today",
            field="start_date",
            danish="Startdatoen skal ligge inden for to år fra i dag",
        )
    row = EducationOffer(
        case_id=case_id,
        kind=data.kind.value,
        provider=data.provider,
        start_date=data.start_date,
        note=data.note,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def update(session: Session, *, offer_id: int, data: OfferUpdate) -> EducationOffer:
    row = session.get(EducationOffer, offer_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no education offer with id {offer_id}", danish="Tilbuddet findes ikke")
    if row.version != data.version:
        raise Conflict(
            f"education offer {offer_id} was changed by someone else (version {row.version})",
            danish="Tilbuddet er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    row.status = data.status.value
    if data.note is not None:
        row.note = data.note
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[EducationOffer]:
    intake.known_case(session, case_id)
    return list(
        session.scalars(
            select(EducationOffer).where(EducationOffer.case_id == case_id).order_by(EducationOffer.start_date)
        )
    )


def recent(session: Session, *, limit: int = 200) -> list[EducationOffer]:
    return list(session.scalars(select(EducationOffer).order_by(EducationOffer.start_date.desc()).limit(limit)))
