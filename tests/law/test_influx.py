"""Integrationsloven § 4 b: the offer deadlines (the programme, § 16, and danskuddannelsesloven § 5, stk. 1) are
suspended for 3 months after responsibility passes by the placement rule; the minister's order extends it, the
municipality may shorten it or not suspend."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.law import danskuddannelsesloven, integrationsloven
from shared.law.influx import InfluxOrder, suspended, suspension, suspension_end
from shared.law.registry import due

D = date.fromisoformat

ENDS = [
    ("2027-01-04", "2027-04-04", "4 Jan + 3 months; the end is a Sunday but a suspension is not moved"),
    ("2026-11-30", "2027-02-28", "30 Nov + 3 months: February has no 30th → its last day"),
    ("2027-11-30", "2028-02-29", "into a leap February"),
    ("2026-01-01", "2026-04-01", "nytårsdag start"),
    ("2026-12-01", "2027-03-01", "over the new year"),
    ("2026-03-02", "2026-06-02", "2 March + 3 months"),
    ("2026-02-02", "2026-05-02", "across påske 2026"),
    ("2024-02-01", "2024-05-01", "across the former store bededag 26 April 2024"),
    ("2026-05-25", "2026-08-25", "2. pinsedag start"),
    ("2026-07-31", "2026-10-31", "month end to month end across the end of summer time"),
    ("2026-08-31", "2026-11-30", "31 August + 3 → 30 November"),
    ("2026-10-01", "2027-01-01", "ends on nytårsdag"),
]


@pytest.mark.parametrize(("start", "end", "why"), ENDS, ids=[c[0] for c in ENDS])
def test_the_act_suspends_the_offer_deadlines_three_months_from_responsibility(start: str, end: str, why: str) -> None:
    result = suspension_end(D(start))
    assert result.due == D(end), why
    assert result.reference == "integrationsloven § 4 b, stk. 1"


def test_a_suspended_danish_start_counts_from_the_suspensions_end() -> None:
    pause = suspension(D("2027-01-04"), by_placement=True)
    result = suspended(danskuddannelsesloven.start_due, D("2027-01-04"), pause)
    assert result.due == D("2027-05-04") and "§ 4 b" in result.reference
    assert "suspenderet i 3 måneder" in result.explanation and "4. april 2027" in result.explanation


def test_quota_refugees_and_the_family_reunified_are_not_suspended() -> None:
    pause = suspension(D("2027-01-04"), by_placement=False)
    assert pause.until is None
    assert suspended(integrationsloven.programme_due, D("2027-01-04"), pause).due == D("2027-02-04")


def test_the_municipality_may_decide_not_to_suspend_or_to_shorten() -> None:
    none = suspension(D("2027-01-04"), by_placement=True, municipal_months=0)
    assert none.until is None and "stk. 4" in none.explanation
    short = suspension(D("2027-01-04"), by_placement=True, municipal_months=1)
    assert short.until == D("2027-02-04") and "stk. 4" in short.explanation
    with pytest.raises(ValueError):
        suspension(D("2027-01-04"), by_placement=True, municipal_months=4)


def test_an_order_extends_the_suspension_for_responsibility_within_its_period() -> None:
    order = InfluxOrder("BEK nr. 9 af 2. januar 2027", D("2027-01-01"), D("2027-06-30"), 3)
    inside = suspension(D("2027-02-01"), by_placement=True, orders=[order])
    assert inside.until == D("2027-08-01") and "BEK nr. 9 af 2. januar 2027" in inside.explanation
    outside = suspension(D("2027-07-01"), by_placement=True, orders=[order])
    assert outside.until == D("2027-10-01")


def test_the_contract_is_never_suspended() -> None:
    pause = suspension(D("2027-01-04"), by_placement=True)
    assert suspended(integrationsloven.contract_due, D("2027-01-04"), pause).due == D("2027-02-04")


def test_the_calculator_knows_the_suspension() -> None:
    assert due("inl4b-suspension", {"responsibility_from": "2026-11-30"}).as_json()["due"] == "2027-02-28"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 3), st.integers(0, 6))
def test_a_suspension_never_brings_a_deadline_earlier(start: date, municipal: int, extra: int) -> None:
    order = InfluxOrder("BEK", start, start, extra)
    pause = suspension(start, by_placement=True, municipal_months=municipal, orders=[order])
    for rule in (integrationsloven.programme_due, danskuddannelsesloven.start_due):
        assert suspended(rule, start, pause).due >= rule(start).due
