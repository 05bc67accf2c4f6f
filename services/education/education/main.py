"""Education's web app: ``uvicorn --factory education.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from education.bootstrap import SERVICE, build
from education.config import EducationSettings
from shared.web.app import create_service_app


def create_app(settings: EducationSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Danskuddannelse – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
