"""H1: storage of a household's belongings, per case: register where and what, end the storage."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from housing import lookups
from housing.readiness.models import ReadinessCheck
from housing.storage import service
from housing.storage.models import StoredBelongings
from housing.storage.schemas import StorageEnd, StorageIn
from housing.web import FORMS, SP, blank_to_none, submit
from shared.auth import Principal
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
LABELS = {
    "storage_location": "Opbevaringssted",
    "storage_description": "Hvad opbevares",
    "storage_from_date": "Fra dato",
    "storage_to_date": "Til dato",
}


def _page(
    request: Request,
    session: Session,
    case_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    check = session.get(ReadinessCheck, case_id)
    if check is None:
        return render(request, "not_found.html", 404, what=f"sag {case_id} i boligafdelingen")
    rows = service.for_case(session, case_id=case_id)
    record_page(request, session, purpose=lookups.READ_STORAGE, case_id=case_id)
    return render(
        request,
        "storage.html",
        status_code,
        check=check,
        rows=rows,
        errors=errors,
        form=form,
        labels=LABELS,
    )


@router.get("/sager/{case_id}/opmagasinering")
def storage_page(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("opmagasinering")
) -> Response:
    return _page(request, session, case_id, errors={}, form={})


@router.post("/sager/{case_id}/opmagasinering")
async def register_storage(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere opmagasinering")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = {k: form.get(k, "") for k in ("location", "description", "from_date", "to_date")}
        service.store(session, case_id=case_id, storage=StorageIn.model_validate(blank_to_none(data, "to_date")), by=by)
        return f"/sager/{case_id}/opmagasinering"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere opmagasinering",
        prefix="storage_",
        action=action,
        rerender=lambda errors, form: _page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=tuple(k.removeprefix("storage_") for k in LABELS),
    )


@router.post("/opmagasinering/{storage_id}/afslut")
async def end_storage(
    storage_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("afslutte opmagasinering")
) -> Response:
    row = session.get(StoredBelongings, storage_id)
    if row is None:
        return render(request, "not_found.html", 404, what="opmagasineringen")
    case_id = row.case_id

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        end = StorageEnd.model_validate({"to_date": form.get("to_date", "")})
        service.end(session, storage_id=storage_id, to_date=end.to_date)
        return f"/sager/{case_id}/opmagasinering"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="afslutte opmagasinering",
        prefix=f"end{storage_id}_",
        action=action,
        rerender=lambda errors, form: _page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("to_date",),
    )
