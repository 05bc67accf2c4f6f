"""Familiesammenføring til udlændinge through the API (B10)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.foreigners import service as foreigners
from employment.reunification import service
from employment.reunification.schemas import DepositIn, DepositOut, Lodged, NoteIn, NoteOut, Released
from shared.auth import Department, Principal, require
from shared.errors import NotFound
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["familiesammenføring"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post(
    "/foreigner-cases/{case_id}/security-deposit", status_code=status.HTTP_201_CREATED, response_model=DepositOut
)
def register(case_id: IdPath, body: DepositIn, session: Db, by: Caseworker) -> Any:
    """The security deposit of a family-reunification case: amount in DKK, bank guarantee or deposit."""
    return service.register_deposit(session, case_id=case_id, data=body, by=by)


@router.get("/foreigner-cases/{case_id}/security-deposit", response_model=DepositOut)
def show(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    row = service.deposit(session, case_id=case_id)
    if row is None:
        raise NotFound(f"case {case_id} has no security deposit")
    foreigners.log_access(session, by=by, case_id=case_id, purpose=lookups.READ_SECURITY_DEPOSIT)
    return row


@router.post("/security-deposits/{deposit_id}/lodged", response_model=DepositOut)
def lodged(deposit_id: IdPath, body: Lodged, session: Db, _by: Caseworker) -> Any:
    return service.lodge(session, deposit_id=deposit_id, data=body)


@router.post("/security-deposits/{deposit_id}/released", response_model=DepositOut)
def released(deposit_id: IdPath, body: Released, session: Db, _by: Caseworker) -> Any:
    """Release: a 409 before the deposit was lodged."""
    return service.release(session, deposit_id=deposit_id, data=body)


@router.post(
    "/foreigner-cases/{case_id}/reunification-notes", status_code=status.HTTP_201_CREATED, response_model=NoteOut
)
def add_note(case_id: IdPath, body: NoteIn, session: Db, by: Caseworker) -> Any:
    """A note on the employment effort or the coordination."""
    return service.add_note(session, case_id=case_id, data=body, by=by)


@router.get("/foreigner-cases/{case_id}/reunification-notes", response_model=list[NoteOut])
def notes(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    rows = service.notes(session, case_id=case_id)
    foreigners.log_access(session, by=by, case_id=case_id, purpose=lookups.READ_REUNIFICATION_NOTES)
    return rows
