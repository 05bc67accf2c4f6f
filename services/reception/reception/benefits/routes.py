"""Benefits, payment runs and sanctions through the API (R3): Økonomisk Team's work."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from reception import lookups
from reception.benefits import sanctions, service
from reception.benefits.schemas import (
    AppealIn,
    AppealOut,
    BenefitIn,
    BenefitOut,
    DecisionIn,
    GuidanceIn,
    GuidanceOut,
    HearingIn,
    PaymentOut,
    ReconsiderationIn,
    RecoveryOut,
    ReplyIn,
    RunIn,
    RunOut,
    SanctionIn,
    SanctionOut,
)
from reception.benefits.situation import parse_situation
from reception.web import Reader
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["forsørgelse"])
Finance = Annotated[Principal, Depends(require(Department.OKONOMI))]
Proposer = Annotated[Principal, Depends(require(Department.OKONOMI, Department.JOBCENTRET))]


@router.post("/cases/{case_id}/benefits", status_code=status.HTTP_201_CREATED, response_model=BenefitOut)
def add_benefit(case_id: IdPath, body: BenefitIn, session: Db, by: Finance) -> Any:
    return service.add_benefit(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/benefits", response_model=list[BenefitOut])
def list_benefits(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's benefits (access-logged under its case)."""
    rows = service.benefits_for(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_BENEFITS, case_id=case_id)
    return rows


@router.post("/benefits/{benefit_id}/payment-account", response_model=BenefitOut)
def register_payment_account(benefit_id: IdPath, session: Db, _by: Finance) -> Any:
    """NemKonto registered after the benefit: the next payment run pays the months skipped (efterbetaling)."""
    return service.register_payment_account(session, benefit_id=benefit_id)


@router.get("/cases/{case_id}/recoveries", response_model=list[RecoveryOut])
def list_recoveries(case_id: IdPath, session: Db, by: Reader) -> Any:
    """Amounts paid for days after a benefit ended (access-logged under its case)."""
    rows = service.recoveries_for(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_BENEFITS, case_id=case_id)
    return rows


@router.get("/kontanthjaelp/forslag")
def suggest_kontanthjaelp(
    _by: Finance,
    start_date: str | None = None,
    birth_date: str | None = None,
    children: str | None = None,
    lives_with_spouse: str | None = None,
    lives_with_parents: str | None = None,
    meets_residence_requirement: str | None = None,
) -> dict[str, object]:
    """The kontanthjælp suggested for a situation (aktivloven §§ 16–20): amount, satser's year, lines and why.
    Bad parameters: 422 with a Danish message."""
    situation, start = parse_situation(
        {
            "start_date": start_date,
            "birth_date": birth_date,
            "children": children,
            "lives_with_spouse": lives_with_spouse,
            "lives_with_parents": lives_with_parents,
            "meets_residence_requirement": meets_residence_requirement,
        }
    )
    return service.suggestion(situation, start).as_json()


@router.post("/payment-runs", response_model=RunOut)
def run_month(body: RunIn, session: Db, by: Finance) -> RunOut:
    """Pay a month once; running it again returns the same run and pays no one twice."""
    result = service.run_month(session, month=body.month, by=by)
    return RunOut(
        id=result.run.id,
        month=result.run.month,
        run_by=result.run.run_by,
        created=result.created,
        payments=[PaymentOut.model_validate(p) for p in result.payments],
    )


@router.post("/cases/{case_id}/sanctions", status_code=status.HTTP_201_CREATED, response_model=SanctionOut)
def propose(case_id: IdPath, body: SanctionIn, session: Db, by: Proposer) -> Any:
    return sanctions.propose_sanction(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/sanctions", response_model=list[SanctionOut])
def list_sanctions(case_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's sanctions (access-logged under its case)."""
    rows = sanctions.sanctions_for(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_SANCTIONS, case_id=case_id)
    return rows


@router.post("/sanctions/{sanction_id}/hearing", response_model=SanctionOut)
def send_hearing(sanction_id: IdPath, body: HearingIn, session: Db, _by: Finance) -> Any:
    """Partshøring: the letter's date (default today) and delivery; the reply deadline with its rule and why."""
    return sanctions.send_hearing(
        session,
        sanction_id=sanction_id,
        version=body.version,
        reply_days=body.reply_days,
        sent_on=body.sent_on,
        delivery=body.delivery,
    )


@router.post("/sanctions/{sanction_id}/reply", response_model=SanctionOut)
def record_reply(sanction_id: IdPath, body: ReplyIn, session: Db, _by: Proposer) -> Any:
    return sanctions.record_reply(session, sanction_id=sanction_id, version=body.version, reply=body.reply)


@router.post("/sanctions/{sanction_id}/decision", response_model=SanctionOut)
def decide(sanction_id: IdPath, body: DecisionIn, session: Db, by: Finance) -> Any:
    """The decision, dated and sent: reasons, legal basis, appeal guidance and the appeal deadline."""
    return sanctions.decide(
        session,
        sanction_id=sanction_id,
        version=body.version,
        decision=body.decision,
        reasoning=body.reasoning,
        by=by,
        decided_on=body.decided_on,
        delivery=body.delivery,
    )


@router.post("/cases/{case_id}/duty-guidance", status_code=status.HTTP_201_CREATED, response_model=GuidanceOut)
def record_guidance(case_id: IdPath, body: GuidanceIn, session: Db, by: Proposer) -> Any:
    """Written guidance about a duty (aktivloven § 35, stk. 1): which duty, the day, how, by whom."""
    return sanctions.record_guidance(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/duty-guidance", response_model=list[GuidanceOut])
def list_guidance(case_id: IdPath, session: Db, by: Reader) -> Any:
    rows = sanctions.guidance_for(session, case_id=case_id)
    access.record(session, by=by, purpose=lookups.READ_SANCTIONS, case_id=case_id)
    return rows


@router.post("/sanctions/{sanction_id}/appeals", status_code=status.HTTP_201_CREATED, response_model=AppealOut)
def register_appeal(sanction_id: IdPath, body: AppealIn, session: Db, by: Proposer) -> Any:
    """An appeal arrived at the municipality (a late one is registered and flagged)."""
    return sanctions.register_appeal(session, sanction_id=sanction_id, data=body, by=by)


@router.post("/appeals/{appeal_id}/reconsideration", response_model=AppealOut)
def reconsider(appeal_id: IdPath, body: ReconsiderationIn, session: Db, by: Finance) -> Any:
    """Genvurdering: medhold (the sanction dropped) or sent on to Ankestyrelsen, dated."""
    return sanctions.reconsider(
        session,
        appeal_id=appeal_id,
        version=body.version,
        outcome=body.outcome,
        reasoning=body.reasoning,
        by=by,
        decided_on=body.decided_on,
    )
