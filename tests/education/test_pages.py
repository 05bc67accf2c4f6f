"""E1–E5 through Danskuddannelse's Danish pages, in-process: each page's happy path and a form error.

A form error answers 422 with the page again: the Danish message next to the field, what the caseworker
typed kept, and nothing written. Success is a 303 to the page that shows the result.
"""

from __future__ import annotations

from datetime import timedelta

from education.absence.models import AbsenceReport, FollowUpConversation, ModuleTest
from education.courses.models import Course, CourseEnrolment, CourseSession
from education.efforts.models import LanguageEffort
from education.intake.models import LanguageAssessment, LanguageEnrolment
from education.schools.models import CooperationText, LanguageSchool, SteeringMeeting, SteeringMember
from shared.auth import Department
from shared.clock import one_month_after
from tests.education.helpers import TODAY, absence, course, course_session, created, effort, known_case, school
from tests.education.pages import as_, field_error, ok, post, text_of, textarea_of, value_of

PAGES = ("/", "/kurser", "/sprogvurdering", "/fravaer", "/sprogindsatser", "/sprogskoler")


def test_pages_need_sign_in_and_jobcentret(make_app):
    app = make_app("education")
    for path in PAGES:
        resp = app.client.get(path, follow_redirects=False)
        assert resp.status_code == 303 and resp.headers["location"].startswith("/login"), path
    as_(app, Department.BORGERSERVICE)
    for path in PAGES[1:]:
        resp = app.client.get(path)
        assert resp.status_code == 403 and "Du har ikke adgang" in resp.text, path
    resp = post(app, "/kurser", {"kind": "samfundsforhold", "programme": "P"})
    assert resp.status_code == 403 and app.count(Course) == 0


def test_front_page_links_every_sub_domain_page(make_app):
    app = as_(make_app("education"))
    page = app.client.get("/")
    assert page.status_code == 200
    for path in PAGES[1:]:
        assert f'href="{path}"' in page.text, path


def test_e5_courses_page_creates_a_course_with_programme_and_a_form_error_is_danish(make_app):
    app = as_(make_app("education"))
    page = app.client.get("/kurser")
    assert page.status_code == 200 and "Undervisning i dansk arbejdsmarkedskultur" in page.text
    bad = post(app, "/kurser", {"kind": "", "programme": "Demokrati og velfærd"})
    assert bad.status_code == 422
    assert field_error(bad.text, "course_kind") == "Vælg en af mulighederne"
    assert textarea_of(bad.text, "course_programme") == "Demokrati og velfærd"
    assert app.count(Course) == 0
    page = ok(app, "/kurser", {"kind": "moralkodeks", "programme": "Demokrati og velfærd"})
    assert "Undervisning i moralkodeks – betingelser for dansk statsborgerskab" in page.text
    assert textarea_of(page.text, "edit_programme") == "Demokrati og velfærd"


def test_e5_course_page_programme_version_and_sessions(make_app):
    app = as_(make_app("education"))
    c = course(app)
    page = ok(app, f"/kurser/{c['id']}", {"_form": "edit", "version": "1", "programme": "Nyt program"})
    assert textarea_of(page.text, "edit_programme") == "Nyt program"
    stale = post(app, f"/kurser/{c['id']}", {"_form": "edit", "version": "1", "programme": "Andet"})
    assert stale.status_code == 422 and "ændret af en anden i mellemtiden" in text_of(stale.text)
    assert textarea_of(stale.text, "edit_programme") == "Andet"
    form = {
        "_form": "session",
        "held_on": (TODAY + timedelta(days=3)).isoformat(),
        "start_time": "13:00",
        "end_time": "12:00",
        "place": "Rådhuset",
        "teacher": "Karen",
        "capacity": "10",
    }
    bad = post(app, f"/kurser/{c['id']}/hold", form)
    assert bad.status_code == 422
    assert field_error(bad.text, "session_end_time") == "Sluttidspunktet skal ligge efter starttidspunktet"
    assert value_of(bad.text, "session_place") == "Rådhuset" and app.count(CourseSession) == 0
    page = ok(app, f"/kurser/{c['id']}/hold", {**form, "end_time": "15:00"})
    assert "0 af 10 taget" in text_of(page.text)


def test_e5_session_page_enrols_a_case_refuses_a_full_session_and_records_attendance(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    known_case(app, 2)
    s = course_session(app, course(app)["id"], capacity=1, held_on=TODAY.isoformat())
    bad = post(app, f"/kurser/hold/{s['id']}/tilmeldinger", {"_form": "enrol", "case_id": ""})
    assert bad.status_code == 422 and field_error(bad.text, "enrol_case_id") == "Feltet skal udfyldes"
    page = ok(app, f"/kurser/hold/{s['id']}/tilmeldinger", {"_form": "enrol", "case_id": "1"})
    assert "Sag 2026-000001" in page.text and "1 af 1 taget" in text_of(page.text)
    full = post(app, f"/kurser/hold/{s['id']}/tilmeldinger", {"_form": "enrol", "case_id": "2"})
    assert full.status_code == 422 and "Holdet er fuldt" in text_of(full.text)
    assert app.count(CourseEnrolment) == 1
    with app.factory() as session:
        enrolment_id = session.query(CourseEnrolment).one().id
    bad = post(app, f"/tilmeldinger/{enrolment_id}/fremmoede", {"_form": f"e{enrolment_id}"})
    assert bad.status_code == 422
    assert field_error(bad.text, f"e{enrolment_id}_attended") == "Vælg en af mulighederne"
    page = ok(app, f"/tilmeldinger/{enrolment_id}/fremmoede", {"_form": f"e{enrolment_id}", "attended": "true"})
    assert "Fremmøde: mødt" in text_of(page.text)


def test_e1_list_page_flags_cases_past_the_deadline(make_app):
    app = as_(make_app("education"))
    known_case(app, 1, arrival=TODAY - timedelta(days=40))
    known_case(app, 2, arrival=TODAY)
    page = app.client.get("/sprogvurdering")
    assert page.status_code == 200
    late = text_of(page.text.split('data-case="1"')[1].split("</tr>")[0])
    fine = text_of(page.text.split('data-case="2"')[1].split("</tr>")[0])
    assert "Fristen er overskredet" in late and "Skal vurderes" in late
    assert "Fristen er overskredet" not in fine and one_month_after(TODAY).strftime("%d.%m.%Y") in fine
    assert "1 sag har overskredet fristen" in text_of(page.text)


def test_e1_case_page_records_the_assessment_and_enrols_and_form_errors_are_danish(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    s = school(app)
    form = {
        "_form": "assess",
        "version": "1",
        "assessed_on": (TODAY + timedelta(days=2)).isoformat(),
        "assessed_by": "Testleder",
        "track": "DU2",
        "start_module": "3",
        "notes": "",
    }
    bad = post(app, "/sprogvurdering/1/vurdering", form)
    assert bad.status_code == 422
    assert field_error(bad.text, "assess_assessed_on") == "Datoen må ikke ligge i fremtiden"
    assert value_of(bad.text, "assess_assessed_by") == "Testleder"
    with app.factory() as session:
        assert session.get(LanguageAssessment, 1).version == 1
    page = ok(app, "/sprogvurdering/1/vurdering", {**form, "assessed_on": TODAY.isoformat()})
    assert "DU2, modul 3" in text_of(page.text)

    enrol = {"_form": "enrol", "school_id": str(s["id"]), "track": "DU2", "module": "3", "start_date": "2026-02-30"}
    bad = post(app, "/sprogvurdering/1/tilmelding", enrol)
    assert bad.status_code == 422 and field_error(bad.text, "enrol_start_date") == "Skriv en gyldig dato"
    assert value_of(bad.text, "enrol_start_date") == "2026-02-30"
    assert app.count(LanguageEnrolment) == 0 and app.outbox() == []
    page = ok(app, "/sprogvurdering/1/tilmelding", {**enrol, "start_date": (TODAY + timedelta(days=7)).isoformat()})
    assert "Sprogcenter Vestegnen" in text_of(page.text) and "Tilmeldt sprogskole" in text_of(page.text)
    assert [e["type"] for e in app.outbox()] == ["education.language_enrolled"]


def test_e4_absence_page_registers_a_line_and_a_form_error_is_danish(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    end = TODAY - timedelta(days=1)
    form = {
        "_form": "absence",
        "case_id": "1",
        "course": "DU2 modul 1",
        "period_start": (end - timedelta(days=6)).isoformat(),
        "period_end": end.isoformat(),
        "planned_hours": "15",
        "absent_hours": "20",
        "excused_hours": "",
        "note": "",
    }
    bad = post(app, "/fravaer", form)
    assert bad.status_code == 422
    assert field_error(bad.text, "absence_absent_hours") == "Fraværet er større end de planlagte timer"
    assert value_of(bad.text, "absence_course") == "DU2 modul 1" and value_of(bad.text, "absence_absent_hours") == "20"
    assert app.count(AbsenceReport) == 0 and app.outbox() == []
    page = ok(app, "/fravaer", {**form, "absent_hours": "6"})
    assert "6 timer (meldt til Modtagelsen)" in text_of(page.text)
    listing = app.client.get("/fravaer")
    assert "Ikke planlagt" in text_of(listing.text.split("data-absence=")[1].split("</tr>")[0])


def test_e4_module_test_from_the_page_shows_on_the_case_progression(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    form = {"_form": "test", "case_id": "1", "track": "DU2", "module": "", "passed_on": TODAY.isoformat()}
    bad = post(app, "/fravaer/modultest", form)
    assert bad.status_code == 422 and field_error(bad.text, "test_module") == "Feltet skal udfyldes"
    assert value_of(bad.text, "test_passed_on") == TODAY.isoformat() and app.count(ModuleTest) == 0
    page = ok(app, "/fravaer/modultest", {**form, "module": "2"})
    progress = text_of(page.text.split('id="module-tests"')[1].split("</table>")[0])
    assert "DU2 2 " + TODAY.strftime("%d.%m.%Y") in progress


def test_e4_follow_up_conversation_page_plan_then_held_with_danish_errors(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    a = absence(app, 1)
    bad = post(app, f"/fravaer/{a['id']}/samtale", {"_form": "plan", "planned_on": "2020-01-01"})
    assert bad.status_code == 422
    assert (
        field_error(bad.text, "plan_planned_on") == "Datoen skal ligge mellem fraværsperiodens slutning og et år frem"
    )
    assert value_of(bad.text, "plan_planned_on") == "2020-01-01" and app.count(FollowUpConversation) == 0
    page = ok(app, f"/fravaer/{a['id']}/samtale", {"_form": "plan", "planned_on": TODAY.isoformat()})
    assert "Planlagt til " + TODAY.strftime("%d.%m.%Y") in text_of(page.text)
    held = {"_form": "fu", "version": "1", "planned_on": TODAY.isoformat(), "held_on": TODAY.isoformat(), "summary": ""}
    bad = post(app, f"/fravaer/{a['id']}/samtale/opdater", {**held, "sanction_recommended": "true"})
    assert bad.status_code == 422 and field_error(bad.text, "fu_summary") == "Skriv et referat af samtalen"
    assert value_of(bad.text, "fu_held_on") == TODAY.isoformat()
    with app.factory() as session:
        assert session.query(FollowUpConversation).one().held_on is None
    page = ok(
        app, f"/fravaer/{a['id']}/samtale/opdater", {**held, "summary": "Vejledt", "sanction_recommended": "true"}
    )
    assert "Økonomisk Team bør overveje en sanktion" in text_of(page.text)
    assert "education.absence_followed_up" in [e["type"] for e in app.outbox()]
    assert "Intet fravær venter på en opfølgningssamtale" in text_of(app.client.get("/fravaer").text)


def test_e3_efforts_page_plans_an_effort_and_moves_its_status_with_danish_errors(make_app):
    app = as_(make_app("education"))
    known_case(app, 1)
    form = {
        "_form": "effort",
        "case_id": "1",
        "kind": "virksomhedsdansk",
        "provider": "Rødovre Kommune, Materielgården",
        "from_date": TODAY.isoformat(),
        "to_date": (TODAY - timedelta(days=3)).isoformat(),
        "hours_per_week": "4",
    }
    bad = post(app, "/sprogindsatser", form)
    assert bad.status_code == 422 and field_error(bad.text, "effort_to_date") == "Slutdatoen ligger før startdatoen"
    assert value_of(bad.text, "effort_provider") == "Rødovre Kommune, Materielgården" and app.count(LanguageEffort) == 0
    page = ok(app, "/sprogindsatser", {**form, "to_date": (TODAY + timedelta(weeks=6)).isoformat()})
    assert "Virksomhedsdansk (arbejdspladsdansk) – sag 2026-000001" in text_of(page.text) and "Planlagt" in page.text

    e = effort(app, 1, kind="turbodansk")
    x = f"x{e['id']}_"
    bad = post(
        app,
        f"/sprogindsatser/{e['id']}",
        {"_form": f"x{e['id']}", "version": "1", "status": "completed", "outcome": ""},
    )
    assert bad.status_code == 422 and field_error(bad.text, f"{x}outcome") == "Skriv resultatet af indsatsen"
    page = ok(
        app, f"/sprogindsatser/{e['id']}", {"_form": f"x{e['id']}", "version": "1", "status": "started", "outcome": ""}
    )
    section = text_of(page.text.split(f'id="effort-{e["id"]}"')[1].split("</section>")[0])
    assert "I gang" in section
    wrong = post(
        app, f"/sprogindsatser/{e['id']}", {"_form": f"x{e['id']}", "version": "2", "status": "planned", "outcome": ""}
    )
    assert (
        wrong.status_code == 422
        and field_error(wrong.text, f"{x}status") == "En indsats, der er i gang, kan ikke ændres til planlagt"
    )


def test_e2_schools_page_creates_a_school_and_a_form_error_is_danish(make_app):
    app = as_(make_app("education"))
    bad = post(app, "/sprogskoler", {"name": "Sprogcenter Vestegnen", "address": "", "contact": "kontor@sprog.dk"})
    assert bad.status_code == 422 and field_error(bad.text, "school_address") == "Feltet skal udfyldes"
    assert value_of(bad.text, "school_name") == "Sprogcenter Vestegnen" and app.count(LanguageSchool) == 0
    page = ok(
        app, "/sprogskoler", {"name": "Sprogcenter Vestegnen", "address": "Rødovrevej 1", "contact": "kontor@sprog.dk"}
    )
    assert "<h1>Sprogcenter Vestegnen</h1>" in page.text
    twice = post(app, "/sprogskoler", {"name": "Sprogcenter Vestegnen", "address": "X", "contact": "Y"})
    assert twice.status_code == 422
    assert field_error(twice.text, "school_name") == "Der findes allerede en sprogskole med dette navn"


def test_e2_school_page_strategy_versioned_steering_members_and_meetings(make_app):
    app = as_(make_app("education"))
    s = school(app)
    base = f"/sprogskoler/{s['id']}"
    form = {
        "_form": "text",
        "kind": "strategy",
        "title": "Strategi 2027",
        "text": "Fokus på job",
        "valid_from": "2027-01-01",
        "valid_to": "2026-01-01",
    }
    bad = post(app, f"{base}/samarbejde", form)
    assert bad.status_code == 422 and field_error(bad.text, "text_valid_to") == "Gyldig til ligger før gyldig fra"
    assert value_of(bad.text, "text_title") == "Strategi 2027" and app.count(CooperationText) == 0
    page = ok(app, f"{base}/samarbejde", {**form, "valid_to": ""})
    assert "Strategi: Strategi 2027" in text_of(page.text) and "indtil videre" in page.text
    with app.factory() as session:
        text_id = session.query(CooperationText).one().id
    edit = {
        "_form": f"t{text_id}",
        "version": "1",
        "title": "Strategi 2027",
        "text": "Fokus på job og sprog",
        "valid_from": "2027-01-01",
        "valid_to": "2027-12-31",
    }
    page = ok(app, f"/samarbejde/{text_id}", edit)
    assert textarea_of(page.text, f"t{text_id}_text") == "Fokus på job og sprog"
    stale = post(app, f"/samarbejde/{text_id}", {**edit, "text": "Gammel"})
    assert stale.status_code == 422 and "ændret af en anden i mellemtiden" in text_of(stale.text)
    assert textarea_of(stale.text, f"t{text_id}_text") == "Gammel"

    bad = post(
        app,
        f"{base}/styregruppe",
        {"_form": "member", "name": "Anne Leder", "organisation": "Jobcentret", "role": "x" * 201},
    )
    assert bad.status_code == 422 and field_error(bad.text, "member_role") == "Teksten er for lang"
    assert app.count(SteeringMember) == 0
    page = ok(
        app,
        f"{base}/styregruppe",
        {"_form": "member", "name": "Anne Leder", "organisation": "Jobcentret", "role": "Formand"},
    )
    assert "Anne Leder Jobcentret Formand" in text_of(page.text.split('id="members"')[1].split("</table>")[0])

    bad = post(app, f"{base}/moeder", {"_form": "meeting", "held_on": "", "agenda": "1. Fravær"})
    assert bad.status_code == 422 and field_error(bad.text, "meeting_held_on") == "Feltet skal udfyldes"
    assert textarea_of(bad.text, "meeting_agenda") == "1. Fravær" and app.count(SteeringMeeting) == 0
    page = ok(app, f"{base}/moeder", {"_form": "meeting", "held_on": TODAY.isoformat(), "agenda": "1. Fravær"})
    with app.factory() as session:
        meeting_id = session.query(SteeringMeeting).one().id
    page = ok(
        app,
        f"/styregruppemoeder/{meeting_id}",
        {
            "_form": f"m{meeting_id}",
            "version": "1",
            "agenda": "1. Fravær",
            "minutes": "Drøftet",
            "decisions": "Ugentlig liste",
        },
    )
    assert textarea_of(page.text, f"m{meeting_id}_decisions") == "Ugentlig liste"


def test_e2_meeting_in_the_future_refuses_minutes_on_the_page(make_app):
    app = as_(make_app("education"))
    s = school(app)
    m = created(
        app,
        f"/language-schools/{s['id']}/steering-meetings",
        {"held_on": (TODAY + timedelta(days=9)).isoformat(), "agenda": "1. Budget"},
    )
    bad = post(
        app,
        f"/styregruppemoeder/{m['id']}",
        {"_form": f"m{m['id']}", "version": "1", "agenda": "1. Budget", "minutes": "For tidligt", "decisions": ""},
    )
    assert bad.status_code == 422 and "Referat og beslutninger kan først skrives på mødedagen" in text_of(bad.text)
    with app.factory() as session:
        assert session.get(SteeringMeeting, m["id"]).version == 1


def test_e2_school_page_changes_a_member_and_marks_them_as_left_with_danish_errors(make_app):
    """E2: edit a member's role and organisation and mark them as left on the school page; errors are Danish
    next to the field with what was typed kept, and write nothing; the member who left is listed as former."""
    app = as_(make_app("education"))
    s = school(app)
    m = created(
        app,
        f"/language-schools/{s['id']}/steering-members",
        {"name": "Anne Leder", "organisation": "Jobcentret", "role": "Medlem"},
    )
    base, x, y = f"/styregruppemedlemmer/{m['id']}", f"s{m['id']}_", f"l{m['id']}_"
    page = app.client.get(f"/sprogskoler/{s['id']}")
    assert value_of(page.text, f"{x}role") == "Medlem" and value_of(page.text, f"{y}left_on") == TODAY.isoformat()

    edit = {"_form": f"s{m['id']}", "version": "1", "name": "Anne Leder", "organisation": "Rødovre Kommune", "role": ""}
    bad = post(app, base, edit)
    assert bad.status_code == 422 and field_error(bad.text, f"{x}role") == "Feltet skal udfyldes"
    assert value_of(bad.text, f"{x}organisation") == "Rødovre Kommune"
    with app.factory() as session:
        row = session.get(SteeringMember, m["id"])
        assert (row.organisation, row.role, row.version) == ("Jobcentret", "Medlem", 1)
    page = ok(app, base, {**edit, "role": "Formand"})
    members = text_of(page.text.split('id="members"')[1].split("</table>")[0])
    assert "Anne Leder Rødovre Kommune Formand" in members
    stale = post(app, base, {**edit, "role": "Næstformand"})
    assert stale.status_code == 422 and "ændret af en anden i mellemtiden" in text_of(stale.text)
    assert value_of(stale.text, f"{x}role") == "Næstformand"

    future = (TODAY + timedelta(days=3)).isoformat()
    leave = {"_form": f"l{m['id']}", "version": "2", "left_on": future}
    bad = post(app, f"{base}/fratraadt", leave)
    assert bad.status_code == 422
    assert field_error(bad.text, f"{y}left_on") == "Fratrædelsesdatoen kan ikke ligge i fremtiden"
    assert value_of(bad.text, f"{y}left_on") == future
    as_(app, Department.BORGERSERVICE)
    assert post(app, f"{base}/fratraadt", {**leave, "left_on": TODAY.isoformat()}).status_code == 403
    with app.factory() as session:
        assert session.get(SteeringMember, m["id"]).left_on is None
    as_(app)
    yesterday = TODAY - timedelta(days=1)
    page = ok(app, f"{base}/fratraadt", {**leave, "left_on": yesterday.isoformat()})
    assert "Ingen medlemmer endnu." in page.text and f'id="member-{m["id"]}"' not in page.text
    former = text_of(page.text.split('id="former-members"')[1].split("</table>")[0])
    assert f"Anne Leder Rødovre Kommune Formand {yesterday:%d.%m.%Y}" in former
    late = post(app, base, {**edit, "version": "3", "role": "Formand igen"})
    assert late.status_code == 422
    assert f"Medlemmet er fratrådt styregruppen den {yesterday:%d.%m.%Y}" in text_of(late.text)
    assert app.count(SteeringMember) == 1


def test_detail_pages_of_unknown_ids_are_the_danish_not_found_page(make_app):
    app = as_(make_app("education"))
    for path in ("/kurser/999", "/kurser/hold/999", "/sprogvurdering/999", "/fravaer/999", "/sprogskoler/999"):
        resp = app.client.get(path)
        assert resp.status_code == 404 and "Siden findes ikke" in resp.text, path
    for path in (
        "/tilmeldinger/999/fremmoede",
        "/sprogindsatser/999",
        "/samarbejde/999",
        "/styregruppemoeder/999",
        "/styregruppemedlemmer/999",
        "/styregruppemedlemmer/999/fratraadt",
    ):
        resp = post(app, path, {"version": "1"})
        assert resp.status_code == 404 and "Siden findes ikke" in resp.text, path
