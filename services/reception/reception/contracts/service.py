"""Use cases for the integration contract (R4): draft, edit with a version check, sign by both."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.cases.service import get_case
from reception.contracts.models import ContractRevision, IntegrationContract
from reception.contracts.schemas import ContractIn, Party, RevisionIn
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import local_date, today
from shared.contracts.reception import ContractSigned
from shared.db import utcnow
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "reception"


def open_contract(session: Session, *, case_id: int, due_days: int) -> IntegrationContract:
    """Start the case's contract, due a month after the municipality took over responsibility
    (integrationsloven § 19, stk. 1, from shared/law with its rule and why); while that day is not known
    yet, a provisional ``due_days`` after the handover (it moves when the day is set:
    reception.cases.takeover)."""
    case = get_case(session, case_id=case_id)
    if session.scalar(select(IntegrationContract.id).where(IntegrationContract.case_id == case_id)) is not None:
        raise Conflict(f"case {case_id} has a contract already", danish="Sagen har allerede en kontrakt")
    row = IntegrationContract(case_id=case_id)
    if case.responsibility_from is not None:
        row.set_statutory_due(case.responsibility_from)
    else:
        row.set_provisional_due(local_date(case.created_at), due_days)
    session.add(row)
    session.flush()
    return row


def get_contract(session: Session, *, contract_id: int, for_update: bool = False) -> IntegrationContract:
    row = session.get(IntegrationContract, contract_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no integration contract with id {contract_id}", danish="Kontrakten findes ikke")
    return row


def _check_version(row: IntegrationContract, version: int) -> None:
    if row.version != version:
        raise Conflict(
            f"the contract was changed by someone else (version {row.version}, you sent {version})",
            danish="Kontrakten er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )


def edit(session: Session, *, contract_id: int, data: ContractIn) -> IntegrationContract:
    """Save the content agreed at the meeting. A stale version is refused (two caseworkers at once)."""
    row = get_contract(session, contract_id=contract_id, for_update=True)
    _check_version(row, data.version)
    if row.status == "signed":
        raise Conflict("a signed contract cannot be changed", danish="En underskrevet kontrakt kan ikke ændres")
    for name in ("meeting_date", "participants", "employment_goal", "danish_goal", "obligations", "declaration_signed"):
        setattr(row, name, getattr(data, name))
    row.interpreter = data.interpreter or None
    row.interpreter_language = data.interpreter_language or None
    # Any change voids signatures given to the earlier text.
    row.caseworker_signed_at = row.caseworker_signed_by = row.citizen_signed_at = None
    session.flush()
    return row


def sign(session: Session, *, contract_id: int, party: Party, version: int, by: Principal) -> IntegrationContract:
    """Record one party's signature; with both, the contract is binding and announced."""
    row = get_contract(session, contract_id=contract_id, for_update=True)
    _check_version(row, version)
    if row.status == "signed":
        raise Conflict("the contract is signed already", danish="Kontrakten er allerede underskrevet")
    missing = [
        n
        for n in ("meeting_date", "participants", "employment_goal", "danish_goal", "obligations")
        if not getattr(row, n)
    ]
    if missing:
        raise Invalid(f"the contract is not complete: {', '.join(missing)}", danish="Kontrakten er ikke udfyldt")
    if not row.declaration_signed:
        raise Invalid(
            "the residence and self-support declaration must be signed with the contract",
            field="declaration_signed",
            danish="Opholds- og selvforsørgelseserklæringen skal underskrives sammen med kontrakten",
        )
    now = utcnow()
    if party == Party.CASEWORKER:
        row.caseworker_signed_at, row.caseworker_signed_by = now, by.user
    else:
        row.citizen_signed_at = now
    if row.caseworker_signed_at and row.citizen_signed_at:
        row.status = "signed"
        publish(
            session,
            ContractSigned(case_id=row.case_id, contract_id=row.id, signed_on=local_date(now), due_date=row.due_date),
            producer=SERVICE,
        )
    session.flush()
    return row


def revise(session: Session, *, contract_id: int, data: RevisionIn, by: Principal) -> IntegrationContract:
    """Revise a signed contract at a follow-up (integrationsloven § 20, stk. 3: the follow-up discusses
    whether the contract must change): the signed version is kept unchanged with its signatures, and a new
    version starts from its text, to be edited and signed by both again."""
    row = get_contract(session, contract_id=contract_id, for_update=True)
    _check_version(row, data.version)
    if row.status != "signed":
        raise Conflict(
            "only a contract signed by both is revised; a draft is edited as it is",
            danish="Kun en kontrakt, som begge har underskrevet, kan revideres – en kladde rettes direkte",
        )
    signed_on = max(
        local_date(moment) for moment in (row.caseworker_signed_at, row.citizen_signed_at) if moment is not None
    )
    if not signed_on <= data.follow_up_on <= today():
        raise Invalid(
            f"the follow-up must be from the signing ({signed_on}) to today",
            field="follow_up_on",
            danish=f"Opfølgningssamtalen skal ligge fra kontraktens underskrift ({signed_on:%d.%m.%Y}) til i dag",
        )
    row.revisions.append(
        ContractRevision(
            revision=row.revision,
            due_date=row.due_date,
            meeting_date=row.meeting_date,
            participants=row.participants,
            interpreter=row.interpreter,
            interpreter_language=row.interpreter_language,
            employment_goal=row.employment_goal,
            danish_goal=row.danish_goal,
            obligations=row.obligations,
            declaration_signed=row.declaration_signed,
            caseworker_signed_at=row.caseworker_signed_at,
            caseworker_signed_by=row.caseworker_signed_by,
            citizen_signed_at=row.citizen_signed_at,
            revision_reason=row.revision_reason,
            replaced_by=by.user,
        )
    )
    row.revision += 1
    row.status = "draft"
    row.caseworker_signed_at = row.caseworker_signed_by = row.citizen_signed_at = None
    row.revision_reason, row.revision_follow_up_on = data.reason, data.follow_up_on
    row.revised_at, row.revised_by = utcnow(), by.user
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> IntegrationContract | None:
    return session.scalar(select(IntegrationContract).where(IntegrationContract.case_id == case_id))
