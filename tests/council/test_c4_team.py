"""C4 Koordinerende team through the API: monthly meetings of the department heads with participants by
department, agenda items, actions with owner and due date, overdue open actions, and the one-a-month check."""

from __future__ import annotations

from datetime import date

from council.team.models import TeamAction, TeamMeeting, TeamParticipant
from shared.auth import Department
from tests.council.helpers import JC, TODAY, day, get, post

BKF = Department.BKF
HEADS = [
    {"department": "jobcentret", "name": "Afdelingsleder Jobcentret"},
    {"department": "bkf"},
    {"department": "social_psykiatri"},
]


def month_start(months_back: int) -> date:
    index = TODAY.year * 12 + TODAY.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def meeting(app, when, participants=None):
    return post(app, "/team/meetings", {"meeting_date": when, "participants": participants or HEADS})


def test_c4_meeting_with_participants_by_department_and_agenda(make_app):
    app = make_app("council")
    m = meeting(app, day(-2))
    assert [p["department"] for p in m["participants"]] == ["jobcentret", "bkf", "social_psykiatri"]
    assert m["participants"][0]["name"] == "Afdelingsleder Jobcentret"
    post(app, f"/team/meetings/{m['id']}/items", {"title": "Nye borgere i december", "notes": "12 ankomster"})
    post(app, f"/team/meetings/{m['id']}/items", {"title": "Skolestart"})
    read = get(app, f"/team/meetings/{m['id']}", dept=BKF)
    assert [(i["position"], i["title"]) for i in read["items"]] == [(1, "Nye borgere i december"), (2, "Skolestart")]
    assert app.count(TeamParticipant) == 3


def test_c4_meeting_needs_participants_and_one_meeting_per_day(make_app):
    app = make_app("council")
    none = app.client.post("/team/meetings", json={"meeting_date": day(-1), "participants": []}, headers=app.as_(JC))
    assert none.status_code == 422 and "participant" in none.text
    unknown = app.client.post(
        "/team/meetings", json={"meeting_date": day(-1), "participants": [{"department": "drift"}]}, headers=app.as_(JC)
    )
    assert unknown.status_code == 422
    dup = app.client.post(
        "/team/meetings",
        json={"meeting_date": day(-1), "participants": [{"department": "bkf"}] * 2},
        headers=app.as_(JC),
    )
    assert dup.status_code == 422 and "duplicate" in dup.text
    meeting(app, day(-1))
    again = app.client.post(
        "/team/meetings", json={"meeting_date": day(-1), "participants": HEADS}, headers=app.as_(JC)
    )
    assert again.status_code == 409
    assert app.count(TeamMeeting) == 1 and app.count(TeamParticipant) == 3


def test_c4_actions_with_owner_and_due_date_marked_done_with_version(make_app):
    app = make_app("council")
    m = meeting(app, day(-30))
    a = post(
        app,
        f"/team/meetings/{m['id']}/actions",
        {"text": "Afklar skoleplads til familien", "owner": "bkf", "due_on": day(10)},
    )
    assert a["status"] == "open" and a["owner"] == "bkf" and not a["overdue"]
    before = app.client.post(
        f"/team/meetings/{m['id']}/actions", json={"text": "X", "owner": "bkf", "due_on": day(-31)}, headers=app.as_(JC)
    )
    assert before.status_code == 422 and "before the meeting" in before.text
    done = app.client.patch(f"/team/actions/{a['id']}", json={"status": "done", "version": 1}, headers=app.as_(JC))
    assert done.status_code == 200 and done.json()["done_on"] == day(0) and done.json()["version"] == 2
    stale = app.client.patch(f"/team/actions/{a['id']}", json={"status": "open", "version": 1}, headers=app.as_(JC))
    assert stale.status_code == 409
    with app.factory() as session:
        row = session.get(TeamAction, a["id"])
        assert row is not None and row.status == "done"
    assert app.count(TeamAction) == 1


def test_c4_overdue_open_actions_listed_across_meetings(make_app):
    app = make_app("council")
    old = meeting(app, day(-60))
    recent = meeting(app, day(-20))
    late1 = post(
        app,
        f"/team/meetings/{old['id']}/actions",
        {"text": "Boligplan", "owner": "social_psykiatri", "due_on": day(-40)},
    )
    late2 = post(
        app, f"/team/meetings/{recent['id']}/actions", {"text": "Sprogskole", "owner": "jobcentret", "due_on": day(-5)}
    )
    done = post(
        app, f"/team/meetings/{recent['id']}/actions", {"text": "Læge", "owner": "sundhedscentret", "due_on": day(-3)}
    )
    post(app, f"/team/meetings/{recent['id']}/actions", {"text": "Fremtid", "owner": "bkf", "due_on": day(5)})
    app.client.patch(f"/team/actions/{done['id']}", json={"status": "done", "version": 1}, headers=app.as_(JC))
    overdue = get(app, "/team/actions/overdue", dept=BKF)
    assert [a["id"] for a in overdue] == [late1["id"], late2["id"]]
    assert all(a["overdue"] for a in overdue)
    assert {a["meeting_id"] for a in overdue} == {old["id"], recent["id"]}


def test_c4_monthly_check_flags_months_without_a_meeting(make_app):
    app = make_app("council")
    for back in (0, 1, 3):
        meeting(app, month_start(back).isoformat())
    check = get(app, "/team/monthly-check", dept=Department.SOCIAL_PSYKIATRI)
    assert len(check["months"]) == 12
    assert check["to_month"] == f"{TODAY:%Y-%m}"
    flagged = {f"{month_start(b):%Y-%m}" for b in (2, *range(4, 12))}
    assert set(check["missing"]) == flagged
    assert f"{month_start(3):%Y-%m}" not in check["missing"]
    span = get(app, f"/team/monthly-check?from_month={month_start(1):%Y-%m}&to_month={month_start(0):%Y-%m}")
    assert span["missing"] == [] and [m["meetings"] for m in span["months"]] == [1, 1]
    for query in (
        "from_month=2026-13",
        "from_month=2026-05&to_month=2026-01",
        "from_month=2020-01&to_month=2026-01",
        "to_month=26-01",
    ):
        resp = app.client.get(f"/team/monthly-check?{query}", headers=app.as_(JC))
        assert resp.status_code == 422, query


def test_c4_department_heads_read_only_the_secretariat_writes(make_app):
    app = make_app("council")
    assert app.client.get("/team/meetings").status_code == 401
    assert (
        app.client.post(
            "/team/meetings", json={"meeting_date": day(0), "participants": HEADS}, headers=app.as_(BKF)
        ).status_code
        == 403
    )
    assert app.client.get("/team/meetings", headers=app.as_(Department.DRIFT)).status_code == 403
    assert app.client.get("/team/actions/overdue", headers=app.as_(Department.INTEGRATIONSRAADET)).status_code == 403
    assert app.client.get("/team/meetings", headers=app.as_(BKF)).status_code == 200
    assert app.count(TeamMeeting) == 0
