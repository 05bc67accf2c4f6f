"""Council's settings (prefix COUNCIL_)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import SERVICES, ServiceSettings


class CouncilSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="COUNCIL_", extra="ignore")

    service_name: str = "council"
    port: int = SERVICES["council"]  # one table of ports (shared/settings.py)
