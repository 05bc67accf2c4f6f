"""The asylum-centre contact log and the partner notifications as a Danish page (R1).

Jobcentret records contacts; each notified partner acknowledges its own notification; case readers read.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.contacts import service
from reception.contacts.schemas import Channel, ContactIn, ContactOut, NotificationOut
from reception.web import FORMS, JC, CaseReader, render_case_page
from shared.auth import DEPARTMENT_LABELS, Department, Principal
from shared.clock import today
from shared.web.deps import Db, IdPath
from shared.web.submit import pick

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
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    def load(db: Session, case: Case) -> dict[str, Any]:
        contacts = [ContactOut.model_validate(c) for c in service.contact_log(db, case_id=case_id)]
        notifications = [NotificationOut.model_validate(n) for n in service.notifications(db, case_id=case_id)]
        return {
            "contacts": contacts,
            "notifications": notifications,
            "errors": errors or {},
            "form": form or {},
            "today": today(),
            "can_write": principal.department == JC,
            "channel_labels": CHANNEL_LABELS,
            "partner_purpose": PARTNER_PURPOSE,
            "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_CONTACTS,
        template="contacts.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/kontakter")
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return contacts_page(request, session, user, case_id)


@router.post("/sager/{case_id}/kontakter")
async def log_contact(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        service.log_contact(db, case_id=case_id, data=ContactIn.model_validate(pick(form, CONTACT_FIELDS)), by=by)
        return f"/sager/{case_id}/kontakter#kontaktlog"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere kontakt med asylcentret",
        prefix="",
        action=action,
        rerender=lambda errors, form: contacts_page(
            request, session, user, case_id, errors=errors, form=form, status_code=422
        ),
        fields=CONTACT_FIELDS,
        allowed=(JC,),
        alert="contact",
    )


@router.post("/sager/{case_id}/kontakter/underretninger/{notification_id}/kvitter")
async def acknowledge(
    case_id: IdPath, notification_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def action(db: Session, by: Principal, _form: dict[str, str]) -> str:
        service.acknowledge(db, case_id=case_id, notification_id=notification_id, by=by)
        return f"/sager/{case_id}/kontakter#underretninger"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="kvittere for underretningen",
        prefix="",
        action=action,
        # Shown at the notification, with the refusal's own status (another department's: 403).
        rerender=lambda errors, _form: contacts_page(request, session, user, case_id, errors=errors, status_code=422),
        alert=f"n{notification_id}",
        keep_status=(400, 403, 404, 409),
    )
