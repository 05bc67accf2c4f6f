"""Reception's Danish pages for R6 (tour and guidance log) and R12/R13 (referrals to BKF and Sundhedscentret).

Each page: the happy path (303 after success, the effect in the database and on the page) and a form error
(422, the Danish message next to the field, what was typed kept, nothing written); only the receiving
department moves a referral's status on.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from reception.guidance.models import GuidanceEntry, LocalTour
from reception.referrals.models import Referral
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.reception.helpers import handover

UDL, JC, BKF, SC = (Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET, Department.BKF, Department.SUNDHEDSCENTRET)


def dk(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def _case(app) -> dict:
    resp = app.client.post("/handovers", json=handover(), headers=app.as_(UDL))
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


def test_r6_tour_booked_moved_done_and_guidance_logged_on_the_page(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, JC, "Jonas Jobcenter")
    url = f"/sager/{case['id']}/vejledning"
    page = client.get(url)
    assert page.status_code == 200 and "Der er ikke booket en rundtur" in page.text
    day = copenhagen_today() + timedelta(days=5)
    booked = _post(client, f"{url}/rundtur", {"booked_for": day.isoformat(), "guide": "Frivillig Karen"})
    assert booked.status_code == 303 and booked.headers["location"] == f"{url}#rundtur"
    moved = _post(client, f"{url}/rundtur", {"booked_for": (day + timedelta(days=1)).isoformat(), "guide": "Karen"})
    assert moved.status_code == 303
    done = _post(
        client, f"{url}/rundtur/gennemfoert", {"done_on": copenhagen_today().isoformat(), "notes": "Bibliotek"}
    )
    assert done.status_code == 303
    with app.factory() as session:
        tour = session.get(LocalTour, case["id"])
        assert tour is not None
        assert (tour.booked_for, tour.guide, tour.done_on, tour.notes) == (
            day + timedelta(days=1),
            "Karen",
            copenhagen_today(),
            "Bibliotek",
        )
    for days_ago, topic, channel in ((3, "Brev fra Skattestyrelsen", "phone"), (1, "Tandlæge", "in_person")):
        logged = _post(
            client,
            f"{url}/samtaler",
            {
                "on": (copenhagen_today() - timedelta(days=days_ago)).isoformat(),
                "channel": channel,
                "topic": topic,
                "interpreter": "Tolk Ahmad",
                "language": "arabisk",
                "note": "",
            },
        )
        assert logged.status_code == 303 and logged.headers["location"] == f"{url}#vejledningslog"
    assert app.count(GuidanceEntry) == 2

    # A case-reading department reads the page, newest conversation first, and has no forms.
    html = _signed_in(app, BKF).get(url).text
    assert "Gennemført" in html and "Bibliotek" in html and dk(copenhagen_today()) in html
    rows = re.findall(r'<tr data-entry="\d+">(.*?)</tr>', html, re.S)
    assert len(rows) == 2 and "Tandlæge" in rows[0] and "Fremmøde" in rows[0]
    assert "Brev fra Skattestyrelsen" in rows[1] and "Telefon" in rows[1] and "Tolk Ahmad, arabisk" in rows[1]
    assert "Registrér vejledning" not in html and "Book rundtur" not in html
    assert f'href="{url}"' in _signed_in(app, BKF).get(f"/sager/{case['id']}").text


def test_r6_guidance_form_error_is_danish_next_to_the_field_and_keeps_input(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, JC)
    url = f"/sager/{case['id']}/vejledning"
    resp = _post(
        client,
        f"{url}/samtaler",
        {"on": "", "channel": "video", "topic": "Boligstøtte", "interpreter": "", "language": "dari", "note": "Ring"},
    )
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "guidance_on") == "Feltet skal udfyldes"
    assert 'value="Boligstøtte"' in resp.text and 'value="dari"' in resp.text and ">Ring</textarea>" in resp.text
    assert '<option value="video" selected>' in resp.text
    future = _post(
        client,
        f"{url}/samtaler",
        {"on": (copenhagen_today() + timedelta(days=2)).isoformat(), "channel": "phone", "topic": "Skat"},
    )
    assert future.status_code == 422 and _error_next_to(future.text, "guidance_on") == "Datoen ligger i fremtiden"
    too_long = _post(
        client,
        f"{url}/samtaler",
        {"on": copenhagen_today().isoformat(), "channel": "phone", "topic": "Skat", "language": "x" * 51},
    )
    assert too_long.status_code == 422 and _error_next_to(too_long.text, "language") == "Teksten er for lang"
    tour = _post(client, f"{url}/rundtur", {"booked_for": "", "guide": "Frivillig Karen"})
    assert tour.status_code == 422 and _error_next_to(tour.text, "booked_for") == "Feltet skal udfyldes"
    assert 'value="Frivillig Karen"' in tour.text
    assert app.count(GuidanceEntry) == 0 and app.count(LocalTour) == 0
    # Only Jobcentret writes.
    other = _post(_signed_in(app, BKF), f"{url}/samtaler", {"on": copenhagen_today().isoformat(), "channel": "phone"})
    assert other.status_code == 422 and "Kun Jobcentret" in other.text and app.count(GuidanceEntry) == 0


def _refer(client, case_id: int, **fields):
    data = {"person": "Omar Haddad", "kind": "daycare", "reason": "Plads i børnehave fra januar", **fields}
    return _post(client, f"/sager/{case_id}/henvisninger", data)


def test_r12_r13_referrals_made_on_the_page_for_household_members(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, JC, "Jonas Jobcenter")
    url = f"/sager/{case['id']}/henvisninger"
    page = client.get(url)
    assert page.status_code == 200 and "Der er ingen henvisninger på sagen" in page.text
    assert '<option value="Amina Haddad">' in page.text and '<option value="Omar Haddad">' in page.text
    made = _refer(client, case["id"])
    assert made.status_code == 303 and made.headers["location"] == f"{url}#henvisninger"
    health = _refer(client, case["id"], person="Amina Haddad", kind="medical_assessment", reason="Knæsmerter")
    assert health.status_code == 303
    with app.factory() as session:
        rows = session.scalars(select(Referral).order_by(Referral.id)).all()
        assert [(r.person, r.kind, r.owner_department, r.status) for r in rows] == [
            ("Omar Haddad", "daycare", "bkf", "requested"),
            ("Amina Haddad", "medical_assessment", "sundhedscentret", "requested"),
        ]
    html = client.get(url).text
    assert "Dagtilbud for Omar Haddad" in html and "Helbredsvurdering for Amina Haddad" in html
    assert html.count("Anmodet") >= 2 and "Gem status" not in html  # Jobcentret does not set the status
    assert f'href="{url}"' in client.get(f"/sager/{case['id']}").text


def test_r12_referral_form_error_is_danish_next_to_the_field_and_keeps_input(make_app):
    app = make_app("reception")
    case = _case(app)
    client = _signed_in(app, JC)
    resp = _refer(client, case["id"], kind="school", reason="ok")
    assert resp.status_code == 422
    assert _error_next_to(resp.text, "reason") == "Skriv en begrundelse på mindst 3 tegn"
    assert ">ok</textarea>" in resp.text and '<option value="school" selected>' in resp.text
    assert '<option value="Omar Haddad" selected>' in resp.text
    stranger = _refer(client, case["id"], person="Fremmed Person")
    assert stranger.status_code == 422
    assert _error_next_to(stranger.text, "person") == "Personen skal være sagens person eller et familiemedlem"
    assert "Plads i børnehave fra januar</textarea>" in stranger.text
    assert app.count(Referral) == 0


def test_r12_bkf_moves_its_referral_on_and_sundhedscentret_cannot(make_app):
    app = make_app("reception")
    case = _case(app)
    assert _refer(_signed_in(app, JC), case["id"]).status_code == 303
    with app.factory() as session:
        referral_id = session.scalars(select(Referral.id)).one()
    url = f"/sager/{case['id']}/henvisninger"
    status_url = f"{url}/{referral_id}/status"

    health = _signed_in(app, SC, "Sofie Sundhed")
    assert "Gem status" not in health.get(url).text  # the form is shown to the receiving department only
    refused = _post(health, status_url, {"status": "accepted", "note": "Vi tager den"})
    assert refused.status_code == 422
    assert "Kun den modtagende afdeling kan opdatere henvisningen" in refused.text

    bkf = _signed_in(app, BKF, "Bo BKF")
    page = bkf.get(url).text
    assert "Gem status" in page
    options = re.search(rf'<select[^>]*id="r{referral_id}-status".*?</select>', page, re.S)
    assert options and re.findall(r'<option value="(\w+)"', options.group(0)) == ["accepted", "closed"]
    assert ">Modtaget<" in options.group(0) and ">Afsluttet<" in options.group(0)
    empty = _post(bkf, status_url, {"status": "", "note": "Uden status"})
    assert empty.status_code == 422 and _error_next_to(empty.text, f"r{referral_id}-status") == (
        "Vælg en af mulighederne"
    )
    assert "Uden status</textarea>" in empty.text
    accepted = _post(bkf, status_url, {"status": "accepted", "note": "Plads i Børnehuset Solsikken"})
    assert accepted.status_code == 303 and accepted.headers["location"] == f"{url}#henvisning-{referral_id}"
    started = _post(bkf, status_url, {"status": "started", "note": ""})
    assert started.status_code == 303
    backwards = _post(bkf, status_url, {"status": "accepted", "note": ""})
    assert backwards.status_code == 422 and "Henvisningen kan ikke skifte til den status" in backwards.text
    with app.factory() as session:
        row = session.get(Referral, referral_id)
        assert row is not None
        assert (row.status, row.note, row.updated_by) == ("started", "Plads i Børnehuset Solsikken", "Bo BKF")
    html = bkf.get(url).text
    assert "Igangsat" in html and "Plads i Børnehuset Solsikken" in html
