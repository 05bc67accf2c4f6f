"""Education's settings (prefix EDUCATION_)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import SERVICES, ServiceSettings


class EducationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EDUCATION_", extra="ignore")

    service_name: str = "education"
    port: int = SERVICES["education"]  # one table of ports (shared/settings.py)
