"""Formel godkendelse af uddannelse (B3): applications, the document checklist, submission and the answer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.intake import service as intake
from employment.recognition import service
from employment.recognition.schemas import (
    AUTHORITY_LABELS,
    DOCUMENTS,
    STATUS_LABELS,
    AnswerIn,
    DocumentsUpdate,
    RecognitionIn,
    Submit,
)
from employment.web import FORMS, blank_to_none, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/godkendelse"
LABELS = {
    "rec_case_id": "Sag",
    "rec_qualification": "Uddannelse",
    "rec_country": "Land",
    "rec_authority": "Godkendelsesmyndighed",
    "sub_submitted_on": "Sendt den",
    "ans_outcome": "Svar",
    "ans_answered_on": "Svar modtaget den",
    "ans_recognised_as": "Godkendt som",
    "ans_note": "Bemærkning",
}
OUTCOME_LABELS = {"recognised": "Godkendt", "refused": "Afslået"}


def _common() -> dict[str, object]:
    return {
        "authority_labels": {k.value: v for k, v in AUTHORITY_LABELS.items()},
        "status_labels": STATUS_LABELS,
        "documents": DOCUMENTS,
        "outcome_labels": OUTCOME_LABELS,
        "labels": LABELS,
        "today": today(),
    }


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = service.recent(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_RECOGNITIONS)
    return render(
        request, "recognitions.html", status_code, errors=errors, form=form, rows=rows, numbers=numbers, **_common()
    )


@router.get(PAGE)
def recognitions_page(
    request: Request, session: Db, principal: Principal = FORMS.reader("godkendelse af uddannelse")
) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def create(
    request: Request, session: Db, user: Principal = FORMS.reader("oprette ansøgninger om godkendelse")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        fields = pick(form, "case_id", "qualification", "country", "authority")
        case_id = fields.pop("case_id")
        if not case_id.isdigit() or not 0 < int(case_id) < 2**63:
            raise DomainError("choose a case", field="case_id", danish="Vælg en sag")
        row = service.create(session, case_id=int(case_id), data=RecognitionIn.model_validate(fields), by=by)
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette ansøgninger om godkendelse",
        prefix="rec_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("case_id", "qualification", "country", "authority"),
    )


def _page(
    request: Request,
    session: Session,
    recognition_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        row = service.get(session, recognition_id)
    except DomainError:
        return not_found(request, f"ansøgning {recognition_id}")
    record_page(request, session, purpose=lookups.READ_RECOGNITIONS, case_id=row.case_id)
    number = intake.case_numbers(session).get(row.case_id, str(row.case_id))
    missing = service.missing_documents(row)
    return render(
        request,
        "recognition.html",
        status_code,
        errors=errors,
        form=form,
        r=row,
        case_number=number,
        missing=missing,
        **_common(),
    )


@router.get(f"{PAGE}/{{recognition_id}}")
def recognition_page(
    recognition_id: IdPath,
    request: Request,
    session: Db,
    principal: Principal = FORMS.reader("godkendelse af uddannelse"),
) -> Response:
    return _page(request, session, recognition_id, errors={}, form={})


@router.post(f"{PAGE}/{{recognition_id}}/dokumenter")
async def documents(
    recognition_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere dokumentation")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        checks = {name: form.get(name) == "true" for name in DOCUMENTS}
        data = DocumentsUpdate.model_validate({"version": form.get("version", ""), **checks})
        service.update_documents(session, recognition_id=recognition_id, data=data)
        return f"{PAGE}/{recognition_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere dokumentation",
        prefix="doc_",
        action=action,
        rerender=lambda errors, form: _page(
            request, session, recognition_id, errors=errors, form=form, status_code=422
        ),
    )


@router.post(f"{PAGE}/{{recognition_id}}/send")
async def send(
    recognition_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("sende ansøgninger")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.submit(
            session, recognition_id=recognition_id, data=Submit.model_validate(pick(form, "version", "submitted_on"))
        )
        return f"{PAGE}/{recognition_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="sende ansøgninger",
        prefix="sub_",
        action=action,
        rerender=lambda errors, form: _page(
            request, session, recognition_id, errors=errors, form=form, status_code=422
        ),
        fields=("submitted_on",),
    )


@router.post(f"{PAGE}/{{recognition_id}}/svar")
async def answer(
    recognition_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere svar")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        fields = blank_to_none(
            pick(form, "version", "outcome", "answered_on", "recognised_as", "note"), "recognised_as"
        )
        service.answer(session, recognition_id=recognition_id, data=AnswerIn.model_validate(fields))
        return f"{PAGE}/{recognition_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere svar",
        prefix="ans_",
        action=action,
        rerender=lambda errors, form: _page(
            request, session, recognition_id, errors=errors, form=form, status_code=422
        ),
        fields=("outcome", "answered_on", "recognised_as", "note"),
    )
