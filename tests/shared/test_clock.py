"""The municipality's dates are Copenhagen's: a moment stored in UTC belongs to the Copenhagen day it
happened on, and pages show it in Copenhagen time (also across the DST changes)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.clock import local_date, local_time
from shared.web.app import dk_date


@pytest.mark.parametrize(
    ("stored", "day"),
    [
        (datetime(2026, 3, 1, 23, 30), date(2026, 3, 2)),  # 00:30 Copenhagen (UTC+1): the next day
        (datetime(2026, 3, 1, 22, 59), date(2026, 3, 1)),
        (datetime(2026, 7, 1, 22, 30), date(2026, 7, 2)),  # summer time (UTC+2)
        (datetime(2026, 7, 1, 21, 59), date(2026, 7, 1)),
        (datetime(2026, 3, 28, 23, 30), date(2026, 3, 29)),  # the night clocks go forward
        (datetime(2026, 10, 24, 22, 30), date(2026, 10, 25)),  # the night clocks go back
        (datetime(2026, 12, 31, 23, 0), date(2027, 1, 1)),  # New Year's night
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), date(2027, 1, 1)),  # as PostgreSQL returns it
    ],
)
def test_a_stored_moment_belongs_to_its_copenhagen_day(stored, day):
    assert local_date(stored) == day


def test_pages_show_a_stored_moment_in_copenhagen_time():
    assert dk_date(datetime(2026, 12, 7, 23, 6)) == "08.12.2026 00:06"
    assert dk_date(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)) == "02.07.2026 00:30"
    assert local_time(datetime(2026, 7, 1, 22, 30)).hour == 0
    assert dk_date(date(2026, 12, 7)) == "07.12.2026"
