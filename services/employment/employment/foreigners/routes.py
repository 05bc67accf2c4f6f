"""Beskæftigelsesindsats for øvrige udlændinge through the API (B11)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment.foreigners import service
from employment.foreigners.schemas import (
    CitizenRequestIn,
    CitizenRequestOut,
    ClassRequestIn,
    ClassRequestOut,
    ClassRequestUpdate,
    ForeignerDetail,
    ForeignerIn,
    ForeignerOut,
    NoteIn,
    NoteOut,
    ResponseIn,
)
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["øvrige udlændinge"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/foreigner-cases", status_code=status.HTTP_201_CREATED, response_model=ForeignerOut)
def create(body: ForeignerIn, session: Db, by: Caseworker) -> Any:
    """A case for another foreigner, created here: name, birth date, residence basis; no CPR."""
    return service.create(session, data=body, by=by)


@router.get("/foreigner-cases", response_model=list[ForeignerOut])
def cases(session: Db, by: Caseworker) -> Any:
    return service.cases(session, by=by)


@router.get("/foreigner-cases/{case_id}", response_model=ForeignerDetail)
def detail(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    return service.detail(session, case_id=case_id, by=by)


@router.post("/foreigner-cases/{case_id}/notes", status_code=status.HTTP_201_CREATED, response_model=NoteOut)
def add_note(case_id: IdPath, body: NoteIn, session: Db, by: Caseworker) -> Any:
    """A conversation with guidance, or a follow-up on attendance."""
    return service.add_note(session, case_id=case_id, data=body, by=by)


@router.post(
    "/foreigner-cases/{case_id}/danish-classes", status_code=status.HTTP_201_CREATED, response_model=ClassRequestOut
)
def request_class(case_id: IdPath, body: ClassRequestIn, session: Db, by: Caseworker) -> Any:
    return service.request_class(session, case_id=case_id, data=body, by=by)


@router.patch("/danish-class-requests/{request_id}", response_model=ClassRequestOut)
def update_class(request_id: IdPath, body: ClassRequestUpdate, session: Db, _by: Caseworker) -> Any:
    return service.update_class(session, request_id=request_id, data=body)


@router.post(
    "/foreigner-cases/{case_id}/citizen-requests", status_code=status.HTTP_201_CREATED, response_model=CitizenRequestOut
)
def add_citizen_request(case_id: IdPath, body: CitizenRequestIn, session: Db, _by: Caseworker) -> Any:
    """Indsats på borgerens anmodning: the citizen asked for something."""
    return service.add_citizen_request(session, case_id=case_id, data=body)


@router.post("/citizen-requests/{request_id}/response", response_model=CitizenRequestOut)
def respond(request_id: IdPath, body: ResponseIn, session: Db, by: Caseworker) -> Any:
    return service.respond(session, request_id=request_id, data=body, by=by)
