"""Issue 14, defects 4 and 7, through reception's API: the § 4 day from shared/law with the weekday rule and
the CPR registration's own date, stored with rule and why; the § 19 contract due a month later; the start
date corrected (logged) with everything counted from it recomputed and announced again.

R1 (the handover and the § 4 day), R3 (the CPR registration task), R4 (the contract).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from reception.cases.models import Case, StartCorrection
from reception.contracts.models import IntegrationContract
from reception.onboarding.models import OnboardingTask
from shared.auth import Department
from shared.clock import one_month_after
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.law import integrationsloven
from tests.reception.helpers import handover
from tests.reception.test_onboarding_api import _task

UDL, JC, BS = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE
TODAY = copenhagen_today()
D = date.fromisoformat


def _events(app, kind: str) -> list[dict]:
    return [e["payload"] for e in app.outbox() if e["type"] == kind]


def _asylum(app, decided: str | date | None) -> dict:
    body = handover() if decided is None else handover(placement_decided_on=str(decided))
    resp = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return resp.json()


def _cpr_case(app, basis: str = "quota_8") -> dict:
    resp = app.client.post(
        "/handovers", json=handover(residence_basis=basis, date_of_birth="1990-01-02"), headers=app.as_(UDL)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _register_cpr(app, case: dict, **body):
    return app.client.post(
        f"/onboarding-tasks/{_task(case, 'cpr_registration')['id']}/complete",
        json={"cpr": "0201901234", **body},
        headers=app.as_(BS),
    )


def _case(app, case_id: int) -> dict:
    return app.client.get(f"/cases/{case_id}", headers=app.as_(JC)).json()


def _contract(app, case_id: int) -> dict:
    resp = app.client.post(f"/cases/{case_id}/contract", headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


# --- defect 4: the § 4, stk. 2 day with the weekday rule -------------------------------------------------


def test_defect_4_placement_decided_30_november_2026_hands_over_on_4_january_2027_contract_due_4_february(make_app):
    """The issue's case: 1 January 2027 is nytårsdag and 2–3 January a weekend → Monday 4 January; the
    contract is due a month after that, 4 February 2027 (main said 1 January and 1 February)."""
    app = make_app("reception")
    case = _asylum(app, "2026-11-30")
    assert case["responsibility_from"] == "2027-01-04"
    assert (case["responsibility_rule"], case["responsibility_reference"]) == (
        "inl4-responsibility",
        "integrationsloven § 4, stk. 2",
    )
    assert "nytårsdag" in case["responsibility_why"] and "mandag 4. januar 2027" in case["responsibility_why"]
    (event,) = _events(app, "reception.responsibility_taken_over")
    assert (event["taken_over_on"], event["rule"], event["corrects"]) == ("2027-01-04", "inl4-responsibility", False)

    contract = _contract(app, case["id"])
    assert contract["due_date"] == "2027-02-04"
    assert (contract["due_rule"], contract["due_reference"]) == ("inl19-contract", "integrationsloven § 19, stk. 1")
    assert "mandag 4. januar 2027" in contract["due_why"] and "4. februar 2027" in contract["due_why"]


WEEKDAY_RULE = [
    ("2025-12-10", "2026-02-02", "a decision in December: January whole; 1 February 2026 a Sunday → Monday"),
    ("2024-02-15", "2024-04-02", "Easter: 1 April 2024 is 2. påskedag → Tuesday 2 April"),
    ("2025-09-30", "2025-11-03", "1 November 2025 a Saturday → Monday 3 November"),
]


@pytest.mark.parametrize(("decided", "expected", "why"), WEEKDAY_RULE, ids=[c[0] for c in WEEKDAY_RULE])
def test_defect_4_other_placement_dates_follow_the_weekday_rule_and_move_the_contract(make_app, decided, expected, why):
    app = make_app("reception")
    case = _asylum(app, decided)
    assert case["responsibility_from"] == expected, why
    assert _contract(app, case["id"])["due_date"] == one_month_after(D(expected)).isoformat()


OTHER_DATES = [
    ("2023-12-05", "2024-02-01", "a decision in December → 1 February (a Thursday)"),
    ("2026-03-10", "2026-05-01", "1 May 2026, the former store bededag's date that year, is a working day"),
    ("2026-03-01", "2026-05-01", "decided on the 1st: March is not a whole month after the decision"),
    ("2026-07-20", "2026-09-01", "1 September 2026 a Tuesday, no move"),
]


@pytest.mark.parametrize(("decided", "expected", "why"), OTHER_DATES, ids=[c[0] for c in OTHER_DATES])
def test_r1_responsibility_day_through_the_api_is_shared_laws_for_other_dates(make_app, decided, expected, why):
    app = make_app("reception")
    case = _asylum(app, decided)
    assert case["responsibility_from"] == expected == integrationsloven.responsibility_day(D(decided)).due.isoformat()


def test_r1_consent_stores_its_own_why_and_its_bound_is_the_rules_day(make_app):
    """Earlier with consent: the bound is shared/law's day (4 January 2027, not 1 January), the why names
    the consent."""
    app = make_app("reception")
    case = _asylum(app, "2026-11-30")
    too_late = app.client.post(
        f"/cases/{case['id']}/responsibility",
        json={"taken_over_on": "2027-01-04", "consent_note": "Samtykke på mødet"},
        headers=app.as_(JC),
    )
    assert too_late.status_code == 422 and "2027-01-04" in too_late.text
    ok = app.client.post(
        f"/cases/{case['id']}/responsibility",
        json={"taken_over_on": "2027-01-01", "consent_note": "Samtykke på mødet"},  # main refused this day
        headers=app.as_(JC, "Lise Jobcenter"),
    )
    assert ok.status_code == 200, ok.text
    seen = ok.json()
    assert (seen["responsibility_from"], seen["responsibility_rule"]) == ("2027-01-01", "inl4-consent")
    assert seen["responsibility_reference"] == "integrationsloven § 4, stk. 2, 3. pkt."
    assert "Samtykke på mødet" in seen["responsibility_why"] and "Lise Jobcenter" in seen["responsibility_why"]


# --- defect 7: § 4, stk. 3 from the CPR registration's own date -------------------------------------------


@pytest.mark.parametrize("basis", ["quota_8", "family_reunification_9"])
def test_defect_7_responsibility_runs_from_the_cpr_registrations_own_date_not_the_day_it_is_ticked(make_app, basis):
    app = make_app("reception")
    case = _cpr_case(app, basis)
    contract = _contract(app, case["id"])
    registered = TODAY - timedelta(days=9)
    done = _register_cpr(app, case, registered_on=registered.isoformat())
    assert done.status_code == 200, done.text
    seen = _case(app, case["id"])
    assert (seen["responsibility_from"], seen["responsibility_basis"]) == (registered.isoformat(), "cpr_registration")
    assert (seen["responsibility_rule"], seen["responsibility_reference"]) == (
        "inl4-cpr-registration",
        "integrationsloven § 4, stk. 3",
    )
    assert seen["cpr_registered_on"] == registered.isoformat()
    assert "registreret i CPR" in seen["responsibility_why"]
    moved = app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()
    assert (moved["due_date"], moved["due_rule"]) == (one_month_after(registered).isoformat(), "inl19-contract")
    assert _events(app, "reception.cpr_registered")[0]["registered_on"] == registered.isoformat()
    (event,) = _events(app, "reception.responsibility_taken_over")
    assert (event["taken_over_on"], event["rule"]) == (registered.isoformat(), "inl4-cpr-registration")


def test_defect_7_the_cpr_registrations_date_is_required_for_quota_refugees_and_nothing_is_written(make_app):
    app = make_app("reception")
    case = _cpr_case(app)
    before = len(app.outbox())
    missing = _register_cpr(app, case)
    assert missing.status_code == 422 and "registered_on" in missing.text
    after = _case(app, case["id"])
    assert after["cpr"] is None and after["responsibility_from"] is None and after["cpr_registered_on"] is None
    assert _task(after, "cpr_registration")["status"] == "open" and len(app.outbox()) == before


def test_r3_an_asylum_cases_cpr_registration_date_is_recorded_and_defaults_to_today(make_app):
    """Not the § 4 day for an asylum case (the placement decision sets it), but recorded all the same."""
    app = make_app("reception")
    case = _asylum(app, TODAY - timedelta(days=3))
    assert _register_cpr(app, case).status_code == 200
    seen = _case(app, case["id"])
    assert seen["cpr_registered_on"] == TODAY.isoformat() and seen["responsibility_rule"] == "inl4-responsibility"


def test_r3_bad_cpr_registration_dates_are_refused_and_nothing_is_written(make_app):
    app = make_app("reception")
    case = _cpr_case(app)
    mitid = _task(case, "mitid")
    bad = [
        ({"registered_on": (TODAY + timedelta(days=1)).isoformat()}, 422, "future"),
        ({"registered_on": (TODAY - timedelta(days=400)).isoformat()}, 422, "cannot be before"),
        ({"registered_on": "2026-02-30"}, 422, "registered_on"),
        ({"registered_on": "i går"}, 422, "registered_on"),
    ]
    before = len(app.outbox())
    for body, status, words in bad:
        resp = _register_cpr(app, case, **body)
        assert resp.status_code == status, (body, resp.text)
        assert words in resp.text, (body, resp.text)
    other = app.client.post(
        f"/onboarding-tasks/{mitid['id']}/complete", json={"registered_on": TODAY.isoformat()}, headers=app.as_(BS)
    )
    assert other.status_code == 422 and "only given when completing CPR registration" in other.text
    assert len(app.outbox()) == before
    with app.factory() as session:
        assert session.get(Case, case["id"]).cpr_registered_on is None  # type: ignore[union-attr]
        assert {t.status for t in session.scalars(select(OnboardingTask))} == {"open"}


# --- correcting the start: everything counted from it recomputed ------------------------------------------


def test_r1_a_corrected_placement_date_moves_the_day_and_an_unsigned_contracts_due_date_and_is_announced(make_app):
    app = make_app("reception")
    case = _asylum(app, "2026-10-20")
    assert case["responsibility_from"] == "2026-12-01"
    contract = _contract(app, case["id"])
    assert contract["due_date"] == "2027-01-01"
    resp = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "Afgørelsen er dateret 30.11."},
        headers=app.as_(JC, "Lise Jobcenter"),
    )
    assert resp.status_code == 200, resp.text
    seen = resp.json()
    assert (seen["placement_decided_on"], seen["responsibility_from"]) == ("2026-11-30", "2027-01-04")
    assert "30. november 2026" in seen["responsibility_why"]
    (correction,) = seen["start_corrections"]
    assert (correction["field"], correction["old_value"], correction["new_value"]) == (
        "placement_decided_on",
        "2026-10-20",
        "2026-11-30",
    )
    assert (correction["responsibility_before"], correction["responsibility_after"]) == ("2026-12-01", "2027-01-04")
    assert (correction["reason"], correction["corrected_by"]) == ("Afgørelsen er dateret 30.11.", "Lise Jobcenter")
    moved = app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()
    assert (moved["due_date"], moved["due_rule"]) == ("2027-02-04", "inl19-contract")
    announced = _events(app, "reception.responsibility_taken_over")
    assert [(e["taken_over_on"], e["corrects"]) for e in announced] == [("2026-12-01", False), ("2027-01-04", True)]

    # A correction that leaves the day where it was (18 November: December is still the whole month) is
    # logged and the why names the corrected decision, but nothing is announced again.
    same = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-11-18", "reason": "Afgørelsen var fra 18.11."},
        headers=app.as_(JC),
    ).json()
    assert same["responsibility_from"] == "2027-01-04" and "18. november 2026" in same["responsibility_why"]
    assert len(same["start_corrections"]) == 2
    assert len(_events(app, "reception.responsibility_taken_over")) == 2


def test_r1_a_corrected_start_leaves_a_signed_contracts_due_date(make_app):
    app = make_app("reception")
    case = _asylum(app, TODAY - timedelta(days=20))
    contract = _contract(app, case["id"])
    with app.factory.begin() as session:
        row = session.get(IntegrationContract, contract["id"])
        assert row is not None
        row.status = "signed"
    resp = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "Rettet dato"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 200, resp.text
    assert (
        app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()["due_date"] == (contract["due_date"])
    )


def test_r1_a_correction_keeps_a_consent_day_still_before_the_new_rules_day(make_app):
    app = make_app("reception")
    case = _asylum(app, "2026-10-20")
    consent = app.client.post(
        f"/cases/{case['id']}/responsibility",
        json={"taken_over_on": "2026-11-10", "consent_note": "Samtykke"},
        headers=app.as_(JC),
    )
    assert consent.status_code == 200
    kept = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-10-05", "reason": "Rettet dato"},
        headers=app.as_(JC),
    ).json()
    assert (kept["responsibility_from"], kept["responsibility_basis"]) == ("2026-11-10", "consent")
    assert [e["taken_over_on"] for e in _events(app, "reception.responsibility_taken_over")] == [
        "2026-12-01",
        "2026-11-10",
    ]  # the day did not move: not announced again
    # A decision after the consent day: the consent no longer lies between decision and rule's day.
    back = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-11-12", "reason": "Afgørelsen var fra 12.11."},
        headers=app.as_(JC),
    ).json()
    assert (back["responsibility_from"], back["responsibility_basis"]) == ("2027-01-04", "placement_rule")


def test_defect_7_a_corrected_cpr_registration_date_moves_the_day_and_the_contract(make_app):
    app = make_app("reception")
    case = _cpr_case(app)
    contract = _contract(app, case["id"])
    assert _register_cpr(app, case, registered_on=TODAY.isoformat()).status_code == 200
    registered = TODAY - timedelta(days=6)
    resp = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "cpr_registered_on", "new_date": registered.isoformat(), "reason": "Datoen i CPR er en anden"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 200, resp.text
    seen = resp.json()
    assert (seen["cpr_registered_on"], seen["responsibility_from"]) == ((registered.isoformat(),) * 2)
    assert app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()["due_date"] == (
        one_month_after(registered).isoformat()
    )
    last = _events(app, "reception.responsibility_taken_over")[-1]
    assert (last["taken_over_on"], last["rule"], last["corrects"]) == (
        registered.isoformat(),
        "inl4-cpr-registration",
        True,
    )


def test_r1_bad_start_corrections_are_refused_and_nothing_is_written(make_app):
    app = make_app("reception")
    asylum = _asylum(app, TODAY - timedelta(days=20))
    quota = _cpr_case(app)
    url = "/cases/{}/responsibility/start-correction"
    good = {"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "Rettet"}
    cases = [
        (asylum, {**good, "field": "arrival_date"}, JC, 422, "field"),
        (asylum, {**good, "new_date": (TODAY + timedelta(days=1)).isoformat()}, JC, 422, "future"),
        (asylum, {**good, "new_date": (TODAY - timedelta(days=6 * 365)).isoformat()}, JC, 422, "five years"),
        (asylum, {**good, "new_date": "30.11.2026"}, JC, 422, "new_date"),
        (asylum, {**good, "new_date": (TODAY - timedelta(days=20)).isoformat()}, JC, 422, "already"),
        (asylum, {"field": "placement_decided_on", "new_date": "2026-11-30"}, JC, 422, "reason"),
        (asylum, {**good, "reason": "   "}, JC, 422, "reason"),
        (asylum, {**good, "extra": 1}, JC, 422, "extra"),
        (asylum, {**good, "field": "cpr_registered_on"}, JC, 409, "quota refugees"),
        (quota, good, JC, 409, "CPR registration sets the day"),
        (quota, {**good, "field": "cpr_registered_on"}, JC, 409, "not recorded yet"),
        (asylum, good, BS, 403, ""),
        ({"id": 999999}, good, JC, 404, "no case"),
    ]
    before = len(app.outbox())
    for case, body, department, status, words in cases:
        resp = app.client.post(url.format(case["id"]), json=body, headers=app.as_(department))
        assert resp.status_code == status, (body, resp.text)
        assert words in resp.text, (body, resp.text)
    assert len(app.outbox()) == before and app.count(StartCorrection) == 0
    assert _case(app, asylum["id"])["placement_decided_on"] == (TODAY - timedelta(days=20)).isoformat()

    assert _register_cpr(app, quota, registered_on=TODAY.isoformat()).status_code == 200
    early = app.client.post(
        url.format(quota["id"]),
        json={"field": "cpr_registered_on", "new_date": (TODAY - timedelta(days=200)).isoformat(), "reason": "x"},
        headers=app.as_(JC),
    )
    assert early.status_code == 422 and "cannot be before" in early.text
    assert app.count(StartCorrection) == 0 and _case(app, quota["id"])["cpr_registered_on"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("basis", "rule"),
    [
        ("placement_rule", "inl4-responsibility"),
        ("cpr_registration", "inl4-cpr-registration"),
        ("consent", "inl4-consent"),
    ],
)
def test_r1_a_v1_responsibility_event_still_in_flight_is_read_as_v2_with_its_rule(basis, rule):
    """reception.responsibility_taken_over v2 adds the rule and ``corrects``; a v1 message is upcast."""
    from shared.bus.envelope import EventEnvelope, read_event
    from shared.contracts.reception import ResponsibilityTakenOver, ResponsibilityTakenOverV1

    old = ResponsibilityTakenOverV1(case_id=7, taken_over_on=D("2027-01-01"), basis=basis)
    envelope = EventEnvelope(type=old.event_type, version=1, producer="reception", payload=old.model_dump(mode="json"))
    event = read_event(envelope)
    assert isinstance(event, ResponsibilityTakenOver)
    assert (event.taken_over_on, event.basis, event.rule, event.corrects) == (D("2027-01-01"), basis, rule, False)


def test_r1_a_placement_date_missing_from_the_handover_is_added_through_the_correction(make_app):
    """The handover came without the decision's date: adding it sets the day (a first announcement, not a
    correction of one) and a contract started meanwhile gets its § 19 date instead of the provisional one."""
    app = make_app("reception")
    case = _asylum(app, None)
    contract = _contract(app, case["id"])
    assert contract["due_rule"] == "" and contract["due_why"].startswith("Foreløbig frist")
    resp = app.client.post(
        f"/cases/{case['id']}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2025-12-10", "reason": "Afgørelsen modtaget nu"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["responsibility_from"] == "2026-02-02"
    assert resp.json()["start_corrections"][0]["old_value"] is None
    moved = app.client.get(f"/contracts/{contract['id']}", headers=app.as_(JC)).json()
    assert (moved["due_date"], moved["due_rule"]) == ("2026-03-02", "inl19-contract")
    (event,) = _events(app, "reception.responsibility_taken_over")
    assert (event["taken_over_on"], event["corrects"]) == ("2026-02-02", False)
