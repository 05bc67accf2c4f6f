"""Issue 14 on reception's pages: "Hvorfor denne frist?" next to the § 4 day, the § 19 contract date and the
checklist (case page, contract page, /frister); the CPR registration's date on the task; correcting the start
date; revising a signed contract. Bad input: a Danish message where the form is, nothing written.
R1 (the § 4 day), R3 (the CPR task), R4 (the contract)."""

from __future__ import annotations

from datetime import timedelta

from reception.cases.models import Case, StartCorrection
from reception.contracts.models import ContractRevision
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover
from tests.reception.test_contract import CONTENT
from tests.reception.test_issue14_contract_revision import _sign
from tests.reception.test_onboarding_api import _task
from tests.reception.test_pages import _error_next_to, _post, _signed_in

UDL, JC, BS = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE
TODAY = copenhagen_today()
WHY = "Hvorfor denne frist?"


def _case(app, **overrides) -> dict:
    resp = app.client.post("/handovers", json=handover(**overrides), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_r1_the_case_page_says_why_the_day_and_the_contract_date_are_what_they_are(make_app):
    app = make_app("reception")
    case = _case(app, placement_decided_on="2026-11-30")
    app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC))
    page = _signed_in(app, JC).get(f"/sager/{case['id']}").text
    assert "Fra 04.01.2027" in page and WHY in page
    assert "integrationsloven § 4, stk. 2" in page and "nytårsdag" in page
    assert "Frist 04.02.2027" in page and "integrationsloven § 19, stk. 1" in page
    assert "Kommunens tjekliste (intern frist)" in page  # the checklist's dates are the municipality's own

    contract_page = _signed_in(app, JC).get(f"/sager/{case['id']}/kontrakt").text
    assert 'id="contract-why"' in contract_page and "integrationsloven § 19, stk. 1" in contract_page


def test_r1_the_deadlines_page_says_why(make_app):
    app = make_app("reception")
    case = _case(app, placement_decided_on="2026-11-30")
    app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC))
    page = _signed_in(app, JC).get("/frister?dage=90").text
    assert WHY in page and "integrationsloven § 19, stk. 1" in page and "mandag 4. januar 2027" in page
    tasks = _signed_in(app, BS).get("/frister?dage=90").text
    assert WHY in tasks and "Kommunens tjekliste (intern frist)" in tasks


def test_defect_7_the_cpr_task_on_the_page_takes_the_registrations_date(make_app):
    app = make_app("reception")
    case = _case(app, residence_basis="quota_8", date_of_birth="1990-01-02")
    task = _task(case, "cpr_registration")
    bs = _signed_in(app, BS)
    form = bs.get(f"/sager/{case['id']}").text
    assert 'name="registered_on"' in form and "integrationsloven § 4, stk. 3" in form

    missing = _post(bs, f"/sager/{case['id']}/opgaver/{task['id']}", {"cpr": "020190-1234"})
    assert missing.status_code == 422
    assert _error_next_to(missing.text, f"cpr-{task['id']}").startswith("Angiv datoen for registreringen i CPR")
    future = _post(
        bs,
        f"/sager/{case['id']}/opgaver/{task['id']}",
        {"cpr": "020190-1234", "registered_on": (TODAY + timedelta(days=2)).isoformat()},
    )
    assert future.status_code == 422
    assert _error_next_to(future.text, f"cpr-{task['id']}") == "Registreringen i CPR kan ikke ligge i fremtiden"
    garbled = _post(
        bs, f"/sager/{case['id']}/opgaver/{task['id']}", {"cpr": "020190-1234", "registered_on": "2026-13-01"}
    )
    assert garbled.status_code == 422 and _error_next_to(garbled.text, f"cpr-{task['id']}")
    with app.factory() as session:
        row = session.get(Case, case["id"])
        assert row is not None and (row.cpr, row.responsibility_from) == (None, None)

    registered = TODAY - timedelta(days=4)
    done = _post(
        bs,
        f"/sager/{case['id']}/opgaver/{task['id']}",
        {"cpr": "020190-1234", "registered_on": registered.isoformat()},
    )
    assert done.status_code == 303
    page = _signed_in(app, JC).get(f"/sager/{case['id']}").text
    assert f"Fra {registered:%d.%m.%Y}" in page and "integrationsloven § 4, stk. 3" in page


def test_r1_correcting_the_placement_date_on_the_page(make_app):
    app = make_app("reception")
    case = _case(app, placement_decided_on="2026-10-20")
    jc = _signed_in(app, JC, "Lise Jobcenter")
    page = jc.get(f"/sager/{case['id']}").text
    assert "Ret datoen, som ansvaret regnes fra" in page
    url = f"/sager/{case['id']}/ansvar/ret-start"

    future = _post(
        jc, url, {"field": "placement_decided_on", "new_date": (TODAY + timedelta(days=1)).isoformat(), "reason": "x"}
    )
    assert future.status_code == 422
    assert _error_next_to(future.text, "correction-new_date") == "Datoen må ikke ligge i fremtiden"
    no_reason = _post(jc, url, {"field": "placement_decided_on", "new_date": "2026-11-30", "reason": ""})
    assert no_reason.status_code == 422 and _error_next_to(no_reason.text, "correction-reason")
    assert 'value="2026-11-30"' in no_reason.text  # what was typed is kept
    same = _post(jc, url, {"field": "placement_decided_on", "new_date": "2026-10-20", "reason": "Rettet"})
    assert same.status_code == 422
    assert _error_next_to(same.text, "correction-new_date").startswith("Datoen er allerede 20.10.2026")
    assert app.count(StartCorrection) == 0
    assert _signed_in(app, BS).get(f"/sager/{case['id']}").text.count("Ret datoen, som ansvaret") == 0
    refused = _post(
        _signed_in(app, BS), url, {"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "x"}
    )
    assert refused.status_code == 422 and "Kun Jobcentret kan rette datoen" in refused.text
    assert app.count(StartCorrection) == 0

    done = _post(
        _signed_in(app, JC, "Lise Jobcenter"),
        url,
        {"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "Afgørelsen er dateret 30.11."},
    )
    assert done.status_code == 303
    after = _signed_in(app, JC).get(f"/sager/{case['id']}").text
    assert "Fra 04.01.2027" in after
    assert "rettet fra 20.10.2026 til 30.11.2026 af Lise Jobcenter – Afgørelsen er dateret 30.11." in after


def test_r4_revising_a_signed_contract_on_the_page_keeps_the_old_version_readable(make_app):
    app = make_app("reception")
    case = _case(app, placement_decided_on="2026-11-30")
    contract = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC)).json()
    saved = app.client.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": 1}, headers=app.as_(JC))
    signed = _sign(app, saved.json())
    jc = _signed_in(app, JC)
    page = jc.get(f"/sager/{case['id']}/kontrakt").text
    assert "Revidér kontrakten" in page and "integrationsloven § 20, stk. 3" in page
    url = f"/sager/{case['id']}/kontrakt/revision"

    early = _post(
        jc,
        url,
        {"version": signed["version"], "follow_up_on": (TODAY - timedelta(days=1)).isoformat(), "reason": "Ny plan"},
    )
    assert early.status_code == 422
    assert _error_next_to(early.text, "follow_up_on").startswith("Opfølgningssamtalen skal ligge fra kontraktens")
    no_reason = _post(jc, url, {"version": signed["version"], "follow_up_on": TODAY.isoformat(), "reason": ""})
    assert no_reason.status_code == 422 and _error_next_to(no_reason.text, "reason")
    assert app.count(ContractRevision) == 0

    done = _post(jc, url, {"version": signed["version"], "follow_up_on": TODAY.isoformat(), "reason": "Ny plan"})
    assert done.status_code == 303
    page = jc.get(f"/sager/{case['id']}/kontrakt").text
    assert "Tidligere versioner" in page and "Version 1, underskrevet af begge" in page
    assert f"2 – revideret ved opfølgningssamtalen {TODAY:%d.%m.%Y}: Ny plan" in page
    assert CONTENT["employment_goal"] in page and "jc-lise" in page  # the old text and its signature
    assert "Ny version til underskrift" in jc.get(f"/sager/{case['id']}").text


def test_r4_the_printed_contract_says_why_its_date_and_which_version_it_is(make_app):
    app = make_app("reception")
    case = _case(app, placement_decided_on="2026-11-30")
    contract = app.client.post(f"/cases/{case['id']}/contract", headers=app.as_(JC)).json()
    printed = app.client.get(f"/contracts/{contract['id']}/print", headers=app.as_(JC)).text
    assert "04.02.2027 (integrationsloven § 19, stk. 1)" in printed
    assert "Hvorfor denne frist? Kommunen overtog ansvaret mandag 4. januar 2027" in printed
