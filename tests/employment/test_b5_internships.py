"""B5 Virksomhedspraktik: companies, outreach log, company and language internships per person."""

from __future__ import annotations

from datetime import timedelta

from employment.internships.models import Company, Internship, Outreach
from shared.auth import Department
from tests.employment.helpers import JC, TODAY, known_case


def company(app, cvr="12345678", name="Lager A/S"):
    resp = app.client.post(
        "/companies", json={"name": name, "cvr": cvr, "contact": "Hanne, 12 34 56 78"}, headers=app.as_(JC)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def internship(app, case_id, company_id, start_days, end_days, **extra):
    body = {
        "company_id": company_id,
        "kind": "virksomhedspraktik",
        "start_date": (TODAY + timedelta(days=start_days)).isoformat(),
        "end_date": (TODAY + timedelta(days=end_days)).isoformat(),
        "hours_per_week": 30,
        **extra,
    }
    return app.client.post(f"/cases/{case_id}/internships", json=body, headers=app.as_(JC))


def test_b5_companies_with_cvr_and_the_outreach_log(make_app):
    app = make_app("employment")
    c = company(app)
    assert (
        app.client.post(
            "/companies", json={"name": "Kopi", "cvr": "12345678", "contact": "x"}, headers=app.as_(JC)
        ).status_code
        == 409
    )
    assert (
        app.client.post(
            "/companies", json={"name": "Kort", "cvr": "1234", "contact": "x"}, headers=app.as_(JC)
        ).status_code
        == 422
    )
    body = {"contacted_on": TODAY.isoformat(), "outcome": "Vil gerne tage en i sprogpraktik"}
    resp = app.client.post(f"/companies/{c['id']}/outreach", json=body, headers=app.as_(JC, "Karin"))
    assert resp.status_code == 201 and resp.json()["by"] == "Karin"
    log = app.client.get(f"/companies/{c['id']}/outreach", headers=app.as_(JC)).json()
    assert [(o["outcome"], o["by"]) for o in log] == [("Vil gerne tage en i sprogpraktik", "Karin")]
    future = {"contacted_on": (TODAY + timedelta(days=3)).isoformat(), "outcome": "x"}
    assert app.client.post(f"/companies/{c['id']}/outreach", json=future, headers=app.as_(JC)).status_code == 422
    assert app.count(Company) == 1 and app.count(Outreach) == 1


def test_b5_overlapping_internships_for_one_person_are_a_409(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    c = company(app)
    first = internship(app, case_id, c["id"], 7, 60)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "planned" and first.json()["created_by"] == "testbruger"
    clash = internship(app, case_id, c["id"], 50, 90, kind="sprogpraktik")
    assert clash.status_code == 409 and "internship in that period" in clash.json()["detail"]
    after = internship(app, case_id, c["id"], 61, 90, kind="sprogpraktik")
    assert after.status_code == 201
    other_person = internship(app, known_case(app, 9), c["id"], 7, 60)
    assert other_person.status_code == 201
    listed = app.client.get(f"/cases/{case_id}/internships", headers=app.as_(JC)).json()
    assert [i["kind"] for i in listed] == ["virksomhedspraktik", "sprogpraktik"]
    assert app.count(Internship) == 3


def test_b5_hours_per_week_at_most_37_and_the_period_in_order(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    c = company(app)
    too_many = internship(app, case_id, c["id"], 7, 60, hours_per_week=38)
    assert too_many.status_code == 422 and "hours_per_week" in too_many.text
    backwards = internship(app, case_id, c["id"], 60, 7)
    assert backwards.status_code == 422 and "end must not be before start" in backwards.text
    no_company = internship(app, case_id, 999, 7, 60)
    assert no_company.status_code == 404 and "company" in no_company.json()["detail"]
    assert app.count(Internship) == 0


def test_b5_status_edits_are_versioned_and_cancelled_frees_the_period(make_app):
    app = make_app("employment")
    case_id = known_case(app)
    c = company(app)
    first = internship(app, case_id, c["id"], 0, 30).json()
    running = app.client.patch(
        f"/internships/{first['id']}", json={"version": 1, "status": "running"}, headers=app.as_(JC)
    )
    assert running.status_code == 200 and running.json()["version"] == 2
    stale = app.client.patch(
        f"/internships/{first['id']}", json={"version": 1, "status": "completed"}, headers=app.as_(JC)
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    cancelled = app.client.patch(
        f"/internships/{first['id']}", json={"version": 2, "status": "cancelled"}, headers=app.as_(JC)
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert internship(app, case_id, c["id"], 5, 20).status_code == 201
    assert app.client.get("/companies", headers=app.as_(Department.OKONOMI)).status_code == 403
