"""Housing's web app: ``uvicorn --factory housing.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from housing.bootstrap import build
from housing.config import HousingSettings
from housing.facility import routes as facility_routes
from housing.leases import routes as lease_routes
from housing.movein import routes as movein_routes
from housing.permanent import routes as permanent_routes
from housing.storage import routes as storage_routes
from housing.units import pages, routes
from shared.web.app import create_service_app


def create_app(settings: HousingSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Bolig – Rødovre Kommune",
        routers=[
            routes.router,
            storage_routes.router,
            movein_routes.router,
            facility_routes.router,
            lease_routes.router,
            permanent_routes.router,
            pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
