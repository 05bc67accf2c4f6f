"""Reception's web app: ``uvicorn --factory reception.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from reception.bootstrap import SERVICE, build
from reception.config import CASE_READERS, ReceptionSettings
from reception.documents import routes as document_routes
from reception.documents import service as document_service
from reception.documents.storage import DocumentStore
from reception.influx import pages as influx_pages
from shared.web import notices
from shared.web.app import create_service_app


def create_app(settings: ReceptionSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    settings = settings or ReceptionSettings()
    # Upload routes may carry a whole document (plus the multipart framing); every other route keeps its limit.
    upload_limit = settings.document_max_bytes + document_routes.MULTIPART_OVERHEAD
    runtime = build(settings)

    def sweep_document_orphans() -> int:
        return document_service.sweep_orphans(runtime.session_factory, store=DocumentStore(settings.documents_dir))

    app = create_service_app(
        runtime,
        title="Modtagelse – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
        body_limits=dict.fromkeys(document_routes.UPLOAD_PATHS, upload_limit),
        on_startup=[sweep_document_orphans],
    )
    # The departments that may open the case list and the deadlines (the pages' links follow it).
    app.state.templates.env.globals["case_readers"] = frozenset(d.value for d in CASE_READERS)
    notices.install(app, influx_pages.banner)  # integrationsloven § 4 b: a banner while an order stands
    return app
