"""What council runs: its settings and database; it handles no events and has no periodic jobs yet."""

from __future__ import annotations

from council.config import CouncilSettings
from shared.runtime import ServiceDefinition, ServiceRuntime

SERVICE = ServiceDefinition(name="council", settings=CouncilSettings)
HANDLERS = SERVICE.handlers.by_type()


def build(settings: CouncilSettings | None = None) -> ServiceRuntime:
    return SERVICE.build(settings)
