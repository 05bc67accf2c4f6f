"""Employment's web app: ``uvicorn --factory employment.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from employment.bootstrap import SERVICE, build
from employment.config import EmploymentSettings
from shared.web.app import create_service_app


def create_app(settings: EmploymentSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Beskæftigelse – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
