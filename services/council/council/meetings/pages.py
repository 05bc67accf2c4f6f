"""C1 Sekretær on Danish pages: members (medlemmer), meetings with agenda, minutes (referat) and approval."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from council.meetings import service
from council.meetings.schemas import (
    KIND_LABELS,
    ROLE_LABELS,
    AgendaItemIn,
    AgendaOrder,
    ApproveIn,
    MeetingIn,
    MemberIn,
    MinutesIn,
)
from council.web import Rerender, not_found, reader, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
LABELS = {
    "member_name": "Navn",
    "member_organisation": "Organisation eller valgkreds",
    "member_role": "Rolle",
    "member_term_start": "Periodens start",
    "member_term_end": "Periodens slutning",
    "meeting_meeting_date": "Mødedato",
    "meeting_place": "Mødested",
    "item_title": "Overskrift",
    "item_description": "Beskrivelse",
    "item_kind": "Sagstype",
}
MEMBER_FIELDS = ("name", "organisation", "role", "term_start", "term_end")


def _members_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = service.members(session)
    return render(
        request,
        "members.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        members=rows,
        roles={r.value: label for r, label in ROLE_LABELS.items()},
    )


@router.get("/medlemmer")
def members_page(
    request: Request, session: Db, principal: Principal = reader("integrationsrådets medlemmer")
) -> Response:
    return _members_page(request, session, errors={}, form={})


@router.post("/medlemmer")
async def add_member(request: Request, session: Db, user: Principal = reader("registrere medlemmer")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.add_member(session, data=MemberIn.model_validate({k: form.get(k, "") for k in MEMBER_FIELDS}))
        return "/medlemmer"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere medlemmer",
        prefix="member_",
        action=action,
        rerender=lambda errors, form: _members_page(request, session, errors=errors, form=form, status_code=422),
        fields=MEMBER_FIELDS,
    )


def _meetings_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = [service.meeting_out(session, m) for m in service.meetings(session)]
    return render(request, "meetings.html", status_code, errors=errors, form=form, labels=LABELS, meetings=rows)


@router.get("/moeder")
def meetings_page(request: Request, session: Db, principal: Principal = reader("integrationsrådets møder")) -> Response:
    return _meetings_page(request, session, errors={}, form={})


@router.post("/moeder")
async def create_meeting(request: Request, session: Db, user: Principal = reader("oprette møder")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = MeetingIn.model_validate({k: form.get(k, "") for k in ("meeting_date", "place")})
        return f"/moeder/{service.create_meeting(session, data=data).id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette møder",
        prefix="meeting_",
        action=action,
        rerender=lambda errors, form: _meetings_page(request, session, errors=errors, form=form, status_code=422),
        fields=("meeting_date", "place"),
    )


def _meeting_page(
    request: Request,
    session: Session,
    meeting_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        meeting = service.meeting_out(session, service.get_meeting(session, meeting_id))
    except DomainError:
        return not_found(request, f"møde {meeting_id}")
    return render(
        request,
        "meeting.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        meeting=meeting,
        kinds={k.value: label for k, label in KIND_LABELS.items()},
    )


@router.get("/moeder/{meeting_id}")
def meeting_page(
    meeting_id: IdPath, request: Request, session: Db, principal: Principal = reader("integrationsrådets møder")
) -> Response:
    return _meeting_page(request, session, meeting_id, errors={}, form={})


def _rerender(request: Request, session: Session, meeting_id: int) -> Rerender:
    return lambda errors, form: _meeting_page(request, session, meeting_id, errors=errors, form=form, status_code=422)


@router.post("/moeder/{meeting_id}/punkter")
async def add_item(
    meeting_id: IdPath, request: Request, session: Db, user: Principal = reader("skrive dagsordenen")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = AgendaItemIn.model_validate({k: form.get(k, "") for k in ("title", "description", "kind")})
        item = service.add_item(session, meeting_id=meeting_id, data=data)
        return f"/moeder/{meeting_id}#item-{item.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="skrive dagsordenen",
        prefix="item_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
        fields=("title", "description", "kind"),
    )


@router.post("/moeder/{meeting_id}/punkter/{item_id}/referat")
async def write_minutes(
    meeting_id: IdPath, item_id: IdPath, request: Request, session: Db, user: Principal = reader("skrive referat")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        if service.get_item(session, item_id).meeting_id != meeting_id:
            raise DomainError("the item is not on this meeting's agenda", danish="Punktet hører ikke til mødet")
        data = MinutesIn.model_validate({k: form.get(k, "") for k in ("minutes", "version")})
        service.write_minutes(session, item_id=item_id, data=data)
        return f"/moeder/{meeting_id}#item-{item_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="skrive referat",
        prefix=f"i{item_id}_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
        fields=("minutes",),
    )


@router.post("/moeder/{meeting_id}/godkend")
async def approve_minutes(
    meeting_id: IdPath, request: Request, session: Db, user: Principal = reader("godkende referater")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = ApproveIn.model_validate({"version": form.get("version", "")})
        service.approve_minutes(session, meeting_id=meeting_id, data=data, by=by)
        return f"/moeder/{meeting_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="godkende referater",
        prefix="approve_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
    )


@router.post("/moeder/{meeting_id}/punkter/{item_id}/op")
async def move_up(
    meeting_id: IdPath, item_id: IdPath, request: Request, session: Db, user: Principal = reader("ændre dagsordenen")
) -> Response:
    """Move an agenda item one place up (the first stays first)."""

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        order = [i.id for i in service.items(session, meeting_id)]
        if item_id not in order:
            raise DomainError("the item is not on this meeting's agenda", danish="Punktet hører ikke til mødet")
        at = order.index(item_id)
        if at > 0:
            order[at - 1], order[at] = order[at], order[at - 1]
        service.reorder(session, meeting_id=meeting_id, data=AgendaOrder(item_ids=order))
        return f"/moeder/{meeting_id}#item-{item_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="ændre dagsordenen",
        prefix=f"i{item_id}_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
    )
