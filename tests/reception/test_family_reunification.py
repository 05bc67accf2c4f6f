"""R11: family reunification — a linked case, the combined household, and housing asked for permanent housing."""

from __future__ import annotations

from housing.permanent.handlers import on_family_reunification_planned
from housing.permanent.models import AllocationDecision, PermanentNeed
from housing.readiness.models import ReadinessCheck
from reception.cases.models import Case
from shared.auth import Department
from shared.bus.envelope import EventEnvelope, read_event
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.housing.helpers import arrival_known
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET


def _spouse_and_children():
    return handover(
        full_name="Layla Haddad",
        date_of_birth="1992-05-06",
        residence_basis="family_reunification_9",
        family_members=[
            {"full_name": "Sami Haddad", "date_of_birth": "2016-01-01", "relation": "child"},
            {"full_name": "Nour Haddad", "date_of_birth": "2019-02-02", "relation": "child"},
        ],
    )


def test_r11_family_reunification_links_cases_and_publishes_the_combined_household(make_app):
    app = make_app("reception")
    anchor = app.client.post("/handovers", json=handover(family_members=[]), headers=app.as_(UDL)).json()
    resp = app.client.post(
        f"/cases/{anchor['id']}/family-reunification", json=_spouse_and_children(), headers=app.as_(JC)
    )
    assert resp.status_code == 201, resp.text
    joined = resp.json()
    assert (joined["case_type"], joined["linked_case_id"], joined["household_size"]) == (
        "family_reunification",
        anchor["id"],
        3,
    )
    assert app.client.get(f"/cases/{anchor['id']}", headers=app.as_(JC)).json()["family_cases"] == [joined["id"]]
    events = {e["type"]: e for e in app.outbox()}
    planned = events["reception.family_reunification_planned"]["payload"]
    assert (planned["anchor_case_id"], planned["arriving"], planned["children"], planned["household_size"]) == (
        anchor["id"],
        3,
        2,
        4,
    )
    opened = [e for e in app.outbox() if e["type"] == "reception.case_opened"]
    assert opened[-1]["version"] == 3 and opened[-1]["payload"]["needs_temporary_housing"] is False


def test_r11_needs_residence_basis_9_and_a_known_case(make_app):
    app = make_app("reception")
    anchor = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    wrong = app.client.post(f"/cases/{anchor['id']}/family-reunification", json=handover(), headers=app.as_(JC))
    assert wrong.status_code == 422 and wrong.json()["field"] == "residence_basis"
    unknown = app.client.post("/cases/999/family-reunification", json=_spouse_and_children(), headers=app.as_(JC))
    assert unknown.status_code == 404
    other = app.client.post(
        f"/cases/{anchor['id']}/family-reunification",
        json=_spouse_and_children(),
        headers=app.as_(Department.BORGERSERVICE),
    )
    assert other.status_code == 403
    assert app.count(Case) == 1


def test_r11_h5_housing_registers_then_enlarges_the_households_permanent_need(make_app):
    housing = make_app("housing")

    def deliver(anchor_case_id: int, household_size: int) -> None:
        from datetime import timedelta

        from shared.bus.envelope import envelope_for
        from shared.contracts.reception import FamilyReunificationPlanned

        event = FamilyReunificationPlanned(
            case_id=anchor_case_id + 100,
            anchor_case_id=anchor_case_id,
            arriving=2,
            children=1,
            household_size=household_size,
            expected_arrival_date=copenhagen_today() + timedelta(days=40),
        )
        envelope = envelope_for(event, producer="reception")
        with housing.factory.begin() as session:
            on_family_reunification_planned(session, read_event(envelope), envelope)  # type: ignore[arg-type]

    deliver(5, 3)
    deliver(5, 5)
    with housing.factory() as session:
        need = session.query(PermanentNeed).one()
        assert (need.case_id, need.household_size, need.rooms_needed, need.status) == (5, 5, 3, "waiting")
        reasons = [d.decision for d in session.query(AllocationDecision).order_by(AllocationDecision.id)]
        assert reasons == ["registered", "household_grew"]


def test_r11_h1_joining_family_gets_no_temporary_housing_check(make_app):
    housing = make_app("housing")
    reception = make_app("reception")
    anchor = reception.client.post("/handovers", json=handover(), headers=reception.as_(UDL)).json()
    reception.client.post(
        f"/cases/{anchor['id']}/family-reunification", json=_spouse_and_children(), headers=reception.as_(JC)
    )
    from housing.readiness import handlers

    for raw in reception.outbox():
        if raw["type"] == "reception.case_opened":
            envelope = EventEnvelope.model_validate(raw)
            with housing.factory.begin() as session:
                handlers.on_case_opened(session, read_event(envelope), envelope)  # type: ignore[arg-type]
    with housing.factory() as session:
        assert [c.case_id for c in session.query(ReadinessCheck)] == [anchor["id"]]
    assert arrival_known  # helper shared with the housing tests
