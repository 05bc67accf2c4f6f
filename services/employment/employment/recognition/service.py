"""Use cases for recognition of foreign qualifications (B3): collect the documents, submit, record the answer."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.intake import service as intake
from employment.recognition.models import Recognition
from employment.recognition.schemas import DOCUMENTS, AnswerIn, DocumentsUpdate, RecognitionIn, Submit
from shared.auth import Principal
from shared.clock import local_date, today
from shared.errors import Conflict, Invalid, NotFound


def create(session: Session, *, case_id: int, data: RecognitionIn, by: Principal) -> Recognition:
    intake.known_case(session, case_id)
    row = Recognition(
        case_id=case_id,
        qualification=data.qualification,
        country=data.country,
        authority=data.authority.value,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, recognition_id: int, *, for_update: bool = False) -> Recognition:
    row = session.get(Recognition, recognition_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no recognition application with id {recognition_id}", danish="Ansøgningen findes ikke")
    return row


def _current(session: Session, recognition_id: int, version: int, *, status: str) -> Recognition:
    row = get(session, recognition_id, for_update=True)
    if row.version != version:
        raise Conflict(
            f"application {recognition_id} was changed by someone else (version {row.version})",
            danish="Ansøgningen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if row.status != status:
        raise Conflict(
            f"application {recognition_id} is {row.status}, not {status}",
            danish="Det kan ikke lade sig gøre, når ansøgningen har denne status",
        )
    return row


def missing_documents(row: Recognition) -> list[str]:
    return [name for name in DOCUMENTS if not getattr(row, name)]


def update_documents(session: Session, *, recognition_id: int, data: DocumentsUpdate) -> Recognition:
    row = _current(session, recognition_id, data.version, status="collecting")
    for name in DOCUMENTS:
        value = getattr(data, name)
        if value is not None:
            setattr(row, name, value)
    session.flush()
    return row


def submit(session: Session, *, recognition_id: int, data: Submit) -> Recognition:
    """Send the application to the authority: only when every document is collected."""
    row = _current(session, recognition_id, data.version, status="collecting")
    missing = missing_documents(row)
    if missing:
        raise Conflict(
            f"documents not collected yet: {', '.join(missing)}",
            danish="Mangler: " + ", ".join(DOCUMENTS[m].lower() for m in missing),
        )
    if data.submitted_on > today() or data.submitted_on < local_date(row.created_at):
        raise Invalid(
            "submitted_on must be between the day the application was opened and today",
            field="submitted_on",
            danish="Datoen skal ligge mellem oprettelsen og i dag",
        )
    row.status, row.submitted_on = "submitted", data.submitted_on
    session.flush()
    return row


def answer(session: Session, *, recognition_id: int, data: AnswerIn) -> Recognition:
    """The authority's answer: recognised as …, or refused."""
    row = _current(session, recognition_id, data.version, status="submitted")
    assert row.submitted_on is not None
    if not row.submitted_on <= data.answered_on <= today():
        raise Invalid(
            "answered_on must be between the submission and today",
            field="answered_on",
            danish="Datoen skal ligge mellem indsendelsen og i dag",
        )
    row.status, row.answered_on, row.answer_note = data.outcome.value, data.answered_on, data.note
    row.recognised_as = data.recognised_as if data.outcome == "recognised" else None
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[Recognition]:
    intake.known_case(session, case_id)
    return list(session.scalars(select(Recognition).where(Recognition.case_id == case_id).order_by(Recognition.id)))


def recent(session: Session, *, limit: int = 200) -> list[Recognition]:
    return list(session.scalars(select(Recognition).order_by(Recognition.id.desc()).limit(limit)))
