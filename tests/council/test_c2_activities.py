"""C2 Understøttelse af visse aktiviteter through the API: activities with place, date and responsible person,
the municipality's coordination tasks with owner and done flag, and status planned → held/cancelled."""

from __future__ import annotations

from council.activities.models import Activity, CoordinationTask
from shared.auth import Department
from tests.council.helpers import IR, JC, day, get, post


def activity(app, offset=-1):
    return post(
        app,
        "/activities",
        {
            "title": "Borgermøde om foreningsliv",
            "activity_date": day(offset),
            "place": "Rødovre Bibliotek",
            "responsible": "Amina Hassan (formand)",
        },
    )


def test_c2_activity_planned_with_coordination_tasks(make_app):
    app = make_app("council")
    a = activity(app)
    assert a["status"] == "planned" and a["tasks"] == [] and a["responsible"] == "Amina Hassan (formand)"
    room = post(app, f"/activities/{a['id']}/tasks", {"text": "Book lokale", "owner": "Jobcentret, sekretariatet"})
    post(app, f"/activities/{a['id']}/tasks", {"text": "Bestil tolk (arabisk)", "owner": "Tolkeservice"})
    assert room["done"] is False
    done = app.client.patch(f"/coordination-tasks/{room['id']}", json={"done": True, "version": 1}, headers=app.as_(JC))
    assert done.status_code == 200 and done.json()["done"] is True
    stale = app.client.patch(
        f"/coordination-tasks/{room['id']}", json={"done": False, "version": 1}, headers=app.as_(JC)
    )
    assert stale.status_code == 409
    read = get(app, f"/activities/{a['id']}", dept=IR)
    assert read["open_tasks"] == 1 and [t["done"] for t in read["tasks"]] == [True, False]
    assert app.count(CoordinationTask) == 2


def test_c2_status_held_only_on_or_after_the_date_and_final(make_app):
    app = make_app("council")
    future = activity(app, offset=10)
    early = app.client.post(
        f"/activities/{future['id']}/status", json={"status": "held", "version": 1}, headers=app.as_(JC)
    )
    assert early.status_code == 422 and "before its date" in early.text
    held = post(app, f"/activities/{activity(app)['id']}/status", {"status": "held", "version": 1}, status=200)
    assert held["status"] == "held"
    again = app.client.post(
        f"/activities/{held['id']}/status", json={"status": "cancelled", "version": 2}, headers=app.as_(JC)
    )
    assert again.status_code == 409
    cancelled = post(app, f"/activities/{future['id']}/status", {"status": "cancelled", "version": 1}, status=200)
    assert cancelled["status"] == "cancelled"
    no_task = app.client.post(
        f"/activities/{future['id']}/tasks", json={"text": "X", "owner": "Y"}, headers=app.as_(JC)
    )
    assert no_task.status_code == 409 and app.count(CoordinationTask) == 0
    with app.factory() as session:
        assert {a.status for a in session.query(Activity)} == {"held", "cancelled"}


def test_c2_status_with_stale_version_is_409(make_app):
    app = make_app("council")
    a = activity(app)
    stale = app.client.post(f"/activities/{a['id']}/status", json={"status": "held", "version": 7}, headers=app.as_(JC))
    assert stale.status_code == 409
    assert get(app, f"/activities/{a['id']}")["status"] == "planned"


def test_c2_activities_listed_for_the_council_written_by_the_secretariat(make_app):
    app = make_app("council")
    activity(app, offset=-5)
    activity(app, offset=5)
    assert [a["activity_date"] for a in get(app, "/activities", dept=IR)] == [day(5), day(-5)]
    assert app.client.get("/activities").status_code == 401
    body = {"title": "T", "activity_date": day(1), "place": "P", "responsible": "R"}
    assert app.client.post("/activities", json=body, headers=app.as_(IR)).status_code == 403
    assert app.client.get("/activities", headers=app.as_(Department.DRIFT)).status_code == 403
    assert app.count(Activity) == 2
