"""Education's web app: ``uvicorn --factory education.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from education import pages
from education.absence import pages as absence_pages
from education.absence import routes as absence_routes
from education.bootstrap import build
from education.config import EducationSettings
from education.courses import pages as course_pages
from education.courses import routes as course_routes
from education.efforts import pages as effort_pages
from education.efforts import routes as effort_routes
from education.intake import pages as intake_pages
from education.intake import routes
from education.lookups import router as lookups_router
from education.plans import routes as plan_routes
from education.schools import pages as school_pages
from education.schools import routes as school_routes
from shared.web.app import create_service_app


def create_app(settings: EducationSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Danskuddannelse – Rødovre Kommune",
        routers=[
            routes.router,
            absence_routes.router,
            course_routes.router,
            school_routes.router,
            effort_routes.router,
            plan_routes.router,
            lookups_router,
            intake_pages.router,
            absence_pages.router,
            effort_pages.router,
            school_pages.router,
            course_pages.router,
            pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
