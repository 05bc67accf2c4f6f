"""Reception's settings (prefix RECEPTION_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from shared.auth import Department
from shared.crypto import DEV_DIGEST_KEY, DEV_FIELD_KEY
from shared.settings import SERVICES, ServiceSettings

# Departments that may see a full CPR number; everyone else sees DDMMYY-XXXX.
# The departments that read reception's cases (API and pages).
CASE_READERS = (
    Department.JOBCENTRET,
    Department.BORGERSERVICE,
    Department.OKONOMI,
    Department.SOCIAL_PSYKIATRI,
    Department.BKF,
    Department.SUNDHEDSCENTRET,
    Department.FRIVILLIGHED,
)
CPR_VISIBLE_TO = frozenset({Department.JOBCENTRET, Department.BORGERSERVICE, Department.OKONOMI})


class ReceptionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RECEPTION_", extra="ignore")

    service_name: str = "reception"
    port: int = SERVICES["reception"]  # one table of ports (shared/settings.py)
    # The integration contract is due this many days after the handover (integrationsloven § 19: a month).
    contract_due_days: int = Field(30, ge=1, le=365)
    # How often celery beat looks for deadlines that passed.
    overdue_check_seconds: float = Field(3600.0, gt=0)
    # Uploaded documents (R1) live as files here, outside the database; default <data_dir>/reception/documents.
    documents_dir: Path = Field(default_factory=lambda data: Path(data["data_dir"]) / "reception" / "documents")
    # The largest document accepted (default 10 MiB); the upload routes' body limit follows it.
    document_max_bytes: int = Field(10 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    # CPR numbers are stored encrypted (shared/crypto.py): Fernet keys, newest first (comma-separated;
    # the first encrypts, all decrypt), and the key of the digest used to find a number.
    cpr_keys: str = DEV_FIELD_KEY
    cpr_digest_key: str = DEV_DIGEST_KEY

    @model_validator(mode="after")
    def _production_keys(self) -> ReceptionSettings:
        if self.environment == "production" and (
            DEV_FIELD_KEY in self.cpr_keys or self.cpr_digest_key == DEV_DIGEST_KEY or len(self.cpr_digest_key) < 32
        ):
            raise ValueError(
                "RECEPTION_CPR_KEYS and RECEPTION_CPR_DIGEST_KEY (32+ characters) must be set in production"
            )
        return self
