"""Invariants of the rules over any date (Hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shared.law import aktivloven, integrationsloven, retssikkerhedsloven
from shared.law.calendar import is_working_day
from shared.law.retssikkerhedsloven import Delivery

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_a_responsibility_day_is_never_a_weekend_or_helligdag_and_falls_early_in_the_second_month_after(
    decided: date,
) -> None:
    due = integrationsloven.responsibility_day(decided).due
    assert is_working_day(due)
    assert due.weekday() < 5
    months_after = (due.year * 12 + due.month) - (decided.year * 12 + decided.month)
    assert months_after == 2
    assert due.day <= 7  # the longest run of days off from a 1st (Easter) is under a week


@given(days, st.sampled_from(list(Delivery)))
def test_an_appeal_deadline_is_never_before_receipt_plus_4_weeks_and_is_a_working_day(
    decided: date, delivery: Delivery
) -> None:
    received = retssikkerhedsloven.received_on(decided, delivery)
    due = retssikkerhedsloven.appeal_deadline(decided, delivery).due
    assert received >= decided
    assert due >= received + timedelta(weeks=4)
    assert due < received + timedelta(weeks=4, days=7)
    assert is_working_day(due)


@given(days)
def test_a_letter_counts_as_received_on_a_monday_or_wednesday_of_the_week_after(sent: date) -> None:
    received = retssikkerhedsloven.received_on(sent, Delivery.LETTER)
    assert received.weekday() in (0, 2)
    assert timedelta(days=3) <= received - sent <= timedelta(days=12)


@given(days)
def test_a_deduction_deadline_is_the_last_day_of_the_third_month_after_the_breach(breach: date) -> None:
    due = aktivloven.deduction_deadline(breach).due
    assert due > breach
    assert (due.year * 12 + due.month) - (breach.year * 12 + breach.month) == 3
    assert due.day == calendar.monthrange(due.year, due.month)[1]


@given(days)
def test_the_followups_are_four_increasing_dates_within_six_months(visitation: date) -> None:
    due = integrationsloven.followups_due(visitation).due
    assert len(due) == 4
    assert visitation < due[0] < due[1] < due[2] < due[3]
    assert (due[3].year * 12 + due[3].month) - (visitation.year * 12 + visitation.month) == 6
    assert due[3].day <= visitation.day


@given(days)
def test_a_one_month_deadline_is_in_the_next_month_and_never_before_the_start(start: date) -> None:
    due = integrationsloven.contract_due(start).due
    assert due > start
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == 1
    assert due.day == start.day or due.day == calendar.monthrange(due.year, due.month)[1] < start.day
