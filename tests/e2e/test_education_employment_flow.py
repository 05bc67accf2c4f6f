"""E1, E4 (follow-up), B1 and § 4 across services in one process (the in-process runner).

Reception's handover with the placement decision fixes the day the municipality takes over (§ 4):
education's § 5 deadline follows it. Education's enrolment at a language school and employment's
finished match conversation reach reception's timeline for the caseworker.
"""

from __future__ import annotations

from datetime import date, timedelta

from shared.auth import Department
from shared.clock import one_month_after
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.law.calendar import add_months
from shared.testing.processes import wait_for
from tests.reception.helpers import handover

UDL, JC = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET
TODAY = copenhagen_today()


def _timeline_has(jc, case_id: int, event_type: str) -> dict | None:
    return next((e for e in jc.get(f"/cases/{case_id}/timeline").json() if e["event_type"] == event_type), None)


def test_e1_b1_section_4_news_from_education_and_employment_reach_reception(flow):
    reception, jc = flow.client("reception", UDL), flow.client("reception", JC)
    education, employment = flow.client("education", JC), flow.client("employment", JC)
    decided = TODAY - timedelta(days=10)
    case = reception.post("/handovers", json=handover(placement_decided_on=decided.isoformat()))
    assert case.status_code == 201, case.text
    case_id, taken_over = case.json()["id"], case.json()["responsibility_from"]

    # § 5: Danish education offered within a month of the takeover, not of the arrival.
    def deadline() -> str | None:
        got = education.get(f"/language_assessments/{case_id}")
        return got.json()["due_date"] if got.status_code == 200 else None

    # A § 4, stk. 2 takeover: § 5 runs a month after integrationsloven § 4 b's 3-month suspension.
    expected = one_month_after(add_months(date.fromisoformat(taken_over), 3))
    wait_for(lambda: deadline() == expected.isoformat(), timeout=30, message="education's § 5 deadline moved")

    # E1: assessed and enrolled at a language school → on reception's timeline.
    school = education.post(
        "/language-schools", json={"name": f"Sprogcenter {case_id}", "address": "Roskildevej 1", "contact": "Kontoret"}
    )
    assert school.status_code == 201, school.text
    assessment = {"assessed_on": TODAY.isoformat(), "assessed_by": "Lærer", "track": "DU2", "start_module": 1}
    version = education.get(f"/language_assessments/{case_id}").json()["version"]
    assessed = education.put(f"/language_assessments/{case_id}/assessment", json={"version": version, **assessment})
    assert assessed.status_code == 200, assessed.text
    enrolled = education.post(
        f"/language_assessments/{case_id}/enrolment",
        json={"school_id": school.json()["id"], "track": "DU2", "module": 1, "start_date": TODAY.isoformat()},
    )
    assert enrolled.status_code in (200, 201), enrolled.text
    entry = wait_for(
        lambda: _timeline_has(jc, case_id, "education.language_enrolled"), timeout=30, message="enrolment on timeline"
    )
    assert entry["summary"] == f"Tilmeldt danskuddannelse: DU2, modul 1, start {TODAY:%d.%m.%Y}"

    # B1: the match conversation finished → on reception's timeline.
    wait_for(
        lambda: any(r["case_id"] == case_id for r in employment.get("/match_conversations").json()),
        timeout=30,
        message="employment knows the case",
    )
    answers = {
        "work_experience": "Lager 4 år",
        "education": "9 års skolegang",
        "danish": "Modul 1",
        "conclusion": "jobparat",
    }
    draft = employment.post(
        f"/cases/{case_id}/conversations",
        json={"template": "match", "held_on": TODAY.isoformat(), "held_by": "Jens Jobcenter", "answers": answers},
    )
    assert draft.status_code == 201, draft.text
    final = employment.post(f"/conversations/{draft.json()['id']}/finalise", json={"version": 1})
    assert final.status_code == 200, final.text
    entry = wait_for(
        lambda: _timeline_has(jc, case_id, "employment.match_classified"), timeout=30, message="match on timeline"
    )
    assert entry["summary"] == "Matchsamtale afsluttet: borgeren er jobparat"
    took = _timeline_has(jc, case_id, "reception.responsibility_taken_over")
    assert took is not None
    assert took["summary"].startswith(f"Kommunen overtager ansvaret fra {date.fromisoformat(taken_over):%d.%m.%Y}")


def test_b1_section_16_reception_tells_employment_the_birth_date_so_a_minor_gets_no_programme_deadline(flow):
    """B1, integrationsloven § 16, stk. 1: the programme is for those 18 or over when responsibility passes.
    Reception's case_opened (v3) carries the birth date (not the CPR number); employment stores § 16's deadline
    for the adult and none, with why, for the person who is 17 on the day."""
    reception, employment = flow.client("reception", UDL), flow.client("employment", JC)
    decided = TODAY - timedelta(days=10)
    adult = reception.post("/handovers", json=handover(placement_decided_on=decided.isoformat()))
    assert adult.status_code == 201, adult.text
    taken_over = date.fromisoformat(adult.json()["responsibility_from"])
    seventeen = taken_over.replace(year=taken_over.year - 17) - timedelta(days=40)
    minor = reception.post(
        "/handovers",
        json=handover(placement_decided_on=decided.isoformat(), date_of_birth=seventeen.isoformat(), family_members=[]),
    )
    assert minor.status_code == 201, minor.text
    rows = {r["case_id"]: r for r in employment.get("/match_conversations").json()}
    grown, young = rows[adult.json()["id"]], rows[minor.json()["id"]]
    assert grown["programme_due"] == one_month_after(add_months(taken_over, 3)).isoformat()  # after § 4 b's pause
    assert grown["programme_rule"] == "inl16-programme" and grown["programme_why"]
    assert young["programme_due"] is None and "18" in young["programme_why"]
