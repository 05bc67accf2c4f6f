"""Issue 18, defect 3, employment: dates without plausible bounds are refused (B11 foreigners)."""

from __future__ import annotations

from employment.foreigners.models import ForeignerCase, ForeignerNote
from tests.employment.helpers import JC

PERSON = {"name": "Ana Pereira", "date_of_birth": "1990-04-12", "residence_basis": "eu_eea"}


def test_defect_3_b11_a_birth_date_more_than_130_years_back_or_in_the_future_is_refused(make_app):
    app = make_app("employment")
    for absurd, said in (("0001-01-01", "130 years"), ("1800-01-01", "130 years"), ("9999-12-31", "future")):
        resp = app.client.post("/foreigner-cases", json={**PERSON, "date_of_birth": absurd}, headers=app.as_(JC))
        assert resp.status_code == 422 and said in resp.text, (absurd, resp.text)
    assert app.count(ForeignerCase) == 0


def test_defect_3_b11_a_note_dated_year_1_is_refused_and_nothing_written(make_app):
    app = make_app("employment")
    case = app.client.post("/foreigner-cases", json=PERSON, headers=app.as_(JC)).json()
    for absurd in ("0001-01-01", "9999-12-31"):
        resp = app.client.post(
            f"/foreigner-cases/{case['id']}/notes",
            json={"kind": "guidance", "noted_on": absurd, "text": "Råd om jobsøgning"},
            headers=app.as_(JC),
        )
        assert resp.status_code == 422 and "date must be between 1990-01-01 and" in resp.text, absurd
    assert app.count(ForeignerNote) == 0
