"""Education's web app: ``uvicorn --factory education.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from education import pages
from education.bootstrap import build
from education.config import EducationSettings
from education.intake import routes
from shared.web.app import create_service_app


def create_app(settings: EducationSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Danskuddannelse – Rødovre Kommune",
        routers=[routes.router, pages.router],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
