"""Referrals through the API (R12, R13)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from reception import lookups
from reception.referrals import service
from reception.referrals.schemas import ReferralIn, ReferralOut, ReferralUpdate
from reception.web import Caseworker, Reader
from shared import access
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["henvisninger"])


@router.post("/cases/{case_id}/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralOut)
def refer(case_id: IdPath, body: ReferralIn, session: Db, by: Caseworker) -> Any:
    """Jobcentret refers a household member to BKF or Sundhedscentret."""
    return service.refer(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/referrals", response_model=list[ReferralOut])
def list_referrals(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's referrals (access-logged under its case)."""
    rows = service.for_case(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_REFERRALS, case_id=case_id)
    return rows


@router.patch("/referrals/{referral_id}", response_model=ReferralOut)
def update_referral(referral_id: IdPath, body: ReferralUpdate, session: Db, by: Reader) -> Any:
    """The receiving department records its status (403 for anyone else)."""
    return service.update(session, referral_id=referral_id, data=body, by=by)
