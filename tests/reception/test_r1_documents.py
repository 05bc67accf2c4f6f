"""R1 handover, complete: the residence decision and other documents on the case.

The bytes live as files under the configured document directory (never in a row); the type is what the
magic bytes say; a failed record leaves no file; downloads are for Jobcentret and Borgerservice and logged.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from reception.cases.models import AccessLog
from reception.documents.models import Document
from reception.documents.storage import DocumentStore
from shared.auth import COOKIE, Department
from tests.conftest import token
from tests.reception.helpers import handover

UDL, JC, BS, SOC, BKF = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.BORGERSERVICE,
    Department.SOCIAL_PSYKIATRI,
    Department.BKF,
)
LIMIT = 2 * 1024 * 1024  # larger than the app's 1 MiB body limit, to show the upload route's own allowance
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 2000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x01" * 500
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x02" * 500


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The document directory of the app under test (read by the settings from the environment)."""
    folder = tmp_path / "dokumenter"
    monkeypatch.setenv("RECEPTION_DOCUMENTS_DIR", str(folder))
    monkeypatch.setenv("RECEPTION_DOCUMENT_MAX_BYTES", str(LIMIT))
    return folder


def _case(app) -> int:
    resp = app.client.post("/handovers", json=handover(), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _upload(
    app,
    case_id: int,
    content: bytes,
    name: str = "afgoerelse.pdf",
    kind: str = "residence_decision",
    department: Department = JC,
    content_type: str = "application/pdf",
):
    return app.client.post(
        f"/cases/{case_id}/documents",
        data={"kind": kind},
        files={"file": (name, content, content_type)},
        headers=app.as_(department, "Jonas Jobcenter"),
    )


def _files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


def test_r1_upload_list_download_round_trip(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    uploaded = _upload(app, case_id, PDF, name="../../Opholdstilladelse Åse <x>|.pdf")
    assert uploaded.status_code == 201, uploaded.text
    doc = uploaded.json()
    assert doc["media_type"] == "application/pdf" and doc["size"] == len(PDF)
    assert doc["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert doc["filename"] == "Opholdstilladelse Åse _x_.pdf"  # no folders, no quotes
    assert doc["uploaded_by"] == "Jonas Jobcenter" and doc["kind"] == "residence_decision"
    other = _upload(app, case_id, PNG, name="pas.png", kind="other", content_type="image/png")
    assert other.status_code == 201 and other.json()["media_type"] == "image/png"
    photo = _upload(app, case_id, JPEG, name="foto", kind="other", content_type="application/octet-stream")
    assert photo.status_code == 201 and photo.json()["filename"] == "foto.jpg"

    # The bytes are a file in the configured folder, named by the random storage key, not in the row.
    with app.factory() as session:
        row = session.get(Document, doc["id"])
        assert row is not None and re.fullmatch(r"[0-9a-f]{32}", row.storage_key)
        assert (docs / row.storage_key).read_bytes() == PDF
        assert not hasattr(row, "content")
    assert len(_files(docs)) == 3  # no temporary files left behind

    listed = app.client.get(f"/cases/{case_id}/documents", headers=app.as_(BS))
    assert listed.status_code == 200
    assert [d["id"] for d in listed.json()] == [photo.json()["id"], other.json()["id"], doc["id"]]

    for department in (JC, BS):
        got = app.client.get(f"/cases/{case_id}/documents/{doc['id']}", headers=app.as_(department, "Bo Borger"))
        assert got.status_code == 200
        assert got.content == PDF
        assert got.headers["content-type"] == "application/pdf"
        assert got.headers["x-content-type-options"] == "nosniff"
        disposition = got.headers["content-disposition"]
        assert disposition.startswith('attachment; filename="Opholdstilladelse _se _x_.pdf"')
        assert f"filename*=UTF-8''Opholdstilladelse%20{quote('Åse')}%20_x_.pdf" in disposition
    with app.factory() as session:
        logged = session.scalars(
            select(AccessLog).where(AccessLog.case_id == case_id, AccessLog.action == "download_document")
        ).all()
        assert [(a.department, a.criteria) for a in logged] == [
            ("jobcentret", f"document {doc['id']}"),
            ("borgerservice", f"document {doc['id']}"),
        ]


def test_r1_documents_only_for_owning_departments(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    doc = _upload(app, case_id, PDF).json()
    for department in (SOC, BKF, UDL):
        assert app.client.get(f"/cases/{case_id}/documents/{doc['id']}", headers=app.as_(department)).status_code == 403
        assert app.client.get(f"/cases/{case_id}/documents", headers=app.as_(department)).status_code == 403
    # Borgerservice reads but does not upload.
    assert _upload(app, case_id, PNG, name="x.png", department=BS, content_type="image/png").status_code == 403
    assert app.count(Document) == 1 and len(_files(docs)) == 1
    with app.factory() as session:
        assert session.scalars(select(AccessLog).where(AccessLog.action == "download_document")).all() == []
    # A document is found only under its own case.
    other_case = _case(app)
    assert app.client.get(f"/cases/{other_case}/documents/{doc['id']}", headers=app.as_(JC)).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("afgoerelse.pdf", PNG, "application/pdf"),  # a PNG called .pdf
        ("afgoerelse.pdf", b"Dette er ikke en PDF, bare tekst\n", "application/pdf"),
        ("afgoerelse.txt", b"%PDF-1.7 but named .txt", "text/plain"),
        ("scan.png", JPEG, "image/png"),
        ("scan", PNG, "application/pdf"),  # no extension, but the client claims another accepted type
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf"),
    ],
)
def test_r1_wrong_type_by_magic_bytes_is_415_and_nothing_written(make_app, docs, name, content, content_type):
    app = make_app("reception")
    case_id = _case(app)
    resp = _upload(app, case_id, content, name=name, content_type=content_type)
    assert resp.status_code == 415, resp.text
    assert "PDF, PNG or JPEG" in resp.json()["detail"] or "does not match" in resp.json()["detail"]
    assert app.count(Document) == 0
    assert _files(docs) == []


def test_r1_too_large_is_413_and_nothing_written(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    just_over = _upload(app, case_id, PDF + b"0" * (LIMIT + 1 - len(PDF)))
    assert just_over.status_code == 413
    assert just_over.json()["detail"] == f"the file is larger than {LIMIT} bytes"
    far_over = _upload(app, case_id, PDF + b"0" * (2 * LIMIT))  # stopped by the body limit before parsing
    assert far_over.status_code == 413 and "larger than" in far_over.json()["detail"]
    assert app.count(Document) == 0 and _files(docs) == []
    # Exactly at the limit is fine, although it is over the app's general body limit of 1 MiB ...
    at_limit = _upload(app, case_id, PDF + b"0" * (LIMIT - len(PDF)))
    assert at_limit.status_code == 201 and at_limit.json()["size"] == LIMIT
    # ... which every other route keeps.
    big_json = app.client.post(
        f"/cases/{case_id}/contacts",
        content=b'{"summary": "' + b"x" * (1024 * 1024 + 10) + b'"}',
        headers={**app.as_(JC), "Content-Type": "application/json"},
    )
    assert big_json.status_code == 413


def test_r1_empty_file_and_missing_fields_are_422(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    empty = _upload(app, case_id, b"")
    assert empty.status_code == 422 and empty.json() == {"detail": "the file is empty", "field": "file"}
    no_kind = app.client.post(
        f"/cases/{case_id}/documents", files={"file": ("a.pdf", PDF, "application/pdf")}, headers=app.as_(JC)
    )
    assert no_kind.status_code == 422
    bad_kind = _upload(app, case_id, PDF, kind="passport")
    assert bad_kind.status_code == 422
    no_file = app.client.post(f"/cases/{case_id}/documents", data={"kind": "other"}, headers=app.as_(JC))
    assert no_file.status_code == 422
    assert _upload(app, 999_999, PDF).status_code == 404
    assert app.count(Document) == 0 and _files(docs) == []


@pytest.mark.parametrize("stage", ["before_flush", "before_commit"])
def test_r1_database_failure_after_the_file_write_leaves_no_file(make_app, docs, stage):
    """The insert (or the commit) fails after the file was written: the file is removed, no row remains."""
    app = make_app("reception")
    case_id = _case(app)
    written: list[Path] = []
    real_write = DocumentStore.write

    def spy(self: DocumentStore, key: str, content: bytes) -> None:
        real_write(self, key, content)
        written.append(self.path(key))

    def fail(session: Session, *_args: object) -> None:
        pending = list(session.new) if stage == "before_flush" else list(session.identity_map.values())
        if any(isinstance(obj, Document) for obj in pending):
            raise RuntimeError("the database is full")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DocumentStore, "write", spy)
        event.listen(app.factory, stage, fail)
        try:
            resp = _upload(app, case_id, PDF)
        finally:
            event.remove(app.factory, stage, fail)
    assert resp.status_code == 500
    assert len(written) == 1 and not written[0].exists()  # the file was written, then removed
    assert _files(docs) == []
    assert app.count(Document) == 0
    assert _upload(app, case_id, PDF).status_code == 201  # and the next upload works


def test_r1_a_taken_storage_key_never_overwrites_another_document(make_app, docs, monkeypatch):
    app = make_app("reception")
    case_id = _case(app)
    first = _upload(app, case_id, PDF).json()
    with app.factory() as session:
        row = session.get(Document, first["id"])
        assert row is not None
        key = row.storage_key
    monkeypatch.setattr(DocumentStore, "new_key", staticmethod(lambda: key))
    clash = _upload(app, case_id, PNG, name="b.png", content_type="image/png")
    assert clash.status_code == 500
    assert (docs / key).read_bytes() == PDF and len(_files(docs)) == 1
    assert app.count(Document) == 1


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def test_r1_documents_page_upload_download_and_danish_errors(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    client = _signed_in(app, JC, "Jonas Jobcenter")
    case_page = client.get(f"/sager/{case_id}")
    assert f'href="/sager/{case_id}/dokumenter"' in case_page.text
    assert f'href="/sager/{case_id}/kontakter"' in case_page.text
    url = f"/sager/{case_id}/dokumenter"
    page = client.get(url)
    assert page.status_code == 200 and "Der er ikke tilføjet dokumenter endnu" in page.text
    assert 'enctype="multipart/form-data"' in page.text

    wrong = client.post(
        url,
        data={"kind": "residence_decision"},
        files={"file": ("a.pdf", b"hello", "application/pdf")},
        follow_redirects=False,
    )
    assert wrong.status_code == 415
    assert re.search(
        r'id="file-error"><span class="sr-only">Fejl: </span>Filen skal være PDF, PNG eller JPEG', wrong.text
    )
    assert '<option value="residence_decision" selected>' in wrong.text  # the choice is kept
    big = client.post(
        url,
        data={"kind": "other"},
        files={"file": ("a.pdf", PDF + b"0" * LIMIT, "application/pdf")},
        follow_redirects=False,
    )
    assert big.status_code == 413 and "Filen er for stor (højst 2 MB)" in big.text
    # Far over the limit the body is refused before the page is reached: a Danish page all the same.
    far = client.post(
        url,
        data={"kind": "other"},
        files={"file": ("a.pdf", PDF + b"0" * (3 * LIMIT), "application/pdf")},
        headers={"accept": "text/html,application/xhtml+xml", "referer": f"http://testserver{url}"},
        follow_redirects=False,
    )
    assert far.status_code == 413 and far.headers["content-type"].startswith("text/html")
    assert "Det, du sendte, er for stort" in far.text and f'href="{url}"' in far.text
    foreign = client.post(
        url,
        content=b"0" * (4 * LIMIT),
        headers={"accept": "text/html", "referer": "https://evil.example/x", "content-type": "text/plain"},
    )
    assert foreign.status_code == 413 and 'href="/x"' in foreign.text  # a path on this site only
    missing = client.post(
        url, data={"kind": ""}, files={"file": ("", b"", "application/octet-stream")}, follow_redirects=False
    )
    assert missing.status_code == 422
    assert 'id="kind-error"><span class="sr-only">Fejl: </span>Feltet skal udfyldes' in missing.text
    assert 'id="file-error"><span class="sr-only">Fejl: </span>Vælg en fil' in missing.text
    assert app.count(Document) == 0 and _files(docs) == []

    done = client.post(
        url,
        data={"kind": "residence_decision"},
        files={"file": ("Afgørelse.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"{url}#dokumenter"
    listed = client.get(url)
    assert "Afgørelse.pdf" in listed.text and "Opholdstilladelse / afgørelse" in listed.text
    link = re.search(rf'href="({url}/[0-9]+)"', listed.text)
    assert link
    got = client.get(link.group(1))
    assert got.status_code == 200 and got.content == PDF and got.headers["x-content-type-options"] == "nosniff"
    with app.factory() as session:
        assert session.scalars(select(AccessLog).where(AccessLog.action == "download_document")).one()


def test_r1_documents_page_for_other_departments(make_app, docs):
    app = make_app("reception")
    case_id = _case(app)
    _upload(app, case_id, PDF)
    client = _signed_in(app, BS)
    page = client.get(f"/sager/{case_id}/dokumenter")
    assert page.status_code == 200 and "afgoerelse.pdf" in page.text and "Tilføj dokument" not in page.text
    refused = client.post(
        f"/sager/{case_id}/dokumenter",
        data={"kind": "other"},
        files={"file": ("b.png", PNG, "image/png")},
        follow_redirects=False,
    )
    assert refused.status_code == 422 and "Kun Jobcentret kan tilføje dokumenter" in refused.text
    client = _signed_in(app, SOC)
    assert client.get(f"/sager/{case_id}/dokumenter").status_code == 403
    assert client.get(f"/sager/{case_id}/dokumenter/1").status_code == 403
    assert app.count(Document) == 1 and len(_files(docs)) == 1


def test_r1_service_start_removes_files_an_interrupted_upload_left(make_app, docs, broker):
    """A process killed between writing an upload's file and committing its row leaves a file no row
    names; the next start of the API removes such files once they are an hour old. Documents, and
    files young enough to be an upload still in progress, stay."""
    from fastapi.testclient import TestClient

    from reception.config import ReceptionSettings
    from reception.main import create_app

    app = make_app("reception")
    case_id = _case(app)
    kept = _upload(app, case_id, PDF).json()
    with app.factory() as session:
        key = session.get(Document, kept["id"]).storage_key
    orphan, partial, in_flight = docs / ("ab" * 16), docs / f".{'cd' * 16}.part", docs / ("ef" * 16)
    for path in (orphan, partial, in_flight):
        path.write_bytes(PDF)
    two_hours_ago = time.time() - 2 * 3600
    for path in (docs / key, orphan, partial):
        os.utime(path, (two_hours_ago, two_hours_ago))

    restarted = create_app(
        ReceptionSettings(database_url=app.url, broker_url=broker.url, environment="test"), run_relay=False
    )
    try:
        with TestClient(restarted) as client:
            got = client.get(f"/cases/{case_id}/documents/{kept['id']}", headers=app.as_(JC))
    finally:
        restarted.state.runtime.engine.dispose()
    assert sorted(p.name for p in _files(docs)) == sorted([key, in_flight.name])
    assert got.status_code == 200 and got.content == PDF
