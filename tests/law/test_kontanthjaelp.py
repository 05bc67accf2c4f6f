"""Kontanthjælp (aktivloven §§ 16–20): the rate table and the amount suggested from a situation, case by case.

The expected amounts are sums of the table's 2026 figures (mindstesats 6.920, grundsats 8.400, forhøjet sats
11.970, hjemmeboende under 30 3.240, børnetillæg 2.784, tillæg til enlige forsørgere 1.638, tillæg til enlige
ikke-forsørgere 1.092);
when a figure is corrected from the ministry's satser, these sums change with it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.law import kontanthjaelp
from shared.law.kontanthjaelp import RATES, RateNotAvailable, Situation, age_on, rates_for, suggest

D = date.fromisoformat
T = RATES[2026]
MIN, GRUND, FORH, HJEMME = T.mindstesats, T.grundsats, T.forhoejet_sats, T.hjemmeboende_under_30
BARN, ENLIG_F, ENLIG_IKKE_F = T.boernetillaeg, T.tillaeg_enlig_forsoerger, T.tillaeg_enlig_ikke_forsoerger

CASES = [
    # (birth date, on, children, spouse, parents, requirement met, expected lines, why)
    ("1990-01-02", "2026-03-15", 0, False, False, False, [MIN], "newly arrived, 36: mindstesats, no enlig-tillæg"),
    ("1990-01-02", "2026-03-15", 0, False, False, True, [FORH, ENLIG_IKKE_F], "36, single: forhøjet + enlige"),
    ("1990-01-02", "2026-03-15", 0, True, False, True, [FORH], "36, living with a spouse: forhøjet sats only"),
    ("1990-01-02", "2026-03-15", 2, False, False, True, [FORH, BARN], "single provider of two on forhøjet sats"),
    ("1990-01-02", "2026-03-15", 3, True, False, True, [FORH, BARN], "provider of three with a spouse: one tillæg"),
    ("1990-01-02", "2026-03-15", 1, False, False, False, [MIN, BARN, ENLIG_F], "newly arrived single provider"),
    ("2001-05-01", "2026-03-15", 0, False, True, True, [HJEMME], "24, living with parents"),
    ("2001-05-01", "2026-03-15", 0, False, False, True, [GRUND, ENLIG_IKKE_F], "24, single on their own: grundsats"),
    ("2001-05-01", "2026-03-15", 1, True, False, True, [GRUND, BARN], "under 30 with a child: grundsats"),
    ("2001-05-01", "2026-03-15", 1, False, False, True, [GRUND, BARN, ENLIG_F], "under 30, single provider"),
    ("1996-03-15", "2026-03-15", 0, False, False, True, [FORH, ENLIG_IKKE_F], "turns 30 on the start day"),
    ("1996-03-15", "2026-03-14", 0, False, False, True, [GRUND, ENLIG_IKKE_F], "the day before turning 30"),
    ("1996-02-29", "2026-02-28", 0, True, False, True, [GRUND], "born 29 Feb: still 29 on 28 Feb 2026"),
    ("1996-02-29", "2026-03-01", 0, True, False, True, [FORH], "born 29 Feb: 30 on 1 March"),
    ("2008-03-15", "2026-03-15", 0, False, True, False, [MIN], "turns 18 on the start day, newly arrived"),
    ("1990-01-02", "2026-12-31", 0, False, False, True, [FORH, ENLIG_IKKE_F], "the year's last day"),
]


@pytest.mark.parametrize(("born", "on", "children", "spouse", "parents", "met", "lines", "why"), CASES)
def test_suggestion_by_situation(born, on, children, spouse, parents, met, lines, why):
    situation = Situation(D(born), children, spouse, parents, met)
    got = suggest(situation, D(on))
    assert got.lines == tuple(lines), why
    assert got.amount == sum((f.amount for f in lines), start=Decimal("0.00")), why
    assert (got.rule, got.year, got.reference) == ("aktl-kontanthjaelp", 2026, "aktivloven §§ 16–20")
    assert f"= {got.amount} kr." in got.explanation


AGES = [
    ("1990-01-02", "2026-01-01", 35),
    ("1990-01-02", "2026-01-02", 36),
    ("2000-02-29", "2026-02-28", 25),
    ("2000-02-29", "2026-03-01", 26),
    ("2000-02-29", "2028-02-29", 28),
    ("2000-12-31", "2026-12-30", 25),
    ("2000-12-31", "2026-12-31", 26),
]


@pytest.mark.parametrize(("born", "on", "age"), AGES)
def test_age_on_a_day(born, on, age):
    assert age_on(D(born), D(on)) == age


def test_no_satser_before_the_reform_or_for_a_minor():
    with pytest.raises(RateNotAvailable, match=r"1\. juli 2025"):
        rates_for(D("2025-06-30"))
    with pytest.raises(RateNotAvailable, match="2025"):
        rates_for(D("2025-07-01"))  # the table starts with 2026
    with pytest.raises(RateNotAvailable, match="17 år") as minor:
        suggest(Situation(D("2008-03-15")), D("2026-03-14"))
    assert minor.value.field == "birth_date"
    with pytest.raises(RateNotAvailable, match="Fødselsdatoen"):
        suggest(Situation(D("2026-04-01")), D("2026-03-14"))


def test_a_year_missing_from_the_table_uses_the_last_and_says_so():
    got = suggest(Situation(D("1990-01-02"), meets_residence_requirement=True), D("2027-02-01"))
    assert got.year == 2026
    assert "Satserne for 2027 er ikke indlagt" in got.explanation


def test_every_figure_has_its_act_and_source_and_unverified_ones_say_so():
    for year, table in RATES.items():
        assert table.year == year
        for figure in table.figures():
            assert figure.amount > 0 and figure.reference.startswith("aktivloven")
            assert figure.source, figure.label
            assert figure.unverified == (kontanthjaelp.SKAL_BEKRAEFTES in figure.source)
    got = suggest(Situation(D("1990-01-02")), D("2026-03-15"))
    assert got.unverified and "skal bekræftes" in got.explanation
    assert got.as_json()["lines"][0]["source"] == MIN.source  # type: ignore[index]


def test_a_situation_outside_the_bounds_is_refused():
    with pytest.raises(ValueError, match="children"):
        Situation(D("1990-01-02"), children=-1)
    with pytest.raises(ValueError, match="children"):
        Situation(D("1990-01-02"), children=21)


@given(
    born=st.dates(date(1940, 1, 1), date(2007, 12, 31)),
    on=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    children=st.integers(1, 20),
    spouse=st.booleans(),
    parents=st.booleans(),
    met=st.booleans(),
)
def test_one_boernetillaeg_whatever_the_number_of_children(born, on, children, spouse, parents, met):
    """A provider's suggestion is the same for 1 or 20 children (one børnetillæg), never below the base rate,
    and is the sum of its lines."""
    one = suggest(Situation(born, 1, spouse, parents, met), on)
    many = suggest(Situation(born, children, spouse, parents, met), on)
    assert one.amount == many.amount
    assert BARN in many.lines and many.lines[0] in (MIN, GRUND, FORH)
    assert many.amount == sum((f.amount for f in many.lines), start=Decimal("0.00"))
    assert many.amount >= many.lines[0].amount
