"""Samtaler efter skabelon (B1, B2, B4, B9): drafts kept with their version, finalised read-only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from employment import lookups
from employment.conversations import service
from employment.conversations.schemas import ConversationIn, ConversationUpdate, PlanAction
from employment.conversations.templates import TEMPLATES
from employment.intake import service as intake
from employment.web import FORMS, blank_to_none, not_found, pick, submit
from shared.auth import Principal
from shared.clock import today
from shared.errors import DomainError
from shared.web.access import record_page
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/samtaler"
STATUS_LABELS = {"draft": "Kladde", "final": "Afsluttet", "to_schedule": "Skal planlægges", "done": "Afholdt"}
LABELS = {
    "new_template": "Skabelon",
    "new_held_on": "Dato for samtalen",
    "new_held_by": "Samtalen holdt af",
    "q_held_on": "Dato for samtalen",
    "q_held_by": "Samtalen holdt af",
    "act_description": "Handling",
    "act_partner": "Uddannelsesinstitution eller virksomhed",
    "act_start_date": "Startdato",
    "act_end_date": "Slutdato",
}


def _titles() -> dict[str, str]:
    return {t.key: t.title for t in TEMPLATES.values()}


@router.get(PAGE)
def overview(request: Request, session: Db, principal: Principal = FORMS.reader("samtaler")) -> Response:
    cases = intake.pending(session)
    recent = service.recent(session)
    record_page(request, session, purpose=lookups.LIST_CONVERSATIONS)
    return render(
        request,
        "conversations.html",
        cases=cases,
        recent=recent,
        numbers={c.case_id: c.case_number for c in cases},
        titles=_titles(),
        status_labels=STATUS_LABELS,
    )


def _case_page(
    request: Request,
    session: Session,
    case_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        case = intake.known_case(session, case_id)
        conversations = service.for_case(session, case_id=case_id)
    except DomainError:
        return not_found(request, f"sag {case_id}")
    record_page(request, session, purpose=lookups.READ_CONVERSATIONS, case_id=case_id)
    taken = {c.template for c in conversations}
    return render(
        request,
        "case_conversations.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        case=case,
        conversations=conversations,
        titles=_titles(),
        options=[(t.key, t.title) for t in TEMPLATES.values() if t.key not in taken],
        status_labels=STATUS_LABELS,
        today=today(),
    )


@router.get(f"{PAGE}/sager/{{case_id}}")
def case_page(
    case_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("samtaler")
) -> Response:
    return _case_page(request, session, case_id, errors={}, form={})


@router.post(f"{PAGE}/sager/{{case_id}}")
async def start(
    case_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("holde samtaler")
) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = ConversationIn.model_validate(pick(form, "template", "held_on", "held_by"))
        row = service.create(session, case_id=case_id, data=data, by=by)
        return f"{PAGE}/{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="holde samtaler",
        prefix="new_",
        action=action,
        rerender=lambda errors, form: _case_page(request, session, case_id, errors=errors, form=form, status_code=422),
        fields=("template", "held_on", "held_by"),
    )


def _conversation_page(
    request: Request,
    session: Session,
    conversation_id: int,
    *,
    errors: dict[str, str],
    form: dict[str, str],
    status_code: int = 200,
) -> Response:
    try:
        row = service.get(session, conversation_id)
        case = intake.known_case(session, row.case_id)
    except DomainError:
        return not_found(request, f"samtale {conversation_id}")
    record_page(request, session, purpose=lookups.READ_CONVERSATIONS, case_id=row.case_id)
    template = TEMPLATES[row.template]
    labels = {**LABELS, **{f"q_{q.key}": q.label for q in template.questions}, "q_actions": "Handlinger"}
    return render(
        request,
        "conversation.html",
        status_code,
        errors=errors,
        form=form,
        labels=labels,
        c=row,
        actions=[PlanAction.model_validate(a) for a in row.actions],
        case=case,
        tpl=template,
        status_labels=STATUS_LABELS,
    )


@router.get(f"{PAGE}/{{conversation_id}}")
def conversation_page(
    conversation_id: IdPath, request: Request, session: Db, principal: Principal = FORMS.reader("samtaler")
) -> Response:
    return _conversation_page(request, session, conversation_id, errors={}, form={})


@router.post(f"{PAGE}/{{conversation_id}}")
async def save(
    conversation_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("holde samtaler")
) -> Response:
    """Gem kladde, or (button ``finalise``) save and finalise in the same transaction."""
    try:
        template = TEMPLATES[service.get(session, conversation_id).template]
    except DomainError:
        return not_found(request, f"samtale {conversation_id}")
    keys = tuple(q.key for q in template.questions)

    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        answers = {k: form.get(f"q_{k}", "").strip() for k in keys}
        data = ConversationUpdate.model_validate({**pick(form, "version", "held_on", "held_by"), "answers": answers})
        row = service.update(session, conversation_id=conversation_id, data=data)
        if form.get("finalise"):
            service.finalise(session, conversation_id=conversation_id, version=row.version, by=by)
        return f"{PAGE}/{conversation_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="holde samtaler",
        prefix="q_",
        action=action,
        rerender=lambda errors, form: _conversation_page(
            request, session, conversation_id, errors=errors, form=form, status_code=422
        ),
        fields=("held_on", "held_by", "actions", *keys),
    )


@router.post(f"{PAGE}/{{conversation_id}}/handlinger")
async def add_action(
    conversation_id: IdPath, request: Request, session: Db, user: Principal = FORMS.reader("holde samtaler")
) -> Response:
    """B4: one more action on the plan (institution or company, dates)."""

    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        fields: dict[str, Any] = pick(form, "description", "partner", "start_date", "end_date")
        new = PlanAction.model_validate(blank_to_none(fields, "end_date"))
        row = service.get(session, conversation_id)
        actions = [*row.actions, new.model_dump(mode="json")]
        data = ConversationUpdate.model_validate({"version": form.get("version", ""), "actions": actions})
        service.update(session, conversation_id=conversation_id, data=data)
        return f"{PAGE}/{conversation_id}#actions-h"

    return await submit(
        request,
        session=session,
        principal=user,
        what="holde samtaler",
        prefix="act_",
        action=action,
        rerender=lambda errors, form: _conversation_page(
            request, session, conversation_id, errors=errors, form=form, status_code=422
        ),
        fields=("description", "partner", "start_date", "end_date"),
    )
