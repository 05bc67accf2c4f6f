"""Reception's Danish pages for R3, R4, R11, the timeline and the deadlines, in process.

Each page: the happy path through the page's forms (303 after success, the effect in the database and on
the page), and a form error (422, the Danish message next to the field, what was typed kept, nothing written).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from reception.benefits.models import Benefit, Payment, PaymentRun, Sanction
from reception.bootstrap import HANDLERS
from reception.cases.models import Case
from reception.contracts.models import IntegrationContract
from reception.onboarding.models import OnboardingTask
from shared.auth import COOKIE, Department
from shared.bus.envelope import envelope_for
from shared.bus.inbox import Outcome, consume
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.contracts.housing import TemporaryAssigned
from shared.law.retssikkerhedsloven import Delivery, appeal_deadline
from tests.conftest import token
from tests.reception.helpers import handover, kontanthjaelp

UDL, JC, OK, BS = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.OKONOMI,
    Department.BORGERSERVICE,
)


def _guide(app, case_id: int, on: date) -> None:
    """Written guidance about attending Danish education, recorded on the case (aktivloven § 35, stk. 1)."""
    body = {"duty": "danskuddannelse", "given_on": on.isoformat(), "how": "digital_post", "given_by": "J. Jensen"}
    resp = app.client.post(f"/cases/{case_id}/duty-guidance", json=body, headers=app.as_(JC))
    assert resp.status_code == 201, resp.text


def dk(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def _case(app, **overrides) -> dict:
    resp = app.client.post("/handovers", json=handover(**overrides), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return resp.json()


def _post(client, url: str, data: dict):
    return client.post(url, data=data, follow_redirects=False)


def _error_next_to(html: str, field_id: str) -> str:
    """The Danish message in the field's own error element, which the field names in aria-describedby."""
    field = re.search(rf'<(?:input|textarea|select)[^>]*id="{re.escape(field_id)}"[^>]*>', html)
    assert field, f"no field {field_id}"
    assert 'aria-invalid="true"' in field.group(0) and f"{field_id}-error" in field.group(0), field.group(0)
    message = re.search(rf'id="{re.escape(field_id)}-error"><span class="sr-only">Fejl: </span>([^<]*)<', html)
    assert message, f"no error next to {field_id}"
    return message.group(1)


CONTENT = {
    "meeting_date": "2026-11-20",
    "participants": "Jonas Jobcenter (sagsbehandler), Amina Haddad",
    "interpreter": "Rami Tolk",
    "interpreter_language": "arabisk",
    "employment_goal": "Ordinært job i detailhandlen inden for et år",
    "danish_goal": "Danskuddannelse 2, modul 3",
    "obligations": "Deltage i danskundervisning og virksomhedspraktik",
    "declaration_signed": "1",
}


def _contract(app) -> IntegrationContract:
    with app.factory() as session:
        row = session.scalar(select(IntegrationContract))
        assert row is not None
        return row


def test_r4_contract_page_start_edit_sign_by_both_and_print(make_app):
    app = make_app("reception")
    case = _case(app)
    jc = _signed_in(app, JC, "Jonas Jobcenter")
    page = jc.get(f"/sager/{case['id']}").text
    assert "Start integrationskontrakt" in page

    started = _post(jc, f"/sager/{case['id']}/kontrakt", {})
    assert (started.status_code, started.headers["location"]) == (303, f"/sager/{case['id']}/kontrakt")
    form_page = jc.get(f"/sager/{case['id']}/kontrakt").text
    assert 'name="version" value="1"' in form_page and "Gem kontrakten" in form_page

    saved = _post(jc, f"/sager/{case['id']}/kontrakt/indhold", {**CONTENT, "version": "1"})
    assert saved.status_code == 303, saved.text
    row = _contract(app)
    assert (row.participants, row.interpreter_language, row.declaration_signed) == (
        CONTENT["participants"],
        "arabisk",
        True,
    )
    assert _post(jc, f"/sager/{case['id']}/kontrakt/underskrift", {"party": "caseworker", "version": str(row.version)})
    signed_once = _contract(app)
    assert (signed_once.caseworker_signed_by, signed_once.status) == ("Jonas Jobcenter", "draft")
    both = _post(
        jc, f"/sager/{case['id']}/kontrakt/underskrift", {"party": "citizen", "version": str(signed_once.version)}
    )
    assert both.status_code == 303, both.text
    assert _contract(app).status == "signed"
    assert [e for e in app.outbox() if e["type"] == "reception.contract_signed"]

    page = jc.get(f"/sager/{case['id']}/kontrakt").text
    assert "Underskrevet af begge" in page and f'href="/contracts/{row.id}/print"' in page
    assert "Gem kontrakten" not in page  # a signed contract is not edited
    assert f"Jonas Jobcenter, {dk(copenhagen_today())}" in page
    printed = jc.get(f"/contracts/{row.id}/print")
    assert printed.status_code == 200 and "Ordinært job i detailhandlen" in printed.text
    assert "Underskrevet af begge" in jc.get(f"/sager/{case['id']}").text


def test_r4_contract_form_error_is_danish_next_to_the_field_keeps_input_and_writes_nothing(make_app):
    app = make_app("reception")
    case = _case(app)
    jc = _signed_in(app, JC)
    _post(jc, f"/sager/{case['id']}/kontrakt", {})
    typed = {**CONTENT, "participants": "", "meeting_date": "20-11-2026", "version": "1"}
    resp = _post(jc, f"/sager/{case['id']}/kontrakt/indhold", typed)
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "participants") == "Feltet skal udfyldes"
    assert _error_next_to(resp.text, "meeting_date") == "Skriv en gyldig dato"
    assert 'value="20-11-2026"' in resp.text and "Danskuddannelse 2, modul 3</textarea>" in resp.text
    assert 'id="declaration_signed" name="declaration_signed" value="1" checked' in resp.text
    assert "Der er fejl i formularen" in resp.text
    row = _contract(app)
    assert (row.version, row.participants, row.meeting_date) == (1, "", None)


def test_r4_contract_changed_meanwhile_is_a_danish_conflict_with_the_input_kept(make_app):
    app = make_app("reception")
    case = _case(app)
    jc = _signed_in(app, JC)
    _post(jc, f"/sager/{case['id']}/kontrakt", {})
    assert _post(jc, f"/sager/{case['id']}/kontrakt/indhold", {**CONTENT, "version": "1"}).status_code == 303
    stale = _post(jc, f"/sager/{case['id']}/kontrakt/indhold", {**CONTENT, "danish_goal": "Modul 4", "version": "1"})
    assert stale.status_code == 422
    assert "Kontrakten er ændret af en anden i mellemtiden – genindlæs og prøv igen" in stale.text
    assert "Modul 4</textarea>" in stale.text
    assert _contract(app).danish_goal == CONTENT["danish_goal"]


def test_r4_signing_needs_the_declaration_in_danish(make_app):
    app = make_app("reception")
    case = _case(app)
    jc = _signed_in(app, JC)
    _post(jc, f"/sager/{case['id']}/kontrakt", {})
    content = {k: v for k, v in CONTENT.items() if k != "declaration_signed"}
    assert _post(jc, f"/sager/{case['id']}/kontrakt/indhold", {**content, "version": "1"}).status_code == 303
    resp = _post(jc, f"/sager/{case['id']}/kontrakt/underskrift", {"party": "caseworker", "version": "2"})
    assert resp.status_code == 422
    assert "Opholds- og selvforsørgelseserklæringen skal underskrives sammen med kontrakten" in resp.text
    assert _contract(app).caseworker_signed_at is None
    # Only Jobcentret draws up the contract.
    bs = _signed_in(app, BS)
    refused = _post(bs, f"/sager/{case['id']}/kontrakt/indhold", {**CONTENT, "version": "2"})
    assert refused.status_code == 422 and "Kun Jobcentret kan udarbejde integrationskontrakten" in refused.text


def _sanction(app) -> Sanction:
    with app.factory() as session:
        row = session.scalar(select(Sanction))
        assert row is not None
        return row


def test_r3_benefit_and_a_sanction_proposed_heard_and_decided_with_the_appeal_deadline(make_app):
    app = make_app("reception")
    case = _case(app)
    ok = _signed_in(app, OK, "Olga Økonomi")
    base = f"/sager/{case['id']}/forsorgelse"
    added = _post(
        ok,
        f"{base}/ydelse",
        {
            "start_date": "2026-11-01",
            "birth_date": "1990-01-02",
            "children": "0",
            "monthly_amount": "12.550,50",
            "override_reason": "Fastsat efter fradrag for indtægt",
            "payment_account_registered": "1",
        },
    )
    assert added.status_code == 303, added.text
    with app.factory() as session:
        benefit = session.scalar(select(Benefit))
        assert benefit is not None and str(benefit.monthly_amount) == "12550.50"
    assert "12.550,50 kr." in ok.get(base).text

    breach = copenhagen_today() - timedelta(days=5)
    jc = _signed_in(app, JC)
    guided = _post(
        jc,
        f"/sager/{case['id']}/vejledning",
        {
            "duty": "danskuddannelse",
            "given_on": (breach - timedelta(days=20)).isoformat(),
            "how": "samtale",
            "given_by": "Jens Jobcenter",
            "note": "",
        },
    )
    assert guided.status_code == 303, guided.text
    proposed = _post(
        jc,
        f"/sager/{case['id']}/sanktioner",
        {
            "reason": "Udeblevet fra danskundervisning uden gyldig grund",
            "duty": "danskuddannelse",
            "breach_date": breach.isoformat(),
            "amount": "1.250,00",
        },
    )
    assert proposed.status_code == 303, proposed.text
    sanction = _sanction(app)
    ok = _signed_in(app, OK, "Olga Økonomi")
    page = ok.get(base).text
    assert "Foreslået – partshøring mangler" in page and "1.250,00 kr." in page

    heard = _post(ok, f"/sager/{case['id']}/sanktioner/{sanction.id}/partshoering", {"version": "1", "reply_days": "7"})
    assert heard.status_code == 303, heard.text
    assert "I partshøring" in ok.get(base).text
    early = _post(
        ok,
        f"/sager/{case['id']}/sanktioner/{sanction.id}/afgoerelse",
        {"version": "2", "decision": "applied", "reasoning": "Borgeren er vejledt og har ikke svaret"},
    )
    assert early.status_code == 422 and "Afvent borgerens svar eller svarfristen" in early.text
    assert "Borgeren er vejledt og har ikke svaret</textarea>" in early.text

    replied = _post(
        ok, f"/sager/{case['id']}/sanktioner/{sanction.id}/svar", {"version": "2", "reply": "Jeg var syg den dag"}
    )
    assert replied.status_code == 303, replied.text
    decided = _post(
        ok,
        f"/sager/{case['id']}/sanktioner/{sanction.id}/afgoerelse",
        {"version": "3", "decision": "applied", "reasoning": "Der er ikke dokumentation for sygdom på dagen"},
    )
    assert decided.status_code == 303, decided.text
    assert _sanction(app).status == "applied"
    page = ok.get(base).text
    assert "Besluttet – fradrag i næste udbetaling" in page and "Jeg var syg den dag" in page
    due = appeal_deadline(copenhagen_today(), Delivery.DIGITAL).due
    assert f"{dk(due)}</span> (4 uger fra modtagelsen" in page and "Hvorfor denne frist?" in page
    assert "Udleveret ved samtale" in page and "Klagevejledning" in page and "aktiv socialpolitik § 35" in page


def test_r3_benefit_form_error_is_danish_keeps_input_and_writes_nothing(make_app):
    app = make_app("reception")
    case = _case(app)
    ok = _signed_in(app, OK)
    resp = _post(
        ok,
        f"/sager/{case['id']}/forsorgelse/ydelse",
        {"birth_date": "1990-01-02", "monthly_amount": "mange penge", "start_date": ""},
    )
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "monthly_amount") == "Skriv et beløb i kroner, fx 1234,50"
    assert _error_next_to(resp.text, "start_date") == "Feltet skal udfyldes"
    assert 'value="mange penge"' in resp.text and 'value="1990-01-02"' in resp.text
    assert app.count(Benefit) == 0


def test_r3_sanction_without_prior_written_guidance_is_refused_next_to_the_field(make_app):
    app = make_app("reception")
    case = _case(app)
    jc = _signed_in(app, JC)
    breach = copenhagen_today() - timedelta(days=3)
    resp = _post(
        jc,
        f"/sager/{case['id']}/sanktioner",
        {"reason": "Udeblevet fra praktik", "duty": "aktivering", "breach_date": breach.isoformat(), "amount": "500"},
    )
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "breach_date") == (
        f"Der er ikke registreret skriftlig vejledning om pligten (deltagelse i tilbud (aktivering)) før {dk(breach)}. "
        "Sanktion kræver forudgående skriftlig vejledning (aktivloven § 35, stk. 1)"
    )
    assert "Udeblevet fra praktik</textarea>" in resp.text and f'value="{breach.isoformat()}"' in resp.text
    assert app.count(Sanction) == 0
    # A decision's reasoning that is too short is said in Danish next to the field, on that sanction.
    ok = _signed_in(app, OK)
    _guide(app, case["id"], breach - timedelta(days=9))
    sanction = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={"reason": "Udeblevet", "breach_date": breach.isoformat(), "amount": "500"},
        headers=app.as_(OK),
    ).json()
    app.client.post(f"/sanctions/{sanction['id']}/hearing", json={"version": 1}, headers=app.as_(OK))
    short = _post(
        ok,
        f"/sager/{case['id']}/sanktioner/{sanction['id']}/afgoerelse",
        {"version": "2", "decision": "dropped", "reasoning": "Nej"},
    )
    assert short.status_code == 422
    assert _error_next_to(short.text, f"s{sanction['id']}-reasoning") == "Skriv en begrundelse på mindst 10 tegn"
    assert _sanction(app).status == "hearing"


def test_r3_payment_run_page_shows_gross_deduction_net_and_the_same_run_again(make_app):
    app = make_app("reception")
    case = _case(app)
    start = copenhagen_today().replace(day=1)
    app.client.post(
        f"/cases/{case['id']}/benefits",
        json=kontanthjaelp("12000.00", start=start.isoformat()),
        headers=app.as_(OK),
    )
    breach = copenhagen_today() - timedelta(days=2)
    _guide(app, case["id"], breach - timedelta(days=9))
    sanction = app.client.post(
        f"/cases/{case['id']}/sanctions",
        json={"reason": "Udeblevet", "breach_date": breach.isoformat(), "amount": "1250.00"},
        headers=app.as_(OK),
    ).json()
    sid = sanction["id"]
    app.client.post(f"/sanctions/{sid}/hearing", json={"version": 1}, headers=app.as_(OK))
    app.client.post(f"/sanctions/{sid}/reply", json={"version": 2, "reply": "Ingen"}, headers=app.as_(OK))
    decided = app.client.post(
        f"/sanctions/{sid}/decision",
        json={"version": 3, "decision": "applied", "reasoning": "Ingen gyldig grund til udeblivelsen"},
        headers=app.as_(OK),
    )
    assert decided.status_code == 200, decided.text

    ok = _signed_in(app, OK, "Olga Økonomi")
    assert "Udbetaling" in ok.get("/").text
    month = copenhagen_today().strftime("%Y-%m")  # a run is for the current or a past month (issue 14, defect 5)
    ran = _post(ok, "/udbetaling", {"month": month})
    assert (ran.status_code, ran.headers["location"]) == (303, f"/udbetaling?maaned={month}&igen=0")
    page = ok.get(ran.headers["location"]).text
    row = re.search(rf'<tr data-case="{case["id"]}" data-kind="regular">.*?</tr>', page, re.S)
    assert row, page
    assert re.findall(r"([\d.]+,\d\d) kr\.", row.group(0)) == ["12.000,00", "1.250,00", "10.750,00"]
    assert "Kørt " in page and "Olga Økonomi" in page

    again = _post(ok, "/udbetaling", {"month": month})
    assert again.headers["location"] == f"/udbetaling?maaned={month}&igen=1"
    page = ok.get(again.headers["location"]).text
    assert "Måneden er allerede kørt" in page and "10.750,00 kr." in page
    assert app.count(PaymentRun) == 1 and app.count(Payment) == 1

    # Only Økonomisk Team runs payments.
    assert _signed_in(app, JC).get("/udbetaling").status_code == 403


def test_r3_payment_run_form_error_is_danish_keeps_input_and_runs_nothing(make_app):
    app = make_app("reception")
    ok = _signed_in(app, OK)
    resp = _post(ok, "/udbetaling", {"month": "december"})
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "month") == "Skriv måneden som år og måned, fx 2026-12"
    assert 'value="december"' in resp.text
    assert app.count(PaymentRun) == 0


def test_r1_r3_case_page_timeline_shows_the_entries_in_order_with_danish_summaries(make_app):
    app = make_app("reception")
    case = _case(app)
    opened = next(e for e in app.outbox() if e["type"] == "reception.case_opened")
    assert consume(app.factory, "reception", opened, HANDLERS) == Outcome.HANDLED
    assigned = TemporaryAssigned(
        case_id=case["id"],
        unit_id=3,
        address="Egegårdsvej 22, 1. tv",
        ready_from=copenhagen_today(),
        arrival_date=copenhagen_today() + timedelta(days=3),
    )
    at = datetime.now(UTC) + timedelta(minutes=5)
    envelope = envelope_for(assigned, producer="housing").model_copy(update={"occurred_at": at})
    assert consume(app.factory, "reception", envelope.model_dump(mode="json"), HANDLERS) == Outcome.HANDLED

    page = _signed_in(app, JC).get(f"/sager/{case['id']}").text
    timeline = re.search(r'<ol id="timeline".*?</ol>', page, re.S)
    assert timeline, page
    items = re.findall(r"<li[^>]*><time[^>]*>([^<]*)</time>: ([^<]*)</li>", timeline.group(0))
    expected_arrival = date.fromisoformat(case["expected_arrival_date"])
    assert [summary for _when, summary in items] == [
        f"Sag oprettet ved myndighedsoverdragelse; forventet ankomst {dk(expected_arrival)}",
        "Midlertidig bolig anvist: Egegårdsvej 22, 1. tv",
    ]
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", when) for when, _s in items)


def test_r3_r4_deadlines_page_lists_the_departments_deadlines_with_overdue_marked_in_words(make_app):
    app = make_app("reception")
    case = _case(app)
    opened = next(e for e in app.outbox() if e["type"] == "reception.case_opened")
    consume(app.factory, "reception", opened, HANDLERS)
    with app.factory.begin() as session:
        session.execute(
            update(OnboardingTask)
            .where(OnboardingTask.kind == "cpr_registration")
            .values(due_date=copenhagen_today() - timedelta(days=2))
        )
    bs = _signed_in(app, BS)
    page = bs.get("/frister").text
    rows = re.findall(r'<tr data-case="(\d+)" data-kind="(\w+)" data-state="(\w+)">(.*?)</tr>', page, re.S)
    c, k, s, _cells = rows[0]
    assert (int(c), k, s) == (case["id"], "onboarding_task", "overdue")
    first = rows[0][3]
    assert "Overskredet" in first and "CPR-registrering" in first
    assert f'href="/sager/{case["id"]}#onboarding-section"' in first
    assert "Frister for Borgerservice" in page
    # Økonomisk Team sees its own deadlines only; not Borgerservice's.
    ok_page = _signed_in(app, OK).get("/frister?dage=30").text
    assert "CPR-registrering" not in ok_page and "Forsørgelse oprettet" in ok_page

    wrong = _signed_in(app, BS).get("/frister?dage=mange")
    assert wrong.status_code == 422
    assert _error_next_to(wrong.text, "dage") == "Vælg et antal dage mellem 0 og 365"


def _reunification_form(**overrides) -> dict[str, str]:
    data = {
        "immigration_person_id": "UDL-FAM-0001",
        "full_name": "Layla Haddad",
        "date_of_birth": "1992-05-06",
        "nationality": "SYR",
        "residence_basis": "family_reunification_9",
        "asylum_centre": "Ingen (indrejst fra Syrien)",
        "asylum_centre_contact": "Udlændingestyrelsen, 35 36 66 00",
        "member_0_name": "Sami Haddad",
        "member_0_dob": "2016-01-01",
        "member_0_relation": "child",
        "expected_arrival_date": (copenhagen_today() + timedelta(days=30)).isoformat(),
    }
    data.update(overrides)
    return data


def test_r11_family_reunification_form_opens_a_linked_case_shown_on_both_cases(make_app):
    app = make_app("reception")
    anchor = _case(app, family_members=[])
    jc = _signed_in(app, JC)
    form = jc.get(f"/sager/{anchor['id']}/familiesammenfoering").text
    assert '<option value="family_reunification_9" selected>' in form
    assert f"Familiesammenføring til {anchor['full_name']}" in form
    assert f'href="/sager/{anchor["id"]}/familiesammenfoering"' in jc.get(f"/sager/{anchor['id']}").text

    resp = _post(jc, f"/sager/{anchor['id']}/familiesammenfoering", _reunification_form())
    assert resp.status_code == 303, resp.text
    joined_id = int(resp.headers["location"].rsplit("/", 1)[1])
    with app.factory() as session:
        joined = session.get(Case, joined_id)
        assert joined is not None and joined.linked_case_id == anchor["id"] and joined.household_size == 2
        joined_number = joined.case_number
    joined_page = jc.get(f"/sager/{joined_id}").text
    assert f'Familiesammenført til <a href="/sager/{anchor["id"]}">sag {anchor["case_number"]}' in joined_page
    anchor_page = jc.get(f"/sager/{anchor['id']}").text
    assert f'<a href="/sager/{joined_id}">Sag {joined_number}: Layla Haddad</a>' in anchor_page
    assert [e for e in app.outbox() if e["type"] == "reception.family_reunification_planned"]


def test_r11_family_reunification_form_error_is_danish_keeps_input_and_writes_nothing(make_app):
    app = make_app("reception")
    anchor = _case(app, family_members=[])
    jc = _signed_in(app, JC)
    resp = _post(jc, f"/sager/{anchor['id']}/familiesammenfoering", _reunification_form(residence_basis="quota_8"))
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "residence_basis") == "Familiesammenføring kræver opholdsgrundlag efter § 9"
    assert 'value="Layla Haddad"' in resp.text and 'value="Sami Haddad"' in resp.text
    assert '<option value="quota_8" selected>' in resp.text
    missing = _post(jc, f"/sager/{anchor['id']}/familiesammenfoering", _reunification_form(full_name=""))
    assert missing.status_code == 422 and _error_next_to(missing.text, "full_name") == "Feltet skal udfyldes"
    assert app.count(Case) == 1
    assert _signed_in(app, BS).get(f"/sager/{anchor['id']}/familiesammenfoering").status_code == 403


def test_r1_case_page_shows_when_the_municipality_takes_over_and_takes_over_earlier_with_consent(make_app):
    """§ 4 on the case page: the day and its basis; Jobcentret takes over earlier with the consent noted,
    a date outside the rule is a Danish error next to the field with the input kept and nothing written."""
    app = make_app("reception")
    decided = copenhagen_today() - timedelta(days=2)
    case = _case(app, placement_decided_on=decided.isoformat())
    jc = _signed_in(app, JC)
    page = jc.get(f"/sager/{case['id']}")
    rule_day = date.fromisoformat(case["responsibility_from"])
    assert f"Fra {dk(rule_day)} (udgangen af første hele måned efter visitationsafgørelsen" in page.text
    assert "Tidligere overtagelse af ansvaret" in page.text

    late = _post(
        jc, f"/sager/{case['id']}/ansvar", {"taken_over_on": rule_day.isoformat(), "consent_note": "Mundtligt"}
    )
    assert late.status_code == 422
    assert (
        _error_next_to(late.text, "taken_over_on")
        == f"Datoen skal ligge fra visitationsafgørelsen og før {dk(rule_day)}"
    )
    assert 'value="Mundtligt"' in late.text
    with app.factory() as session:
        assert session.get(Case, case["id"]).responsibility_basis == "placement_rule"  # type: ignore[union-attr]

    done = _post(jc, f"/sager/{case['id']}/ansvar", {"taken_over_on": decided.isoformat(), "consent_note": "Mundtligt"})
    assert done.status_code == 303
    assert f"Fra {dk(decided)} (tidligere, efter samtykke fra borgeren" in jc.get(f"/sager/{case['id']}").text
    # Borgerservice sees the day but not the form.
    assert "Tidligere overtagelse af ansvaret" not in _signed_in(app, BS).get(f"/sager/{case['id']}").text


def test_r1_handover_form_takes_the_placement_decision_date(make_app):
    app = make_app("reception")
    udl = _signed_in(app, UDL)
    form = {
        "immigration_person_id": "UDL-4455667788",
        "full_name": "Karim Nouri",
        "date_of_birth": "1988-05-06",
        "nationality": "AFG",
        "residence_basis": "asylum_7_2",
        "asylum_centre": "Center Sandholm",
        "asylum_centre_contact": "Mette Hansen",
        "expected_arrival_date": (copenhagen_today() + timedelta(days=5)).isoformat(),
        "placement_decided_on": (copenhagen_today() + timedelta(days=1)).isoformat(),
    }
    future = _post(udl, "/overdragelser/ny", form)
    assert future.status_code == 422
    assert _error_next_to(future.text, "placement_decided_on") == "Datoen må ikke ligge i fremtiden"
    assert app.count(Case) == 0
    decided = copenhagen_today() - timedelta(days=1)
    made = _post(udl, "/overdragelser/ny", {**form, "placement_decided_on": decided.isoformat()})
    assert made.status_code == 303, made.text
    with app.factory() as session:
        (row,) = session.scalars(select(Case)).all()
        assert row.placement_decided_on == decided and row.responsibility_basis == "placement_rule"
