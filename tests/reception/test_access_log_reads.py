"""Reception's reads of a case's data, one by one: every read and search of personal data is logged with
its criteria (DOMAIN.md, Datatilsynet), so a citizen may learn the dates and purposes of look-ups of their data.

Each GET of one case's plan, referrals, benefits, sanctions, contacts, notifications, tour, guidance log,
matches, contract or documents writes one row of ``shared.access.AccessLog`` with that case's id; a list
naming several persons (the deadlines, a month's payments, a welcome meeting's participants) writes one
row without a case id, with the filter applied as criteria. The volunteers as a pool name no citizen and
are not logged (``reception.lookups`` has the purposes and what is not logged).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from shared.access import AccessLog
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.reception.helpers import handover, kontanthjaelp

UDL, JC, BS = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BORGERSERVICE
OK, FR, BM = Department.OKONOMI, Department.FRIVILLIGHED, Department.BORGMESTERKONTORET

Row = tuple[str, str, str, int | None, str | None]


def log(app) -> list[Row]:
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id))
        return [(r.user, r.department, r.action, r.case_id, r.criteria) for r in rows]


def _case(app) -> int:
    resp = app.client.post("/handovers", json=handover(), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _ok(resp) -> list | dict:
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_a_cases_plan_and_referrals_through_the_api_are_logged_under_the_case(make_app):
    app = make_app("reception")
    case_id = _case(app)
    assert app.client.post(f"/cases/{case_id}/plan", json={"reason": "Flere aktører"}, headers=app.as_(JC)).is_success
    referral = {"kind": "school", "person": "Omar Haddad", "reason": "Skolestart 3. klasse"}
    assert app.client.post(f"/cases/{case_id}/referrals", json=referral, headers=app.as_(JC)).is_success
    assert log(app) == []  # writing is not a read
    assert _ok(app.client.get(f"/cases/{case_id}/plan", headers=app.as_(JC, "jc-ole")))["reason"] == "Flere aktører"
    referrals = _ok(app.client.get(f"/cases/{case_id}/referrals", headers=app.as_(BS, "bs-anna")))
    assert [r["person"] for r in referrals] == ["Omar Haddad"]
    assert log(app) == [
        ("jc-ole", "jobcentret", "read_plan", case_id, None),
        ("bs-anna", "borgerservice", "read_referrals", case_id, None),
    ]
    # A case without a plan is a 404 and no look-up is written.
    other = _case(app)
    assert app.client.get(f"/cases/{other}/plan", headers=app.as_(JC)).status_code == 404
    assert len(log(app)) == 2


def test_a_cases_benefits_and_sanctions_are_logged_and_a_months_payments_page_as_a_list(make_app):
    app = make_app("reception")
    case_id = _case(app)
    benefit = kontanthjaelp("12000.00")
    assert app.client.post(f"/cases/{case_id}/benefits", json=benefit, headers=app.as_(OK)).status_code == 201
    assert len(_ok(app.client.get(f"/cases/{case_id}/benefits", headers=app.as_(OK, "ok-bente")))) == 1
    assert _ok(app.client.get(f"/cases/{case_id}/sanctions", headers=app.as_(JC, "jc-ole"))) == []
    app.client.cookies.set(COOKIE, token(OK, "ok-bente"))
    assert app.client.get("/udbetaling", params={"maaned": "2026-12"}).status_code == 200
    assert log(app) == [
        ("ok-bente", "okonomi", "read_benefits", case_id, None),
        ("jc-ole", "jobcentret", "read_sanctions", case_id, None),
        ("ok-bente", "okonomi", "list_payments", None, "month=2026-12"),
    ]


def test_a_cases_contacts_notifications_tour_and_guidance_are_logged_under_the_case(make_app):
    app = make_app("reception")
    case_id = _case(app)
    tour = {"booked_for": (copenhagen_today() + timedelta(days=3)).isoformat(), "guide": "Frivillig Karen"}
    assert app.client.put(f"/cases/{case_id}/local-tour", json=tour, headers=app.as_(JC)).status_code == 200
    _ok(app.client.get(f"/cases/{case_id}/contacts", headers=app.as_(JC, "jc-ole")))
    _ok(app.client.get(f"/cases/{case_id}/notifications", headers=app.as_(JC, "jc-ole")))
    assert _ok(app.client.get(f"/cases/{case_id}/local-tour", headers=app.as_(BS, "bs-anna")))["guide"] == (
        "Frivillig Karen"
    )
    _ok(app.client.get(f"/cases/{case_id}/guidance", headers=app.as_(BS, "bs-anna")))
    assert log(app) == [
        ("jc-ole", "jobcentret", "read_contacts", case_id, None),
        ("jc-ole", "jobcentret", "read_notifications", case_id, None),
        ("bs-anna", "borgerservice", "read_local_tour", case_id, None),
        ("bs-anna", "borgerservice", "read_guidance", case_id, None),
    ]
    # No tour booked: a 404, and nobody's data was shown.
    other = _case(app)
    assert app.client.get(f"/cases/{other}/local-tour", headers=app.as_(JC)).status_code == 404
    assert len(log(app)) == 4


def test_a_cases_matches_are_logged_the_volunteer_pool_is_not_and_a_meeting_is_a_list(make_app):
    app = make_app("reception")
    case_id = _case(app)
    volunteer = {
        "name": "Karen Madsen",
        "contact": "karen@example.dk",
        "skills": "Lektiehjælp",
        "languages": "dansk, arabisk",
        "availability": "Hverdage efter kl. 16",
    }
    v = app.client.post("/volunteers", json=volunteer, headers=app.as_(FR)).json()
    app.client.post(
        f"/volunteers/{v['id']}/background-check", json={"background_check": "approved"}, headers=app.as_(FR)
    )
    match = {"volunteer_id": v["id"], "kind": "host_family", "content": "Søndagsmiddage", "purpose": "Netværk"}
    assert app.client.post(f"/cases/{case_id}/matches", json=match, headers=app.as_(FR)).status_code == 201
    assert len(_ok(app.client.get("/volunteers", headers=app.as_(FR, "fr-lis")))) == 1
    app.client.cookies.set(COOKIE, token(FR, "fr-lis"))
    assert app.client.get("/frivillige").status_code == 200
    assert log(app) == []  # the municipality's volunteers as a pool name no citizen
    assert [m["kind"] for m in _ok(app.client.get(f"/cases/{case_id}/matches", headers=app.as_(JC, "jc-ole")))] == [
        "host_family"
    ]
    meeting = app.client.post(
        "/welcome-meetings", json={"held_on": copenhagen_today().isoformat()}, headers=app.as_(BM)
    )
    mid = meeting.json()["id"]
    invited = app.client.post(f"/welcome-meetings/{mid}/invitations", json={"case_id": case_id}, headers=app.as_(BM))
    assert invited.status_code == 201, invited.text
    assert len(_ok(app.client.get(f"/welcome-meetings/{mid}", headers=app.as_(BM, "bm-mads")))["invitations"]) == 1
    assert log(app) == [
        ("jc-ole", "jobcentret", "read_civil_society", case_id, None),
        ("bm-mads", "borgmesterkontoret", "list_welcome_meeting", None, f"meeting_id={mid}"),
    ]


def test_a_contract_and_a_cases_documents_are_logged_under_the_case(make_app):
    app = make_app("reception")
    case_id = _case(app)
    contract = app.client.post(f"/cases/{case_id}/contract", headers=app.as_(JC)).json()
    assert _ok(app.client.get(f"/contracts/{contract['id']}", headers=app.as_(BS, "bs-anna")))["case_id"] == case_id
    assert _ok(app.client.get(f"/cases/{case_id}/documents", headers=app.as_(JC, "jc-ole"))) == []
    assert log(app) == [
        ("bs-anna", "borgerservice", "read_contract", case_id, None),
        ("jc-ole", "jobcentret", "read_documents", case_id, None),
    ]
    assert app.client.get("/contracts/999", headers=app.as_(JC)).status_code == 404
    assert len(log(app)) == 2


def test_the_deadlines_list_is_logged_without_a_case_with_its_filter_through_api_and_page(make_app):
    app = make_app("reception")
    case_id = _case(app)
    assert app.client.post(f"/cases/{case_id}/contract", headers=app.as_(JC)).status_code == 201
    listed = _ok(app.client.get("/deadlines", params={"within_days": 60}, headers=app.as_(JC, "jc-ole")))
    assert [d["case_id"] for d in listed] == [case_id]  # it names the case
    app.client.cookies.set(COOKIE, token(JC, "jc-ole"))
    assert app.client.get("/frister", params={"dage": "30"}).status_code == 200
    assert log(app) == [
        ("jc-ole", "jobcentret", "list_deadlines", None, "within_days=60"),
        ("jc-ole", "jobcentret", "list_deadlines", None, "within_days=30"),
    ]


def test_the_family_reunification_form_names_the_cases_person_and_is_logged_under_it(make_app):
    app = make_app("reception")
    case_id = _case(app)
    app.client.cookies.set(COOKIE, token(UDL, "udl-kim"))
    page = app.client.get(f"/sager/{case_id}/familiesammenfoering")
    assert page.status_code == 200 and "Amina Haddad" in page.text
    assert log(app) == [("udl-kim", "udlaendingestyrelsen", "read_family_reunification", case_id, None)]
    assert app.client.get("/sager/999/familiesammenfoering").status_code == 404
    assert len(log(app)) == 1
