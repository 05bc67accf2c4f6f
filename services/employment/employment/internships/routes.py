"""Virksomhedspraktik through the API (B5)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.internships import service
from employment.internships.schemas import (
    CompanyIn,
    CompanyOut,
    InternshipIn,
    InternshipOut,
    InternshipUpdate,
    OutreachIn,
    OutreachOut,
)
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["virksomhedspraktik"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.post("/companies", status_code=status.HTTP_201_CREATED, response_model=CompanyOut)
def add_company(body: CompanyIn, session: Db, _by: Caseworker) -> Any:
    return service.add_company(session, data=body)


@router.get("/companies", response_model=list[CompanyOut])
def companies(session: ReadDb, _by: Caseworker) -> Any:
    return service.companies(session)


@router.post("/companies/{company_id}/outreach", status_code=status.HTTP_201_CREATED, response_model=OutreachOut)
def log_outreach(company_id: IdPath, body: OutreachIn, session: Db, by: Caseworker) -> Any:
    return service.log_outreach(session, company_id=company_id, data=body, by=by)


@router.get("/companies/{company_id}/outreach", response_model=list[OutreachOut])
def outreach(company_id: IdPath, session: ReadDb, _by: Caseworker) -> Any:
    return service.outreach(session, company_id=company_id)


@router.post("/cases/{case_id}/internships", status_code=status.HTTP_201_CREATED, response_model=InternshipOut)
def create_internship(case_id: IdPath, body: InternshipIn, session: Db, by: Caseworker) -> Any:
    """An internship; one overlapping another (not cancelled) of the same person is a 409."""
    return service.create_internship(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/internships", response_model=list[InternshipOut])
def for_case(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    access.record(session, by=by, purpose=lookups.READ_INTERNSHIPS, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.patch("/internships/{internship_id}", response_model=InternshipOut)
def update_internship(internship_id: IdPath, body: InternshipUpdate, session: Db, _by: Caseworker) -> Any:
    return service.update_internship(session, internship_id=internship_id, data=body)
