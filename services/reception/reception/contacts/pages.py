"""The asylum-centre contact log and the partner notifications as a Danish page (R1).

Jobcentret records contacts; each notified partner acknowledges its own notification; case readers read.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.contacts import service
from reception.contacts.schemas import Channel, ContactIn, ContactOut, NotificationOut
from reception.web import danish_message, no_access_page, page_reader, render_case_page
from shared.auth import DEPARTMENT_LABELS, Department, Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, signed_in, to_login

router = APIRouter(include_in_schema=False)

CHANNEL_LABELS = {
    Channel.PHONE.value: "Telefon",
    Channel.EMAIL.value: "E-mail",
    Channel.MEETING.value: "Møde",
    Channel.LETTER.value: "Brev",
}
# What each partner is told the new case means for it.
PARTNER_PURPOSE = {
    Department.BORGERSERVICE.value: "CPR-registrering og sundhedskort",
    Department.SOCIAL_PSYKIATRI.value: "Midlertidig bolig",
}
CONTACT_FIELDS = ("on", "channel", "contact_person", "summary")


def contacts_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    def load(session: Session, case: Case) -> dict[str, Any]:
        contacts = [ContactOut.model_validate(c) for c in service.contact_log(session, case_id=case_id)]
        notifications = [NotificationOut.model_validate(n) for n in service.notifications(session, case_id=case_id)]
        return {
            "contacts": contacts,
            "notifications": notifications,
            "errors": errors or {},
            "form": form or {},
            "today": today(),
            "can_write": principal.department == Department.JOBCENTRET,
            "channel_labels": CHANNEL_LABELS,
            "partner_purpose": PARTNER_PURPOSE,
            "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_CONTACTS,
        template="contacts.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/kontakter")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return contacts_page(request, principal, case_id)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


@router.post("/sager/{case_id}/kontakter")
async def log_contact(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        if principal.department != Department.JOBCENTRET:
            raise DomainError("only Jobcentret", danish="Kun Jobcentret kan registrere kontakt med asylcentret")
        data = ContactIn.model_validate({k: form.get(k, "") for k in CONTACT_FIELDS})
        with request.app.state.runtime.session_factory.begin() as session:
            service.log_contact(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/kontakter#kontaktlog", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
    except DomainError as exc:
        errors = {exc.field or "contact": "Sagen findes ikke" if exc.status == 404 else danish_message(exc)}
    return contacts_page(request, principal, case_id, errors=errors, form=form, status_code=422)


@router.post("/sager/{case_id}/kontakter/underretninger/{notification_id}/kvitter")
def acknowledge(case_id: IdPath, notification_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    try:
        with request.app.state.runtime.session_factory.begin() as session:
            service.acknowledge(session, case_id=case_id, notification_id=notification_id, by=principal)
        return RedirectResponse(f"/sager/{case_id}/kontakter#underretninger", status_code=303)
    except DomainError as exc:
        errors = {f"n{notification_id}": danish_message(exc)}
        return contacts_page(request, principal, case_id, errors=errors, status_code=exc.status)
