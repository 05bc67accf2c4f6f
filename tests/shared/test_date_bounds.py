"""The date types of shared.validation (issue 18, defect 3): a date field of a request has a plausible range."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from shared.clock import today as copenhagen_today
from shared.validation import EARLIEST, BirthDate, CaseDate, LocalTime, PlanningDate
from shared.web.forms import danish_errors


class _Form(BaseModel):
    event: CaseDate | None = None
    plan: PlanningDate | None = None
    born: BirthDate | None = None


def _years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


TODAY = copenhagen_today()


@pytest.mark.parametrize(
    ("field", "value", "fine"),
    [
        ("event", date(1, 1, 1), False),
        ("event", date(1989, 12, 31), False),
        ("event", EARLIEST, True),
        ("event", TODAY, True),
        ("event", _years(TODAY, 2), True),
        ("event", _years(TODAY, 2) + timedelta(days=1), False),
        ("event", date(9999, 12, 31), False),
        ("plan", _years(TODAY, 10), True),
        ("plan", _years(TODAY, 10) + timedelta(days=1), False),
        ("plan", date(1, 1, 1), False),
        ("born", TODAY, True),
        ("born", TODAY + timedelta(days=1), False),
        ("born", _years(TODAY, -130), True),
        ("born", _years(TODAY, -130) - timedelta(days=1), False),
        ("born", date(1, 1, 1), False),
    ],
)
def test_defect_3_each_date_type_keeps_its_range(field, value, fine):
    if fine:
        assert getattr(_Form(**{field: value}), field) == value
    else:
        with pytest.raises(ValidationError):
            _Form(**{field: value})


def test_defect_3_the_page_is_told_the_range_in_danish():
    with pytest.raises(ValidationError) as caught:
        _Form(event="0001-01-01", plan="9999-12-31", born="1800-01-01")
    errors = danish_errors(caught.value)
    last = _years(TODAY, 2).strftime("%d.%m.%Y")
    assert errors["event"] == f"Datoen skal ligge mellem 01.01.1990 og {last}"
    assert errors["plan"].startswith("Datoen skal ligge mellem 01.01.1990 og ")
    assert errors["born"] == "Datoen ligger mere end 130 år tilbage"


@given(st.dates())
def test_defect_3_a_case_date_is_accepted_exactly_within_1990_and_two_years_ahead(day):
    inside = EARLIEST <= day <= _years(copenhagen_today(), 2)
    try:
        _Form(event=day)
    except ValidationError:
        assert not inside
    else:
        assert inside


def test_defect_1_a_local_time_refuses_an_offset():
    class _Session(BaseModel):
        at: LocalTime

    assert _Session(at="10:00").at.tzinfo is None
    for value in ("10:00+01:00", "10:00Z", "10:00:00-05:00"):
        with pytest.raises(ValidationError):
            _Session(at=value)
