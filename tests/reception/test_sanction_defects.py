"""R3 sanctions against the law (issue 14): the written guidance as a dated record, each breach on its own day
with its own 3-month window, the dated hearing and decision with a lawful appeal deadline.

The three defects of the issue are the tests named ``test_defect_<n>_…``. The clock of the sanction workflow
is set to the day each step happens (``Clock``), so the tests do not depend on the day they run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reception.benefits import sanctions as sanction_module
from reception.benefits.models import Sanction, SanctionLine
from reception.bootstrap import HANDLERS
from shared.auth import Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.contracts.education import AbsenceReported, AbsentDay
from tests.reception.helpers import handover, kontanthjaelp

UDL, JC, OK = Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.OKONOMI
D = date.fromisoformat
HOURS_PER_MONTH = Decimal(37 * 52) / Decimal(12)  # aktivloven § 36: 37 hours a week, 52 weeks, 12 months


def per_hours(monthly: str, hours: int) -> Decimal:
    return (Decimal(monthly) / HOURS_PER_MONTH * hours).quantize(Decimal("0.01"))


class Clock:
    """The sanction workflow's today, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, on: str) -> None:
        self.on = D(on)
        monkeypatch.setattr(sanction_module, "today", lambda: self.on)

    def set(self, on: str) -> None:
        self.on = D(on)


def case_with_benefit(app, monthly: str = "6000.00", start: str = "2026-01-01") -> int:
    case = app.client.post("/handovers", json=handover(), headers=app.as_(UDL)).json()
    body = kontanthjaelp(amount=monthly, start=start)
    resp = app.client.post(f"/cases/{case['id']}/benefits", json=body, headers=app.as_(OK))
    assert resp.status_code == 201, resp.text
    return int(case["id"])


def guide(app, case_id: int, on: str, duty: str = "danskuddannelse", how: str = "digital_post") -> dict:
    body = {"duty": duty, "given_on": on, "how": how, "given_by": "Lise Jensen, Jobcentret"}
    resp = app.client.post(f"/cases/{case_id}/duty-guidance", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text
    return resp.json()


def report_absence(app, case_id: int, start: str, end: str, days: list[tuple[str, int]]) -> None:
    """Education's absence list line reaches reception (education.absence_reported v2)."""
    event = AbsenceReported(
        case_id=case_id,
        absence_id=case_id,
        course="DU2 modul 3",
        period_start=D(start),
        period_end=D(end),
        planned_hours=80,
        absent_hours=sum(h for _, h in days),
        absent_days=[AbsentDay(on=D(on), hours=h) for on, h in days],
    )
    envelope = envelope_for(event, producer="education").model_dump(mode="json")
    assert consume(app.factory, "reception", envelope, HANDLERS) == Outcome.HANDLED


def sanctions_of(app, case_id: int) -> list[dict]:
    return app.client.get(f"/cases/{case_id}/sanctions", headers=app.as_(OK)).json()


def hear_and_decide(
    app, sanction: dict, clock: Clock, *, sent_on: str, decided_on: str, delivery: str = "digital", days: int = 7
) -> dict:
    clock.set(sent_on)
    heard = app.client.post(
        f"/sanctions/{sanction['id']}/hearing",
        json={"version": sanction["version"], "reply_days": days, "sent_on": sent_on, "delivery": "digital"},
        headers=app.as_(OK),
    )
    assert heard.status_code == 200, heard.text
    clock.set(decided_on)
    decided = app.client.post(
        f"/sanctions/{sanction['id']}/decision",
        json={
            "version": heard.json()["version"],
            "decision": "applied",
            "reasoning": "Borgeren er udeblevet uden gyldig grund og har ikke svaret i partshøringen",
            "decided_on": decided_on,
            "delivery": delivery,
        },
        headers=app.as_(OK),
    )
    assert decided.status_code == 200, decided.text
    return decided.json()


def run(app, month: str) -> dict:
    resp = app.client.post("/payment-runs", json={"month": month}, headers=app.as_(OK))
    assert resp.status_code == 200, resp.text
    return resp.json()


def deduction_for(run_body: dict, case_id: int) -> str:
    return next(p["deduction"] for p in run_body["payments"] if p["case_id"] == case_id)


# --- defect 1: absence before the written guidance ------------------------------------------------------


def test_defect_1_absence_before_the_written_guidance_is_never_deducted(make_app, monkeypatch):
    """R3 with E4: list 1–31 March 2026, 20 unexcused hours all before 25 March, guidance 25 March, benefit
    6,000 → nothing is deducted (main proposed 748.44, taking the contract's signature as the guidance and
    comparing it with the end of the period)."""
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-04-02")
    case_id = case_with_benefit(app, "6000.00")
    guide(app, case_id, "2026-03-25")
    days = [("2026-03-02", 5), ("2026-03-09", 5), ("2026-03-16", 5), ("2026-03-24", 5)]
    report_absence(app, case_id, "2026-03-01", "2026-03-31", days)
    assert sanctions_of(app, case_id) == []  # 0 kr.: no proposal at all
    assert app.count(Sanction) == 0
    assert clock.on == D("2026-04-02")


def test_the_guidance_day_itself_is_not_after_the_guidance_but_the_next_day_is(make_app, monkeypatch):
    """aktivloven § 35, stk. 1: hours on the day of the guidance may have come before it that day: not deducted."""
    app = make_app("reception")
    Clock(monkeypatch, "2026-04-02")
    case_id = case_with_benefit(app, "6000.00")
    guide(app, case_id, "2026-03-25")
    report_absence(app, case_id, "2026-03-01", "2026-03-31", [("2026-03-24", 5), ("2026-03-25", 3), ("2026-03-26", 4)])
    [sanction] = sanctions_of(app, case_id)
    lines = [(line["breach_on"], line["status"], line["amount"]) for line in sanction["lines"]]
    assert lines == [
        ("2026-03-24", "before_guidance", "0.00"),
        ("2026-03-25", "before_guidance", "0.00"),
        ("2026-03-26", "open", str(per_hours("6000.00", 4))),
    ]
    assert Decimal(sanction["amount"]) == per_hours("6000.00", 4) == Decimal("149.69")
    assert (sanction["guidance_given_on"], sanction["breach_date"]) == ("2026-03-25", "2026-03-26")


def test_guidance_about_another_duty_or_a_contract_signature_is_not_the_guidance(make_app, monkeypatch):
    app = make_app("reception")
    Clock(monkeypatch, "2026-11-30")
    case_id = case_with_benefit(app, "9000.00")
    guide(app, case_id, "2026-09-01", duty="aktivering")
    report_absence(app, case_id, "2026-11-01", "2026-11-30", [("2026-11-10", 6)])
    assert sanctions_of(app, case_id) == []
    guide(app, case_id, "2026-09-01", duty="danskuddannelse", how="samtale")
    listed = app.client.get(f"/cases/{case_id}/duty-guidance", headers=app.as_(OK)).json()
    assert [(g["duty"], g["how"], g["given_by"]) for g in listed] == [
        ("aktivering", "digital_post", "Lise Jensen, Jobcentret"),
        ("danskuddannelse", "samtale", "Lise Jensen, Jobcentret"),
    ]


# --- defect 2: the 3-month window per breach -------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "january", "deducted"),
    [
        ("2026-04", "deducted", per_hours("6000.00", 4) + per_hours("6000.00", 3) + per_hours("6000.00", 2)),
        ("2026-05", "lapsed", per_hours("6000.00", 2)),
    ],
    ids=["april-run-deducts-january", "may-run-lets-january-lapse"],
)
def test_defect_2_each_breach_has_its_own_three_month_window(make_app, monkeypatch, month, january, deducted):
    """One list 1 Jan – 28 Feb 2026 with January absences: January's lines must be deducted by 30 April 2026
    (main counted the window from the period's end: 31 May, and deducted them in the May run)."""
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-03-02")
    case_id = case_with_benefit(app, "6000.00")
    guide(app, case_id, "2026-01-05")
    report_absence(app, case_id, "2026-01-01", "2026-02-28", [("2026-01-12", 4), ("2026-01-26", 3), ("2026-02-16", 2)])
    [proposed] = sanctions_of(app, case_id)
    deadlines = [(line["breach_on"], line["deduction_deadline"]) for line in proposed["lines"]]
    assert deadlines == [("2026-01-12", "2026-04-30"), ("2026-01-26", "2026-04-30"), ("2026-02-16", "2026-05-31")]
    assert all(line["deduction_deadline_rule"] == "aktl-deduction-deadline" for line in proposed["lines"])
    assert "senest torsdag 30. april 2026" in proposed["lines"][0]["deduction_deadline_why"]
    hear_and_decide(app, proposed, clock, sent_on="2026-03-03", decided_on="2026-03-16")
    paid = run(app, month)
    assert Decimal(deduction_for(paid, case_id)) == deducted
    after = sanctions_of(app, case_id)[0]
    statuses = [line["status"] for line in after["lines"]]
    assert statuses == [january, january, "deducted"]
    assert after["status"] == "deducted"


def test_a_line_is_not_deducted_before_its_breach_month_and_waits_for_a_later_run(make_app, monkeypatch):
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-03-02")
    case_id = case_with_benefit(app, "6000.00")
    guide(app, case_id, "2026-01-05")
    report_absence(app, case_id, "2026-01-01", "2026-02-28", [("2026-01-12", 4), ("2026-02-16", 2)])
    [proposed] = sanctions_of(app, case_id)
    hear_and_decide(app, proposed, clock, sent_on="2026-03-03", decided_on="2026-03-16")
    assert Decimal(deduction_for(run(app, "2026-01"), case_id)) == per_hours("6000.00", 4)  # February's waits
    assert [line["status"] for line in sanctions_of(app, case_id)[0]["lines"]] == ["deducted", "open"]
    assert sanctions_of(app, case_id)[0]["status"] == "applied"
    assert Decimal(deduction_for(run(app, "2026-02"), case_id)) == per_hours("6000.00", 2)
    assert sanctions_of(app, case_id)[0]["status"] == "deducted"


def test_the_decision_is_refused_after_the_deduction_deadline_of_every_line(make_app, monkeypatch):
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-02-02")
    case_id = case_with_benefit(app, "6000.00")
    guide(app, case_id, "2026-01-05")
    report_absence(app, case_id, "2026-01-01", "2026-01-31", [("2026-01-12", 4)])
    [proposed] = sanctions_of(app, case_id)
    clock.set("2026-02-03")
    heard = app.client.post(
        f"/sanctions/{proposed['id']}/hearing", json={"version": 1, "sent_on": "2026-02-03"}, headers=app.as_(OK)
    ).json()
    clock.set("2026-05-04")
    late = app.client.post(
        f"/sanctions/{proposed['id']}/decision",
        json={"version": heard["version"], "decision": "applied", "reasoning": "Udeblevet uden gyldig grund"},
        headers=app.as_(OK),
    )
    assert late.status_code == 409 and "too late" in late.json()["detail"]
    assert sanctions_of(app, case_id)[0]["status"] == "hearing"


# --- defect 3: the appeal deadline ------------------------------------------------------------------------


def test_defect_3_decision_friday_27_november_2026_by_digital_post_can_be_appealed_until_28_december(
    make_app, monkeypatch
):
    """4 weeks from receipt (Digital Post: the day it is sent) is Friday 25 December 2026, juledag; 26 December
    is 2. juledag and 27 a Sunday: the deadline runs to Monday 28 December (main: 25 December)."""
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-11-06")
    case_id = case_with_benefit(app, "9000.00", start="2026-09-01")
    guide(app, case_id, "2026-09-15")
    report_absence(app, case_id, "2026-10-01", "2026-10-31", [("2026-10-12", 3), ("2026-10-26", 2)])
    [proposed] = sanctions_of(app, case_id)
    decided = hear_and_decide(app, proposed, clock, sent_on="2026-11-10", decided_on="2026-11-27", days=14)
    assert decided["reply_deadline"] == "2026-11-24" and decided["reply_deadline_rule"] == "fvl19-hearing-reply"
    assert "forvaltningsloven § 19" in decided["reply_deadline_why"]
    assert (decided["decided_on"], decided["decision_delivery"]) == ("2026-11-27", "digital")
    assert decided["appeal_deadline"] == "2026-12-28"
    assert decided["appeal_deadline_rule"] == "rsl67-appeal"
    assert (
        "25. december 2026" in decided["appeal_deadline_why"] and "28. december 2026" in decided["appeal_deadline_why"]
    )
    assert "aktiv socialpolitik § 35, stk. 1" in decided["legal_basis"] and "§ 36" in decided["legal_basis"]
    guidance = decided["appeal_guidance"]
    assert "28.12.2026" in guidance and "Rødovre Kommune" in guidance and "Ankestyrelsen" in guidance
    assert "4 uger" in guidance and "genvurdering" in guidance


@pytest.mark.parametrize(
    ("decided_on", "delivery", "expected"),
    [
        ("2026-11-27", "letter", "2026-12-30"),  # a Friday letter counts from Wednesday 2 December
        ("2026-12-04", "digital", "2027-01-04"),  # onto nytårsdag (Friday) → Monday
        ("2026-11-30", "digital", "2026-12-28"),  # Monday 28 December, a working day
    ],
)
def test_the_appeal_deadline_of_other_decision_days(make_app, monkeypatch, decided_on, delivery, expected):
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-11-06")
    case_id = case_with_benefit(app, "9000.00", start="2026-09-01")
    guide(app, case_id, "2026-09-15")
    report_absence(app, case_id, "2026-10-01", "2026-10-31", [("2026-10-12", 3)])
    [proposed] = sanctions_of(app, case_id)
    decided = hear_and_decide(
        app, proposed, clock, sent_on="2026-11-10", decided_on=decided_on, delivery=delivery, days=14
    )
    assert decided["appeal_deadline"] == expected


def test_hearing_and_decision_dates_are_checked_and_nothing_is_written(make_app, monkeypatch):
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-11-06")
    case_id = case_with_benefit(app, "9000.00", start="2026-09-01")
    guide(app, case_id, "2026-09-15")
    report_absence(app, case_id, "2026-10-01", "2026-10-31", [("2026-10-12", 3)])
    [proposed] = sanctions_of(app, case_id)
    sid = proposed["id"]
    for body, field in (
        ({"version": 1, "sent_on": "2026-11-07"}, "sent_on"),  # in the future
        ({"version": 1, "sent_on": "2026-10-11"}, "sent_on"),  # before the breach
        ({"version": 1, "delivery": "fax"}, None),
        ({"version": 1, "reply_days": 6}, None),
    ):
        resp = app.client.post(f"/sanctions/{sid}/hearing", json=body, headers=app.as_(OK))
        assert resp.status_code == 422, (body, resp.text)
        if field:
            assert resp.json()["field"] == field
    assert sanctions_of(app, case_id)[0]["status"] == "proposed"
    heard = app.client.post(
        f"/sanctions/{sid}/hearing", json={"version": 1, "sent_on": "2026-11-02", "reply_days": 7}, headers=app.as_(OK)
    ).json()
    assert heard["reply_deadline"] == "2026-11-09"  # from the hearing's date, not today's
    clock.set("2026-11-20")
    decide = {"version": heard["version"], "decision": "applied", "reasoning": "Udeblevet uden gyldig grund"}
    for extra, status, field in (
        ({"decided_on": "2026-11-21"}, 422, "decided_on"),  # in the future
        ({"decided_on": "2026-11-01"}, 422, "decided_on"),  # before the hearing
        ({"decided_on": "2026-11-09"}, 409, None),  # on the reply deadline, no reply yet
        ({"delivery": "pigeon"}, 422, None),
    ):
        resp = app.client.post(f"/sanctions/{sid}/decision", json={**decide, **extra}, headers=app.as_(OK))
        assert resp.status_code == status, (extra, resp.text)
        if field:
            assert resp.json()["field"] == field
    after = sanctions_of(app, case_id)[0]
    assert (after["status"], after["decided_on"], after["appeal_deadline"]) == ("hearing", None, None)


# --- bad input to the guidance endpoint ---------------------------------------------------------------


def test_bad_guidance_is_refused_and_nothing_is_written(make_app, monkeypatch):
    app = make_app("reception")
    Clock(monkeypatch, "2026-12-07")
    case_id = case_with_benefit(app)
    good = {"duty": "danskuddannelse", "given_on": "2026-09-01", "how": "brev", "given_by": "Lise Jensen"}
    for body, status in (
        ({**good, "given_on": "2026-12-08"}, 422),  # in the future
        ({**good, "duty": "svømning"}, 422),
        ({**good, "how": "brevdue"}, 422),
        ({**good, "given_by": ""}, 422),
        ({**good, "given_on": "2026-02-30"}, 422),
        ({**good, "extra": 1}, 422),
    ):
        resp = app.client.post(f"/cases/{case_id}/duty-guidance", json=body, headers=app.as_(JC))
        assert resp.status_code == status, (body, resp.text)
    assert app.client.post("/cases/999/duty-guidance", json=good, headers=app.as_(JC)).status_code == 404
    assert app.client.post(f"/cases/{case_id}/duty-guidance", json=good, headers=app.as_(UDL)).status_code == 403
    assert app.client.get(f"/cases/{case_id}/duty-guidance", headers=app.as_(JC)).json() == []
    assert app.count(SanctionLine) == 0


def test_what_a_month_s_benefit_does_not_cover_is_deducted_in_a_later_run_within_the_window(make_app, monkeypatch):
    """A benefit starting late in January covers only part of the January lines; the rest is taken in February."""
    app = make_app("reception")
    clock = Clock(monkeypatch, "2026-02-02")
    case_id = case_with_benefit(app, "6000.00", start="2026-01-31")  # January: 1/31 of 6,000 = 193.55
    guide(app, case_id, "2026-01-05")
    report_absence(app, case_id, "2026-01-01", "2026-01-31", [("2026-01-12", 8)])  # 8 hours: 299.38
    [proposed] = sanctions_of(app, case_id)
    hear_and_decide(app, proposed, clock, sent_on="2026-02-02", decided_on="2026-02-16")
    assert deduction_for(run(app, "2026-01"), case_id) == "193.55"
    [line] = sanctions_of(app, case_id)[0]["lines"]
    assert (line["status"], line["deducted_amount"]) == ("open", "193.55")
    assert Decimal(deduction_for(run(app, "2026-02"), case_id)) == per_hours("6000.00", 8) - Decimal("193.55")
    after = sanctions_of(app, case_id)[0]
    assert (after["status"], after["lines"][0]["status"], after["lines"][0]["deducted_amount"]) == (
        "deducted",
        "deducted",
        str(per_hours("6000.00", 8)),
    )
