"""The Danish calendar of the law: helligdage, working days and calendar months.

Helligdage are those of helligdagsloven (lov om søgnehelligdage): søndage, nytårsdag, skærtorsdag,
langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag og 2. juledag,
and store bededag until 2023 (lov nr. 150 af 28. februar 2023 abolished it from 2024). They come from the
``holidays`` package, which knows that abolition. Grundlovsdag (5 June), juleaftensdag (24 December),
nytårsaftensdag (31 December) and 1 May are days many take off but are *not* helligdage, so they are
removed here whatever category the package files them under: a deadline may end on them.

A working day (hverdag) is Monday to Friday and not a helligdag. Saturday is never one: the acts'
weekday rules ("falder den 1. i en weekend", "lørdag eller helligdag") treat it like Sunday.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta
from functools import cache

import holidays

# Days off by custom or agreement, not by helligdagsloven: never treated as helligdage.
NOT_HELLIGDAGE: frozenset[tuple[int, int]] = frozenset({(5, 1), (6, 5), (12, 24), (12, 31)})

DANISH_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)
DANISH_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@cache
def helligdage(year: int) -> dict[date, str]:
    """The helligdage of ``year`` (Sundays aside) with their Danish names."""
    found = holidays.country_holidays("DK", years=year, categories=(holidays.PUBLIC,), language="da")
    return {day: str(name) for day, name in found.items() if (day.month, day.day) not in NOT_HELLIGDAGE}


def is_helligdag(day: date) -> bool:
    """A Sunday or a helligdag of helligdagsloven."""
    return day.weekday() == 6 or day in helligdage(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a helligdag."""
    return day.weekday() < 5 and day not in helligdage(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def day_name(day: date) -> str:
    """Why a day is no working day, in Danish: "lørdag", "søndag" or the helligdag's name."""
    name = helligdage(day.year).get(day)
    if name:
        return name.lower()
    return DANISH_WEEKDAYS[day.weekday()]


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, stdlib_calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or that month's last day when it is shorter
    (31 Jan + 1 → 28/29 Feb): how the acts count a period "på en måned" (månedsfrister)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, stdlib_calendar.monthrange(year, month + 1)[1]))


def one_month_after(day: date) -> date:
    """The same day a calendar month later, or that month's last day when it is shorter (31 Jan → 28/29 Feb):
    how the law's "within a month" deadlines count (integrationsloven § 19, danskuddannelsesloven § 5)."""
    return add_months(day, 1)


def dk_long(day: date) -> str:
    """A date as Danish prose: "mandag 4. januar 2027"."""
    return f"{DANISH_WEEKDAYS[day.weekday()]} {day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"
