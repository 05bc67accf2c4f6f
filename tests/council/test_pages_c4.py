"""C4 Koordinerende team through the Danish pages: meetings with participating departments, agenda, actions,
overdue actions and months without a meeting; form errors in Danish, input kept, nothing written."""

from __future__ import annotations

from council.team.models import TeamAction, TeamAgendaItem, TeamMeeting
from shared.auth import Department
from tests.council.helpers import day
from tests.council.pagehelpers import as_, field_error, ok, post, text_of, value_of


def test_c4_team_pages_meeting_agenda_and_actions(make_app):
    app = as_(make_app("council"))
    page = app.client.get("/koordinerende-team")
    assert page.status_code == 200 and "Måneder uden møde" in page.text
    bad = post(app, "/koordinerende-team", {"meeting_date": day(-3)})
    assert bad.status_code == 422
    assert field_error(bad.text, "meeting_participants") == "Vælg mindst én deltagende afdeling"
    assert value_of(bad.text, "meeting_meeting_date") == day(-3) and app.count(TeamMeeting) == 0
    resp = app.client.post(
        "/koordinerende-team",
        data={"meeting_date": day(-3), "participants": ["jobcentret", "bkf"]},
        follow_redirects=False,
    )
    assert resp.status_code == 303
    path = resp.headers["location"]
    page = app.client.get(path)
    assert "BKF / Koordinerende team" in page.text and "Jobcentret" in page.text
    page = ok(app, f"{path}/punkter", {"_form": "item", "title": "Status på boliger", "notes": ""})
    assert "Status på boliger" in page.text and app.count(TeamAgendaItem) == 1
    bad = post(app, f"{path}/opgaver", {"_form": "action", "text": "Find bolig", "owner": "", "due_on": day(-1)})
    assert field_error(bad.text, "action_owner") == "Vælg en af mulighederne"
    assert "Find bolig" in bad.text and app.count(TeamAction) == 0
    bad = post(
        app,
        f"{path}/opgaver",
        {"_form": "action", "text": "Find bolig", "owner": "social_psykiatri", "due_on": day(-10)},
    )
    assert field_error(bad.text, "action_due_on") == "Fristen ligger før mødet" and app.count(TeamAction) == 0
    page = ok(
        app,
        f"{path}/opgaver",
        {"_form": "action", "text": "Find bolig", "owner": "social_psykiatri", "due_on": day(-1)},
    )
    assert "Over fristen" in page.text
    overview = app.client.get("/koordinerende-team").text
    assert "Find bolig" in text_of(overview)
    with app.factory() as session:
        action = session.query(TeamAction).one()
    page = ok(app, f"{path}/opgaver/{action.id}", {"status": "done", "version": "1"})
    assert "Udført" in page.text
    assert "Ingen åbne opgaver over fristen" in app.client.get("/koordinerende-team").text


def test_c4_team_pages_for_department_heads_only(make_app):
    app = make_app("council")
    assert app.client.get("/koordinerende-team", follow_redirects=False).status_code == 303
    as_(app, Department.INTEGRATIONSRAADET)
    assert app.client.get("/koordinerende-team").status_code == 403
    as_(app, Department.BKF)
    assert app.client.get("/koordinerende-team").status_code == 200
    resp = app.client.post("/koordinerende-team", data={"meeting_date": day(-3), "participants": ["bkf"]})
    assert resp.status_code == 422 and "Kun Jobcentret" in text_of(resp.text) and app.count(TeamMeeting) == 0
    assert app.client.get("/koordinerende-team/999").status_code == 404
