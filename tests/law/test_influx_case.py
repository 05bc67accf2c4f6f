"""Integrationsloven § 4 b for one case (shared.law.influx_case): the basis of responsibility decides whether the
offer deadlines are suspended, the municipality's decision (stk. 4) comes from the settings every service shares,
and a repealed order (stk. 2, 2. pkt.) binds up to the day before its repeal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from education.config import EducationSettings
from employment.config import EmploymentSettings
from reception.config import ReceptionSettings
from shared.law import danskuddannelsesloven, integrationsloven
from shared.law.influx import InfluxOrder
from shared.law.influx_case import BASES, as_in_force, case_deadline, case_suspension, standing_on

D = date.fromisoformat
BEK = InfluxOrder("BEK nr. 9 af 2. januar 2027", D("2027-01-01"), D("2027-06-30"), 3)

# (responsibility day, basis, programme § 16 due, Danish start § 5 due): placement and consent suspended 3 months,
# the CPR registration (§ 4, stk. 3) never.
CASES = [
    ("2027-01-04", "placement_rule", "2027-05-04", "2027-05-04"),
    ("2027-01-04", "consent", "2027-05-04", "2027-05-04"),
    ("2027-01-04", "cpr_registration", "2027-02-04", "2027-02-04"),
    ("2026-11-30", "placement_rule", "2027-03-28", "2027-03-28"),  # 30 Nov + 3 → 28 Feb, + 1 month → 28 March
    ("2026-11-30", "cpr_registration", "2026-12-30", "2026-12-30"),
    ("2027-11-30", "placement_rule", "2028-03-29", "2028-03-29"),  # into the leap February: 29 Feb + 1 month
    ("2026-10-01", "consent", "2027-02-01", "2027-02-01"),  # the suspension ends on nytårsdag
    ("2026-02-02", "placement_rule", "2026-06-02", "2026-06-02"),  # across påske 2026
    ("2024-02-01", "placement_rule", "2024-06-01", "2024-06-01"),  # across the former store bededag 2024
    ("2026-05-25", "cpr_registration", "2026-06-25", "2026-06-25"),  # 2. pinsedag
    ("2026-08-31", "placement_rule", "2026-12-30", "2026-12-30"),  # 31 Aug + 3 → 30 Nov, + 1 → 30 Dec
]


@pytest.mark.parametrize(("start", "basis", "programme", "danish"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_4b_the_basis_decides_the_suspension_of_a_case(start: str, basis: str, programme: str, danish: str) -> None:
    day = D(start)
    assert case_deadline(integrationsloven.programme_due, day, basis=basis).due == D(programme)
    assert case_deadline(danskuddannelsesloven.start_due, day, basis=basis).due == D(danish)
    # The contract (§ 19) is no offer: never suspended whatever the basis.
    assert (
        case_deadline(integrationsloven.contract_due, day, basis=basis).due == integrationsloven.contract_due(day).due
    )


def test_4b_each_basis_says_why() -> None:
    placed = case_suspension(D("2027-01-04"), basis="placement_rule")
    assert placed.months == 3 and placed.until == D("2027-04-04") and "§ 4 b, stk. 1" in placed.explanation
    consent = case_suspension(D("2027-01-04"), basis="consent")
    assert consent.until == D("2027-04-04")
    cpr = case_suspension(D("2027-01-04"), basis="cpr_registration")
    assert cpr.until is None and "§ 4, stk. 2" in cpr.explanation
    moved = case_deadline(danskuddannelsesloven.start_due, D("2027-01-04"), basis="consent")
    assert moved.reference == "danskuddannelsesloven § 5, stk. 1, jf. integrationsloven § 4 b"
    assert "Fristen regnes derfor fra suspensionens udløb" in moved.explanation


@pytest.mark.parametrize("basis", ["", "placement", "CPR_REGISTRATION", "quota"])
def test_4b_an_unknown_basis_is_refused(basis: str) -> None:
    with pytest.raises(ValueError, match="unknown basis"):
        case_suspension(D("2027-01-04"), basis=basis)
    assert "placement_rule" in BASES and "cpr_registration" in BASES


@pytest.mark.parametrize(("months", "until"), [(0, None), (1, "2027-02-04"), (2, "2027-03-04"), (3, "2027-04-04")])
def test_4b_the_municipal_decision_comes_from_the_settings(months: int, until: str | None) -> None:
    settings = ReceptionSettings(inl4b_municipal_months=months)
    pause = case_suspension(D("2027-01-04"), basis="placement_rule", settings=settings)
    assert pause.until == (D(until) if until else None)
    if months < 3:
        assert "stk. 4" in pause.explanation


def test_4b_the_municipal_decision_and_an_order_together() -> None:
    shortened = ReceptionSettings(inl4b_municipal_months=1)
    pause = case_suspension(D("2027-02-01"), basis="placement_rule", settings=shortened, orders=[BEK])
    assert pause.months == 4 and pause.until == D("2027-06-01") and BEK.reference in pause.explanation
    # Not suspending (stk. 4) leaves nothing for an order to extend; the CPR basis is never suspended.
    none = ReceptionSettings(inl4b_municipal_months=0)
    assert case_suspension(D("2027-02-01"), basis="placement_rule", settings=none, orders=[BEK]).until is None
    assert case_suspension(D("2027-02-01"), basis="cpr_registration", orders=[BEK]).until is None


def test_4b_every_service_reads_one_municipal_decision_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ReceptionSettings().inl4b_municipal_months == 3  # the act's own
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "2")
    for settings in (ReceptionSettings, EducationSettings, EmploymentSettings):
        assert settings().inl4b_municipal_months == 2


@pytest.mark.parametrize("value", ["4", "-1", "12", "tre", "1.5"])
def test_4b_settings_refuse_a_municipal_decision_outside_0_to_3(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", value)
    with pytest.raises(ValidationError, match="INTEGRATION_INL4B_MUNICIPAL_MONTHS"):
        EducationSettings()
    with pytest.raises(ValidationError):
        ReceptionSettings(inl4b_municipal_months=4)


REPEALS = [
    (None, "2027-06-30", "standing: its whole period"),
    ("2027-03-15", "2027-03-14", "repealed mid-period: binds up to the day before"),
    ("2027-07-15", "2027-06-30", "repealed after its period: unchanged"),
    ("2027-01-02", "2027-01-01", "repealed on its second day: its first day only"),
    ("2027-01-01", None, "repealed on its first day: never applied"),
    ("2026-12-01", None, "repealed before it began: never applied"),
]


@pytest.mark.parametrize(("revoked", "last", "why"), REPEALS, ids=[r[2] for r in REPEALS])
def test_4b_a_repeal_works_from_its_day_on(revoked: str | None, last: str | None, why: str) -> None:
    order = as_in_force(BEK.reference, BEK.applies_from, BEK.applies_to, 3, D(revoked) if revoked else None)
    assert (order.applies_to if order else None) == (D(last) if last else None), why


def test_4b_a_person_whose_responsibility_passed_before_the_repeal_keeps_the_extension() -> None:
    repealed = as_in_force(BEK.reference, BEK.applies_from, BEK.applies_to, 3, D("2027-03-15"))
    assert repealed is not None
    before = case_suspension(D("2027-03-14"), basis="placement_rule", orders=[repealed])
    after = case_suspension(D("2027-03-15"), basis="placement_rule", orders=[repealed])
    assert before.until == D("2027-09-14") and after.until == D("2027-06-15")
    assert standing_on([repealed], D("2027-03-14")) == [repealed] and standing_on([repealed], D("2027-03-15")) == []


@given(
    st.dates(min_value=date(2022, 5, 5), max_value=date(2040, 12, 31)),
    st.integers(0, 1200),
    st.one_of(st.none(), st.dates(min_value=date(2022, 5, 5), max_value=date(2045, 12, 31))),
    st.dates(min_value=date(2022, 5, 5), max_value=date(2045, 12, 31)),
)
def test_4b_a_repeal_never_widens_an_order_nor_takes_back_a_day_before_it(
    first: date, length: int, revoked: date | None, day: date
) -> None:
    last = first + timedelta(days=length)
    order = as_in_force("BEK nr. 1", first, last, 2, revoked)
    if order is not None:
        assert first == order.applies_from <= order.applies_to <= last
    covered = order is not None and order.covers(day)
    assert covered == (first <= day <= last and (revoked is None or day < revoked))
