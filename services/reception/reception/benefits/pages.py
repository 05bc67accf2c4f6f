"""Økonomisk Team's Danish pages (R3): benefits and sanctions on a case, and the monthly payment run."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reception import lookups
from reception.benefits import service
from reception.benefits.models import Payment, PaymentRun, Sanction
from reception.benefits.schemas import (
    BenefitIn,
    BenefitOut,
    BenefitType,
    DecisionIn,
    HearingIn,
    ReplyIn,
    RunIn,
    SanctionIn,
    SanctionOut,
)
from reception.cases.models import Case
from reception.web import danish_message, form_errors, no_access_page, page_reader, render_case_page
from shared import clock
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import DomainError, NotFound
from shared.web.access import record_page
from shared.web.deps import IdPath
from shared.web.forms import money_input, render, signed_in, to_login

router = APIRouter(include_in_schema=False)

BENEFIT_LABELS = {
    BenefitType.INTRODUCTION.value: "Introduktionsydelse",
    BenefitType.SELF_SUPPORT.value: "Selvforsørgelsesydelse",
    BenefitType.CASH.value: "Kontanthjælp",
}
SANCTION_LABELS = {
    "proposed": ("info", "Foreslået – partshøring mangler"),
    "hearing": ("warning", "I partshøring"),
    "applied": ("error", "Besluttet – fradrag i næste udbetaling"),
    "dropped": ("success", "Frafaldet"),
    "deducted": ("error", "Fradraget"),
    "lapsed": ("info", "Bortfaldet – for sent til fradrag"),
}
DECISION_LABELS = {"applied": "Sanktionen gennemføres (fradrag)", "dropped": "Sanktionen frafaldes"}
FINANCE = Department.OKONOMI
PROPOSERS = (Department.OKONOMI, Department.JOBCENTRET)
STALE = "Sanktionen er ændret af en anden i mellemtiden – genindlæs og prøv igen"
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{MONTHS[int(mon) - 1]} {year}"


def _labels() -> dict[str, Any]:
    return {
        "benefit_labels": BENEFIT_LABELS,
        "sanction_labels": SANCTION_LABELS,
        "decision_labels": DECISION_LABELS,
    }


def benefits_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The case's benefits and sanctions; ``form_for`` names the form the kept input belongs to."""

    def load(session: Session, case: Case) -> dict[str, Any]:
        benefits = [BenefitOut.model_validate(b) for b in service.benefits_for(session, case_id=case_id)]
        sanctions = [SanctionOut.model_validate(s) for s in service.sanctions_for(session, case_id=case_id)]
        return {
            "benefits": benefits,
            "sanctions": sanctions,
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "is_finance": principal.department == FINANCE,
            "can_propose": principal.department in PROPOSERS,
            **_labels(),
        }

    return render_case_page(
        request,
        principal,
        case_id,
        action=lookups.READ_BENEFITS,
        template="benefits.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/forsorgelse")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return benefits_page(request, principal, case_id)


def _only(principal: Principal, allowed: tuple[Department, ...], danish: str) -> None:
    if principal.department not in allowed:
        raise DomainError(f"{principal.department.value} may not do this", danish=danish)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


@router.post("/sager/{case_id}/forsorgelse/ydelse")
async def add_benefit(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _only(principal, (FINANCE,), "Kun Økonomisk Team kan oprette ydelser")
        data = BenefitIn.model_validate(
            {
                "benefit_type": form.get("benefit_type", ""),
                "monthly_amount": money_input(form.get("monthly_amount")),
                "start_date": form.get("start_date", ""),
                "payment_account_registered": bool(form.get("payment_account_registered")),
            }
        )
        with request.app.state.runtime.session_factory.begin() as session:
            service.add_benefit(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/forsorgelse#ydelser", status_code=303)
    except ValidationError as exc:
        errors = form_errors(exc)
    except DomainError as exc:
        errors = {exc.field or "benefit": danish_message(exc)}
    return benefits_page(request, principal, case_id, errors=errors, form=form, form_for="benefit", status_code=422)


@router.post("/sager/{case_id}/sanktioner")
async def propose(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    try:
        _only(principal, PROPOSERS, "Kun Jobcentret og Økonomisk Team kan foreslå en sanktion")
        data = SanctionIn.model_validate(
            {
                "reason": form.get("reason", ""),
                "breach_date": form.get("breach_date", ""),
                "guidance_given_on": form.get("guidance_given_on", ""),
                "amount": money_input(form.get("amount")),
            }
        )
        with request.app.state.runtime.session_factory.begin() as session:
            service.propose_sanction(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}/forsorgelse#sanktioner", status_code=303)
    except ValidationError as exc:
        errors = form_errors(exc)
        if errors.get("reason") == "Feltet skal udfyldes" and form.get("reason", "").strip():
            errors["reason"] = "Skriv en begrundelse på mindst 3 tegn"
    except DomainError as exc:
        errors = {exc.field or "sanction": danish_message(exc)}
    return benefits_page(request, principal, case_id, errors=errors, form=form, form_for="propose", status_code=422)


def _sanction_step(session: Session, case_id: int, sanction_id: int) -> None:
    """The sanction must belong to the case in the address."""
    found = session.scalar(select(Sanction.id).where(Sanction.id == sanction_id, Sanction.case_id == case_id))
    if found is None:
        raise NotFound(f"no sanction {sanction_id} on case {case_id}", danish="Sanktionen findes ikke på sagen")


async def _step(request: Request, case_id: int, sanction_id: int, step: str) -> Response:
    """Hearing, reply or decision on one sanction; errors go next to that sanction's fields."""
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = await _form(request)
    prefix = f"s{sanction_id}_"
    try:
        if step == "reply":
            _only(principal, PROPOSERS, "Kun Jobcentret og Økonomisk Team kan registrere borgerens svar")
            reply = ReplyIn.model_validate({"version": form.get("version", ""), "reply": form.get("reply", "")})
        elif step == "hearing":
            _only(principal, (FINANCE,), "Kun Økonomisk Team kan sende partshøring")
            hearing = HearingIn.model_validate(
                {"version": form.get("version", ""), "reply_days": form.get("reply_days", "")}
            )
        else:
            _only(principal, (FINANCE,), "Kun Økonomisk Team kan afgøre en sanktion")
            decision = DecisionIn.model_validate(
                {
                    "version": form.get("version", ""),
                    "decision": form.get("decision", ""),
                    "reasoning": form.get("reasoning", ""),
                }
            )
        with request.app.state.runtime.session_factory.begin() as session:
            _sanction_step(session, case_id, sanction_id)
            if step == "reply":
                service.record_reply(session, sanction_id=sanction_id, version=reply.version, reply=reply.reply)
            elif step == "hearing":
                service.send_hearing(
                    session, sanction_id=sanction_id, version=hearing.version, reply_days=hearing.reply_days
                )
            else:
                service.decide(
                    session,
                    sanction_id=sanction_id,
                    version=decision.version,
                    decision=decision.decision,
                    reasoning=decision.reasoning,
                    by=principal,
                )
        return RedirectResponse(f"/sager/{case_id}/forsorgelse#sanktion-{sanction_id}", status_code=303)
    except ValidationError as exc:
        found = form_errors(exc)
        errors = {prefix + ("_" if k == "version" else k): v for k, v in found.items()}
        if "version" in found:
            errors[prefix + "_"] = STALE
        if found.get("reasoning") == "Feltet skal udfyldes" and form.get("reasoning", "").strip():
            errors[prefix + "reasoning"] = "Skriv en begrundelse på mindst 10 tegn"
    except StaleDataError:
        errors = {prefix + "_": STALE}
    except DomainError as exc:
        errors = {prefix + "_": danish_message(exc)}
    return benefits_page(
        request, principal, case_id, errors=errors, form=form, form_for=f"{step}-{sanction_id}", status_code=422
    )


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/partshoering")
async def send_hearing(case_id: IdPath, sanction_id: IdPath, request: Request) -> Response:
    return await _step(request, case_id, sanction_id, "hearing")


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/svar")
async def record_reply(case_id: IdPath, sanction_id: IdPath, request: Request) -> Response:
    return await _step(request, case_id, sanction_id, "reply")


@router.post("/sager/{case_id}/sanktioner/{sanction_id}/afgoerelse")
async def decide(case_id: IdPath, sanction_id: IdPath, request: Request) -> Response:
    return await _step(request, case_id, sanction_id, "decide")


# The monthly payment run.


def _finance(request: Request) -> Principal | Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department != FINANCE:
        return render(request, "no_access.html", 403, what="udbetalingerne", hint=None, link=None)
    return principal


def _payments_page(
    request: Request,
    month: str,
    *,
    typed: str | None = None,
    errors: dict[str, str] | None = None,
    again: bool = False,
    status_code: int = 200,
) -> Response:
    with request.app.state.runtime.session_factory.begin() as session:
        run = session.scalar(select(PaymentRun).where(PaymentRun.month == month)) if month else None
        rows = []
        if run is not None:
            rows = list(
                session.execute(
                    select(Payment, Case.case_number, Case.full_name)
                    .join(Case, Case.id == Payment.case_id)
                    .where(Payment.run_id == run.id)
                    .order_by(Payment.id)
                )
            )
        shown = month_label(month) if run is not None else ""
        # A month's payments name every person paid: a list, logged with the month asked for.
        record_page(request, session, purpose=lookups.LIST_PAYMENTS, criteria=f"month={month}")
        return render(
            request,
            "payments.html",
            status_code,
            run=run,
            rows=rows,
            month=month,
            month_name=shown,
            again=again,
            errors=errors or {},
            form={"month": month if typed is None else typed},
            totals={
                "gross": sum((p.gross for p, _n, _f in rows), start=0),
                "deduction": sum((p.deduction for p, _n, _f in rows), start=0),
                "net": sum((p.net for p, _n, _f in rows), start=0),
            },
        )


@router.get("/udbetaling")
def payments(
    request: Request,
    maaned: Annotated[str, Query(max_length=7, pattern=r"^(20[0-9]{2}-(0[1-9]|1[0-2]))?$")] = "",
    igen: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    principal = _finance(request)
    if not isinstance(principal, Principal):
        return principal
    return _payments_page(request, maaned or clock.today().strftime("%Y-%m"), again=bool(igen))


@router.post("/udbetaling")
async def run_payments(request: Request) -> Response:
    principal = _finance(request)
    if not isinstance(principal, Principal):
        return principal
    form = await _form(request)
    month = form.get("month", "").strip()
    try:
        body = RunIn.model_validate({"month": month})
    except ValidationError as exc:
        errors = form_errors(exc)
        if errors.get("month") == "Feltet har et ugyldigt format":
            errors["month"] = "Skriv måneden som år og måned, fx 2026-12"
        return _payments_page(request, "", typed=month, errors=errors, status_code=422)
    with request.app.state.runtime.session_factory.begin() as session:
        result = service.run_month(session, month=body.month, by=principal)
        created = result.created
    return RedirectResponse(f"/udbetaling?maaned={body.month}&igen={0 if created else 1}", status_code=303)
