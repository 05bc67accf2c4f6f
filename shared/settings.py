"""Settings every service shares, read from the environment (pydantic-settings).

Common settings use the ``INTEGRATION_`` prefix (one broker and one token secret for the whole
system); each service subclasses :class:`ServiceSettings` with its own prefix for its database and port.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789"  # noqa: S105  (refused in production)
REPO_ROOT = Path(__file__).resolve().parent.parent


def _common(name: str) -> AliasChoices:
    return AliasChoices(f"INTEGRATION_{name.upper()}")


# Integrationsloven § 4 b, stk. 4: months of suspension the city council decided (0–3; the act's own is 3).
Inl4bMonths = Annotated[int, Field(ge=0, le=3)]


class MunicipalDecisions(BaseSettings):
    """The city council's decisions every service follows, each one variable for the whole municipality (the
    same as ``ServiceSettings``' fields of that name): what an event handler, which has no service settings,
    reads when it computes a deadline that depends on them."""

    model_config = SettingsConfigDict(env_prefix="INTEGRATION_", extra="ignore")

    # Integrationsloven § 4 b, stk. 4 (the same variable as ServiceSettings.inl4b_municipal_months).
    inl4b_municipal_months: Inl4bMonths = 3


class ServiceSettings(BaseSettings):
    """Settings of one service; subclasses set ``service_name`` and ``env_prefix``."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = "service"
    environment: Literal["development", "test", "production"] = Field(
        "development", validation_alias=_common("environment")
    )
    data_dir: Path = Field(REPO_ROOT / "var", validation_alias=_common("data_dir"))
    broker_url: str = Field("redis://127.0.0.1:6379/0", validation_alias=_common("broker_url"))
    auth_secret: str = Field(DEV_SECRET, validation_alias=_common("auth_secret"))
    log_level: str = Field("INFO", validation_alias=_common("log_level"))
    # Broker behaviour (ENGINEERING.md §3): explicit visibility timeout, fast restore sweep.
    visibility_timeout: int = Field(25, ge=5, validation_alias=_common("visibility_timeout"))
    unacked_restore_interval: int = Field(2, ge=1, validation_alias=_common("unacked_restore_interval"))
    # Messages a worker process reserves (per pool process): with more than one, the main process
    # fetches, records and acknowledges while the pool child runs a handler, instead of taking turns
    # (benchmarks/bench_bus.py figure 1). Handlers are short transactions; reserved messages sit in
    # the broker's unacked set like the running one, so a killed worker's are restored, not lost
    # (one held longer than the visibility timeout is redelivered: a duplicate the inbox absorbs).
    worker_prefetch: int = Field(4, ge=1, le=64, validation_alias=_common("worker_prefetch"))
    retry_max: int = Field(5, ge=0, le=20, validation_alias=_common("retry_max"))
    retry_backoff_base: float = Field(1.0, gt=0, validation_alias=_common("retry_backoff_base"))
    retry_backoff_max: float = Field(15.0, gt=0, validation_alias=_common("retry_backoff_max"))
    relay_batch_size: int = Field(500, ge=1, le=10000, validation_alias=_common("relay_batch_size"))
    relay_sweep_seconds: float = Field(1.0, gt=0, validation_alias=_common("relay_sweep_seconds"))
    # Sent outbox rows and inbox rows older than this are deleted (hourly, by the relay); 0 keeps them.
    # Far longer than any redelivery (visibility timeout, retries), so the inbox still absorbs duplicates.
    bus_retention_days: int = Field(30, ge=0, validation_alias=_common("bus_retention_days"))
    bus_purge_seconds: float = Field(3600.0, gt=0, validation_alias=_common("bus_purge_seconds"))
    max_body_bytes: int = Field(1_048_576, ge=1024, validation_alias=_common("max_body_bytes"))
    # Integrationsloven § 4 b, stk. 4: the city council's decision on the suspension of the offer deadlines after a
    # § 4, stk. 2 takeover, in months: 3 is the act's own (stk. 1), 1–2 shortens it, 0 means not to suspend. One
    # decision for the whole municipality, so one variable (INTEGRATION_INL4B_MUNICIPAL_MONTHS) for every service.
    inl4b_municipal_months: Inl4bMonths = Field(3, validation_alias=_common("inl4b_municipal_months"))
    database_url: str = ""
    port: int = 8000
    base_url: str = ""

    @model_validator(mode="after")
    def _check(self) -> ServiceSettings:
        if self.environment == "production":
            if self.auth_secret == DEV_SECRET or len(self.auth_secret) < 32:
                raise ValueError("INTEGRATION_AUTH_SECRET must be set to a secret of 32+ characters in production")
            if not self.database_url or self.database_url.startswith("sqlite"):
                raise ValueError(f"{self.service_name}: a PostgreSQL database_url is required in production")
        if self.retry_backoff_max >= self.visibility_timeout:
            # A countdown longer than the visibility timeout makes Redis restore the message while
            # the worker still holds it: endless duplicates (ENGINEERING.md §3.6).
            raise ValueError("retry_backoff_max must be shorter than visibility_timeout")
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / (self.service_name + '.sqlite3')}"
        if not self.base_url:
            self.base_url = f"http://127.0.0.1:{self.port}"
        return self


SERVICES: dict[str, int] = {"reception": 8001, "housing": 8002, "education": 8003, "employment": 8004, "council": 8005}


def service_url(name: str) -> str:
    """Public base URL of another service's UI/API (for links between department pages)."""
    import os

    return os.environ.get(f"INTEGRATION_{name.upper()}_URL", f"http://127.0.0.1:{SERVICES[name]}")
