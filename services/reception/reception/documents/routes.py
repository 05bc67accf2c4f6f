"""Case documents through the API (R1): multipart upload, list, download for the owning departments."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile, status
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as FormFile

from reception import lookups
from reception.documents import service
from reception.documents.schemas import DocumentKind, DocumentOut
from reception.documents.storage import DocumentStore
from reception.web import Caseworker
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, Sessions

router = APIRouter(tags=["dokumenter"])

# Jobcentret owns the case's documents; Borgerservice may read them (residence decision for the CPR).
DOCUMENT_READERS = (Department.JOBCENTRET, Department.BORGERSERVICE)
DocumentReader = Annotated[Principal, Depends(require(*DOCUMENT_READERS))]
# The routes that take an upload: the body limit of the app allows them the document limit.
UPLOAD_PATHS = (r"/cases/[0-9]+/documents", r"/sager/[0-9]+/dokumenter")
MULTIPART_OVERHEAD = 64 * 1024


def document_store(request: Request) -> DocumentStore:
    return DocumentStore(request.app.state.settings.documents_dir)


Store = Annotated[DocumentStore, Depends(document_store)]


async def read_upload(file: FormFile, max_bytes: int) -> bytes:
    """At most one byte more than allowed, so that a too large file is seen without reading it all."""
    return await file.read(max_bytes + 1)


@router.post("/cases/{case_id}/documents", status_code=status.HTTP_201_CREATED, response_model=DocumentOut)
async def upload(
    case_id: IdPath,
    request: Request,
    kind: Annotated[DocumentKind, Form()],
    file: Annotated[UploadFile, File()],
    store: Store,
    sessions: Sessions,
    by: Caseworker,
) -> Any:
    """Attach a PDF, PNG or JPEG (decided by its bytes): 415 for other types, 413 when too large, 422 empty."""
    max_bytes = request.app.state.settings.document_max_bytes
    content = await read_upload(file, max_bytes)
    return await run_in_threadpool(
        service.attach,
        sessions,
        store=store,
        case_id=case_id,
        kind=kind,
        filename=file.filename or "",
        declared_type=file.content_type or "",
        content=content,
        max_bytes=max_bytes,
        by=by,
    )


@router.get("/cases/{case_id}/documents", response_model=list[DocumentOut])
def list_documents(case_id: IdPath, session: Db, by: DocumentReader) -> Any:
    """One case's documents (access-logged under its case)."""
    rows = service.for_case(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_DOCUMENTS, case_id=case_id)
    return rows


@router.get("/cases/{case_id}/documents/{document_id}")
def download(case_id: IdPath, document_id: IdPath, session: Db, store: Store, by: DocumentReader) -> Response:
    """The file as an attachment with its detected type; every download is access-logged."""
    row, content = service.open_document(session, store=store, case_id=case_id, document_id=document_id, by=by)
    return download_response(row.filename, row.media_type, content)


def download_response(filename: str, media_type: str, content: bytes) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": service.content_disposition(filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
