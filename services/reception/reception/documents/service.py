"""Use cases for case documents (R1): check the bytes, store them as a file, record them in one go."""

from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reception import lookups
from reception.cases.service import get_case
from reception.documents.models import Document
from reception.documents.schemas import DocumentKind, DocumentOut
from reception.documents.storage import DocumentStore
from shared import access
from shared.auth import Principal
from shared.errors import DomainError, Invalid, NotFound

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
# What a file's first bytes say it is; nothing else is accepted.
_MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
_UNSAFE = re.compile(r"[^\w .()+-]+")
FILE_TYPES_DANISH = "Filen skal være PDF, PNG eller JPEG"
# An upload writes its file before its row commits; a file this old without a row was left by a crash.
ORPHAN_AGE_SECONDS = 3600.0

log = logging.getLogger(__name__)


class TooLarge(DomainError):
    status = 413


class UnsupportedType(DomainError):
    status = 415


def detect_type(content: bytes) -> str | None:
    """The media type the magic bytes show (PDF, PNG or JPEG), or None."""
    return next((media for magic, media in _MAGIC if content.startswith(magic)), None)


def safe_filename(name: str, media_type: str) -> str:
    """The client's file name without folders, control or shell characters, ending in the detected type."""
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", name or "")[-1])
    base = _UNSAFE.sub("_", base).strip(" ._")[:150] or "dokument"
    if not base.lower().endswith(_EXTENSIONS[media_type]):
        base += _EXTENSIONS[media_type][0]
    return base


def _check(content: bytes, *, filename: str, declared_type: str, max_bytes: int) -> str:
    if not content:
        raise Invalid("the file is empty", field="file", danish="Filen er tom")
    if len(content) > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise TooLarge(
            f"the file is larger than {max_bytes} bytes",
            field="file",
            danish=f"Filen er for stor (højst {mb} MB)" if mb else "Filen er for stor",
        )
    media_type = detect_type(content)
    if media_type is None:
        raise UnsupportedType("the file must be a PDF, PNG or JPEG", field="file", danish=FILE_TYPES_DANISH)
    suffix = f".{filename.rsplit('.', 1)[-1].lower()}" if "." in filename else ""
    claimed = next((m for m, exts in _EXTENSIONS.items() if suffix in exts), None)
    if (suffix and claimed != media_type) or (declared_type in _EXTENSIONS and declared_type != media_type):
        raise UnsupportedType(
            f"the file's content is {media_type}, which its name or content type does not match",
            field="file",
            danish=f"{FILE_TYPES_DANISH}, og filnavnet skal passe til indholdet",
        )
    return media_type


def attach(
    sessions: sessionmaker[Session],
    *,
    store: DocumentStore,
    case_id: int,
    kind: DocumentKind,
    filename: str,
    declared_type: str,
    content: bytes,
    max_bytes: int,
    by: Principal,
) -> DocumentOut:
    """Store the file and record it in one transaction of its own; if the record fails, the file goes too.

    This use case owns its transaction (unlike the others) because the file must be removed when the
    commit, not only the insert, fails.
    """
    media_type = _check(content, filename=filename, declared_type=declared_type, max_bytes=max_bytes)
    key, written = store.new_key(), False
    try:
        with sessions.begin() as session:
            get_case(session, case_id=case_id)
            store.write(key, content)
            written = True
            row = Document(
                case_id=case_id,
                kind=kind.value,
                filename=safe_filename(filename, media_type),
                media_type=media_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                storage_key=key,
                uploaded_by=by.user,
                uploaded_by_department=by.department.value,
            )
            session.add(row)
            session.flush()
            out = DocumentOut.model_validate(row)
    except BaseException:
        if written:  # never a file this call did not write
            store.remove(key)
        raise
    return out


def sweep_orphans(
    sessions: sessionmaker[Session], *, store: DocumentStore, older_than_seconds: float = ORPHAN_AGE_SECONDS
) -> int:
    """Remove stored files that no document row refers to: what an upload left when its process died
    between writing the file and committing the row. Only files older than ``older_than_seconds``,
    so an upload in progress (in this or another process) is never touched. Returns how many went.
    """
    stale = store.stale_files(time.time() - older_than_seconds)
    if not stale:
        return 0
    keys = [name for name in stale if not name.startswith(".")]
    known: set[str] = set()
    with sessions() as session:
        for start in range(0, len(keys), 500):  # bounded IN lists: every stored document is "stale"
            chunk = keys[start : start + 500]
            known.update(session.scalars(select(Document.storage_key).where(Document.storage_key.in_(chunk))))
    removed = 0
    for name, path in stale.items():
        if name not in known:
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        log.warning("removed %d document file(s) without a document row (left by an interrupted upload)", removed)
    return removed


def for_case(session: Session, *, case_id: int) -> list[Document]:
    """The case's documents, newest first."""
    get_case(session, case_id=case_id)
    query = select(Document).where(Document.case_id == case_id)
    return list(session.scalars(query.order_by(Document.uploaded_at.desc(), Document.id.desc())))


def open_document(
    session: Session, *, store: DocumentStore, case_id: int, document_id: int, by: Principal
) -> tuple[Document, bytes]:
    """The document and its bytes for a download, which is written to the access log."""
    row = session.get(Document, document_id)
    if row is None or row.case_id != case_id:
        raise NotFound(f"no document {document_id} on case {case_id}", danish="Dokumentet findes ikke")
    try:
        content = store.read(row.storage_key)
    except FileNotFoundError:
        raise NotFound(f"the file of document {document_id} is missing", danish="Dokumentets fil mangler") from None
    access.record(
        session, by=by, purpose=lookups.DOWNLOAD_DOCUMENT, case_id=case_id, criteria=f"document {document_id}"
    )
    return row, content


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266)."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
