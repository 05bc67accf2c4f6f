"""Use cases for other foreigners' cases (B11); every read of a case is access-logged (shared.access)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment import lookups
from employment.foreigners.models import (
    CitizenRequest,
    DanishClassRequest,
    ForeignerCase,
    ForeignerNote,
)
from employment.foreigners.schemas import (
    CitizenRequestIn,
    CitizenRequestOut,
    ClassRequestIn,
    ClassRequestOut,
    ClassRequestUpdate,
    ForeignerDetail,
    ForeignerOut,
    NoteIn,
    NoteOut,
    ResponseIn,
)
from employment.foreigners.schemas import ForeignerIn as ForeignerIn
from employment.foreigners.schemas import ResidenceBasis as ResidenceBasis
from shared import access
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, Invalid, NotFound
from shared.law import danskuddannelsesloven

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

OLDEST = timedelta(days=130 * 366)
BACK = timedelta(days=5 * 366)


def _not_future(value: date, field: str) -> None:
    if value > today():
        raise Invalid(f"{field} must not be in the future", field=field, danish="Datoen må ikke ligge i fremtiden")
    if value < today() - BACK:
        raise Invalid(
            f"{field} is more than five years back", field=field, danish="Datoen ligger mere end fem år tilbage"
        )


def log_access(session: Session, *, by: Principal, case_id: int | None, purpose: str) -> None:
    """Record a read of a foreigner case (``case_id`` None: a list) in the shared access log.

    Its purpose must be one of ``lookups.FOREIGNER_PURPOSES``: they tell its case id from reception's."""
    if purpose not in lookups.FOREIGNER_PURPOSES:
        raise ValueError(f"not a foreigner-case purpose: {purpose}")
    access.record(session, by=by, purpose=purpose, case_id=case_id)


def create(session: Session, *, data: ForeignerIn, by: Principal) -> ForeignerCase:
    if data.date_of_birth > today():
        raise Invalid(
            "date_of_birth must not be in the future", field="date_of_birth", danish="Datoen må ikke ligge i fremtiden"
        )
    if data.date_of_birth < today() - OLDEST:
        raise Invalid(
            "date_of_birth is more than 130 years back",
            field="date_of_birth",
            danish="Datoen ligger mere end 130 år tilbage",
        )
    row = ForeignerCase(
        name=data.name, date_of_birth=data.date_of_birth, residence_basis=data.residence_basis.value, created_by=by.user
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, case_id: int) -> ForeignerCase:
    row = session.get(ForeignerCase, case_id)
    if row is None:
        raise NotFound(f"no foreigner case with id {case_id}", danish="Sagen findes ikke")
    return row


def cases(session: Session, *, by: Principal) -> list[ForeignerCase]:
    """Every case, newest first; the read is logged."""
    log_access(session, by=by, case_id=None, purpose=lookups.LIST_FOREIGNER_CASES)
    return list(session.scalars(select(ForeignerCase).order_by(ForeignerCase.id.desc())))


def detail(session: Session, *, case_id: int, by: Principal) -> ForeignerDetail:
    """The case with its notes and requests; the read is logged."""
    row = get(session, case_id)
    log_access(session, by=by, case_id=case_id, purpose=lookups.READ_FOREIGNER_CASE)

    def of(model: type[ForeignerNote] | type[DanishClassRequest] | type[CitizenRequest]) -> list[object]:
        return list(session.scalars(select(model).where(model.case_id == case_id).order_by(model.id)))

    return ForeignerDetail(
        case=ForeignerOut.model_validate(row),
        notes=[NoteOut.model_validate(n) for n in of(ForeignerNote)],
        class_requests=[ClassRequestOut.model_validate(r) for r in of(DanishClassRequest)],
        citizen_requests=[CitizenRequestOut.model_validate(r) for r in of(CitizenRequest)],
    )


def add_note(session: Session, *, case_id: int, data: NoteIn, by: Principal) -> ForeignerNote:
    get(session, case_id)
    _not_future(data.noted_on, "noted_on")
    row = ForeignerNote(case_id=case_id, kind=data.kind.value, noted_on=data.noted_on, by=by.user, text=data.text)
    session.add(row)
    session.flush()
    return row


def request_class(session: Session, *, case_id: int, data: ClassRequestIn, by: Principal) -> DanishClassRequest:
    get(session, case_id)
    _not_future(data.requested_on, "requested_on")
    open_request = session.scalar(
        select(DanishClassRequest.id).where(
            DanishClassRequest.case_id == case_id, DanishClassRequest.status != "declined"
        )
    )
    if open_request is not None:
        raise Conflict(
            f"case {case_id} has a Danish-class enrolment already ({open_request})",
            danish="Borgeren er allerede tilmeldt danskundervisning",
        )
    law = danskuddannelsesloven.start_due_after_application(data.requested_on)
    row = DanishClassRequest(
        case_id=case_id,
        school=data.school,
        requested_on=data.requested_on,
        requested_by=by.user,
        start_due=law.due,
        start_rule=law.rule,
        start_why=law.explanation,
    )
    session.add(row)
    session.flush()
    return row


def update_class(session: Session, *, request_id: int, data: ClassRequestUpdate) -> DanishClassRequest:
    row = session.get(DanishClassRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no Danish-class request with id {request_id}", danish="Tilmeldingen findes ikke")
    if row.version != data.version:
        raise Conflict(
            f"request {request_id} was changed by someone else (version {row.version})",
            danish="Tilmeldingen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    row.status = data.status.value
    session.flush()
    return row


def add_citizen_request(session: Session, *, case_id: int, data: CitizenRequestIn) -> CitizenRequest:
    get(session, case_id)
    _not_future(data.received_on, "received_on")
    row = CitizenRequest(case_id=case_id, received_on=data.received_on, request=data.request)
    session.add(row)
    session.flush()
    return row


def respond(session: Session, *, request_id: int, data: ResponseIn, by: Principal) -> CitizenRequest:
    row = session.get(CitizenRequest, request_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no citizen request with id {request_id}", danish="Henvendelsen findes ikke")
    if row.response is not None:
        raise Conflict(f"request {request_id} is answered already", danish="Henvendelsen er allerede besvaret")
    if not row.received_on <= data.responded_on <= today():
        raise Invalid(
            "responded_on must be between the request and today",
            field="responded_on",
            danish="Datoen skal ligge mellem henvendelsen og i dag",
        )
    row.response, row.responded_on, row.responded_by = data.response, data.responded_on, by.user
    session.flush()
    return row
