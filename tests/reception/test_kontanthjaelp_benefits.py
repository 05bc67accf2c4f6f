"""Issue 14, defect 6: benefits are kontanthjælp (aktivloven §§ 16–20) since 1 July 2025, with the amount
suggested from the person's situation and an override only with a reason; the abolished types are refused
for new benefits and stay readable on old ones."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from reception.benefits.models import Benefit
from shared.access import AccessLog
from shared.auth import COOKIE, Department
from shared.law.kontanthjaelp import RATES
from tests.conftest import token
from tests.reception.helpers import handover, kontanthjaelp

UDL, JC, OK = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.OKONOMI
T = RATES[2026]


def _case(app) -> int:
    return int(app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()["id"])


@pytest.mark.parametrize("old", ["introduktionsydelse", "selvforsoergelsesydelse"])
def test_defect_6_the_abolished_benefit_types_are_refused_with_a_danish_message(make_app, old):
    app = make_app("reception")
    case_id = _case(app)
    resp = app.client.post(
        f"/cases/{case_id}/benefits",
        json={**kontanthjaelp("9620.00", start="2026-03-01"), "benefit_type": old},
        headers=app.as_(OK),
    )
    assert resp.status_code == 422, resp.text
    assert "afskaffet pr. 1. juli 2025" in resp.json()["detail"] and "kontanthjælp" in resp.json()["detail"]
    assert app.count(Benefit) == 0


def test_defect_6_a_new_benefit_is_kontanthjaelp_with_the_suggested_amount_its_year_basis_and_why(make_app):
    app = make_app("reception")
    case_id = _case(app)
    body = kontanthjaelp(start="2026-03-15", children=2, meets_residence_requirement=True)
    del body["benefit_type"]  # kontanthjælp is the default
    resp = app.client.post(f"/cases/{case_id}/benefits", json=body, headers=app.as_(OK))
    assert resp.status_code == 201, resp.text
    made = resp.json()
    expected = T.forhoejet_sats.amount + T.boernetillaeg.amount  # 36, single provider who meets the requirement
    assert made["benefit_type"] == "kontanthjaelp"
    assert Decimal(made["monthly_amount"]) == Decimal(made["suggested_amount"]) == expected
    assert (made["amount_rule"], made["amount_year"], made["override_reason"]) == ("aktl-kontanthjaelp", 2026, None)
    assert "forsørger 2 barn/børn" in made["amount_basis"] and "opfylder opholds" in made["amount_basis"]
    assert "Forhøjet sats" in made["amount_why"] and "Børnetillæg" in made["amount_why"]


def test_defect_6_an_amount_other_than_the_suggestion_needs_a_reason_which_is_stored_and_shown(make_app):
    app = make_app("reception")
    case_id = _case(app)
    body = kontanthjaelp(start="2026-03-01")
    refused = app.client.post(
        f"/cases/{case_id}/benefits", json={**body, "monthly_amount": "9000.00"}, headers=app.as_(OK)
    )
    assert refused.status_code == 422 and refused.json()["field"] == "override_reason"
    assert "afviger fra den foreslåede kontanthjælp (6920.00 kr.)" in refused.json()["detail"]
    assert app.count(Benefit) == 0
    reason = "Fradrag for indtægt fra deltidsarbejde (aktivloven § 30)"
    made = app.client.post(
        f"/cases/{case_id}/benefits",
        json={**body, "monthly_amount": "5000.00", "override_reason": reason},
        headers=app.as_(OK),
    ).json()
    assert (made["monthly_amount"], made["suggested_amount"], made["override_reason"]) == ("5000.00", "6920.00", reason)
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.get(f"/sager/{case_id}/forsorgelse").text
    assert reason in page and "6.920,00 kr. (2026-satser)" in page and "5.000,00 kr." in page


def test_defect_6_old_benefits_stay_readable_under_their_old_name(make_app):
    app = make_app("reception")
    case_id = _case(app)
    with app.factory() as session, session.begin():
        session.add(
            Benefit(
                case_id=case_id,
                benefit_type="introduktionsydelse",
                monthly_amount=Decimal("9620.00"),
                start_date=date(2025, 2, 1),
                created_by="migreret",
            )
        )
    listed = app.client.get(f"/cases/{case_id}/benefits", headers=app.as_(OK)).json()
    assert [(b["benefit_type"], b["amount_rule"]) for b in listed] == [("introduktionsydelse", None)]
    app.client.cookies.set(COOKIE, token(OK))
    page = app.client.get(f"/sager/{case_id}/forsorgelse").text
    assert "Introduktionsydelse (ophørt)" in page


def test_defect_6_the_suggestion_route_gives_amount_rule_and_why(make_app):
    app = make_app("reception")
    params = {
        "start_date": "2026-05-01",
        "birth_date": "1990-01-02",
        "children": "1",
        "lives_with_spouse": "ja",
        "meets_residence_requirement": "ja",
    }
    got = app.client.get("/kontanthjaelp/forslag", params=params, headers=app.as_(OK))
    assert got.status_code == 200, got.text
    body = got.json()
    assert Decimal(body["amount"]) == T.forhoejet_sats.amount + T.boernetillaeg.amount
    assert (body["rule"], body["year"], body["reference"]) == ("aktl-kontanthjaelp", 2026, "aktivloven §§ 16–20")
    assert [line["label"] for line in body["lines"]] == ["Forhøjet sats", "Børnetillæg (ét pr. forsørger)"]
    assert body["unverified"] is True and "skal bekræftes" in body["explanation"]
    assert app.client.get("/kontanthjaelp/forslag", params=params, headers=app.as_(JC)).status_code == 403


BAD_SUGGESTIONS = [
    ({"birth_date": "1990-01-02"}, "start_date", "Angiv startdato"),
    ({"start_date": "2026-05-01"}, "birth_date", "Angiv fødselsdato"),
    ({"start_date": "1. maj", "birth_date": "1990-01-02"}, "start_date", "er ikke en dato"),
    ({"start_date": "2026-02-30", "birth_date": "1990-01-02"}, "start_date", "er ikke en dato"),
    ({"start_date": "2026-05-01", "birth_date": "1990-01-02", "children": "to"}, "children", "helt tal"),
    ({"start_date": "2026-05-01", "birth_date": "1990-01-02", "children": "99"}, "children", "mellem 0 og 20"),
    ({"start_date": "2026-05-01", "birth_date": "1990-01-02", "lives_with_spouse": "måske"}, "lives_with_spouse", "ja"),
    ({"start_date": "2026-05-01", "birth_date": "2010-01-02"}, "situation.birth_date", "fra 18 år"),
    ({"start_date": "2024-05-01", "birth_date": "1990-01-02"}, "start_date", "1. juli 2025"),
]


@pytest.mark.parametrize(("params", "field", "message"), BAD_SUGGESTIONS)
def test_defect_6_bad_suggestion_parameters_are_a_danish_422(make_app, params, field, message):
    app = make_app("reception")
    resp = app.client.get("/kontanthjaelp/forslag", params=params, headers=app.as_(OK))
    assert resp.status_code == 422, resp.text
    assert resp.json()["field"] == field and message in resp.json()["detail"]


BAD_BENEFITS = [
    ({**kontanthjaelp(), "situation": {}}, "birth_date"),
    ({**kontanthjaelp(), "situation": {"birth_date": "1990-01-02", "children": 21}}, "children"),
    ({**kontanthjaelp(), "situation": {"birth_date": "1990-01-02", "cpr": "0101901234"}}, "cpr"),
    ({**kontanthjaelp(), "start_date": "2025-03-01"}, "1. juli 2025"),
    ({**kontanthjaelp(), "situation": {"birth_date": "2012-01-02"}}, "fra 18 år"),
    ({**kontanthjaelp("0"), "override_reason": "nul"}, "monthly_amount"),
    ({**kontanthjaelp("1.00"), "override_reason": "x" * 5001}, "override_reason"),
    ({**kontanthjaelp(), "benefit_type": "overgangsydelse"}, "benefit_type"),
]


@pytest.mark.parametrize(("body", "said"), BAD_BENEFITS)
def test_defect_6_bad_benefit_input_is_a_4xx_and_writes_nothing(make_app, body, said):
    app = make_app("reception")
    case_id = _case(app)
    resp = app.client.post(f"/cases/{case_id}/benefits", json=body, headers=app.as_(OK))
    assert resp.status_code == 422, resp.text
    assert said in resp.text
    assert app.count(Benefit) == 0


def test_defect_6_the_page_creates_kontanthjaelp_from_the_situation_and_refuses_an_unexplained_amount(make_app):
    app = make_app("reception")
    case_id = _case(app)
    app.client.cookies.set(COOKIE, token(OK, "ok-bente"))
    base = f"/sager/{case_id}/forsorgelse"
    form = app.client.get(base).text
    assert 'name="benefit_type"' not in form and 'value="introduktionsydelse"' not in form
    unexplained = app.client.post(
        f"{base}/ydelse",
        data={"start_date": "2026-04-01", "birth_date": "1990-01-02", "children": "0", "monthly_amount": "7.000,00"},
        follow_redirects=False,
    )
    assert unexplained.status_code == 422
    assert "afviger fra den foreslåede kontanthjælp" in unexplained.text and 'value="7.000,00"' in unexplained.text
    assert app.count(Benefit) == 0
    made = app.client.post(
        f"{base}/ydelse",
        data={"start_date": "2026-04-01", "birth_date": "1990-01-02", "children": "1", "lives_with_spouse": "1"},
        follow_redirects=False,
    )
    assert made.status_code == 303, made.text
    with app.factory() as session:
        benefit = session.scalar(select(Benefit))
        assert benefit is not None
        assert benefit.monthly_amount == T.mindstesats.amount + T.boernetillaeg.amount
        assert benefit.benefit_type == "kontanthjaelp" and benefit.created_by == "ok-bente"
    page = app.client.get(base).text
    assert "Hvorfor dette beløb?" in page and re.search(r"Mindstesats 6920\.00 kr\.", page)
    assert app.count(AccessLog) >= 1


def test_defect_6_the_page_computes_the_suggestion_before_the_benefit_is_created(make_app):
    app = make_app("reception")
    case_id = _case(app)
    app.client.cookies.set(COOKIE, token(OK))
    base = f"/sager/{case_id}/forsorgelse"
    assert 'formmethod="get"' in app.client.get(base).text and "Beregn forslag" in app.client.get(base).text
    typed = {
        "beregn": "1",
        "start_date": "2026-06-01",
        "birth_date": "1990-01-02",
        "children": "2",
        "meets_residence_requirement": "1",
    }
    shown = app.client.get(base, params=typed)
    assert shown.status_code == 200
    expected = T.forhoejet_sats.amount + T.boernetillaeg.amount
    assert (
        f"Foreslået kontanthjælp: {expected:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in shown.text
    )
    assert "skal bekræftes" in shown.text and 'value="2026-06-01"' in shown.text
    bad = app.client.get(base, params={**typed, "birth_date": "2-1-1990"})
    assert bad.status_code == 422 and "er ikke en dato" in bad.text
    assert app.count(Benefit) == 0
