"""C4 Koordinerende team on Danish pages: monthly meetings, participants, agenda, actions, overdue, missing months."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from council.team import service
from council.team.schemas import (
    STATUS_LABELS,
    TeamActionIn,
    TeamActionUpdate,
    TeamDepartment,
    TeamItemIn,
    TeamMeetingIn,
)
from council.web import TEAM_READERS, Rerender, not_found, read_multi, reader, submit
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/koordinerende-team"
WHAT = "koordinerende team"
LABELS = {
    "meeting_meeting_date": "Mødedato",
    "meeting_participants": "Deltagende afdelinger",
    "item_title": "Punkt",
    "item_notes": "Noter",
    "action_text": "Opgave",
    "action_owner": "Ansvarlig afdeling",
    "action_due_on": "Frist",
}


def _departments() -> dict[str, str]:
    return {d.value: d.label for d in TeamDepartment}


def _list_page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    rows = [service.meeting_out(session, m) for m in service.meetings(session)]
    overdue = service.overdue(session)
    check = service.monthly_check(session)
    return render(
        request,
        "team.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        meetings=rows,
        overdue=overdue,
        check=check,
        departments=_departments(),
    )


@router.get(PAGE)
def team_page(request: Request, session: Db, principal: Principal = reader(WHAT, TEAM_READERS)) -> Response:
    return _list_page(request, session, errors={}, form={})


@router.post(PAGE)
async def create_meeting(
    request: Request, session: Db, user: Principal = reader("oprette møder i koordinerende team", TEAM_READERS)
) -> Response:
    chosen = await read_multi(request, "participants")

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = TeamMeetingIn.model_validate(
            {"meeting_date": form.get("meeting_date", ""), "participants": [{"department": d} for d in chosen]}
        )
        return f"{PAGE}/{service.create_meeting(session, data=data, by=by).id}"

    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    form["participants"] = ",".join(chosen)
    return await submit(
        request,
        session=session,
        principal=user,
        what="oprette møder i koordinerende team",
        prefix="meeting_",
        action=action,
        rerender=lambda errors, form: _list_page(request, session, errors=errors, form=form, status_code=422),
        fields=("meeting_date", "participants"),
        readers=TEAM_READERS,
        form=form,
    )


def _page(
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
        return not_found(request, f"møde {meeting_id} i koordinerende team")
    return render(
        request,
        "team_meeting.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        meeting=meeting,
        departments=_departments(),
        statuses={s.value: label for s, label in STATUS_LABELS.items()},
    )


@router.get(f"{PAGE}/{{meeting_id}}")
def meeting_page(
    meeting_id: IdPath, request: Request, session: Db, principal: Principal = reader(WHAT, TEAM_READERS)
) -> Response:
    return _page(request, session, meeting_id, errors={}, form={})


def _rerender(request: Request, session: Session, meeting_id: int) -> Rerender:
    return lambda errors, form: _page(request, session, meeting_id, errors=errors, form=form, status_code=422)


@router.post(f"{PAGE}/{{meeting_id}}/punkter")
async def add_item(
    meeting_id: IdPath, request: Request, session: Db, user: Principal = reader("skrive dagsordenen", TEAM_READERS)
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        service.add_item(
            session,
            meeting_id=meeting_id,
            data=TeamItemIn.model_validate({k: form.get(k, "") for k in ("title", "notes")}),
        )
        return f"{PAGE}/{meeting_id}#items-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="skrive dagsordenen",
        prefix="item_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
        fields=("title", "notes"),
        readers=TEAM_READERS,
    )


@router.post(f"{PAGE}/{{meeting_id}}/opgaver")
async def add_action(
    meeting_id: IdPath, request: Request, session: Db, user: Principal = reader("registrere opgaver", TEAM_READERS)
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = TeamActionIn.model_validate({k: form.get(k, "") for k in ("text", "owner", "due_on")})
        service.add_action(session, meeting_id=meeting_id, data=data)
        return f"{PAGE}/{meeting_id}#actions-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere opgaver",
        prefix="action_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
        fields=("text", "owner", "due_on"),
        readers=TEAM_READERS,
    )


@router.post(f"{PAGE}/{{meeting_id}}/opgaver/{{action_id}}")
async def update_action(
    meeting_id: IdPath,
    action_id: IdPath,
    request: Request,
    session: Db,
    user: Principal = reader("opdatere opgaver", TEAM_READERS),
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = TeamActionUpdate.model_validate({k: form.get(k, "") for k in ("status", "version")})
        if service.update_action(session, action_id=action_id, data=data).meeting_id != meeting_id:
            raise DomainError("the action belongs to another meeting", danish="Opgaven hører til et andet møde")
        return f"{PAGE}/{meeting_id}#action-{action_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="opdatere opgaver",
        prefix=f"a{action_id}_",
        action=action,
        rerender=_rerender(request, session, meeting_id),
        readers=TEAM_READERS,
    )
