"""The periodic jobs under the real scheduler: Celery beat, worker and API processes on a throwaway Redis.

H1: housing's readiness check flags an arrival close at hand with no unit, and reception's case shows it.
B8: employment's check announces overdue statutory follow-ups, and reception's timeline shows them.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
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
        "/handovers", json=handover(expected_arrival_date=(copenhagen_today() + timedelta(days=2)).isoformat())
    ).json()["id"]
    later = reception.post(
        "/handovers", json=handover(expected_arrival_date=(copenhagen_today() + timedelta(days=20)).isoformat())
    ).json()["id"]

    def housing_status(case_id: int) -> str:
        return str(jobcentre.get(f"/cases/{case_id}").json()["housing"]["status"])

    wait_for(lambda: housing_status(soon) == "flagged", timeout=30, message="the beat's flag on the close arrival")
    wait_for(lambda: housing_status(later) == "placement_requested", timeout=10, message="the later case's status")
    assert housing_status(later) == "placement_requested"  # 20 days away: not flagged with a 3-day window


@pytest.fixture
def follow_up_system(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    running = start_system(
        server.url,
        tmp_path,
        services=("reception", "employment"),
        with_beat=True,
        extra_env={"EMPLOYMENT_FOLLOW_UP_CHECK_SECONDS": "1"},
    )
    yield running
    running.stop()
    server.stop()


def test_b8_beat_announces_overdue_follow_ups_and_reception_shows_them(follow_up_system):
    """Employment's scheduler (declared in employment/bootstrap.py) runs the B8 check: the statutory
    follow-ups of a case whose § 4 day lies months back are overdue, announced once, and land on
    reception's timeline."""
    assert "employment" in follow_up_system.beats  # the test system schedules what the service declares
    reception = follow_up_system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = follow_up_system.client("reception", Department.JOBCENTRET)
    employment = follow_up_system.client("employment", Department.JOBCENTRET)
    decided = (copenhagen_today() - timedelta(days=200)).isoformat()
    resp = reception.post("/handovers", json=handover(placement_decided_on=decided))
    assert resp.status_code == 201, resp.text
    case_id = resp.json()["id"]

    def overdue_on_timeline():
        entries = jobcentre.get(f"/cases/{case_id}/timeline").json()
        return [e for e in entries if e["event_type"] == "employment.follow_up_overdue"] or None

    wait_for(overdue_on_timeline, timeout=30, message="overdue follow-ups on reception's timeline")
    overdue = [r for r in employment.get("/follow-ups/overdue").json() if r["case_id"] == case_id]
    assert overdue and all(r["overdue"] for r in overdue)
    wait_for(lambda: len(overdue_on_timeline() or []) == len(overdue), timeout=10, message="each overdue one")
    time.sleep(2.5)  # the beat runs twice more: nothing is announced again
    assert len(overdue_on_timeline() or []) == len(overdue)
