"""Employment's settings (prefix EMPLOYMENT_)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import SERVICES, ServiceSettings


class EmploymentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EMPLOYMENT_", extra="ignore")

    service_name: str = "employment"
    port: int = SERVICES["employment"]  # one table of ports (shared/settings.py)
    # How often the worker announces follow-up conversations (B8) that are overdue.
    follow_up_check_seconds: float = 3600.0
