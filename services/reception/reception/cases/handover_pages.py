"""The handover form (R1) and family reunification (R11), the handover form again for family members
joining a case: Jobcentret and Udlændingestyrelsen send; Udlændingestyrelsen, which reads no cases,
gets a receipt on a fresh form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases import service
from reception.cases.pages import labels
from reception.cases.schemas import HandoverIn, ResidenceBasis
from reception.config import CASE_READERS
from reception.web import FORMS, HANDOVER_SENDERS
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath, PageUser
from shared.web.forms import render
from shared.web.submit import pick

router = APIRouter(include_in_schema=False)

HANDOVER_FIELDS = (
    "immigration_person_id",
    "full_name",
    "date_of_birth",
    "nationality",
    "residence_basis",
    "asylum_centre",
    "asylum_centre_contact",
    "expected_arrival_date",
)
MEMBER_ROWS = 4


def _handover_data(form: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = pick(form, HANDOVER_FIELDS)
    members = []
    for i in range(MEMBER_ROWS):
        name = form.get(f"member_{i}_name", "").strip()
        if name or form.get(f"member_{i}_dob"):
            members.append(
                {
                    "full_name": name,
                    "date_of_birth": form.get(f"member_{i}_dob", ""),
                    "relation": form.get(f"member_{i}_relation", ""),
                }
            )
    data["family_members"] = members
    if decided := form.get("placement_decided_on", "").strip():  # optional: left empty, not known
        data["placement_decided_on"] = decided
    return data


def _where_to(by: Principal, case_id: int, receipt: str) -> str:
    """The new case for those who read cases; for Udlændingestyrelsen, a receipt on a fresh form."""
    return f"/sager/{case_id}" if by.department in CASE_READERS else receipt


@router.get("/overdragelser/ny")
def handover_form(
    request: Request,
    user: Principal = FORMS.reader("registrering af overdragelser", among=HANDOVER_SENDERS),
    modtaget: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    return render(
        request,
        "handover_form.html",
        form={},
        errors={},
        received=modtaget,
        can_list=user.department in CASE_READERS,
        **labels(),
    )


@router.post("/overdragelser/ny")
async def submit_handover(request: Request, session: Db, user: PageUser) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        case = service.open_case(db, handover=HandoverIn.model_validate(_handover_data(form)), by=by)
        return _where_to(by, case.id, f"/overdragelser/ny?modtaget={case.case_number}")

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere overdragelser",
        prefix="",
        action=action,
        rerender=lambda errors, form: render(
            request,
            "handover_form.html",
            422,
            form=form,
            errors=errors,
            can_list=user.department in CASE_READERS,
            **labels(),
        ),
        fields=HANDOVER_FIELDS,
        allowed=HANDOVER_SENDERS,
        refused=f"{user.department.label} kan ikke registrere overdragelser",
    )


def _reunification_form(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    received: str = "",
    status_code: int = 200,
) -> Response:
    try:
        anchor = service.get_case(session, case_id=case_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"sag {case_id}")
    # The form names the case's person: a read of that case.
    record_page(request, session, purpose=lookups.READ_FAMILY_REUNIFICATION, case_id=case_id)
    return render(
        request,
        "handover_form.html",
        status_code,
        form=form if form is not None else {},
        errors=errors or {},
        received=received,
        anchor=anchor,
        page_heading=f"Familiesammenføring til sag {anchor.case_number}",
        form_action=f"/sager/{case_id}/familiesammenfoering",
        submit_label="Registrér familiesammenføring",
        default_basis=ResidenceBasis.FAMILY_REUNIFICATION_9.value,
        can_list=principal.department in CASE_READERS,
        **labels(),
    )


@router.get("/sager/{case_id}/familiesammenfoering")
def reunification_form(
    case_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = FORMS.reader("registrering af familiesammenføring", among=HANDOVER_SENDERS),
    modtaget: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    return _reunification_form(request, session, user, case_id, received=modtaget)


@router.post("/sager/{case_id}/familiesammenfoering")
async def submit_reunification(case_id: IdPath, request: Request, session: Db, user: PageUser) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        handover = HandoverIn.model_validate(_handover_data(form))
        case = service.plan_family_reunification(db, anchor_case_id=case_id, handover=handover, by=by)
        return _where_to(by, case.id, f"/sager/{case_id}/familiesammenfoering?modtaget={case.case_number}")

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere familiesammenføring",
        prefix="",
        action=action,
        # An unknown case: the form finds none to join and answers with the not-found page.
        rerender=lambda errors, form: _reunification_form(
            request, session, user, case_id, form=form, errors=errors, status_code=422
        ),
        fields=HANDOVER_FIELDS,
        allowed=HANDOVER_SENDERS,
        refused=f"{user.department.label} kan ikke registrere familiesammenføring",
    )
