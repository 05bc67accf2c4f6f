"""Housing's web app: ``uvicorn --factory housing.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from housing.bootstrap import build
from housing.config import HousingSettings
from housing.facility import pages as facility_pages
from housing.facility import routes as facility_routes
from housing.leases import pages as lease_pages
from housing.leases import routes as lease_routes
from housing.lookups import router as lookups_router
from housing.movein import pages as movein_pages
from housing.movein import routes as movein_routes
from housing.permanent import pages as permanent_pages
from housing.permanent import routes as permanent_routes
from housing.plans import routes as plan_routes
from housing.readiness import pages as readiness_pages
from housing.storage import pages as storage_pages
from housing.storage import routes as storage_routes
from housing.units import pages as unit_pages
from housing.units import routes
from shared.web.app import create_service_app


def create_app(settings: HousingSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    app = create_service_app(
        build(settings),
        title="Bolig – Rødovre Kommune",
        routers=[
            routes.router,
            storage_routes.router,
            movein_routes.router,
            facility_routes.router,
            lease_routes.router,
            permanent_routes.router,
            plan_routes.router,
            lookups_router,
            unit_pages.router,
            storage_pages.router,
            movein_pages.router,
            facility_pages.router,
            lease_pages.router,
            permanent_pages.router,
            readiness_pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
    # Money on housing's pages as Danes write it (6.250,00 kr.).
    return app
