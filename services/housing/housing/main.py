"""Housing's web app: ``uvicorn --factory housing.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from housing.bootstrap import SERVICE, build
from housing.config import HousingSettings
from shared.web.app import create_service_app


def create_app(settings: HousingSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    app = create_service_app(
        build(settings),
        title="Bolig – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
    # Money on housing's pages as Danes write it (6.250,00 kr.).
    return app
