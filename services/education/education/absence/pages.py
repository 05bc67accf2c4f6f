"""E4: Opfølgning på progression, fravær og sanktion – absence lists, module tests, follow-up conversations."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education import lookups
from education.absence import progress, service
from education.absence.schemas import AbsenceIn, FollowUpIn, FollowUpUpdate, ModuleTestIn
from education.intake import service as intake
from education.intake.service import MODULES, tracks
from education.web import FORMS, blank_to_none, pick, submit
from shared.auth import Principal
from shared.errors import DomainError, Invalid
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/fravaer"
WHAT = "progression og fravær"
LABELS = {
    "absence_case_id": "Sag",
    "absence_course": "Hold eller modul",
    "absence_period_start": "Periode fra",
    "absence_period_end": "Periode til",
    "absence_planned_hours": "Planlagte timer",
    "absence_absent_hours": "Fraværstimer",
    "absence_excused_hours": "Heraf lovligt fravær",
    "absence_note": "Bemærkning",
    "absence_absent_days": "Fraværsdage",
    "test_case_id": "Sag",
    "test_track": "Danskuddannelse",
    "test_module": "Modul",
    "test_passed_on": "Bestået den",
    "plan_planned_on": "Planlagt til",
    "fu_planned_on": "Planlagt til",
    "fu_held_on": "Afholdt den",
    "fu_summary": "Referat",
    "fu_sanction_recommended": "Sanktion",
}
ABSENCE_FIELDS = (
    "case_id",
    "course",
    "period_start",
    "period_end",
    "planned_hours",
    "absent_hours",
    "excused_hours",
    "note",
    "absent_days",
)
DAY_LINE = re.compile(r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\s*:\s*(\d{1,3})")
TEST_FIELDS = ("track", "module", "passed_on")
FOLLOW_UP_FIELDS = ("version", "planned_on", "held_on", "summary", "sanction_recommended")


def parse_days(text: str) -> list[dict[str, str]] | None:
    """The form's "Fraværsdage": one line per day, "dato: timer" (2026-10-05: 3 or 05.10.2026: 3). Empty:
    None (the hours are undated). A line that is not a day and hours is refused in Danish, with its text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    days = []
    for line in lines:
        match = DAY_LINE.fullmatch(line)
        if match is None:
            raise Invalid(
                f"not a day and hours: {line!r}",
                field="absent_days",
                danish=f"»{line}« er ikke en dag og et antal timer. Skriv én dag pr. linje, fx 05.10.2026: 3",
            )
        day, hours = match.groups()
        if "." in day:
            d, m, y = (int(x) for x in day.split("."))
            day = f"{y:04d}-{m:02d}-{d:02d}"
        days.append({"on": day, "hours": hours})
    return days


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = progress.without_follow_up(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_ABSENCES, criteria=lookups.WITHOUT_FOLLOW_UP)
    return render(
        request,
        "absence.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        rows=rows,
        case_numbers=numbers,
        case_options=sorted(numbers.items(), key=lambda p: p[1]),
        tracks=tracks(),
        modules=MODULES,
    )


@router.get(PAGE)
def absence_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def register(request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = pick(form, ABSENCE_FIELDS)
        data["excused_hours"] = data["excused_hours"] or "0"
        data["absent_days"] = parse_days(data["absent_days"])
        row = service.register(session, data=AbsenceIn.model_validate(data), by=by)
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="absence_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=ABSENCE_FIELDS,
    )


@router.post(f"{PAGE}/modultest")
async def pass_module(request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        case_id = intake.case_id_from_form(form.get("case_id", ""))
        progress.pass_module(session, case_id=case_id, data=ModuleTestIn.model_validate(pick(form, TEST_FIELDS)), by=by)
        return f"/sprogvurdering/{case_id}#progress-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="test_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("case_id", *TEST_FIELDS),
    )


def _absence_page(
    request: Request,
    session: Session,
    absence_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        row = progress.get_absence(session, absence_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"fravær {absence_id}")
    record_page(request, session, purpose=lookups.READ_ABSENCES, case_id=row.case_id)
    follow_up = progress.follow_up_of(session, absence_id)
    number = intake.case_numbers(session).get(row.case_id, str(row.case_id))
    return render(
        request,
        "absence_line.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        a=row,
        unexcused=row.absent_hours - row.excused_hours,
        days=service.days_of(session, row),
        case_number=number,
        f=follow_up,
    )


@router.get(f"{PAGE}/{{absence_id}}")
def absence_line_page(
    absence_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)
) -> Response:
    return _absence_page(request, session, absence_id, errors={}, form={})


@router.post(f"{PAGE}/{{absence_id}}/samtale")
async def plan_follow_up(
    absence_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = FollowUpIn.model_validate(pick(form, ("planned_on",)))
        progress.plan_follow_up(session, absence_id=absence_id, data=data, by=by)
        return f"{PAGE}/{absence_id}#follow-up-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="plan_",
        action=action,
        rerender=lambda errors, form: _absence_page(
            request, session, absence_id, errors=errors, form=form, status_code=422
        ),
        fields=("planned_on",),
    )


@router.post(f"{PAGE}/{{absence_id}}/samtale/opdater")
async def update_follow_up(
    absence_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        follow_up = progress.follow_up_of(session, absence_id)
        if follow_up is None:
            raise DomainError("plan the conversation first", danish="Planlæg samtalen først")
        data = blank_to_none(pick(form, FOLLOW_UP_FIELDS), "planned_on", "held_on", "sanction_recommended")
        progress.update_follow_up(session, follow_up_id=follow_up.id, data=FollowUpUpdate.model_validate(data), by=by)
        return f"{PAGE}/{absence_id}#follow-up-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="fu_",
        action=action,
        rerender=lambda errors, form: _absence_page(
            request, session, absence_id, errors=errors, form=form, status_code=422
        ),
        fields=FOLLOW_UP_FIELDS,
    )
