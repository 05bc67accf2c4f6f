"""Employment's web app: ``uvicorn --factory employment.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from employment.bootstrap import SERVICE, build
from employment.config import EmploymentSettings
from employment.influx import pages as influx_pages
from shared.web import notices
from shared.web.app import create_service_app


def create_app(settings: EmploymentSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    app = create_service_app(
        build(settings),
        title="Beskæftigelse – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
    notices.install(app, influx_pages.banner)  # integrationsloven § 4 b: a banner while an order stands
    return app
