"""Virksomhedspraktik (B5): companies and their outreach log, internships with their status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.intake import service as intake
from employment.internships import service
from employment.internships.schemas import (
    KIND_LABELS,
    STATUS_LABELS,
    CompanyIn,
    InternshipIn,
    InternshipUpdate,
    OutreachIn,
)
from employment.web import FORMS, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/praktik"
LABELS = {
    "company_name": "Virksomhed",
    "company_cvr": "CVR-nummer",
    "company_contact": "Kontaktperson",
    "intern_case_id": "Sag",
    "intern_company_id": "Virksomhed",
    "intern_kind": "Type",
    "intern_start_date": "Startdato",
    "intern_end_date": "Slutdato",
    "intern_hours_per_week": "Timer pr. uge",
    "out_contacted_on": "Dato",
    "out_outcome": "Resultat",
}
INTERN_FIELDS = ("case_id", "company_id", "kind", "start_date", "end_date", "hours_per_week")


def _labels() -> dict[str, Any]:
    return {
        "kind_labels": {k.value: v for k, v in KIND_LABELS.items()},
        "status_labels": {k.value: v for k, v in STATUS_LABELS.items()},
    }


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    companies = service.companies(session)
    internships = service.recent(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_INTERNSHIPS)
    return render(
        request,
        "internships.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        companies=companies,
        company_names={c.id: c.name for c in companies},
        internships=internships,
        numbers=numbers,
        **_labels(),
    )


@router.get(PAGE)
def internships_page(
    request: Request, session: Db, principal: Principal = FORMS.reader("virksomhedspraktik")
) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(f"{PAGE}/virksomheder")
async def add_company(
    request: Request, session: Db, user: Principal = FORMS.reader("registrere virksomheder")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        row = service.add_company(session, data=CompanyIn.model_validate(pick(form, "name", "cvr", "contact")))
        return f"{PAGE}/virksomheder/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere virksomheder",
        prefix="company_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("name", "cvr", "contact"),
    )


@router.post(f"{PAGE}/praktikker")
async def create_internship(
    request: Request, session: Db, user: Principal = FORMS.reader("oprette praktikker")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        fields = pick(form, *INTERN_FIELDS)
        case_id = fields.pop("case_id")
        if not case_id.isdigit() or not 0 < int(case_id) < 2**63:
            raise DomainError("choose a case", field="case_id", danish="Vælg en sag")
        data = InternshipIn.model_validate(fields)
        service.create_internship(session, case_id=int(case_id), data=data, by=by)
        return f"{PAGE}#internships-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette praktikker",
        prefix="intern_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=INTERN_FIELDS,
    )


@router.post(f"{PAGE}/praktikker/{{internship_id}}")
async def update_internship(
    internship_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("ændre praktikker")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = InternshipUpdate.model_validate(pick(form, "version", "status"))
        service.update_internship(session, internship_id=internship_id, data=data)
        return f"{PAGE}#internship-{internship_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="ændre praktikker",
        prefix=f"i{internship_id}_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("status",),
    )


def _company_page(
    request: Request,
    session: Session,
    company_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        company = service.get_company(session, company_id)
    except DomainError:
        return not_found(request, f"virksomhed {company_id}")
    log = service.outreach(session, company_id=company_id)
    return render(
        request,
        "company.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        company=company,
        log=log,
        today=today(),
    )


@router.get(f"{PAGE}/virksomheder/{{company_id}}")
def company_page(
    company_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("virksomhedspraktik")
) -> Response:
    return _company_page(request, session, company_id, errors={}, form={})


@router.post(f"{PAGE}/virksomheder/{{company_id}}/kontakt")
async def log_outreach(
    company_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = FORMS.reader("registrere kontakt til virksomheder"),
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = OutreachIn.model_validate(pick(form, "contacted_on", "outcome"))
        service.log_outreach(session, company_id=company_id, data=data, by=by)
        return f"{PAGE}/virksomheder/{company_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere kontakt til virksomheder",
        prefix="out_",
        action=action,
        rerender=lambda errors, form: _company_page(
            request, session, company_id, errors=errors, form=form, status_code=422
        ),
        fields=("contacted_on", "outcome"),
    )
