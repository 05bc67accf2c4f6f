"""H1: Celery beat runs housing's periodic readiness check; an arrival close at hand with no unit is
flagged, and reception's case shows it. Real beat, worker and API processes on a throwaway Redis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared.auth import Department
from shared.testing.processes import wait_for
from shared.testing.redis_server import RedisServer
from shared.testing.system import start_system
from tests.reception.helpers import handover


@pytest.fixture
def beat_system(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    running = start_system(
        server.url,
        tmp_path,
        services=("reception", "housing"),
        with_beat=True,
        extra_env={"HOUSING_READINESS_CHECK_SECONDS": "1", "HOUSING_READINESS_WARNING_DAYS": "3"},
    )
    yield running
    running.stop()
    server.stop()


def test_h1_beat_flags_close_arrival_without_unit_and_reception_shows_it(beat_system):
    reception = beat_system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = beat_system.client("reception", Department.JOBCENTRET)
    soon = reception.post(
        "/handovers", json=handover(expected_arrival_date=(date.today() + timedelta(days=2)).isoformat())
    ).json()["id"]
    later = reception.post(
        "/handovers", json=handover(expected_arrival_date=(date.today() + timedelta(days=20)).isoformat())
    ).json()["id"]

    def housing_status(case_id: int) -> str:
        return str(jobcentre.get(f"/cases/{case_id}").json()["housing"]["status"])

    wait_for(lambda: housing_status(soon) == "flagged", timeout=30, message="the beat's flag on the close arrival")
    wait_for(lambda: housing_status(later) == "placement_requested", timeout=10, message="the later case's status")
    assert housing_status(later) == "placement_requested"  # 20 days away: not flagged with a 3-day window
