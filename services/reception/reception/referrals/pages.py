"""Referrals to BKF (R12) and Sundhedscentret (R13) as a Danish page.

Jobcentret refers a member of the household; only the receiving department moves the referral's status on.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.referrals import service
from reception.referrals.models import Referral
from reception.referrals.schemas import (
    KIND_LABELS,
    OWNERS,
    ReferralIn,
    ReferralOut,
    ReferralStatus,
    ReferralUpdate,
)
from reception.web import danish_message, no_access_page, page_reader, render_case_page
from shared.auth import DEPARTMENT_LABELS, Department, Principal
from shared.errors import DomainError, NotFound
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, signed_in, to_login

router = APIRouter(include_in_schema=False)

STATUS_LABELS = {
    ReferralStatus.REQUESTED.value: ("info", "Anmodet"),
    ReferralStatus.ACCEPTED.value: ("info", "Modtaget"),
    ReferralStatus.STARTED.value: ("warning", "Igangsat"),
    ReferralStatus.CLOSED.value: ("success", "Afsluttet"),
}
# The kinds as the caseworker chooses them: the receiving department first.
KIND_CHOICES = {kind.value: f"{OWNERS[kind].label}: {label}" for kind, label in KIND_LABELS.items()}
# The statuses a referral may move on to, as the service allows them (forward only; closed from any).
NEXT_STATUSES = {
    status.value: [s.value for s in ReferralStatus if s in service.NEXT_STATUSES[status]] for status in ReferralStatus
}


def _household(case: Any) -> list[str]:
    return [case.full_name, *(m.full_name for m in case.family_members)]


def referrals_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The case's referrals; ``form_for`` names the form the kept input belongs to (refer, status-<id>)."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        referrals = [ReferralOut.model_validate(r) for r in service.for_case(session, case_id=case_id)]
        return {
            "household": _household(case),
            "referrals": referrals,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "can_refer": principal.department == Department.JOBCENTRET,
            "kind_labels": {k.value: v for k, v in KIND_LABELS.items()},
            "kind_choices": KIND_CHOICES,
            "status_labels": STATUS_LABELS,
            "next_statuses": NEXT_STATUSES,
            "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_REFERRALS,
        template="referrals.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/henvisninger")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return referrals_page(request, principal, case_id)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


@router.post("/sager/{case_id}/henvisninger")
async def refer(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        if principal.department != Department.JOBCENTRET:
            raise DomainError("only Jobcentret", danish="Kun Jobcentret kan henvise")
        data = ReferralIn.model_validate({k: form.get(k, "") for k in ("kind", "person", "reason")})
        with request.app.state.runtime.session_factory.begin() as session:
            service.refer(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/henvisninger#henvisninger", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
        if errors.get("reason") == "Feltet skal udfyldes" and form.get("reason", "").strip():
            errors["reason"] = "Skriv en begrundelse på mindst 3 tegn"
    except DomainError as exc:
        errors = {exc.field or "refer": "Sagen findes ikke" if exc.status == 404 else danish_message(exc)}
    return referrals_page(request, principal, case_id, errors=errors, form=form, form_for="refer", status_code=422)


def _on_case(session: Session, case_id: int, referral_id: int) -> None:
    """The referral must belong to the case in the address."""
    found = session.scalar(select(Referral.id).where(Referral.id == referral_id, Referral.case_id == case_id))
    if found is None:
        raise NotFound(f"no referral {referral_id} on case {case_id}", danish="Henvisningen findes ikke på sagen")


@router.post("/sager/{case_id}/henvisninger/{referral_id}/status")
async def update_status(case_id: IdPath, referral_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    prefix = f"r{referral_id}_"
    try:
        data = ReferralUpdate.model_validate({"status": form.get("status", ""), "note": form.get("note", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            _on_case(session, case_id, referral_id)
            service.update(session, referral_id=referral_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/henvisninger#henvisning-{referral_id}", status_code=303)
    except ValidationError as exc:
        errors = {prefix + k: v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        errors = {prefix + "_": danish_message(exc)}
    return referrals_page(
        request, principal, case_id, errors=errors, form=form, form_for=f"status-{referral_id}", status_code=422
    )
