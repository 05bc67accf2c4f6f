"""The Danish calendar: helligdage per helligdagsloven, working days, calendar months."""

from __future__ import annotations

from datetime import date

import pytest

from shared.clock import one_month_after as clock_one_month_after
from shared.law.calendar import add_months, helligdage, is_working_day, next_working_day, one_month_after


def test_store_bededag_is_a_helligdag_in_2023_and_no_longer_from_2024() -> None:
    assert date(2023, 5, 5) in helligdage(2023)
    assert not is_working_day(date(2023, 5, 5))
    # The fourth Friday after Easter 2024 and 2025: an ordinary working day since the abolition.
    assert is_working_day(date(2024, 4, 26))
    assert is_working_day(date(2025, 5, 16))


@pytest.mark.parametrize(
    "day",
    [date(2026, 6, 5), date(2026, 12, 24), date(2026, 12, 31), date(2026, 5, 1), date(2025, 6, 5), date(2024, 12, 24)],
    ids=[
        "grundlovsdag-2026", "juleaften-2026", "nytaarsaften-2026", "1-maj-2026", "grundlovsdag-2025",
        "juleaften-2024",
    ],
)
def test_grundlovsdag_christmas_eve_new_years_eve_and_1_may_are_not_helligdage(day: date) -> None:
    assert day not in helligdage(day.year)
    assert is_working_day(day)  # all weekdays in those years


def test_the_helligdage_of_2026_are_exactly_those_of_helligdagsloven() -> None:
    assert sorted(helligdage(2026)) == [
        date(2026, 1, 1),  # nytårsdag
        date(2026, 4, 2),  # skærtorsdag
        date(2026, 4, 3),  # langfredag
        date(2026, 4, 5),  # påskedag
        date(2026, 4, 6),  # 2. påskedag
        date(2026, 5, 14),  # Kristi himmelfartsdag
        date(2026, 5, 24),  # pinsedag
        date(2026, 5, 25),  # 2. pinsedag
        date(2026, 12, 25),  # juledag
        date(2026, 12, 26),  # 2. juledag
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 7), date(2026, 12, 7)),  # a Monday is itself
        (date(2026, 12, 5), date(2026, 12, 7)),  # Saturday → Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # juledag, 2. juledag (Sat), Sunday → Monday
        (date(2027, 1, 1), date(2027, 1, 4)),  # nytårsdag (Fri) → Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # skærtorsdag … 2. påskedag → Tuesday
        (date(2026, 5, 14), date(2026, 5, 15)),  # Kristi himmelfartsdag → the Friday after
        (date(2026, 5, 24), date(2026, 5, 26)),  # pinsedag, 2. pinsedag → Tuesday
        (date(2026, 3, 29), date(2026, 3, 30)),  # the Sunday summer time begins
        (date(2023, 5, 5), date(2023, 5, 8)),  # store bededag 2023 → Monday
    ],
)
def test_next_working_day_is_the_day_itself_or_the_first_working_day_after(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_a_calendar_month_ends_on_the_shorter_months_last_day(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_shared_clock_still_offers_one_month_after_for_the_services() -> None:
    assert clock_one_month_after is one_month_after
    assert clock_one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
