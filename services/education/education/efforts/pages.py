"""E3: Indsats omkring sproglige barrierer – plan efforts per case, move their status, note the outcome."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education import lookups
from education.efforts import service
from education.efforts.models import LanguageEffort
from education.efforts.schemas import KIND_LABELS, STATUS_LABELS, TRANSITIONS, EffortIn, EffortUpdate
from education.intake import service as intake
from education.web import FORMS, blank_to_none, pick, submit
from shared.auth import Principal
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/sprogindsatser"
WHAT = "sproglige indsatser"
LABELS = {
    "effort_case_id": "Sag",
    "effort_kind": "Indsats",
    "effort_provider": "Udbyder",
    "effort_from_date": "Fra",
    "effort_to_date": "Til",
    "effort_hours_per_week": "Timer pr. uge",
}
EFFORT_FIELDS = ("kind", "provider", "from_date", "to_date", "hours_per_week")
STATUS_VARIANTS = {"planned": "info", "started": "warning", "completed": "success", "cancelled": "error"}


def _page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    efforts = service.all_efforts(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_EFFORTS)
    return render(
        request,
        "efforts.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        efforts=efforts,
        case_numbers=numbers,
        case_options=sorted(numbers.items(), key=lambda p: p[1]),
        kinds=[(k.value, v) for k, v in KIND_LABELS.items()],
        kind_labels={k.value: v for k, v in KIND_LABELS.items()},
        status_labels={k.value: v for k, v in STATUS_LABELS.items()},
        status_variants=STATUS_VARIANTS,
        next_statuses={k: [s.value for s in STATUS_LABELS if s.value in v] for k, v in TRANSITIONS.items()},
    )


@router.get(PAGE)
def efforts_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _page(request, session, errors={}, form={})


@router.post(PAGE)
async def plan(request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        case_id = intake.case_id_from_form(form.get("case_id", ""))
        row = service.plan(session, case_id=case_id, data=EffortIn.model_validate(pick(form, EFFORT_FIELDS)), by=by)
        return f"{PAGE}#effort-{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="effort_",
        action=action,
        rerender=lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422),
        fields=("case_id", *EFFORT_FIELDS),
    )


@router.post(f"{PAGE}/{{effort_id}}")
async def update(effort_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    if session.get(LanguageEffort, effort_id) is None:
        return render(request, "not_found.html", 404, what="indsatsen")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = blank_to_none(pick(form, ("version", "status", "outcome")), "status")
        service.update(session, effort_id=effort_id, data=EffortUpdate.model_validate(data), by=by)
        return f"{PAGE}#effort-{effort_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix=f"x{effort_id}_",
        action=action,
        rerender=lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422),
        fields=("status", "outcome"),
    )
