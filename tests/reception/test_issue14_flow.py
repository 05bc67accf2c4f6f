"""Issue 14: a corrected placement decision's date moves every date counted from the § 4 day, across services
(the in-process runner: every subscriber's real consume). Reception recomputes the day and the contract's
§ 19 date and announces the day again; education moves its danskuddannelsesloven § 5 date and employment its
follow-ups; the caseworker's timeline says the date was corrected. R1, E1, B8."""

from __future__ import annotations

from datetime import date

from shared.auth import Department
from shared.law import danskuddannelsesloven, integrationsloven
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET
D = date.fromisoformat


def test_defect_4_a_corrected_placement_date_moves_educations_section_5_date_and_employments_follow_ups(flow):
    reception, jc = flow.client("reception", UDL), flow.client("reception", JC)
    education, employment = flow.client("education", JC), flow.client("employment", JC)
    case = reception.post("/handovers", json=handover(placement_decided_on="2026-10-20"))
    assert case.status_code == 201, case.text
    case_id = case.json()["id"]
    assert case.json()["responsibility_from"] == "2026-12-01"
    contract = jc.post(f"/cases/{case_id}/contract").json()

    def section_5() -> str:
        return education.get(f"/language_assessments/{case_id}").json()["due_date"]

    def follow_ups() -> list[str]:
        rows = employment.get(f"/cases/{case_id}/follow-ups").json()
        return [row["due_date"] for row in rows if row["kind"] == "statutory"]

    # § 5, stk. 1: a month after integrationsloven § 4 b's 3-month suspension (a § 4, stk. 2 takeover).
    assert section_5() == danskuddannelsesloven.start_due(D("2027-03-01")).due.isoformat() == "2027-04-01"
    before = follow_ups()

    corrected = jc.post(
        f"/cases/{case_id}/responsibility/start-correction",
        json={"field": "placement_decided_on", "new_date": "2026-11-30", "reason": "Afgørelsen er dateret 30.11."},
    )
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["responsibility_from"] == "2027-01-04"  # nytårsdag, then a weekend
    assert jc.get(f"/contracts/{contract['id']}").json()["due_date"] == "2027-02-04"
    # Education: § 5 from the corrected day's suspension (main's code counted from 1 January, with no suspension).
    assert section_5() == danskuddannelsesloven.start_due(D("2027-04-04")).due.isoformat() == "2027-05-04"
    # Employment: until the § 17 visitation the statutory follow-ups are interim, counted from the responsibility
    # day: they move from the old day's schedule to the corrected day's (§ 20's rule, shared/law).
    after = follow_ups()
    assert before == [d.isoformat() for d in integrationsloven.followups_due(D("2026-12-01")).due]
    assert after == [d.isoformat() for d in integrationsloven.followups_due(D("2027-01-04")).due]
    timeline = [e["summary"] for e in jc.get(f"/cases/{case_id}/timeline").json()]
    assert any(s.startswith("Datoen er rettet: kommunen overtager ansvaret fra 04.01.2027") for s in timeline)
