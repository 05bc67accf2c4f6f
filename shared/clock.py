"""The municipality's calendar: dates are Copenhagen dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(COPENHAGEN).date()
