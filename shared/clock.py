"""The municipality's calendar: dates are Copenhagen dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# The law's month arithmetic lives with the law; kept importable here for the services that use it.
from shared.law.calendar import one_month_after

__all__ = ["COPENHAGEN", "one_month_after", "today"]

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(COPENHAGEN).date()
