"""Økonomisk Team's monthly payment run as a Danish page (R3): idempotent per month, with every payment listed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception import lookups
from reception.benefits import service
from reception.benefits.models import Payment, PaymentRun
from reception.benefits.schemas import RunIn
from reception.cases.models import Case
from reception.web import FORMS
from shared import clock
from shared.auth import Department, Principal
from shared.web.access import record_page
from shared.web.deps import Db
from shared.web.forms import render
from shared.web.submit import PageForms

router = APIRouter(include_in_schema=False)

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


# Økonomisk Team's page alone; its refusal points nowhere else.
# Økonomisk Team's page: no hint about handovers for the departments that may send one.
PAYER = PageForms(readers=(Department.OKONOMI,)).reader("udbetalingerne")


def _payments_page(
    request: Request,
    session: Session,
    month: str,
    *,
    typed: str | None = None,
    errors: dict[str, str] | None = None,
    again: bool = False,
    status_code: int = 200,
) -> Response:
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
    # A month's payments name every person paid: a list, logged with the month asked for.
    record_page(request, session, purpose=lookups.LIST_PAYMENTS, criteria=f"month={month}")
    return render(
        request,
        "payments.html",
        status_code,
        run=run,
        rows=rows,
        month=month,
        month_name=month_label(month) if run is not None else "",
        label_of=month_label,
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
    session: Db,
    user: Principal = PAYER,
    maaned: Annotated[str, Query(max_length=7, pattern=r"^(20[0-9]{2}-(0[1-9]|1[0-2]))?$")] = "",
    igen: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    return _payments_page(request, session, maaned or clock.today().strftime("%Y-%m"), again=bool(igen))


@router.post("/udbetaling")
async def run_payments(request: Request, session: Db, user: Principal = PAYER) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        body = RunIn.model_validate({"month": form.get("month", "").strip()})
        created = service.run_month(db, month=body.month, by=by).created
        return f"/udbetaling?maaned={body.month}&igen={0 if created else 1}"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="køre udbetalingen",
        prefix="",
        action=action,
        rerender=lambda errors, form: _payments_page(
            request, session, "", typed=form.get("month", "").strip(), errors=errors, status_code=422
        ),
        fields=("month",),
    )
