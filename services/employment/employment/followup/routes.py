"""Kontinuerlig opfølgning through the API (B8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.followup import control, service
from employment.followup.schemas import (
    ControlActionIn,
    ControlActionOut,
    ControlStepIn,
    FollowUpHeldIn,
    FollowUpIn,
    FollowUpOut,
)
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["opfølgning"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.get("/cases/{case_id}/follow-ups", response_model=list[FollowUpOut])
def for_case(case_id: IdPath, session: Db, by: Caseworker) -> list[FollowUpOut]:
    """The case's follow-up schedule (the statutory due dates, then those added as needed)."""
    access.record(session, by=by, purpose=lookups.READ_FOLLOW_UPS, case_id=case_id)
    return [service.out(r) for r in service.for_case(session, case_id=case_id)]


@router.post("/cases/{case_id}/follow-ups", status_code=status.HTTP_201_CREATED, response_model=FollowUpOut)
def add(case_id: IdPath, body: FollowUpIn, session: Db, _by: Caseworker) -> FollowUpOut:
    return service.out(service.add(session, case_id=case_id, due_date=body.due_date))


@router.post(
    "/cases/{case_id}/follow-up-conversations", status_code=status.HTTP_201_CREATED, response_model=FollowUpOut
)
def held(case_id: IdPath, body: FollowUpHeldIn, session: Db, _by: Caseworker) -> FollowUpOut:
    """A follow-up conversation held: it fills the earliest open due date."""
    return service.out(service.record_held(session, case_id=case_id, data=body))


@router.get("/follow-ups/overdue", response_model=list[FollowUpOut])
def overdue(session: Db, by: Caseworker) -> list[FollowUpOut]:
    """Every case's follow-ups past their due date (a list of persons: access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_FOLLOW_UPS, criteria=lookups.OVERDUE)
    return [service.out(r) for r in service.overdue(session)]


@router.post("/cases/{case_id}/control-actions", status_code=status.HTTP_201_CREATED, response_model=ControlActionOut)
def record_control_action(case_id: IdPath, body: ControlActionIn, session: Db, by: Caseworker) -> ControlActionOut:
    """integrationsloven § 27: information from a public control action → the conversation due within 1 week
    (stk. 1) and the offer within 2 weeks of the first conversation (stk. 2), each with its rule and why."""
    return control.out(control.record(session, case_id=case_id, data=body, by=by))


@router.get("/cases/{case_id}/control-actions", response_model=list[ControlActionOut])
def control_actions(case_id: IdPath, session: Db, by: Caseworker) -> list[ControlActionOut]:
    access.record(session, by=by, purpose=lookups.READ_FOLLOW_UPS, case_id=case_id)
    return [control.out(r) for r in control.for_case(session, case_id=case_id)]


@router.post("/control-actions/{action_id}/conversation", response_model=ControlActionOut)
def control_conversation(action_id: IdPath, body: ControlStepIn, session: Db, _by: Caseworker) -> ControlActionOut:
    """The first conversation after the control action held: the offer is due 2 weeks after it (§ 27, stk. 2)."""
    return control.out(control.conversation_held(session, action_id=action_id, data=body))


@router.post("/control-actions/{action_id}/offer", response_model=ControlActionOut)
def control_offer(action_id: IdPath, body: ControlStepIn, session: Db, _by: Caseworker) -> ControlActionOut:
    return control.out(control.offer_given(session, action_id=action_id, data=body))


@router.get("/control-actions/overdue", response_model=list[ControlActionOut])
def control_overdue(session: Db, by: Caseworker) -> list[ControlActionOut]:
    """Every control action with a § 27 deadline passed and its step not done (access-logged)."""
    access.record(session, by=by, purpose=lookups.LIST_FOLLOW_UPS, criteria=lookups.OVERDUE)
    return [control.out(r) for r in control.overdue(session)]
