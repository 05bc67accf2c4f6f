"""H5, H6: Fremskaffelse af permanent bolig – needs, the waiting list by turn, priority with a written reason,
housing associations, offers by turn or by need, the household's decision and the decision log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from housing import lookups
from housing.permanent import service
from housing.permanent.models import Offer, PermanentNeed
from housing.permanent.schemas import AssociationIn, DecisionIn, NeedIn, OfferIn, PriorityIn
from housing.readiness.models import ReadinessCheck
from housing.web import BS, FORMS, JC, blank_to_none, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import money_input, render

router = APIRouter(include_in_schema=False)
PAGE = "/permanent"
NEED_STATUS = {"waiting": "På ventelisten", "offered": "Tilbud afventer svar", "housed": "Permanent bolig tildelt"}
ALLOCATION_LABELS = {"turn": "Efter tur (ventelisten)", "need": "Efter behov (prioriteret)"}
OFFER_STATUS = {
    "offered": "Afventer svar",
    "accepted": "Takket ja",
    "declined": "Takket nej",
    "withdrawn": "Trukket tilbage",
}
DECISION_LABELS = {
    "registered": "Optaget på ventelisten",
    "prioritised": "Prioriteret efter behov",
    "offered_by_turn": "Tilbud efter tur",
    "offered_by_need": "Tilbud efter behov",
    "accepted": "Husstanden takkede ja",
    "declined": "Husstanden takkede nej",
    "withdrawn": "Tilbuddet blev trukket tilbage",
    "household_grew": "Husstanden er blevet større",
}
LABELS = {
    "need_case_id": "Sag",
    "need_household_size": "Antal personer",
    "need_rooms_needed": "Antal værelser",
    "need_accessibility": "Tilgængelighed",
    "need_location_constraints": "Beliggenhed",
    "need_needed_by": "Bolig senest",
    "association_name": "Boligselskab",
    "association_contact": "Kontakt",
    "priority_reason": "Begrundelse",
    "offer_association_id": "Boligselskab",
    "offer_address": "Adresse",
    "offer_rooms": "Værelser",
    "offer_monthly_rent": "Husleje pr. måned",
    "offer_available_from": "Ledig fra",
    "offer_allocation": "Tildeling",
    "offer_reason": "Begrundelse",
}
NEED_FIELDS = ("case_id", "household_size", "rooms_needed", "accessibility", "location_constraints", "needed_by")
OFFER_FIELDS = ("association_id", "address", "rooms", "monthly_rent", "available_from", "allocation", "reason")


def _numbers(session: Session) -> dict[int, str]:
    return {c.case_id: c.case_number for c in session.scalars(select(ReadinessCheck))}


def _list_page(
    request: Request,
    session: Session,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    case: str = "",
    status_code: int = 200,
) -> Response:
    checks = list(session.scalars(select(ReadinessCheck).order_by(ReadinessCheck.case_number)))
    chosen = next((c for c in checks if str(c.case_id) == case), None)
    context: dict[str, Any] = {
        "waiting": service.waiting_list(session),
        "offered": list(
            session.scalars(select(PermanentNeed).where(PermanentNeed.status == "offered").order_by(PermanentNeed.id))
        ),
        "associations": service.associations(session),
        "dwellings": service.dwellings(session),
        "holders": {
            o.id: (o.need_id, o.status)
            for o in session.scalars(select(Offer).where(Offer.status.in_(("offered", "accepted"))))
        },
        "cases": [(c.case_id, c.case_number) for c in checks],
        "numbers": {c.case_id: c.case_number for c in checks},
        "chosen": chosen,
    }
    record_page(request, session, purpose=lookups.LIST_WAITING, criteria=f"sag={case}" if case else None)
    return render(request, "permanent.html", status_code, errors=errors, form=form, labels=LABELS, **context)


@router.get(PAGE)
def permanent_page(
    request: Request,
    session: Db,
    sag: Annotated[str, Query(max_length=20)] = "",
    principal: Principal = FORMS.reader("permanent bolig"),
) -> Response:
    return _list_page(request, session, errors={}, form={}, case=sag)


@router.post(f"{PAGE}/behov")
async def register_need(
    request: Request, session: Db, user: Principal = FORMS.reader("registrere behov for permanent bolig")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        need = service.register_need(
            session, data=NeedIn.model_validate({k: form.get(k, "") for k in NEED_FIELDS}), by=by
        )
        return f"{PAGE}/behov/{need.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(BS, JC),
        what="registrere behov for permanent bolig",
        prefix="need_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=NEED_FIELDS,
    )


@router.post(f"{PAGE}/boligselskaber")
async def add_association(
    request: Request, session: Db, user: Principal = FORMS.reader("registrere boligselskaber")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.add_association(
            session, data=AssociationIn.model_validate({k: form.get(k, "") for k in ("name", "contact")})
        )
        return f"{PAGE}#associations-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(BS,),
        what="registrere boligselskaber",
        prefix="association_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("name", "contact"),
    )


def _need_page(
    request: Request,
    session: Session,
    need_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        decisions = service.decisions(session, need_id=need_id)
    except DomainError:
        return render(request, "not_found.html", 404, what=f"behov {need_id}")
    need = session.get(PermanentNeed, need_id)
    assert need is not None
    record_page(request, session, purpose=lookups.READ_NEED, case_id=need.case_id)
    view = service.need_out(session, need)
    associations = service.associations(session)
    offers = list(session.scalars(select(Offer).where(Offer.need_id == need_id).order_by(Offer.id)))
    case_number = _numbers(session).get(need.case_id, str(need.case_id))
    return render(
        request,
        "need.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        need=view,
        case_number=case_number,
        decisions=decisions,
        offers=offers,
        associations=associations,
        association_names={a.id: a.name for a in associations},
        need_status=NEED_STATUS,
        allocation_labels=ALLOCATION_LABELS,
        offer_status=OFFER_STATUS,
        decision_labels=DECISION_LABELS,
    )


@router.get(f"{PAGE}/behov/{{need_id}}")
def need_page(
    need_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("permanent bolig")
) -> Response:
    return _need_page(request, session, need_id, errors={}, form={})


def _rerender(request: Request, session: Session, need_id: int) -> Any:
    return lambda errors, form: _need_page(request, session, need_id, errors=errors, form=form, status_code=422)


@router.post(f"{PAGE}/behov/{{need_id}}/prioritet")
async def prioritise(
    need_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("prioritere efter behov")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        reason = PriorityIn.model_validate({"reason": form.get("reason", "")}).reason
        service.prioritise(session, need_id=need_id, reason=reason, by=by)
        return f"{PAGE}/behov/{need_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(BS,),
        what="prioritere efter behov",
        prefix="priority_",
        action=action,
        rerender=_rerender(request, session, need_id),
        fields=("reason",),
    )


@router.post(f"{PAGE}/behov/{{need_id}}/tilbud")
async def make_offer(
    need_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("give tilbud om permanent bolig")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data: dict[str, Any] = {k: form.get(k, "") for k in OFFER_FIELDS}
        data["monthly_rent"], data["need_id"] = money_input(data["monthly_rent"]), need_id
        service.make_offer(session, data=OfferIn.model_validate(data), by=by)
        return f"{PAGE}/behov/{need_id}#offers-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(BS,),
        what="give tilbud om permanent bolig",
        prefix="offer_",
        action=action,
        rerender=_rerender(request, session, need_id),
        fields=OFFER_FIELDS,
    )


@router.post("/tilbud/{offer_id}/svar")
async def decide(
    offer_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("registrere husstandens svar")
) -> Response:
    offer = session.get(Offer, offer_id)
    if offer is None:
        return render(request, "not_found.html", 404, what="tilbuddet")
    need_id = offer.need_id

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "") for k in ("decision", "reason", "move_in_date")}, "move_in_date")
        service.decide(session, offer_id=offer_id, data=DecisionIn.model_validate(data), by=by)
        return f"{PAGE}/behov/{need_id}#decisions-h"

    return await submit(
        request,
        session=session,
        principal=user,
        allowed=(BS,),
        what="registrere husstandens svar",
        prefix=f"o{offer_id}_",
        action=action,
        rerender=_rerender(request, session, need_id),
        fields=("decision", "reason", "move_in_date"),
    )
