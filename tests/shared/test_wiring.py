"""Wiring checks: subscriptions match handlers, migrations match models, settings refuse unsafe values."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.fernet import Fernet
from sqlalchemy import create_engine

import shared.bus.models  # noqa: F401
from shared.bus.envelope import known_types
from shared.bus.subscriptions import SUBSCRIPTIONS, subscriptions_of
from shared.runtime import Handlers, definition_of
from shared.settings import DEV_SECRET, SERVICES
from shared.testing.databases import drop_database, fresh_database


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_subscription_has_a_handler_and_every_handler_a_subscription(service):
    definition = definition_of(service)
    definition.check_subscriptions()  # raises on drift
    assert sorted(definition.handlers.by_type()) == subscriptions_of(service)
    assert sorted(importlib.import_module(f"{service}.bootstrap").HANDLERS) == subscriptions_of(service)


def test_a_subscription_without_a_handler_or_a_handler_without_a_subscription_is_refused():
    from shared.contracts.housing import MovedIn
    from shared.contracts.reception import CaseOpened, CprRegistered

    housing = definition_of("housing")
    kept = housing.handlers
    missing = Handlers()
    for contract in kept.contracts:
        if contract is not CaseOpened:
            missing.on(contract, lambda *_args: None)
    with pytest.raises(ValueError, match=r"subscriptions without a handler \['reception.case_opened'\]"):
        replace(housing, handlers=missing).check_subscriptions()
    extra = Handlers().on(CprRegistered, lambda *_args: None).on(MovedIn, lambda *_args: None)
    for contract in kept.contracts:
        extra.on(contract, lambda *_args: None)
    with pytest.raises(ValueError, match=r"handlers without a subscription \['housing.moved_in', 'reception.cpr_reg"):
        replace(housing, handlers=extra).check_subscriptions()
    with pytest.raises(ValueError, match="declared twice"):
        Handlers().on(CaseOpened, lambda *_args: None).on(CaseOpened, lambda *_args: None)


def test_the_handlers_of_one_event_run_in_the_declared_order_in_one_call():
    from shared.contracts.reception import CaseOpened

    calls: list[str] = []
    handlers = Handlers().on(CaseOpened, lambda *_a: calls.append("first"), lambda *_a: calls.append("second"))
    handlers.by_type()["reception.case_opened"](None, None, None)  # type: ignore[arg-type]
    assert calls == ["first", "second"]


def test_every_subscribed_event_type_has_a_contract():
    assert set(SUBSCRIPTIONS) <= set(known_types())


@pytest.mark.parametrize("service", list(SERVICES))
def test_migrations_match_the_models(service, tmp_path):
    url = fresh_database(service, tmp_path)
    metadata = importlib.import_module(f"{service}.metadata").all_metadata()
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
    prod = {"environment": "production", "auth_secret": "s" * 40, "database_url": "postgresql+psycopg://db/r"}
    with pytest.raises(ValueError, match="CPR_KEYS"):  # CPR numbers must not be encrypted with the dev key
        ReceptionSettings(**prod)
    key = Fernet.generate_key().decode()
    with pytest.raises(ValueError, match="CPR_DIGEST_KEY"):
        ReceptionSettings(**prod, cpr_keys=key)
    ok = ReceptionSettings(**prod, cpr_keys=key, cpr_digest_key="d" * 40)
    assert ok.auth_secret != DEV_SECRET and ok.cpr_keys == key


def test_retry_backoff_must_stay_below_the_visibility_timeout():
    from housing.config import HousingSettings

    with pytest.raises(ValueError, match="visibility_timeout"):
        HousingSettings(visibility_timeout=10, retry_backoff_max=10)


def test_health_reports_database_and_broker(make_app):
    app = make_app("housing")
    body = app.client.get("/health").json()
    assert body == {"service": "housing", "database": "ok", "broker": "ok", "status": "ok"}


@pytest.mark.parametrize("service", ["reception", "housing"])
def test_upgrading_a_database_with_data_keeps_the_data(service, tmp_path):
    """Every migration after the first runs on a database that already holds rows (no lost work)."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect, text

    from shared.migrations import alembic_config, upgrade

    url = f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
    first = ScriptDirectory.from_config(alembic_config(service, url)).get_base()
    upgrade(service, url, revision=first)
    engine = create_engine(url)
    with engine.begin() as conn:
        if service == "reception":
            conn.execute(
                text(
                    "INSERT INTO cases (immigration_person_id, full_name, date_of_birth, nationality, residence_basis, "
                    "asylum_centre, asylum_centre_contact, expected_arrival_date, status, housing_status, created_at, "
                    "created_by, version) VALUES ('UDL-1', 'A B', '1990-01-01', 'SYR', 'asylum_7_1', 'C', 'K', "
                    "'2026-12-24', 'opened', 'awaiting_check', '2026-11-26 10:00:00', 'x', 1)"
                )
            )
        else:
            conn.execute(
                text(
                    "INSERT INTO temporary_unit (address, capacity, ready_from, status, created_at) "
                    "VALUES ('Tårnvej 1', 2, '2026-12-01', 'ready', '2026-11-26 10:00:00')"
                )
            )
    engine.dispose()
    upgrade(service, url)
    engine = create_engine(url)
    table = "cases" if service == "reception" else "temporary_unit"
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM {table}")).mappings().all()
        columns = {c["name"] for c in inspect(conn).get_columns(table)}
    engine.dispose()
    assert len(rows) == 1
    if service == "reception":
        assert {"housing_as_of", "case_type", "linked_case_id"} <= columns
        assert (rows[0]["case_type"], rows[0]["housing_as_of"]) == ("refugee", 0)
    else:
        assert (rows[0]["unit_type"], rows[0]["version"]) == ("apartment", 1)


def test_upgrading_reception_encrypts_the_cpr_numbers_already_stored(tmp_path):
    """The migration to encrypted CPR numbers encrypts and digests existing rows with the service's keys."""
    from sqlalchemy import text

    from reception.config import ReceptionSettings
    from shared import crypto
    from shared.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'cpr.sqlite3'}"
    upgrade("reception", url, revision="43d534e1565a")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (immigration_person_id, full_name, date_of_birth, nationality, residence_basis, "
                "asylum_centre, asylum_centre_contact, expected_arrival_date, status, housing_status, created_at, "
                "created_by, version, cpr) VALUES ('UDL-1', 'A B', '1990-01-02', 'SYR', 'asylum_7_1', 'C', 'K', "
                "'2026-12-24', 'opened', 'awaiting_check', '2026-11-26 10:00:00', 'x', 1, '020190-1234')"
            )
        )
    engine.dispose()
    upgrade("reception", url)
    engine = create_engine(url)
    with engine.connect() as conn:
        raw = conn.execute(text("SELECT cpr, cpr_digest FROM cases")).one()
    engine.dispose()
    settings = ReceptionSettings()
    cipher = crypto.FieldCipher(settings.cpr_keys, settings.cpr_digest_key)
    assert "1234" not in raw.cpr and cipher.decrypt(raw.cpr) == "020190-1234"
    assert raw.cpr_digest == cipher.digest("020190-1234")


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_router_of_a_service_is_declared_in_its_bootstrap(service):
    """A routes or pages module whose router the bootstrap does not declare (itself, or included in a
    declared one) would serve nothing."""
    import pkgutil

    from fastapi import APIRouter

    package = importlib.import_module(service)
    served = {e for router in definition_of(service).routers for e in _endpoints(router)}
    found: dict[str, set[object]] = {}
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{service}."):
        if ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, APIRouter):
                own = {e for e in _endpoints(value) if getattr(e, "__module__", None) == info.name}
                if own:
                    found[f"{info.name}.{name}"] = own
    assert len(found) >= 10
    missing = sorted(name for name, endpoints in found.items() if not endpoints <= served)
    assert missing == []


def _endpoints(router):
    """The functions a router serves, through the routers included in it."""
    for route in router.routes:
        if hasattr(route, "endpoint"):
            yield route.endpoint
        elif hasattr(route, "original_router"):  # FastAPI keeps an included router as such
            yield from _endpoints(route.original_router)
