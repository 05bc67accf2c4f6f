"""Council's web app: ``uvicorn --factory council.main:create_app``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from council import pages
from council.activities import pages as activity_pages
from council.activities import routes as activity_routes
from council.bootstrap import build
from council.config import CouncilSettings
from council.election import pages as election_pages
from council.election import routes as election_routes
from council.hearings import pages as hearing_pages
from council.hearings import routes as hearing_routes
from council.meetings import pages as meeting_pages
from council.meetings import routes as meeting_routes
from council.team import pages as team_pages
from council.team import routes as team_routes
from shared.web.app import create_service_app


def create_app(settings: CouncilSettings | None = None, *, run_relay: bool = True) -> FastAPI:
    return create_service_app(
        build(settings),
        title="Integrationsrådet – Rødovre Kommune",
        routers=[
            meeting_routes.router,
            hearing_routes.router,
            election_routes.router,
            team_routes.router,
            activity_routes.router,
            meeting_pages.router,
            hearing_pages.router,
            election_pages.router,
            team_pages.router,
            activity_pages.router,
            pages.router,
        ],
        templates_dir=Path(__file__).parent / "templates",
        run_relay=run_relay,
    )
