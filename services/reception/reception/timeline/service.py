"""Recording and reading the case timeline (reception's view of every service's events)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.service import BASIS_LABELS
from reception.plans.service import OWNER_LABELS
from reception.timeline.models import TimelineEntry
from shared.bus.envelope import Event, EventEnvelope
from shared.contracts.employment import SELF_SUFFICIENCY_KINDS


def _dkdate(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value)


_OWNERS = {owner.value: label for owner, label in OWNER_LABELS.items()}
_PLAN_STATUS = {"in_progress": "igangsat", "done": "udført", "planned": "planlagt", "withdrawn": "trukket tilbage"}


def _plan_update(owner: str, p: dict[str, Any]) -> str:
    note = f": {p['note']}" if p.get("note") else ""
    status = _PLAN_STATUS.get(p["status"], p["status"])
    return f"Integrationsplan: {_OWNERS.get(owner, owner)} har meldt indsatsen {status}{note}"


# Danish one-liners for the caseworker, by event type. Unknown types still appear, by name.
SUMMARIES: dict[str, Callable[[dict[str, Any]], str]] = {
    "reception.case_opened": lambda p: (
        f"Sag oprettet ved myndighedsoverdragelse; forventet ankomst {_dkdate(p['expected_arrival_date'])}"
    ),
    "reception.arrival_scheduled": lambda p: f"Ankomst aftalt til {_dkdate(p['arrival_date'])}",
    "reception.cpr_registered": lambda p: f"CPR-registrering gennemført {_dkdate(p['registered_on'])}",
    "reception.responsibility_taken_over": lambda p: (
        ("Datoen er rettet: k" if p.get("corrects") else "K")
        + f"ommunen overtager ansvaret fra {_dkdate(p['taken_over_on'])} "
        f"({BASIS_LABELS.get(p['basis'], p['basis'])}); kontrakten skal være indgået inden en måned"
    ),
    "reception.family_reunification_planned": lambda p: (
        f"Familiesammenføring: {p['arriving']} person(er) "
        f"ankommer {_dkdate(p['expected_arrival_date'])} til sag {p['anchor_case_id']}"
    ),
    "reception.contract_signed": lambda p: f"Integrationskontrakt underskrevet af begge {_dkdate(p['signed_on'])}",
    "reception.sanction_decided": lambda p: (
        "Sanktion "
        + ("besluttet (fradrag i næste udbetaling)" if p["decision"] == "applied" else "frafaldet")
        + f"; klagefrist {_dkdate(p['appeal_deadline'])}"
    ),
    "reception.sanction_appealed": lambda p: (
        f"Klage over sanktion modtaget {_dkdate(p['received_on'])}"
        + (" (efter klagefristen)" if p["late"] else "")
        + f"; kommunen genvurderer senest {_dkdate(p['reconsider_by'])}"
    ),
    "reception.appeal_reconsidered": lambda p: (
        f"Klage over sanktion genvurderet {_dkdate(p['decided_on'])}: "
        + (
            "borgeren får medhold, sanktionen frafaldes"
            if p["outcome"] == "granted"
            else "afgørelsen fastholdes, klagen sendt videre til Ankestyrelsen"
        )
    ),
    "reception.deadline_overdue": lambda p: f"Frist overskredet ({_dkdate(p['due_date'])}): {p['title']}",
    "housing.placement_requested": lambda p: "Boligafdelingen: ingen klar midlertidig bolig – anmodning om placering",
    "housing.readiness_flagged": lambda p: f"Boligafdelingen: ankomst om {p['days_left']} dag(e) uden klar bolig",
    "housing.temporary_assigned": lambda p: f"Midlertidig bolig anvist: {p['address']}",
    "housing.moved_in": lambda p: f"Indflyttet i midlertidig bolig {_dkdate(p['moved_in_on'])}",
    "housing.moved_out": lambda p: f"Fraflyttet midlertidig bolig {_dkdate(p['moved_out_on'])}: {p['reason']}",
    "housing.permanent_allocated": lambda p: (
        f"Permanent bolig tildelt: {p['address']}, indflytning {_dkdate(p['move_in_date'])}"
    ),
    "reception.plan_action_assigned": lambda p: (
        f"Integrationsplan: indsats til {_OWNERS.get(p['owner'], p['owner'])}: {p['title']} "
        f"(frist {_dkdate(p['due_date'])})"
    ),
    "reception.plan_action_withdrawn": lambda p: (
        f"Integrationsplan: indsats trukket tilbage fra {_OWNERS.get(p['owner'], p['owner'])}: {p['reason']}"
    ),
    "housing.plan_action_updated": lambda p: _plan_update("housing", p),
    "education.plan_action_updated": lambda p: _plan_update("education", p),
    "employment.plan_action_updated": lambda p: _plan_update("employment", p),
    "education.absence_reported": lambda p: (
        f"Fravær indberettet af Danskuddannelse ({p['course']}): {p['absent_hours']} af {p['planned_hours']} timer "
        f"uden gyldig grund, {_dkdate(p['period_start'])}–{_dkdate(p['period_end'])}"
    ),
    "education.language_enrolled": lambda p: (
        f"Tilmeldt danskuddannelse: {p['track']}, modul {p['module']}, start {_dkdate(p['start_date'])}"
    ),
    "education.absence_followed_up": lambda p: (
        f"Opfølgningssamtale om fravær holdt {_dkdate(p['held_on'])}"
        + ("; Danskuddannelse anbefaler, at Økonomisk Team overvejer en sanktion" if p["sanction_recommended"] else "")
    ),
    "employment.match_classified": lambda p: f"Matchsamtale afsluttet: borgeren er {p['classification']}",
    "employment.follow_up_overdue": lambda p: (
        f"Opfølgningssamtale ikke holdt til fristen {_dkdate(p['due_date'])} (integrationslovens § 20)"
    ),
    "employment.self_sufficiency_reported": lambda p: (
        f"Selvforsørgende fra {_dkdate(p['effective_from'])} ({SELF_SUFFICIENCY_KINDS.get(p['kind'], p['kind'])}): "
        "ydelserne stoppes"
    ),
}


def record(session: Session, event: Event, envelope: EventEnvelope) -> None:
    """Add the event to its case's timeline (once: the event id is unique)."""
    if event.case_id is None:
        return
    payload = event.model_dump()
    describe = SUMMARIES.get(envelope.type)
    session.add(
        TimelineEntry(
            case_id=event.case_id,
            event_id=str(envelope.event_id),
            event_type=envelope.type,
            producer=envelope.producer,
            occurred_at=envelope.occurred_at,
            summary=describe(payload) if describe else envelope.type,
        )
    )


def entries(session: Session, *, case_id: int) -> list[TimelineEntry]:
    query = select(TimelineEntry).where(TimelineEntry.case_id == case_id)
    return list(session.scalars(query.order_by(TimelineEntry.occurred_at, TimelineEntry.id)))
