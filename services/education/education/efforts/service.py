"""Use cases for the special language efforts: plan, move through the statuses, record the outcome (E3)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.efforts.models import LanguageEffort
from education.efforts.schemas import STATUS_LABELS, TRANSITIONS, EffortIn, EffortStatus, EffortUpdate
from education.intake.service import known_case
from shared.auth import Principal
from shared.db import utcnow
from shared.errors import Conflict, Invalid, NotFound

# An effort longer than this is a typing error (the Danish education right itself lasts 5 years).
LONGEST = timedelta(days=3 * 366)


def plan(session: Session, *, case_id: int, data: EffortIn, by: Principal) -> LanguageEffort:
    """Plan a special language effort for the case."""
    known_case(session, case_id)
    if data.to_date - data.from_date > LONGEST:
        raise Invalid("the period is longer than three years", field="to_date", danish="Perioden er længere end tre år")
    row = LanguageEffort(case_id=case_id, **data.model_dump(), created_by=by.user, updated_by=by.user)
    session.add(row)
    session.flush()
    return row


def get(session: Session, effort_id: int, *, for_update: bool = False) -> LanguageEffort:
    row = session.get(LanguageEffort, effort_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no language effort with id {effort_id}", danish="Indsatsen findes ikke")
    return row


def update(session: Session, *, effort_id: int, data: EffortUpdate, by: Principal) -> LanguageEffort:
    """Move the status on (planned → started → completed; cancelled from either) and/or note the outcome."""
    row = get(session, effort_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"language effort {effort_id} was changed by someone else (version {row.version})",
            danish="Indsatsen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if data.status is not None and data.status.value != row.status:
        if data.status.value not in TRANSITIONS[row.status]:
            now, wanted = STATUS_LABELS[EffortStatus(row.status)], STATUS_LABELS[data.status]
            raise Conflict(
                f"an effort that is {row.status} cannot become {data.status.value}",
                field="status",
                danish=f"En indsats, der er {now.lower()}, kan ikke ændres til {wanted.lower()}",
            )
        row.status = data.status.value
    if data.outcome:
        row.outcome = data.outcome
    row.updated_by, row.updated_at = by.user, utcnow()
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[LanguageEffort]:
    query = select(LanguageEffort).where(LanguageEffort.case_id == case_id)
    return list(session.scalars(query.order_by(LanguageEffort.from_date, LanguageEffort.id)))


def all_efforts(session: Session) -> list[LanguageEffort]:
    return list(session.scalars(select(LanguageEffort).order_by(LanguageEffort.from_date.desc(), LanguageEffort.id)))
