"""The access log: every read and search of personal data, with its criteria (Datatilsynet).

DOMAIN.md: "every read and search of personal data is logged with its criteria; a citizen may learn
the dates and purposes of look-ups of their data". Every service database has the table (it is on
``InfraBase``, like the outbox); each service writes its own reads into its own database.

Which reads are personal data (the rule every service follows): a route or page that shows data
about one identifiable citizen of the target group (a refugee or other foreigner, or a member of
their household) — their case, arrival, housing, plans, assessments, absences, conversations,
recognitions, internships and the like, found by their case id or by a record that belongs to one
case — writes one row with that case id. A route or page that lists or searches such persons
(several cases at once) writes one row without a case id, with its criteria (the filter it applied;
a search's text with any CPR number masked). Routes about the municipality's own resources
(dwellings, rooms, inventory, landlords, housing associations, language schools, course programmes,
conversation templates, companies) name no citizen and are not logged; neither are reads of staff,
partners, candidates and council members acting in office. The council's only citizens' data is the
voter register (name, address, whether they voted): a read of it is a list, with its election as criteria.
Housing's, education's and employment's ``lookups`` modules name their purposes and what they cover;
the integration-plan actions they all hold log in ``shared.plan_tasks``.

The subject is a case id of the service's own numbering of persons: reception's case id (which the
other services receive in events), or, in employment, the id of a case opened there (B10, B11),
whose purposes are kept apart by name (``lookups(..., purposes=...)``).

``purpose`` is a short English code of why (``read_case``, ``list_waiting_list``); it never carries
personal data. ``criteria`` carries only a search's or list's criteria, CPR numbers masked.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, mapped_column

from shared.auth import Principal
from shared.db import BigId, InfraBase, utcnow
from shared.logging import redact

PURPOSE_LENGTH = 40
CRITERIA_LENGTH = 500
READ_LOOKUPS = "read_lookups"  # reading the list of look-ups of one subject is itself a look-up


class AccessLog(InfraBase):
    """Every read or search of personal data, with its criteria (Datatilsynet)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    department: Mapped[str] = mapped_column(String(40))
    # The purpose of the look-up, a short English code (the column keeps reception's first name for it).
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(BigId, index=True, default=None)
    criteria: Mapped[str | None] = mapped_column(String(500), default=None)


def record(
    session: Session, *, by: Principal, purpose: str, case_id: int | None = None, criteria: str | None = None
) -> AccessLog:
    """Record one read (``case_id``: whose data) or search (``criteria``: what was asked) of personal data.

    The row is written in ``session``'s transaction: it commits with the read, or the read fails with it.
    """
    if not purpose or len(purpose) > PURPOSE_LENGTH:
        raise ValueError(f"an access-log purpose is 1 to {PURPOSE_LENGTH} characters: {purpose!r}")
    row = AccessLog(
        user=by.user[:100],
        department=by.department.value,
        action=purpose,
        case_id=case_id,
        criteria=redact(criteria)[:CRITERIA_LENGTH] if criteria else None,
    )
    session.add(row)
    session.flush()
    return row


def lookups(
    session: Session,
    *,
    case_id: int,
    purposes: Collection[str] | None = None,
    excluding: Collection[str] = (),
) -> list[AccessLog]:
    """The look-ups of one subject's data, oldest first: only ``purposes`` if given, never ``excluding``."""
    query = select(AccessLog).where(AccessLog.case_id == case_id)
    if purposes is not None:
        query = query.where(AccessLog.action.in_(list(purposes)))
    if excluding:
        query = query.where(AccessLog.action.not_in(list(excluding)))
    return list(session.scalars(query.order_by(AccessLog.at, AccessLog.id)))


def held_in(*columns: InstrumentedAttribute[Any]) -> Callable[[Session, int], bool]:
    """Whether a service holds data of a case: a row in any of the tables whose ``case_id`` columns are given."""

    def known(session: Session, case_id: int) -> bool:
        return any(session.scalar(select(column).where(column == case_id).limit(1)) is not None for column in columns)

    return known


__all__ = ["CRITERIA_LENGTH", "PURPOSE_LENGTH", "READ_LOOKUPS", "AccessLog", "held_in", "lookups", "record"]
