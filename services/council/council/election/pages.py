"""C3 Valg til integrationsrådet on Danish pages: the election, candidates, voters, votes, count, lot, indstilling."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from council.dates import term_why
from council.election import service
from council.election.models import Candidate
from council.election.schemas import (
    PHASE_LABELS,
    CandidateIn,
    ElectionIn,
    EligibilityIn,
    LotIn,
    PhaseIn,
    RecommendationIn,
    VoteIn,
    VoterIn,
)
from council.web import JC, Rerender, not_found, read_multi, reader, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
WHAT = "valg til integrationsrådet"
LABELS = {
    "election_term_start": "Valgperiodens start",
    "election_term_end": "Valgperiodens slutning",
    "election_seats": "Antal pladser",
    "candidate_name": "Kandidatens navn",
    "candidate_nominated_by": "Opstillet af",
    "voter_name": "Vælgerens navn",
    "voter_address": "Adresse",
    "vote_voter_id": "Vælger",
    "vote_candidate_id": "Kandidat",
    "lot_candidate_ids": "Kandidater udtrukket ved lodtrækning",
    "lot_witnesses": "Vidner til lodtrækningen",
    "rec_text": "Indstilling",
    "rec_meeting_date": "Byrådets mødedato",
}


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = service.elections(session)
    return render(
        request,
        "elections.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        elections=rows,
        phases={p.value: label for p, label in PHASE_LABELS.items()},
    )


@router.get("/valg")
def elections_page(request: Request, session: Db, principal: Principal = reader(WHAT)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post("/valg")
async def create(request: Request, session: Db, user: Principal = reader("oprette valg")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = ElectionIn.model_validate({k: form.get(k, "") for k in ("term_start", "term_end", "seats")})
        return f"/valg/{service.create(session, data=data).id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette valg",
        prefix="election_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("term_start", "term_end", "seats"),
    )


def _page(
    request: Request,
    session: Session,
    election_id: int,
    principal: Principal,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        election = service.get(session, election_id)
    except DomainError:
        return not_found(request, f"valg {election_id}")
    candidates = service.candidates(session, election_id=election_id)
    secretariat = principal.department == JC  # the voter register is for them only
    voters = service.voters(session, election_id=election_id) if secretariat else []
    if secretariat:
        record_page(request, session, purpose=service.READ_VOTERS, criteria=service.voters_criteria(election_id))
    results = (
        service.results(session, election_id=election_id) if election.phase in ("counted", "recommended") else None
    )
    return render(
        request,
        "election.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        election=election,
        candidates=candidates,
        voters=voters,
        results=results,
        secretariat=secretariat,
        phases={p.value: label for p, label in PHASE_LABELS.items()},
        term_why=term_why(election.term_start),
    )


@router.get("/valg/{election_id}")
def election_page(election_id: IdPath, request: Request, session: Db, principal: Principal = reader(WHAT)) -> Response:
    return _page(request, session, election_id, principal, errors={}, form={})


def _rerender(request: Request, session: Session, election_id: int, principal: Principal) -> Rerender:
    return lambda errors, form: _page(
        request, session, election_id, principal, errors=errors, form=form, status_code=422
    )


Step = Callable[[Session, Principal, dict[str, str]], None]


async def _step(
    request: Request,
    election_id: int,
    *,
    session: Session,
    principal: Principal,
    what: str,
    prefix: str,
    step: Step,
    anchor: str,
    fields: tuple[str, ...] = (),
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        step(session, by, form)
        return f"/valg/{election_id}#{anchor}"

    return await submit(
        request,
        session=session,
        principal=principal,
        what=what,
        prefix=prefix,
        action=action,
        rerender=_rerender(request, session, election_id, principal),
        fields=fields,
    )


@router.post("/valg/{election_id}/kandidater")
async def nominate(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("opstille kandidater")
) -> Response:
    def step(session: Session, _by: Principal, form: dict[str, str]) -> None:
        data = CandidateIn.model_validate({k: form.get(k, "") for k in ("name", "nominated_by")})
        service.nominate(session, election_id=election_id, data=data)

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="opstille kandidater",
        prefix="candidate_",
        step=step,
        anchor="candidates-h",
        fields=("name", "nominated_by"),
    )


@router.post("/valg/{election_id}/kandidater/{candidate_id}/valgbarhed")
async def confirm_eligibility(
    election_id: IdPath,
    candidate_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = reader("bekræfte valgbarhed"),
) -> Response:
    def step(session: Session, _by: Principal, form: dict[str, str]) -> None:
        row = session.get(Candidate, candidate_id)
        if row is None or row.election_id != election_id:
            raise DomainError("no such candidate in this election", danish="Kandidaten findes ikke")
        service.confirm_eligibility(
            session,
            candidate_id=candidate_id,
            data=EligibilityIn.model_validate({"eligible": form.get("eligible", "")}),
        )

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="bekræfte valgbarhed",
        prefix=f"c{candidate_id}_",
        step=step,
        anchor="candidates-h",
    )


@router.post("/valg/{election_id}/vaelgere")
async def register_voter(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("registrere vælgere")
) -> Response:
    def step(session: Session, _by: Principal, form: dict[str, str]) -> None:
        data = VoterIn.model_validate({k: form.get(k, "") for k in ("name", "address")})
        service.register_voter(session, election_id=election_id, data=data)

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="registrere vælgere",
        prefix="voter_",
        step=step,
        anchor="voters-h",
        fields=("name", "address"),
    )


@router.post("/valg/{election_id}/stemmer")
async def vote(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("registrere stemmer")
) -> Response:
    def step(session: Session, _by: Principal, form: dict[str, str]) -> None:
        data = VoteIn.model_validate({k: form.get(k, "") for k in ("voter_id", "candidate_id")})
        service.vote(session, election_id=election_id, data=data)

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="registrere stemmer",
        prefix="vote_",
        step=step,
        anchor="vote-h",
        fields=("voter_id", "candidate_id"),
    )


@router.post("/valg/{election_id}/fase")
async def next_phase(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("styre valget")
) -> Response:
    def step(session: Session, _by: Principal, form: dict[str, str]) -> None:
        data = PhaseIn.model_validate({"version": form.get("version", "")})
        if form.get("to") == "voting":
            service.open_voting(session, election_id=election_id, data=data)
        elif form.get("to") == "counted":
            service.count(session, election_id=election_id, data=data)
        else:
            raise DomainError("unknown phase", danish="Ukendt fase")

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="styre valget",
        prefix="phase_",
        step=step,
        anchor="phase-h",
    )


@router.post("/valg/{election_id}/lodtraekning")
async def draw_lot(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("registrere lodtrækning")
) -> Response:
    chosen = await read_multi(request, "candidate_ids")

    def step(session: Session, by: Principal, form: dict[str, str]) -> None:
        data = LotIn.model_validate(
            {"candidate_ids": chosen, "witnesses": form.get("witnesses", ""), "version": form.get("version", "")}
        )
        service.draw_lot(session, election_id=election_id, data=data, by=by)

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="registrere lodtrækning",
        prefix="lot_",
        step=step,
        anchor="results-h",
        fields=("candidate_ids", "witnesses"),
    )


@router.post("/valg/{election_id}/indstilling")
async def recommend(
    election_id: IdPath, request: Request, session: Db, user: Principal = reader("indstille til byrådet")
) -> Response:
    def step(session: Session, by: Principal, form: dict[str, str]) -> None:
        data = RecommendationIn.model_validate({k: form.get(k, "") for k in ("text", "meeting_date", "version")})
        service.recommend(session, election_id=election_id, data=data, by=by)

    return await _step(
        request,
        election_id,
        session=session,
        principal=user,
        what="indstille til byrådet",
        prefix="rec_",
        step=step,
        anchor="recommendation-h",
        fields=("text", "meeting_date"),
    )
