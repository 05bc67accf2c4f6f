"""Conversations after a template: drafts edited with their version, finalised read-only (B1, B2, B4, B9)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.conversations.models import Conversation
from employment.conversations.schemas import ConversationIn, ConversationUpdate, PlanAction
from employment.conversations.templates import TEMPLATES, Template
from employment.followup import service as followups
from employment.intake import service as intake
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.employment import MatchClassified
from shared.db import try_insert, utcnow
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "employment"
OLDEST = timedelta(days=5 * 366)  # the programme lasts up to 5 years (§16)


def template_of(key: str) -> Template:
    template = TEMPLATES.get(key)
    if template is None:
        raise Invalid(
            f"unknown template {key!r}; one of {', '.join(TEMPLATES)}", field="template", danish="Vælg en skabelon"
        )
    return template


def _check_held_on(held_on: date) -> None:
    if held_on > today():
        raise Invalid("held_on must not be in the future", field="held_on", danish="Datoen må ikke ligge i fremtiden")
    if held_on < today() - OLDEST:
        raise Invalid(
            "held_on is more than five years back", field="held_on", danish="Datoen ligger mere end fem år tilbage"
        )


def _check_answers(template: Template, answers: dict[str, str]) -> dict[str, str]:
    """Every answer must be to a question of the template, and a choice one of its choices."""
    for key, value in answers.items():
        question = template.question(key)
        if question is None:
            raise Invalid(
                f"question {key!r} is not in the template {template.key!r}",
                field=key,
                danish="Spørgsmålet findes ikke i skabelonen",
            )
        if question.choices and value and value not in question.choices:
            raise Invalid(
                f"question {key!r}: {value!r} is not one of {', '.join(question.choices)}",
                field=key,
                danish="Vælg en af mulighederne",
            )
    return {k: v for k, v in answers.items() if v}


def _check_actions(template: Template, actions: list[PlanAction]) -> list[dict[str, Any]]:
    if actions and not template.has_actions:
        raise Invalid(
            f"the template {template.key!r} has no actions", field="actions", danish="Skabelonen har ingen handlinger"
        )
    return [a.model_dump(mode="json") for a in actions]


def create(session: Session, *, case_id: int, data: ConversationIn, by: Principal) -> Conversation:
    """Start a draft conversation for the case after the template."""
    case = intake.known_case(session, case_id)
    template = template_of(data.template)
    if template.family_reunification_only and case.residence_basis not in (None, intake.FAMILY_REUNIFICATION):
        raise Conflict(
            f"the template {template.key!r} is for family-reunified persons only",
            field="template",
            danish="Skabelonen er kun for familiesammenførte",
        )
    _check_held_on(data.held_on)
    row = Conversation(
        case_id=case_id,
        template=template.key,
        held_on=data.held_on,
        held_by=data.held_by,
        answers=_check_answers(template, data.answers),
        actions=_check_actions(template, data.actions),
        created_by=by.user,
    )
    if not try_insert(session, row):
        raise Conflict(
            f"case {case_id} has a {template.key!r} conversation already",
            field="template",
            danish="Sagen har allerede en samtale efter denne skabelon",
        )
    return row


def get(session: Session, conversation_id: int, *, for_update: bool = False) -> Conversation:
    row = session.get(Conversation, conversation_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no conversation with id {conversation_id}", danish="Samtalen findes ikke")
    return row


def _editable(session: Session, conversation_id: int, version: int) -> Conversation:
    row = get(session, conversation_id, for_update=True)
    if row.status == "final":
        raise Conflict(
            f"conversation {conversation_id} is finalised and read-only",
            danish="Samtalen er afsluttet og kan ikke ændres",
        )
    if row.version != version:
        raise Conflict(
            f"conversation {conversation_id} was changed by someone else (version {row.version})",
            danish="Samtalen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def update(session: Session, *, conversation_id: int, data: ConversationUpdate) -> Conversation:
    """Edit a draft; a stale ``version`` or a finalised conversation is a 409."""
    row = _editable(session, conversation_id, data.version)
    template = template_of(row.template)
    if data.held_on is not None:
        _check_held_on(data.held_on)
        row.held_on = data.held_on
    if data.held_by is not None:
        row.held_by = data.held_by
    if data.answers is not None:
        row.answers = _check_answers(template, data.answers)
    if data.actions is not None:
        row.actions = _check_actions(template, data.actions)
    session.flush()
    return row


def finalise(session: Session, *, conversation_id: int, version: int, by: Principal) -> Conversation:
    """Lock the conversation; every required question must be answered. B1 publishes the classification."""
    row = _editable(session, conversation_id, version)
    template = template_of(row.template)
    for question in template.questions:
        if question.required and not row.answers.get(question.key):
            raise Invalid(
                f"question {question.key!r} ({question.label}) must be answered before finalising",
                field=question.key,
                danish="Feltet skal udfyldes, før samtalen afsluttes",
            )
    if template.has_actions and not row.actions:
        raise Invalid(
            "the plan needs at least one action before finalising",
            field="actions",
            danish="Planen skal have mindst én handling",
        )
    row.status, row.finalised_by, row.finalised_at = "final", by.user, utcnow()
    session.flush()
    if template.key == "match":
        # The § 17 visitation is completed with the match conversation: § 20's follow-ups count from its day.
        intake.mark_done(session, case_id=row.case_id, visitation_completed_on=row.held_on)
        followups.reschedule(session, case_id=row.case_id)
        publish(
            session,
            MatchClassified(case_id=row.case_id, conversation_id=row.id, classification=row.answers["conclusion"]),
            producer=SERVICE,
        )
    return row


def for_case(session: Session, *, case_id: int) -> list[Conversation]:
    intake.known_case(session, case_id)
    return list(session.scalars(select(Conversation).where(Conversation.case_id == case_id).order_by(Conversation.id)))


def recent(session: Session, *, limit: int = 100) -> list[Conversation]:
    return list(session.scalars(select(Conversation).order_by(Conversation.id.desc()).limit(limit)))
