"""Employment: every read and search of personal data is logged (DOMAIN.md, Datatilsynet), and a citizen
may learn the dates and purposes of look-ups of their data.

Each read of a person's conversations, follow-ups, offers, internships, recognitions or B10/B11 case
through the API or a page writes one row of the shared access log in employment's database (who,
department, purpose, whose case); a list of persons has no case and records its criteria. Reception's
cases and the foreigner cases opened here are numbered apart, so each has its own listing of look-ups
(``/cases/{id}/lookups``, ``/foreigner-cases/{id}/lookups``), and reading either is logged too. B11's
old ``foreigner_access`` rows move into the shared log with the migration.
"""

from __future__ import annotations

from sqlalchemy import create_engine, select, text

from shared.access import AccessLog
from shared.auth import COOKIE, Department
from shared.migrations import upgrade
from shared.testing.databases import drop_database, fresh_database
from tests.conftest import token
from tests.employment.helpers import JC, TODAY, known_case

PERSON = {"name": "Ana Pereira", "date_of_birth": "1990-04-12", "residence_basis": "eu_eea"}


def log(app) -> list[tuple[str, str, str, int | None, str | None]]:
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).order_by(AccessLog.id))
        return [(r.user, r.department, r.action, r.case_id, r.criteria) for r in rows]


def test_reading_a_persons_conversations_logs_who_which_department_why_and_whose_case(make_app):
    app = make_app("employment")
    case_id = known_case(app, 8)
    body = {"template": "match", "held_on": TODAY.isoformat(), "held_by": "Jens"}
    conversation = app.client.post(f"/cases/{case_id}/conversations", json=body, headers=app.as_(JC)).json()
    assert log(app) == []  # holding a conversation is not a read
    assert app.client.get(f"/cases/{case_id}/conversations", headers=app.as_(JC, "Jens")).status_code == 200
    assert app.client.get(f"/conversations/{conversation['id']}", headers=app.as_(JC, "Jens")).status_code == 200
    app.client.cookies.set(COOKIE, token(JC, "Jens"))
    assert app.client.get(f"/samtaler/sager/{case_id}").status_code == 200
    assert log(app) == [("Jens", "jobcentret", "read_conversations", case_id, None)] * 3


def test_lists_of_persons_record_their_criteria(make_app):
    app = make_app("employment")
    known_case(app, 8, arrival_days=-100)
    assert app.client.get("/follow-ups/overdue", headers=app.as_(JC, "Jens")).status_code == 200
    assert app.client.get("/match_conversations", headers=app.as_(JC, "Jens")).status_code == 200
    app.client.cookies.set(COOKIE, token(JC, "Jens"))
    assert app.client.get("/frister").status_code == 200
    assert log(app) == [
        ("Jens", "jobcentret", "list_follow_ups", None, "overdue"),
        ("Jens", "jobcentret", "list_match_conversations", None, None),
        ("Jens", "jobcentret", "list_follow_ups", None, "overdue and upcoming"),
    ]


def test_conversation_templates_and_companies_name_no_person_and_are_not_logged(make_app):
    app = make_app("employment")
    assert app.client.get("/conversation-templates", headers=app.as_(JC)).status_code == 200
    assert app.client.get("/companies", headers=app.as_(JC)).status_code == 200
    assert log(app) == []


def test_reception_cases_and_foreigner_cases_have_their_own_lookups_with_the_same_number(make_app):
    app = make_app("employment")
    foreigner = app.client.post("/foreigner-cases", json=PERSON, headers=app.as_(JC)).json()
    case_id = known_case(app, foreigner["id"])  # reception's case with the same number as the foreigner case
    app.client.get(f"/foreigner-cases/{case_id}", headers=app.as_(JC, "Karin"))
    app.client.get(f"/cases/{case_id}/follow-ups", headers=app.as_(JC, "Jens"))
    theirs = app.client.get(f"/foreigner-cases/{case_id}/lookups", headers=app.as_(JC, "Lis"))
    assert theirs.status_code == 200, theirs.text
    assert [(r["user"], r["department_label"], r["purpose"]) for r in theirs.json()] == [
        ("Karin", "Jobcentret", "read_foreigner_case"),
        ("Lis", "Jobcentret", "read_lookups_foreigner_case"),
    ]
    ours = app.client.get(f"/cases/{case_id}/lookups", headers=app.as_(JC, "Lis")).json()
    assert [(r["user"], r["purpose"]) for r in ours] == [("Jens", "read_follow_ups"), ("Lis", "read_lookups")]
    assert log(app)[-2:] == [
        ("Lis", "jobcentret", "read_lookups_foreigner_case", case_id, None),
        ("Lis", "jobcentret", "read_lookups", case_id, None),
    ]


def test_listing_lookups_refuses_bad_ids_and_other_departments_with_a_message(make_app):
    app = make_app("employment")
    for path in ("/cases/{}/lookups", "/foreigner-cases/{}/lookups"):
        unknown = app.client.get(path.format(31337), headers=app.as_(JC))
        assert unknown.status_code == 404 and "with id 31337" in unknown.json()["detail"]
        for bad in ("x", "0", str(2**63)):
            resp = app.client.get(path.format(bad), headers=app.as_(JC))
            assert resp.status_code == 422 and "case_id" in resp.json()["detail"], (bad, resp.text)
        assert app.client.get(path.format(1), headers=app.as_(Department.OKONOMI)).status_code == 403
    assert log(app) == []


def test_b11_reads_logged_before_the_shared_log_move_into_it(tmp_path):
    """The migration copies foreigner_access into access_log (purposes renamed) and drops it."""
    url = fresh_database("employment", tmp_path, migrate=False)
    try:
        upgrade("employment", url, "b15d9f2f4f03")
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(
                text(
                    'INSERT INTO foreigner_access (case_id, "at", "by", department, purpose) VALUES '
                    "(NULL, '2026-01-05 10:00:00+00', 'Karin', 'jobcentret', 'list of other foreigners'' cases'), "
                    "(3, '2026-01-06 10:00:00+00', 'Karin', 'jobcentret', 'case of another foreigner'), "
                    "(4, '2026-01-07 10:00:00+00', 'Ole', 'jobcentret', 'family-reunification case')"
                )
            )
        upgrade("employment", url)
        with engine.connect() as conn:
            rows = conn.execute(text('SELECT "user", department, action, case_id FROM access_log ORDER BY id')).all()
            tables = {
                n
                for (n,) in conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'table'")
                    if url.startswith("sqlite")
                    else text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                )
            }
        engine.dispose()
        assert [tuple(r) for r in rows] == [
            ("Karin", "jobcentret", "list_foreigner_cases", None),
            ("Karin", "jobcentret", "read_foreigner_case", 3),
            ("Ole", "jobcentret", "read_reunification_case", 4),
        ]
        assert "foreigner_access" not in tables and "access_log" in tables
    finally:
        drop_database(url)
