"""R7 host families and mentors, R8 volunteers, R9 starter packages (Frivillighedsområdet); R10 welcome meetings."""

from __future__ import annotations

from datetime import timedelta

from reception.civil.models import Invitation, Match
from reception.deadlines.service import announce_overdue
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover

UDL, FR, BM, JC = (
    Department.UDLAENDINGESTYRELSEN,
    Department.FRIVILLIGHED,
    Department.BORGMESTERKONTORET,
    Department.JOBCENTRET,
)


def _case(app):
    return app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()


def _volunteer(app, approved=True):
    v = app.client.post(
        "/volunteers",
        json={
            "name": "Karen Madsen",
            "contact": "karen@example.dk",
            "skills": "Lektiehjælp",
            "languages": "dansk, engelsk, arabisk",
            "availability": "Hverdage efter kl. 16",
        },
        headers=app.as_(FR),
    ).json()
    if approved:
        app.client.post(
            f"/volunteers/{v['id']}/background-check", json={"background_check": "approved"}, headers=app.as_(FR)
        )
    return v


def test_r8_volunteers_with_skills_languages_availability_and_background_check(make_app):
    app = make_app("reception")
    v = _volunteer(app, approved=False)
    assert v["background_check"] == "pending" and "arabisk" in v["languages"]
    approved = app.client.post(
        f"/volunteers/{v['id']}/background-check", json={"background_check": "approved"}, headers=app.as_(FR)
    ).json()
    assert approved["background_check"] == "approved"
    assert [x["name"] for x in app.client.get("/volunteers", headers=app.as_(FR)).json()] == ["Karen Madsen"]
    assert app.client.get("/volunteers", headers=app.as_(JC)).status_code == 403


def test_r7_mentor_agreement_with_purpose_and_follow_up(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    resp = app.client.post(
        f"/cases/{case['id']}/matches",
        json={
            "volunteer_id": v["id"],
            "kind": "mentor",
            "content": "Ugentlige møder om hverdagsliv",
            "purpose": "Netværk og dansk sprog i praksis",
            "follow_up_days": 30,
        },
        headers=app.as_(FR),
    )
    assert resp.status_code == 201, resp.text
    m = resp.json()
    assert m["next_follow_up"] == (copenhagen_today() + timedelta(days=30)).isoformat()
    followed = app.client.post(
        f"/matches/{m['id']}/follow-ups",
        json={"on": copenhagen_today().isoformat(), "note": "Godt samarbejde"},
        headers=app.as_(FR, "fr-ole"),
    ).json()
    assert followed["next_follow_up"] == (copenhagen_today() + timedelta(days=30)).isoformat()
    listed = app.client.get(f"/cases/{case['id']}/matches", headers=app.as_(JC)).json()
    assert [(x["kind"], x["purpose"]) for x in listed] == [("mentor", "Netværk og dansk sprog i praksis")]


def test_r7_host_family_needs_an_approved_background_check(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app, approved=False)
    resp = app.client.post(
        f"/cases/{case['id']}/matches",
        json={"volunteer_id": v["id"], "kind": "host_family", "content": "Søndagsmiddage", "purpose": "Netværk"},
        headers=app.as_(FR),
    )
    assert resp.status_code == 409 and resp.json()["field"] == "volunteer_id"
    assert app.count(Match) == 0


def test_r9_starter_package_requested_collected_delivered(make_app):
    app = make_app("reception")
    case = _case(app)
    p = app.client.post(
        f"/cases/{case['id']}/starter-packages", json={"items": "Dyne, pude, gryder, tallerkener"}, headers=app.as_(FR)
    ).json()
    assert p["status"] == "requested"
    skip = app.client.patch(f"/starter-packages/{p['id']}", json={"status": "delivered"}, headers=app.as_(FR))
    assert skip.status_code == 409
    for step in ("collected", "delivered"):
        assert (
            app.client.patch(f"/starter-packages/{p['id']}", json={"status": step}, headers=app.as_(FR)).json()[
                "status"
            ]
            == step
        )


def test_r10_welcome_meeting_invitations_and_attendance(make_app):
    app = make_app("reception")
    case = _case(app)
    meeting = app.client.post(
        "/welcome-meetings", json={"held_on": copenhagen_today().isoformat()}, headers=app.as_(BM)
    ).json()
    assert (meeting["place"], meeting["host"]) == ("Rødovre Rådhus", "Borgmesterkontoret")
    inv = app.client.post(
        f"/welcome-meetings/{meeting['id']}/invitations", json={"case_id": case["id"]}, headers=app.as_(JC)
    )
    assert inv.status_code == 201
    again = app.client.post(
        f"/welcome-meetings/{meeting['id']}/invitations", json={"case_id": case["id"]}, headers=app.as_(BM)
    )
    assert again.status_code == 409
    came = app.client.post(
        f"/invitations/{inv.json()['id']}/attendance", json={"attended": True}, headers=app.as_(BM)
    ).json()
    assert came["attended"] is True
    shown = app.client.get(f"/welcome-meetings/{meeting['id']}", headers=app.as_(BM)).json()
    assert [(i["case_id"], i["attended"]) for i in shown["invitations"]] == [(case["id"], True)]


def test_r10_attendance_only_after_the_meeting_and_bad_input(make_app):
    app = make_app("reception")
    case = _case(app)
    later = app.client.post(
        "/welcome-meetings", json={"held_on": (copenhagen_today() + timedelta(days=7)).isoformat()}, headers=app.as_(BM)
    ).json()
    inv = app.client.post(
        f"/welcome-meetings/{later['id']}/invitations", json={"case_id": case["id"]}, headers=app.as_(BM)
    ).json()
    assert (
        app.client.post(
            f"/invitations/{inv['id']}/attendance", json={"attended": True}, headers=app.as_(BM)
        ).status_code
        == 409
    )
    assert app.client.post("/welcome-meetings", json={"held_on": "soon"}, headers=app.as_(BM)).status_code == 422
    assert (
        app.client.post(
            f"/welcome-meetings/{later['id']}/invitations", json={"case_id": 999}, headers=app.as_(BM)
        ).status_code
        == 404
    )
    assert app.client.post("/welcome-meetings", json={"held_on": "2027-01-01"}, headers=app.as_(FR)).status_code == 403
    assert app.count(Invitation) == 1


def test_r7_follow_ups_are_on_frivillighed_deadline_list_and_announced_once_per_due_date(make_app):
    """R7 follow-up dates are deadlines: listed for Frivillighedsområdet, each overdue date announced once."""
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = app.client.post(
        f"/cases/{case['id']}/matches",
        json={
            "volunteer_id": v["id"],
            "kind": "host_family",
            "content": "Middage",
            "purpose": "Netværk",
            "follow_up_days": 14,
        },
        headers=app.as_(FR),
    ).json()
    listed = app.client.get("/deadlines?within_days=14", headers=app.as_(FR)).json()
    assert [(d["kind"], d["ref_id"], d["state"]) for d in listed] == [("follow_up", m["id"], "due_soon")]
    assert listed[0]["title"] == "Opfølgning på aftale med værtsfamilie"

    def overdue_since(days: int) -> None:
        with app.factory.begin() as session:
            session.get(Match, m["id"]).next_follow_up = copenhagen_today() - timedelta(days=days)

    def announced() -> list[str]:
        return [
            e["payload"]["due_date"]
            for e in app.outbox()
            if e["type"] == "reception.deadline_overdue" and e["payload"]["kind"] == "follow_up"
        ]

    overdue_since(3)
    announce_overdue(app.factory)
    announce_overdue(app.factory)
    overdue_since(1)  # followed up late, and the next one is missed too: a new date, a new notice
    announce_overdue(app.factory)
    assert announced() == [
        (copenhagen_today() - timedelta(days=3)).isoformat(),
        (copenhagen_today() - timedelta(days=1)).isoformat(),
    ]
