"""Reception's web app: ``uvicorn --factory reception.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from reception.benefits import pages as benefit_pages
from reception.benefits import routes as benefit_routes
from reception.bootstrap import build
from reception.cases import pages as case_pages
from reception.cases import routes as case_routes
from reception.civil import pages as civil_pages
from reception.civil import routes as civil_routes
from reception.config import ReceptionSettings
from reception.contracts import pages as contract_pages
from reception.contracts import routes as contract_routes
from reception.deadlines import pages as deadline_pages
from reception.deadlines import routes as deadline_routes
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
    app = create_service_app(
        build(settings),
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
            guidance_pages.router,
            referral_pages.router,
            case_pages.router,
            contract_pages.router,
            benefit_pages.router,
            deadline_pages.router,
            plan_pages.router,
            civil_pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
    return app
