"""The municipality's calendar: dates are Copenhagen dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# The law's month arithmetic lives with the law; kept importable here for the services that use it.
from shared.law.calendar import one_month_after

__all__ = ["COPENHAGEN", "local_date", "local_time", "one_month_after", "today"]

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(COPENHAGEN).date()


def local_date(moment: datetime) -> date:
    """The Copenhagen date of a stored moment: a signature at 00:30 Copenhagen time is that day's, not the
    previous day's (UTC). Moments are stored in UTC; SQLite hands them back without a time zone."""
    return local_time(moment).date()


def local_time(moment: datetime) -> datetime:
    """A stored moment (UTC, naive from SQLite) in Copenhagen time, for showing it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(COPENHAGEN)
