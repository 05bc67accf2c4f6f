"""R4 (issue 14): a signed integration contract revised at a follow-up (integrationsloven § 20, stk. 3) — a new
version to be signed by both again, the old one kept with its text and signatures; and the deadlines list
saying which rule set each date (GET /deadlines: rule, reference, why)."""

from __future__ import annotations

from datetime import timedelta

from reception.contracts.models import ContractRevision, IntegrationContract
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover
from tests.reception.test_contract import CONTENT

UDL, JC, BS = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE
TODAY = copenhagen_today()


def _sign(app, contract: dict) -> dict:
    first = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "caseworker", "version": contract["version"]},
        headers=app.as_(JC, "jc-lise"),
    )
    assert first.status_code == 200, first.text
    second = app.client.post(
        f"/contracts/{contract['id']}/sign",
        json={"party": "citizen", "version": first.json()["version"]},
        headers=app.as_(JC),
    )
    assert second.status_code == 200 and second.json()["status"] == "signed", second.text
    return second.json()


def _signed_contract(app) -> dict:
    case = app.client.post("/handovers", json=handover(placement_decided_on="2026-11-30"), headers=app.as_(UDL))
    contract = app.client.post(f"/cases/{case.json()['id']}/contract", headers=app.as_(JC)).json()
    saved = app.client.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC))
    assert saved.status_code == 200, saved.text
    return _sign(app, saved.json())


def _revise(app, contract: dict, **overrides):
    body = {"version": contract["version"], "follow_up_on": TODAY.isoformat(), "reason": "Nyt beskæftigelsesmål"}
    return app.client.post(
        f"/contracts/{contract['id']}/revisions", json={**body, **overrides}, headers=app.as_(JC, "jc-jonas")
    )


def test_r4_a_signed_contract_is_revised_into_a_new_version_signed_again_and_the_old_one_kept(make_app):
    app = make_app("reception")
    signed = _signed_contract(app)
    resp = _revise(app, signed)
    assert resp.status_code == 201, resp.text
    revised = resp.json()
    assert (revised["revision"], revised["status"]) == (2, "draft")
    assert (revised["revision_reason"], revised["revision_follow_up_on"]) == (
        "Nyt beskæftigelsesmål",
        TODAY.isoformat(),
    )
    assert revised["caseworker_signed_at"] is None and revised["citizen_signed_at"] is None
    assert revised["employment_goal"] == CONTENT["employment_goal"]  # the new version starts from the old text
    (old,) = revised["revisions"]
    assert old["revision"] == 1 and old["employment_goal"] == CONTENT["employment_goal"]
    assert old["caseworker_signed_by"] == "jc-lise" and old["caseworker_signed_at"] and old["citizen_signed_at"]
    assert (old["revision_reason"], old["replaced_by"]) == (None, "jc-jonas")

    changed = app.client.put(
        f"/contracts/{signed['id']}",
        json={**CONTENT, "employment_goal": "Uddannelse som SOSU-hjælper", "version": revised["version"]},
        headers=app.as_(JC),
    )
    assert changed.status_code == 200, changed.text
    again = _sign(app, changed.json())
    assert (again["revision"], again["employment_goal"]) == (2, "Uddannelse som SOSU-hjælper")
    assert again["revisions"][0]["employment_goal"] == CONTENT["employment_goal"]  # kept unchanged
    assert len([e for e in app.outbox() if e["type"] == "reception.contract_signed"]) == 2

    third = _revise(app, again, reason="Praktik afsluttet").json()
    assert [r["revision"] for r in third["revisions"]] == [1, 2]
    assert third["revisions"][1]["revision_reason"] == "Nyt beskæftigelsesmål"


def test_r4_a_revision_has_no_section_19_deadline_on_the_list(make_app):
    app = make_app("reception")
    signed = _signed_contract(app)
    assert _revise(app, signed).status_code == 201
    listed = app.client.get("/deadlines", params={"within_days": 365}, headers=app.as_(JC)).json()
    assert [d for d in listed if d["kind"] == "contract"] == []


def test_r4_bad_revisions_are_refused_and_nothing_is_written(make_app):
    app = make_app("reception")
    signed = _signed_contract(app)
    draft_case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    draft = app.client.post(f"/cases/{draft_case['id']}/contract", headers=app.as_(JC)).json()
    cases = [
        (signed, {"version": signed["version"] - 1}, JC, 409, "changed by someone else"),
        (signed, {"follow_up_on": (TODAY + timedelta(days=1)).isoformat()}, JC, 422, "follow-up"),
        (signed, {"follow_up_on": (TODAY - timedelta(days=1)).isoformat()}, JC, 422, "follow-up"),
        (signed, {"follow_up_on": "i dag"}, JC, 422, "follow_up_on"),
        (signed, {"reason": ""}, JC, 422, "reason"),
        (signed, {"reason": "x" * 201}, JC, 422, "reason"),
        (signed, {"extra": True}, JC, 422, "extra"),
        (draft, {"version": draft["version"]}, JC, 409, "only a contract signed by both"),
        (signed, {}, BS, 403, ""),
        ({"id": 999999, "version": 1}, {}, JC, 404, "no integration contract"),
    ]
    for contract, overrides, department, status, words in cases:
        body = {"version": contract["version"], "follow_up_on": TODAY.isoformat(), "reason": "Ny plan", **overrides}
        resp = app.client.post(f"/contracts/{contract['id']}/revisions", json=body, headers=app.as_(department))
        assert resp.status_code == status, (overrides, resp.text)
        assert words in resp.text, (overrides, resp.text)
    assert app.count(ContractRevision) == 0
    with app.factory() as session:
        row = session.get(IntegrationContract, signed["id"])
        assert row is not None and (row.status, row.revision) == ("signed", 1)


def test_r4_the_deadlines_say_which_rule_set_them(make_app):
    """GET /deadlines: the contract's § 19 date with its reference and why; the onboarding checklist's
    dates say they are the municipality's own."""
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(placement_decided_on="2026-11-30"), headers=app.as_(UDL))
    case_id = case.json()["id"]
    app.client.post(f"/cases/{case_id}/contract", headers=app.as_(JC))
    quota = app.client.post("/handovers", json=handover(residence_basis="quota_8"), headers=app.as_(UDL)).json()
    app.client.post(f"/cases/{quota['id']}/contract", headers=app.as_(JC))
    listed = app.client.get("/deadlines", params={"within_days": 365}, headers=app.as_(JC)).json()
    by_case = {d["case_id"]: d for d in listed if d["kind"] == "contract"}
    statutory = by_case[case_id]
    assert (statutory["due_date"], statutory["rule"], statutory["reference"]) == (
        "2027-02-04",
        "inl19-contract",
        "integrationsloven § 19, stk. 1",
    )
    assert "mandag 4. januar 2027" in statutory["why"]
    provisional = by_case[quota["id"]]
    assert provisional["rule"] == "" and provisional["reference"].startswith("Foreløbig frist")
    assert "Foreløbig frist" in provisional["why"]

    tasks = app.client.get("/deadlines", params={"within_days": 365}, headers=app.as_(BS)).json()
    assert tasks and {d["kind"] for d in tasks} == {"onboarding_task"}
    assert {d["reference"] for d in tasks} == {"Kommunens tjekliste (intern frist)"}
    assert all(d["rule"] == "" and "dage efter ankomsten" in d["why"] for d in tasks)
