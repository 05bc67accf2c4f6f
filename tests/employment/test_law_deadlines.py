"""Employment and the law (issue 14, point 9), through the API and the pages, each deadline stored with its rule
and why and shown with "Hvorfor denne frist?": integrationsloven § 16 (B1's list), § 20 from the § 17 visitation
and every 12 months (B8, B7), § 27 after a control action (B8), danskuddannelsesloven § 5, stk. 2 (B11)."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from employment.bootstrap import HANDLERS
from employment.db import Base
from employment.intake.handlers import on_case_opened
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.contracts.reception import CaseOpened, ResponsibilityTakenOver
from shared.law import danskuddannelsesloven, integrationsloven
from tests.employment.helpers import JC, TODAY, field_error, known_case, ok, post, signed_in


@pytest.fixture(autouse=True)
def _no_4b_suspension(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the month from the responsibility day; integrationsloven § 4 b's suspension of it (the
    act's 3 months unless the city council decides otherwise, stk. 4) has its own tests (tests/e2e/test_4b_*):
    here the municipality has decided not to suspend."""
    monkeypatch.setenv("INTEGRATION_INL4B_MUNICIPAL_MONTHS", "0")


MATCH_ANSWERS = {
    "work_experience": "Lagerarbejde 4 år",
    "education": "9 års skolegang",
    "danish": "Modul 1",
    "conclusion": "jobparat",
}


def _opened(app, case_id: int, *, born_on: date | None, arrival: date | None = None) -> int:
    event = CaseOpened(
        case_id=case_id,
        case_number=f"2026-{case_id:06d}",
        residence_basis="asylum_7_1",
        expected_arrival_date=arrival or TODAY,
        household_size=1,
        born_on=born_on,
    )
    with app.factory.begin() as session:
        on_case_opened(session, event, envelope_for(event, producer="reception"))
    return case_id


def _responsibility(app, case_id: int, day: date, service: str = "employment", handlers=HANDLERS):
    envelope = envelope_for(
        ResponsibilityTakenOver(case_id=case_id, taken_over_on=day, basis="placement_rule"), producer="reception"
    ).model_dump(mode="json")
    return envelope, consume(app.factory, service, envelope, handlers)


def _case(app, case_id: int) -> dict:
    rows = app.client.get("/match_conversations", headers=app.as_(JC)).json()
    return next(r for r in rows if r["case_id"] == case_id)


def _finalised_match(app, case_id: int, held_on: date) -> dict:
    body = {"template": "match", "held_on": held_on.isoformat(), "held_by": "Jens", "answers": MATCH_ANSWERS}
    draft = app.client.post(f"/cases/{case_id}/conversations", json=body, headers=app.as_(JC)).json()
    final = app.client.post(f"/conversations/{draft['id']}/finalise", json={"version": 1}, headers=app.as_(JC))
    assert final.status_code == 200, final.text
    return final.json()


def _row_counts(app) -> dict[str, int]:
    with app.factory() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


# --- integrationsloven § 16 ---------------------------------------------------------------------------------


def test_b1_section_16_the_programme_is_due_a_month_after_the_responsibility_day_with_rule_and_why(make_app):
    """B1, integrationsloven § 16: reception's responsibility day (4 Jan 2027) → the programme by 4 Feb 2027."""
    app = signed_in(make_app("employment"))
    _opened(app, 1, born_on=date(1990, 3, 1), arrival=date(2026, 12, 10))
    before = _case(app, 1)
    assert before["programme_due"] is None and "ikke meddelt" in before["programme_why"]
    _, outcome = _responsibility(app, 1, date(2027, 1, 4))
    assert outcome == Outcome.HANDLED
    row = _case(app, 1)
    law = integrationsloven.programme_due(date(2027, 1, 4))
    assert (row["programme_due"], row["programme_rule"], row["responsibility_from"]) == (
        "2027-02-04",
        "inl16-programme",
        "2027-01-04",
    )
    assert row["programme_why"].startswith(law.explanation) and "fyldt 18 år" in row["programme_why"]
    page = html.unescape(app.client.get("/samtaler/sager/1").text)
    assert "Frist for tilbud om program (§ 16)" in page and "4. februar 2027" in page
    assert "Hvorfor denne frist?" in page and "integrationsloven § 16" in page
    listing = html.unescape(app.client.get("/samtaler").text)
    assert "Program tilbudt senest (§ 16)" in listing and law.explanation in listing


def test_b1_section_16_no_programme_for_a_person_under_18_on_the_responsibility_day(make_app):
    """B1, integrationsloven § 16, stk. 1–2: 17 on the responsibility day → no programme and no deadline, with why;
    a corrected day after the 18th birthday (the event again with another day) gives the deadline."""
    app = signed_in(make_app("employment"))
    _opened(app, 2, born_on=date(2009, 1, 5))
    _responsibility(app, 2, date(2027, 1, 4))
    row = _case(app, 2)
    assert row["programme_due"] is None and row["programme_rule"] == "inl16-programme"
    assert "17 år" in row["programme_why"] and "§ 16, stk. 1 og 2" in row["programme_why"]
    page = html.unescape(app.client.get("/samtaler/sager/2").text)
    assert "Intet program: under 18 år" in page and "17 år" in page
    _responsibility(app, 2, date(2027, 2, 1))
    assert _case(app, 2)["programme_due"] == "2027-03-01"


def test_b1_section_16_an_unknown_birth_date_gives_the_deadline_and_says_the_age_was_not_checked(make_app):
    """B1, § 16: a case_opened v2 message (no birth date) still in flight is upcast with born_on None."""
    app = make_app("employment")
    known_case(app, 3)
    _responsibility(app, 3, date(2027, 1, 4))
    row = _case(app, 3)
    assert row["programme_due"] == "2027-02-04" and "ikke kontrolleret" in row["programme_why"]


def test_a_case_opened_v2_message_is_read_as_v3_without_a_birth_date():
    from shared.bus.envelope import EventEnvelope, read_event

    old = envelope_for(
        CaseOpened(case_id=4, case_number="x", residence_basis="a", expected_arrival_date=TODAY, household_size=1),
        producer="reception",
    ).model_dump(mode="json")
    old["version"] = 2
    del old["payload"]["born_on"]
    event = read_event(EventEnvelope.model_validate(old))
    assert isinstance(event, CaseOpened) and event.born_on is None


def test_a_second_responsibility_day_moves_educations_section_5_and_employments_section_16_idempotently(make_app):
    """R1 → E1 and B1: a corrected placement date makes reception announce another responsibility day; both
    services move their deadline (danskuddannelsesloven § 5, stk. 1; integrationsloven § 16), and the messages
    re-delivered change nothing."""
    from education.bootstrap import HANDLERS as EDUCATION
    from tests.education.helpers import known_case as education_case

    employment, education = make_app("employment"), make_app("education")
    _opened(employment, 5, born_on=date(1990, 1, 1))
    education_case(education, 5, arrival=date(2026, 12, 10))
    days = [date(2027, 1, 4), date(2027, 2, 1)]
    envelopes = [
        envelope_for(
            ResponsibilityTakenOver(case_id=5, taken_over_on=day, basis="placement_rule"), producer="reception"
        ).model_dump(mode="json")
        for day in days
    ]
    for envelope in envelopes:
        assert consume(employment.factory, "employment", envelope, HANDLERS) == Outcome.HANDLED
        assert consume(education.factory, "education", envelope, EDUCATION) == Outcome.HANDLED
    for envelope in envelopes:  # re-delivered
        assert consume(employment.factory, "employment", envelope, HANDLERS) == Outcome.DUPLICATE
        assert consume(education.factory, "education", envelope, EDUCATION) == Outcome.DUPLICATE
    assert _case(employment, 5)["programme_due"] == "2027-03-01"
    language = education.client.get("/language_assessments/5", headers=education.as_(JC)).json()
    assert language["due_date"] == "2027-03-01" and language["due_rule"] == "dul5-start"
    assert language["due_why"] == danskuddannelsesloven.start_due(date(2027, 2, 1)).explanation


# --- integrationsloven § 20 ---------------------------------------------------------------------------------


def test_b8_section_20_counts_from_the_section_17_visitation_not_the_responsibility_day(make_app):
    """B1 → B8, integrationsloven § 20, stk. 1: the match conversation (the § 17 visitation) finalised on a day
    moves the four follow-ups to 6, 12, 18 weeks and 6 months after it; a later responsibility day moves nothing."""
    app = signed_in(make_app("employment"))
    _opened(app, 6, born_on=date(1990, 1, 1), arrival=TODAY - timedelta(days=40))
    _responsibility(app, 6, TODAY - timedelta(days=20))
    visited = TODAY - timedelta(days=3)
    _finalised_match(app, 6, visited)
    assert _case(app, 6)["visitation_completed_on"] == visited.isoformat()
    law = integrationsloven.followups_due(visited)
    rows = [r for r in app.client.get("/cases/6/follow-ups", headers=app.as_(JC)).json() if r["kind"] == "statutory"]
    assert [r["due_date"] for r in rows] == [d.isoformat() for d in law.due]
    assert all(r["due_rule"] == "inl20-followups" and law.explanation in r["due_why"] for r in rows)
    assert rows[0]["due_why"].startswith("Samtale 1 af 4.") and "Foreløbig" not in rows[0]["due_why"]
    _responsibility(app, 6, TODAY - timedelta(days=10))  # a corrected day after the visitation: § 20 stays
    again = [r for r in app.client.get("/cases/6/follow-ups", headers=app.as_(JC)).json() if r["kind"] == "statutory"]
    assert [r["due_date"] for r in again] == [d.isoformat() for d in law.due]
    page = html.unescape(app.client.get("/frister/sager/6").text)
    assert "Visitationen efter § 17 (matchsamtalen) blev afsluttet" in page
    assert page.count("Hvorfor denne frist?") >= 4 and "integrationsloven § 20, stk. 1" in page
    # The page's title is its title only (the § 27 section once landed inside the title block).
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Opfølgning" in title and page.count('id="control-h"') == 1


def test_b8_before_the_visitation_the_section_20_dates_are_interim_and_say_so(make_app):
    """B8: until B1 is finalised the dates count from the responsibility day and are marked interim."""
    app = signed_in(make_app("employment"))
    _opened(app, 7, born_on=None, arrival=TODAY - timedelta(days=5))
    rows = app.client.get("/cases/7/follow-ups", headers=app.as_(JC)).json()
    law = integrationsloven.followups_due(TODAY - timedelta(days=5))
    assert [r["due_date"] for r in rows] == [d.isoformat() for d in law.due]
    assert all("Foreløbig frist" in r["due_why"] and "forventede ankomst" in r["due_why"] for r in rows)
    assert "fristerne efter § 20 er foreløbige" in html.unescape(app.client.get("/frister/sager/7").text)


def test_b7_b8_work_without_benefit_gives_a_follow_up_every_12_months(make_app):
    """B7 → B8, integrationsloven § 20, stk. 1, 5. pkt.: self-supporting by a job → a follow-up 12 months after
    the later of the last follow-up and the self-sufficiency day; holding it puts the next one 12 months on."""
    app = make_app("employment")
    known_case(app, 8, arrival_days=-60)
    held = TODAY - timedelta(days=2)
    app.client.post(
        "/cases/8/follow-up-conversations", json={"held_on": held.isoformat(), "held_by": "J"}, headers=app.as_(JC)
    )
    start = TODAY - timedelta(days=5)
    report = {"kind": "job", "effective_from": start.isoformat(), "note": "Fastansat på lager"}
    assert app.client.post("/cases/8/self-sufficiency", json=report, headers=app.as_(JC)).status_code == 201
    yearly = [r for r in app.client.get("/cases/8/follow-ups", headers=app.as_(JC)).json() if r["kind"] == "yearly"]
    law = integrationsloven.yearly_followup_due(held)
    assert [(r["due_date"], r["due_rule"], r["due_why"]) for r in yearly] == [
        (law.due.isoformat(), "inl20-yearly", law.explanation)
    ]


def test_b7_other_self_sufficiency_gives_no_yearly_follow_up(make_app):
    """B7 'other' is not ordinary work or education: § 20, stk. 1, 5. pkt. does not apply."""
    app = make_app("employment")
    known_case(app, 9)
    report = {"kind": "other", "effective_from": TODAY.isoformat()}
    assert app.client.post("/cases/9/self-sufficiency", json=report, headers=app.as_(JC)).status_code == 201
    kinds = {r["kind"] for r in app.client.get("/cases/9/follow-ups", headers=app.as_(JC)).json()}
    assert "yearly" not in kinds


def test_b8_holding_the_yearly_follow_up_puts_the_next_12_months_on():
    """§ 20, stk. 1, 5. pkt. (B8): the service adds the next yearly follow-up when one is held (unit, no app)."""
    assert integrationsloven.yearly_followup_due(date(2027, 3, 31)).due == date(2028, 3, 31)


def test_b8_a_yearly_follow_up_held_adds_the_next(make_app):
    app = make_app("employment")
    known_case(app, 10, arrival_days=-400)
    for n in range(4):  # the four statutory ones held
        body = {"held_on": (TODAY - timedelta(days=200 - n)).isoformat(), "held_by": "J"}
        app.client.post("/cases/10/follow-up-conversations", json=body, headers=app.as_(JC))
    report = {"kind": "su", "effective_from": (TODAY - timedelta(days=20)).isoformat()}
    assert app.client.post("/cases/10/self-sufficiency", json=report, headers=app.as_(JC)).status_code == 201
    body = {"held_on": TODAY.isoformat(), "held_by": "J", "note": "Årlig opfølgning"}
    filled = app.client.post("/cases/10/follow-up-conversations", json=body, headers=app.as_(JC)).json()
    assert filled["kind"] == "yearly"
    open_yearly = [
        r
        for r in app.client.get("/cases/10/follow-ups", headers=app.as_(JC)).json()
        if r["kind"] == "yearly" and r["held_on"] is None
    ]
    assert [r["due_date"] for r in open_yearly] == [integrationsloven.yearly_followup_due(TODAY).due.isoformat()]


# --- integrationsloven § 27 ---------------------------------------------------------------------------------


def test_b8_section_27_a_control_action_gives_a_conversation_in_1_week_and_an_offer_2_weeks_after_it(make_app):
    """B8, integrationsloven § 27, stk. 1–2: information received → conversation due a week later; the offer
    interim from that until the conversation is held, then 2 weeks after the conversation."""
    app = signed_in(make_app("employment"))
    known_case(app, 11)
    received = TODAY - timedelta(days=10)
    body = {"received_on": received.isoformat(), "what": "Registerkontrol: udrejst 3 uger"}
    created = app.client.post("/cases/11/control-actions", json=body, headers=app.as_(JC))
    assert created.status_code == 201, created.text
    action = created.json()
    conversation = integrationsloven.control_conversation_due(received)
    assert (action["conversation_due"], action["conversation_rule"], action["conversation_why"]) == (
        conversation.due.isoformat(),
        "inl27-conversation",
        conversation.explanation,
    )
    interim = integrationsloven.control_offer_due(conversation.due)
    assert action["offer_due"] == interim.due.isoformat() and "Foreløbig frist" in action["offer_why"]
    assert action["conversation_overdue"] is True  # 10 days since: the week has passed
    overdue = app.client.get("/control-actions/overdue", headers=app.as_(JC)).json()
    assert [o["id"] for o in overdue] == [action["id"]]
    deadlines = html.unescape(app.client.get("/frister").text)
    assert "Kontrolaktioner (integrationsloven § 27)" in deadlines and "integrationsloven § 27, stk. 1" in deadlines
    held_on = TODAY - timedelta(days=1)
    step = {"version": action["version"], "on": held_on.isoformat()}
    held = app.client.post(f"/control-actions/{action['id']}/conversation", json=step, headers=app.as_(JC)).json()
    offer = integrationsloven.control_offer_due(held_on)
    assert (held["offer_due"], held["offer_rule"], held["offer_why"]) == (
        offer.due.isoformat(),
        "inl27-offer",
        offer.explanation,
    )
    assert held["conversation_overdue"] is False and held["offer_overdue"] is False
    assert app.client.get("/control-actions/overdue", headers=app.as_(JC)).json() == []
    page = ok(
        app,
        f"/frister/sager/11/kontrolaktioner/{action['id']}/tilbud",
        {"_form": f"k{action['id']}tilbud", "version": str(held["version"]), "on": TODAY.isoformat()},
    )
    text = html.unescape(page.text)
    assert "Givet" in text and "integrationsloven § 27, stk. 2" in text and "Hvorfor denne frist?" in text


def test_b8_section_27_recorded_on_the_page(make_app):
    app = signed_in(make_app("employment"))
    known_case(app, 12)
    page = ok(
        app,
        "/frister/sager/12/kontrolaktioner",
        {"_form": "control", "received_on": TODAY.isoformat(), "what": "Kontrol af ophold i udlandet"},
    )
    text = html.unescape(page.text)
    assert "Kontrol af ophold i udlandet" in text
    assert integrationsloven.control_conversation_due(TODAY).explanation in text


@pytest.mark.parametrize(
    ("body", "field", "danish"),
    [
        ({"received_on": (TODAY + timedelta(days=1)).isoformat(), "what": "X"}, "received_on", "fremtiden"),
        ({"received_on": (TODAY - timedelta(days=400)).isoformat(), "what": "X"}, "received_on", "et år tilbage"),
        ({"received_on": "2026-02-30", "what": "X"}, "received_on", None),
        ({"received_on": TODAY.isoformat(), "what": ""}, "what", None),
        ({"received_on": TODAY.isoformat(), "what": "a\x00b"}, "what", None),
        ({"received_on": TODAY.isoformat()}, "what", None),
        ({"received_on": TODAY.isoformat(), "what": "X", "extra": 1}, "extra", None),
    ],
)
def test_b8_section_27_bad_control_actions_are_422_and_write_nothing(make_app, body, field, danish):
    app = make_app("employment")
    known_case(app, 13)
    before = _row_counts(app)
    resp = app.client.post("/cases/13/control-actions", json=body, headers=app.as_(JC))
    assert resp.status_code == 422, resp.text
    assert field in resp.text
    assert _row_counts(app) == before


def test_b8_section_27_bad_steps_are_4xx_with_danish_messages_and_write_nothing(make_app):
    app = signed_in(make_app("employment"))
    known_case(app, 14)
    body = {"received_on": (TODAY - timedelta(days=2)).isoformat(), "what": "Kontrol"}
    action = app.client.post("/cases/14/control-actions", json=body, headers=app.as_(JC)).json()
    url = f"/control-actions/{action['id']}"
    before = _row_counts(app)
    with app.factory() as session:
        from employment.followup.models import ControlAction

        snapshot = session.get(ControlAction, action["id"]).offer_due
    cases = [
        (f"{url}/offer", {"version": 1, "on": TODAY.isoformat()}, 409),  # the conversation first
        (f"{url}/conversation", {"version": 2, "on": TODAY.isoformat()}, 409),  # stale version
        (f"{url}/conversation", {"version": 1, "on": (TODAY + timedelta(days=1)).isoformat()}, 422),
        (f"{url}/conversation", {"version": 1, "on": (TODAY - timedelta(days=3)).isoformat()}, 422),
        (f"{url}/conversation", {"version": 1}, 422),
        ("/control-actions/999/conversation", {"version": 1, "on": TODAY.isoformat()}, 404),
        ("/cases/999/control-actions", {"received_on": TODAY.isoformat(), "what": "X"}, 404),
    ]
    for path, payload, code in cases:
        assert app.client.post(path, json=payload, headers=app.as_(JC)).status_code == code, (path, payload)
    assert _row_counts(app) == before
    with app.factory() as session:
        assert session.get(ControlAction, action["id"]).offer_due == snapshot
    # The pages give the Danish message next to the field, keep the input and write nothing.
    resp = post(
        app,
        f"/frister/sager/14/kontrolaktioner/{action['id']}/samtale",
        {"_form": f"k{action['id']}samtale", "version": "1", "on": (TODAY - timedelta(days=3)).isoformat()},
    )
    assert resp.status_code == 422
    assert field_error(resp.text, f"k{action['id']}samtale_on") == "Datoen ligger før oplysningerne kom"
    resp = post(
        app,
        "/frister/sager/14/kontrolaktioner",
        {"_form": "control", "received_on": (TODAY + timedelta(days=1)).isoformat(), "what": "Kontrol"},
    )
    assert resp.status_code == 422
    assert field_error(resp.text, "control_received_on") == "Datoen må ikke ligge i fremtiden"
    resp = post(app, "/frister/sager/14/kontrolaktioner", {"_form": "control", "received_on": "", "what": ""})
    assert resp.status_code == 422 and field_error(resp.text, "control_what")
    # Another case's control action named in the path, and a step that does not exist.
    known_case(app, 15)
    before = _row_counts(app)
    resp = post(
        app,
        f"/frister/sager/15/kontrolaktioner/{action['id']}/samtale",
        {"_form": f"k{action['id']}samtale", "version": "1", "on": TODAY.isoformat()},
    )
    assert resp.status_code == 422 and "Kontrolaktionen findes ikke" in html.unescape(resp.text)
    resp = post(app, f"/frister/sager/14/kontrolaktioner/{action['id']}/snak", {"version": "1", "on": ""})
    assert resp.status_code == 404
    assert _row_counts(app) == before


# --- danskuddannelsesloven § 5, stk. 2 (B11) ----------------------------------------------------------------


def test_b11_section_5_stk_2_danish_education_can_start_a_month_after_the_application(make_app):
    """B11, danskuddannelsesloven § 5, stk. 2: the application on 31 Jan → start by 28 Feb, stored and shown."""
    app = signed_in(make_app("employment"))
    person = {"name": "Ana Pereira", "date_of_birth": "1990-04-12", "residence_basis": "eu_eea"}
    case = app.client.post("/foreigner-cases", json=person, headers=app.as_(JC)).json()
    applied = TODAY - timedelta(days=3)
    body = {"school": "Sprogcenter Vestegnen", "requested_on": applied.isoformat()}
    created = app.client.post(f"/foreigner-cases/{case['id']}/danish-classes", json=body, headers=app.as_(JC))
    assert created.status_code == 201, created.text
    law = danskuddannelsesloven.start_due_after_application(applied)
    assert (created.json()["start_due"], created.json()["start_rule"], created.json()["start_why"]) == (
        law.due.isoformat(),
        "dul5-start-application",
        law.explanation,
    )
    page = html.unescape(app.client.get(f"/oevrige-udlaendinge/{case['id']}").text)
    assert "skal kunne begynde senest" in page and "danskuddannelsesloven § 5, stk. 2" in page
    assert law.explanation in page


def test_b11_a_future_application_date_is_refused_in_danish_and_writes_nothing(make_app):
    app = signed_in(make_app("employment"))
    person = {"name": "Ana Pereira", "date_of_birth": "1990-04-12", "residence_basis": "eu_eea"}
    case = app.client.post("/foreigner-cases", json=person, headers=app.as_(JC)).json()
    before = _row_counts(app)
    resp = post(
        app,
        f"/oevrige-udlaendinge/{case['id']}/danskundervisning",
        {"_form": "class", "school": "Sprogcenter", "requested_on": (TODAY + timedelta(days=1)).isoformat()},
    )
    assert resp.status_code == 422
    assert field_error(resp.text, "class_requested_on") == "Datoen må ikke ligge i fremtiden"
    assert _row_counts(app) == before
