"""Use cases for permanent housing: needs, the waiting list, offers and allocation (H5, H6)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from housing.permanent.models import (
    AllocationDecision,
    Dwelling,
    DwellingReservation,
    HousingAssociation,
    Offer,
    PermanentNeed,
)
from housing.permanent.schemas import AssociationIn, Decision, DecisionIn, NeedIn, NeedOut, OfferIn
from housing.units.models import Assignment
from housing.units.service import end_assignment
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.housing import PermanentAllocated
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

SERVICE = "housing"


def register_need(session: Session, *, data: NeedIn, by: Principal | str) -> PermanentNeed:
    """Put a household on the waiting list for permanent housing (its turn counts from today)."""
    existing = session.scalar(
        select(PermanentNeed.id).where(
            PermanentNeed.case_id == data.case_id, PermanentNeed.status.in_(("waiting", "offered"))
        )
    )
    if existing is not None:
        raise Conflict(
            f"case {data.case_id} is on the waiting list already (need {existing})",
            field="case_id",
            danish="Sagen står allerede på ventelisten",
        )
    row = PermanentNeed(
        case_id=data.case_id,
        household_size=data.household_size,
        rooms_needed=data.rooms_needed,
        accessibility=data.accessibility or None,
        location_constraints=data.location_constraints or None,
        needed_by=data.needed_by,
        registered_on=today(),
    )
    session.add(row)
    session.flush()
    _decide(session, need=row, offer=None, decision="registered", reason="optaget på ventelisten", by=by)
    return row


def case_of(session: Session, *, need_id: int) -> int:
    """The case whose need this is (404 for an unknown need)."""
    return _need(session, need_id).case_id


def _need(session: Session, need_id: int, *, for_update: bool = False) -> PermanentNeed:
    row = session.get(PermanentNeed, need_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no permanent housing need with id {need_id}", field="need_id", danish="Behovet findes ikke")
    return row


def _decide(
    session: Session, *, need: PermanentNeed, offer: Offer | None, decision: str, reason: str, by: Principal | str
) -> None:
    user = by if isinstance(by, str) else by.user
    session.add(
        AllocationDecision(
            need_id=need.id, offer_id=offer.id if offer else None, decision=decision, reason=reason, by=user
        )
    )


def prioritise(session: Session, *, need_id: int, reason: str, by: Principal) -> PermanentNeed:
    """Allocation by need: mark the household as a priority, with the written reason."""
    need = _need(session, need_id, for_update=True)
    if need.status != "waiting":
        raise Conflict(f"need {need_id} is {need.status}", danish="Behovet er ikke på ventelisten")
    if need.priority:
        raise Conflict(f"need {need_id} is prioritised already", danish="Husstanden er allerede prioriteret")
    need.priority, need.priority_reason, need.priority_by = True, reason, by.user
    _decide(session, need=need, offer=None, decision="prioritised", reason=reason, by=by)
    session.flush()
    return need


def waiting_list(session: Session) -> list[NeedOut]:
    """Everyone waiting, by turn (registration date, then id); priorities are shown with their reason."""
    needs = session.scalars(
        select(PermanentNeed)
        .where(PermanentNeed.status == "waiting")
        .order_by(PermanentNeed.registered_on, PermanentNeed.id)
    ).all()
    return [_out(n, position=i) for i, n in enumerate(needs, start=1)]


def _out(need: PermanentNeed, position: int | None = None) -> NeedOut:
    return NeedOut(
        id=need.id,
        case_id=need.case_id,
        household_size=need.household_size,
        rooms_needed=need.rooms_needed,
        accessibility=need.accessibility,
        location_constraints=need.location_constraints,
        needed_by=need.needed_by,
        registered_on=need.registered_on,
        priority=need.priority,
        priority_reason=need.priority_reason,
        status=need.status,
        position=position,
    )


def need_out(session: Session, need: PermanentNeed) -> NeedOut:
    position = next((n.position for n in waiting_list(session) if n.id == need.id), None)
    return _out(need, position)


def add_association(session: Session, *, data: AssociationIn) -> HousingAssociation:
    row = HousingAssociation(name=data.name, contact=data.contact)
    if not try_insert(session, row):
        raise Conflict(
            f"housing association {data.name} exists already", field="name", danish="Boligselskabet findes allerede"
        )
    return row


def associations(session: Session) -> list[HousingAssociation]:
    return list(session.scalars(select(HousingAssociation).order_by(HousingAssociation.name)))


def address_key(address: str) -> str:
    """The address as compared: Unicode-normalised, case-folded, one space between words, none before
    a comma or a full stop and one after ("Rødovrevej 1,1.TH" = "rødovrevej  1, 1. th")."""
    text = unicodedata.normalize("NFC", address).casefold()
    text = re.sub(r"\s*([,.])\s*", r"\1 ", text)
    return " ".join(text.split())


def dwelling_for(session: Session, *, data: OfferIn) -> Dwelling:
    """The association's dwelling at this address: found by the normalised address, else created.

    Two requests creating the same new dwelling at once: the unique (association, address_key) lets one
    insert through; the other finds that row.
    """
    key = address_key(data.address)
    query = select(Dwelling).where(Dwelling.association_id == data.association_id, Dwelling.address_key == key)
    dwelling = session.scalar(query)
    if dwelling is None:
        dwelling = Dwelling(
            association_id=data.association_id,
            address=data.address,
            address_key=key,
            rooms=data.rooms,
            monthly_rent=data.monthly_rent,
        )
        if not try_insert(session, dwelling):
            dwelling = session.scalars(query).one()
    return dwelling


def _reserved(address: str) -> Conflict:
    return Conflict(
        f"the dwelling {address} is reserved by an open or accepted offer",
        field="address",
        danish="Boligen er allerede tilbudt en anden husstand eller udlejet",
    )


def _reserve(session: Session, *, dwelling: Dwelling, offer: Offer) -> None:
    """The offer takes the dwelling; the primary key on the dwelling refuses a second holder (409)."""
    held_by = session.scalar(select(DwellingReservation.offer_id).where(DwellingReservation.dwelling_id == dwelling.id))
    if held_by == offer.id:
        return
    if held_by is not None or not try_insert(session, DwellingReservation(dwelling_id=dwelling.id, offer_id=offer.id)):
        raise _reserved(dwelling.address)


def _free(session: Session, *, offer: Offer) -> None:
    session.execute(delete(DwellingReservation).where(DwellingReservation.offer_id == offer.id))


def dwellings(session: Session) -> list[tuple[Dwelling, int | None]]:
    """Every dwelling with the offer holding it (None: free)."""
    rows = session.execute(
        select(Dwelling, DwellingReservation.offer_id)
        .outerjoin(DwellingReservation, DwellingReservation.dwelling_id == Dwelling.id)
        .order_by(Dwelling.address_key)
    ).all()
    return [(d, offer_id) for d, offer_id in rows]


def make_offer(session: Session, *, data: OfferIn, by: Principal) -> Offer:
    """Allocate an association's dwelling to a household, by turn or by need; the choice is recorded."""
    need = _need(session, data.need_id, for_update=True)
    if session.get(HousingAssociation, data.association_id) is None:
        raise NotFound(
            f"no housing association with id {data.association_id}",
            field="association_id",
            danish="Boligselskabet findes ikke",
        )
    if need.status != "waiting":
        raise Conflict(f"need {need.id} is {need.status}, not waiting", danish="Husstanden venter ikke på en bolig")
    if data.rooms < need.rooms_needed:
        raise Conflict(
            f"the dwelling has {data.rooms} room(s); the household needs {need.rooms_needed}",
            field="rooms",
            danish="Boligen har for få værelser til husstanden",
        )
    if data.allocation == "need" and not need.priority:
        raise Conflict(
            "allocation by need requires a priority with a written reason first",
            field="allocation",
            danish="Tildeling efter behov kræver en begrundet prioritering",
        )
    if data.allocation == "turn":
        first = session.scalar(
            select(PermanentNeed)
            .where(PermanentNeed.status == "waiting", PermanentNeed.rooms_needed <= data.rooms)
            .order_by(PermanentNeed.registered_on, PermanentNeed.id)
            .limit(1)
        )
        if first is not None and first.id != need.id:
            raise Conflict(
                f"it is not this household's turn: need {first.id} (case {first.case_id}) comes first",
                field="need_id",
                danish=f"Det er ikke husstandens tur: sag {first.case_id} står før",
            )
    dwelling = dwelling_for(session, data=data)
    if session.scalar(select(DwellingReservation.offer_id).where(DwellingReservation.dwelling_id == dwelling.id)):
        raise _reserved(dwelling.address)
    dwelling.rooms, dwelling.monthly_rent = data.rooms, data.monthly_rent
    offer = Offer(
        need_id=need.id,
        dwelling_id=dwelling.id,
        association_id=data.association_id,
        address=data.address,
        rooms=data.rooms,
        monthly_rent=data.monthly_rent,
        available_from=data.available_from,
        allocation=data.allocation.value,
    )
    session.add(offer)
    session.flush()
    _reserve(session, dwelling=dwelling, offer=offer)
    need.status = "offered"
    _decide(session, need=need, offer=offer, decision=f"offered_by_{data.allocation.value}", reason=data.reason, by=by)
    session.flush()
    return offer


def decide(session: Session, *, offer_id: int, data: DecisionIn, by: Principal) -> Offer:
    """The household accepts or declines, or the municipality withdraws the offer.

    Declined or withdrawn: the dwelling is free again and the household keeps its place. Accepted: the
    offer must hold the dwelling's reservation (an offer made before dwellings were records may not);
    the temporary placement ends and the move is announced.
    """
    offer = session.get(Offer, offer_id, with_for_update=True)
    if offer is None:
        raise NotFound(f"no offer with id {offer_id}", danish="Tilbuddet findes ikke")
    if offer.status != "offered":
        raise Conflict(f"offer {offer_id} is {offer.status} already", danish="Tilbuddet er allerede besvaret")
    need = _need(session, offer.need_id, for_update=True)
    offer.status = data.decision.value
    _decide(session, need=need, offer=offer, decision=data.decision.value, reason=data.reason, by=by)
    if data.decision in (Decision.DECLINED, Decision.WITHDRAWN):
        _free(session, offer=offer)
        need.status = "waiting"  # keeps its place: the turn counts from registration
        session.flush()
        return offer
    move_in = data.move_in_date or offer.available_from
    if move_in < offer.available_from:
        raise Invalid(
            "move_in_date is before the dwelling is available",
            field="move_in_date",
            danish="Indflytningsdatoen ligger før boligen er ledig",
        )
    dwelling = session.get(Dwelling, offer.dwelling_id)
    assert dwelling is not None  # a foreign key
    _reserve(session, dwelling=dwelling, offer=offer)
    need.status = "housed"
    temporary = session.scalar(
        select(Assignment).where(Assignment.case_id == need.case_id, Assignment.active.is_(True))
    )
    if temporary is not None:
        end_assignment(session, assignment_id=temporary.id, on=move_in, reason="permanent bolig")
    publish(
        session,
        PermanentAllocated(
            case_id=need.case_id,
            offer_id=offer.id,
            address=offer.address,
            move_in_date=move_in,
            allocation=offer.allocation,
        ),
        producer=SERVICE,
    )
    session.flush()
    return offer


def decisions(session: Session, *, need_id: int) -> list[AllocationDecision]:
    _need(session, need_id)
    return list(
        session.scalars(
            select(AllocationDecision).where(AllocationDecision.need_id == need_id).order_by(AllocationDecision.id)
        )
    )


def family_joining(session: Session, *, anchor_case_id: int, household_size: int, needed_by: date) -> PermanentNeed:
    """A family reunification grows a household (R11 → H5): register its need, or enlarge the waiting one."""
    rooms = max(1, -(-household_size // 2))  # two people a room, rounded up
    need = session.scalar(
        select(PermanentNeed)
        .where(PermanentNeed.case_id == anchor_case_id, PermanentNeed.status.in_(("waiting", "offered")))
        .with_for_update()
    )
    if need is None:
        data = NeedIn(
            case_id=anchor_case_id, household_size=household_size, rooms_needed=min(rooms, 10), needed_by=needed_by
        )
        return register_need(session, data=data, by="familiesammenføring (modtagelsen)")
    if household_size > need.household_size:
        need.household_size, need.rooms_needed = household_size, max(need.rooms_needed, min(rooms, 10))
        need.needed_by = min(need.needed_by, needed_by)
        _decide(
            session,
            need=need,
            offer=None,
            decision="household_grew",
            reason=f"familiesammenføring: husstanden er nu {household_size} personer",
            by="familiesammenføring (modtagelsen)",
        )
    session.flush()
    return need
