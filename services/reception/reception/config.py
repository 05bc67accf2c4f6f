"""Reception's settings (prefix RECEPTION_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.auth import Department
from shared.settings import ServiceSettings

# Departments that may see a full CPR number; everyone else sees DDMMYY-XXXX.
CPR_VISIBLE_TO = frozenset({Department.JOBCENTRET, Department.BORGERSERVICE, Department.OKONOMI})


class ReceptionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RECEPTION_", extra="ignore")

    service_name: str = "reception"
    port: int = 8001
    # The integration contract is due this many days after the handover (integrationsloven § 19: a month).
    contract_due_days: int = Field(30, ge=1, le=365)
    # How often celery beat looks for deadlines that passed.
    overdue_check_seconds: float = Field(3600.0, gt=0)
    # Uploaded documents (R1) live as files here, outside the database; default <data_dir>/reception/documents.
    documents_dir: Path = Field(default_factory=lambda data: Path(data["data_dir"]) / "reception" / "documents")
    # The largest document accepted (default 10 MiB); the upload routes' body limit follows it.
    document_max_bytes: int = Field(10 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
