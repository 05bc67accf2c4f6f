"""The first flow across services. The smoke flow runs on real processes (uvicorn APIs, Celery workers,
Redis, databases): one HTTP call to reception (R1) → housing runs a readiness check (H1) and reception
opens the six onboarding tasks (R3); assigning a unit in housing shows on reception's case. The others
run in one process (the in-process runner, through the same ``consume``).
"""

from __future__ import annotations

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.reception.helpers import arrival, handover


def test_r1_h1_r3_handover_triggers_readiness_check_and_onboarding(system):
    reception = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = system.client("reception", Department.JOBCENTRET)
    housing = system.client("housing", Department.SOCIAL_PSYKIATRI)

    resp = reception.post("/handovers", json=handover())
    assert resp.status_code == 201, resp.text
    case_id = resp.json()["id"]

    def board_row():
        return next((r for r in housing.get("/readiness").json() if r["case_id"] == case_id), None)

    row = wait_for(board_row, timeout=20, message="housing's readiness check")
    assert row["status"] == "missing" and row["colour"] in {"red", "amber"}

    def onboarding():
        case = jobcentre.get(f"/cases/{case_id}").json()
        return case if len(case["onboarding_tasks"]) == 6 and case["housing"]["status"] != "awaiting_check" else None

    case = wait_for(onboarding, timeout=20, message="six onboarding tasks and housing status")
    assert {t["kind"] for t in case["onboarding_tasks"]} == {
        "cpr_registration",
        "mitid",
        "health_insurance_card",
        "bank_account",
        "borgerservice_intro",
        "benefits_setup",
    }
    assert case["housing"]["status"] == "placement_requested"

    # Education and employment put the case on their lists (E1, B1) from the same event.
    edu = system.client("education", Department.JOBCENTRET)
    emp = system.client("employment", Department.JOBCENTRET)
    wait_for(
        lambda: any(r["case_id"] == case_id for r in edu.get("/language_assessments").json()),
        timeout=20,
        message="education's language assessment",
    )
    wait_for(
        lambda: any(r["case_id"] == case_id for r in emp.get("/match_conversations").json()),
        timeout=20,
        message="employment's match conversation",
    )

    unit = housing.post(
        "/units", json={"address": "Egegårdsvej 22, st. 3", "capacity": 4, "ready_from": copenhagen_today().isoformat()}
    ).json()
    assigned = housing.post(f"/units/{unit['id']}/assignments", json={"case_id": case_id})
    assert assigned.status_code == 201, assigned.text

    def shown_on_case():
        case = jobcentre.get(f"/cases/{case_id}").json()
        return case["housing"] if case["housing"]["status"] == "assigned" else None

    shown = wait_for(shown_on_case, timeout=20, message="the assignment on reception's case")
    assert shown["address"] == "Egegårdsvej 22, st. 3" and shown["unit_id"] == unit["id"]
    assert board_row()["colour"] == "green"


def test_r2_h1_arrival_moves_the_readiness_check_date(flow):
    reception = flow.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = flow.client("reception", Department.JOBCENTRET)
    housing = flow.client("housing", Department.SOCIAL_PSYKIATRI)
    case_id = reception.post("/handovers", json=handover()).json()["id"]
    agreed = arrival()
    assert jobcentre.post(f"/cases/{case_id}/arrival", json=agreed).status_code == 200

    def moved():
        row = next((r for r in housing.get("/readiness").json() if r["case_id"] == case_id), None)
        return row if row and row["arrival_date"] == agreed["arrival_date"] else None

    wait_for(moved, timeout=20, message="readiness check on the agreed arrival date")


def test_r1_h1_follow_up_events_carry_the_handovers_correlation_id(flow):
    """Events a handler publishes carry the correlation id of the event that caused them."""
    import json

    from sqlalchemy import create_engine, text

    reception = flow.client("reception", Department.UDLAENDINGESTYRELSEN)
    case_id = reception.post("/handovers", json=handover()).json()["id"]

    def envelopes(service: str, event_type: str):
        engine = create_engine(flow.database_urls[service])
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT envelope FROM outbox WHERE event_type = :t"), {"t": event_type}).all()
        engine.dispose()
        found = [json.loads(r[0]) for r in rows]
        return [e for e in found if e["payload"]["case_id"] == case_id]

    opened = envelopes("reception", "reception.case_opened")
    requested = wait_for(
        lambda: envelopes("housing", "housing.placement_requested"), timeout=20, message="housing's placement request"
    )
    assert requested[0]["correlation_id"] == opened[0]["correlation_id"]
