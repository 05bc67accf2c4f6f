"""Uddannelse – herfra hvor vi står through the API (B6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.offers import service
from employment.offers.schemas import OfferIn, OfferOut, OfferUpdate
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["uddannelse"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/cases/{case_id}/education-offers", status_code=status.HTTP_201_CREATED, response_model=OfferOut)
def create(case_id: IdPath, body: OfferIn, session: Db, by: Caseworker) -> Any:
    return service.create(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/education-offers", response_model=list[OfferOut])
def for_case(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    access.record(session, by=by, purpose=lookups.READ_EDUCATION_OFFERS, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.patch("/education-offers/{offer_id}", response_model=OfferOut)
def update(offer_id: IdPath, body: OfferUpdate, session: Db, _by: Caseworker) -> Any:
    return service.update(session, offer_id=offer_id, data=body)
