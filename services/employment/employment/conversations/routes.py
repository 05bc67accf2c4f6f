"""Conversations after a template through the API (B1, B2, B4, B9)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from employment import lookups
from employment.conversations import service
from employment.conversations.schemas import (
    ConversationIn,
    ConversationOut,
    ConversationUpdate,
    Finalise,
    QuestionOut,
    TemplateOut,
)
from employment.conversations.templates import TEMPLATES
from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath

router = APIRouter(tags=["samtaler"])
Caseworker = Annotated[Principal, Depends(require(Department.JOBCENTRET))]


@router.get("/conversation-templates", response_model=list[TemplateOut])
def templates(_by: Caseworker) -> list[TemplateOut]:
    return [
        TemplateOut(
            key=t.key,
            row=t.row,
            title=t.title,
            questions=[
                QuestionOut(key=q.key, label=q.label, required=q.required, choices=q.choices) for q in t.questions
            ],
            has_actions=t.has_actions,
            family_reunification_only=t.family_reunification_only,
        )
        for t in TEMPLATES.values()
    ]


@router.post("/cases/{case_id}/conversations", status_code=status.HTTP_201_CREATED, response_model=ConversationOut)
def create(case_id: IdPath, body: ConversationIn, session: Db, by: Caseworker) -> Any:
    return service.create(session, case_id=case_id, data=body, by=by)


@router.get("/cases/{case_id}/conversations", response_model=list[ConversationOut])
def for_case(case_id: IdPath, session: Db, by: Caseworker) -> Any:
    access.record(session, by=by, purpose=lookups.READ_CONVERSATIONS, case_id=case_id)
    return service.for_case(session, case_id=case_id)


@router.get("/conversations/{conversation_id}", response_model=ConversationOut)
def show(conversation_id: IdPath, session: Db, by: Caseworker) -> Any:
    row = service.get(session, conversation_id)
    access.record(session, by=by, purpose=lookups.READ_CONVERSATIONS, case_id=row.case_id)
    return row


@router.patch("/conversations/{conversation_id}", response_model=ConversationOut)
def update(conversation_id: IdPath, body: ConversationUpdate, session: Db, _by: Caseworker) -> Any:
    """Edit a draft; a stale ``version`` or a finalised conversation is a 409."""
    return service.update(session, conversation_id=conversation_id, data=body)


@router.post("/conversations/{conversation_id}/finalise", response_model=ConversationOut)
def finalise(conversation_id: IdPath, body: Finalise, session: Db, by: Caseworker) -> Any:
    """Lock it (read-only); B1 publishes employment.match_classified."""
    return service.finalise(session, conversation_id=conversation_id, version=body.version, by=by)
