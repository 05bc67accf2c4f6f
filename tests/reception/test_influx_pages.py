"""Integrationsloven § 4 b on reception's pages: "Større tilstrømning (§ 4 b)" records and repeals an order (Danish
errors next to the fields, what was typed kept, nothing written), and every reception page shows the banner while
an order stands."""

from __future__ import annotations

import re
from datetime import timedelta

from reception.influx.models import InfluxOrderRecord
from shared.auth import COOKIE, Department
from shared.bus.models import OutboxMessage
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token

JC, BS, BMK = Department.JOBCENTRET, Department.BORGERSERVICE, Department.BORGMESTERKONTORET
TODAY = copenhagen_today()
BANNER = "Større tilstrømning: fristerne for tilbud og danskuddannelse er suspenderet efter integrationsloven § 4 b"


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def _form(**overrides: str) -> dict[str, str]:
    form = {
        "reference": "BEK nr. 9 af 2. januar 2027",
        "legal_basis": "stk2",
        "applies_from": (TODAY - timedelta(days=3)).isoformat(),
        "applies_to": (TODAY + timedelta(days=90)).isoformat(),
        "extra_months": "3",
        "note": "",
    }
    form.update(overrides)
    return form


def _error_next_to(html: str, field_id: str) -> str:
    field = re.search(rf'<(?:input|textarea|select)[^>]*id="{re.escape(field_id)}"[^>]*>', html)
    assert field, f"no field {field_id}"
    assert 'aria-invalid="true"' in field.group(0), field.group(0)
    message = re.search(rf'id="{re.escape(field_id)}-error"><span class="sr-only">Fejl: </span>([^<]*)<', html)
    assert message, f"no error next to {field_id}"
    return message.group(1)


def test_4b_the_page_records_an_order_and_every_page_shows_the_banner(make_app):
    app = make_app("reception")
    client = _signed_in(app, JC, "Jonas Jobcenter")
    page = client.get("/tilstroemning")
    assert page.status_code == 200 and "Større tilstrømning (§ 4 b)" in page.text
    assert "Der er ikke registreret påbud" in page.text and BANNER not in page.text
    assert "lovens 3 måneder" in page.text  # the municipality's decision (stk. 4): the act's own by default
    done = client.post("/tilstroemning", data=_form(), follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/tilstroemning#paabud"
    page = client.get("/tilstroemning")
    assert "BEK nr. 9 af 2. januar 2027" in page.text and "Gælder nu" in page.text
    assert 'id="notice-influx"' in page.text and f"{BANNER} (BEK nr. 9 af 2. januar 2027)" in page.text
    # Every reception page: the case list and the deadlines too, for every department that reads them.
    for path in ("/", "/frister"):
        other = _signed_in(app, BS).get(path)
        assert other.status_code == 200 and BANNER in other.text, path
    assert app.count(InfluxOrderRecord) == 1
    assert [e["type"] for e in app.outbox()] == ["reception.influx_order_recorded"]


def test_4b_the_form_says_what_is_wrong_next_to_the_field_keeps_what_was_typed_and_writes_nothing(make_app):
    app = make_app("reception")
    client = _signed_in(app, JC)
    cases = [
        (_form(reference=""), "reference", "Feltet skal udfyldes"),
        (_form(reference="BEK"), "reference", "Skriv påbuddets betegnelse med nummer, fx BEK nr. 9 af 2. januar 2027"),
        (
            _form(applies_from="2027-03-01", applies_to="2027-02-01"),
            "applies_to",
            "Perioden kan ikke slutte, før den begynder",
        ),
        (
            _form(applies_from="2021-06-01", applies_to="2021-12-31"),
            "applies_from",
            "Perioden kan tidligst begynde 5. maj 2022, da § 4 b, stk. 2 trådte i kraft",
        ),
        (_form(applies_from=""), "applies_from", "Feltet skal udfyldes"),
        (_form(extra_months="tre"), "extra_months", "Skriv et helt tal"),
        (_form(extra_months="13"), "extra_months", "Skriv et tal på højst 12"),
        (_form(extra_months="0"), "extra_months", "Skriv et tal på mindst 1"),
        (
            _form(legal_basis="stk3", extra_months="5"),
            "extra_months",
            "Ved massetilstrømning (§ 4 b, stk. 3) kan der højst forlænges med 3 måneder",
        ),
        (_form(legal_basis="stk9"), "legal_basis", "Vælg en af mulighederne"),
        (
            _form(
                applies_from=(TODAY + timedelta(days=900)).isoformat(),
                applies_to=(TODAY + timedelta(days=950)).isoformat(),
            ),
            "applies_from",
            "Perioden begynder mere end 2 år ude i fremtiden – tjek datoen",
        ),
    ]
    for form, field, message in cases:
        resp = client.post("/tilstroemning", data=form, follow_redirects=False)
        assert resp.status_code == 422, (field, resp.status_code)
        assert _error_next_to(resp.text, field) == message
        assert f'value="{form["reference"]}"' in resp.text  # what was typed is kept
    assert client.post("/tilstroemning", data=_form(), follow_redirects=False).status_code == 303
    twice = client.post("/tilstroemning", data=_form(extra_months="1"), follow_redirects=False)
    assert twice.status_code == 422 and _error_next_to(twice.text, "reference") == "Dette påbud er allerede registreret"
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 1


def test_4b_other_departments_read_the_page_but_may_not_record_or_repeal(make_app):
    app = make_app("reception")
    _signed_in(app, JC).post("/tilstroemning", data=_form(), follow_redirects=False)
    client = _signed_in(app, BS)
    page = client.get("/tilstroemning")
    assert page.status_code == 200 and "BEK nr. 9" in page.text and "Registrér påbud" not in page.text
    refused = client.post("/tilstroemning", data=_form(reference="BEK nr. 10"), follow_redirects=False)
    assert refused.status_code == 422 and "Kun Jobcentret eller Borgmesterkontoret kan" in refused.text
    (row_id,) = [
        o["id"] for o in app.client.get("/influx-orders", headers={"Authorization": f"Bearer {token(BS)}"}).json()
    ]
    repeal = client.post(
        f"/tilstroemning/{row_id}/ophaev", data={"revoked_on": TODAY.isoformat()}, follow_redirects=False
    )
    assert repeal.status_code == 422 and "Kun Jobcentret eller Borgmesterkontoret kan" in repeal.text
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 1
    app.client.cookies.clear()
    assert app.client.get("/tilstroemning", follow_redirects=False).status_code == 303  # to the sign-in page


def test_4b_the_page_repeals_an_order_and_the_banner_goes(make_app):
    app = make_app("reception")
    client = _signed_in(app, BMK, "Bente Borgmesterkontor")
    assert client.post("/tilstroemning", data=_form(), follow_redirects=False).status_code == 303
    (row_id,) = [
        o["id"] for o in app.client.get("/influx-orders", headers={"Authorization": f"Bearer {token(JC)}"}).json()
    ]
    url = f"/tilstroemning/{row_id}/ophaev"
    bad = client.post(url, data={"revoked_on": "2020-01-01", "note": "BEK nr. 300"}, follow_redirects=False)
    assert bad.status_code == 422
    assert (
        _error_next_to(bad.text, f"o{row_id}_revoked_on")
        == "Ophævelsesdatoen skal ligge mellem 5. maj 2022 og et år frem"
    )
    assert "BEK nr. 300</textarea>" in bad.text  # what was typed is kept
    empty = client.post(url, data={"revoked_on": ""}, follow_redirects=False)
    assert empty.status_code == 422 and _error_next_to(empty.text, f"o{row_id}_revoked_on") == "Feltet skal udfyldes"
    assert app.count(OutboxMessage) == 1
    done = client.post(url, data={"revoked_on": TODAY.isoformat(), "note": "BEK nr. 300"}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get("/tilstroemning")
    assert f"Ophævet pr. {TODAY:%d.%m.%Y}" in page.text and BANNER not in page.text
    assert f'action="{url}"' not in page.text  # no second repeal form
    again = client.post(url, data={"revoked_on": TODAY.isoformat()}, follow_redirects=False)
    assert again.status_code == 409 and f"Påbuddet er allerede ophævet pr. {TODAY:%d.%m.%Y}" in again.text
    unknown = client.post("/tilstroemning/999/ophaev", data={"revoked_on": TODAY.isoformat()}, follow_redirects=False)
    assert unknown.status_code == 404 and "Påbuddet findes ikke" in unknown.text
    assert app.count(InfluxOrderRecord) == 1 and app.count(OutboxMessage) == 2


def test_4b_no_banner_for_an_order_whose_period_has_not_begun(make_app):
    app = make_app("reception")
    client = _signed_in(app, JC)
    ahead = _form(
        applies_from=(TODAY + timedelta(days=20)).isoformat(), applies_to=(TODAY + timedelta(days=80)).isoformat()
    )
    assert client.post("/tilstroemning", data=ahead, follow_redirects=False).status_code == 303
    page = client.get("/tilstroemning")
    assert f"Gælder fra {(TODAY + timedelta(days=20)):%d.%m.%Y}" in page.text and BANNER not in page.text


def test_4b_the_banner_is_on_the_refusal_and_not_found_pages_and_leaves_no_transaction_open(make_app):
    """The notice is read in the request's session while it is open, else in one of its own that is closed at once:
    after a refused page (the request's session already ended) the database is free (SQLite: BEGIN IMMEDIATE)."""
    app = make_app("reception")
    _signed_in(app, JC).post("/tilstroemning", data=_form(), follow_redirects=False)
    refused = _signed_in(app, Department.UDLAENDINGESTYRELSEN).get("/frister")
    assert refused.status_code == 403 and BANNER in refused.text
    missing = _signed_in(app, JC).get("/sager/999/vejledning")
    assert missing.status_code == 404 and BANNER in missing.text
    assert app.count(InfluxOrderRecord) == 1  # would wait for a lock a leaked transaction holds
    assert (
        _signed_in(app, JC)
        .post("/tilstroemning", data=_form(reference="BEK nr. 2"), follow_redirects=False)
        .status_code
        == 303
    )


def test_4b_the_page_says_the_municipal_decision_from_the_settings(make_app, monkeypatch):
    """Stk. 4: the city council's decision is one setting (INTEGRATION_INL4B_MUNICIPAL_MONTHS) the page states."""
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "0")
    app = make_app("reception")
    assert "fristerne suspenderes ikke" in _signed_in(app, JC).get("/tilstroemning").text
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "1")
    app = make_app("reception")
    assert "suspensionen er forkortet til 1 måned." in _signed_in(app, JC).get("/tilstroemning").text
