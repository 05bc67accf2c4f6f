"""Housing's settings (prefix HOUSING_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import SERVICES, ServiceSettings


class HousingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="HOUSING_", extra="ignore")

    service_name: str = "housing"
    port: int = SERVICES["housing"]  # one table of ports (shared/settings.py)
    # Arrivals within this many days that still have no ready unit are flagged (red on the board).
    readiness_warning_days: int = Field(7, ge=1, le=90)
    readiness_check_seconds: float = Field(300.0, gt=0)
