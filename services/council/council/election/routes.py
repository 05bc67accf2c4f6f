"""The election to the council through the API (C3): Jobcentret (the secretariat) runs it.

The council reads the election, its candidates and (after the count) the results; the voter register
(names and addresses) is for the secretariat only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from council.election import service
from council.election.schemas import (
    CandidateIn,
    CandidateOut,
    ElectionIn,
    ElectionOut,
    EligibilityIn,
    LotIn,
    PhaseIn,
    RecommendationIn,
    ResultsOut,
    VoteIn,
    VoteOut,
    VoterIn,
    VoterOut,
)
from council.web import CouncilReader, Secretariat
from shared import access
from shared.web.access import LookupOut, lookup_out
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["valg"])


@router.post("/elections", status_code=status.HTTP_201_CREATED, response_model=ElectionOut)
def create(body: ElectionIn, session: Db, _by: Secretariat) -> Any:
    return service.create(session, data=body)


@router.get("/elections", response_model=list[ElectionOut])
def list_elections(session: ReadDb, _by: CouncilReader) -> Any:
    return service.elections(session)


@router.get("/elections/{election_id}", response_model=ElectionOut)
def get_election(election_id: IdPath, session: ReadDb, _by: CouncilReader) -> Any:
    return service.get(session, election_id)


@router.post("/elections/{election_id}/candidates", status_code=status.HTTP_201_CREATED, response_model=CandidateOut)
def nominate(election_id: IdPath, body: CandidateIn, session: Db, _by: Secretariat) -> Any:
    """Only during nomination (409 afterwards)."""
    return service.nominate(session, election_id=election_id, data=body)


@router.get("/elections/{election_id}/candidates", response_model=list[CandidateOut])
def list_candidates(election_id: IdPath, session: ReadDb, _by: CouncilReader) -> Any:
    return service.candidates(session, election_id=election_id)


@router.put("/candidates/{candidate_id}/eligibility", response_model=CandidateOut)
def confirm_eligibility(candidate_id: IdPath, body: EligibilityIn, session: Db, _by: Secretariat) -> Any:
    return service.confirm_eligibility(session, candidate_id=candidate_id, data=body)


@router.post("/elections/{election_id}/voters", status_code=status.HTTP_201_CREATED, response_model=VoterOut)
def register_voter(election_id: IdPath, body: VoterIn, session: Db, _by: Secretariat) -> VoterOut:
    row = service.register_voter(session, election_id=election_id, data=body)
    return VoterOut(id=row.id, election_id=row.election_id, name=row.name, address=row.address, voted=False)


@router.get("/elections/{election_id}/voters", response_model=list[VoterOut])
def list_voters(election_id: IdPath, session: Db, by: Secretariat) -> list[VoterOut]:
    """The voter register: citizens' names and addresses, and whether they voted (access-logged)."""
    rows = service.voters(session, election_id=election_id)
    access.record(session, by=by, purpose=service.READ_VOTERS, criteria=service.voters_criteria(election_id))
    return rows


@router.get("/voters/{voter_id}/lookups", response_model=list[LookupOut])
def voter_lookups(voter_id: IdPath, session: Db, by: Secretariat) -> list[LookupOut]:
    """Every read of the voter register that showed this voter: when, who, why (a citizen may learn them)."""
    rows = service.voter_lookups(session, voter_id=voter_id)
    access.record(session, by=by, purpose=service.READ_VOTER_LOOKUPS, criteria=f"voter={voter_id}")
    return [lookup_out(r) for r in rows]


@router.post("/elections/{election_id}/voting", response_model=ElectionOut)
def open_voting(election_id: IdPath, body: PhaseIn, session: Db, _by: Secretariat) -> Any:
    return service.open_voting(session, election_id=election_id, data=body)


@router.post("/elections/{election_id}/votes", status_code=status.HTTP_201_CREATED, response_model=VoteOut)
def vote(election_id: IdPath, body: VoteIn, session: Db, _by: Secretariat) -> VoteOut:
    """The secretariat records a voter's ballot; a second vote by the same voter is a 409."""
    cast = service.vote(session, election_id=election_id, data=body)
    return VoteOut(election_id=cast.election_id, voter_id=cast.voter_id, voted=True)


@router.post("/elections/{election_id}/count", response_model=ElectionOut)
def count(election_id: IdPath, body: PhaseIn, session: Db, _by: Secretariat) -> Any:
    return service.count(session, election_id=election_id, data=body)


@router.get("/elections/{election_id}/results", response_model=ResultsOut)
def results(election_id: IdPath, session: ReadDb, _by: CouncilReader) -> ResultsOut:
    """Only after counting (409 before)."""
    return service.results(session, election_id=election_id)


@router.post("/elections/{election_id}/lot", response_model=ResultsOut)
def draw_lot(election_id: IdPath, body: LotIn, session: Db, by: Secretariat) -> ResultsOut:
    """Record the draw by lot that settles a tie for the last seats (who drew, witnesses, the tied and the drawn)."""
    return service.draw_lot(session, election_id=election_id, data=body, by=by)


@router.post("/elections/{election_id}/recommendation", response_model=ElectionOut)
def recommend(election_id: IdPath, body: RecommendationIn, session: Db, by: Secretariat) -> Any:
    return service.recommend(session, election_id=election_id, data=body, by=by)
