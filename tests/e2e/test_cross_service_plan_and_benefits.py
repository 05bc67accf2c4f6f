"""R5, R3 (with E4 and B7) across services in one process (the in-process runner).

An integration-plan action for housing, education or employment reaches that service and its
progress comes back to reception; education's absence list becomes a sanction proposal in
reception; employment's self-sufficiency report stops the benefits.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.reception.helpers import handover

UDL, JC, OK, SP = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.OKONOMI,
    Department.SOCIAL_PSYKIATRI,
)
CONTENT = {
    "meeting_date": copenhagen_today().isoformat(),
    "participants": "Borgeren; sagsbehandler Lise Jensen",
    "interpreter": "Tolk Ahmad",
    "interpreter_language": "arabisk",
    "employment_goal": "Ordinært job inden for et år",
    "danish_goal": "Danskuddannelse 2, modul 3",
    "obligations": "Deltage i danskundervisning",
    "declaration_signed": True,
}


def _open_case(flow) -> int:
    case = flow.client("reception", UDL).post("/handovers", json=handover())
    assert case.status_code == 201, case.text
    return int(case.json()["id"])


def _listed(client, path: str, key: str, value: int):
    return next((r for r in client.get(path).json() if r[key] == value), None)


def test_r5_plan_actions_reach_their_services_and_their_progress_comes_back(flow):
    jc = flow.client("reception", JC)
    housing = flow.client("housing", SP)
    education = flow.client("education", JC)
    employment = flow.client("employment", JC)
    case_id = _open_case(flow)
    assert jc.post(f"/cases/{case_id}/plan", json={"reason": "Familie med helbredsproblemer"}).status_code == 201
    due = (copenhagen_today() + timedelta(days=30)).isoformat()
    actions = {}
    for owner, title in (
        ("housing", "Bolig med elevator"),
        ("education", "Danskuddannelse med børnepasning"),
        ("employment", "Virksomhedspraktik"),
        ("bkf", "Skoleindskrivning"),
    ):
        resp = jc.post(f"/cases/{case_id}/plan/actions", json={"owner": owner, "title": title, "due_date": due})
        assert resp.status_code == 201, resp.text
        actions[owner] = resp.json()

    # Each owning service holds exactly its own action (BKF works in reception: no event).
    for client, owner in ((housing, "housing"), (education, "education"), (employment, "employment")):
        got = wait_for(
            lambda c=client, o=owner: _listed(c, "/plan-actions", "action_id", actions[o]["id"]),
            timeout=30,
            message=f"{owner} receives its plan action",
        )
        assert got["title"] == actions[owner]["title"] and got["status"] == "planned"
        held = {r["action_id"] for r in client.get("/plan-actions").json()}
        assert not held & {a["id"] for o, a in actions.items() if o != owner}

    # Housing works on it; reception's plan follows.
    hid = actions["housing"]["id"]
    assert housing.post(f"/plan-actions/{hid}/status", json={"status": "in_progress"}).status_code == 200
    done = housing.post(f"/plan-actions/{hid}/status", json={"status": "done", "note": "Bolig på Tinghøjvej"})
    assert done.status_code == 200, done.text

    def housing_action_done():
        plan = jc.get(f"/cases/{case_id}/plan").json()
        action = next(a for a in plan["actions"] if a["id"] == hid)
        return action if action["status"] == "done" else None

    shown = wait_for(housing_action_done, timeout=30, message="housing's progress on reception's plan")
    assert shown["note"] == "Bolig på Tinghøjvej" and shown["updated_by"] == "housing"

    # Reception withdraws education's action; education stops and refuses further steps.
    eid = actions["education"]["id"]
    withdrawn = jc.post(f"/plan-actions/{eid}/withdraw", json={"reason": "Ikke længere relevant", "version": 1})
    assert withdrawn.status_code == 200, withdrawn.text
    wait_for(
        lambda: (_listed(education, "/plan-actions", "action_id", eid) or {}).get("status") == "withdrawn",
        timeout=30,
        message="education sees the withdrawal",
    )
    late = education.post(f"/plan-actions/{eid}/status", json={"status": "done"})
    assert late.status_code == 409 and "withdrawn" in late.json()["detail"]

    def timeline_has(summary_part: str):
        entries = jc.get(f"/cases/{case_id}/timeline").json()
        return [e for e in entries if summary_part in e["summary"]]

    wait_for(lambda: timeline_has("Bolig har meldt indsatsen udført"), timeout=30, message="timeline entry")
    assert timeline_has("indsats til Danskuddannelse")


def _signed_contract_and_benefit(flow, case_id: int, monthly: str) -> None:
    jc, ok = flow.client("reception", JC), flow.client("reception", OK)
    contract = jc.post(f"/cases/{case_id}/contract").json()
    saved = jc.put(f"/contracts/{contract['id']}", json={**CONTENT, "version": contract["version"]}).json()
    first = jc.post(f"/contracts/{contract['id']}/sign", json={"party": "caseworker", "version": saved["version"]})
    second = jc.post(f"/contracts/{contract['id']}/sign", json={"party": "citizen", "version": first.json()["version"]})
    assert second.json()["status"] == "signed", second.text
    benefit = ok.post(
        f"/cases/{case_id}/benefits",
        json={
            "benefit_type": "kontanthjaelp",
            "situation": {"birth_date": "1990-01-02"},
            "monthly_amount": monthly,
            "override_reason": "Beløbet er fastsat i testen",
            "start_date": (copenhagen_today() - timedelta(days=20)).isoformat(),
            "payment_account_registered": True,
        },
    )
    assert benefit.status_code == 201, benefit.text


def test_r3_e4_absence_from_education_becomes_a_sanction_proposal_in_reception(flow):
    """R3 (sanction proposed with the event that caused it) from E4 (education registers the absence list)."""
    ok = flow.client("reception", OK)
    education = flow.client("education", JC)
    case_id = _open_case(flow)
    _signed_contract_and_benefit(flow, case_id, "12000.00")
    wait_for(
        lambda: _listed(education, "/language_assessments", "case_id", case_id),
        timeout=30,
        message="education knows the case",
    )
    # Written guidance about attending Danish education yesterday (aktivloven § 35, stk. 1); today's lessons
    # come after it.
    end = copenhagen_today()
    guided = flow.client("reception", JC).post(
        f"/cases/{case_id}/duty-guidance",
        json={
            "duty": "danskuddannelse",
            "given_on": (end - timedelta(days=1)).isoformat(),
            "how": "digital_post",
            "given_by": "Lise Jensen",
        },
    )
    assert guided.status_code == 201, guided.text
    absence = {
        "case_id": case_id,
        "course": "Danskuddannelse 2, modul 1",
        "period_start": end.isoformat(),
        "period_end": end.isoformat(),
        "planned_hours": 30,
        "absent_hours": 12,
        "excused_hours": 2,
        "absent_days": [{"on": end.isoformat(), "hours": 10}],
    }
    resp = education.post("/absences", json=absence)
    assert resp.status_code == 201, resp.text
    assert resp.json()["unexcused_hours"] == 10
    assert education.post("/absences", json=absence).status_code == 409  # the same list line twice

    proposal = wait_for(
        lambda: next(iter(ok.get(f"/cases/{case_id}/sanctions").json()), None),
        timeout=30,
        message="sanction proposal in reception",
    )
    assert proposal["status"] == "proposed"
    assert "Danskuddannelse 2, modul 1" in proposal["reason"] and "10 af 30 timer" in proposal["reason"]
    assert proposal["breach_date"] == end.isoformat()
    # 12,000 kr. a month at 37 hours a week: 10 hours = 12000 / (37 * 52 / 12) * 10.
    expected = (Decimal("12000") / (Decimal(37 * 52) / 12) * 10).quantize(Decimal("0.01"))
    assert Decimal(proposal["amount"]) == expected
    assert [(line["breach_on"], line["hours"], line["status"]) for line in proposal["lines"]] == [
        (end.isoformat(), 10, "open")
    ]
    assert len(ok.get(f"/cases/{case_id}/sanctions").json()) == 1


def test_r3_b7_self_sufficiency_from_employment_stops_the_benefits(flow):
    """R3 (benefits stop when employment reports self-sufficiency) from B7."""
    ok = flow.client("reception", OK)
    employment = flow.client("employment", JC)
    case_id = _open_case(flow)
    _signed_contract_and_benefit(flow, case_id, "11000.00")
    wait_for(
        lambda: _listed(employment, "/match_conversations", "case_id", case_id),
        timeout=30,
        message="employment knows the case",
    )
    start = copenhagen_today() + timedelta(days=5)
    resp = employment.post(
        f"/cases/{case_id}/self-sufficiency", json={"kind": "job", "effective_from": start.isoformat()}
    )
    assert resp.status_code == 201, resp.text

    def stopped():
        benefits = ok.get(f"/cases/{case_id}/benefits").json()
        return benefits if all(b["end_date"] for b in benefits) else None

    benefits = wait_for(stopped, timeout=30, message="benefits stopped in reception")
    assert [b["end_date"] for b in benefits] == [(start - timedelta(days=1)).isoformat()]
    assert benefits[0]["stop_reason"] == "Selvforsørgende (ordinært arbejde)"
