"""Bad input on every new employment endpoint (B1–B11): a 4xx with a message, and nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from employment.db import Base
from tests.employment.helpers import JC, TODAY, known_case

BIG = 2**64
NUL = "a\x00b"
LONG = "x" * 201
T = TODAY.isoformat()


def _row_counts(app) -> dict[str, int]:
    with app.factory() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def _post(app, path, body):
    resp = app.client.post(path, json=body, headers=app.as_(JC))
    assert resp.status_code == 201, (path, resp.text)
    return resp.json()


def _world(app) -> dict[str, int]:
    """One of everything, so each endpoint has a real target."""
    case = known_case(app, 8)
    conv = _post(app, f"/cases/{case}/conversations", {"template": "plan", "held_on": T, "held_by": "J"})
    company = _post(app, "/companies", {"name": "Lager A/S", "cvr": "12345678", "contact": "Hanne"})
    intern = _post(
        app,
        f"/cases/{case}/internships",
        {"company_id": company["id"], "kind": "sprogpraktik", "start_date": T, "end_date": T, "hours_per_week": 20},
    )
    rec = _post(app, f"/cases/{case}/recognitions", {"qualification": "Q", "country": "Syrien", "authority": "ufs"})
    offer = _post(app, f"/cases/{case}/education-offers", {"kind": "special", "provider": "VUC", "start_date": T})
    foreigner = _post(app, "/foreigner-cases", {"name": "A", "date_of_birth": "1990-01-01", "residence_basis": "work"})
    fid = foreigner["id"]
    dcr = _post(app, f"/foreigner-cases/{fid}/danish-classes", {"school": "S", "requested_on": T})
    creq = _post(app, f"/foreigner-cases/{fid}/citizen-requests", {"received_on": T, "request": "R"})
    family = _post(app, "/foreigner-cases", {"name": "F", "date_of_birth": "1990-01-01", "residence_basis": "family"})
    dep = _post(app, f"/foreigner-cases/{family['id']}/security-deposit", {"amount": "100.00", "form": "deposit"})
    ctl = _post(app, f"/cases/{case}/control-actions", {"received_on": T, "what": "Registerkontrol"})
    return {
        "ctl": ctl["id"],
        "family": family["id"],
        "dep": dep["id"],
        "case": case,
        "conv": conv["id"],
        "company": company["id"],
        "intern": intern["id"],
        "rec": rec["id"],
        "offer": offer["id"],
        "fc": fid,
        "dcr": dcr["id"],
        "creq": creq["id"],
    }


CASES = [
    # B1, B2, B4, B9: conversations
    ("post", "/cases/{case}/conversations", {"held_on": T, "held_by": "J"}),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": "31.02.2026", "held_by": "J"}),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": "2026-02-30", "held_by": "J"}),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": T, "held_by": NUL}),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": T, "held_by": LONG}),
    ("post", "/cases/{case}/conversations", {"template": "tarot", "held_on": T, "held_by": "J"}),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": T, "held_by": "J", "answers": "x"}),
    (
        "post",
        "/cases/{case}/conversations",
        {"template": "match", "held_on": T, "held_by": "J", "answers": {"danish": NUL}},
    ),
    ("post", "/cases/{case}/conversations", {"template": "match", "held_on": "1900-01-01", "held_by": "J"}),
    ("post", "/cases/999/conversations", {"template": "match", "held_on": T, "held_by": "J"}),
    ("post", f"/cases/{BIG}/conversations", {"template": "match", "held_on": T, "held_by": "J"}),
    ("patch", "/conversations/{conv}", {"held_by": "J"}),
    ("patch", "/conversations/{conv}", {"version": "one"}),
    ("patch", "/conversations/{conv}", {"version": 1, "answers": {"nope": "x"}}),
    ("patch", "/conversations/{conv}", {"version": 1, "actions": [{"description": "D", "partner": "P"}]}),
    (
        "patch",
        "/conversations/{conv}",
        {"version": 1, "actions": [{"description": "D", "partner": "P", "start_date": "2027-13-01"}]},
    ),
    ("patch", "/conversations/999", {"version": 1}),
    ("post", "/conversations/{conv}/finalise", {}),
    ("post", "/conversations/{conv}/finalise", {"version": 1}),
    ("post", f"/conversations/{BIG}/finalise", {"version": 1}),
    # B8: follow-up
    ("post", "/cases/{case}/follow-ups", {}),
    ("post", "/cases/{case}/follow-ups", {"due_date": "2027-02-29"}),
    ("post", "/cases/{case}/follow-ups", {"due_date": "2099-01-01"}),
    ("post", "/cases/999/follow-ups", {"due_date": T}),
    ("post", "/cases/{case}/follow-up-conversations", {"held_on": T}),
    ("post", "/cases/{case}/follow-up-conversations", {"held_on": T, "held_by": NUL}),
    ("post", "/cases/{case}/follow-up-conversations", {"held_on": T, "held_by": "J", "note": "x" * 5001}),
    ("post", "/cases/{case}/follow-up-conversations", {"held_on": "yesterday", "held_by": "J"}),
    ("post", "/cases/999/follow-up-conversations", {"held_on": T, "held_by": "J"}),
    ("post", f"/cases/{BIG}/follow-up-conversations", {"held_on": T, "held_by": "J"}),
    # B5: companies, outreach, internships
    ("post", "/companies", {"name": "N", "contact": "C"}),
    ("post", "/companies", {"name": "N", "cvr": "1234567a", "contact": "C"}),
    ("post", "/companies", {"name": NUL, "cvr": "87654321", "contact": "C"}),
    ("post", "/companies", {"name": "N", "cvr": "12345678", "contact": "C"}),
    ("post", "/companies", {"name": LONG, "cvr": "87654321", "contact": "C"}),
    ("post", "/companies/{company}/outreach", {"contacted_on": T, "outcome": ""}),
    ("post", "/companies/{company}/outreach", {"contacted_on": "2026-13-01", "outcome": "x"}),
    ("post", "/companies/999/outreach", {"contacted_on": T, "outcome": "x"}),
    (
        "post",
        "/cases/{case}/internships",
        {"company_id": 1, "kind": "x", "start_date": T, "end_date": T, "hours_per_week": 5},
    ),
    (
        "post",
        "/cases/{case}/internships",
        {
            "company_id": 1,
            "kind": "sprogpraktik",
            "start_date": "2030-01-02",
            "end_date": "2030-01-01",
            "hours_per_week": 5,
        },
    ),
    (
        "post",
        "/cases/{case}/internships",
        {
            "company_id": 1,
            "kind": "sprogpraktik",
            "start_date": "2030-01-01",
            "end_date": "2030-01-02",
            "hours_per_week": "many",
        },
    ),
    (
        "post",
        "/cases/{case}/internships",
        {"company_id": 1, "kind": "sprogpraktik", "start_date": T, "end_date": T, "hours_per_week": 0},
    ),
    (
        "post",
        "/cases/{case}/internships",
        {"company_id": 1, "kind": "sprogpraktik", "start_date": T, "end_date": T, "hours_per_week": 10},
    ),
    (
        "post",
        "/cases/{case}/internships",
        {"company_id": BIG, "kind": "sprogpraktik", "start_date": T, "end_date": T, "hours_per_week": 10},
    ),
    (
        "post",
        "/cases/{case}/internships",
        {
            "company_id": 1,
            "kind": "sprogpraktik",
            "start_date": "2090-01-01",
            "end_date": "2090-01-02",
            "hours_per_week": 10,
        },
    ),
    (
        "post",
        "/cases/999/internships",
        {"company_id": 1, "kind": "sprogpraktik", "start_date": T, "end_date": T, "hours_per_week": 10},
    ),
    ("patch", "/internships/{intern}", {"version": 1, "status": "lost"}),
    ("patch", "/internships/{intern}", {"version": 1, "end_date": "2000-01-01"}),
    ("patch", "/internships/{intern}", {"version": 7, "status": "running"}),
    ("patch", "/internships/999", {"version": 1, "status": "running"}),
    # B3: recognition
    ("post", "/cases/{case}/recognitions", {"qualification": "Q", "country": "C"}),
    ("post", "/cases/{case}/recognitions", {"qualification": "Q", "country": "C", "authority": "nasa"}),
    ("post", "/cases/{case}/recognitions", {"qualification": NUL, "country": "C", "authority": "ufs"}),
    ("post", "/cases/{case}/recognitions", {"qualification": LONG, "country": "C", "authority": "ufs"}),
    ("post", "/cases/999/recognitions", {"qualification": "Q", "country": "C", "authority": "ufs"}),
    ("patch", "/recognitions/{rec}/documents", {"version": 1, "diploma": "perhaps"}),
    ("patch", "/recognitions/{rec}/documents", {"diploma": True}),
    ("patch", "/recognitions/999/documents", {"version": 1, "diploma": True}),
    ("post", "/recognitions/{rec}/submit", {"version": 1, "submitted_on": T}),
    ("post", "/recognitions/{rec}/submit", {"version": 1, "submitted_on": "2026-02-31"}),
    ("post", "/recognitions/{rec}/answer", {"version": 1, "outcome": "refused", "answered_on": T}),
    ("post", "/recognitions/{rec}/answer", {"version": 1, "outcome": "maybe", "answered_on": T}),
    ("post", f"/recognitions/{BIG}/answer", {"version": 1, "outcome": "refused", "answered_on": T}),
    # B6: education offers
    ("post", "/cases/{case}/education-offers", {"kind": "ninth_grade", "start_date": T}),
    ("post", "/cases/{case}/education-offers", {"kind": "phd", "provider": "P", "start_date": T}),
    ("post", "/cases/{case}/education-offers", {"kind": "special", "provider": NUL, "start_date": T}),
    ("post", "/cases/{case}/education-offers", {"kind": "special", "provider": "P", "start_date": "2026-04-31"}),
    (
        "post",
        "/cases/{case}/education-offers",
        {"kind": "special", "provider": "P", "start_date": T, "note": "x" * 5001},
    ),
    ("post", "/cases/999/education-offers", {"kind": "special", "provider": "P", "start_date": T}),
    ("patch", "/education-offers/{offer}", {"version": 1, "status": "graduated"}),
    ("patch", "/education-offers/{offer}", {"status": "started"}),
    ("patch", "/education-offers/999", {"version": 1, "status": "started"}),
    # B11: other foreigners
    ("post", "/foreigner-cases", {"name": "A", "residence_basis": "work"}),
    ("post", "/foreigner-cases", {"name": "A", "date_of_birth": "1990-01-01", "residence_basis": "tourist"}),
    ("post", "/foreigner-cases", {"name": "A", "date_of_birth": "1880-01-01", "residence_basis": "work"}),
    ("post", "/foreigner-cases", {"name": NUL, "date_of_birth": "1990-01-01", "residence_basis": "work"}),
    ("post", "/foreigner-cases", {"name": LONG, "date_of_birth": "1990-01-01", "residence_basis": "work"}),
    (
        "post",
        "/foreigner-cases",
        {"name": "A", "date_of_birth": "1990-01-01", "residence_basis": "work", "cpr": "0101901234"},
    ),
    ("post", "/foreigner-cases/{fc}/notes", {"kind": "gossip", "noted_on": T, "text": "t"}),
    ("post", "/foreigner-cases/{fc}/notes", {"kind": "guidance", "noted_on": "2099-01-01", "text": "t"}),
    ("post", "/foreigner-cases/{fc}/notes", {"kind": "guidance", "noted_on": T, "text": ""}),
    ("post", "/foreigner-cases/999/notes", {"kind": "guidance", "noted_on": T, "text": "t"}),
    ("post", "/foreigner-cases/{fc}/danish-classes", {"school": "Again", "requested_on": T}),
    ("post", "/foreigner-cases/{fc}/danish-classes", {"school": "", "requested_on": T}),
    ("patch", "/danish-class-requests/{dcr}", {"version": 1, "status": "graduated"}),
    ("patch", "/danish-class-requests/{dcr}", {"version": 9, "status": "enrolled"}),
    ("patch", "/danish-class-requests/999", {"version": 1, "status": "enrolled"}),
    ("post", "/foreigner-cases/{fc}/citizen-requests", {"received_on": T}),
    ("post", "/foreigner-cases/{fc}/citizen-requests", {"received_on": "2099-01-01", "request": "R"}),
    ("post", "/citizen-requests/{creq}/response", {"responded_on": "2000-01-01", "response": "x"}),
    ("post", "/citizen-requests/{creq}/response", {"responded_on": T, "response": NUL}),
    ("post", "/citizen-requests/999/response", {"responded_on": T, "response": "x"}),
    ("get", f"/foreigner-cases/{BIG}", None),
    ("get", "/foreigner-cases/999", None),
    # B10: family reunification
    ("post", "/foreigner-cases/{family}/security-deposit", {"amount": "100.00", "form": "deposit"}),
    ("post", "/foreigner-cases/{fc}/security-deposit", {"amount": "100.00", "form": "deposit"}),
    ("post", "/foreigner-cases/999/security-deposit", {"amount": "100.00", "form": "deposit"}),
    ("post", "/foreigner-cases/{family}/security-deposit", {"amount": "abc", "form": "deposit"}),
    ("post", "/foreigner-cases/{family}/security-deposit", {"amount": "100.00", "form": "gold"}),
    ("post", "/foreigner-cases/{family}/security-deposit", {"amount": "0", "form": "deposit"}),
    ("post", "/foreigner-cases/{family}/security-deposit", {"amount": "1.001", "form": "deposit"}),
    ("post", "/security-deposits/{dep}/released", {"version": 1, "released_on": T}),
    ("post", "/security-deposits/{dep}/lodged", {"version": 1, "lodged_on": "2099-01-01"}),
    ("post", "/security-deposits/{dep}/lodged", {"version": 1, "lodged_on": "2026-06-31"}),
    ("post", "/security-deposits/{dep}/lodged", {"lodged_on": T}),
    ("post", "/security-deposits/999/lodged", {"version": 1, "lodged_on": T}),
    ("post", f"/security-deposits/{BIG}/released", {"version": 1, "released_on": T}),
    ("post", "/foreigner-cases/{family}/reunification-notes", {"kind": "gossip", "noted_on": T, "text": "t"}),
    ("post", "/foreigner-cases/{family}/reunification-notes", {"kind": "effort", "noted_on": T, "text": NUL}),
    ("post", "/foreigner-cases/{fc}/reunification-notes", {"kind": "effort", "noted_on": T, "text": "t"}),
    ("get", "/foreigner-cases/{fc}/security-deposit", None),
    # B8, integrationsloven § 27: control actions and their steps
    ("post", "/cases/{case}/control-actions", {"received_on": "2099-01-01", "what": "X"}),
    ("post", "/cases/{case}/control-actions", {"received_on": "2026-02-30", "what": "X"}),
    ("post", "/cases/{case}/control-actions", {"received_on": T, "what": NUL}),
    ("post", "/cases/{case}/control-actions", {"received_on": T, "what": ""}),
    ("post", "/cases/{case}/control-actions", {"received_on": T}),
    ("post", "/cases/999/control-actions", {"received_on": T, "what": "X"}),
    ("post", f"/cases/{BIG}/control-actions", {"received_on": T, "what": "X"}),
    ("get", "/cases/999/control-actions", None),
    ("post", "/control-actions/{ctl}/conversation", {"version": 1, "on": "2099-01-01"}),
    ("post", "/control-actions/{ctl}/conversation", {"version": 1, "on": "2000-01-01"}),
    ("post", "/control-actions/{ctl}/conversation", {"version": 7, "on": T}),
    ("post", "/control-actions/{ctl}/conversation", {"on": T}),
    ("post", "/control-actions/{ctl}/conversation", {"version": 1, "on": T, "extra": 1}),
    ("post", "/control-actions/{ctl}/offer", {"version": 1, "on": T}),
    ("post", "/control-actions/999/offer", {"version": 1, "on": T}),
    ("post", f"/control-actions/{BIG}/conversation", {"version": 1, "on": T}),
]


@pytest.mark.parametrize(("method", "path", "body"), CASES)
def test_b1_b11_bad_input_is_4xx_with_a_message_and_writes_nothing(make_app, method, path, body):
    app = make_app("employment")
    ids = _world(app)
    before = _row_counts(app)
    outbox_before = len(app.outbox())
    if method == "get":
        resp = app.client.get(path.format(**ids), headers=app.as_(JC))
    else:
        resp = getattr(app.client, method)(path.format(**ids), json=body, headers=app.as_(JC))
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.json()["detail"], resp.text
    assert _row_counts(app) == before
    assert len(app.outbox()) == outbox_before
