"""Reception's JSON API for handovers and cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases import service, takeover
from reception.cases.models import Case
from reception.cases.schemas import (
    ArrivalIn,
    CaseOut,
    CaseSearchHit,
    CaseSearchOut,
    CaseSummary,
    FamilyMemberOut,
    HandoverIn,
    HousingOut,
    OnboardingTaskOut,
    ResponsibilityIn,
    StartCorrectionIn,
    StartCorrectionOut,
)
from reception.config import CPR_VISIBLE_TO
from reception.onboarding.service import CHECKLIST, TaskKind, task_due_why, tasks_for
from reception.web import Caseworker, Reader
from shared import access
from shared.auth import Department, Principal, require
from shared.cpr import mask
from shared.law.registry import reference_of
from shared.validation import SearchText
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["sager"])

HandoverSender = Annotated[Principal, Depends(require(Department.UDLAENDINGESTYRELSEN, Department.JOBCENTRET))]


def visible_cpr(cpr: str | None, viewer: Principal) -> str | None:
    """The CPR number as ``viewer`` may see it: whole for CPR_VISIBLE_TO, else DDMMYY-XXXX."""
    return cpr if viewer.department in CPR_VISIBLE_TO else mask(cpr)


def case_summary(case: Case) -> CaseSummary:
    """The case as the case list shows it."""
    return CaseSummary(
        id=case.id,
        case_number=case.case_number or "",
        full_name=case.full_name,
        expected_arrival_date=case.expected_arrival_date,
        arrival_date=case.arrival_date,
        status=case.status,
        housing_status=case.housing_status,
    )


def case_out(session: Session, case: Case, viewer: Principal) -> CaseOut:
    """The case as ``viewer`` may see it: CPR masked unless their department may see it."""
    tasks = [
        OnboardingTaskOut(
            id=t.id,
            kind=t.kind,
            title=CHECKLIST[TaskKind(t.kind)].title,
            owner_department=t.owner_department,
            due_date=t.due_date,
            status=t.status,
            completed_at=t.completed_at,
            completed_by=t.completed_by,
            due_why=task_due_why(t),
        )
        for t in tasks_for(session, case_id=case.id)
    ]
    return CaseOut(
        id=case.id,
        case_number=case.case_number or "",
        immigration_person_id=case.immigration_person_id,
        full_name=case.full_name,
        date_of_birth=case.date_of_birth,
        nationality=case.nationality,
        residence_basis=case.residence_basis,
        asylum_centre=case.asylum_centre,
        asylum_centre_contact=case.asylum_centre_contact,
        expected_arrival_date=case.expected_arrival_date,
        status=case.status,
        cpr=visible_cpr(case.cpr, viewer),
        arrival_date=case.arrival_date,
        arrival_place=case.arrival_place,
        arrival_arranged_by=case.arrival_arranged_by,
        household_size=case.household_size,
        family_members=[FamilyMemberOut.model_validate(m) for m in case.family_members],
        onboarding_tasks=tasks,
        housing=HousingOut(
            status=case.housing_status,
            address=case.housing_address,
            unit_id=case.housing_unit_id,
            ready_from=case.housing_ready_from,
        ),
        created_at=case.created_at,
        version=case.version,
        case_type=case.case_type,
        linked_case_id=case.linked_case_id,
        family_cases=[c.id for c in service.family_of(session, case_id=case.id)],
        placement_decided_on=case.placement_decided_on,
        responsibility_from=case.responsibility_from,
        responsibility_basis=case.responsibility_basis,
        responsibility_rule=case.responsibility_rule,
        responsibility_reference=reference_of(case.responsibility_rule),
        responsibility_why=case.responsibility_why,
        cpr_registered_on=case.cpr_registered_on,
        start_corrections=[
            StartCorrectionOut.model_validate(c) for c in takeover.corrections(session, case_id=case.id)
        ],
    )


@router.post("/handovers", status_code=status.HTTP_201_CREATED, response_model=CaseOut)
def receive_handover(handover: HandoverIn, session: Db, by: HandoverSender) -> CaseOut:
    """R1: Udlændingestyrelsen hands authority over; a duplicate person id is a 409."""
    case = service.open_case(session, handover=handover, by=by)
    return case_out(session, case, by)


@router.post("/cases/{case_id}/family-reunification", status_code=status.HTTP_201_CREATED, response_model=CaseOut)
def plan_family_reunification(case_id: IdPath, handover: HandoverIn, session: Db, by: HandoverSender) -> CaseOut:
    """R11: family members join the person on case ``case_id``; housing is asked for permanent housing."""
    case = service.plan_family_reunification(session, anchor_case_id=case_id, handover=handover, by=by)
    return case_out(session, case, by)


@router.post("/cases/{case_id}/arrival", response_model=CaseOut)
def schedule_arrival(case_id: IdPath, arrival: ArrivalIn, session: Db, by: Caseworker) -> CaseOut:
    """R2: agree pick-up or arrival."""
    case = service.schedule_arrival(session, case_id=case_id, arrival=arrival, by=by)
    return case_out(session, case, by)


@router.post("/cases/{case_id}/responsibility", response_model=CaseOut)
def take_over_early(case_id: IdPath, body: ResponsibilityIn, session: Db, by: Caseworker) -> CaseOut:
    """§ 4: the municipality takes over before the rule's day, with the person's consent (asylum cases)."""
    case = takeover.take_over_early(session, case_id=case_id, data=body, by=by)
    return case_out(session, service.get_case(session, case_id=case.id), by)


@router.post("/cases/{case_id}/responsibility/start-correction", response_model=CaseOut)
def correct_start(case_id: IdPath, body: StartCorrectionIn, session: Db, by: Caseworker) -> CaseOut:
    """§ 4: correct the placement decision's date (asylum cases) or the CPR registration's date (quota
    refugees, the family-reunified), with a reason (logged); the responsibility day and the contract's due
    date are computed again and the day is announced again, so education and employment recompute theirs."""
    case = takeover.correct_start(session, case_id=case_id, data=body, by=by)
    return case_out(session, service.get_case(session, case_id=case.id), by)


@router.get("/cases", response_model=list[CaseSummary])
def list_cases(session: Db, by: Reader) -> list[CaseSummary]:
    access.record(session, by=by, purpose=lookups.LIST_CASES)
    return [case_summary(c) for c in service.list_cases(session)]


# Before /cases/{case_id}, which would otherwise take "search" for an id.
@router.get("/cases/search", response_model=CaseSearchOut)
def search_cases(
    q: Annotated[
        SearchText,
        Query(description="case number, Udlændingestyrelsen's person id, CPR number (exact) or part of a name"),
    ],
    session: Db,
    by: Reader,
) -> CaseSearchOut:
    """Find cases; a CPR number finds a case only for departments that may see CPR numbers. Logged."""
    found = service.search_cases(session, query=q, viewer=by, limit=service.SEARCH_LIMIT)
    return CaseSearchOut(
        count=found.count,
        cases=[CaseSearchHit(**case_summary(c).model_dump(), cpr=visible_cpr(c.cpr, by)) for c in found.cases],
    )


@router.get("/cases/{case_id}", response_model=CaseOut)
def get_case(case_id: IdPath, session: Db, by: Reader) -> CaseOut:
    case = service.get_case(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_CASE, case_id=case_id)
    return case_out(session, case, by)
