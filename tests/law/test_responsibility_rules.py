"""integrationsloven § 4, stk. 3 (the CPR registration's own date) and § 4, stk. 2, 3. pkt. (earlier, with
consent): the day itself, with the rule and why, so a case stores every § 4 day the same way (issue 14,
defect 7). Each case names why the date is what it is; weekdays and helligdage read off a calendar.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.law import integrationsloven, registry

D = date.fromisoformat

CPR_REGISTRATION = [
    ("2026-11-24", "a Tuesday: the registration's day"),
    ("2026-11-29", "a Sunday: a registration on a weekend is not moved (it is a fact, not a deadline)"),
    ("2026-12-25", "juledag: not moved either"),
    ("2027-01-01", "nytårsdag"),
    ("2024-02-29", "29 February"),
    ("2026-04-03", "langfredag 2026"),
    ("2026-04-06", "2. påskedag 2026"),
    ("2026-05-25", "2. pinsedag 2026"),
    ("2024-04-26", "the former store bededag (abolished from 2024): an ordinary Friday"),
    ("2026-03-29", "the Sunday summer time begins"),
    ("2026-10-25", "the Sunday summer time ends"),
    ("2026-01-31", "a month's end"),
]


@pytest.mark.parametrize(("registered", "why"), CPR_REGISTRATION, ids=[c[0] for c in CPR_REGISTRATION])
def test_cpr_registration_day_is_the_day_itself_with_rule_and_why(registered: str, why: str) -> None:
    """R1 (integrationsloven § 4, stk. 3)."""
    result = integrationsloven.responsibility_at_cpr_registration(D(registered))
    assert result.due == D(registered), why
    assert (result.rule, result.reference) == ("inl4-cpr-registration", "integrationsloven § 4, stk. 3")
    assert "registreret i CPR" in result.explanation
    assert "ikke fra den dag, registreringen blev noteret" in result.explanation


CONSENT = [
    "2026-11-30",
    "2026-12-24",
    "2026-12-31",
    "2024-02-29",
    "2026-04-02",
    "2026-05-14",
    "2026-06-05",
    "2026-03-29",
    "2026-10-25",
    "2027-01-01",
]


@pytest.mark.parametrize("agreed", CONSENT)
def test_consent_day_is_the_agreed_day_itself(agreed: str) -> None:
    """R1 (integrationsloven § 4, stk. 2, 3. pkt.): the agreed day, whatever the weekday."""
    result = integrationsloven.responsibility_by_consent(D(agreed))
    assert result.due == D(agreed)
    assert (result.rule, result.reference) == ("inl4-consent", "integrationsloven § 4, stk. 2, 3. pkt.")
    assert "samtykke" in result.explanation


def test_the_new_rules_are_in_the_calculator() -> None:
    assert registry.due("inl4-cpr-registration", {"registered_on": "2026-11-29"}).as_json() == {
        "rule": "inl4-cpr-registration",
        "due": "2026-11-29",
        "reference": "integrationsloven § 4, stk. 3",
        "explanation": integrationsloven.responsibility_at_cpr_registration(D("2026-11-29")).explanation,
    }
    assert registry.reference_of("inl4-consent") == "integrationsloven § 4, stk. 2, 3. pkt."
    with pytest.raises(registry.LawInputError, match="ÅÅÅÅ-MM-DD"):
        registry.due("inl4-cpr-registration", {"registered_on": "29.11.2026"})
