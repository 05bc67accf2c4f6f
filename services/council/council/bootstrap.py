"""Wires council: settings, database; it subscribes to no events yet."""

from __future__ import annotations

from council.config import CouncilSettings
from shared.runtime import ServiceRuntime


def build(settings: CouncilSettings | None = None) -> ServiceRuntime:
    return ServiceRuntime(settings or CouncilSettings(), handlers={})
