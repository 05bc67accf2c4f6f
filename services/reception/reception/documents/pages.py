"""The case's documents as a Danish page (R1): Jobcentret uploads, Jobcentret and Borgerservice read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from reception import lookups
from reception.cases.models import Case
from reception.documents import service
from reception.documents.routes import DOCUMENT_READERS, Store, download_response, read_upload
from reception.documents.schemas import KIND_LABELS, DocumentKind, DocumentOut
from reception.web import FORMS, JC, render_case_page
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath, Sessions
from shared.web.forms import render

router = APIRouter(include_in_schema=False)

MEDIA_LABELS = {service.PDF: "PDF", service.PNG: "PNG", service.JPEG: "JPEG"}
# Jobcentret and Borgerservice read the documents; the others are refused the page.
READER = FORMS.reader("sagens dokumenter", among=DOCUMENT_READERS)


def documents_page(
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
        documents = [DocumentOut.model_validate(d) for d in service.for_case(db, case_id=case_id)]
        max_mb = request.app.state.settings.document_max_bytes // (1024 * 1024)
        return {
            "documents": documents,
            "errors": errors or {},
            "form": form or {},
            "can_upload": principal.department == JC,
            "kind_labels": KIND_LABELS,
            "media_labels": MEDIA_LABELS,
            "max_mb": max_mb,
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_DOCUMENTS,
        template="documents.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/dokumenter")
def show(case_id: IdPath, request: Request, session: Db, user: Principal = READER) -> Response:
    return documents_page(request, session, user, case_id)


@router.post("/sager/{case_id}/dokumenter")
async def upload(
    case_id: IdPath, request: Request, session: Db, sessions: Sessions, store: Store, user: Principal = READER
) -> Response:
    """Not through ``FORMS.submit``: the upload is a file, and attaching it owns its transaction (the
    file goes when the commit fails), so it runs beside the request's session, which only shows errors."""
    submitted = await request.form()
    kind, file = str(submitted.get("kind", "")), submitted.get("file")
    form = {"kind": kind}
    errors: dict[str, str] = {}
    status_code = 422
    if user.department != JC:
        errors["upload"] = "Kun Jobcentret kan tilføje dokumenter"
    if kind not in KIND_LABELS:
        errors["kind"] = "Vælg en af mulighederne" if kind else "Feltet skal udfyldes"
    if not isinstance(file, UploadFile) or not file.filename:
        errors["file"] = "Vælg en fil"
    if not errors and isinstance(file, UploadFile):
        max_bytes = request.app.state.settings.document_max_bytes
        content = await read_upload(file, max_bytes)
        try:
            await run_in_threadpool(
                service.attach,
                sessions,
                store=store,
                case_id=case_id,
                kind=DocumentKind(kind),
                filename=file.filename or "",
                declared_type=file.content_type or "",
                content=content,
                max_bytes=max_bytes,
                by=user,
            )
            return RedirectResponse(f"/sager/{case_id}/dokumenter#dokumenter", status_code=303)
        except DomainError as exc:
            errors[exc.field or "upload"] = exc.danish
            status_code = exc.status if exc.status in (413, 415) else 422
    return documents_page(request, session, user, case_id, errors=errors, form=form, status_code=status_code)


@router.get("/sager/{case_id}/dokumenter/{document_id}")
def download(
    case_id: IdPath, document_id: IdPath, request: Request, session: Db, store: Store, user: Principal = READER
) -> Response:
    try:
        row, content = service.open_document(session, store=store, case_id=case_id, document_id=document_id, by=user)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"dokument {document_id} på sag {case_id}")
    return download_response(row.filename, row.media_type, content)
