"""Økonomisk Team's Danish pages (R3): benefits and sanctions on a case, and the monthly payment run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception import lookups
from reception.benefits import payment_pages, service
from reception.benefits import sanctions as sanction_service
from reception.benefits.models import Sanction, SanctionAppeal
from reception.benefits.schemas import (
    DUTY_LABELS,
    HOW_LABELS,
    AppealIn,
    BenefitForm,
    BenefitOut,
    BenefitType,
    DecisionIn,
    GuidanceIn,
    GuidanceOut,
    HearingIn,
    ReconsiderationIn,
    RecoveryOut,
    ReplyIn,
    SanctionIn,
    SanctionOut,
)
from reception.benefits.situation import parse_situation
from reception.cases.models import Case
from reception.web import FORMS, CaseReader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import Invalid, NotFound
from shared.law.retssikkerhedsloven import Delivery
from shared.web.deps import Db, IdPath
from shared.web.forms import money_input
from shared.web.submit import Action, pick

router = APIRouter(include_in_schema=False)

# Every type a stored benefit can have; the two abolished 1 July 2025 are shown as such.
BENEFIT_LABELS = {
    BenefitType.INTRODUCTION.value: "Introduktionsydelse (ophørt)",
    BenefitType.SELF_SUPPORT.value: "Selvforsørgelsesydelse (ophørt)",
    BenefitType.CASH.value: "Kontanthjælp",
}
PAYMENT_KINDS = {"regular": "Månedens udbetaling", "arrears": "Efterbetaling"}
RECOVERY_LABELS = {"til_afgoerelse": ("warning", "Til afgørelse om tilbagebetaling (aktivloven § 91)")}
SANCTION_LABELS = {
    "proposed": ("info", "Foreslået – partshøring mangler"),
    "hearing": ("warning", "I partshøring"),
    "applied": ("error", "Besluttet – fradrag i næste udbetaling"),
    "dropped": ("success", "Frafaldet"),
    "deducted": ("error", "Fradraget"),
    "lapsed": ("info", "Bortfaldet – for sent til fradrag"),
    "reversed": ("success", "Ændret ved genvurdering – frafaldet"),
}
LINE_LABELS = {
    "open": "Fradrages",
    "deducted": "Fradraget",
    "lapsed": "Bortfaldet – fristen for fradrag er overskredet",
    "before_guidance": "Fradrages ikke – før den skriftlige vejledning",
    "dropped": "Frafaldet",
}
DECISION_LABELS = {"applied": "Sanktionen gennemføres (fradrag)", "dropped": "Sanktionen frafaldes"}
DELIVERY_LABELS = {d.value: d.label[0].upper() + d.label[1:] for d in Delivery}
RECONSIDERATION_LABELS = {
    "granted": "Borgeren får medhold – afgørelsen ændres, og sanktionen frafaldes",
    "sent_on": "Afgørelsen fastholdes – klagen sendes til Ankestyrelsen",
}
APPEAL_LABELS = {
    "received": ("warning", "Modtaget – afventer genvurdering"),
    "granted": ("success", "Medhold ved genvurdering"),
    "sent_on": ("info", "Sendt til Ankestyrelsen"),
}
FINANCE = Department.OKONOMI
PROPOSERS = (Department.OKONOMI, Department.JOBCENTRET)
BENEFIT_FIELDS = (
    "start_date",
    "birth_date",
    "children",
    "lives_with_spouse",
    "lives_with_parents",
    "meets_residence_requirement",
    "monthly_amount",
    "override_reason",
    "payment_account_registered",
)
SANCTION_FIELDS = ("reason", "duty", "breach_date", "amount")
GUIDANCE_FIELDS = ("duty", "given_on", "how", "given_by", "note")
FLAGS = ("lives_with_spouse", "lives_with_parents", "meets_residence_requirement", "payment_account_registered")
STALE = "Sanktionen er ændret af en anden i mellemtiden – genindlæs og prøv igen"


OPTIONAL_STEP_FIELDS = ("sent_on", "decided_on", "delivery")  # left empty: today, Digital Post


def _filled(data: dict[str, str]) -> dict[str, str]:
    """A step's form without its optional fields left empty (their defaults apply)."""
    return {k: v for k, v in data.items() if not (k in OPTIONAL_STEP_FIELDS and v == "")}


def _labels() -> dict[str, Any]:
    return {
        "benefit_labels": BENEFIT_LABELS,
        "payment_kinds": PAYMENT_KINDS,
        "recovery_labels": RECOVERY_LABELS,
        "sanction_labels": SANCTION_LABELS,
        "decision_labels": DECISION_LABELS,
        "line_labels": LINE_LABELS,
        "delivery_labels": DELIVERY_LABELS,
        "duty_labels": {duty.value: label for duty, label in DUTY_LABELS.items()},
        "how_labels": {how.value: label for how, label in HOW_LABELS.items()},
        "reconsideration_labels": RECONSIDERATION_LABELS,
        "appeal_labels": APPEAL_LABELS,
    }


def benefits_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
    suggestion: dict[str, object] | None = None,
) -> Response:
    """The case's benefits and sanctions; ``form_for`` names the form the kept input belongs to;
    ``suggestion`` the kontanthjælp computed from the benefit form's situation ("Beregn forslag")."""

    def load(db: Session, case: Case) -> dict[str, Any]:
        benefits = [BenefitOut.model_validate(b) for b in service.benefits_for(db, case_id=case_id)]
        sanctions = [SanctionOut.model_validate(s) for s in sanction_service.sanctions_for(db, case_id=case_id)]
        guidance = [GuidanceOut.model_validate(g) for g in sanction_service.guidance_for(db, case_id=case_id)]
        return {
            "benefits": benefits,
            "payments": service.payments_for(db, case_id=case_id),
            "recoveries": [RecoveryOut.model_validate(r) for r in service.recoveries_for(db, case_id=case_id)],
            "month_name": service.month_name,
            "sanctions": sanctions,
            "guidance": guidance,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "suggestion": suggestion,
            "today": today(),
            "is_finance": principal.department == FINANCE,
            "can_propose": principal.department in PROPOSERS,
            **_labels(),
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_BENEFITS,
        template="benefits.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/forsorgelse")
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """The page; with ``beregn`` (the benefit form's "Beregn forslag") also the kontanthjælp suggested for the
    situation typed, the form kept as typed, or the Danish error next to the field."""
    if "beregn" not in request.query_params:
        return benefits_page(request, session, user, case_id)
    typed = {k: v[:200] for k, v in request.query_params.items() if k in BENEFIT_FIELDS}
    try:
        situation, start = parse_situation({**typed, **{flag: "ja" if typed.get(flag) else "" for flag in FLAGS}})
        proposal = service.suggestion(situation, start)
    except Invalid as exc:
        field = (exc.field or "").removeprefix("situation.")
        errors = {field if field in BENEFIT_FIELDS else "benefit": exc.danish}
        return benefits_page(
            request, session, user, case_id, errors=errors, form=typed, form_for="benefit", status_code=422
        )
    return benefits_page(request, session, user, case_id, form=typed, form_for="benefit", suggestion=proposal.as_json())


async def _submit(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    *,
    form_for: str,
    action: Action,
    allowed: tuple[Department, ...],
    refused: str,
    prefix: str = "",
    alert: str | None = None,
    fields: tuple[str, ...] = (),
) -> Response:
    """One of the page's forms (``form_for``); a sanction's steps say so when it changed meanwhile."""
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="ændre forsørgelsen",
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: benefits_page(
            request, session, user, case_id, errors=errors, form=form, form_for=form_for, status_code=422
        ),
        fields=fields,
        allowed=allowed,
        refused=refused,
        alert=alert,
        stale=STALE,
    )


@router.post("/sager/{case_id}/forsorgelse/ydelse")
async def add_benefit(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        amount = (form.get("monthly_amount") or "").strip()
        data = BenefitForm.model_validate(
            {
                **pick(form, ("start_date", "birth_date", "override_reason")),
                "children": (form.get("children") or "").strip() or "0",
                **{flag: bool(form.get(flag)) for flag in FLAGS},
                "monthly_amount": money_input(amount) if amount else None,
            }
        ).to_benefit()
        try:
            service.add_benefit(db, case_id=case_id, data=data, by=by)
        except Invalid as exc:  # the API names the situation's fields "situation.<name>"; the form names them plainly
            if exc.field and exc.field.startswith("situation."):
                exc.field = exc.field.removeprefix("situation.")
            raise
        return f"/sager/{case_id}/forsorgelse#ydelser"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for="benefit",
        action=action,
        allowed=(FINANCE,),
        refused="Kun Økonomisk Team kan oprette ydelser",
        alert="benefit",
        fields=BENEFIT_FIELDS,
    )


@router.post("/sager/{case_id}/forsorgelse/ydelser/{benefit_id}/nemkonto")
async def register_payment_account(
    case_id: IdPath, benefit_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    """NemKonto registered: the next payment run pays the months skipped meanwhile (efterbetaling)."""

    def action(db: Session, _by: Principal, _form: dict[str, str]) -> str:
        service.register_payment_account(db, benefit_id=benefit_id, case_id=case_id)
        return f"/sager/{case_id}/forsorgelse#ydelser"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for=f"account-{benefit_id}",
        action=action,
        allowed=(FINANCE,),
        refused="Kun Økonomisk Team kan registrere NemKonto",
    )


@router.post("/sager/{case_id}/sanktioner")
async def propose(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = SanctionIn.model_validate({**pick(form, SANCTION_FIELDS), "amount": money_input(form.get("amount"))})
        sanction_service.propose_sanction(db, case_id=case_id, data=data, by=by)
        return f"/sager/{case_id}/forsorgelse#sanktioner"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for="propose",
        action=action,
        allowed=PROPOSERS,
        refused="Kun Jobcentret og Økonomisk Team kan foreslå en sanktion",
        alert="sanction",
        fields=SANCTION_FIELDS,
    )


def _sanction_step(session: Session, case_id: int, sanction_id: int) -> None:
    """The sanction must belong to the case in the address."""
    found = session.scalar(select(Sanction.id).where(Sanction.id == sanction_id, Sanction.case_id == case_id))
    if found is None:
        raise NotFound(f"no sanction {sanction_id} on case {case_id}", danish="Sanktionen findes ikke på sagen")


async def _step(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    sanction_id: int,
    *,
    step: str,
    take: Callable[[Session, Principal, dict[str, str]], None],  # validates, checks the case, takes the step
    allowed: tuple[Department, ...],
    refused: str,
    fields: tuple[str, ...] = (),
) -> Response:
    """Hearing, reply or decision on one sanction of the case (at the version read), shown again at that sanction."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        take(db, by, form)
        return f"/sager/{case_id}/forsorgelse#sanktion-{sanction_id}"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for=f"{step}-{sanction_id}",
        action=action,
        allowed=allowed,
        refused=refused,
        prefix=f"s{sanction_id}_",
        fields=fields,
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/partshoering")
async def send_hearing(
    case_id: IdPath, sanction_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def take(db: Session, _by: Principal, form: dict[str, str]) -> None:
        hearing = HearingIn.model_validate(_filled(pick(form, ("version", "reply_days", "sent_on", "delivery"))))
        _sanction_step(db, case_id, sanction_id)
        sanction_service.send_hearing(
            db,
            sanction_id=sanction_id,
            version=hearing.version,
            reply_days=hearing.reply_days,
            sent_on=hearing.sent_on,
            delivery=hearing.delivery,
        )

    return await _step(
        request,
        session,
        user,
        case_id,
        sanction_id,
        step="hearing",
        fields=("reply_days", "sent_on", "delivery"),
        take=take,
        allowed=(FINANCE,),
        refused="Kun Økonomisk Team kan sende partshøring",
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/svar")
async def record_reply(
    case_id: IdPath, sanction_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def take(db: Session, _by: Principal, form: dict[str, str]) -> None:
        reply = ReplyIn.model_validate(pick(form, ("version", "reply")))
        _sanction_step(db, case_id, sanction_id)
        sanction_service.record_reply(db, sanction_id=sanction_id, version=reply.version, reply=reply.reply)

    return await _step(
        request,
        session,
        user,
        case_id,
        sanction_id,
        step="reply",
        take=take,
        allowed=PROPOSERS,
        refused="Kun Jobcentret og Økonomisk Team kan registrere borgerens svar",
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/afgoerelse")
async def decide(case_id: IdPath, sanction_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def take(db: Session, by: Principal, form: dict[str, str]) -> None:
        decision = DecisionIn.model_validate(
            _filled(pick(form, ("version", "decision", "reasoning", "decided_on", "delivery")))
        )
        _sanction_step(db, case_id, sanction_id)
        sanction_service.decide(
            db,
            sanction_id=sanction_id,
            version=decision.version,
            decision=decision.decision,
            reasoning=decision.reasoning,
            by=by,
            decided_on=decision.decided_on,
            delivery=decision.delivery,
        )

    return await _step(
        request,
        session,
        user,
        case_id,
        sanction_id,
        step="decide",
        fields=("decision", "reasoning", "decided_on", "delivery"),
        take=take,
        allowed=(FINANCE,),
        refused="Kun Økonomisk Team kan afgøre en sanktion",
    )


@router.post("/sager/{case_id}/vejledning")
async def record_guidance(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """Written guidance about a duty (aktivloven § 35, stk. 1), recorded with its day, how and by whom."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = GuidanceIn.model_validate(pick(form, GUIDANCE_FIELDS))
        sanction_service.record_guidance(db, case_id=case_id, data=data, by=by)
        return f"/sager/{case_id}/forsorgelse#vejledning"

    return await _submit(
        request,
        session,
        user,
        case_id,
        form_for="guidance",
        action=action,
        allowed=PROPOSERS,
        refused="Kun Jobcentret og Økonomisk Team kan registrere skriftlig vejledning",
        prefix="g_",
        alert="guidance",
        fields=GUIDANCE_FIELDS,
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/klage")
async def register_appeal(
    case_id: IdPath, sanction_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    def take(db: Session, by: Principal, form: dict[str, str]) -> None:
        appeal = AppealIn.model_validate(pick(form, ("received_on", "citizen_text")))
        _sanction_step(db, case_id, sanction_id)
        sanction_service.register_appeal(db, sanction_id=sanction_id, data=appeal, by=by)

    return await _step(
        request,
        session,
        user,
        case_id,
        sanction_id,
        step="appeal",
        fields=("received_on", "citizen_text"),
        take=take,
        allowed=PROPOSERS,
        refused="Kun Jobcentret og Økonomisk Team kan registrere en klage",
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/genvurdering")
async def reconsider(case_id: IdPath, sanction_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def take(db: Session, by: Principal, form: dict[str, str]) -> None:
        data = ReconsiderationIn.model_validate(_filled(pick(form, ("version", "outcome", "decided_on", "reasoning"))))
        _sanction_step(db, case_id, sanction_id)
        appeal_id = db.scalar(select(SanctionAppeal.id).where(SanctionAppeal.sanction_id == sanction_id))
        if appeal_id is None:
            raise NotFound(f"no appeal of sanction {sanction_id}", danish="Der er ingen klage over sanktionen")
        sanction_service.reconsider(
            db,
            appeal_id=appeal_id,
            version=data.version,
            outcome=data.outcome,
            reasoning=data.reasoning,
            by=by,
            decided_on=data.decided_on,
        )

    return await _step(
        request,
        session,
        user,
        case_id,
        sanction_id,
        step="reconsider",
        fields=("outcome", "decided_on", "reasoning"),
        take=take,
        allowed=(FINANCE,),
        refused="Kun Økonomisk Team kan genvurdere en klage",
    )


# The monthly payment run is a page of its own, served with these.
router.include_router(payment_pages.router)
