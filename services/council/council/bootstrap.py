"""What council runs: its JSON API and pages; it handles no events and has no periodic jobs yet."""

from __future__ import annotations

from council import pages
from council.activities import pages as activity_pages
from council.activities import routes as activity_routes
from council.config import CouncilSettings
from council.election import pages as election_pages
from council.election import routes as election_routes
from council.hearings import pages as hearing_pages
from council.hearings import routes as hearing_routes
from council.meetings import pages as meeting_pages
from council.meetings import routes as meeting_routes
from council.team import pages as team_pages
from council.team import routes as team_routes
from shared.runtime import ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(
    name="council",
    settings=CouncilSettings,
    # Its JSON API and its Danish pages, in the order they are matched.
    routers=(
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
    ),
)
HANDLERS = SERVICE.handlers.by_type()


def build(settings: CouncilSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
