"""Use cases for handovers and cases (R1, R2)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from reception import lookups
from reception.cases.models import Case, FamilyMember
from reception.cases.responsibility import AT_CPR_REGISTRATION as AT_CPR_REGISTRATION
from reception.cases.responsibility import BASIS_LABELS as BASIS_LABELS
from reception.cases.schemas import ArrivalIn, HandoverIn, ResidenceBasis
from reception.cases.schemas import OnboardingTaskOut as OnboardingTaskOut
from reception.cases.takeover import at_cpr_registration as at_cpr_registration
from reception.cases.takeover import at_handover
from reception.cases.takeover import check_cpr_registration_date as check_cpr_registration_date
from reception.config import CPR_VISIBLE_TO
from reception.contacts.service import notify_partners
from reception.onboarding.service import open_checklist
from shared import access
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.contracts.reception import ArrivalScheduled, CaseOpened, FamilyReunificationPlanned
from shared.cpr import CprError, parse_cpr
from shared.crypto import digest
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound
from shared.logging import redact

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

SERVICE = "reception"


def open_case(session: Session, *, handover: HandoverIn, by: Principal, linked_case_id: int | None = None) -> Case:
    """Receive Udlændingestyrelsen's handover: create the case and announce it (R1)."""
    existing = session.scalar(select(Case.id).where(Case.immigration_person_id == handover.immigration_person_id))
    if existing is not None:
        raise Conflict(
            f"a case for immigration person id {handover.immigration_person_id} exists already (case id {existing})",
            field="immigration_person_id",
            danish="Der findes allerede en sag for dette personnummer",
        )
    case = Case(
        immigration_person_id=handover.immigration_person_id,
        full_name=handover.full_name,
        date_of_birth=handover.date_of_birth,
        nationality=handover.nationality,
        residence_basis=handover.residence_basis.value,
        asylum_centre=handover.asylum_centre,
        asylum_centre_contact=handover.asylum_centre_contact,
        expected_arrival_date=handover.expected_arrival_date,
        placement_decided_on=handover.placement_decided_on,
        created_by=by.user,
        case_type="family_reunification" if linked_case_id else "refugee",
        linked_case_id=linked_case_id,
        family_members=[
            FamilyMember(full_name=m.full_name, date_of_birth=m.date_of_birth, relation=m.relation.value)
            for m in handover.family_members
        ],
    )
    if not try_insert(session, case):  # a concurrent handover of the same person won the race
        raise Conflict(
            f"a case for immigration person id {handover.immigration_person_id} exists already",
            field="immigration_person_id",
            danish="Der findes allerede en sag for dette personnummer",
        )
    case.case_number = f"{case.created_at.year}-{case.id:06d}"
    # Borgerservice always; whoever places temporary housing unless the person joins a household here (R11).
    notify_partners(session, case_id=case.id, temporary_housing=linked_case_id is None)
    publish(
        session,
        CaseOpened(
            case_id=case.id,
            case_number=case.case_number,
            residence_basis=case.residence_basis,
            expected_arrival_date=case.expected_arrival_date,
            household_size=case.household_size,
            needs_temporary_housing=linked_case_id is None,
            born_on=case.date_of_birth,
        ),
        producer=SERVICE,
    )
    at_handover(session, case)
    # The Borgerservice/bank/Økonomisk Team checklist (R3) opens with the case, in the same transaction:
    # the handover's answer already shows it, and no round trip through the bus is needed.
    open_checklist(session, case_id=case.id, arrival_date=case.expected_arrival_date)
    return case


def plan_family_reunification(session: Session, *, anchor_case_id: int, handover: HandoverIn, by: Principal) -> Case:
    """Family members join a person already here (R11): their own case, linked, and housing is asked."""
    anchor = get_case(session, case_id=anchor_case_id, for_update=True)
    if handover.residence_basis != ResidenceBasis.FAMILY_REUNIFICATION_9:
        raise Invalid(
            "family reunification needs residence basis family_reunification_9",
            field="residence_basis",
            danish="Familiesammenføring kræver opholdsgrundlag efter § 9",
        )
    if anchor.linked_case_id is not None:
        anchor = get_case(session, case_id=anchor.linked_case_id)  # join the original household
    case = open_case(session, handover=handover, by=by, linked_case_id=anchor.id)
    arriving = case.household_size
    children = sum(1 for m in case.family_members if m.relation == "child")
    publish(
        session,
        FamilyReunificationPlanned(
            case_id=case.id,
            anchor_case_id=anchor.id,
            arriving=arriving,
            children=children,
            household_size=anchor.household_size + arriving,
            expected_arrival_date=case.expected_arrival_date,
        ),
        producer=SERVICE,
    )
    return case


def family_of(session: Session, *, case_id: int) -> list[Case]:
    """Cases linked to this one by family reunification (R11)."""
    return list(session.scalars(select(Case).where(Case.linked_case_id == case_id).order_by(Case.id)))


def schedule_arrival(session: Session, *, case_id: int, arrival: ArrivalIn, by: Principal) -> Case:
    """Record the pick-up or arrival agreement and announce it (R2)."""
    case = get_case(session, case_id=case_id, for_update=True)
    case.arrival_date = arrival.arrival_date
    case.arrival_kind = arrival.kind.value
    case.arrival_place = arrival.place
    case.arrival_arranged_by = arrival.arranged_by
    case.arrival_notes = arrival.notes or None
    case.status = "arrival_scheduled"
    session.flush()
    publish(
        session,
        ArrivalScheduled(
            case_id=case.id,
            case_number=case.case_number or "",
            arrival_date=arrival.arrival_date,
            household_size=case.household_size,
        ),
        producer=SERVICE,
    )
    return case


def get_case(session: Session, *, case_id: int, for_update: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id).options(selectinload(Case.family_members))
    if for_update:
        query = query.with_for_update()
    case = session.scalar(query)
    if case is None:
        raise NotFound(f"no case with id {case_id}", danish="Sagen findes ikke")
    return case


def list_cases(session: Session, *, limit: int = 200) -> list[Case]:
    return list(session.scalars(select(Case).order_by(Case.expected_arrival_date, Case.id).limit(limit)))


SEARCH_LIMIT = 50


@dataclass(frozen=True)
class SearchResult:
    cases: list[Case]  # newest first, at most the limit asked for
    count: int  # every case found, also those beyond the limit


def _folded(text: str) -> str:
    """Text for case-insensitive comparison: NFC (æøå typed decomposed match stored ones), then casefold."""
    return unicodedata.normalize("NFC", text).casefold()


def search_cases(session: Session, *, query: str, viewer: Principal, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Cases by exact case number, Udlændingestyrelsen's person id or CPR, or by part of a name; newest first.

    A CPR number (DDMMYY-SSSS or ten digits) is looked up only for departments that may see CPR
    numbers; for anyone else it is not tried at all, so the answer is the same as for any number no
    case has (no oracle). Names are the person's and the family members'. Every search is logged with
    its kind and the query with any CPR number masked.
    """
    text = query.strip()
    try:
        cpr: str | None = parse_cpr(text)[0]
    except CprError:
        cpr = None
    exact = or_(Case.case_number == text, Case.immigration_person_id == text.upper())  # ids are stored upper-case
    if cpr is not None and viewer.department in CPR_VISIBLE_TO:
        exact = or_(exact, Case.cpr_digest == digest(cpr))
    # Read before the scan below, which then holds every exact match's date (cases are never deleted).
    found = set(session.scalars(select(Case.id).where(exact)))
    # Names are compared in Python, not in SQL: SQLite's lower() and LIKE fold ASCII only, and
    # PostgreSQL's lower() depends on the database's collation (ASCII only under "C"), so "Ø" would
    # find "ø" on some databases and not on others. str.casefold after NFC is the same everywhere,
    # and being plain substring search, "%" and "_" in the query match themselves (no LIKE to escape).
    # A municipality's cases are a few thousand names at most; a stored folded column is the next
    # step if that ever grows.
    needle = _folded(text)
    created: dict[int, datetime] = {}
    for case_id, created_at, name in session.execute(select(Case.id, Case.created_at, Case.full_name)):
        created[case_id] = created_at
        if needle in _folded(name):
            found.add(case_id)
    for case_id, name in session.execute(select(FamilyMember.case_id, FamilyMember.full_name)):
        if needle in _folded(name):
            found.add(case_id)
    newest = sorted(found, key=lambda i: (created[i], i), reverse=True)[:limit]
    by_id = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(newest)))} if newest else {}
    access.record(
        session,
        by=viewer,
        purpose=lookups.SEARCH_CASES,
        criteria=f"kind={'cpr' if cpr else 'text'} q={redact(text)} found={len(found)}"[:500],
    )
    return SearchResult(cases=[by_id[i] for i in newest], count=len(found))


def set_housing(
    session: Session,
    *,
    case_id: int,
    status: str,
    as_of: datetime,
    address: str | None = None,
    unit_id: int | None = None,
    ready_from: date | None = None,
) -> None:
    """Reflect housing's news on the case (from housing's events); older news never overrides newer."""
    case = session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise NotFound(f"no case with id {case_id}")
    if as_of.timestamp() < case.housing_as_of:
        return  # events may be handled out of order by concurrent workers
    case.housing_status, case.housing_as_of = status, as_of.timestamp()
    if address is not None:
        case.housing_address, case.housing_unit_id = address, unit_id
        case.housing_ready_from = ready_from
