"""Wiring checks: subscriptions match handlers, migrations match models, settings refuse unsafe values."""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

import shared.bus.models  # noqa: F401
from shared.bus.envelope import known_types
from shared.bus.subscriptions import SUBSCRIPTIONS, subscriptions_of
from shared.settings import DEV_SECRET, SERVICES
from shared.testing.databases import drop_database, fresh_database


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_subscription_has_a_handler_and_every_handler_a_subscription(service):
    handlers = importlib.import_module(f"{service}.bootstrap").HANDLERS if service != "council" else {}
    assert sorted(handlers) == subscriptions_of(service)


def test_every_subscribed_event_type_has_a_contract():
    assert set(SUBSCRIPTIONS) <= set(known_types())


@pytest.mark.parametrize("service", list(SERVICES))
def test_migrations_match_the_models(service, tmp_path):
    url = fresh_database(service, tmp_path)
    metadata = importlib.import_module(f"{service}.db").all_metadata()
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    drop_database(url)
    assert diff == []


def test_production_refuses_the_development_secret_and_sqlite():
    from reception.config import ReceptionSettings

    with pytest.raises(ValueError, match="AUTH_SECRET"):
        ReceptionSettings(environment="production", database_url="postgresql+psycopg://db/reception")
    with pytest.raises(ValueError, match="PostgreSQL"):
        ReceptionSettings(environment="production", auth_secret="s" * 40, database_url="sqlite:///x.db")
    ok = ReceptionSettings(environment="production", auth_secret="s" * 40, database_url="postgresql+psycopg://db/r")
    assert ok.auth_secret != DEV_SECRET


def test_retry_backoff_must_stay_below_the_visibility_timeout():
    from housing.config import HousingSettings

    with pytest.raises(ValueError, match="visibility_timeout"):
        HousingSettings(visibility_timeout=10, retry_backoff_max=10)


def test_health_reports_database_and_broker(make_app):
    app = make_app("housing")
    body = app.client.get("/health").json()
    assert body == {"service": "housing", "database": "ok", "broker": "ok", "status": "ok"}
