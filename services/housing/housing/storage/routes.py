"""Stored belongings through the API (H1)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from housing import lookups
from housing.storage import service
from housing.storage.schemas import StorageEnd, StorageIn, StorageOut
from housing.web import Placer, Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["bolig"])


@router.post("/cases/{case_id}/storage", status_code=status.HTTP_201_CREATED, response_model=StorageOut)
def store(case_id: IdPath, body: StorageIn, session: Db, by: Placer) -> Any:
    return service.store(session, case_id=case_id, storage=body, by=by)


@router.get("/cases/{case_id}/storage", response_model=list[StorageOut])
def list_storage(case_id: IdPath, session: Db, by: Reader) -> Any:
    """The household's stored belongings (access-logged)."""
    access.record(session, by=by, purpose=lookups.READ_STORAGE, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.post("/storage/{storage_id}/end", response_model=StorageOut)
def end_storage(storage_id: IdPath, body: StorageEnd, session: Db, _by: Placer) -> Any:
    return service.end(session, storage_id=storage_id, to_date=body.to_date)
