"""Uddannelse – herfra hvor vi står (B6): the offers and a form for a new one; status per offer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.intake import service as intake
from employment.offers import service
from employment.offers.schemas import KIND_LABELS, STATUS_LABELS, OfferIn, OfferUpdate
from employment.web import FORMS, pick, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/uddannelse"
LABELS = {
    "offer_case_id": "Sag",
    "offer_kind": "Tilbud",
    "offer_provider": "Udbyder",
    "offer_start_date": "Startdato",
    "offer_note": "Bemærkning",
}
FIELDS = ("case_id", "kind", "provider", "start_date", "note")


def _page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    offers = service.recent(session)
    numbers = intake.case_numbers(session)
    record_page(request, session, purpose=lookups.LIST_EDUCATION_OFFERS)
    return render(
        request,
        "offers.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        offers=offers,
        numbers=numbers,
        kind_labels={k.value: v for k, v in KIND_LABELS.items()},
        status_labels={k.value: v for k, v in STATUS_LABELS.items()},
    )


@router.get(PAGE)
def offers_page(request: Request, session: Db, principal: Principal = FORMS.reader("uddannelsestilbud")) -> Response:
    return _page(request, session, errors={}, form={})


@router.post(PAGE)
async def create(
    request: Request, session: Db, user: Principal = FORMS.reader("oprette uddannelsestilbud")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        fields = pick(form, *FIELDS)
        case_id = fields.pop("case_id")
        if not case_id.isdigit() or not 0 < int(case_id) < 2**63:
            raise DomainError("choose a case", field="case_id", danish="Vælg en sag")
        service.create(session, case_id=int(case_id), data=OfferIn.model_validate(fields), by=by)
        return f"{PAGE}#offers-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette uddannelsestilbud",
        prefix="offer_",
        action=action,
        rerender=lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422),
        fields=FIELDS,
    )


@router.post(f"{PAGE}/{{offer_id}}")
async def update(
    offer_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("ændre uddannelsestilbud")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.update(session, offer_id=offer_id, data=OfferUpdate.model_validate(pick(form, "version", "status")))
        return f"{PAGE}#offer-{offer_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="ændre uddannelsestilbud",
        prefix=f"o{offer_id}_",
        action=action,
        rerender=lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422),
        fields=("status",),
    )
