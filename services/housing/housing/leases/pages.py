"""H4: Privat udlejning – landlords, lease contracts (edited with their version), disputes with notes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from housing.leases import service
from housing.leases.models import Dispute, Lease
from housing.leases.schemas import LEGAL_BASIS_LABELS, DisputeIn, DisputeUpdate, LandlordIn, LeaseIn, LeaseUpdate
from housing.units import service as units
from housing.web import FORMS, SP, blank_to_none, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import money_input, render

router = APIRouter(include_in_schema=False)
PAGE = "/udlejning"
DISPUTE_LABELS = {"open": "Åben", "in_dialogue": "I dialog med udlejer", "resolved": "Afsluttet"}
LABELS = {
    "landlord_name": "Udlejer",
    "landlord_contact": "Kontakt",
    "landlord_cvr": "CVR-nummer",
    "lease_unit_id": "Bolig",
    "lease_landlord_id": "Udlejer",
    "lease_monthly_rent": "Månedlig husleje",
    "lease_deposit": "Depositum",
    "lease_start_date": "Startdato",
    "lease_end_date": "Slutdato",
    "lease_legal_basis": "Retsgrundlag",
    "lease_terms": "Aftalevilkår",
    "edit_monthly_rent": "Månedlig husleje",
    "edit_end_date": "Slutdato",
    "edit_terms": "Aftalevilkår",
    "dispute_title": "Emne",
    "dispute_note": "Beskrivelse",
}
LEASE_FIELDS = ("unit_id", "landlord_id", "monthly_rent", "deposit", "start_date", "end_date", "legal_basis", "terms")


def _basis_labels() -> dict[str, str]:
    return {b.value: label for b, label in LEGAL_BASIS_LABELS.items()}


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    landlords = service.landlords(session)
    unit_list = units.list_units(session)
    leases = list(session.scalars(select(Lease).order_by(Lease.start_date.desc(), Lease.id.desc())))
    return render(
        request,
        "leases.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        landlords=landlords,
        landlord_names={ll.id: ll.name for ll in landlords},
        units=unit_list,
        addresses={u.id: u.address for u, _ in unit_list},
        leases=leases,
        basis_labels=_basis_labels(),
    )


@router.get(PAGE)
def leases_page(request: Request, session: Db, principal: Principal = FORMS.reader("privat udlejning")) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(f"{PAGE}/udlejere")
async def add_landlord(
    request: Request, session: Db, user: Principal = FORMS.reader("registrere udlejere")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "").strip() for k in ("name", "contact", "cvr")}, "cvr")
        service.add_landlord(session, data=LandlordIn.model_validate(data))
        return f"{PAGE}#landlords-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere udlejere",
        prefix="landlord_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("name", "contact", "cvr"),
    )


@router.post(f"{PAGE}/kontrakter")
async def create_lease(
    request: Request, session: Db, user: Principal = FORMS.reader("oprette lejekontrakter")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = {k: form.get(k, "") for k in LEASE_FIELDS}
        data["monthly_rent"], data["deposit"] = money_input(data["monthly_rent"]), money_input(data["deposit"])
        lease = service.create_lease(session, data=LeaseIn.model_validate(blank_to_none(data, "end_date")), by=by)
        return f"{PAGE}/kontrakter/{lease.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="oprette lejekontrakter",
        prefix="lease_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=LEASE_FIELDS,
    )


def _lease_page(
    request: Request,
    session: Session,
    lease_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        lease = service.get_lease(session, lease_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"lejekontrakt {lease_id}")
    unit = units.get_unit(session, unit_id=lease.unit_id)
    landlord_names = {ll.id: ll.name for ll in service.landlords(session)}
    disputes = [service.dispute_out(session, d) for d in service.disputes(session, lease_id=lease_id)]
    return render(
        request,
        "lease.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        lease=lease,
        unit=unit,
        landlord=landlord_names.get(lease.landlord_id, ""),
        disputes=disputes,
        basis_labels=_basis_labels(),
        dispute_labels=DISPUTE_LABELS,
    )


@router.get(f"{PAGE}/kontrakter/{{lease_id}}")
def lease_page(
    lease_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("privat udlejning")
) -> Response:
    return _lease_page(request, session, lease_id, errors={}, form={})


@router.post(f"{PAGE}/kontrakter/{{lease_id}}")
async def edit_lease(
    lease_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("ændre lejekontrakter")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = {k: form.get(k, "") for k in ("version", "monthly_rent", "end_date", "terms")}
        data["monthly_rent"] = money_input(data["monthly_rent"])
        service.update_lease(session, lease_id=lease_id, data=LeaseUpdate.model_validate(blank_to_none(data, *data)))
        return f"{PAGE}/kontrakter/{lease_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="ændre lejekontrakter",
        prefix="edit_",
        action=action,
        rerender=lambda errors, form: _lease_page(
            request, session, lease_id, errors=errors, form=form, status_code=422
        ),
        fields=("monthly_rent", "end_date", "terms"),
    )


@router.post(f"{PAGE}/kontrakter/{{lease_id}}/misforhold")
async def open_dispute(
    lease_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere misforhold")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = DisputeIn.model_validate({k: form.get(k, "") for k in ("title", "note")})
        service.open_dispute(session, lease_id=lease_id, data=data, by=by)
        return f"{PAGE}/kontrakter/{lease_id}#disputes-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="registrere misforhold",
        prefix="dispute_",
        action=action,
        rerender=lambda errors, form: _lease_page(
            request, session, lease_id, errors=errors, form=form, status_code=422
        ),
        fields=("title", "note"),
    )


@router.post("/misforhold/{dispute_id}")
async def update_dispute(
    dispute_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("opdatere misforhold")
) -> Response:
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        return render(request, "not_found.html", 404, what="sagen om misforhold")
    lease_id = dispute.lease_id

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "") for k in ("status", "note", "resolution")}, "status")
        service.update_dispute(session, dispute_id=dispute_id, data=DisputeUpdate.model_validate(data), by=by)
        return f"{PAGE}/kontrakter/{lease_id}#dispute-{dispute_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(SP,),
        what="opdatere misforhold",
        prefix=f"d{dispute_id}_",
        action=action,
        rerender=lambda errors, form: _lease_page(
            request, session, lease_id, errors=errors, form=form, status_code=422
        ),
        fields=("status", "note", "resolution"),
    )
