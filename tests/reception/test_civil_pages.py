"""Reception's Danish pages for R7 (host families and mentors), R8 (volunteers), R9 (starter packages) and
R10 (welcome meetings at the town hall).

Each form: the happy path (303 after success, the effect in the database and on the page), a form error
(422, the Danish message next to the field, what was typed kept, nothing written) and a department that may
not use it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from reception.cases.models import AccessLog
from reception.civil.models import FollowUpNote, Invitation, Match, StarterPackage, Volunteer, WelcomeMeeting
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.reception.helpers import handover

UDL, JC, FR, BM, BKF = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.FRIVILLIGHED,
    Department.BORGMESTERKONTORET,
    Department.BKF,
)


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


def _form_alert(html: str) -> str:
    alert = re.search(r'<div class="alert alert-error" role="alert">.*?<p class="alert-text">([^<]*)</p>', html, re.S)
    assert alert, "no form alert"
    return alert.group(1)


VOLUNTEER = {
    "name": "Karen Madsen",
    "contact": "karen@example.dk",
    "skills": "Lektiehjælp",
    "languages": "dansk, engelsk, arabisk",
    "availability": "Hverdage efter kl. 16",
}


def _volunteer(app, name: str = "Karen Madsen", check: str | None = "approved") -> int:
    made = app.client.post("/volunteers", json={**VOLUNTEER, "name": name}, headers=app.as_(FR))
    assert made.status_code == 201, made.text
    if check:
        checked = app.client.post(
            f"/volunteers/{made.json()['id']}/background-check", json={"background_check": check}, headers=app.as_(FR)
        )
        assert checked.status_code == 200, checked.text
    return int(made.json()["id"])


# --- R8: volunteers --------------------------------------------------------------------------------------------


def test_r8_volunteer_registered_and_background_check_set_through_the_page(make_app):
    app = make_app("reception")
    client = _signed_in(app, FR, "Frida Frivillig")
    page = client.get("/frivillige")
    assert page.status_code == 200 and "Der er ikke registreret frivillige endnu" in page.text
    made = _post(client, "/frivillige", VOLUNTEER)
    assert made.status_code == 303
    with app.factory() as session:
        row = session.scalars(select(Volunteer)).one()
        assert (row.name, row.languages, row.availability, row.background_check) == (
            "Karen Madsen",
            "dansk, engelsk, arabisk",
            "Hverdage efter kl. 16",
            "pending",
        )
    assert made.headers["location"] == f"/frivillige#frivillig-{row.id}"
    html = client.get("/frivillige").text
    article = re.search(rf'<article id="frivillig-{row.id}".*?</article>', html, re.S)
    assert article and "Lektiehjælp" in article.group(0) and "Afventer" in article.group(0)
    assert 'class="badge badge-warning status-tag"' in article.group(0)
    checked = _post(client, f"/frivillige/{row.id}/straffeattest", {"background_check": "approved"})
    assert checked.status_code == 303 and checked.headers["location"] == f"/frivillige#frivillig-{row.id}"
    with app.factory() as session:
        assert session.get(Volunteer, row.id).background_check == "approved"  # type: ignore[union-attr]
    html = client.get("/frivillige").text
    assert 'data-check="approved"' in html and "Godkendt" in html
    # The work lists link to the page for Frivillighedsområdet.
    assert 'href="/frivillige"' in client.get("/").text


def test_r8_volunteer_form_error_is_danish_next_to_the_field_and_keeps_input(make_app):
    app = make_app("reception")
    client = _signed_in(app, FR)
    resp = _post(client, "/frivillige", {**VOLUNTEER, "name": "  "})
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "name") == "Feltet skal udfyldes"
    assert 'value="karen@example.dk"' in resp.text and ">Lektiehjælp</textarea>" in resp.text
    assert 'value="Hverdage efter kl. 16"' in resp.text and "Der er fejl i formularen" in resp.text
    too_long = _post(client, "/frivillige", {**VOLUNTEER, "languages": "x" * 201})
    assert too_long.status_code == 422 and _error_next_to(too_long.text, "languages") == "Teksten er for lang"
    assert app.count(Volunteer) == 0
    volunteer_id = _volunteer(app, check=None)
    bad = _post(client, f"/frivillige/{volunteer_id}/straffeattest", {"background_check": "maybe"})
    assert bad.status_code == 422
    assert _error_next_to(bad.text, f"v{volunteer_id}-check") == "Vælg en af mulighederne"
    missing = _post(client, "/frivillige/999999/straffeattest", {"background_check": "approved"})
    assert missing.status_code == 422 and "Den frivillige findes ikke" in missing.text
    with app.factory() as session:
        assert session.get(Volunteer, volunteer_id).background_check == "pending"  # type: ignore[union-attr]


def test_r8_volunteers_page_is_for_frivillighedsomraadet_only(make_app):
    app = make_app("reception")
    volunteer_id = _volunteer(app, check=None)
    jc = _signed_in(app, JC)
    assert jc.get("/frivillige").status_code == 403
    assert 'href="/frivillige"' not in jc.get("/").text
    refused = _post(jc, "/frivillige", VOLUNTEER)
    assert refused.status_code == 403 and app.count(Volunteer) == 1
    check = _post(jc, f"/frivillige/{volunteer_id}/straffeattest", {"background_check": "approved"})
    assert check.status_code == 403
    with app.factory() as session:
        assert session.get(Volunteer, volunteer_id).background_check == "pending"  # type: ignore[union-attr]
    app.client.cookies.clear()
    assert _post(app.client, "/frivillige", VOLUNTEER).headers["location"].startswith("/login")


# --- R7: host families and mentors on the case -----------------------------------------------------------------

MATCH = {
    "kind": "mentor",
    "content": "Ugentlige møder om hverdagsliv",
    "purpose": "Netværk og dansk sprog i praksis",
    "follow_up_days": "30",
}


def test_r7_mentor_agreement_and_follow_up_through_the_case_page(make_app):
    app = make_app("reception")
    case = _case(app)
    approved, pending = _volunteer(app, "Karen Madsen"), _volunteer(app, "Ole Olsen", check=None)
    client = _signed_in(app, FR, "Frida Frivillig")
    url = f"/sager/{case['id']}/civilsamfund"
    page = client.get(url)
    assert page.status_code == 200 and "ikke matchet med en værtsfamilie eller mentor" in page.text
    assert f'<option value="{approved}">Karen Madsen</option>' in page.text
    assert f'<option value="{pending}">' not in page.text  # only approved volunteers are offered
    made = _post(client, f"{url}/aftaler", {**MATCH, "volunteer_id": str(approved)})
    assert made.status_code == 303 and made.headers["location"] == f"{url}#aftaler"
    with app.factory() as session:
        match = session.scalars(select(Match)).one()
        assert (match.kind, match.volunteer_id, match.purpose, match.next_follow_up) == (
            "mentor",
            approved,
            "Netværk og dansk sprog i praksis",
            copenhagen_today() + timedelta(days=30),
        )
    on = copenhagen_today() - timedelta(days=2)
    followed = _post(client, f"{url}/aftaler/{match.id}/opfoelgning", {"on": on.isoformat(), "note": "Godt i gang"})
    assert followed.status_code == 303 and followed.headers["location"] == f"{url}#aftale-{match.id}"
    with app.factory() as session:
        note = session.scalars(select(FollowUpNote)).one()
        assert (note.match_id, note.on, note.note, note.by) == (match.id, on, "Godt i gang", "Frida Frivillig")

    # Jobcentret, co-owner of the agreements (R7), reads them with their forms; the read is logged.
    jc = _signed_in(app, JC, "Jonas Jobcenter")
    html = jc.get(url).text
    assert "Mentor – Karen Madsen" in html and "Ugentlige møder om hverdagsliv" in html
    assert dk(on + timedelta(days=30)) in html and "Godt i gang" in html and dk(on) in html
    assert "Opret aftale" in html and "Registrér opfølgning" in html and "Afslut aftale" in html
    assert "Anmod om startpakke" not in html  # starter packages stay Frivillighedsområdet's (R9)
    assert f'href="{url}"' in jc.get(f"/sager/{case['id']}").text
    with app.factory() as session:
        logged = session.scalars(
            select(AccessLog).where(AccessLog.case_id == case["id"], AccessLog.action == "read_civil_society")
        ).all()
        assert {row.user for row in logged} == {"Frida Frivillig", "Jonas Jobcenter"}


def test_r7_agreement_form_errors_are_danish_next_to_the_field_and_keep_input(make_app):
    app = make_app("reception")
    case = _case(app)
    approved, pending = _volunteer(app, "Karen Madsen"), _volunteer(app, "Ole Olsen", check=None)
    client = _signed_in(app, FR)
    url = f"/sager/{case['id']}/civilsamfund"
    short = _post(client, f"{url}/aftaler", {**MATCH, "volunteer_id": str(approved), "content": "ok"})
    assert short.status_code == 422 and _error_next_to(short.text, "content") == "Skriv mindst 3 tegn"
    assert ">ok</textarea>" in short.text and ">Netværk og dansk sprog i praksis</textarea>" in short.text
    assert f'<option value="{approved}" selected>' in short.text and '<option value="mentor" selected>' in short.text
    often = _post(client, f"{url}/aftaler", {**MATCH, "volunteer_id": str(approved), "follow_up_days": "3"})
    assert often.status_code == 422 and _error_next_to(often.text, "follow_up_days") == "Skriv et tal på mindst 7"
    assert 'value="3"' in often.text
    unchecked = _post(client, f"{url}/aftaler", {**MATCH, "volunteer_id": str(pending)})
    assert unchecked.status_code == 422
    assert _error_next_to(unchecked.text, "volunteer_id") == "Den frivilliges børne- og straffeattest er ikke godkendt"
    assert app.count(Match) == 0

    assert _post(client, f"{url}/aftaler", {**MATCH, "volunteer_id": str(approved)}).status_code == 303
    with app.factory() as session:
        match_id = session.scalars(select(Match.id)).one()
    future = (copenhagen_today() + timedelta(days=1)).isoformat()
    ahead = _post(client, f"{url}/aftaler/{match_id}/opfoelgning", {"on": future, "note": "Planlagt"})
    assert ahead.status_code == 422 and _error_next_to(ahead.text, f"m{match_id}-on") == "Datoen ligger i fremtiden"
    assert ">Planlagt</textarea>" in ahead.text
    empty = _post(client, f"{url}/aftaler/{match_id}/opfoelgning", {"on": copenhagen_today().isoformat(), "note": ""})
    assert empty.status_code == 422 and _error_next_to(empty.text, f"m{match_id}-note") == "Feltet skal udfyldes"
    other_case = _case(app)
    wrong = _post(
        client,
        f"/sager/{other_case['id']}/civilsamfund/aftaler/{match_id}/opfoelgning",
        {"on": copenhagen_today().isoformat(), "note": "Forkert sag"},
    )
    assert wrong.status_code == 422 and "Aftalen findes ikke på sagen" in wrong.text
    assert app.count(FollowUpNote) == 0 and app.count(Match) == 1


def test_r7_r9_who_writes_on_the_case_page(make_app):
    """R7: agreements are Frivillighedsområdet's and Jobcentret's; R9: starter packages Frivillighedsområdet's."""
    app = make_app("reception")
    case = _case(app)
    approved = _volunteer(app)
    url = f"/sager/{case['id']}/civilsamfund"
    bkf = _signed_in(app, BKF)
    refused = _post(bkf, f"{url}/aftaler", {**MATCH, "volunteer_id": str(approved)})
    assert refused.status_code == 422
    assert _form_alert(refused.text) == "Kun Frivillighedsområdet og Jobcentret kan registrere aftaler"
    jc = _signed_in(app, JC)
    package = _post(jc, f"{url}/startpakker", {"items": "Dyne"})
    assert package.status_code == 422 and "Kun Frivillighedsområdet kan registrere her" in package.text
    assert app.count(Match) == 0 and app.count(StarterPackage) == 0
    assert _signed_in(app, UDL).get(url).status_code == 403  # not a case reader
    assert _signed_in(app, BKF).get("/sager/999999/civilsamfund").status_code == 404


# --- R9: starter packages --------------------------------------------------------------------------------------


def test_r9_starter_package_requested_collected_delivered_through_the_page(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, FR)
    url = f"/sager/{case['id']}/civilsamfund"
    assert "Der er ikke anmodet om en startpakke" in client.get(url).text
    asked = _post(client, f"{url}/startpakker", {"items": "Dyne, pude, gryder, tallerkener"})
    assert asked.status_code == 303 and asked.headers["location"] == f"{url}#startpakker"
    with app.factory() as session:
        package_id = session.scalars(select(StarterPackage.id)).one()
    html = client.get(url).text
    assert "Dyne, pude, gryder, tallerkener" in html and "Anmodet" in html and "Markér som indsamlet" in html
    for step in ("collected", "delivered"):
        moved = _post(client, f"{url}/startpakker/{package_id}/status", {"status": step})
        assert moved.status_code == 303 and moved.headers["location"] == f"{url}#startpakke-{package_id}"
    with app.factory() as session:
        assert session.get(StarterPackage, package_id).status == "delivered"  # type: ignore[union-attr]
    html = client.get(url).text
    assert 'data-status="delivered"' in html and "Leveret" in html and "Markér som" not in html


def test_r9_starter_package_errors_are_danish_and_write_nothing(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, FR)
    url = f"/sager/{case['id']}/civilsamfund"
    empty = _post(client, f"{url}/startpakker", {"items": "   "})
    assert empty.status_code == 422 and _error_next_to(empty.text, "items") == "Feltet skal udfyldes"
    assert app.count(StarterPackage) == 0
    assert _post(client, f"{url}/startpakker", {"items": "Dyne"}).status_code == 303
    with app.factory() as session:
        package_id = session.scalars(select(StarterPackage.id)).one()
    skipped = _post(client, f"{url}/startpakker/{package_id}/status", {"status": "delivered"})
    assert skipped.status_code == 422 and _form_alert(skipped.text) == "Startpakken kan ikke skifte til den status"
    bad = _post(client, f"{url}/startpakker/{package_id}/status", {"status": "lost"})
    assert bad.status_code == 422 and _form_alert(bad.text) == "Vælg en af mulighederne"
    with app.factory() as session:
        assert session.get(StarterPackage, package_id).status == "requested"  # type: ignore[union-attr]
    jc = _post(_signed_in(app, JC), f"{url}/startpakker/{package_id}/status", {"status": "collected"})
    assert jc.status_code == 422 and "Kun Frivillighedsområdet" in jc.text
    with app.factory() as session:
        assert session.get(StarterPackage, package_id).status == "requested"  # type: ignore[union-attr]


# --- R10: welcome meetings -------------------------------------------------------------------------------------


def test_r10_welcome_meeting_created_invited_and_attendance_through_the_page(make_app):
    app = make_app("reception")
    case = _case(app)
    bm = _signed_in(app, BM, "Bente Borgmester")
    page = bm.get("/velkomstmoeder")
    assert page.status_code == 200 and "Der er ikke oprettet velkomstmøder" in page.text
    assert 'value="Rødovre Rådhus"' in page.text and '<option value="Borgmesterkontoret" selected>' in page.text
    # The mayor's office may not open the case list or the deadlines: no links to them.
    assert 'href="/frister"' not in page.text and ">Sager</a>" not in page.text
    assert ">Sager</a>" in _signed_in(app, JC).get("/velkomstmoeder").text
    bm = _signed_in(app, BM, "Bente Borgmester")
    made = _post(
        bm,
        "/velkomstmoeder",
        {"held_on": copenhagen_today().isoformat(), "place": "Rødovre Rådhus", "host": "Jobcentret"},
    )
    assert made.status_code == 303
    with app.factory() as session:
        meeting = session.scalars(select(WelcomeMeeting)).one()
        assert (meeting.held_on, meeting.place, meeting.host) == (copenhagen_today(), "Rødovre Rådhus", "Jobcentret")
    assert made.headers["location"] == f"/velkomstmoeder#moede-{meeting.id}"
    invited = _post(
        _signed_in(app, JC), f"/velkomstmoeder/{meeting.id}/invitationer", {"case_number": case["case_number"]}
    )
    assert invited.status_code == 303 and invited.headers["location"] == f"/velkomstmoeder#moede-{meeting.id}"
    with app.factory() as session:
        invitation = session.scalars(select(Invitation)).one()
        assert (invitation.case_id, invitation.attended) == (case["id"], None)
    bm = _signed_in(app, BM, "Bente Borgmester")
    html = bm.get("/velkomstmoeder").text
    assert case["case_number"] in html and "Amina Haddad" in html and "Inviteret" in html
    came = _post(bm, f"/velkomstmoeder/invitationer/{invitation.id}/fremmoede", {"attended": "true"})
    assert came.status_code == 303
    with app.factory() as session:
        assert session.get(Invitation, invitation.id).attended is True  # type: ignore[union-attr]
        logged = session.scalars(
            select(AccessLog).where(AccessLog.case_id == case["id"], AccessLog.action == "read_welcome_meetings")
        ).all()
        assert logged and {row.department for row in logged} == {"borgmesterkontoret"}
    html = bm.get("/velkomstmoeder").text
    assert 'data-attended="True"' in html and "Mødt op" in html
    assert 'href="/velkomstmoeder"' in _signed_in(app, JC).get("/").text


def test_r10_welcome_meeting_form_errors_are_danish_next_to_the_field_and_keep_input(make_app):
    app = make_app("reception")
    case = _case(app)
    bm = _signed_in(app, BM)
    empty = _post(bm, "/velkomstmoeder", {"held_on": "", "place": "Byrådssalen", "host": "Borgmesterkontoret"})
    assert empty.status_code == 422 and _error_next_to(empty.text, "held_on") == "Feltet skal udfyldes"
    assert 'value="Byrådssalen"' in empty.text
    stranger = _post(
        bm, "/velkomstmoeder", {"held_on": copenhagen_today().isoformat(), "place": "Rådhus", "host": "Fremmed"}
    )
    assert stranger.status_code == 422 and _error_next_to(stranger.text, "host") == "Vælg en af mulighederne"
    assert app.count(WelcomeMeeting) == 0

    later = (copenhagen_today() + timedelta(days=7)).isoformat()
    assert _post(bm, "/velkomstmoeder", {"held_on": later, "place": "Rådhus", "host": "Jobcentret"}).status_code == 303
    with app.factory() as session:
        meeting_id = session.scalars(select(WelcomeMeeting.id)).one()
    invite_url = f"/velkomstmoeder/{meeting_id}/invitationer"
    field_id = f"m{meeting_id}-case_number"
    typo = _post(bm, invite_url, {"case_number": "Amina"})
    assert typo.status_code == 422
    assert _error_next_to(typo.text, field_id) == "Skriv sagsnummeret som år og nummer, fx 2026-000001"
    assert 'value="Amina"' in typo.text
    unknown = _post(bm, invite_url, {"case_number": "1999-999999"})
    assert unknown.status_code == 422
    assert _error_next_to(unknown.text, field_id) == "Der findes ingen sag med det sagsnummer"
    assert app.count(Invitation) == 0
    assert _post(bm, invite_url, {"case_number": case["case_number"]}).status_code == 303
    again = _post(bm, invite_url, {"case_number": case["case_number"]})
    assert again.status_code == 422 and _error_next_to(again.text, field_id) == "Sagen er allerede inviteret"
    with app.factory() as session:
        invitation_id = session.scalars(select(Invitation.id)).one()
    attend_url = f"/velkomstmoeder/invitationer/{invitation_id}/fremmoede"
    early = _post(bm, attend_url, {"attended": "true"})
    assert early.status_code == 422 and _form_alert(early.text) == "Fremmøde registreres efter mødet"
    unset = _post(bm, attend_url, {"attended": ""})
    assert unset.status_code == 422 and "Vælg en af mulighederne" in unset.text
    with app.factory() as session:
        assert session.get(Invitation, invitation_id).attended is None  # type: ignore[union-attr]
    assert app.count(Invitation) == 1


def test_r10_welcome_meetings_page_is_for_borgmesterkontoret_and_jobcentret(make_app):
    app = make_app("reception")
    fr = _signed_in(app, FR)
    assert fr.get("/velkomstmoeder").status_code == 403
    assert 'href="/velkomstmoeder"' not in fr.get("/").text
    refused = _post(
        fr, "/velkomstmoeder", {"held_on": copenhagen_today().isoformat(), "place": "Rådhus", "host": "Jobcentret"}
    )
    assert refused.status_code == 403 and app.count(WelcomeMeeting) == 0
    assert _signed_in(app, JC).get("/velkomstmoeder").status_code == 200
