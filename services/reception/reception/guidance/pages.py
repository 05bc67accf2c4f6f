"""The local-area tour and the guidance log as a Danish page (R6): Jobcentret writes, case readers read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.guidance import service
from reception.guidance.schemas import Channel, GuidanceIn, GuidanceOut, TourDoneIn, TourIn, TourOut
from reception.web import FORMS, JC, CaseReader, render_case_page
from shared.auth import Principal
from shared.clock import today
from shared.web.deps import Db, IdPath
from shared.web.submit import Action, pick

router = APIRouter(include_in_schema=False)

CHANNEL_LABELS = {
    Channel.IN_PERSON.value: "Fremmøde",
    Channel.PHONE.value: "Telefon",
    Channel.EMAIL.value: "E-mail",
    Channel.VIDEO.value: "Video",
}
# The guidance log stores the language in 50 characters (the schema allows 200).
TOUR_FIELDS = ("booked_for", "guide")
DONE_FIELDS = ("done_on", "notes")
ENTRY_FIELDS = ("on", "channel", "topic", "interpreter", "language", "note")


def guidance_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The tour and the log; ``form_for`` names the form the kept input belongs to (tour, done, entry)."""

    def load(db: Session, case: Case) -> dict[str, Any]:
        row = service.get_tour(db, case_id=case_id)
        tour = TourOut.model_validate(row) if row else None
        entries = [GuidanceOut.model_validate(e) for e in service.guidance_log(db, case_id=case_id)]
        return {
            "tour": tour,
            "entries": entries,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "can_write": principal.department == JC,
            "channel_labels": CHANNEL_LABELS,
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_GUIDANCE,
        template="guidance.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/vejledning")
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return guidance_page(request, session, user, case_id)


async def _submit(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    *,
    form_for: str,
    fields: tuple[str, ...],
    action: Action,
) -> Response:
    """One of the page's three forms (``form_for``: tour, done, entry), Jobcentret's to post."""
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere rundtur og vejledning",
        prefix="",
        action=action,
        rerender=lambda errors, form: guidance_page(
            request, session, user, case_id, errors=errors, form=form, form_for=form_for, status_code=422
        ),
        fields=fields,
        allowed=(JC,),
        alert=form_for,
    )


@router.post("/sager/{case_id}/vejledning/rundtur")
async def book_tour(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        service.book_tour(db, case_id=case_id, data=TourIn.model_validate(pick(form, TOUR_FIELDS)))
        return f"/sager/{case_id}/vejledning#rundtur"

    return await _submit(request, session, user, case_id, form_for="tour", fields=TOUR_FIELDS, action=action)


@router.post("/sager/{case_id}/vejledning/rundtur/gennemfoert")
async def tour_done(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        service.tour_done(db, case_id=case_id, data=TourDoneIn.model_validate(pick(form, DONE_FIELDS)))
        return f"/sager/{case_id}/vejledning#rundtur"

    return await _submit(request, session, user, case_id, form_for="done", fields=DONE_FIELDS, action=action)


@router.post("/sager/{case_id}/vejledning/samtaler")
async def log_guidance(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        service.log_guidance(db, case_id=case_id, data=GuidanceIn.model_validate(pick(form, ENTRY_FIELDS)), by=by)
        return f"/sager/{case_id}/vejledning#vejledningslog"

    return await _submit(request, session, user, case_id, form_for="entry", fields=ENTRY_FIELDS, action=action)
