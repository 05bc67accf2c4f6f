"""The page "Større tilstrømning (§ 4 b)": the orders recorded, one form to record an order and one per order to
repeal it. Every department reads (no personal data); Jobcentret and Borgmesterkontoret write."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception.influx import service
from reception.influx.routes import WRITERS
from reception.influx.schemas import OrderIn, OrderOut, RevokeIn
from reception.web import FORMS
from shared.auth import Department, Principal
from shared.clock import today
from shared.law.influx import ACT_MONTHS
from shared.settings import MunicipalDecisions
from shared.web.deps import Db, IdPath
from shared.web.forms import render
from shared.web.notices import Notice, influx_notice
from shared.web.submit import pick

router = APIRouter(include_in_schema=False)

PATH = "/tilstroemning"
ORDER_FIELDS = ("reference", "legal_basis", "applies_from", "applies_to", "extra_months", "note")
REVOKE_FIELDS = ("revoked_on", "note")
BASIS_LABELS = {
    "stk2": "§ 4 b, stk. 2 – større tilstrømning",
    "stk3": "§ 4 b, stk. 3 – massetilstrømning (op til 3 måneder)",
}
# No personal data here: every department may read the page.
Reader = FORMS.reader("påbud om større tilstrømning", among=tuple(Department))


def influx_page(
    request: Request,
    session: Session,
    principal: Principal,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The orders and the forms; ``form_for`` names the form the kept input belongs to ("order" or an order's id)."""
    orders = [OrderOut.model_validate(row) for row in service.list_orders(session)]
    standing = {order.reference for order in service.standing_today(session)}
    return render(
        request,
        "influx.html",
        status_code,
        orders=orders,
        standing=standing,
        errors=errors or {},
        form=form or {},
        form_for=form_for,
        today=today(),
        can_write=principal.department in WRITERS,
        basis_labels=BASIS_LABELS,
        municipal_months=MunicipalDecisions().inl4b_municipal_months,  # what the deadlines are computed with
        act_months=ACT_MONTHS,
    )


@router.get(PATH)
def show(request: Request, session: Db, user: Principal = Reader) -> Response:
    return influx_page(request, session, user)


@router.post(PATH)
async def record(request: Request, session: Db, user: Principal = Reader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        service.record_order(db, data=OrderIn.model_validate(pick(form, ORDER_FIELDS)), by=by)
        return f"{PATH}#paabud"

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere påbud om større tilstrømning",
        prefix="",
        action=action,
        rerender=lambda errors, form: influx_page(
            request, session, user, errors=errors, form=form, form_for="order", status_code=422
        ),
        fields=ORDER_FIELDS,
        allowed=WRITERS,
        alert="order",
    )


@router.post(PATH + "/{order_id}/ophaev")
async def revoke(order_id: IdPath, request: Request, session: Db, user: Principal = Reader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        service.revoke_order(db, order_id=order_id, data=RevokeIn.model_validate(pick(form, REVOKE_FIELDS)), by=by)
        return f"{PATH}#paabud-{order_id}"

    prefix = f"o{order_id}_"
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="ophæve påbud om større tilstrømning",
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: influx_page(
            request, session, user, errors=errors, form=form, form_for=str(order_id), status_code=422
        ),
        fields=REVOKE_FIELDS,
        allowed=WRITERS,
        alert=prefix,
        keep_status=(404, 409),  # an unknown order is a 404, a second repeal a 409: the page again either way
    )


def banner(session: Session) -> list[Notice]:
    """The banner on every reception page while an order stands today."""
    return influx_notice(service.standing_today(session), link=(PATH, "Se påbuddene om større tilstrømning"))
