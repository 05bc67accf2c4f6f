"""The integration council's term (integrationsloven § 42, stk. 3): the municipal election period of kommunal- og
regionalvalgloven § 6 (elections the third Tuesday of November 2009, 2013, …; the period from 1 January after)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.law.kommunalvalgloven import council_term, election_period
from shared.law.registry import due

D = date.fromisoformat

TERMS = [
    ("2026-01-01", "2026-01-01", "2029-12-31", "the first day of the period after the 2025 election"),
    ("2029-12-31", "2026-01-01", "2029-12-31", "the last day of it"),
    ("2030-01-01", "2030-01-01", "2033-12-31", "the next period starts the day after"),
    ("2025-11-18", "2022-01-01", "2025-12-31", "election day 2025 (third Tuesday of November): old council sits"),
    ("2025-12-31", "2022-01-01", "2025-12-31", "the old members leave on 31 December of the election year"),
    ("2028-02-29", "2026-01-01", "2029-12-31", "29 February in a leap year of the period"),
    ("2026-04-05", "2026-01-01", "2029-12-31", "påskedag 2026: helligdage do not matter to a period"),
    ("2024-04-26", "2022-01-01", "2025-12-31", "the former store bededag's date in 2024"),
    ("2010-01-01", "2010-01-01", "2013-12-31", "the first period § 6, stk. 2 implies (election 2009)"),
    ("2021-06-15", "2018-01-01", "2021-12-31", "the period 2018–2021"),
    ("2026-10-25", "2026-01-01", "2029-12-31", "the day summer time ends"),
    ("2034-12-24", "2034-01-01", "2037-12-31", "a later period: 2034–2037"),
]


@pytest.mark.parametrize(("on", "first", "last", "why"), TERMS, ids=[c[0] for c in TERMS])
def test_c3_the_council_term_is_the_municipal_election_period(on: str, first: str, last: str, why: str) -> None:
    """C1/C3: the term a day falls in."""
    result = council_term(D(on))
    assert result.due == (D(first), D(last)), why
    assert result.rule == "inl42-council-term" and result.reference == "integrationsloven § 42, stk. 3"
    assert election_period(D(on)) == (D(first), D(last))


def test_the_term_explanation_names_the_election_and_the_period() -> None:
    text = council_term(D("2027-03-01")).explanation
    assert "kommunalvalget i november 2025" in text and "torsdag 1. januar 2026" in text
    assert "mandag 31. december 2029" in text and "§ 6" in text


def test_the_calculator_knows_the_council_term() -> None:
    assert due("inl42-council-term", {"on": "2026-12-07"}).as_json()["due"] == ["2026-01-01", "2029-12-31"]
