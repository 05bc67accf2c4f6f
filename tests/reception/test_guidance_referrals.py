"""R6 local-area tour and guidance log; R12 children (BKF) and R13 sick and elderly (Sundhedscentret) referrals."""

from __future__ import annotations

from datetime import timedelta

from reception.guidance.models import GuidanceEntry
from reception.referrals.models import Referral
from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import handover

UDL, JC, BKF, SC = (Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BKF, Department.SUNDHEDSCENTRET)


def _case(app):
    return app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()


def test_r6_local_tour_booked_moved_and_done(make_app):
    app = make_app("reception")
    case = _case(app)
    day = copenhagen_today() + timedelta(days=5)
    booked = app.client.put(
        f"/cases/{case['id']}/local-tour",
        json={"booked_for": day.isoformat(), "guide": "Frivillig Karen"},
        headers=app.as_(JC),
    )
    assert booked.status_code == 200 and booked.json()["done_on"] is None
    moved = app.client.put(
        f"/cases/{case['id']}/local-tour",
        json={"booked_for": (day + timedelta(days=1)).isoformat(), "guide": "Frivillig Karen"},
        headers=app.as_(JC),
    ).json()
    assert moved["booked_for"] == (day + timedelta(days=1)).isoformat()
    future = app.client.post(
        f"/cases/{case['id']}/local-tour/done", json={"done_on": day.isoformat()}, headers=app.as_(JC)
    )
    assert future.status_code == 422
    done = app.client.post(
        f"/cases/{case['id']}/local-tour/done",
        json={"done_on": copenhagen_today().isoformat(), "notes": "Bibliotek, Rødovre Centrum, lægehus"},
        headers=app.as_(JC),
    ).json()
    assert done["done_on"] == copenhagen_today().isoformat()
    assert app.client.get(f"/cases/{case['id']}/local-tour", headers=app.as_(BKF)).json()["notes"].startswith("Bib")


def test_r6_guidance_log_with_channel_topic_interpreter_language(make_app):
    app = make_app("reception")
    case = _case(app)
    for days_ago, topic in ((3, "Brev fra Skattestyrelsen"), (1, "Tandlæge")):
        resp = app.client.post(
            f"/cases/{case['id']}/guidance",
            json={
                "on": (copenhagen_today() - timedelta(days=days_ago)).isoformat(),
                "channel": "in_person",
                "topic": topic,
                "interpreter": "Tolk Ahmad",
                "language": "arabisk",
            },
            headers=app.as_(JC, "jc-lise"),
        )
        assert resp.status_code == 201, resp.text
    log = app.client.get(f"/cases/{case['id']}/guidance", headers=app.as_(JC)).json()
    assert [e["topic"] for e in log] == ["Tandlæge", "Brev fra Skattestyrelsen"]  # newest first
    assert log[0]["by"] == "jc-lise" and log[0]["language"] == "arabisk"
    bad = [
        {"on": "2026-01-01", "channel": "pigeon", "topic": "x"},
        {"on": (copenhagen_today() + timedelta(days=1)).isoformat(), "channel": "phone", "topic": "x"},
        {"on": "2026-01-01", "channel": "phone", "topic": ""},
    ]
    for body in bad:
        assert app.client.post(f"/cases/{case['id']}/guidance", json=body, headers=app.as_(JC)).status_code == 422
    assert (
        app.client.post(
            "/cases/999/guidance", json={"on": "2026-01-01", "channel": "phone", "topic": "x"}, headers=app.as_(JC)
        ).status_code
        == 404
    )
    assert app.count(GuidanceEntry) == 2


def test_r12_school_and_daycare_referrals_to_bkf_with_status(make_app):
    app = make_app("reception")
    case = _case(app)  # family: Omar Haddad, child
    school = app.client.post(
        f"/cases/{case['id']}/referrals",
        json={"kind": "school", "person": "Omar Haddad", "reason": "Skolestart 3. klasse"},
        headers=app.as_(JC),
    )
    assert school.status_code == 201 and school.json()["owner_department"] == "bkf"
    rid = school.json()["id"]
    by_health = app.client.patch(f"/referrals/{rid}", json={"status": "accepted"}, headers=app.as_(SC))
    assert by_health.status_code == 403
    accepted = app.client.patch(
        f"/referrals/{rid}", json={"status": "accepted", "note": "Rødovre Skole"}, headers=app.as_(BKF, "bkf-jens")
    ).json()
    assert (accepted["status"], accepted["updated_by"]) == ("accepted", "bkf-jens")
    backwards = app.client.patch(f"/referrals/{rid}", json={"status": "requested"}, headers=app.as_(BKF))
    assert backwards.status_code == 409
    listed = app.client.get(f"/cases/{case['id']}/referrals", headers=app.as_(JC)).json()
    assert [(r["kind"], r["status"], r["note"]) for r in listed] == [("school", "accepted", "Rødovre Skole")]


def test_r13_medical_assessment_referral_to_sundhedscentret(make_app):
    app = make_app("reception")
    case = _case(app)
    resp = app.client.post(
        f"/cases/{case['id']}/referrals",
        json={"kind": "medical_assessment", "person": "Amina Haddad", "reason": "Kronisk sygdom, medicin mangler"},
        headers=app.as_(JC),
    )
    assert resp.status_code == 201 and resp.json()["owner_department"] == "sundhedscentret"
    rid = resp.json()["id"]
    for step in ("accepted", "started", "closed"):
        assert app.client.patch(f"/referrals/{rid}", json={"status": step}, headers=app.as_(SC)).status_code == 200
    assert app.client.patch(f"/referrals/{rid}", json={"status": "started"}, headers=app.as_(SC)).status_code == 409


def test_r12_r13_bad_referrals(make_app):
    app = make_app("reception")
    case = _case(app)
    bad = [
        ({"kind": "school", "person": "Ukendt Person", "reason": "abc"}, 422),
        ({"kind": "spa", "person": "Amina Haddad", "reason": "abc"}, 422),
        ({"kind": "school", "person": "Amina Haddad", "reason": ""}, 422),
    ]
    for body, code in bad:
        assert app.client.post(f"/cases/{case['id']}/referrals", json=body, headers=app.as_(JC)).status_code == code
    assert (
        app.client.post(
            f"/cases/{case['id']}/referrals",
            json={"kind": "school", "person": "Omar Haddad", "reason": "abc"},
            headers=app.as_(BKF),
        ).status_code
        == 403
    )
    assert app.client.patch("/referrals/999", json={"status": "accepted"}, headers=app.as_(BKF)).status_code == 404
    assert app.count(Referral) == 0


def test_r6_tour_not_in_the_past_nor_rebooked_after_it_took_place_and_language_fits_its_column(make_app):
    app = make_app("reception")
    case = _case(app)
    past = app.client.put(
        f"/cases/{case['id']}/local-tour",
        json={"booked_for": (copenhagen_today() - timedelta(days=1)).isoformat(), "guide": "G"},
        headers=app.as_(JC),
    )
    assert past.status_code == 422 and past.json()["field"] == "booked_for"
    app.client.put(
        f"/cases/{case['id']}/local-tour",
        json={"booked_for": copenhagen_today().isoformat(), "guide": "G"},
        headers=app.as_(JC),
    )
    app.client.post(
        f"/cases/{case['id']}/local-tour/done", json={"done_on": copenhagen_today().isoformat()}, headers=app.as_(JC)
    )
    again = app.client.put(
        f"/cases/{case['id']}/local-tour",
        json={"booked_for": copenhagen_today().isoformat(), "guide": "G"},
        headers=app.as_(JC),
    )
    assert again.status_code == 409
    long_language = app.client.post(
        f"/cases/{case['id']}/guidance",
        json={"on": copenhagen_today().isoformat(), "channel": "phone", "topic": "x", "language": "a" * 51},
        headers=app.as_(JC),
    )
    assert long_language.status_code == 422 and "language" in long_language.json()["detail"]
