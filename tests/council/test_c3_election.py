"""C3 Valg til integrationsrådet through the API: term and seats, phases, candidates, voters, one secret vote
per voter (also when requests race), the count with ties for a lot, and the recommendation to the city council."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import inspect, select

from council.election.models import BallotBox, Candidate, Election, VoteCast, Voter
from shared.auth import Department
from tests.council.helpers import IR, JC, day, get, post
from tests.council.pagehelpers import as_

TERM = {"term_start": "2026-01-01", "term_end": "2029-12-31"}


def election(app, seats=7):
    return post(app, "/elections", {**TERM, "seats": seats})


def candidate(app, election_id, name, *, eligible=True):
    c = post(app, f"/elections/{election_id}/candidates", {"name": name, "nominated_by": "Foreningen Fællesskab"})
    if eligible:
        resp = app.client.put(f"/candidates/{c['id']}/eligibility", json={"eligible": True}, headers=app.as_(JC))
        assert resp.status_code == 200 and resp.json()["eligible"] is True
    return c


def voter(app, election_id, n):
    return post(app, f"/elections/{election_id}/voters", {"name": f"Vælger {n}", "address": f"Rødovrevej {n}"})


def phase(app, election_id, step, version, status=200):
    resp = app.client.post(f"/elections/{election_id}/{step}", json={"version": version}, headers=app.as_(JC))
    assert resp.status_code == status, resp.text
    return resp.json()


def vote(app, election_id, voter_id, candidate_id):
    return app.client.post(
        f"/elections/{election_id}/votes",
        json={"voter_id": voter_id, "candidate_id": candidate_id},
        headers=app.as_(JC),
    )


def test_c3_election_term_is_the_municipal_election_period(make_app):
    """C3, integrationsloven § 42, stk. 3: the term follows the municipal election period (1 January after the
    election, four years): an election for 1 March 2026 – 28 February 2030 is refused, its error names the period."""
    app = make_app("council")
    for start, end, field in (
        ("2026-03-01", "2030-02-28", "2026"),
        ("2027-01-01", "2030-12-31", "2026"),
        ("2026-01-01", "2030-12-31", "2029-12-31"),
    ):
        resp = app.client.post(
            "/elections", json={"term_start": start, "term_end": end, "seats": 7}, headers=app.as_(JC)
        )
        assert resp.status_code == 422 and "§ 42, stk. 3" in resp.text and field in resp.text, (start, resp.text)
    assert app.count(Election) == 0
    e = election(app)
    page = as_(app).client.get(f"/valg/{e['id']}").text
    assert "Hvorfor denne periode?" in page and "kommunalvalget i november 2025" in page


def test_c3_election_term_is_four_years_and_seats_seven_to_eleven(make_app):
    app = make_app("council")
    e = election(app, seats=9)
    assert e["phase"] == "nomination" and e["seats"] == 9 and e["term_end"] == "2029-12-31"
    wrong_end = app.client.post(
        "/elections", json={"term_start": "2030-01-01", "term_end": "2033-06-30", "seats": 7}, headers=app.as_(JC)
    )
    assert wrong_end.status_code == 422 and "2033-12-31" in wrong_end.text
    for seats in (6, 12):
        resp = app.client.post(
            "/elections",
            json={"term_start": "2030-01-01", "term_end": "2033-12-31", "seats": seats},
            headers=app.as_(JC),
        )
        assert resp.status_code == 422, seats
    twice = app.client.post("/elections", json={**TERM, "seats": 7}, headers=app.as_(JC))
    assert twice.status_code == 409
    assert app.count(Election) == 1


def test_c3_candidates_only_during_nomination_and_voting_needs_an_eligible_one(make_app):
    app = make_app("council")
    e = election(app)
    c = candidate(app, e["id"], "Amina", eligible=False)
    assert c["eligible"] is False
    refused = app.client.post(f"/elections/{e['id']}/voting", json={"version": 1}, headers=app.as_(JC))
    assert refused.status_code == 422 and "eligible" in refused.text
    candidate(app, e["id"], "Bilal")
    opened = phase(app, e["id"], "voting", 1)
    assert opened["phase"] == "voting"
    late = app.client.post(
        f"/elections/{e['id']}/candidates", json={"name": "Sen", "nominated_by": "X"}, headers=app.as_(JC)
    )
    assert late.status_code == 409 and "nomination" in late.text
    eligible = app.client.put(f"/candidates/{c['id']}/eligibility", json={"eligible": True}, headers=app.as_(JC))
    assert eligible.status_code == 409
    assert app.count(Candidate) == 2
    assert [x["name"] for x in get(app, f"/elections/{e['id']}/candidates", dept=IR)] == ["Amina", "Bilal"]


def test_c3_voter_registered_once_and_register_only_for_the_secretariat(make_app):
    app = make_app("council")
    e = election(app)
    voter(app, e["id"], 1)
    twice = app.client.post(
        f"/elections/{e['id']}/voters", json={"name": "Vælger 1", "address": "Rødovrevej 1"}, headers=app.as_(JC)
    )
    assert twice.status_code == 409 and app.count(Voter) == 1
    assert app.client.get(f"/elections/{e['id']}/voters", headers=app.as_(IR)).status_code == 403
    assert get(app, f"/elections/{e['id']}/voters")[0]["voted"] is False


def test_c3_votes_only_in_voting_phase_and_a_voter_votes_once(make_app):
    app = make_app("council")
    e = election(app)
    a = candidate(app, e["id"], "Amina")
    ineligible = candidate(app, e["id"], "Ikke valgbar", eligible=False)
    v = voter(app, e["id"], 1)
    early = vote(app, e["id"], v["id"], a["id"])
    assert early.status_code == 409 and app.count(VoteCast) == 0
    phase(app, e["id"], "voting", 1)
    bad = vote(app, e["id"], v["id"], ineligible["id"])
    assert bad.status_code == 422 and _ballots(app) == 0
    first = vote(app, e["id"], v["id"], a["id"])
    assert first.status_code == 201 and first.json() == {"election_id": e["id"], "voter_id": v["id"], "voted": True}
    second = vote(app, e["id"], v["id"], a["id"])
    assert second.status_code == 409 and "voted already" in second.text
    assert app.count(VoteCast) == 1 and _ballots(app) == 1
    assert get(app, f"/elections/{e['id']}/voters")[0]["voted"] is True


def test_c3_concurrent_votes_by_one_voter_count_once(make_app):
    """Eight requests for the same voter at the same moment: one 201, the others 409, one ballot."""
    app = make_app("council")
    e = election(app)
    a = candidate(app, e["id"], "Amina")
    b = candidate(app, e["id"], "Bilal")
    v = voter(app, e["id"], 1)
    phase(app, e["id"], "voting", 1)
    barrier = threading.Barrier(8)

    def race(n):
        barrier.wait()
        return vote(app, e["id"], v["id"], a["id"] if n % 2 else b["id"]).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(race, range(8)))
    assert codes == [201] + [409] * 7, codes
    assert app.count(VoteCast) == 1 and _ballots(app) == 1


def _ballots(app) -> int:
    with app.factory() as session:
        return sum(box.votes for box in session.scalars(select(BallotBox)))


def test_c3_ballot_is_secret_a_count_per_candidate_apart_from_who_voted(make_app):
    """No row per ballot: nothing (order, time, id) ties a vote to the VoteCast written with it."""
    app = make_app("council")
    e = election(app)
    a = candidate(app, e["id"], "Amina")
    b = candidate(app, e["id"], "Bilal")
    voters = [voter(app, e["id"], n) for n in range(3)]
    phase(app, e["id"], "voting", 1)
    for v, c in zip(voters, (a, b, a), strict=True):
        assert vote(app, e["id"], v["id"], c["id"]).status_code == 201
    assert {c.key for c in inspect(BallotBox).columns} == {"id", "election_id", "candidate_id", "votes"}
    assert "candidate_id" not in {c.key for c in inspect(VoteCast).columns}
    with app.factory() as session:
        boxes = {box.candidate_id: box.votes for box in session.scalars(select(BallotBox))}
        assert boxes == {a["id"]: 2, b["id"]: 1}
        assert sorted(cast.voter_id for cast in session.scalars(select(VoteCast))) == sorted(v["id"] for v in voters)


def test_c3_results_only_after_counting_elected_top_seats(make_app):
    app = make_app("council")
    e = election(app, seats=7)
    cands = [candidate(app, e["id"], f"Kandidat {chr(65 + n)}") for n in range(9)]
    # votes: A 9, B 8, ..., I 1 → top 7 elected (A–G)
    voters = [voter(app, e["id"], n) for n in range(45)]
    phase(app, e["id"], "voting", 1)
    assert app.client.get(f"/elections/{e['id']}/results", headers=app.as_(JC)).status_code == 409
    i = 0
    for n, c in enumerate(cands):
        for _ in range(9 - n):
            assert vote(app, e["id"], voters[i]["id"], c["id"]).status_code == 201
            i += 1
    counted = phase(app, e["id"], "count", 2)
    assert counted["phase"] == "counted" and counted["counted_at"]
    late = vote(app, e["id"], voters[-1]["id"], cands[0]["id"])
    assert late.status_code == 409
    results = get(app, f"/elections/{e['id']}/results", dept=IR)
    assert results["votes_cast"] == 45 and results["tied"] == [] and results["seats_to_draw"] == 0
    assert [r["votes"] for r in results["candidates"]] == [9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert results["elected"] == [c["id"] for c in cands[:7]]


def test_c3_tie_for_last_seat_listed_then_settled_by_lot_before_recommendation(make_app):
    app = make_app("council")
    e = election(app, seats=7)
    cands = [candidate(app, e["id"], f"Kandidat {chr(65 + n)}") for n in range(9)]
    # A–F get 2 votes each; G, H, I one each: three tied for the 7th seat
    plan = [2] * 6 + [1, 1, 1]
    voters = [voter(app, e["id"], n) for n in range(sum(plan))]
    phase(app, e["id"], "voting", 1)
    i = 0
    for c, votes in zip(cands, plan, strict=True):
        for _ in range(votes):
            assert vote(app, e["id"], voters[i]["id"], c["id"]).status_code == 201
            i += 1
    phase(app, e["id"], "count", 2)
    results = get(app, f"/elections/{e['id']}/results")
    tied = [c["id"] for c in cands[6:]]
    assert sorted(results["tied"]) == sorted(tied) and results["seats_to_draw"] == 1
    assert sorted(results["elected"]) == sorted(c["id"] for c in cands[:6])
    rec = {"text": "Forvaltningen indstiller, at byrådet godkender valget.", "meeting_date": day(14), "version": 3}
    blocked = app.client.post(f"/elections/{e['id']}/recommendation", json=rec, headers=app.as_(JC))
    assert blocked.status_code == 409 and "tie" in blocked.text
    wrong = app.client.post(
        f"/elections/{e['id']}/lot",
        json={"candidate_ids": tied[:2], "witnesses": "Ole Hansen", "version": 3},
        headers=app.as_(JC),
    )
    assert wrong.status_code == 422
    not_tied = app.client.post(
        f"/elections/{e['id']}/lot",
        json={"candidate_ids": [cands[0]["id"]], "witnesses": "Ole Hansen", "version": 3},
        headers=app.as_(JC),
    )
    assert not_tied.status_code == 422
    no_witness = app.client.post(
        f"/elections/{e['id']}/lot", json={"candidate_ids": [tied[1]], "version": 3}, headers=app.as_(JC)
    )
    assert no_witness.status_code == 422 and "witnesses" in no_witness.text
    lot = {"candidate_ids": [tied[1]], "witnesses": "Ole Hansen, Fatima Ali", "version": 3}
    drawn = post(app, f"/elections/{e['id']}/lot", lot, status=200)
    assert drawn["seats_to_draw"] == 0 and tied[1] in drawn["elected"] and len(drawn["elected"]) == 7
    record = drawn["lot_draw"]
    names = {c["id"]: c["name"] for c in cands}
    assert record["witnesses"] == "Ole Hansen, Fatima Ali" and record["drawn_by"] == "testbruger"
    assert record["seats"] == 1 and record["drawn_names"] == names[tied[1]]
    assert set(record["tied_names"].split(", ")) == {names[t] for t in tied}
    assert get(app, f"/elections/{e['id']}/results")["lot_draw"] == record
    recommended = post(app, f"/elections/{e['id']}/recommendation", rec, status=200)
    assert recommended["phase"] == "recommended" and recommended["recommendation_meeting_date"] == day(14)
    assert recommended["recommended_by"] == "testbruger"
    again = app.client.post(f"/elections/{e['id']}/recommendation", json={**rec, "version": 4}, headers=app.as_(JC))
    assert again.status_code == 409


def test_c3_recommendation_before_count_or_with_stale_version_refused(make_app):
    app = make_app("council")
    e = election(app)
    candidate(app, e["id"], "Amina")
    rec = {"text": "Indstilling", "meeting_date": day(7), "version": 1}
    assert app.client.post(f"/elections/{e['id']}/recommendation", json=rec, headers=app.as_(JC)).status_code == 409
    phase(app, e["id"], "voting", 1)
    stale = app.client.post(f"/elections/{e['id']}/count", json={"version": 1}, headers=app.as_(JC))
    assert stale.status_code == 409
    phase(app, e["id"], "count", 2)
    past = app.client.post(
        f"/elections/{e['id']}/recommendation", json={**rec, "meeting_date": day(-3), "version": 3}, headers=app.as_(JC)
    )
    assert past.status_code == 422
    with app.factory() as session:
        row = session.get(Election, e["id"])
        assert row is not None and row.phase == "counted" and row.recommendation is None


def test_c3_only_the_secretariat_runs_the_election(make_app):
    app = make_app("council")
    assert app.client.post("/elections", json={**TERM, "seats": 7}).status_code == 401
    assert app.client.post("/elections", json={**TERM, "seats": 7}, headers=app.as_(IR)).status_code == 403
    assert app.client.get("/elections", headers=app.as_(Department.DRIFT)).status_code == 403
    e = election(app)
    c = candidate(app, e["id"], "Amina")
    v = voter(app, e["id"], 1)
    phase(app, e["id"], "voting", 1)
    resp = app.client.post(
        f"/elections/{e['id']}/votes", json={"voter_id": v["id"], "candidate_id": c["id"]}, headers=app.as_(IR)
    )
    assert resp.status_code == 403 and app.count(VoteCast) == 0
