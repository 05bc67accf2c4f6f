"""C1 Sekretær through the Danish pages: members, meetings with agenda/minutes, høringssager, meddelelser.

A form error answers 422 with the page again: the Danish message next to the field, the input kept, nothing
written. Success is a 303 to the page showing the result."""

from __future__ import annotations

from council.hearings.models import Announcement, Consultation
from council.meetings.models import AgendaItem, Meeting, Member
from shared.auth import Department
from tests.council.helpers import day
from tests.council.pagehelpers import as_, field_error, ok, post, text_of, value_of


def test_c1_front_page_links_every_council_page(make_app):
    app = make_app("council")
    resp = app.client.get("/", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/login")
    page = as_(app).client.get("/").text
    for href in ("/medlemmer", "/moeder", "/hoeringer", "/valg", "/aktiviteter", "/koordinerende-team"):
        assert f'href="{href}"' in page, href


def test_c1_pages_need_sign_in_and_a_council_department(make_app):
    app = make_app("council")
    for path in ("/medlemmer", "/moeder", "/hoeringer"):
        resp = app.client.get(path, follow_redirects=False)
        assert resp.status_code == 303 and resp.headers["location"].startswith("/login"), path
    as_(app, Department.DRIFT)
    assert app.client.get("/medlemmer").status_code == 403
    as_(app, Department.INTEGRATIONSRAADET)
    assert app.client.get("/medlemmer").status_code == 200
    resp = post(
        app,
        "/medlemmer",
        {"name": "A", "organisation": "B", "role": "member", "term_start": "2026-01-01", "term_end": "2029-12-31"},
    )
    assert resp.status_code == 422 and "Kun Jobcentret" in text_of(resp.text)
    assert app.count(Member) == 0


def test_c1_member_page_adds_and_shows_danish_error_keeping_input(make_app):
    app = as_(make_app("council"))
    page = ok(
        app,
        "/medlemmer",
        {
            "name": "Amina Hassan",
            "organisation": "Dansk Flygtningehjælp",
            "role": "chair",
            "term_start": "2026-01-01",
            "term_end": "2029-12-31",
        },
    )
    assert "Amina Hassan" in page.text and "Formand" in page.text
    bad = post(
        app,
        "/medlemmer",
        {"name": "Ole", "organisation": "", "role": "member", "term_start": "2026-01-01", "term_end": "2031-01-01"},
    )
    assert bad.status_code == 422
    assert field_error(bad.text, "member_organisation") == "Feltet skal udfyldes"
    assert value_of(bad.text, "member_name") == "Ole"
    assert app.count(Member) == 1
    bad = post(
        app,
        "/medlemmer",
        {"name": "Ole", "organisation": "X", "role": "member", "term_start": "2026-01-01", "term_end": "2031-01-01"},
    )
    assert "seneste slutdato er 31.12.2029" in field_error(bad.text, "member_term_end")
    assert app.count(Member) == 1


def test_c1_meeting_pages_agenda_minutes_and_approval(make_app):
    app = as_(make_app("council"))
    bad = post(app, "/moeder", {"meeting_date": "2026-02-30", "place": "Rådhuset"})
    assert bad.status_code == 422 and field_error(bad.text, "meeting_meeting_date") == "Skriv en gyldig dato"
    assert value_of(bad.text, "meeting_place") == "Rådhuset" and app.count(Meeting) == 0
    resp = post(app, "/moeder", {"meeting_date": day(-1), "place": "Rådhuset"})
    assert resp.status_code == 303
    path = resp.headers["location"]
    page = ok(
        app,
        f"{path}/punkter",
        {"_form": "item", "title": "Høring om sprogcentre", "description": "", "kind": "decision"},
    )
    assert "Punkt 1. Høring om sprogcentre" in text_of(page.text) and "Beslutning" in page.text
    bad = post(app, f"{path}/punkter", {"_form": "item", "title": "Uden type", "kind": ""})
    assert field_error(bad.text, "item_kind") == "Vælg en af mulighederne"
    assert value_of(bad.text, "item_title") == "Uden type" and app.count(AgendaItem) == 1
    refused = post(app, f"{path}/godkend", {"version": "1"})
    assert refused.status_code == 422 and "Skriv referat til alle punkter" in text_of(refused.text)
    with app.factory() as session:
        item = session.query(AgendaItem).one()
    ok(
        app,
        f"{path}/punkter/{item.id}/referat",
        {"_form": f"minutes-{item.id}", "minutes": "Rådet afgiver svar.", "version": "1"},
    )
    page = ok(app, f"{path}/godkend", {"version": "1"})
    assert "Referatet er godkendt og offentliggjort" in page.text and "Rådet afgiver svar." in page.text
    locked = post(app, f"{path}/punkter/{item.id}/referat", {"minutes": "Nyt", "version": "2"})
    assert locked.status_code == 422 and "kan ikke ændres" in text_of(locked.text)
    assert app.client.get("/moeder/999").status_code == 404


def test_c1_hearings_page_receive_prepare_answer_and_announce(make_app):
    app = as_(make_app("council"))
    bad = post(
        app,
        "/hoeringer",
        {"_form": "hearing", "title": "Høring", "from_body": "Udvalget", "received_on": day(-1), "reply_due": day(-5)},
    )
    assert bad.status_code == 422
    assert field_error(bad.text, "hearing_reply_due") == "Svarfristen ligger før modtagelsesdatoen"
    assert value_of(bad.text, "hearing_title") == "Høring" and app.count(Consultation) == 0
    page = ok(
        app,
        "/hoeringer",
        {"_form": "hearing", "title": "Høring", "from_body": "Udvalget", "received_on": day(-10), "reply_due": day(-1)},
    )
    assert "Svarfristen er overskredet" in page.text
    with app.factory() as session:
        cid = session.query(Consultation).one().id
    ok(app, f"/hoeringer/{cid}/udarbejdelse", {"version": "1"})
    empty = post(app, f"/hoeringer/{cid}/svar", {"_form": f"reply-{cid}", "reply": "", "version": "2"})
    assert field_error(empty.text, f"h{cid}_reply") == "Feltet skal udfyldes"
    page = ok(app, f"/hoeringer/{cid}/svar", {"_form": f"reply-{cid}", "reply": "Rådet bakker op.", "version": "2"})
    assert "Besvaret efter fristen" in page.text and "Rådet bakker op." in page.text
    bad = post(app, "/hoeringer/meddelelser", {"_form": "news", "title": "", "text": "Mødet flyttes"})
    assert field_error(bad.text, "news_title") == "Feltet skal udfyldes" and app.count(Announcement) == 0
    page = ok(
        app,
        "/hoeringer/meddelelser",
        {"_form": "news", "title": "Nyt mødested", "text": "Mødet flyttes", "published_on": ""},
    )
    assert "Nyt mødested" in page.text and app.count(Announcement) == 1


def test_c1_meeting_page_moves_an_agenda_item_up(make_app):
    app = as_(make_app("council"))
    path = post(app, "/moeder", {"meeting_date": day(3), "place": "Rådhuset"}).headers["location"]
    for title in ("Velkomst", "Høringssvar", "Eventuelt"):
        ok(app, f"{path}/punkter", {"_form": "item", "title": title, "kind": "orientation"})
    with app.factory() as session:
        last = session.query(AgendaItem).filter_by(title="Eventuelt").one()
    page = ok(app, f"{path}/punkter/{last.id}/op", {})
    text = text_of(page.text)
    assert text.index("Punkt 2. Eventuelt") < text.index("Punkt 3. Høringssvar")
    assert post(app, f"{path}/punkter/999/op", {}).status_code == 422


def test_c1_meeting_page_stale_minutes_say_so_in_danish_and_keep_the_text(make_app):
    """Two secretaries write the same item's minutes: the second (stale version) is told, nothing overwritten."""
    app = as_(make_app("council"))
    path = post(app, "/moeder", {"meeting_date": day(-1), "place": "Rådhuset"}).headers["location"]
    ok(app, f"{path}/punkter", {"_form": "item", "title": "Høring", "kind": "decision"})
    with app.factory() as session:
        item = session.query(AgendaItem).one()
    ok(app, f"{path}/punkter/{item.id}/referat", {"_form": f"minutes-{item.id}", "minutes": "Først", "version": "1"})
    stale = post(
        app,
        f"{path}/punkter/{item.id}/referat",
        {"_form": f"minutes-{item.id}", "minutes": "Anden version", "version": "1"},
    )
    assert stale.status_code == 422 and "ændret af en anden" in text_of(stale.text)
    assert "Anden version" in stale.text
    with app.factory() as session:
        assert session.get(AgendaItem, item.id).minutes == "Først"
