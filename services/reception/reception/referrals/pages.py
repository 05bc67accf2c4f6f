"""Referrals to BKF (R12) and Sundhedscentret (R13) as a Danish page.

Jobcentret refers a member of the household; only the receiving department moves the referral's status on.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
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
from reception.web import FORMS, JC, CaseReader, render_case_page
from shared.auth import DEPARTMENT_LABELS, Principal
from shared.errors import NotFound
from shared.web.deps import Db, IdPath
from shared.web.submit import pick

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
REFER_FIELDS = ("kind", "person", "reason")


def _household(case: Any) -> list[str]:
    return [case.full_name, *(m.full_name for m in case.family_members)]


def referrals_page(
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
    """The case's referrals; ``form_for`` names the form the kept input belongs to (refer, status-<id>)."""

    def load(db: Session, case: Case) -> dict[str, Any]:
        referrals = [ReferralOut.model_validate(r) for r in service.for_case(db, case_id=case_id)]
        return {
            "household": _household(case),
            "referrals": referrals,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "can_refer": principal.department == JC,
            "kind_labels": {k.value: v for k, v in KIND_LABELS.items()},
            "kind_choices": KIND_CHOICES,
            "status_labels": STATUS_LABELS,
            "next_statuses": NEXT_STATUSES,
            "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_REFERRALS,
        template="referrals.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/henvisninger")
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return referrals_page(request, session, user, case_id)


@router.post("/sager/{case_id}/henvisninger")
async def refer(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = ReferralIn.model_validate(pick(form, REFER_FIELDS))
        service.refer(db, case_id=case_id, data=data, by=by)
        return f"/sager/{case_id}/henvisninger#henvisninger"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="henvise",
        prefix="",
        action=action,
        rerender=lambda errors, form: referrals_page(
            request, session, user, case_id, errors=errors, form=form, form_for="refer", status_code=422
        ),
        fields=REFER_FIELDS,
        allowed=(JC,),
        alert="refer",
    )


def _on_case(session: Session, case_id: int, referral_id: int) -> None:
    """The referral must belong to the case in the address."""
    found = session.scalar(select(Referral.id).where(Referral.id == referral_id, Referral.case_id == case_id))
    if found is None:
        raise NotFound(f"no referral {referral_id} on case {case_id}", danish="Henvisningen findes ikke på sagen")


@router.post("/sager/{case_id}/henvisninger/{referral_id}/status")
async def update_status(
    case_id: IdPath, referral_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = ReferralUpdate.model_validate(pick(form, ("status", "note")))
        _on_case(db, case_id, referral_id)
        service.update(db, referral_id=referral_id, data=data, by=by)
        return f"/sager/{case_id}/henvisninger#henvisning-{referral_id}"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="ændre henvisningens status",
        prefix=f"r{referral_id}_",
        action=action,
        rerender=lambda errors, form: referrals_page(
            request, session, user, case_id, errors=errors, form=form, form_for=f"status-{referral_id}", status_code=422
        ),
    )
