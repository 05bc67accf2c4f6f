"""E1: Afdækning af sprogkundskaber – the list with the §5 deadline flagged, the assessment and the enrolment."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from education import lookups
from education.absence import service as absence
from education.intake import service
from education.intake.schemas import MODULES, STATUS_LABELS, AssessmentIn, EnrolmentIn, tracks
from education.schools import service as schools
from education.web import FORMS, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/sprogvurdering"
WHAT = "sprogvurdering og tilmelding til sprogskole"
LABELS = {
    "assess_assessed_on": "Vurderet den",
    "assess_assessed_by": "Vurderet af",
    "assess_track": "Danskuddannelse",
    "assess_start_module": "Startmodul",
    "assess_notes": "Bemærkninger",
    "enrol_school_id": "Sprogskole",
    "enrol_track": "Danskuddannelse",
    "enrol_module": "Modul",
    "enrol_start_date": "Startdato",
}
ASSESS_FIELDS = ("version", "assessed_on", "assessed_by", "track", "start_module", "notes")
ENROL_FIELDS = ("school_id", "track", "module", "start_date")


@router.get(PAGE)
def list_page(request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    rows = service.overview(session)
    record_page(request, session, purpose=lookups.LIST_ASSESSMENTS)
    school_names = {s.id: s.name for s in schools.schools(session)}
    return render(
        request,
        "assessments.html",
        rows=rows,
        missed=sum(1 for r in rows if r.deadline_missed),
        status_labels=STATUS_LABELS,
        school_names=school_names,
    )


def _case_page(
    request: Request,
    session: Session,
    case_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        row = service.out(session, service.known_case(session, case_id))
    except DomainError:
        return render(request, "not_found.html", 404, what=f"sag {case_id}")
    record_page(request, session, purpose=lookups.READ_ASSESSMENT, case_id=case_id)
    school_list = schools.schools(session)
    passed = absence.module_tests(session, case_id=case_id)
    return render(
        request,
        "assessment.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        a=row,
        today=today(),
        status_labels=STATUS_LABELS,
        tracks=tracks(),
        modules=MODULES,
        school_options=[(s.id, s.name) for s in school_list],
        school_names={s.id: s.name for s in school_list},
        module_tests=passed,
    )


@router.get(f"{PAGE}/{{case_id}}")
def case_page(case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader(WHAT)) -> Response:
    return _case_page(request, session, case_id, errors={}, form={})


@router.post(f"{PAGE}/{{case_id}}/vurdering")
async def record_assessment(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.record_assessment(session, case_id=case_id, data=AssessmentIn.model_validate(pick(form, ASSESS_FIELDS)))
        return f"{PAGE}/{case_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="assess_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=ASSESS_FIELDS,
    )


@router.post(f"{PAGE}/{{case_id}}/tilmelding")
async def enrol(case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader(WHAT)) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        service.enrol(session, case_id=case_id, data=EnrolmentIn.model_validate(pick(form, ENROL_FIELDS)), by=by)
        return f"{PAGE}/{case_id}#enrolment-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what=WHAT,
        prefix="enrol_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=ENROL_FIELDS,
    )
