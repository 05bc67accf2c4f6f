"""R1 handover, complete: contact with the asylum centre, and the partners notified of the new case.

A handover opens a notification for Borgerservice and for temporary housing (Social- og
Psykiatriafdelingen) in the same transaction as the case; each stays open until that partner acknowledges.
"""

from __future__ import annotations

import re
from datetime import timedelta

from reception.cases.models import Case
from reception.contacts.models import AsylumCentreContact, PartnerNotification
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.reception.helpers import handover

UDL, JC, BS, SOC, BKF = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.BORGERSERVICE,
    Department.SOCIAL_PSYKIATRI,
    Department.BKF,
)


def _case(app, **overrides) -> int:
    resp = app.client.post("/handovers", json=handover(**overrides), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def _contact(**overrides):
    body = {
        "on": (copenhagen_today() - timedelta(days=1)).isoformat(),
        "channel": "phone",
        "contact_person": "Mette Hansen, Center Sandholm",
        "summary": "Aftalt at Amina er klar til at flytte; medicinliste sendes med.",
    }
    body.update(overrides)
    return body


def test_r1_contact_log_newest_first(make_app):
    app = make_app("reception")
    case_id = _case(app)
    url = f"/cases/{case_id}/contacts"
    for days_ago, channel in ((5, "email"), (0, "meeting"), (2, "letter")):
        resp = app.client.post(
            url,
            json=_contact(on=(copenhagen_today() - timedelta(days=days_ago)).isoformat(), channel=channel),
            headers=app.as_(JC, "Jonas Jobcenter"),
        )
        assert resp.status_code == 201, resp.text
        assert resp.json()["by"] == "Jonas Jobcenter"
    log = app.client.get(url, headers=app.as_(BKF))
    assert log.status_code == 200
    assert [c["channel"] for c in log.json()] == ["meeting", "letter", "email"]
    assert log.json()[0]["contact_person"] == "Mette Hansen, Center Sandholm"


def test_r1_contact_future_date_missing_fields_and_wrong_department(make_app):
    app = make_app("reception")
    case_id = _case(app)
    url = f"/cases/{case_id}/contacts"
    future = app.client.post(
        url, json=_contact(on=(copenhagen_today() + timedelta(days=1)).isoformat()), headers=app.as_(JC)
    )
    assert future.status_code == 422 and future.json()["field"] == "on"
    for missing in ("on", "channel", "contact_person", "summary"):
        body = _contact()
        del body[missing]
        resp = app.client.post(url, json=body, headers=app.as_(JC))
        assert resp.status_code == 422, missing
        assert missing in {e["field"] for e in resp.json()["errors"]}
    for blank in ({"summary": "   "}, {"contact_person": ""}, {"channel": "fax"}):
        assert app.client.post(url, json=_contact(**blank), headers=app.as_(JC)).status_code == 422
    assert app.client.post(url, json=_contact(), headers=app.as_(BS)).status_code == 403
    assert app.client.post("/cases/999999/contacts", json=_contact(), headers=app.as_(JC)).status_code == 404
    assert app.count(AsylumCentreContact) == 0


def test_r1_handover_opens_two_partner_notifications(make_app):
    app = make_app("reception")
    case_id = _case(app)
    resp = app.client.get(f"/cases/{case_id}/notifications", headers=app.as_(JC))
    assert resp.status_code == 200
    assert [(n["partner"], n["status"], n["acknowledged_at"]) for n in resp.json()] == [
        ("borgerservice", "open", None),
        ("social_psykiatri", "open", None),
    ]


def test_r1_notifications_are_written_with_the_case_or_not_at_all(make_app):
    app = make_app("reception")
    body = handover()
    _case(app, immigration_person_id=body["immigration_person_id"])
    duplicate = app.client.post("/handovers", json=body, headers=app.as_(UDL))
    assert duplicate.status_code == 409
    assert app.count(Case) == 1 and app.count(PartnerNotification) == 2


def test_r1_family_reunification_notifies_borgerservice_only(make_app):
    app = make_app("reception")
    anchor = _case(app)
    joined = app.client.post(
        f"/cases/{anchor}/family-reunification",
        json=handover(residence_basis="family_reunification_9", family_members=[]),
        headers=app.as_(JC),
    )
    assert joined.status_code == 201, joined.text
    listed = app.client.get(f"/cases/{joined.json()['id']}/notifications", headers=app.as_(JC)).json()
    assert [n["partner"] for n in listed] == ["borgerservice"]


def test_r1_acknowledge_by_the_partner_only_and_once(make_app):
    app = make_app("reception")
    case_id = _case(app)
    notes = {
        n["partner"]: n["id"] for n in app.client.get(f"/cases/{case_id}/notifications", headers=app.as_(JC)).json()
    }
    ack = f"/cases/{case_id}/notifications/{{}}/acknowledge"
    for department in (JC, SOC, BKF):
        assert app.client.post(ack.format(notes["borgerservice"]), headers=app.as_(department)).status_code == 403
    assert app.client.post(ack.format(notes["borgerservice"]), headers=app.as_(UDL)).status_code == 403
    done = app.client.post(ack.format(notes["borgerservice"]), headers=app.as_(BS, "Bente Borgerservice"))
    assert done.status_code == 200
    assert done.json()["status"] == "acknowledged" and done.json()["acknowledged_by"] == "Bente Borgerservice"
    again = app.client.post(ack.format(notes["borgerservice"]), headers=app.as_(BS))
    assert again.status_code == 409 and "acknowledged already" in again.json()["detail"]
    housing = app.client.post(ack.format(notes["social_psykiatri"]), headers=app.as_(SOC))
    assert housing.status_code == 200
    other_case = _case(app)
    wrong_case = app.client.post(
        f"/cases/{other_case}/notifications/{notes['social_psykiatri']}/acknowledge", headers=app.as_(SOC)
    )
    assert wrong_case.status_code == 404
    statuses = [n["status"] for n in app.client.get(f"/cases/{case_id}/notifications", headers=app.as_(JC)).json()]
    assert statuses == ["acknowledged", "acknowledged"]


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def _error_next_to(html: str, field_id: str) -> str:
    field = re.search(rf'<(?:input|textarea|select)[^>]*id="{re.escape(field_id)}"[^>]*>', html)
    assert field, f"no field {field_id}"
    assert 'aria-invalid="true"' in field.group(0) and f"{field_id}-error" in field.group(0), field.group(0)
    message = re.search(rf'id="{re.escape(field_id)}-error"><span class="sr-only">Fejl: </span>([^<]*)<', html)
    assert message, f"no error next to {field_id}"
    return message.group(1)


def test_r1_contacts_page_logs_a_contact_and_shows_danish_errors(make_app):
    app = make_app("reception")
    case_id = _case(app)
    client = _signed_in(app, JC, "Jonas Jobcenter")
    url = f"/sager/{case_id}/kontakter"
    page = client.get(url)
    assert page.status_code == 200 and "Der er ikke registreret kontakt med asylcentret endnu" in page.text
    assert page.text.count("Åben") == 2 and "Kvittér" not in page.text  # Jobcentret is not a partner

    future = (copenhagen_today() + timedelta(days=3)).isoformat()
    bad = client.post(
        url,
        data={"on": future, "channel": "phone", "contact_person": "Mette Hansen", "summary": "Ringede om flytning"},
        follow_redirects=False,
    )
    assert bad.status_code == 422
    assert _error_next_to(bad.text, "contact_on") == "Datoen må ikke ligge i fremtiden"
    assert f'value="{future}"' in bad.text and "Ringede om flytning" in bad.text  # input kept
    empty = client.post(
        url, data={"on": "", "channel": "", "contact_person": "", "summary": ""}, follow_redirects=False
    )
    assert empty.status_code == 422
    assert _error_next_to(empty.text, "summary") == "Feltet skal udfyldes"
    assert _error_next_to(empty.text, "channel") in {"Vælg en af mulighederne", "Feltet skal udfyldes"}
    assert app.count(AsylumCentreContact) == 0

    ok = client.post(
        url,
        data={
            "on": copenhagen_today().isoformat(),
            "channel": "meeting",
            "contact_person": "Mette Hansen",
            "summary": "Møde om flytning",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == f"{url}#kontaktlog"
    shown = client.get(url)
    assert "Møde om flytning" in shown.text and "Jonas Jobcenter" in shown.text
    assert app.count(AsylumCentreContact) == 1


def test_r1_contacts_page_acknowledge_by_partner(make_app):
    app = make_app("reception")
    case_id = _case(app)
    url = f"/sager/{case_id}/kontakter"
    notes = {
        n["partner"]: n["id"] for n in app.client.get(f"/cases/{case_id}/notifications", headers=app.as_(JC)).json()
    }
    client = _signed_in(app, SOC, "Søren Social")
    page = client.get(url)
    assert page.text.count('type="submit">Kvittér') == 1  # only its own notification
    assert "Registrér kontakt" not in page.text
    wrong = client.post(f"{url}/underretninger/{notes['borgerservice']}/kvitter", follow_redirects=False)
    assert wrong.status_code == 403 and "Kun den underrettede afdeling kan kvittere" in wrong.text
    done = client.post(f"{url}/underretninger/{notes['social_psykiatri']}/kvitter", follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"{url}#underretninger"
    again = client.post(f"{url}/underretninger/{notes['social_psykiatri']}/kvitter", follow_redirects=False)
    assert again.status_code == 409 and "Underretningen er allerede kvitteret" in again.text
    shown = client.get(url)
    assert "Kvitteret" in shown.text and "Søren Social" in shown.text and shown.text.count("Åben") == 1
    refused = client.post(
        url,
        data={"on": copenhagen_today().isoformat(), "channel": "phone", "contact_person": "X", "summary": "Y"},
        follow_redirects=False,
    )
    assert refused.status_code == 422 and "Kun Jobcentret kan registrere kontakt med asylcentret" in refused.text
    assert app.count(AsylumCentreContact) == 0
