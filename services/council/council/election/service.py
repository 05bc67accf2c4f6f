"""Use cases for the election to the council (C3): nomination → voting → counted → recommended."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from council.dates import plausible, term_of
from council.election.models import BallotBox, Candidate, Election, LotDraw, VoteCast, Voter
from council.election.schemas import (
    PHASE_LABELS,
    CandidateIn,
    CandidateResult,
    ElectionIn,
    EligibilityIn,
    LotDrawOut,
    LotIn,
    Phase,
    PhaseIn,
    RecommendationIn,
    ResultsOut,
    VoteIn,
    VoterIn,
    VoterOut,
)
from shared.access import AccessLog
from shared.auth import Principal
from shared.clock import local_date
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound

_STALE = "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"


def create(session: Session, *, data: ElectionIn) -> Election:
    """An election for the council's term, which is the municipal election period (integrationsloven § 42,
    stk. 3: 1 January after a municipal election to 31 December four years on), with 7–11 seats."""
    plausible(data.term_start, field="term_start")
    first, last = term_of(data.term_start)
    if data.term_start != first:
        raise Invalid(
            "the term is the municipal election period (integrationsloven § 42, stk. 3): "
            f"it starts on {first.isoformat()}",
            field="term_start",
            danish=f"Rådets funktionsperiode følger den kommunale valgperiode og begynder {first:%d.%m.%Y} "
            "(integrationsloven § 42, stk. 3)",
        )
    if data.term_end != last:
        raise Invalid(
            "the term is the municipal election period (integrationsloven § 42, stk. 3): "
            f"it ends on {last.isoformat()}",
            field="term_end",
            danish=f"Valgperioden {first:%d.%m.%Y}–{last:%d.%m.%Y} slutter {last:%d.%m.%Y} "
            "(integrationsloven § 42, stk. 3)",
        )
    row = Election(term_start=data.term_start, term_end=data.term_end, seats=data.seats)
    if not try_insert(session, row):
        raise Conflict(
            f"an election for the term starting {data.term_start.isoformat()} exists already",
            field="term_start",
            danish="Der er allerede et valg til perioden",
        )
    return row


def elections(session: Session) -> list[Election]:
    return list(session.scalars(select(Election).order_by(Election.term_start.desc())))


def get(session: Session, election_id: int, *, for_update: bool = False) -> Election:
    row = session.get(Election, election_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no election with id {election_id}", danish="Valget findes ikke")
    return row


def _in_phase(election: Election, *phases: Phase) -> None:
    if election.phase not in phases:
        allowed = " or ".join(p.value for p in phases)
        danish = " eller ".join(PHASE_LABELS[p].lower() for p in phases)
        now = PHASE_LABELS[Phase(election.phase)].lower()
        raise Conflict(
            f"the election is in phase {election.phase}; this is possible only in {allowed}",
            danish=f"Det kan kun gøres i fasen {danish} (valget er i fasen {now})",
        )


def _fresh(election: Election, version: int) -> None:
    if election.version != version:
        raise Conflict(
            f"election {election.id} was changed by someone else (version {election.version})", danish=_STALE
        )


def nominate(session: Session, *, election_id: int, data: CandidateIn) -> Candidate:
    _in_phase(get(session, election_id, for_update=True), Phase.NOMINATION)
    row = Candidate(election_id=election_id, name=data.name, nominated_by=data.nominated_by)
    session.add(row)
    session.flush()
    return row


def candidates(session: Session, *, election_id: int) -> list[Candidate]:
    get(session, election_id)
    return list(session.scalars(select(Candidate).where(Candidate.election_id == election_id).order_by(Candidate.name)))


def confirm_eligibility(session: Session, *, candidate_id: int, data: EligibilityIn) -> Candidate:
    """The secretariat confirms (or withdraws) that a candidate is eligible; only during nomination."""
    row = session.get(Candidate, candidate_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no candidate with id {candidate_id}", danish="Kandidaten findes ikke")
    _in_phase(get(session, row.election_id, for_update=True), Phase.NOMINATION)
    row.eligible = data.eligible
    session.flush()
    return row


def register_voter(session: Session, *, election_id: int, data: VoterIn) -> Voter:
    """Voters register during nomination and voting; the same person twice is refused."""
    _in_phase(get(session, election_id, for_update=True), Phase.NOMINATION, Phase.VOTING)
    row = Voter(election_id=election_id, name=data.name, address=data.address)
    if not try_insert(session, row):
        raise Conflict(
            f"{data.name} at {data.address} is registered already",
            field="name",
            danish="Vælgeren er allerede registreret",
        )
    return row


# The voter register holds citizens' personal data (name, address, whether they voted): each read of it
# is access-logged (shared.access) as a list, with the election as its criteria; candidates stand in
# public and council members act in office, so reads of them are not logged.
READ_VOTERS = "read_voter_register"
READ_VOTER_LOOKUPS = "read_voter_lookups"


def voters_criteria(election_id: int) -> str:
    return f"election={election_id}"


def voter_lookups(session: Session, *, voter_id: int) -> list[AccessLog]:
    """The reads of the voter register that showed this voter: their election's, since they were registered."""
    voter = session.get(Voter, voter_id)
    if voter is None:
        raise NotFound(f"no voter with id {voter_id}", danish="Vælgeren findes ikke")
    query = select(AccessLog).where(
        AccessLog.action == READ_VOTERS,
        AccessLog.criteria == voters_criteria(voter.election_id),
        AccessLog.at >= voter.registered_at,
    )
    return list(session.scalars(query.order_by(AccessLog.at, AccessLog.id)))


def voters(session: Session, *, election_id: int) -> list[VoterOut]:
    get(session, election_id)
    voted = set(session.scalars(select(VoteCast.voter_id).where(VoteCast.election_id == election_id)))
    rows = session.scalars(select(Voter).where(Voter.election_id == election_id).order_by(Voter.name, Voter.id))
    return [
        VoterOut(id=v.id, election_id=v.election_id, name=v.name, address=v.address, voted=v.id in voted) for v in rows
    ]


def open_voting(session: Session, *, election_id: int, data: PhaseIn) -> Election:
    """nomination → voting: at least one candidate's eligibility is confirmed."""
    election = get(session, election_id, for_update=True)
    _fresh(election, data.version)
    _in_phase(election, Phase.NOMINATION)
    eligible = session.scalar(
        select(func.count()).select_from(Candidate).where(Candidate.election_id == election_id, Candidate.eligible)
    )
    if not eligible:
        raise Invalid("no candidate is confirmed eligible", danish="Bekræft mindst én kandidats valgbarhed først")
    election.phase = Phase.VOTING.value
    session.flush()
    return election


def vote(session: Session, *, election_id: int, data: VoteIn) -> VoteCast:
    """A registered voter votes once for an eligible candidate; only in the voting phase.

    That the voter voted is a row; the vote itself only adds one to its candidate's count (secret ballot).
    A second vote, even from two requests at the same moment, meets the unique voter id and is a 409."""
    election = get(session, election_id, for_update=True)
    _in_phase(election, Phase.VOTING)
    voter = session.get(Voter, data.voter_id)
    if voter is None or voter.election_id != election_id:
        raise NotFound(
            f"no voter {data.voter_id} in election {election_id}", field="voter_id", danish="Vælgeren findes ikke"
        )
    candidate = session.get(Candidate, data.candidate_id)
    if candidate is None or candidate.election_id != election_id:
        raise NotFound(
            f"no candidate {data.candidate_id} in election {election_id}",
            field="candidate_id",
            danish="Kandidaten findes ikke",
        )
    if not candidate.eligible:
        raise Invalid(
            "the candidate is not confirmed eligible", field="candidate_id", danish="Kandidaten er ikke valgbar"
        )
    already = Conflict(
        f"voter {data.voter_id} has voted already", field="voter_id", danish="Vælgeren har allerede stemt"
    )
    if session.scalar(select(VoteCast.id).where(VoteCast.voter_id == data.voter_id)) is not None:
        raise already
    cast = VoteCast(election_id=election_id, voter_id=data.voter_id)
    if not try_insert(session, cast):  # a racing request got there first
        raise already
    # The election row is locked (above): one vote at a time per election, so the count cannot lose one.
    box = session.scalar(
        select(BallotBox).where(BallotBox.election_id == election_id, BallotBox.candidate_id == data.candidate_id)
    )
    if box is None:
        session.add(BallotBox(election_id=election_id, candidate_id=data.candidate_id, votes=1))
    else:
        box.votes += 1
    session.flush()
    return cast


def count(session: Session, *, election_id: int, data: PhaseIn) -> Election:
    """voting → counted: no more votes; the results can be read."""
    election = get(session, election_id, for_update=True)
    _fresh(election, data.version)
    _in_phase(election, Phase.VOTING)
    election.phase, election.counted_at = Phase.COUNTED.value, utcnow()
    session.flush()
    return election


def results(session: Session, *, election_id: int) -> ResultsOut:
    """Votes per eligible candidate; the top ``seats`` are elected; a tie at the last seat is listed for a lot."""
    election = get(session, election_id)
    _in_phase(election, Phase.COUNTED, Phase.RECOMMENDED)
    totals: dict[int, int] = {
        box.candidate_id: box.votes
        for box in session.scalars(select(BallotBox).where(BallotBox.election_id == election_id))
    }
    ranked = sorted(
        (c for c in candidates(session, election_id=election_id) if c.eligible),
        key=lambda c: (-totals.get(c.id, 0), c.name),
    )
    elected: set[int] = {c.id for c in ranked}
    tied: set[int] = set()
    to_draw = 0
    if len(ranked) > election.seats:
        boundary = totals.get(ranked[election.seats - 1].id, 0)
        clear = {c.id for c in ranked if totals.get(c.id, 0) > boundary}
        group = [c for c in ranked if totals.get(c.id, 0) == boundary]
        left = election.seats - len(clear)
        if len(group) == left:
            elected = clear | {c.id for c in group}
        else:
            tied = {c.id for c in group}
            drawn = {c.id for c in group if c.won_by_lot}
            elected, to_draw = clear | drawn, left - len(drawn)
    draw = session.scalar(select(LotDraw).where(LotDraw.election_id == election_id))
    return ResultsOut(
        election_id=election_id,
        seats=election.seats,
        votes_cast=sum(totals.values()),
        candidates=[
            CandidateResult(
                candidate_id=c.id,
                name=c.name,
                nominated_by=c.nominated_by,
                votes=totals.get(c.id, 0),
                elected=c.id in elected,
                tied=c.id in tied,
                won_by_lot=c.won_by_lot,
            )
            for c in ranked
        ],
        elected=[c.id for c in ranked if c.id in elected],
        tied=[c.id for c in ranked if c.id in tied],
        seats_to_draw=to_draw,
        lot_draw=LotDrawOut.model_validate(draw) if draw is not None else None,
    )


def draw_lot(session: Session, *, election_id: int, data: LotIn, by: Principal) -> ResultsOut:
    """Record the draw by lot that settled the tie: the tied, the drawn, when, by whom, before which witnesses."""
    election = get(session, election_id, for_update=True)
    _fresh(election, data.version)
    _in_phase(election, Phase.COUNTED)
    current = results(session, election_id=election_id)
    if current.seats_to_draw == 0:
        raise Conflict("there is no tie to settle", danish="Der er ingen stemmelighed at afgøre ved lodtrækning")
    chosen = set(data.candidate_ids)
    if not chosen <= set(current.tied) or len(chosen) != len(data.candidate_ids):
        raise Invalid(
            "candidate_ids must be tied candidates, each once",
            field="candidate_ids",
            danish="Vælg kun kandidater med stemmelighed, hver én gang",
        )
    if len(chosen) != current.seats_to_draw:
        raise Invalid(
            f"draw exactly {current.seats_to_draw} candidate(s)",
            field="candidate_ids",
            danish=f"Vælg præcis {current.seats_to_draw} kandidat(er) ved lodtrækningen",
        )
    names = {c.candidate_id: c.name for c in current.candidates}
    for candidate_id in chosen:
        row = session.get(Candidate, candidate_id)
        assert row is not None
        row.won_by_lot = True
    session.add(
        LotDraw(
            election_id=election_id,
            drawn_by=by.user,
            witnesses=data.witnesses,
            seats=current.seats_to_draw,
            tied_names=", ".join(names[c] for c in current.tied),
            drawn_names=", ".join(names[c] for c in current.tied if c in chosen),
        )
    )
    session.flush()
    return results(session, election_id=election_id)


def recommend(session: Session, *, election_id: int, data: RecommendationIn, by: Principal) -> Election:
    """counted → recommended: the recommendation (indstilling) to the city council's meeting; ties settled first."""
    election = get(session, election_id, for_update=True)
    _fresh(election, data.version)
    _in_phase(election, Phase.COUNTED)
    if results(session, election_id=election_id).seats_to_draw:
        raise Conflict(
            "a tie for the last seat is not settled by lot yet",
            danish="Stemmeligheden om den sidste plads skal først afgøres ved lodtrækning",
        )
    plausible(data.meeting_date, field="meeting_date")
    assert election.counted_at is not None
    if data.meeting_date < local_date(election.counted_at):
        raise Invalid(
            "the meeting date is before the count",
            field="meeting_date",
            danish="Mødedatoen ligger før optællingen",
        )
    election.phase, election.recommendation = Phase.RECOMMENDED.value, data.text
    election.recommendation_meeting_date, election.recommended_by = data.meeting_date, by.user
    session.flush()
    return election
