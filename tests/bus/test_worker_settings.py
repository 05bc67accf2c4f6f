"""The Celery settings every service worker gets (ENGINEERING.md §3), and the prefetch setting."""

from __future__ import annotations

import pytest

from shared.bus.worker import make_celery
from shared.settings import ServiceSettings


def _conf(settings: ServiceSettings) -> dict[str, object]:
    app = make_celery(settings, session_factory=lambda: None, handlers={})
    opts = app.conf.broker_transport_options
    return {
        "acks_late": app.conf.task_acks_late,
        "reject_on_worker_lost": app.conf.task_reject_on_worker_lost,
        "ignore_result": app.conf.task_ignore_result,
        "prefetch": app.conf.worker_prefetch_multiplier,
        "visibility_timeout": opts["visibility_timeout"],
        "restore_interval": opts["unacked_restore_interval"],
    }


def test_worker_gets_late_acks_no_results_and_explicit_visibility_timeout() -> None:
    conf = _conf(ServiceSettings(service_name="probe"))
    assert conf == {
        "acks_late": True,
        "reject_on_worker_lost": True,
        "ignore_result": True,
        "prefetch": 4,
        "visibility_timeout": 25,
        "restore_interval": 2,
    }


def test_worker_prefetch_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRATION_WORKER_PREFETCH", "1")
    assert _conf(ServiceSettings(service_name="probe"))["prefetch"] == 1


def test_worker_prefetch_out_of_range_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRATION_WORKER_PREFETCH", "0")
    with pytest.raises(ValueError, match="INTEGRATION_WORKER_PREFETCH"):
        ServiceSettings(service_name="probe")
