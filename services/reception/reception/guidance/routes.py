"""The local-area tour and the guidance log through the API (R6)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from reception import lookups
from reception.guidance import service
from reception.guidance.schemas import GuidanceIn, GuidanceOut, TourDoneIn, TourIn, TourOut
from reception.web import Caseworker, Reader
from shared import access
from shared.errors import NotFound
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["vejledning"])


@router.put("/cases/{case_id}/local-tour", response_model=TourOut)
def book_tour(case_id: IdPath, body: TourIn, session: Db, _by: Caseworker) -> Any:
    return service.book_tour(session, case_id=case_id, data=body)


@router.post("/cases/{case_id}/local-tour/done", response_model=TourOut)
def tour_done(case_id: IdPath, body: TourDoneIn, session: Db, _by: Caseworker) -> Any:
    return service.tour_done(session, case_id=case_id, data=body)


@router.get("/cases/{case_id}/local-tour", response_model=TourOut)
def get_tour(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's local-area tour (access-logged under its case)."""
    tour = service.get_tour(session, case_id=case_id)
    if tour is None:
        raise NotFound(f"no tour is booked for case {case_id}")
    access.record(session, by=by, purpose=lookups.READ_LOCAL_TOUR, case_id=case_id)
    return tour


@router.post("/cases/{case_id}/guidance", status_code=status.HTTP_201_CREATED, response_model=GuidanceOut)
def log_guidance(case_id: IdPath, body: GuidanceIn, session: Db, by: Caseworker) -> Any:
    return service.log_guidance(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/guidance", response_model=list[GuidanceOut])
def guidance_log(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's guidance log (access-logged under its case)."""
    rows = service.guidance_log(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_GUIDANCE, case_id=case_id)
    return rows
