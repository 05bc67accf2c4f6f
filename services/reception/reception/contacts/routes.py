"""The asylum-centre contact log and the partner notifications through the API (R1)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from reception import lookups
from reception.contacts import service
from reception.contacts.schemas import ContactIn, ContactOut, NotificationOut
from reception.web import Caseworker, Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["kontakter"])


@router.post("/cases/{case_id}/contacts", status_code=status.HTTP_201_CREATED, response_model=ContactOut)
def log_contact(case_id: IdPath, body: ContactIn, session: Db, by: Caseworker) -> Any:
    """Jobcentret records a contact with the asylum centre (the date may not be in the future)."""
    return service.log_contact(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/contacts", response_model=list[ContactOut])
def contact_log(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's asylum-centre contact log (access-logged under its case)."""
    rows = service.contact_log(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_CONTACTS, case_id=case_id)
    return rows


@router.get("/cases/{case_id}/notifications", response_model=list[NotificationOut])
def notifications(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's partner notifications (access-logged under its case)."""
    rows = service.notifications(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_NOTIFICATIONS, case_id=case_id)
    return rows


@router.post("/cases/{case_id}/notifications/{notification_id}/acknowledge", response_model=NotificationOut)
def acknowledge(case_id: IdPath, notification_id: IdPath, session: Db, by: Reader) -> Any:
    """The notified partner acknowledges (403 for others, 409 the second time)."""
    return service.acknowledge(session, case_id=case_id, notification_id=notification_id, by=by)
