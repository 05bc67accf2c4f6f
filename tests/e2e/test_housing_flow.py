"""H2/H5/H6 across services in one process (the in-process runner): move-in and permanent allocation
reach reception's case."""

from __future__ import annotations

from datetime import timedelta

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.reception.helpers import handover


def test_h2_h6_move_in_then_permanent_housing_show_on_reception_case(flow):
    reception = flow.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = flow.client("reception", Department.JOBCENTRET)
    placer = flow.client("housing", Department.SOCIAL_PSYKIATRI)
    borgerservice = flow.client("housing", Department.BORGERSERVICE)
    housing_jc = flow.client("housing", Department.JOBCENTRET)

    case_id = reception.post("/handovers", json=handover()).json()["id"]
    wait_for(
        lambda: any(r["case_id"] == case_id for r in placer.get("/readiness").json()),
        timeout=30,
        message="housing's readiness check",
    )
    unit = placer.post(
        "/units", json={"address": "Egegårdsvej 22, 2. th", "capacity": 3, "ready_from": copenhagen_today().isoformat()}
    ).json()
    assignment = placer.post(f"/units/{unit['id']}/assignments", json={"case_id": case_id}).json()
    checklist = {
        "keys_handed_over": True,
        "electricity_reading": "100",
        "water_reading": "20",
        "heating_reading": "5",
        "house_rules_explained": True,
        "guidance_given": True,
    }
    assert placer.put(f"/assignments/{assignment['id']}/move-in", json=checklist).status_code == 200

    def housing_on_case(status: str):
        case = jobcentre.get(f"/cases/{case_id}").json()
        return case["housing"] if case["housing"]["status"] == status else None

    wait_for(lambda: housing_on_case("moved_in"), timeout=30, message="moved_in on reception's case")

    need = housing_jc.post(
        "/permanent-needs",
        json={
            "case_id": case_id,
            "household_size": 2,
            "rooms_needed": 2,
            "needed_by": (copenhagen_today() + timedelta(days=90)).isoformat(),
        },
    )
    assert need.status_code == 201, need.text
    assoc = borgerservice.post(
        "/housing-associations", json={"name": f"Boligselskab {case_id}", "contact": "kontakt@example.dk"}
    ).json()
    need_id = need.json()["id"]
    prio = borgerservice.post(f"/permanent-needs/{need_id}/priority", json={"reason": "Testfamilie prioriteret"})
    assert prio.status_code == 200
    offer = borgerservice.post(
        "/offers",
        json={
            "need_id": need_id,
            "association_id": assoc["id"],
            "address": "Rødovrevej 300, st. tv",
            "rooms": 2,
            "monthly_rent": "5900.00",
            "available_from": (copenhagen_today() + timedelta(days=14)).isoformat(),
            "allocation": "need",
            "reason": "Prioriteret efter behov",
        },
    )
    assert offer.status_code == 201, offer.text
    accepted = borgerservice.post(
        f"/offers/{offer.json()['id']}/decision", json={"decision": "accepted", "reason": "Familien accepterer"}
    )
    assert accepted.status_code == 200

    shown = wait_for(lambda: housing_on_case("permanent"), timeout=30, message="permanent housing on the case")
    assert shown["address"] == "Rødovrevej 300, st. tv"
    # One timeline per person: housing's events, in order, on reception's case.
    timeline = [e["event_type"] for e in jobcentre.get(f"/cases/{case_id}/timeline").json()]
    assert timeline == [
        "reception.case_opened",
        "housing.placement_requested",
        "housing.temporary_assigned",
        "housing.moved_in",
        "housing.moved_out",
        "housing.permanent_allocated",
    ]
    summaries = [e["summary"] for e in jobcentre.get(f"/cases/{case_id}/timeline").json()]
    assert summaries[-1].startswith("Permanent bolig tildelt: Rødovrevej 300, st. tv")
    assert (
        placer.get("/units").json()
        and next(u for u in placer.get("/units").json() if u["id"] == unit["id"])["beds_taken"] == 0
    )


def test_r11_h5_family_reunification_puts_the_household_on_the_waiting_list(flow):
    reception = flow.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentre = flow.client("reception", Department.JOBCENTRET)
    housing = flow.client("housing", Department.BORGERSERVICE)
    anchor = reception.post("/handovers", json=handover(family_members=[])).json()["id"]
    family = handover(
        residence_basis="family_reunification_9",
        family_members=[{"full_name": "Barn", "date_of_birth": "2018-01-01", "relation": "child"}],
    )
    joined = jobcentre.post(f"/cases/{anchor}/family-reunification", json=family)
    assert joined.status_code == 201, joined.text

    def waiting():
        return next((n for n in housing.get("/permanent-needs/waiting-list").json() if n["case_id"] == anchor), None)

    need = wait_for(waiting, timeout=30, message="the household on housing's waiting list")
    assert need["household_size"] == 3 and need["position"] >= 1
    timeline = wait_for(
        lambda: [
            e
            for e in jobcentre.get(f"/cases/{joined.json()['id']}/timeline").json()
            if e["event_type"] == "reception.family_reunification_planned"
        ],
        timeout=30,
        message="the reunification on the timeline",
    )
    assert "Familiesammenføring" in timeline[0]["summary"]
