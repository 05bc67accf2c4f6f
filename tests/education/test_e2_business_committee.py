"""E2 (Sprogskole): the business committee (forretningsudvalg) beside the steering group (styregruppe), as the seed
asks ("Styregruppe og forretningsudvalg mv."). It is modelled as the steering group is: members (name, organisation,
role; edited with their version; one who leaves is kept with the day they left) and meetings (agenda, then minutes
and decisions from the meeting's day), through the API and the school's Danish page. The two bodies never mix.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from education.schools.models import SteeringMeeting, SteeringMember
from shared.auth import Department
from tests.education.helpers import JC, TODAY, created, school
from tests.education.pages import as_, field_error, ok, post, text_of, textarea_of, value_of

BIG = 2**64
MEMBER = {"name": "A", "organisation": "O", "role": "R"}


def _committee_rows(app, model, committee):
    with app.factory() as session:
        return session.query(model).filter(model.committee == committee).count()


def test_e2_business_committee_members_and_meetings_through_the_api(make_app):
    app = make_app("education")
    s = school(app)
    base = f"/language-schools/{s['id']}"
    for name, org, role in (("Anne Leder", "Jobcentret", "Formand"), ("Bo Rektor", "Sprogcenter Vestegnen", "Medlem")):
        m = created(app, f"{base}/business-members", {"name": name, "organisation": org, "role": role})
        assert m["committee"] == "business"
    created(app, f"{base}/steering-members", {"name": "Cia Styre", "organisation": "Jobcentret", "role": "Formand"})
    members = app.client.get(f"{base}/business-members", headers=app.as_(JC)).json()
    assert [(m["name"], m["organisation"], m["role"]) for m in members] == [
        ("Anne Leder", "Jobcentret", "Formand"),
        ("Bo Rektor", "Sprogcenter Vestegnen", "Medlem"),
    ]
    steering = app.client.get(f"{base}/steering-members", headers=app.as_(JC)).json()
    assert [m["name"] for m in steering] == ["Cia Styre"]  # the bodies never mix

    bo = members[1]
    changed = app.client.patch(
        f"/business-members/{bo['id']}", json={"version": 1, "role": "Næstformand"}, headers=app.as_(JC)
    )
    assert changed.status_code == 200 and (changed.json()["role"], changed.json()["version"]) == ("Næstformand", 2)
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    left = app.client.post(
        f"/business-members/{bo['id']}/leave", json={"version": 2, "left_on": yesterday}, headers=app.as_(JC)
    )
    assert left.status_code == 200 and left.json()["left_on"] == yesterday
    assert [m["name"] for m in app.client.get(f"{base}/business-members", headers=app.as_(JC)).json()] == ["Anne Leder"]
    history = app.client.get(f"{base}/business-members?include_left=true", headers=app.as_(JC)).json()
    assert [(m["name"], m["left_on"]) for m in history] == [("Anne Leder", None), ("Bo Rektor", yesterday)]

    held = created(app, f"{base}/business-meetings", {"held_on": TODAY.isoformat(), "agenda": "1. Budget"})
    future = created(
        app, f"{base}/business-meetings", {"held_on": (TODAY + timedelta(days=14)).isoformat(), "agenda": "1. Plan"}
    )
    assert held["committee"] == "business"
    body = {"version": 1, "minutes": "Budgettet gennemgået", "decisions": "Budget godkendt"}
    resp = app.client.patch(f"/business-meetings/{held['id']}", json=body, headers=app.as_(JC))
    assert resp.status_code == 200 and resp.json()["minutes"] == "Budgettet gennemgået"
    early = app.client.patch(f"/business-meetings/{future['id']}", json=body, headers=app.as_(JC))
    assert early.status_code == 409
    listed = app.client.get(f"{base}/business-meetings", headers=app.as_(JC)).json()
    assert [(m["agenda"], m["decisions"]) for m in listed] == [("1. Plan", ""), ("1. Budget", "Budget godkendt")]
    assert app.client.get(f"{base}/steering-meetings", headers=app.as_(JC)).json() == []


def test_e2_a_body_s_rows_are_not_reachable_through_the_other_body_s_paths(make_app):
    app = make_app("education")
    s = school(app)
    base = f"/language-schools/{s['id']}"
    b = created(app, f"{base}/business-members", {"name": "A", "organisation": "O", "role": "R"})
    g = created(app, f"{base}/steering-members", {"name": "B", "organisation": "O", "role": "R"})
    bm = created(app, f"{base}/business-meetings", {"held_on": TODAY.isoformat(), "agenda": "A"})
    h = app.as_(JC)
    edit = {"version": 1, "role": "X"}
    assert app.client.patch(f"/steering-members/{b['id']}", json=edit, headers=h).status_code == 404
    assert app.client.patch(f"/business-members/{g['id']}", json=edit, headers=h).status_code == 404
    assert app.client.post(f"/steering-members/{b['id']}/leave", json={"version": 1}, headers=h).status_code == 404
    agenda = {"version": 1, "agenda": "X"}
    assert app.client.patch(f"/steering-meetings/{bm['id']}", json=agenda, headers=h).status_code == 404
    with app.factory() as session:
        assert (session.get(SteeringMember, b["id"]).role, session.get(SteeringMember, g["id"]).role) == ("R", "R")
        assert session.get(SteeringMember, b["id"]).left_on is None
        assert session.get(SteeringMeeting, bm["id"]).agenda == "A"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/language-schools/{school}/business-members", {"name": "A", "organisation": "O"}),
        ("post", "/language-schools/{school}/business-members", {"name": "x" * 201, "organisation": "O", "role": "R"}),
        ("post", "/language-schools/{school}/business-members", {"name": "A\x00B", "organisation": "O", "role": "R"}),
        ("post", "/language-schools/{school}/business-members", {**MEMBER, "x": 1}),
        ("post", "/language-schools/999/business-members", {"name": "A", "organisation": "O", "role": "R"}),
        ("post", f"/language-schools/{BIG}/business-members", {"name": "A", "organisation": "O", "role": "R"}),
        ("post", "/language-schools/{school}/business-meetings", {"agenda": "A"}),
        ("post", "/language-schools/{school}/business-meetings", {"held_on": "2026-02-30", "agenda": "A"}),
        ("post", "/language-schools/{school}/business-meetings", {"held_on": "0001-01-01", "agenda": "A"}),
        ("post", "/language-schools/{school}/business-meetings", {"held_on": TODAY.isoformat(), "agenda": ""}),
        ("post", "/language-schools/999/business-meetings", {"held_on": TODAY.isoformat(), "agenda": "A"}),
        ("patch", "/business-members/{member}", {"version": 1}),
        ("patch", "/business-members/{member}", {"version": 2, "role": "Stale"}),
        ("patch", "/business-members/999", {"version": 1, "role": "R"}),
        ("post", "/business-members/{member}/leave", {"version": 1, "left_on": "2999-01-01"}),
        ("post", "/business-members/{member}/leave", {"version": "one"}),
        ("patch", "/business-meetings/{meeting}", {"version": 1, "minutes": "Too early"}),
        ("patch", "/business-meetings/{meeting}", {"version": 1, "agenda": ""}),
        ("patch", "/business-meetings/999", {"version": 1, "agenda": "A"}),
    ],
)
def test_e2_business_committee_bad_input_is_4xx_with_a_message_and_nothing_written(make_app, method, path, body):
    app = make_app("education")
    s = school(app)
    member = created(
        app, f"/language-schools/{s['id']}/business-members", {"name": "N", "organisation": "O", "role": "R"}
    )
    meeting = created(
        app,
        f"/language-schools/{s['id']}/business-meetings",
        {"held_on": (TODAY + timedelta(days=3)).isoformat(), "agenda": "A"},
    )
    url = path.format(school=s["id"], member=member["id"], meeting=meeting["id"])
    resp = getattr(app.client, method)(url, json=body, headers=app.as_(JC))
    assert 400 <= resp.status_code < 500, (url, body, resp.status_code, resp.text)
    assert resp.json().get("detail"), resp.text  # says what is wrong
    with app.factory() as session:
        rows = session.query(SteeringMember).all()
        assert [(r.name, r.role, r.left_on, r.version) for r in rows] == [("N", "R", None, 1)]
        meetings = session.query(SteeringMeeting).all()
        assert [(m.agenda, m.minutes, m.version) for m in meetings] == [("A", "", 1)]


def test_e2_only_jobcentret_may_use_the_business_committee_api(make_app):
    app = make_app("education")
    s = school(app)
    body = {"name": "A", "organisation": "O", "role": "R"}
    h = app.as_(Department.SUNDHEDSCENTRET)
    assert app.client.post(f"/language-schools/{s['id']}/business-members", json=body, headers=h).status_code == 403
    assert app.client.get(f"/language-schools/{s['id']}/business-meetings", headers=h).status_code == 403
    assert app.count(SteeringMember) == 0


def test_e2_school_page_business_committee_members_and_meetings_with_danish_errors(make_app):
    app = as_(make_app("education"))
    s = school(app)
    base = f"/sprogskoler/{s['id']}"
    page = app.client.get(base)
    assert page.status_code == 200
    assert "Forretningsudvalg" in page.text and "Forretningsudvalgsmøder" in page.text and "Styregruppe" in page.text

    member = {"_form": "bmember", "name": "Anne Leder", "organisation": "Jobcentret", "role": "x" * 201}
    bad = post(app, f"{base}/forretningsudvalg", member)
    assert bad.status_code == 422 and field_error(bad.text, "bmember_role") == "Teksten er for lang"
    assert value_of(bad.text, "bmember_name") == "Anne Leder" and app.count(SteeringMember) == 0
    page = ok(app, f"{base}/forretningsudvalg", {**member, "role": "Formand"})
    committee = page.text.split('id="bmembers"')[1].split("</table>")[0]
    assert "Anne Leder Jobcentret Formand" in text_of(committee)
    assert "Anne Leder" not in text_of(page.text.split('id="members"')[1].split("</table>")[0])
    assert _committee_rows(app, SteeringMember, "business") == 1

    bad = post(app, f"{base}/forretningsudvalgsmoeder", {"_form": "bmeeting", "held_on": "", "agenda": "1. Budget"})
    assert bad.status_code == 422 and field_error(bad.text, "bmeeting_held_on") == "Feltet skal udfyldes"
    assert textarea_of(bad.text, "bmeeting_agenda") == "1. Budget" and app.count(SteeringMeeting) == 0
    ok(app, f"{base}/forretningsudvalgsmoeder", {"_form": "bmeeting", "held_on": TODAY.isoformat(), "agenda": "1. B"})
    with app.factory() as session:
        meeting = session.query(SteeringMeeting).one()
        assert meeting.committee == "business"
        member_id = session.query(SteeringMember).one().id
    minutes = {"_form": f"m{meeting.id}", "version": "1", "agenda": "1. B", "minutes": "Drøftet", "decisions": "Ja"}
    page = ok(app, f"/forretningsudvalgsmoeder/{meeting.id}", minutes)
    assert textarea_of(page.text, f"m{meeting.id}_decisions") == "Ja"
    # Through the steering group's path a business-committee meeting is not found, and nothing changes.
    assert post(app, f"/styregruppemoeder/{meeting.id}", {**minutes, "version": "2"}).status_code == 404

    edit = {"_form": f"s{member_id}", "version": "1", "name": "Anne Leder", "organisation": "Jobcentret", "role": ""}
    bad = post(app, f"/forretningsudvalgsmedlemmer/{member_id}", edit)
    assert bad.status_code == 422 and field_error(bad.text, f"s{member_id}_role") == "Feltet skal udfyldes"
    ok(app, f"/forretningsudvalgsmedlemmer/{member_id}", {**edit, "role": "Næstformand"})
    leave = {"_form": f"l{member_id}", "version": "2", "left_on": TODAY.isoformat()}
    page = ok(app, f"/forretningsudvalgsmedlemmer/{member_id}/fratraadt", leave)
    former = text_of(page.text.split('id="bformer-members"')[1].split("</table>")[0])
    assert f"Anne Leder Jobcentret Næstformand {TODAY:%d.%m.%Y}" in former
    late = post(app, f"/forretningsudvalgsmedlemmer/{member_id}", {**edit, "version": "3", "role": "X"})
    assert late.status_code == 422
    assert f"Medlemmet er fratrådt forretningsudvalget den {TODAY:%d.%m.%Y}" in text_of(late.text)
    with app.factory() as session:
        row = session.get(SteeringMember, member_id)
        assert (row.role, row.version, row.committee) == ("Næstformand", 3, "business")


def test_e2_business_committee_page_refuses_other_departments(make_app):
    app = as_(make_app("education"))
    s = school(app)
    as_(app, Department.SUNDHEDSCENTRET, "Sara Sundhed")
    resp = post(
        app,
        f"/sprogskoler/{s['id']}/forretningsudvalg",
        {"_form": "bmember", "name": "A", "organisation": "O", "role": "R"},
    )
    assert resp.status_code == 403 and app.count(SteeringMember) == 0
