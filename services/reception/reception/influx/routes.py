"""The § 4 b orders through the API (integrationsloven § 4 b, stk. 2–3): no personal data, so every department reads;
Jobcentret and Borgmesterkontoret (the municipality's secretariat) record and repeal."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from reception.influx import service
from reception.influx.schemas import OrderIn, OrderOut, RevokeIn
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["større tilstrømning (§ 4 b)"])

WRITERS = (Department.JOBCENTRET, Department.BORGMESTERKONTORET)
Anyone = Annotated[Principal, Depends(require(*Department))]
Writer = Annotated[Principal, Depends(require(*WRITERS))]


@router.post("/influx-orders", status_code=status.HTTP_201_CREATED, response_model=OrderOut)
def record(body: OrderIn, session: Db, by: Writer) -> Any:
    return service.record_order(session, data=body, by=by)


@router.get("/influx-orders", response_model=list[OrderOut])
def list_orders(session: Db, _by: Anyone) -> Any:
    return service.list_orders(session)


@router.get("/influx-orders/{order_id}", response_model=OrderOut)
def get_order(order_id: IdPath, session: Db, _by: Anyone) -> Any:
    return service.get_order(session, order_id=order_id)


@router.post("/influx-orders/{order_id}/revoke", response_model=OrderOut)
def revoke(order_id: IdPath, body: RevokeIn, session: Db, by: Writer) -> Any:
    return service.revoke_order(session, order_id=order_id, data=body, by=by)
