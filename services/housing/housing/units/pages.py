"""H1: the temporary units with status, type and beds; changing a unit's status (guarded by its version)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from housing.units import service
from housing.units.schemas import UNIT_STATUS_LABELS, UNIT_TYPE_LABELS, UnitUpdate
from housing.web import FORMS, SP, blank_to_none, submit
from shared.auth import Principal
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)


def _units_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    units = service.list_units(session)
    return render(
        request,
        "units.html",
        status_code,
        units=units,
        errors=errors,
        form=form,
        status_labels={s.value: label for s, label in UNIT_STATUS_LABELS.items()},
        type_labels={t.value: label for t, label in UNIT_TYPE_LABELS.items()},
    )


@router.get("/boliger")
def units_page(request: Request, session: Db, principal: Principal = FORMS.reader("boligerne")) -> Response:
    return _units_page(request, session, errors={}, form={})


@router.post("/boliger/{unit_id}/status")
async def change_unit(
    unit_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("ændre boliger")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = {k: form.get(k, "") for k in ("version", "status", "capacity", "ready_from")}
        service.update_unit(session, unit_id=unit_id, update=UnitUpdate.model_validate(blank_to_none(data, *data)))
        return f"/boliger#unit-{unit_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="ændre boliger",
        prefix=f"unit{unit_id}_",
        action=action,
        rerender=lambda errors, form: _units_page(request, session, errors=errors, form=form, status_code=422),
        fields=("status", "capacity", "ready_from"),
    )
