"""Each rule against dates worked out by hand from the act (DOMAIN.md's rules table), one table per rule.

Each case says why the date is what it is; the weekdays and helligdage were read off a calendar.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.law import aktivloven, danskuddannelsesloven, integrationsloven, retssikkerhedsloven
from shared.law.retssikkerhedsloven import Delivery

D = date.fromisoformat

RESPONSIBILITY = [
    ("2026-11-30", "2027-01-04", "December whole; 1 Jan 2027 nytårsdag (Fri), weekend → Monday 4 Jan"),
    ("2026-05-15", "2026-07-01", "June whole; 1 July is a Wednesday"),
    ("2026-01-31", "2026-03-02", "month end: February whole; 1 March is a Sunday → Monday"),
    ("2024-01-29", "2024-03-01", "leap year: February 2024 whole; 1 March a Friday"),
    ("2024-02-29", "2024-04-02", "29 Feb: March whole; 1 April 2024 is 2. påskedag → Tuesday"),
    ("2027-03-01", "2027-05-03", "decided on the 1st: April is the first whole month; 1 May 2027 Saturday → Monday"),
    ("2026-03-10", "2026-05-01", "1 May 2026 (the former store bededag's date that year) is a Friday, no helligdag"),
    ("2020-04-10", "2020-06-02", "1 June 2020 is 2. pinsedag → Tuesday"),
    ("2026-10-25", "2026-12-01", "decided the Sunday summer time ends; November whole; 1 December a Tuesday"),
    ("2026-09-15", "2026-11-02", "1 November 2026 a Sunday → Monday"),
    ("2026-12-31", "2027-02-01", "year end: January 2027 whole; 1 February a Monday"),
    ("2027-11-05", "2028-01-03", "1 January 2028 nytårsdag on a Saturday → Monday 3 January"),
]


@pytest.mark.parametrize(("decided", "expected", "why"), RESPONSIBILITY, ids=[c[0] for c in RESPONSIBILITY])
def test_responsibility_passes_on_the_first_working_day_after_the_first_whole_month(
    decided: str, expected: str, why: str
) -> None:
    """R1 (integrationsloven § 4, stk. 2)."""
    result = integrationsloven.responsibility_day(D(decided))
    assert result.due == D(expected), why
    assert result.rule == "inl4-responsibility"
    assert result.reference == "integrationsloven § 4, stk. 2"


def test_the_responsibility_explanation_names_the_helligdag_and_the_weekday_rule() -> None:
    explanation = integrationsloven.responsibility_day(D("2026-11-30")).explanation
    assert "30. november 2026" in explanation
    assert "nytårsdag" in explanation
    assert "mandag 4. januar 2027" in explanation


CONTRACT = [
    ("2027-01-04", "2027-02-04", "the § 4 day of a decision of 30 Nov 2026"),
    ("2026-01-31", "2026-02-28", "31 Jan → February's last day"),
    ("2024-01-31", "2024-02-29", "leap year"),
    ("2024-02-29", "2024-03-29", "from 29 February"),
    ("2026-03-31", "2026-04-30", "April has 30 days"),
    ("2026-12-31", "2027-01-31", "over the year end"),
    ("2026-11-25", "2026-12-25", "juledag: the municipality's own deadline is not moved"),
    ("2026-02-28", "2026-03-28", "from February's last day: the same date, not March's last"),
    ("2026-03-29", "2026-04-29", "from the Sunday summer time begins"),
    ("2023-04-05", "2023-05-05", "store bededag 2023: not moved"),
    ("2026-04-05", "2026-05-05", "from påskedag"),
    ("2026-08-31", "2026-09-30", "September has 30 days"),
]


@pytest.mark.parametrize(("start", "expected", "why"), CONTRACT, ids=[c[0] for c in CONTRACT])
def test_the_contract_is_due_one_calendar_month_after_responsibility(start: str, expected: str, why: str) -> None:
    """R4 (integrationsloven § 19, stk. 1)."""
    result = integrationsloven.contract_due(D(start))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("inl19-contract", "integrationsloven § 19, stk. 1")


PROGRAMME = [
    ("2026-05-01", "2026-06-01", "the 1st → the 1st"),
    ("2025-01-29", "2025-02-28", "29 Jan in a common year → 28 Feb"),
    ("2028-01-30", "2028-02-29", "30 Jan in a leap year → 29 Feb"),
    ("2026-10-25", "2026-11-25", "from the Sunday summer time ends"),
    ("2026-12-01", "2027-01-01", "nytårsdag: not moved"),
    ("2026-04-24", "2026-05-24", "pinsedag: not moved"),
    ("2026-05-31", "2026-06-30", "June has 30 days"),
    ("2026-07-31", "2026-08-31", "August has 31"),
    ("2024-04-26", "2024-05-26", "from the former store bededag of 2024"),
    ("2026-09-30", "2026-10-30", "the same date in a longer month"),
    ("2027-01-04", "2027-02-04", "the § 4 day of a decision of 30 Nov 2026"),
]


@pytest.mark.parametrize(("start", "expected", "why"), PROGRAMME, ids=[c[0] for c in PROGRAMME])
def test_the_programme_is_offered_within_one_calendar_month_of_responsibility(
    start: str, expected: str, why: str
) -> None:
    """integrationsloven § 16."""
    result = integrationsloven.programme_due(D(start))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("inl16-programme", "integrationsloven § 16")


DANISH_START = [
    ("2027-01-04", "2027-02-04", "the § 4 day of a decision of 30 Nov 2026"),
    ("2026-01-31", "2026-02-28", "month end"),
    ("2028-01-31", "2028-02-29", "leap year"),
    ("2028-02-29", "2028-03-29", "from 29 February"),
    ("2026-11-24", "2026-12-24", "juleaftensdag: a working day, and not moved anyway"),
    ("2026-11-26", "2026-12-26", "2. juledag: not moved"),
    ("2026-02-26", "2026-03-26", "February → March, same date"),
    ("2026-02-28", "2026-03-28", "February's last day → the 28th, not the 31st"),
    ("2026-10-25", "2026-11-25", "from the Sunday summer time ends"),
    ("2023-04-05", "2023-05-05", "store bededag 2023: not moved"),
    ("2026-04-14", "2026-05-14", "Kristi himmelfartsdag: not moved"),
]


@pytest.mark.parametrize(("start", "expected", "why"), DANISH_START, ids=[c[0] for c in DANISH_START])
def test_danish_education_can_start_within_one_month_of_responsibility(start: str, expected: str, why: str) -> None:
    """E1 (danskuddannelsesloven § 5, stk. 1)."""
    result = danskuddannelsesloven.start_due(D(start))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("dul5-start", "danskuddannelsesloven § 5, stk. 1")


DANISH_APPLICATION = [
    ("2026-03-31", "2026-04-30", "April has 30 days"),
    ("2026-05-31", "2026-06-30", "June has 30 days"),
    ("2024-01-30", "2024-02-29", "leap year"),
    ("2025-01-30", "2025-02-28", "common year"),
    ("2024-02-29", "2024-03-29", "from 29 February"),
    ("2026-12-25", "2027-01-25", "applied on juledag"),
    ("2026-12-01", "2027-01-01", "nytårsdag: not moved"),
    ("2026-03-05", "2026-04-05", "påskedag: not moved"),
    ("2026-03-01", "2026-04-01", "the 1st → the 1st"),
    ("2026-02-25", "2026-03-25", "over the start of summer time (29 March is later)"),
    ("2026-09-25", "2026-10-25", "the Sunday summer time ends: not moved"),
]


@pytest.mark.parametrize(("applied", "expected", "why"), DANISH_APPLICATION, ids=[c[0] for c in DANISH_APPLICATION])
def test_danish_education_can_start_within_one_month_of_the_application(
    applied: str, expected: str, why: str
) -> None:
    """B11 (danskuddannelsesloven § 5, stk. 2)."""
    result = danskuddannelsesloven.start_due_after_application(D(applied))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("dul5-start-application", "danskuddannelsesloven § 5, stk. 2")


FOLLOWUPS = [
    ("2026-01-31", ("2026-03-14", "2026-04-25", "2026-06-06", "2026-07-31")),
    ("2026-08-31", ("2026-10-12", "2026-11-23", "2027-01-04", "2027-02-28")),
    ("2023-08-29", ("2023-10-10", "2023-11-21", "2024-01-02", "2024-02-29")),
    ("2026-01-01", ("2026-02-12", "2026-03-26", "2026-05-07", "2026-07-01")),
    ("2026-02-13", ("2026-03-27", "2026-05-08", "2026-06-19", "2026-08-13")),
    ("2026-10-25", ("2026-12-06", "2027-01-17", "2027-02-28", "2027-04-25")),
    ("2024-03-31", ("2024-05-12", "2024-06-23", "2024-08-04", "2024-09-30")),
    ("2026-12-24", ("2027-02-04", "2027-03-18", "2027-04-29", "2027-06-24")),
    ("2026-06-30", ("2026-08-11", "2026-09-22", "2026-11-03", "2026-12-30")),
    ("2025-08-31", ("2025-10-12", "2025-11-23", "2026-01-04", "2026-02-28")),
    ("2026-04-05", ("2026-05-17", "2026-06-28", "2026-08-09", "2026-10-05")),
]


@pytest.mark.parametrize(("visitation", "expected"), FOLLOWUPS, ids=[c[0] for c in FOLLOWUPS])
def test_four_followups_fall_6_12_and_18_weeks_after_the_visitation_and_by_6_months(
    visitation: str, expected: tuple[str, ...]
) -> None:
    """B8 (integrationsloven § 20, stk. 1): at least 4 within the first 6 months."""
    result = integrationsloven.followups_due(D(visitation))
    assert result.due == tuple(D(day) for day in expected)
    assert (result.rule, result.reference) == ("inl20-followups", "integrationsloven § 20, stk. 1")


APPEAL = [
    ("2026-11-27", "digital", "2026-12-28", "25 Dec juledag (Fri), 2. juledag, Sunday → Monday 28 Dec"),
    ("2026-12-04", "digital", "2027-01-04", "1 Jan 2027 nytårsdag (Fri) → Monday"),
    ("2026-03-06", "digital", "2026-04-07", "3 April langfredag … 2. påskedag → Tuesday"),
    ("2026-03-05", "digital", "2026-04-07", "2 April skærtorsdag … 2. påskedag → Tuesday"),
    ("2023-04-07", "digital", "2023-05-08", "available on langfredag; 5 May 2023 store bededag → Monday"),
    ("2024-03-29", "digital", "2024-04-26", "26 April 2024, the former store bededag, is a working day"),
    ("2026-04-16", "digital", "2026-05-15", "14 May Kristi himmelfartsdag → the Friday after"),
    ("2026-04-27", "digital", "2026-05-26", "25 May 2. pinsedag → Tuesday"),
    ("2026-03-01", "digital", "2026-03-30", "29 March, the Sunday summer time begins → Monday"),
    ("2026-09-27", "digital", "2026-10-26", "25 October, the Sunday summer time ends → Monday"),
    ("2024-02-01", "digital", "2024-02-29", "29 February 2024, a Thursday"),
    ("2026-05-08", "digital", "2026-06-05", "grundlovsdag is no helligdag: the deadline stays"),
    ("2026-11-26", "digital", "2026-12-24", "juleaftensdag is no helligdag: the deadline stays"),
    ("2026-11-27", "letter", "2026-12-30", "letter of a Friday: received Wednesday 2 Dec; + 4 weeks"),
    ("2026-11-23", "letter", "2026-12-28", "letter of a Monday: received Monday 30 Nov"),
    ("2026-11-24", "letter", "2026-12-28", "letter of a Tuesday: received Monday 30 Nov"),
    ("2026-11-18", "letter", "2026-12-23", "letter of a Wednesday: received Wednesday 25 Nov"),
    ("2026-11-28", "letter", "2027-01-04", "letter dated Saturday: as Monday 30 Nov, received Monday 7 Dec"),
    ("2026-12-02", "letter", "2027-01-06", "letter of a Wednesday: received 9 Dec; 6 Jan 2027 a Wednesday"),
]


@pytest.mark.parametrize(
    ("decided", "delivery", "expected", "why"), APPEAL, ids=[f"{c[0]}-{c[1]}" for c in APPEAL]
)
def test_the_appeal_deadline_is_4_weeks_from_receipt_moved_to_a_working_day(
    decided: str, delivery: str, expected: str, why: str
) -> None:
    """Retssikkerhedsloven § 67, stk. 1 (DOMAIN.md's rules table: appeal within 4 weeks from receipt)."""
    result = retssikkerhedsloven.appeal_deadline(D(decided), Delivery(delivery))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("rsl67-appeal", "retssikkerhedsloven § 67, stk. 1")


def test_a_digital_post_decision_of_27_november_2026_can_be_appealed_until_28_december() -> None:
    """Defect 3 of the issue: not 25 December (juledag), counted from the day it is available."""
    result = retssikkerhedsloven.appeal_deadline(D("2026-11-27"), Delivery.DIGITAL)
    assert result.due == D("2026-12-28")
    assert "juledag" in result.explanation
    assert "Digital Post" in result.explanation


DEDUCTION = [
    ("2026-01-15", "2026-04-30", "January → February, March, April"),
    ("2026-01-31", "2026-04-30", "the month's last day counts the same"),
    ("2026-01-01", "2026-04-30", "the month's first day counts the same"),
    ("2026-11-30", "2027-02-28", "over the year end into a common February"),
    ("2027-11-15", "2028-02-29", "into a leap February"),
    ("2026-12-31", "2027-03-31", "December → January–March"),
    ("2024-02-29", "2024-05-31", "from 29 February"),
    ("2026-10-25", "2027-01-31", "the Sunday summer time ends"),
    ("2026-03-29", "2026-06-30", "the Sunday summer time begins"),
    ("2026-09-10", "2026-12-31", "ends on nytårsaftensdag, not moved"),
    ("2023-02-05", "2023-05-31", "common year"),
    ("2026-05-14", "2026-08-31", "a breach on Kristi himmelfartsdag"),
]


@pytest.mark.parametrize(("breach", "expected", "why"), DEDUCTION, ids=[c[0] for c in DEDUCTION])
def test_a_deduction_is_due_by_the_last_day_of_the_third_whole_month_after_the_breach(
    breach: str, expected: str, why: str
) -> None:
    """R3 sanctions (aktivloven § 35, stk. 3)."""
    result = aktivloven.deduction_deadline(D(breach))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("aktl-deduction-deadline", "aktivloven § 35, stk. 3")


def test_januarys_breaches_must_be_deducted_by_30_april_not_from_the_end_of_the_absence_list() -> None:
    """Defect 2 of the issue: a list for 1 Jan – 28 Feb 2026 with January absences is due 30 April."""
    assert aktivloven.deduction_deadline(D("2026-01-20")).due == D("2026-04-30")
