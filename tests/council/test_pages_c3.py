"""C3 Valg til integrationsrådet through the Danish pages: create, nominate, confirm, register, vote, count,
lot and indstilling; form errors in Danish next to the field with the input kept and nothing written."""

from __future__ import annotations

from sqlalchemy import select

from council.election.models import Candidate, Election, VoteCast, Voter
from shared.auth import Department
from tests.council.helpers import day
from tests.council.pagehelpers import as_, field_error, ok, post, text_of, value_of


def _ids(app, model):
    with app.factory() as session:
        return list(session.scalars(select(model.id).order_by(model.id)))


def test_c3_election_pages_whole_procedure(make_app):
    app = as_(make_app("council"))
    bad = post(app, "/valg", {"term_start": "2026-01-01", "term_end": "2029-12-31", "seats": "12"})
    assert bad.status_code == 422 and field_error(bad.text, "election_seats") == "Skriv et tal på højst 11"
    assert value_of(bad.text, "election_term_start") == "2026-01-01" and app.count(Election) == 0
    bad = post(app, "/valg", {"term_start": "2026-01-01", "term_end": "2029-06-30", "seats": "7"})
    assert "31.12.2029" in field_error(bad.text, "election_term_end")
    resp = post(app, "/valg", {"term_start": "2026-01-01", "term_end": "2029-12-31", "seats": "7"})
    assert resp.status_code == 303
    path = resp.headers["location"]
    bad = post(app, f"{path}/kandidater", {"_form": "candidate", "name": "Amina", "nominated_by": ""})
    assert field_error(bad.text, "candidate_nominated_by") == "Feltet skal udfyldes"
    assert value_of(bad.text, "candidate_name") == "Amina" and app.count(Candidate) == 0
    page = ok(app, f"{path}/kandidater", {"_form": "candidate", "name": "Amina", "nominated_by": "Foreningen"})
    assert "Ikke bekræftet" in page.text
    cid = _ids(app, Candidate)[0]
    refused = post(app, f"{path}/fase", {"version": "1", "to": "voting"})
    assert refused.status_code == 422 and "Bekræft mindst én kandidats valgbarhed" in text_of(refused.text)
    page = ok(app, f"{path}/kandidater/{cid}/valgbarhed", {"eligible": "true"})
    assert "Valgbar" in page.text
    page = ok(app, f"{path}/vaelgere", {"_form": "voter", "name": "Vælger Et", "address": "Rødovrevej 1"})
    assert "Vælger Et" in page.text
    twice = post(app, f"{path}/vaelgere", {"_form": "voter", "name": "Vælger Et", "address": "Rødovrevej 1"})
    assert field_error(twice.text, "voter_name") == "Vælgeren er allerede registreret" and app.count(Voter) == 1
    ok(app, f"{path}/fase", {"version": "1", "to": "voting"})
    vid = _ids(app, Voter)[0]
    missing = post(app, f"{path}/stemmer", {"_form": "vote", "voter_id": str(vid), "candidate_id": ""})
    assert field_error(missing.text, "vote_candidate_id") == "Feltet skal udfyldes" and app.count(VoteCast) == 0
    ok(app, f"{path}/stemmer", {"_form": "vote", "voter_id": str(vid), "candidate_id": str(cid)})
    again = post(app, f"{path}/stemmer", {"_form": "vote", "voter_id": str(vid), "candidate_id": str(cid)})
    assert field_error(again.text, "vote_voter_id") == "Vælgeren har allerede stemt" and app.count(VoteCast) == 1
    page = ok(app, f"{path}/fase", {"version": "2", "to": "counted"})
    assert "1 afgivne stemmer" in text_of(page.text) and "Valgt" in page.text
    bad = post(app, f"{path}/indstilling", {"_form": "rec", "text": "", "meeting_date": day(10), "version": "3"})
    assert field_error(bad.text, "rec_text") == "Feltet skal udfyldes"
    assert value_of(bad.text, "rec_meeting_date") == day(10)
    page = ok(
        app,
        f"{path}/indstilling",
        {"_form": "rec", "text": "Byrådet godkender valget.", "meeting_date": day(10), "version": "3"},
    )
    assert "Byrådet godkender valget." in page.text and "Indstillet til byrådet" in page.text


def test_c3_election_page_tie_settled_by_lot_on_the_page(make_app):
    app = as_(make_app("council"))
    h = app.as_(Department.JOBCENTRET)
    e = app.client.post(
        "/elections", json={"term_start": "2026-01-01", "term_end": "2029-12-31", "seats": 7}, headers=h
    ).json()
    cands = []
    for n in range(8):
        c = app.client.post(
            f"/elections/{e['id']}/candidates", json={"name": f"K{n}", "nominated_by": "F"}, headers=h
        ).json()
        app.client.put(f"/candidates/{c['id']}/eligibility", json={"eligible": True}, headers=h)
        cands.append(c)
    app.client.post(f"/elections/{e['id']}/voting", json={"version": 1}, headers=h)
    app.client.post(f"/elections/{e['id']}/count", json={"version": 2}, headers=h)  # no votes: 8 tied for 7 seats
    page = app.client.get(f"/valg/{e['id']}").text
    assert "Stemmelighed: afgør ved lodtrækning" in page
    bad = post(app, f"/valg/{e['id']}/lodtraekning", {"version": "3"})
    assert bad.status_code == 422 and field_error(bad.text, "lot_candidate_ids") == "Vælg mindst én"
    form = {"version": "3", "candidate_ids": [str(c["id"]) for c in cands[:7]]}
    no_witness = app.client.post(f"/valg/{e['id']}/lodtraekning", data=form, follow_redirects=False)
    assert no_witness.status_code == 422 and field_error(no_witness.text, "lot_witnesses") == "Feltet skal udfyldes"
    form["witnesses"] = "Ole Hansen og Fatima Ali"
    resp = app.client.post(f"/valg/{e['id']}/lodtraekning", data=form, follow_redirects=False)
    assert resp.status_code == 303
    page = app.client.get(f"/valg/{e['id']}").text
    assert page.count("Valgt ved lodtrækning") == 7
    assert "med Ole Hansen og Fatima Ali som vidner" in page


def test_c3_council_members_see_the_election_but_not_the_voter_register(make_app):
    app = as_(make_app("council"))
    resp = post(app, "/valg", {"term_start": "2026-01-01", "term_end": "2029-12-31", "seats": "7"})
    path = resp.headers["location"]
    ok(app, f"{path}/vaelgere", {"_form": "voter", "name": "Hemmelig Vælger", "address": "Vej 1"})
    as_(app, Department.INTEGRATIONSRAADET)
    page = app.client.get(path)
    assert page.status_code == 200 and "Hemmelig Vælger" not in page.text
    refused = post(app, f"{path}/vaelgere", {"_form": "voter", "name": "Ny", "address": "Vej 2"})
    assert refused.status_code == 422 and "Hemmelig Vælger" not in refused.text and app.count(Voter) == 1
    as_(app, Department.DRIFT)
    assert app.client.get("/valg").status_code == 403
    assert app.client.get("/valg/999").status_code == 403
    as_(app)
    assert app.client.get("/valg/999").status_code == 404
