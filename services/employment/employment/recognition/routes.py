"""Formel godkendelse af uddannelse through the API (B3)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.recognition import service
from employment.recognition.schemas import AnswerIn, DocumentsUpdate, RecognitionIn, RecognitionOut, Submit
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["godkendelse af uddannelse"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/cases/{case_id}/recognitions", status_code=status.HTTP_201_CREATED, response_model=RecognitionOut)
def create(case_id: IdPath, body: RecognitionIn, session: Db, by: Caseworker) -> Any:
    return service.create(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/recognitions", response_model=list[RecognitionOut])
def for_case(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    access.record(session, by=by, purpose=lookups.READ_RECOGNITIONS, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.get("/recognitions/{recognition_id}", response_model=RecognitionOut)
def show(recognition_id: IdPath, session: Db, by: Caseworker) -> Any:
    row = service.get(session, recognition_id)
    access.record(session, by=by, purpose=lookups.READ_RECOGNITIONS, case_id=row.case_id)
    return row


@router.patch("/recognitions/{recognition_id}/documents", response_model=RecognitionOut)
def documents(recognition_id: IdPath, body: DocumentsUpdate, session: Db, _by: Caseworker) -> Any:
    """The checklist (collected yes/no), while the documents are collected; a stale version is a 409."""
    return service.update_documents(session, recognition_id=recognition_id, data=body)


@router.post("/recognitions/{recognition_id}/submit", response_model=RecognitionOut)
def submit(recognition_id: IdPath, body: Submit, session: Db, _by: Caseworker) -> Any:
    """Send to the authority; a 409 while a document is missing."""
    return service.submit(session, recognition_id=recognition_id, data=body)


@router.post("/recognitions/{recognition_id}/answer", response_model=RecognitionOut)
def answer(recognition_id: IdPath, body: AnswerIn, session: Db, _by: Caseworker) -> Any:
    return service.answer(session, recognition_id=recognition_id, data=body)
