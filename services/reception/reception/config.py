"""Reception's settings (prefix RECEPTION_)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.auth import Department
from shared.settings import ServiceSettings

# Departments that may see a full CPR number; everyone else sees DDMMYY-XXXX.
CPR_VISIBLE_TO = frozenset({Department.JOBCENTRET, Department.BORGERSERVICE, Department.OKONOMI})


class ReceptionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RECEPTION_", extra="ignore")

    service_name: str = "reception"
    port: int = 8001
