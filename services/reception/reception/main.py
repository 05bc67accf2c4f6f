"""Reception's web app: ``uvicorn --factory reception.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from reception import lookups
from reception.benefits import pages as benefit_pages
from reception.benefits import routes as benefit_routes
from reception.bootstrap import build
from reception.cases import handover_pages
from reception.cases import pages as case_pages
from reception.cases import routes as case_routes
from reception.civil import pages as civil_pages
from reception.civil import routes as civil_routes
from reception.config import CASE_READERS, ReceptionSettings
from reception.contacts import pages as contact_pages
from reception.contacts import routes as contact_routes
from reception.contracts import pages as contract_pages
from reception.contracts import routes as contract_routes
from reception.deadlines import pages as deadline_pages
from reception.deadlines import routes as deadline_routes
from reception.documents import pages as document_pages
from reception.documents import routes as document_routes
from reception.documents import service as document_service
from reception.documents.storage import DocumentStore
from reception.guidance import pages as guidance_pages
from reception.guidance import routes as guidance_routes
from reception.onboarding import routes as onboarding_routes
from reception.plans import pages as plan_pages
from reception.plans import routes as plan_routes
from reception.referrals import pages as referral_pages
from reception.referrals import routes as referral_routes
from reception.timeline import routes as timeline_routes
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
        routers=[
            case_routes.router,
            onboarding_routes.router,
            contract_routes.router,
            benefit_routes.router,
            deadline_routes.router,
            guidance_routes.router,
            referral_routes.router,
            civil_routes.router,
            plan_routes.router,
            timeline_routes.router,
            lookups.router,
            document_routes.router,
            contact_routes.router,
            guidance_pages.router,
            referral_pages.router,
            case_pages.router,
            handover_pages.router,
            contract_pages.router,
            benefit_pages.router,
            deadline_pages.router,
            plan_pages.router,
            civil_pages.router,
            document_pages.router,
            contact_pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
        body_limits=dict.fromkeys(document_routes.UPLOAD_PATHS, upload_limit),
        on_startup=[sweep_document_orphans],
    )
    # The departments that may open the case list and the deadlines (the pages' links follow it).
    app.state.templates.env.globals["case_readers"] = frozenset(d.value for d in CASE_READERS)
    return app
