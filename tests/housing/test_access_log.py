"""Housing: every read and search of personal data is logged (DOMAIN.md, Datatilsynet), and a citizen may
learn the dates and purposes of look-ups of their data.

Each read of a household's data through the API or a page writes one row of the shared access log in
housing's database: who, which department, the purpose, whose case; a list of households has no case
and a filtered list records its criteria (a CPR number masked). ``GET /cases/{id}/lookups`` lists one
case's look-ups, and reading that list is logged too. Reads of the municipality's own dwellings and
leases name no resident and are not logged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from shared.access import AccessLog
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.housing.helpers import SP, arrival_known, assigned, unit

JC, BS = Department.JOBCENTRET, Department.BORGERSERVICE


def log(app) -> list[tuple[str, str, str, int | None, str | None]]:
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id))
        return [(r.user, r.department, r.action, r.case_id, r.criteria) for r in rows]


def _stored(app, case_id: int) -> None:
    body = {
        "location": "Depotrum B, Egegårdsvej 22",
        "description": "4 kufferter",
        "from_date": copenhagen_today().isoformat(),
    }
    assert app.client.post(f"/cases/{case_id}/storage", json=body, headers=app.as_(SP)).status_code == 201


def test_reading_a_households_storage_logs_who_which_department_why_and_whose_case(make_app):
    app = make_app("housing")
    arrival_known(app, 7)
    _stored(app, 7)
    assert log(app) == []  # registering is not a read
    resp = app.client.get("/cases/7/storage", headers=app.as_(JC, "Jonas Jobcenter"))
    assert resp.status_code == 200 and len(resp.json()) == 1
    assert log(app) == [("Jonas Jobcenter", "jobcentret", "read_storage", 7, None)]


def test_the_move_in_page_and_the_furniture_api_are_logged_under_the_assignments_case(make_app):
    app = make_app("housing")
    assignment = assigned(app, 11)
    resp = app.client.get(f"/assignments/{assignment['id']}/furniture", headers=app.as_(SP, "Sofie"))
    assert resp.status_code == 200
    app.client.cookies.set(COOKIE, token(SP, "Sofie"))
    assert app.client.get(f"/anvisninger/{assignment['id']}").status_code == 200
    assert log(app) == [
        ("Sofie", "social_psykiatri", "read_move_in", 11, None),
        ("Sofie", "social_psykiatri", "read_move_in", 11, None),
    ]
    # An unknown assignment is a 404 and no look-up of anybody.
    assert app.client.get("/assignments/999/furniture", headers=app.as_(SP)).status_code == 404
    assert len(log(app)) == 2


def test_lists_of_households_are_logged_without_a_case_and_a_filter_with_its_criteria(make_app):
    app = make_app("housing")
    arrival_known(app, 3)
    assert app.client.get("/readiness", headers=app.as_(SP, "Sofie")).status_code == 200
    assert app.client.get("/permanent-needs/waiting-list", headers=app.as_(BS, "Bo")).status_code == 200
    app.client.cookies.set(COOKIE, token(BS, "Bo"))
    assert app.client.get("/permanent", params={"sag": "3"}).status_code == 200
    # What was typed is the criteria, but never a CPR number in clear.
    assert app.client.get("/permanent", params={"sag": "0101901234"}).status_code == 200
    assert log(app) == [
        ("Sofie", "social_psykiatri", "list_arrivals", None, None),
        ("Bo", "borgerservice", "list_waiting_list", None, None),
        ("Bo", "borgerservice", "list_waiting_list", None, "sag=3"),
        ("Bo", "borgerservice", "list_waiting_list", None, "sag=010190-XXXX"),
    ]


def test_reads_of_dwellings_and_leases_name_no_resident_and_are_not_logged(make_app):
    app = make_app("housing")
    unit(app)
    assert app.client.get("/units", headers=app.as_(SP)).status_code == 200
    assert app.client.get("/landlords", headers=app.as_(SP)).status_code == 200
    assert log(app) == []


def test_a_cases_lookups_are_listed_with_date_department_user_and_purpose_and_the_listing_is_logged(make_app):
    app = make_app("housing")
    arrival_known(app, 7)
    arrival_known(app, 8)
    _stored(app, 7)
    _stored(app, 8)
    app.client.get("/cases/7/storage", headers=app.as_(JC, "Jonas"))
    app.client.get("/cases/8/storage", headers=app.as_(JC, "Jonas"))  # another citizen's: not listed for 7
    resp = app.client.get("/cases/7/lookups", headers=app.as_(BS, "Bo"))
    assert resp.status_code == 200, resp.text
    listed = resp.json()
    assert [(r["user"], r["department"], r["department_label"], r["purpose"]) for r in listed] == [
        ("Jonas", "jobcentret", "Jobcentret", "read_storage"),
        ("Bo", "borgerservice", "Borgerservice", "read_lookups"),
    ]
    assert {r["at"][:10] for r in listed} == {datetime.now(UTC).date().isoformat()}  # the dates of the look-ups
    again = app.client.get("/cases/7/lookups", headers=app.as_(SP, "Sofie")).json()
    assert [r["purpose"] for r in again] == ["read_storage", "read_lookups", "read_lookups"]
    assert log(app)[-1] == ("Sofie", "social_psykiatri", "read_lookups", 7, None)


def test_listing_lookups_refuses_bad_ids_and_other_departments_with_a_message(make_app):
    app = make_app("housing")
    unknown = app.client.get("/cases/999/lookups", headers=app.as_(SP))
    assert unknown.status_code == 404 and "no case with id 999" in unknown.text
    for bad in ("abc", "0", "-1", str(2**63), "1.5"):
        resp = app.client.get(f"/cases/{bad}/lookups", headers=app.as_(SP))
        assert resp.status_code == 422 and resp.json()["detail"], (bad, resp.text)
    assert app.client.get("/cases/1/lookups", headers=app.as_(Department.BKF)).status_code == 403
    assert app.client.get("/cases/1/lookups").status_code == 401
    assert log(app) == []
