"""Reception on the shared access log: every read and search of personal data is logged (DOMAIN.md,
Datatilsynet), and a citizen may learn the dates and purposes of look-ups of their data.

Reception's access log is now ``shared.access.AccessLog`` (the same ``access_log`` table every service
has); its reads and searches still write there, and ``GET /cases/{id}/lookups`` lists one case's
look-ups, itself logged.
"""

from __future__ import annotations

from sqlalchemy import select

from reception.cases import models
from shared.access import AccessLog
from shared.auth import Department
from tests.reception.helpers import handover

UDL = Department.UDLAENDINGESTYRELSEN
BS, JC = Department.BORGERSERVICE, Department.JOBCENTRET


def test_reception_reads_and_searches_write_to_the_shared_access_log(make_app):
    assert models.AccessLog is AccessLog and AccessLog.__tablename__ == "access_log"
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    assert app.client.get(f"/cases/{case['id']}", headers=app.as_(BS, "bs-anna")).status_code == 200
    found = app.client.get("/cases/search", params={"q": "0101901234"}, headers=app.as_(JC, "jc-ole"))
    assert found.status_code == 200
    with app.factory() as session:
        rows = [(r.user, r.department, r.action, r.case_id, r.criteria) for r in session.scalars(select(AccessLog))]
    assert rows == [
        ("bs-anna", "borgerservice", "read_case", case["id"], None),
        ("jc-ole", "jobcentret", "search_cases", None, "kind=cpr q=010190-XXXX found=0"),
    ]


def test_a_cases_lookups_are_listed_and_the_listing_is_logged(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    app.client.get(f"/cases/{case['id']}", headers=app.as_(BS, "bs-anna"))
    resp = app.client.get(f"/cases/{case['id']}/lookups", headers=app.as_(JC, "jc-ole"))
    assert resp.status_code == 200, resp.text
    assert [(r["user"], r["department_label"], r["purpose"]) for r in resp.json()] == [
        ("bs-anna", "Borgerservice", "read_case"),
        ("jc-ole", "Jobcentret", "read_lookups"),
    ]
    unknown = app.client.get("/cases/999/lookups", headers=app.as_(JC))
    assert unknown.status_code == 404 and unknown.json()["detail"] == "no case with id 999"
    assert app.client.get(f"/cases/{2**64}/lookups", headers=app.as_(JC)).status_code == 422
    assert app.client.get(f"/cases/{case['id']}/lookups", headers=app.as_(UDL)).status_code == 403
