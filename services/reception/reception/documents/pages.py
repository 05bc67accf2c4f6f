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
from reception.documents.routes import DOCUMENT_READERS, document_store, download_response, read_upload
from reception.documents.schemas import KIND_LABELS, DocumentKind, DocumentOut
from reception.web import danish_message, no_access_page, render_case_page
from shared.auth import Department, Principal
from shared.errors import DomainError
from shared.web.deps import IdPath
from shared.web.forms import render, signed_in, to_login

router = APIRouter(include_in_schema=False)

MEDIA_LABELS = {service.PDF: "PDF", service.PNG: "PNG", service.JPEG: "JPEG"}


def _reader(request: Request) -> Principal | None:
    principal = signed_in(request)
    return principal if principal and principal.department in DOCUMENT_READERS else None


def documents_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    def load(session: Session, case: Case) -> dict[str, Any]:
        documents = [DocumentOut.model_validate(d) for d in service.for_case(session, case_id=case_id)]
        max_mb = request.app.state.settings.document_max_bytes // (1024 * 1024)
        return {
            "documents": documents,
            "errors": errors or {},
            "form": form or {},
            "can_upload": principal.department == Department.JOBCENTRET,
            "kind_labels": KIND_LABELS,
            "media_labels": MEDIA_LABELS,
            "max_mb": max_mb,
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_DOCUMENTS,
        template="documents.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/dokumenter")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _reader(request)
    if principal is None:
        return no_access_page(request, "sagens dokumenter")
    return documents_page(request, principal, case_id)


@router.post("/sager/{case_id}/dokumenter")
async def upload(case_id: IdPath, request: Request) -> Response:
    principal = _reader(request)
    if principal is None:
        return to_login(request) if signed_in(request) is None else no_access_page(request, "sagens dokumenter")
    submitted = await request.form()
    kind, file = str(submitted.get("kind", "")), submitted.get("file")
    form = {"kind": kind}
    errors: dict[str, str] = {}
    status_code = 422
    if principal.department != Department.JOBCENTRET:
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
                request.app.state.runtime.session_factory,
                store=document_store(request),
                case_id=case_id,
                kind=DocumentKind(kind),
                filename=file.filename or "",
                declared_type=file.content_type or "",
                content=content,
                max_bytes=max_bytes,
                by=principal,
            )
            return RedirectResponse(f"/sager/{case_id}/dokumenter#dokumenter", status_code=303)
        except DomainError as exc:
            errors[exc.field or "upload"] = "Sagen findes ikke" if exc.status == 404 else danish_message(exc)
            status_code = exc.status if exc.status in (413, 415) else 422
    return documents_page(request, principal, case_id, errors=errors, form=form, status_code=status_code)


@router.get("/sager/{case_id}/dokumenter/{document_id}")
def download(case_id: IdPath, document_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = _reader(request)
    if principal is None:
        return no_access_page(request, "sagens dokumenter")
    with request.app.state.runtime.session_factory.begin() as session:
        try:
            row, content = service.open_document(
                session, store=document_store(request), case_id=case_id, document_id=document_id, by=principal
            )
        except DomainError:
            return render(request, "not_found.html", 404, what=f"dokument {document_id} på sag {case_id}")
        return download_response(row.filename, row.media_type, content)
