"""The rules added for sanctions and appeals (issue 14, R3): the municipality's reconsideration of an appeal
(retssikkerhedsloven § 66, stk. 1) and the reply deadline of a partshøring (forvaltningsloven § 19, stk. 1).

Weekdays and helligdage read off a calendar (2026: påske 5 April, Kristi himmelfart 14 May, pinse 24 May).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.law import forvaltningsloven, registry, retssikkerhedsloven
from shared.law.calendar import is_working_day
from shared.law.retssikkerhedsloven import Delivery

D = date.fromisoformat

RECONSIDERATION = [
    ("2026-12-01", "2026-12-29", "4 weeks: the same weekday (Tuesday) 4 weeks later"),
    ("2026-11-27", "2026-12-25", "juledag: the municipality's own deadline is not moved"),
    ("2026-12-04", "2027-01-01", "over the year end onto nytårsdag, not moved"),
    ("2024-02-01", "2024-02-29", "leap year: 29 February"),
    ("2024-02-29", "2024-03-28", "from 29 February onto skærtorsdag, not moved"),
    ("2026-03-06", "2026-04-03", "langfredag 2026, not moved"),
    ("2023-05-05", "2023-06-02", "received on store bededag 2023 (still a helligdag then)"),
    ("2024-04-26", "2024-05-24", "the former store bededag's date in 2024: an ordinary Friday"),
    ("2026-12-31", "2027-01-28", "year end"),
    ("2026-10-25", "2026-11-22", "received the Sunday summer time ends; a Sunday 4 weeks later, not moved"),
    ("2026-01-31", "2026-02-28", "month end: 28 days, not 'a month'"),
    ("2026-05-01", "2026-05-29", "1 May is no helligdag"),
]


@pytest.mark.parametrize(("received", "expected", "why"), RECONSIDERATION, ids=[c[0] for c in RECONSIDERATION])
def test_the_municipality_reconsiders_an_appeal_within_4_weeks_of_receiving_it(
    received: str, expected: str, why: str
) -> None:
    result = retssikkerhedsloven.reconsideration_deadline(D(received))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("rsl66-reconsideration", "retssikkerhedsloven § 66, stk. 1")


def test_the_reconsideration_explanation_says_the_day_received_and_that_it_is_not_moved() -> None:
    text = retssikkerhedsloven.reconsideration_deadline(D("2026-11-27")).explanation
    assert "27. november 2026" in text and "25. december 2026" in text and "flyttes ikke" in text


HEARING = [
    ("2026-11-10", "digital", 14, "2026-11-24", "Digital Post: 14 days from the day it is sent"),
    ("2026-12-11", "digital", 14, "2026-12-28", "25 Dec juledag, 26 Dec 2. juledag, 27 Sunday → Monday 28"),
    ("2026-12-18", "digital", 14, "2027-01-04", "1 January 2027 nytårsdag (Friday) → Monday 4 January"),
    ("2024-02-15", "digital", 14, "2024-02-29", "leap year: 29 February, a Thursday"),
    ("2026-03-19", "digital", 14, "2026-04-07", "skærtorsdag 2 April → past påske to Tuesday 7 April"),
    ("2026-05-07", "digital", 7, "2026-05-15", "Kristi himmelfartsdag 14 May 2026 → Friday"),
    ("2026-05-18", "digital", 7, "2026-05-26", "2. pinsedag 25 May 2026 → Tuesday"),
    ("2023-04-28", "digital", 7, "2023-05-08", "store bededag 5 May 2023 → Monday"),
    ("2024-04-19", "digital", 7, "2024-04-26", "26 April 2024: the former store bededag, a working day"),
    ("2026-11-10", "letter", 14, "2026-11-30", "a letter of Tuesday counts from Monday 16 Nov"),
    ("2026-11-13", "letter", 7, "2026-11-25", "a letter of Friday counts from Wednesday 18 Nov"),
    ("2026-10-18", "digital", 7, "2026-10-26", "over the end of summer time onto Sunday 25 Oct → Monday"),
    ("2026-01-30", "digital", 30, "2026-03-02", "30 days to Sunday 1 March → Monday"),
]


@pytest.mark.parametrize(
    ("sent", "delivery", "days", "expected", "why"), HEARING, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in HEARING]
)
def test_the_hearing_reply_deadline_runs_from_receipt_to_a_working_day(
    sent: str, delivery: str, days: int, expected: str, why: str
) -> None:
    result = forvaltningsloven.hearing_reply_deadline(D(sent), Delivery(delivery), days)
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("fvl19-hearing-reply", "forvaltningsloven § 19, stk. 1")
    assert "Partshøring efter forvaltningsloven § 19" in result.explanation


def test_a_reply_deadline_outside_7_to_30_days_is_refused() -> None:
    for days in (6, 31):
        with pytest.raises(ValueError, match="7-30"):
            forvaltningsloven.hearing_reply_deadline(D("2026-11-10"), Delivery.DIGITAL, days)


def test_both_rules_are_in_the_calculator_with_danish_input_errors() -> None:
    assert registry.due("rsl66-reconsideration", {"appeal_received_on": "2026-12-01"}).due == D("2026-12-29")
    hearing = registry.due("fvl19-hearing-reply", {"sent_on": "2026-11-10", "delivery": "digital", "days": "14"})
    assert hearing.due == D("2026-11-24")
    assert registry.reference_of("rsl66-reconsideration") == "retssikkerhedsloven § 66, stk. 1"
    with pytest.raises(registry.LawInputError, match="»5« kendes ikke"):
        registry.due("fvl19-hearing-reply", {"sent_on": "2026-11-10", "delivery": "digital", "days": "5"})


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_reconsideration_is_always_exactly_4_weeks_after_the_appeal_arrived(received: date) -> None:
    assert retssikkerhedsloven.reconsideration_deadline(received).due == received + timedelta(weeks=4)


@given(days, st.sampled_from(list(Delivery)), st.integers(min_value=7, max_value=30))
def test_a_reply_deadline_is_a_working_day_never_before_receipt_plus_the_days(
    sent: date, delivery: Delivery, n: int
) -> None:
    due = forvaltningsloven.hearing_reply_deadline(sent, delivery, n).due
    assert is_working_day(due)
    assert due >= retssikkerhedsloven.received_on(sent, delivery) + timedelta(days=n)
