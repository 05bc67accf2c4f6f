"""C1–C4 on the Danish pages: every department that reads the council's pages sees their data, but only
Jobcentret (the secretariat, the one department council/web.py ``submit()`` lets write) sees the forms.

The other readers (Integrationsrådet on the council's pages, the department heads on the coordinating team's)
get the page without a single form to post and one line saying who writes; a post they send anyway is still
refused in Danish. Each test seeds its rows through the JSON API as Jobcentret and names them in its docstring.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from council.web import COUNCIL_READERS, JC, TEAM_READERS
from shared.auth import Department
from tests.council.helpers import day, meeting
from tests.council.helpers import post as api_post
from tests.council.helpers import put as api_put
from tests.council.pagehelpers import as_, text_of
from tests.council.pagehelpers import post as page_post

IR = Department.INTEGRATIONSRAADET
HEAD = Department.BKF  # a department head on the coordinating team
NOTE = "Kun Jobcentret (sekretariatet) kan ændre oplysningerne her."
TERM = {"term_start": "2026-01-01", "term_end": "2029-12-31"}


def forms(html: str) -> list[str]:
    """Where the page's forms post to, in page order; sign-out (in every page's header) left out."""
    tags = re.findall(r"<form\b[^>]*>", html)
    actions = [m.group(1) if (m := re.search(r'action="([^"]*)"', tag)) else "" for tag in tags]
    return [a for a in actions if a != "/logout"]


def read_only(app: Any, path: str, department: Department, *shown: str) -> str:
    """The page as a reader who may not write: 200, the data ``shown``, no form, the note once."""
    as_(app, department, "Rita Rådsmedlem")
    resp = app.client.get(path)
    assert resp.status_code == 200, (path, department, resp.status_code)
    assert forms(resp.text) == [], (path, department, forms(resp.text))
    assert '<form method="post" action="/' not in resp.text.replace('<form method="post" action="/logout"', "")
    assert resp.text.count(NOTE) == 1, path
    text = text_of(resp.text)
    for data in shown:
        assert data in text, (path, department, data)
    return str(resp.text)


def written(app: Any, path: str, *shown: str) -> list[str]:
    """The same page as Jobcentret: the data ``shown``, no note, and where its forms post to."""
    as_(app)
    resp = app.client.get(path)
    assert resp.status_code == 200, (path, resp.status_code)
    assert NOTE not in resp.text
    text = text_of(resp.text)
    for data in shown:
        assert data in text, (path, data)
    return forms(resp.text)


# C1: members, meetings, a meeting, hearings


def test_c1_members_page_member_amina_hassan_read_by_the_council_without_the_form(make_app):
    """Seed: member Amina Hassan (Dansk Flygtningehjælp, formand). The council reads her; only Jobcentret
    gets the 'Registrér medlem' form, and a council member's post is still refused in Danish."""
    app = make_app("council")
    api_post(
        app, "/members", {"name": "Amina Hassan", "organisation": "Dansk Flygtningehjælp", "role": "chair", **TERM}
    )
    shown = ("Amina Hassan", "Dansk Flygtningehjælp", "Formand", "01.01.2026 – 31.12.2029")
    page = read_only(app, "/medlemmer", IR, *shown)
    assert "Registrér medlem" not in page
    refused = page_post(app, "/medlemmer", {"name": "Ole", "organisation": "X", "role": "member", **TERM})
    assert refused.status_code == 422 and "Kun Jobcentret (sekretariatet) kan" in text_of(refused.text)
    assert forms(refused.text) == [] and "Amina Hassan" in refused.text
    assert written(app, "/medlemmer", *shown) == ["/medlemmer"]


def test_c1_meetings_page_meeting_at_roedovre_raadhus_read_by_the_council_without_the_form(make_app):
    """Seed: a meeting yesterday at 'Rødovre Rådhus, mødelokale 2' with two agenda items."""
    app = make_app("council")
    m = meeting(app)
    shown = ("Rødovre Rådhus, mødelokale 2", "Ikke godkendt")
    page = read_only(app, "/moeder", IR, *shown)
    assert f'href="/moeder/{m["id"]}"' in page and "Opret møde" not in page
    assert written(app, "/moeder", *shown) == ["/moeder"]


def test_c1_meeting_page_agenda_and_draft_minutes_read_by_the_council_without_forms(make_app):
    """Seed: a meeting with items 'Punkt 1' (draft minutes 'Rådet tager orienteringen til efterretning.') and
    'Punkt 2'. The council reads the agenda and the draft minutes as text; Jobcentret gets the forms to move an
    item up, write minutes, add an item and approve."""
    app = make_app("council")
    m = meeting(app)
    first, second = m["items"]
    api_put(
        app,
        f"/agenda-items/{first['id']}/minutes",
        {"minutes": "Rådet tager orienteringen til efterretning.", "version": 1},
    )
    path = f"/moeder/{m['id']}"
    shown = ("Punkt 1. Punkt 1", "Punkt 2. Punkt 2", "Rødovre Rådhus, mødelokale 2")
    page = read_only(app, path, IR, *shown, "Referat (ikke godkendt) Rådet tager orienteringen til efterretning.")
    assert "Godkend referat" not in page and "Tilføj punkt til dagsordenen" not in page
    assert written(app, path, *shown) == [
        f"{path}/punkter/{first['id']}/referat",
        f"{path}/punkter/{second['id']}/op",
        f"{path}/punkter/{second['id']}/referat",
        f"{path}/punkter",
        f"{path}/godkend",
    ]


def test_c1_meeting_page_approved_minutes_read_by_the_council(make_app):
    """Seed: a meeting with one item 'Punkt 1' whose minutes 'Rådet afgiver høringssvar.' are approved."""
    app = make_app("council")
    m = meeting(app, items=1)
    api_put(
        app, f"/agenda-items/{m['items'][0]['id']}/minutes", {"minutes": "Rådet afgiver høringssvar.", "version": 1}
    )
    api_post(app, f"/meetings/{m['id']}/minutes/approve", {"version": 1}, status=200)
    shown = ("Referatet er godkendt og offentliggjort", "Referat Rådet afgiver høringssvar.")
    read_only(app, f"/moeder/{m['id']}", IR, *shown)
    assert written(app, f"/moeder/{m['id']}", *shown) == []


def test_c1_hearings_page_three_hearings_and_an_announcement_read_by_the_council_without_forms(make_app):
    """Seed: høringssager 'Budget 2027' (received), 'Boligplacering' (under preparation) and 'Sprogcentre'
    (answered 'Rådet bakker op.'), and the meddelelse 'Nyt mødested'."""
    app = make_app("council")
    ids = {}
    for title in ("Budget 2027", "Boligplacering", "Sprogcentre"):
        body = {"title": title, "from_body": "Økonomiudvalget", "received_on": day(-10), "reply_due": day(5)}
        ids[title] = api_post(app, "/consultations", body)["id"]
    for title in ("Boligplacering", "Sprogcentre"):
        api_post(app, f"/consultations/{ids[title]}/prepare", {"version": 1}, status=200)
    api_post(app, f"/consultations/{ids['Sprogcentre']}/reply", {"reply": "Rådet bakker op.", "version": 2}, status=200)
    api_post(app, "/announcements", {"title": "Nyt mødested", "text": "Mødet flyttes til Medborgerhuset"})
    shown = ("Budget 2027", "Boligplacering", "Sprogcentre", "Rådet bakker op.", "Nyt mødested", "Medborgerhuset")
    page = read_only(app, "/hoeringer", IR, *shown)
    assert "Registrér høringssag" not in page and "Skriv meddelelse" not in page
    assert written(app, "/hoeringer", *shown) == [
        f"/hoeringer/{ids['Budget 2027']}/udarbejdelse",
        f"/hoeringer/{ids['Boligplacering']}/svar",
        "/hoeringer",
        "/hoeringer/meddelelser",
    ]


# C2: activities, an activity


def _activity(app: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    body = {"title": "Foreningsdag", "activity_date": day(7), "place": "Rådhuset", "responsible": "Ole Jensen"}
    activity = api_post(app, "/activities", body)
    task = api_post(app, f"/activities/{activity['id']}/tasks", {"text": "Book lokale", "owner": "Sekretariatet"})
    return activity, task


def test_c2_activities_page_foreningsdag_read_by_the_council_without_the_form(make_app):
    """Seed: the activity 'Foreningsdag' at Rådhuset (Ole Jensen responsible) with one open task."""
    app = make_app("council")
    activity, _ = _activity(app)
    shown = ("Foreningsdag", "Rådhuset", "Ole Jensen", "Planlagt")
    page = read_only(app, "/aktiviteter", IR, *shown)
    assert f'href="/aktiviteter/{activity["id"]}"' in page and "Planlæg aktivitet" not in page
    assert written(app, "/aktiviteter", *shown) == ["/aktiviteter"]


def test_c2_activity_page_foreningsdag_and_its_task_read_by_the_council_without_forms(make_app):
    """Seed: 'Foreningsdag' with the coordination task 'Book lokale' (Sekretariatet, not done)."""
    app = make_app("council")
    activity, task = _activity(app)
    path = f"/aktiviteter/{activity['id']}"
    shown = ("Foreningsdag", "Planlagt", "Book lokale", "Sekretariatet", "Ikke udført")
    page = read_only(app, path, IR, *shown)
    assert "Marker som afholdt" not in page and "Tilføj koordineringsopgave" not in page
    tasks = f"{path}/opgaver"
    assert written(app, path, *shown) == [f"{path}/status", f"{path}/status", f"{tasks}/{task['id']}", tasks]


# C3: elections, an election


def test_c3_elections_page_election_2026_2029_read_by_the_council_without_the_form(make_app):
    """Seed: the election for 01.01.2026 – 31.12.2029 with 7 seats, in nomination."""
    app = make_app("council")
    e = api_post(app, "/elections", {**TERM, "seats": 7})
    shown = ("01.01.2026 – 31.12.2029", "Opstilling")
    page = read_only(app, "/valg", IR, *shown)
    assert f'href="/valg/{e["id"]}"' in page and "Opret valg" not in page
    assert written(app, "/valg", *shown) == ["/valg"]


def test_c3_election_page_in_nomination_candidate_fatima_ali_read_by_the_council_without_forms(make_app):
    """Seed: the 2026–2029 election in nomination with the candidate Fatima Ali (not yet confirmed) and the
    voter 'Hemmelig Vælger', whom only the secretariat sees."""
    app = make_app("council")
    e = api_post(app, "/elections", {**TERM, "seats": 7})
    c = api_post(app, f"/elections/{e['id']}/candidates", {"name": "Fatima Ali", "nominated_by": "Foreningen"})
    api_post(app, f"/elections/{e['id']}/voters", {"name": "Hemmelig Vælger", "address": "Rødovrevej 1"})
    path = f"/valg/{e['id']}"
    shown = ("Fase: Opstilling", "Fatima Ali", "Foreningen", "Ikke bekræftet", "Indstillingen skrives")
    page = read_only(app, path, IR, *shown)
    assert "Hemmelig Vælger" not in page and "Opstil kandidat" not in page and "Åbn afstemningen" not in page
    assert written(app, path, *shown, "Hemmelig Vælger") == [
        f"{path}/fase",
        f"{path}/kandidater/{c['id']}/valgbarhed",
        f"{path}/kandidater",
        f"{path}/vaelgere",
    ]


def test_c3_election_page_counted_with_a_tie_read_by_the_council_without_forms(make_app):
    """Seed: the 2026–2029 election with 7 seats and 8 eligible candidates K0–K7, counted without votes, so all
    8 are tied: the council reads the result; Jobcentret gets the lot and the recommendation forms."""
    app = make_app("council")
    e = api_post(app, "/elections", {**TERM, "seats": 7})
    for n in range(8):
        c = api_post(app, f"/elections/{e['id']}/candidates", {"name": f"K{n}", "nominated_by": "F"})
        api_put(app, f"/candidates/{c['id']}/eligibility", {"eligible": True})
    api_post(app, f"/elections/{e['id']}/voting", {"version": 1}, status=200)
    api_post(app, f"/elections/{e['id']}/count", {"version": 2}, status=200)
    path = f"/valg/{e['id']}"
    shown = ("0 afgivne stemmer", "K7", "Stemmelighed")
    page = read_only(app, path, IR, *shown, "Stemmerne er optalt. Sekretariatet skriver indstillingen til byrådet.")
    assert "afgør ved lodtrækning" not in page and "Indstil til byrådet" not in page
    assert written(app, path, *shown) == [f"{path}/lodtraekning", f"{path}/indstilling"]


# C4: the coordinating team, a team meeting


def _team_meeting(app: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    body = {"meeting_date": day(-3), "participants": [{"department": "bkf"}, {"department": "jobcentret"}]}
    m = api_post(app, "/team/meetings", body)
    api_post(app, f"/team/meetings/{m['id']}/items", {"title": "Status på boliger", "notes": "Tre familier venter"})
    action = api_post(
        app, f"/team/meetings/{m['id']}/actions", {"text": "Find bolig", "owner": "social_psykiatri", "due_on": day(-1)}
    )
    return m, action


def test_c4_team_page_meeting_and_overdue_action_find_bolig_read_by_a_department_head_without_the_form(make_app):
    """Seed: a team meeting three days ago (BKF and Jobcentret) with the action 'Find bolig' for Social- og
    Psykiatriafdelingen, due yesterday, so it is over the deadline."""
    app = make_app("council")
    m, _ = _team_meeting(app)
    shown = ("Find bolig", "Social- og Psykiatriafdelingen", "Over fristen", "BKF / Koordinerende team")
    page = read_only(app, "/koordinerende-team", HEAD, *shown)
    assert f'href="/koordinerende-team/{m["id"]}"' in page and "Deltagende afdelinger" not in page
    assert written(app, "/koordinerende-team", *shown) == ["/koordinerende-team"]


def test_c4_team_meeting_page_item_status_paa_boliger_and_action_read_by_a_department_head_without_forms(make_app):
    """Seed: the same team meeting with the agenda item 'Status på boliger' ('Tre familier venter') and the
    open action 'Find bolig'."""
    app = make_app("council")
    m, action = _team_meeting(app)
    path = f"/koordinerende-team/{m['id']}"
    shown = ("Status på boliger – Tre familier venter", "Find bolig", "Social- og Psykiatriafdelingen", "Åben")
    page = read_only(app, path, HEAD, *shown)
    assert "Tilføj punkt" not in page and "Tilføj opgave" not in page and "Marker som udført" not in page
    assert written(app, path, *shown) == [f"{path}/punkter", f"{path}/opgaver/{action['id']}", f"{path}/opgaver"]


# Every reader department, on each kind of list page: the forms follow the one rule web.py posts by.

READERS = {
    **dict.fromkeys(("/medlemmer", "/moeder", "/hoeringer", "/aktiviteter", "/valg"), COUNCIL_READERS),
    "/koordinerende-team": TEAM_READERS,
}


@pytest.mark.parametrize("path", list(READERS))
def test_c1_c4_only_jobcentret_of_all_readers_sees_the_forms(make_app, path):
    """No seed rows: the empty list pages, read by each of their reader departments in turn."""
    app = make_app("council")
    for department in READERS[path]:
        as_(app, department)
        resp = app.client.get(path)
        assert resp.status_code == 200, (path, department)
        assert bool(forms(resp.text)) is (department == JC), (path, department)
        assert (NOTE in resp.text) is (department != JC), (path, department)
