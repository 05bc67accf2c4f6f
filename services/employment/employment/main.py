"""Employment's web app: ``uvicorn --factory employment.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from employment import lookups, pages
from employment.bootstrap import build
from employment.config import EmploymentSettings
from employment.conversations import pages as conversation_pages
from employment.conversations import routes as conversation_routes
from employment.followup import pages as followup_pages
from employment.followup import routes as followup_routes
from employment.foreigners import pages as foreigner_pages
from employment.foreigners import routes as foreigner_routes
from employment.intake import routes
from employment.internships import pages as internship_pages
from employment.internships import routes as internship_routes
from employment.offers import pages as offer_pages
from employment.offers import routes as offer_routes
from employment.plans import routes as plan_routes
from employment.recognition import pages as recognition_pages
from employment.recognition import routes as recognition_routes
from employment.reunification import pages as reunification_pages
from employment.reunification import routes as reunification_routes
from employment.selfsufficiency import routes as selfsufficiency_routes
from shared.web.app import create_service_app


def create_app(settings: EmploymentSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Beskæftigelse – Rødovre Kommune",
        routers=[
            routes.router,
            selfsufficiency_routes.router,
            plan_routes.router,
            lookups.cases_router,
            lookups.foreigner_cases_router,
            conversation_routes.router,
            conversation_pages.router,
            followup_routes.router,
            followup_pages.router,
            internship_routes.router,
            internship_pages.router,
            recognition_routes.router,
            recognition_pages.router,
            offer_routes.router,
            offer_pages.router,
            foreigner_routes.router,
            foreigner_pages.router,
            reunification_routes.router,
            reunification_pages.router,
            pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
