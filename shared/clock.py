"""The municipality's calendar: dates are Copenhagen dates."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(COPENHAGEN).date()


def local_date(moment: datetime) -> date:
    """The Copenhagen date of a stored moment: a signature at 00:30 Copenhagen time is that day's, not the
    previous day's (UTC). Moments are stored in UTC; SQLite hands them back without a time zone."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(COPENHAGEN).date()


def local_time(moment: datetime) -> datetime:
    """A stored moment (UTC, naive from SQLite) in Copenhagen time, for showing it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(COPENHAGEN)


def one_month_after(day: date) -> date:
    """The same day a calendar month later, or that month's last day when it is shorter (31 Jan → 28/29 Feb):
    how the law's "within a month" deadlines count (integrationsloven § 19, danskuddannelsesloven § 5)."""
    year, month = day.year + day.month // 12, day.month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
