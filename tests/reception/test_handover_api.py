"""R1/R2 through reception's HTTP API: handover, duplicates, arrival, and what lands in the outbox."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.exc import IntegrityError

from reception.cases.models import Case
from shared.auth import Department
from shared.bus.models import OutboxMessage
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.reception.helpers import arrival, handover

UDL = Department.UDLAENDINGESTYRELSEN
JC = Department.JOBCENTRET


def test_r1_handover_creates_case_and_publishes_case_opened(make_app):
    app = make_app("reception")
    body = handover()
    resp = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    case = resp.json()
    assert case["case_number"].endswith(f"{case['id']:06d}")
    assert case["household_size"] == 2
    assert case["housing"]["status"] == "awaiting_check"
    events = app.outbox()
    assert [e["type"] for e in events] == ["reception.case_opened"]
    payload = events[0]["payload"]
    assert payload["case_id"] == case["id"] and payload["household_size"] == 2
    # Personal data stays in reception: the event has no name, CPR number or person id; the birth date alone
    # travels (v3), as employment must know who is 18 when responsibility passes (integrationsloven § 16, stk. 1).
    flat = str(events[0])
    assert "Amina" not in flat and body["immigration_person_id"] not in flat and "cpr" not in flat.lower()
    assert payload["born_on"] == "1990-01-02"


def test_r1_duplicate_handover_is_409_not_a_second_case(make_app):
    app = make_app("reception")
    body = handover()
    assert app.client.post("/handovers", json=body, headers=app.as_(UDL)).status_code == 201
    again = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert again.status_code == 409
    assert "exists already" in again.json()["detail"]
    assert app.count(Case) == 1
    assert app.count(OutboxMessage) == 1


def test_r1_ten_racing_identical_handovers_make_one_case(make_app):
    app = make_app("reception")
    body = handover()
    results: list[int] = []
    barrier = threading.Barrier(10)

    def send() -> None:
        barrier.wait()
        results.append(app.client.post("/handovers", json=body, headers=app.as_(UDL)).status_code)

    threads = [threading.Thread(target=send) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 9
    assert app.count(Case) == 1
    assert app.count(OutboxMessage) == 1


def test_r2_arrival_agreement_publishes_arrival_scheduled(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    resp = app.client.post(f"/cases/{case['id']}/arrival", json=arrival(), headers=app.as_(JC))
    assert resp.status_code == 200, resp.text
    assert resp.json()["arrival_place"] == "Rødovre Station"
    assert resp.json()["status"] == "arrival_scheduled"
    types = [e["type"] for e in app.outbox()]
    assert types == ["reception.case_opened", "reception.arrival_scheduled"]


def test_r2_arrival_in_the_past_is_rejected_and_nothing_written(make_app):
    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    past = (copenhagen_today() - timedelta(days=1)).isoformat()
    resp = app.client.post(f"/cases/{case['id']}/arrival", json=arrival(arrival_date=past), headers=app.as_(JC))
    assert resp.status_code == 422
    assert "arrival_date" in resp.json()["detail"]
    assert app.client.get(f"/cases/{case['id']}", headers=app.as_(JC)).json()["arrival_date"] is None
    assert app.count(OutboxMessage) == 1


def test_r1_get_unknown_case_is_404(make_app):
    app = make_app("reception")
    resp = app.client.get("/cases/999", headers=app.as_(JC))
    assert resp.status_code == 404
    assert resp.json()["detail"] == "no case with id 999"


def test_r1_reading_a_case_is_logged_with_who_and_what(make_app):
    from reception.cases.models import AccessLog

    app = make_app("reception")
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    app.client.get(f"/cases/{case['id']}", headers=app.as_(Department.BORGERSERVICE, "bs-anna"))
    with app.factory() as session:
        rows = session.query(AccessLog).filter_by(case_id=case["id"]).all()
    assert [(r.user, r.department, r.action) for r in rows] == [("bs-anna", "borgerservice", "read_case")]


def test_defect_2_r1_the_person_id_is_one_whatever_its_case_and_spaces(make_app):
    """Issue 18, R1: ``race-0001`` opened a second case beside ``RACE-0001``. The id is trimmed and upper-cased
    before lookup and storage, so every spelling of it finds the one case; the search finds it by any spelling."""
    app = make_app("reception")
    first = app.client.post("/handovers", json=handover(immigration_person_id="RACE-0001"), headers=app.as_(UDL))
    assert first.status_code == 201
    for spelling in ("race-0001", "Race-0001", "  race-0001 ", "RACE-0001"):
        again = app.client.post("/handovers", json=handover(immigration_person_id=spelling), headers=app.as_(UDL))
        assert again.status_code == 409 and "exists already" in again.json()["detail"], spelling
    assert app.count(Case) == 1 and app.count(OutboxMessage) == 1
    lower_first = app.client.post("/handovers", json=handover(immigration_person_id="udl-77aa"), headers=app.as_(UDL))
    assert lower_first.status_code == 201
    with app.factory() as session:
        assert sorted(session.scalars(select(Case.immigration_person_id))) == ["RACE-0001", "UDL-77AA"]


def test_defect_2_r1_concurrent_handovers_with_two_spellings_make_one_case(make_app):
    app = make_app("reception")
    spellings = ["race-0002", "RACE-0002"] * 4
    results: list[int] = []
    barrier = threading.Barrier(len(spellings))

    def send(person_id: str) -> None:
        barrier.wait()
        body = handover(immigration_person_id=person_id)
        results.append(app.client.post("/handovers", json=body, headers=app.as_(UDL)).status_code)

    threads = [threading.Thread(target=send, args=(s,)) for s in spellings]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * (len(spellings) - 1)
    assert app.count(Case) == 1 and app.count(OutboxMessage) == 1


def test_defect_2_r1_the_database_refuses_a_person_id_not_normalised(make_app):
    """Whichever way a row is written, the database keeps the id normalised, so its unique constraint holds for
    every spelling."""
    app = make_app("reception")
    assert app.client.post("/handovers", json=handover(immigration_person_id="RACE-0003"), headers=app.as_(UDL))
    with app.factory() as session, pytest.raises(IntegrityError):
        session.execute(update(Case).values(immigration_person_id="race-0003"))
        session.flush()


def test_defect_2_the_migration_normalises_stored_ids_and_stops_on_two_cases_of_one_person(tmp_path):
    from shared.migrations import upgrade

    insert = text(
        "INSERT INTO cases (immigration_person_id, full_name, date_of_birth, nationality, residence_basis, "
        "asylum_centre, asylum_centre_contact, expected_arrival_date, status, housing_status, created_at, "
        "created_by, version, case_type, housing_as_of) VALUES (:p, 'A B', '1990-01-01', 'SYR', 'asylum_7_1', 'C', "
        "'K', '2026-12-24', 'opened', 'awaiting_check', '2026-11-26 10:00:00', 'x', 1, 'refugee', 0)"
    )
    good = f"sqlite:///{tmp_path / 'good.sqlite3'}"
    upgrade("reception", good, revision="4ccd8895de89")
    engine = create_engine(good)
    with engine.begin() as conn:
        for person_id in ("udl-1 ", "UDL-2", "Race-0001"):
            conn.execute(insert, {"p": person_id})
    engine.dispose()
    upgrade("reception", good)
    engine = create_engine(good)
    with engine.begin() as conn:
        ids = list(conn.scalars(text("SELECT immigration_person_id FROM cases ORDER BY id")))
        assert ids == ["UDL-1", "UDL-2", "RACE-0001"]
        with pytest.raises(IntegrityError):
            conn.execute(insert, {"p": "race-0002"})
    engine.dispose()

    clash = f"sqlite:///{tmp_path / 'clash.sqlite3'}"
    upgrade("reception", clash, revision="4ccd8895de89")
    engine = create_engine(clash)
    with engine.begin() as conn:
        for person_id in ("RACE-0001", "race-0001", "UDL-3"):
            conn.execute(insert, {"p": person_id})
    engine.dispose()
    with pytest.raises(RuntimeError, match=r"RACE-0001: cases 1, 2"):
        upgrade("reception", clash)
    engine = create_engine(clash)
    with engine.connect() as conn:  # nothing changed
        assert list(conn.scalars(text("SELECT immigration_person_id FROM cases ORDER BY id"))) == [
            "RACE-0001",
            "race-0001",
            "UDL-3",
        ]
    engine.dispose()
