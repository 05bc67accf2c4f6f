"""Education's web app: ``uvicorn --factory education.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from education.bootstrap import SERVICE, build
from education.config import EducationSettings
from education.influx import pages as influx_pages
from shared.web import notices
from shared.web.app import create_service_app


def create_app(settings: EducationSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    app = create_service_app(
        build(settings),
        title="Danskuddannelse – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
    notices.install(app, influx_pages.banner)  # integrationsloven § 4 b: a banner while an order stands
    return app
