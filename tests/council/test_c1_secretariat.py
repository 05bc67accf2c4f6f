"""C1 Sekretær through the API: members, meetings with agenda and minutes, consultation cases, announcements."""

from __future__ import annotations

from council.hearings.models import Announcement, Consultation
from council.meetings.models import AgendaItem, Meeting, Member
from tests.council.helpers import IR, JC, day, get, meeting, post, put

TERM = {"term_start": "2026-01-01", "term_end": "2029-12-31"}


def test_c1_members_with_role_and_term_listed_for_the_council(make_app):
    app = make_app("council")
    chair = post(
        app, "/members", {"name": "Amina Hassan", "organisation": "Dansk Flygtningehjælp", "role": "chair", **TERM}
    )
    post(app, "/members", {"name": "Ole Jensen", "organisation": "Byrådet", "role": "vice_chair", **TERM})
    assert chair["role"] == "chair" and chair["version"] == 1
    listed = get(app, "/members", dept=IR)
    assert {m["name"] for m in listed} == {"Amina Hassan", "Ole Jensen"}


def test_c1_member_term_beyond_the_municipal_election_period_refused(make_app):
    """C1, integrationsloven § 42, stk. 3: a member's term ends with the municipal election period at the latest
    (a member appointed mid-period, 1 June 2027, sits until 31 December 2029, not four years on)."""
    app = make_app("council")
    for start, end in (("2026-01-01", "2030-01-01"), ("2027-06-01", "2031-05-31"), ("2026-05-05", "2026-05-04")):
        resp = app.client.post(
            "/members",
            json={"name": "A", "organisation": "B", "term_start": start, "term_end": end},
            headers=app.as_(JC),
        )
        assert resp.status_code == 422, (start, end)
    assert (
        "31.12.2029" in resp.text
        or "2029"
        in app.client.post(
            "/members",
            json={"name": "A", "organisation": "B", "term_start": "2027-06-01", "term_end": "2030-06-01"},
            headers=app.as_(JC),
        ).text
    )
    assert app.count(Member) == 0
    mid = post(
        app, "/members", {"name": "A", "organisation": "B", "term_start": "2027-06-01", "term_end": "2029-12-31"}
    )
    assert mid["term_end"] == "2029-12-31"


def test_c1_second_chair_and_twelfth_member_refused(make_app):
    app = make_app("council")
    post(app, "/members", {"name": "Formand", "organisation": "X", "role": "chair", **TERM})
    resp = app.client.post(
        "/members", json={"name": "To", "organisation": "X", "role": "chair", **TERM}, headers=app.as_(JC)
    )
    assert resp.status_code == 409 and "chair" in resp.text
    for n in range(10):
        post(app, "/members", {"name": f"Medlem {n}", "organisation": "X", **TERM})
    resp = app.client.post("/members", json={"name": "Tolv", "organisation": "X", **TERM}, headers=app.as_(JC))
    assert resp.status_code == 409 and "11 members" in resp.text
    assert app.count(Member) == 11


def test_c1_member_update_with_stale_version_is_409(make_app):
    app = make_app("council")
    m = post(app, "/members", {"name": "A", "organisation": "B", **TERM})
    resp = app.client.patch(f"/members/{m['id']}", json={"version": 1, "role": "vice_chair"}, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["role"] == "vice_chair" and resp.json()["version"] == 2
    stale = app.client.patch(f"/members/{m['id']}", json={"version": 1, "organisation": "C"}, headers=app.as_(JC))
    assert stale.status_code == 409
    assert get(app, "/members")[0]["organisation"] == "B"


def test_c1_agenda_items_ordered_and_reordered(make_app):
    app = make_app("council")
    m = meeting(app, items=3)
    ids = [i["id"] for i in m["items"]]
    assert [i["position"] for i in m["items"]] == [1, 2, 3]
    put(app, f"/meetings/{m['id']}/items/order", {"item_ids": [ids[2], ids[0], ids[1]]})
    after = get(app, f"/meetings/{m['id']}", dept=IR)
    assert [i["id"] for i in after["items"]] == [ids[2], ids[0], ids[1]]
    bad = app.client.put(f"/meetings/{m['id']}/items/order", json={"item_ids": ids[:2]}, headers=app.as_(JC))
    assert bad.status_code == 422


def test_c1_minutes_per_item_then_approved_and_locked(make_app):
    """After approval/publication the minutes and agenda cannot be edited: 409."""
    app = make_app("council")
    m = meeting(app, items=2)
    first, second = m["items"]
    early = app.client.post(f"/meetings/{m['id']}/minutes/approve", json={"version": 1}, headers=app.as_(JC))
    assert early.status_code == 422 and "no minutes" in early.text
    put(
        app,
        f"/agenda-items/{first['id']}/minutes",
        {"minutes": "Rådet tog orienteringen til efterretning.", "version": 1},
    )
    put(
        app,
        f"/agenda-items/{second['id']}/minutes",
        {"minutes": "Rådet besluttede at afgive høringssvar.", "version": 1},
    )
    approved = app.client.post(f"/meetings/{m['id']}/minutes/approve", json={"version": 1}, headers=app.as_(JC))
    assert approved.status_code == 200 and approved.json()["minutes_approved_at"]
    assert approved.json()["minutes_approved_by"] == "testbruger"
    edit = app.client.put(
        f"/agenda-items/{first['id']}/minutes", json={"minutes": "Ændret", "version": 2}, headers=app.as_(JC)
    )
    assert edit.status_code == 409 and "approved" in edit.text
    more = app.client.post(
        f"/meetings/{m['id']}/items", json={"title": "X", "kind": "orientation"}, headers=app.as_(JC)
    )
    assert more.status_code == 409
    again = app.client.post(f"/meetings/{m['id']}/minutes/approve", json={"version": 2}, headers=app.as_(JC))
    assert again.status_code == 409
    with app.factory() as session:
        item = session.get(AgendaItem, first["id"])
        assert item is not None and item.minutes == "Rådet tog orienteringen til efterretning."
    assert app.count(AgendaItem) == 2


def test_c1_minutes_stale_version_is_409(make_app):
    app = make_app("council")
    item = meeting(app, items=1)["items"][0]
    put(app, f"/agenda-items/{item['id']}/minutes", {"minutes": "Første", "version": 1})
    resp = app.client.put(
        f"/agenda-items/{item['id']}/minutes", json={"minutes": "Anden", "version": 1}, headers=app.as_(JC)
    )
    assert resp.status_code == 409
    with app.factory() as session:
        row = session.get(AgendaItem, item["id"])
        assert row is not None and row.minutes == "Første"


def test_c1_minutes_of_a_future_meeting_cannot_be_approved(make_app):
    app = make_app("council")
    m = meeting(app, offset=14, items=1)
    put(app, f"/agenda-items/{m['items'][0]['id']}/minutes", {"minutes": "Forberedt", "version": 1})
    resp = app.client.post(f"/meetings/{m['id']}/minutes/approve", json={"version": 1}, headers=app.as_(JC))
    assert resp.status_code == 422 and "not been held" in resp.text
    with app.factory() as session:
        row = session.get(Meeting, m["id"])
        assert row is not None and row.minutes_approved_at is None


def test_c1_consultation_received_prepared_answered(make_app):
    app = make_app("council")
    c = post(
        app,
        "/consultations",
        {
            "title": "Høring om integrationspolitik",
            "from_body": "Beskæftigelses- og integrationsudvalget",
            "received_on": day(-3),
            "reply_due": day(10),
        },
    )
    assert c["status"] == "received" and not c["overdue"]
    early = app.client.post(
        f"/consultations/{c['id']}/reply", json={"reply": "Svar", "version": 1}, headers=app.as_(JC)
    )
    assert early.status_code == 409
    prepared = post(app, f"/consultations/{c['id']}/prepare", {"version": 1}, status=200)
    assert prepared["status"] == "in_preparation"
    answered = post(
        app, f"/consultations/{c['id']}/reply", {"reply": "Rådet støtter forslaget.", "version": 2}, status=200
    )
    assert answered["status"] == "answered" and answered["answered_late"] is False
    assert answered["answered_on"] == day(0)
    twice = app.client.post(
        f"/consultations/{c['id']}/reply", json={"reply": "Igen", "version": 3}, headers=app.as_(JC)
    )
    assert twice.status_code == 409
    assert get(app, f"/consultations/{c['id']}", dept=IR)["reply"] == "Rådet støtter forslaget."


def test_c1_consultation_answered_after_deadline_is_flagged(make_app):
    app = make_app("council")
    c = post(
        app,
        "/consultations",
        {"title": "H", "from_body": "Social- og sundhedsudvalget", "received_on": day(-20), "reply_due": day(-1)},
    )
    assert c["overdue"] is True
    post(app, f"/consultations/{c['id']}/prepare", {"version": 1}, status=200)
    late = post(app, f"/consultations/{c['id']}/reply", {"reply": "Sent svar", "version": 2}, status=200)
    assert late["answered_late"] is True and late["overdue"] is False
    with app.factory() as session:
        row = session.get(Consultation, c["id"])
        assert row is not None and row.answered_late and row.status == "answered"


def test_c1_consultation_deadline_before_receipt_refused(make_app):
    app = make_app("council")
    resp = app.client.post(
        "/consultations",
        json={"title": "H", "from_body": "U", "received_on": day(-1), "reply_due": day(-5)},
        headers=app.as_(JC),
    )
    assert resp.status_code == 422
    assert app.count(Consultation) == 0


def test_c1_announcements_published_newest_first(make_app):
    app = make_app("council")
    post(app, "/announcements", {"title": "Gammel", "text": "Tekst", "published_on": day(-10)})
    new = post(app, "/announcements", {"title": "Ny", "text": "Mødet flyttes"})
    assert new["published_on"] == day(0) and new["created_by"] == "testbruger"
    assert [a["title"] for a in get(app, "/announcements", dept=IR)] == ["Ny", "Gammel"]
    assert app.count(Announcement) == 2


def test_c1_only_the_secretariat_writes_and_operations_reads_nothing(make_app):
    from shared.auth import Department

    app = make_app("council")
    assert app.client.get("/members").status_code == 401
    assert app.client.post("/members", json={}).status_code == 401
    resp = app.client.post("/members", json={"name": "A", "organisation": "B", **TERM}, headers=app.as_(IR))
    assert resp.status_code == 403
    assert app.client.get("/consultations", headers=app.as_(Department.DRIFT)).status_code == 403
    assert app.client.post("/announcements", json={"title": "T", "text": "X"}, headers=app.as_(IR)).status_code == 403
    assert app.count(Member) == 0 and app.count(Announcement) == 0
