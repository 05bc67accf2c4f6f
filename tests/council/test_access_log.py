"""Council: every read and search of personal data is logged (DOMAIN.md, Datatilsynet), and a citizen may
learn the dates and purposes of look-ups of their data.

The council's only personal data of citizens is the voter register (name, address, whether they voted):
each read of it (API or the election page as the secretariat) writes one access-log row with the
election as its criteria, and ``GET /voters/{id}/lookups`` lists the reads that showed one voter.
Candidates stand in public and council members act in office: reads of them are not logged.
"""

from __future__ import annotations

from sqlalchemy import select

from shared.access import AccessLog
from shared.auth import COOKIE, Department
from tests.conftest import token
from tests.council.helpers import IR, JC, post


def log(app) -> list[tuple[str, str, str, int | None, str | None]]:
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id))
        return [(r.user, r.department, r.action, r.case_id, r.criteria) for r in rows]


def test_reads_of_the_voter_register_are_logged_and_a_voter_can_learn_them(make_app):
    app = make_app("council")
    e = post(app, "/elections", {"term_start": "2026-01-01", "term_end": "2029-12-31", "seats": 7})
    v = post(app, f"/elections/{e['id']}/voters", {"name": "Vælger 1", "address": "Rødovrevej 1"})
    assert app.client.get(f"/elections/{e['id']}/candidates", headers=app.as_(IR)).status_code == 200
    assert log(app) == []  # candidates stand in public
    assert app.client.get(f"/elections/{e['id']}/voters", headers=app.as_(JC, "Sekretær")).status_code == 200
    app.client.cookies.set(COOKIE, token(JC, "Sekretær"))
    assert app.client.get(f"/valg/{e['id']}").status_code == 200
    app.client.cookies.set(COOKIE, token(IR, "Rådsmedlem"))
    assert app.client.get(f"/valg/{e['id']}").status_code == 200  # no voter register shown: nothing logged
    app.client.cookies.clear()
    criteria = f"election={e['id']}"
    assert log(app) == [("Sekretær", "jobcentret", "read_voter_register", None, criteria)] * 2
    resp = app.client.get(f"/voters/{v['id']}/lookups", headers=app.as_(JC, "Sekretær"))
    assert resp.status_code == 200, resp.text
    assert [(r["user"], r["purpose"]) for r in resp.json()] == [("Sekretær", "read_voter_register")] * 2
    assert log(app)[-1] == ("Sekretær", "jobcentret", "read_voter_lookups", None, f"voter={v['id']}")
    unknown = app.client.get("/voters/999/lookups", headers=app.as_(JC))
    assert unknown.status_code == 404 and "no voter with id 999" in unknown.text
    assert app.client.get(f"/voters/{2**63}/lookups", headers=app.as_(JC)).status_code == 422
    assert app.client.get(f"/voters/{v['id']}/lookups", headers=app.as_(Department.BKF)).status_code == 403
