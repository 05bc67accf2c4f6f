"""Council's web app: ``uvicorn --factory council.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from council.bootstrap import SERVICE, build
from council.config import CouncilSettings
from shared.web.app import create_service_app


def create_app(settings: CouncilSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Integrationsrådet – Rødovre Kommune",
        routers=SERVICE.routers,
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
