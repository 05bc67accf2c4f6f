"""C2 Understøttelse af visse aktiviteter through the Danish pages: plan, coordination tasks, held/cancelled;
form errors in Danish next to the field with the input kept and nothing written."""

from __future__ import annotations

from council.activities.models import Activity, CoordinationTask
from shared.auth import Department
from tests.council.helpers import day
from tests.council.pagehelpers import as_, field_error, ok, post, text_of, value_of

PLAN = {
    "title": "Temaaften om uddannelse",
    "activity_date": day(-1),
    "place": "Medborgerhuset",
    "responsible": "Ole Jensen",
    "description": "",
}


def test_c2_activity_pages_plan_tasks_and_status(make_app):
    app = as_(make_app("council"))
    bad = post(app, "/aktiviteter", {**PLAN, "place": "", "activity_date": "1899-01-01"})
    assert bad.status_code == 422 and field_error(bad.text, "activity_place") == "Feltet skal udfyldes"
    assert value_of(bad.text, "activity_title") == "Temaaften om uddannelse" and app.count(Activity) == 0
    # Issue 18: 1899 is now refused by the schema's range (from 1990); 2000 is within it and meets the council's own
    # ten-years-back check.
    bad = post(app, "/aktiviteter", {**PLAN, "activity_date": "2000-01-01"})
    assert "10 år tilbage" in field_error(bad.text, "activity_activity_date") and app.count(Activity) == 0
    bad = post(app, "/aktiviteter", {**PLAN, "activity_date": "1899-01-01"})
    assert "01.01.1990" in field_error(bad.text, "activity_activity_date") and app.count(Activity) == 0
    resp = post(app, "/aktiviteter", PLAN)
    assert resp.status_code == 303
    path = resp.headers["location"]
    bad = post(app, f"{path}/opgaver", {"_form": "task", "text": "Bestil tolk", "owner": ""})
    assert field_error(bad.text, "task_owner") == "Feltet skal udfyldes"
    assert value_of(bad.text, "task_text") == "Bestil tolk" and app.count(CoordinationTask) == 0
    page = ok(app, f"{path}/opgaver", {"_form": "task", "text": "Bestil tolk", "owner": "Sekretariatet"})
    assert "Bestil tolk" in page.text and "Ikke udført" in page.text
    with app.factory() as session:
        task = session.query(CoordinationTask).one()
    page = ok(app, f"{path}/opgaver/{task.id}", {"done": "true", "version": "1"})
    assert "Genåbn" in page.text
    page = ok(app, f"{path}/status", {"status": "held", "version": "1"})
    assert "Afholdt" in text_of(page.text)
    again = post(app, f"{path}/status", {"status": "cancelled", "version": "2"})
    assert again.status_code == 422 and "allerede afholdt eller aflyst" in text_of(again.text)
    assert "Temaaften om uddannelse" in app.client.get("/aktiviteter").text


def test_c2_activity_pages_read_by_the_council_written_by_the_secretariat(make_app):
    app = make_app("council")
    as_(app, Department.INTEGRATIONSRAADET)
    assert app.client.get("/aktiviteter").status_code == 200
    refused = post(app, "/aktiviteter", PLAN)
    assert refused.status_code == 422 and "Kun Jobcentret" in text_of(refused.text) and app.count(Activity) == 0
    as_(app, Department.BORGERSERVICE)
    assert app.client.get("/aktiviteter").status_code == 403
    as_(app)
    assert app.client.get("/aktiviteter/999").status_code == 404
