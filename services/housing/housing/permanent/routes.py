"""Permanent housing through the API: needs, waiting list, associations, offers, decisions (H5, H6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from housing import lookups
from housing.permanent import service
from housing.permanent.schemas import (
    AssociationIn,
    AssociationOut,
    DecisionIn,
    DecisionOut,
    DwellingOut,
    NeedIn,
    NeedOut,
    OfferIn,
    OfferOut,
    PriorityIn,
)
from housing.web import Reader
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["permanent bolig"])
# Permanent housing is Borgerservice's (the seed); Jobcentret coordinates the household's needs.
Allocator = Annotated[Principal, Depends(require(Department.BORGERSERVICE))]
NeedWriter = Annotated[Principal, Depends(require(Department.BORGERSERVICE, Department.JOBCENTRET))]


@router.post("/permanent-needs", status_code=status.HTTP_201_CREATED, response_model=NeedOut)
def register_need(body: NeedIn, session: Db, by: NeedWriter) -> NeedOut:
    """H5: size, accessibility, location constraints, date needed; joins the waiting list."""
    return service.need_out(session, service.register_need(session, data=body, by=by))


@router.get("/permanent-needs/waiting-list", response_model=list[NeedOut])
def waiting_list(session: Db, by: Reader) -> list[NeedOut]:
    """H6: by turn, each household's position visible (a list of persons: access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_WAITING)
    return service.waiting_list(session)


@router.post("/permanent-needs/{need_id}/priority", response_model=NeedOut)
def prioritise(need_id: IdPath, body: PriorityIn, session: Db, by: Allocator) -> NeedOut:
    """H6: allocation by need, with a written reason."""
    return service.need_out(session, service.prioritise(session, need_id=need_id, reason=body.reason, by=by))


@router.get("/permanent-needs/{need_id}/decisions", response_model=list[DecisionOut])
def decisions(need_id: IdPath, session: Db, by: Reader) -> Any:
    """Every allocation decision for the household: who, when, why (access-logged under its case)."""
    rows = service.decisions(session, need_id=need_id)
    access.record(session, by=by, purpose=lookups.READ_NEED, case_id=service.case_of(session, need_id=need_id))
    return rows


@router.post("/housing-associations", status_code=status.HTTP_201_CREATED, response_model=AssociationOut)
def add_association(body: AssociationIn, session: Db, _by: Allocator) -> Any:
    return service.add_association(session, data=body)


@router.get("/housing-associations", response_model=list[AssociationOut])
def list_associations(session: Db, _by: Reader) -> Any:
    return service.associations(session)


@router.get("/dwellings", response_model=list[DwellingOut])
def list_dwellings(session: Db, _by: Reader) -> list[DwellingOut]:
    """H5: the associations' dwellings, each with the open or accepted offer reserving it (None: free)."""
    return [
        DwellingOut(
            id=d.id,
            association_id=d.association_id,
            address=d.address,
            rooms=d.rooms,
            monthly_rent=d.monthly_rent,
            reserved_by_offer=offer_id,
        )
        for d, offer_id in service.dwellings(session)
    ]


@router.post("/offers", status_code=status.HTTP_201_CREATED, response_model=OfferOut)
def make_offer(body: OfferIn, session: Db, by: Allocator) -> Any:
    """H6: allocate a dwelling by turn (must be the household's turn) or by need (must be prioritised).

    The dwelling is found (or registered) by association and normalised address; one that an open or
    accepted offer holds is a 409.
    """
    return service.make_offer(session, data=body, by=by)


@router.post("/offers/{offer_id}/decision", response_model=OfferOut)
def decide(offer_id: IdPath, body: DecisionIn, session: Db, by: Allocator) -> Any:
    """Accepted: the temporary placement ends and housing.permanent_allocated is published.
    Declined or withdrawn: the dwelling is free for another offer."""
    return service.decide(session, offer_id=offer_id, data=body, by=by)
