"""The rules of issue 14, point 9 (integrationsloven §§ 16, 20, 21, 27; danskuddannelsesloven § 2 f), one table
per rule, each date worked out by hand from the act's words; the weekdays and helligdage read off a calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.law import danskuddannelsesloven, integrationsloven, registry
from shared.law.calendar import add_months

D = date.fromisoformat

YEARLY = [
    ("2026-03-15", "2027-03-15", "the same date 12 months on"),
    ("2024-02-29", "2025-02-28", "29 February → February's last day the next year"),
    ("2027-02-28", "2028-02-28", "into a leap year: the same date, not the 29th"),
    ("2026-01-31", "2027-01-31", "month end stays month end when the month has it"),
    ("2026-04-05", "2027-04-05", "påskedag 2026 → 5 April 2027 (a Monday, not Easter)"),
    ("2026-12-25", "2027-12-25", "juledag: the municipality's own deadline, not moved"),
    ("2027-01-01", "2028-01-01", "nytårsdag: not moved"),
    ("2023-05-05", "2024-05-05", "store bededag 2023 (the last one) → a Sunday in 2024, not moved"),
    ("2026-05-25", "2027-05-25", "2. pinsedag 2026"),
    ("2026-03-29", "2027-03-29", "the Sunday summer time begins"),
    ("2026-10-25", "2027-10-25", "the Sunday summer time ends"),
    ("2026-12-31", "2027-12-31", "over the year end"),
]


@pytest.mark.parametrize(("last", "expected", "why"), YEARLY, ids=[c[0] for c in YEARLY])
def test_the_yearly_follow_up_is_due_12_calendar_months_after_the_last(last: str, expected: str, why: str) -> None:
    """integrationsloven § 20, stk. 1, 5. pkt. (B8): work or education without benefit → every 12 months."""
    result = integrationsloven.yearly_followup_due(D(last))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("inl20-yearly", "integrationsloven § 20, stk. 1")
    assert "hver 12. måned" in result.explanation


RIGHT = [
    ("2026-08-03", "2031-08-03", "5 years to the day"),
    ("2024-02-29", "2029-02-28", "29 February → 28 February (2029 is no leap year)"),
    ("2023-02-28", "2028-02-28", "into a leap year: the same date"),
    ("2026-01-31", "2031-01-31", "month end"),
    ("2026-04-06", "2031-04-06", "2. påskedag 2026: a date, not a working day rule"),
    ("2026-12-24", "2031-12-24", "juleaften"),
    ("2027-01-01", "2032-01-01", "nytårsdag"),
    ("2023-05-05", "2028-05-05", "store bededag 2023"),
    ("2026-05-25", "2031-05-25", "2. pinsedag"),
    ("2026-10-25", "2031-10-25", "the Sunday summer time ends"),
    ("2026-03-29", "2031-03-29", "the Sunday summer time begins"),
]


@pytest.mark.parametrize(("start", "expected", "why"), RIGHT, ids=[c[0] for c in RIGHT])
def test_the_right_to_danish_education_runs_out_5_years_after_the_day_the_person_can_begin(
    start: str, expected: str, why: str
) -> None:
    """integrationsloven § 21, stk. 3 (in the programme, E1) and danskuddannelsesloven § 2 f, stk. 1 (S-kursister)."""
    programme = integrationsloven.danish_right_expires(D(start))
    assert programme.due == D(expected), why
    assert (programme.rule, programme.reference) == ("inl21-danish-right", "integrationsloven § 21, stk. 3")
    self_supporting = danskuddannelsesloven.right_expires(D(start))
    assert self_supporting.due == D(expected), why
    assert self_supporting.reference == "danskuddannelsesloven § 2 f, stk. 1"
    assert "5 år" in programme.explanation and "udløber" in self_supporting.explanation


CONTROL_CONVERSATION = [
    ("2026-12-01", "2026-12-08", "a Tuesday → the next Tuesday"),
    ("2026-12-18", "2026-12-25", "→ juledag: the municipality's own deadline, not moved"),
    ("2026-12-25", "2027-01-01", "→ nytårsdag, not moved"),
    ("2024-02-22", "2024-02-29", "→ 29 February"),
    ("2026-02-26", "2026-03-05", "over February's end (not a leap year)"),
    ("2026-03-29", "2026-04-05", "→ påskedag 2026"),
    ("2026-05-18", "2026-05-25", "→ 2. pinsedag 2026"),
    ("2023-04-28", "2023-05-05", "→ store bededag 2023 (then still a helligdag)"),
    ("2026-10-21", "2026-10-28", "across the end of summer time"),
    ("2026-03-25", "2026-04-01", "across the start of summer time"),
    ("2026-12-31", "2027-01-07", "over the year end"),
]


@pytest.mark.parametrize(
    ("received", "expected", "why"), CONTROL_CONVERSATION, ids=[c[0] for c in CONTROL_CONVERSATION]
)
def test_the_conversation_after_a_control_action_is_due_within_one_week(received: str, expected: str, why: str) -> None:
    """integrationsloven § 27, stk. 1."""
    result = integrationsloven.control_conversation_due(D(received))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("inl27-conversation", "integrationsloven § 27, stk. 1")


def test_a_control_conversation_due_on_a_helligdag_says_it_is_not_moved() -> None:
    assert "juledag" in integrationsloven.control_conversation_due(D("2026-12-18")).explanation


CONTROL_OFFER = [
    ("2026-12-08", "2026-12-22", "two weeks after the conversation"),
    ("2026-12-11", "2026-12-25", "→ juledag, not moved"),
    ("2026-12-18", "2027-01-01", "→ nytårsdag, not moved"),
    ("2024-02-15", "2024-02-29", "→ 29 February"),
    ("2026-02-20", "2026-03-06", "over February's end"),
    ("2026-03-22", "2026-04-05", "→ påskedag 2026"),
    ("2026-05-11", "2026-05-25", "→ 2. pinsedag 2026"),
    ("2023-04-21", "2023-05-05", "→ store bededag 2023"),
    ("2026-10-20", "2026-11-03", "across the end of summer time"),
    ("2026-03-20", "2026-04-03", "across the start of summer time"),
    ("2026-12-28", "2027-01-11", "over the year end"),
]


@pytest.mark.parametrize(("conversation", "expected", "why"), CONTROL_OFFER, ids=[c[0] for c in CONTROL_OFFER])
def test_the_offer_after_a_control_action_is_due_two_weeks_after_the_first_conversation(
    conversation: str, expected: str, why: str
) -> None:
    """integrationsloven § 27, stk. 2: counted from the first conversation, not from the control action."""
    result = integrationsloven.control_offer_due(D(conversation))
    assert result.due == D(expected), why
    assert (result.rule, result.reference) == ("inl27-offer", "integrationsloven § 27, stk. 2")


ADULT = [
    ("2008-01-04", "2026-01-04", True, "18 on the responsibility day itself"),
    ("2008-01-05", "2026-01-04", False, "18 the day after: no programme"),
    ("2008-02-29", "2026-02-28", False, "born 29 Feb: not yet 18 on 28 Feb of a common year"),
    ("2008-02-29", "2026-03-02", True, "born 29 Feb: 18 by 1 March (here the § 4 day moved to 2 March)"),
    ("2008-02-29", "2024-02-29", False, "16 on 29 Feb 2024"),
    ("2006-02-28", "2024-02-29", True, "18 the day before"),
    ("1990-06-15", "2026-07-01", True, "an adult"),
    ("2008-12-31", "2027-01-04", True, "18 three days before the moved § 4 day (1 Jan 2027 was nytårsdag)"),
    ("2009-01-02", "2027-01-04", True, "18 two days before the moved § 4 day: the moved day is what counts"),
    ("2009-01-05", "2027-01-04", False, "18 the day after"),
    ("2010-05-01", "2026-05-01", False, "16"),
]


@pytest.mark.parametrize(("born", "responsibility", "adult", "why"), ADULT, ids=[f"{c[0]}-{c[1]}" for c in ADULT])
def test_the_programme_is_for_those_18_or_over_when_responsibility_passes(
    born: str, responsibility: str, adult: bool, why: str
) -> None:
    """integrationsloven § 16, stk. 1 and 2: "fyldt 18 år" on the day the municipality takes over responsibility."""
    assert integrationsloven.adult_when_responsibility_passes(D(born), D(responsibility)) is adult, why


def test_the_reason_for_no_programme_gives_the_age_and_the_section() -> None:
    reason = integrationsloven.no_programme_reason(D("2009-01-05"), D("2027-01-04"))
    assert "17 år" in reason and "§ 16, stk. 1 og 2" in reason and "mandag 4. januar 2027" in reason


@pytest.mark.parametrize(
    ("rule", "params", "due"),
    [
        ("inl20-yearly", {"last_followup_on": "2024-02-29"}, "2025-02-28"),
        ("inl21-danish-right", {"can_start_on": "2026-08-03"}, "2031-08-03"),
        ("dul2f-right", {"can_start_on": "2026-08-03"}, "2031-08-03"),
        ("inl27-conversation", {"information_received_on": "2026-12-18"}, "2026-12-25"),
        ("inl27-offer", {"first_conversation_on": "2026-12-08"}, "2026-12-22"),
    ],
)
def test_the_new_rules_are_in_the_calculator(rule: str, params: dict[str, str], due: str) -> None:
    assert registry.due(rule, params).as_json()["due"] == due
    assert registry.reference_of(rule)


def test_a_bad_parameter_to_a_new_rule_is_a_danish_error() -> None:
    with pytest.raises(registry.LawInputError) as error:
        registry.due("inl27-offer", {"first_conversation_on": "2026-02-30"})
    assert "februar 2026 har ikke en 30. dag" in error.value.message


# --- invariants (Hypothesis) ------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS)
def test_the_control_offer_is_never_before_the_conversation_deadline_of_the_same_information(received: date) -> None:
    """§ 27: the offer (2 weeks after the first conversation) is due 3 weeks after the information at the latest
    interim date, and never before the conversation's own deadline."""
    conversation = integrationsloven.control_conversation_due(received)
    offer = integrationsloven.control_offer_due(conversation.due)
    assert conversation.due == received + timedelta(weeks=1) and offer.due == received + timedelta(weeks=3)


@given(DAYS)
def test_the_yearly_follow_up_and_the_right_fall_in_the_right_month(day: date) -> None:
    """§ 20 (12 months) and § 21, stk. 3 / § 2 f (60 months): the same month a year / five years on, never a day
    beyond the start's date."""
    yearly = integrationsloven.yearly_followup_due(day).due
    right = integrationsloven.danish_right_expires(day).due
    assert (yearly.year, yearly.month, right.year, right.month) == (day.year + 1, day.month, day.year + 5, day.month)
    assert yearly.day <= day.day and right.day <= day.day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), DAYS)
def test_adulthood_matches_the_18th_birthday(born: date, responsibility: date) -> None:
    """§ 16, stk. 1–2: adult exactly from the 18th birthday (1 March for one born on 29 February)."""
    eighteenth = add_months(born, 18 * 12)
    if born.month == 2 and born.day == 29 and eighteenth.day == 28:
        eighteenth += timedelta(days=1)
    assert integrationsloven.adult_when_responsibility_passes(born, responsibility) is (responsibility >= eighteenth)
