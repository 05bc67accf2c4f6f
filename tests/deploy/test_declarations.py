"""One declaration of periodic jobs: every service whose bootstrap declares one has exactly one
scheduler (celery beat) in docker-compose.yml, in ``dev.py up`` and in the test system; no other has."""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from shared import devserver
from shared.runtime import Periodic, scheduled_services
from shared.settings import SERVICES
from shared.testing.system import planned_processes

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def compose_beats() -> dict[str, list[str]]:
    """Service → the compose services that run its celery beat."""
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    beats: dict[str, list[str]] = {}
    for name, spec in services.items():
        command = spec.get("command") or []
        if command[:2] == ["celery", "-A"] and "beat" in command:
            beats.setdefault(command[2].split(".")[0], []).append(name)
    return beats


def unscheduled_in_compose() -> set[str]:
    return set(scheduled_services()) - set(compose_beats())


def dev_up_beats(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> set[str]:
    """The beats ``dev.py up`` starts, read from the call it makes (no process started)."""
    seen: dict[str, object] = {}

    class Started(Exception):
        pass

    def fake_start_system(_broker: str, _data: Path, **kwargs: object) -> None:
        seen.update(kwargs)
        raise Started

    monkeypatch.setenv("INTEGRATION_BROKER_URL", "redis://127.0.0.1:1/0")  # no Redis of its own
    monkeypatch.setattr(devserver, "upgrade", lambda _name, _url: None)
    monkeypatch.setattr(devserver, "start_system", fake_start_system)
    with pytest.raises(Started):
        devserver.main(["--data-dir", str(tmp_path)])
    services = tuple(seen.get("services", tuple(SERVICES)))  # type: ignore[arg-type]
    planned = planned_processes(services, with_apis=True, with_beat=bool(seen["with_beat"]))
    return {name for role, name in planned if role == "beat"}


def test_every_service_with_periodic_jobs_has_exactly_one_beat_in_compose_and_no_other_has_one():
    beats = compose_beats()
    assert set(scheduled_services()) == {"reception", "housing", "employment"}
    assert set(beats) == set(scheduled_services())
    assert all(len(names) == 1 for names in beats.values()), beats  # two beats would run every job twice


def test_dev_up_and_the_test_system_start_a_beat_for_every_service_with_periodic_jobs(monkeypatch, tmp_path):
    assert dev_up_beats(monkeypatch, tmp_path) == set(scheduled_services())
    planned = planned_processes(tuple(SERVICES), with_apis=False, with_beat=True)
    assert {name for role, name in planned if role == "beat"} == set(scheduled_services())


def test_a_periodic_job_declared_where_compose_runs_no_beat_is_found(monkeypatch, tmp_path):
    """Plant a periodic job in council, which compose runs no beat for: the compose check reports it,
    and ``dev.py up`` and the test system start a beat for it from the declaration alone."""
    council = importlib.import_module("council.bootstrap")
    job: Periodic = Periodic("tidy", every=lambda _s: 60.0, run=lambda _s, _factory: 0)
    monkeypatch.setattr(council, "SERVICE", replace(council.SERVICE, periodic=(job,)))
    assert unscheduled_in_compose() == {"council"}
    assert "council" in dev_up_beats(monkeypatch, tmp_path)


def test_compose_publishes_each_api_on_the_port_of_the_one_port_table():
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    for name, port in SERVICES.items():
        (published,) = services[f"{name}-api"]["ports"]
        assert published.endswith(f":{port}}}:8000"), (name, published)  # ${X_HTTP_BIND:-127.0.0.1:PORT}:8000
        settings_cls = importlib.import_module("shared.runtime").definition_of(name).settings
        assert settings_cls.model_fields["port"].default == port
