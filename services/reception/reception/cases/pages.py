"""Reception's Danish pages: case list, case page with arrival and onboarding (handover forms: handover_pages)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases import service, takeover
from reception.cases.responsibility import BASIS_LABELS
from reception.cases.routes import case_out
from reception.cases.schemas import (
    RELATION_LABELS,
    RESIDENCE_BASIS_LABELS,
    START_FIELD_LABELS,
    ArrivalIn,
    ResponsibilityIn,
    StartCorrectionIn,
)
from reception.contracts.service import for_case as contract_for_case
from reception.onboarding import service as onboarding
from reception.timeline.service import entries as timeline_entries
from reception.web import FORMS, HANDOVER_SENDERS, JC, CaseReader, form_errors, live_reader
from shared import access
from shared.auth import DEPARTMENT_LABELS, Principal
from shared.errors import DomainError, Invalid
from shared.validation import SearchText
from shared.web.deps import Db, IdPath
from shared.web.forms import danish_errors, render
from shared.web.submit import pick

router = APIRouter(include_in_schema=False)

HOUSING_LABELS = {
    "awaiting_check": "Afventer boligtjek",
    "placement_requested": "Mangler bolig – anmodning sendt til Social- og Psykiatriafdelingen",
    "flagged": "Ankomst nærmer sig uden klar bolig",
    "assigned": "Midlertidig bolig anvist",
    "moved_in": "Indflyttet i midlertidig bolig",
    "moved_out": "Fraflyttet midlertidig bolig",
    "permanent": "Permanent bolig tildelt",
}
# Housing status → DKFDS tag variant: the tag shows an icon and words besides the colour.
HOUSING_VARIANTS = {
    "awaiting_check": "info",
    "placement_requested": "warning",
    "flagged": "error",
    "assigned": "success",
    "moved_in": "success",
    "moved_out": "info",
    "permanent": "success",
}
STATUS_LABELS = {"opened": "Oprettet", "arrival_scheduled": "Ankomst aftalt"}
ARRIVAL_KIND_LABELS = {"pickup": "Afhentning", "own_arrival": "Egen ankomst"}
ARRIVAL_FIELDS = ("arrival_date", "kind", "place", "arranged_by", "notes")
RESPONSIBILITY_FIELDS = ("taken_over_on", "consent_note")
CORRECTION_FIELDS = ("field", "new_date", "reason")


def labels() -> dict[str, Any]:
    """The Danish labels of a case's codes, for the case pages and the handover form."""
    return {
        "basis_labels": RESIDENCE_BASIS_LABELS,
        "responsibility_labels": BASIS_LABELS,
        "start_field_labels": {f.value: label for f, label in START_FIELD_LABELS.items()},
        "relation_labels": RELATION_LABELS,
        "housing_labels": HOUSING_LABELS,
        "housing_variants": HOUSING_VARIANTS,
        "status_labels": STATUS_LABELS,
        "arrival_kind_labels": ARRIVAL_KIND_LABELS,
        "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
    }


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SEARCH_TEXT: TypeAdapter[str] = TypeAdapter(SearchText)
_SEARCH_MESSAGES = {
    "string_too_short": "Skriv mindst 2 tegn for at søge",
    "string_too_long": "Skriv højst 100 tegn",
}


def _search_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return _SEARCH_MESSAGES.get(err["type"]) or next(iter(danish_errors(exc).values()))


@router.get("/")
def case_list(request: Request, session: Db, user: Principal = FORMS.reader("sagslisten"), q: str = "") -> Response:
    """The case list, or with ``?q=`` the cases found by the search field (case number, person id, CPR, name)."""
    errors: dict[str, str] = {}
    query = ""
    if q.strip():  # an empty search field shows the whole list
        try:
            query = _SEARCH_TEXT.validate_python(q)
        except ValidationError as exc:
            errors["q"] = _search_error(exc)
    if query:
        found = service.search_cases(session, query=query, viewer=user, limit=service.SEARCH_LIMIT)
        return render(
            request, "case_list.html", cases=found.cases, found=found.count, form={"q": query}, errors={}, **labels()
        )
    cases = service.list_cases(session)
    access.record(session, by=user, purpose=lookups.LIST_CASES)
    return render(
        request,
        "case_list.html",
        422 if errors else 200,
        cases=cases,
        found=None,
        form={"q": _CONTROL.sub("", q)[:200]},  # what was typed, for correcting it
        errors=errors,
        **labels(),
    )


def _case_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        case = service.get_case(session, case_id=case_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"sag {case_id}")
    access.record(session, by=principal, purpose=lookups.READ_CASE, case_id=case_id)
    view = case_out(session, case, principal)
    # R11: the household this case joined, and the family members who joined it.
    anchor = service.get_case(session, case_id=case.linked_case_id) if case.linked_case_id else None
    return render(
        request,
        "case_detail.html",
        status_code,
        case=view,
        errors=errors or {},
        form=form or {},
        contract=contract_for_case(session, case_id=case_id),
        timeline=timeline_entries(session, case_id=case_id),
        anchor=anchor,
        family_cases=service.family_of(session, case_id=case_id),
        can_reunify=principal.department in HANDOVER_SENDERS,
        **labels(),
    )


@router.get("/sager/{case_id}")
def case_page(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return _case_page(request, session, user, case_id)


@router.get("/sager/{case_id}/live")
def case_live(
    case_id: IdPath,
    request: Request,
    session: Db,
    user: Annotated[Principal, Depends(live_reader)],
    bolig: Annotated[str, Query(max_length=40)] = "",
    opgaver: Annotated[int, Query(ge=-1, le=100)] = -1,
) -> Response:
    """The parts of the case page that other departments' events change (housing, checklist), for htmx polling.

    ``bolig`` and ``opgaver`` are the housing status and task count the page shows: unchanged is a 204
    (htmx then swaps nothing). Not logged as an access: it shows only what the logged page view showed.
    """
    try:
        case = service.get_case(session, case_id=case_id)
    except DomainError:
        return Response(status_code=404)
    view = case_out(session, case, user)
    if view.housing.status == bolig and len(view.onboarding_tasks) == opgaver:
        return Response(status_code=204)
    return render(request, "_case_live.html", case=view, errors={}, **labels())


@router.post("/sager/{case_id}/ankomst")
async def submit_arrival(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        arrival = ArrivalIn.model_validate(pick(form, ARRIVAL_FIELDS))
        service.schedule_arrival(db, case_id=case_id, arrival=arrival, by=by)
        return f"/sager/{case_id}"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="aftale ankomst",
        prefix="arrival_",
        action=action,
        rerender=lambda errors, form: _case_page(
            request, session, user, case_id, errors=errors, form=form, status_code=422
        ),
        fields=ARRIVAL_FIELDS,
        allowed=(JC,),
    )


@router.post("/sager/{case_id}/ansvar")
async def submit_responsibility(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """§ 4: take over responsibility earlier, with the person's consent."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = ResponsibilityIn.model_validate(pick(form, RESPONSIBILITY_FIELDS))
        takeover.take_over_early(db, case_id=case_id, data=data, by=by)
        return f"/sager/{case_id}#ansvar"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="overtage ansvaret",
        prefix="responsibility_",
        action=action,
        rerender=lambda errors, form: _case_page(
            request, session, user, case_id, errors=errors, form=form, status_code=422
        ),
        fields=RESPONSIBILITY_FIELDS,
        allowed=(JC,),
    )


@router.post("/sager/{case_id}/ansvar/ret-start")
async def submit_start_correction(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """§ 4: correct the placement decision's or the CPR registration's date; what counts from it follows."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = StartCorrectionIn.model_validate(pick(form, CORRECTION_FIELDS))
        takeover.correct_start(db, case_id=case_id, data=data, by=by)
        return f"/sager/{case_id}#ansvar"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="rette datoen",
        prefix="correction_",
        action=action,
        rerender=lambda errors, form: _case_page(
            request, session, user, case_id, errors=errors, form=form, status_code=422
        ),
        fields=CORRECTION_FIELDS,
        allowed=(JC,),
    )


@router.post("/sager/{case_id}/opgaver/{task_id}")
async def submit_task(case_id: IdPath, task_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        try:
            data = onboarding.CompleteTaskIn.model_validate(
                {
                    "cpr": form.get("cpr") or None,
                    "registered_on": form.get("registered_on") or None,
                    "note": form.get("note", "")[:5000],
                }
            )
        except ValidationError as exc:  # shown at the task's row, as every error of a task is
            messages = form_errors(exc)
            raise Invalid(str(exc), danish=messages.get("registered_on") or next(iter(messages.values()))) from exc
        onboarding.complete_task(
            db, task_id=task_id, by=by, cpr=data.cpr, note=data.note, registered_on=data.registered_on
        )
        return f"/sager/{case_id}"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="udføre opgaven",
        prefix="",
        action=action,
        # Every error of a task is shown at its row of the checklist; the checklist keeps nothing typed.
        rerender=lambda errors, _form: _case_page(request, session, user, case_id, errors=errors, status_code=422),
        alert=f"task_{task_id}",
    )
