"""The access log on the web: recording a page's read, and the route listing one subject's look-ups.

Every read and search of personal data is logged (DOMAIN.md, Datatilsynet; the rule is in
``shared.access``). A JSON route records with the principal its dependency gave it; a page records
with :func:`record_page` in the transaction it reads in. :func:`lookups_router` gives a service the
route a caseworker uses to answer a citizen who asks who looked them up, when, and why.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy.orm import Session

from shared import access
from shared.auth import Department, Principal, require
from shared.web.deps import Db, IdPath
from shared.web.forms import signed_in


def record_page(
    request: Request, session: Session, *, purpose: str, case_id: int | None = None, criteria: str | None = None
) -> None:
    """Record a page's read of personal data as the signed-in user (the page's guard has let them in)."""
    by = signed_in(request)
    if by is None:  # a page shows personal data only after its guard; nobody to log is a programming error
        raise RuntimeError("a page read personal data without a signed-in user")
    access.record(session, by=by, purpose=purpose, case_id=case_id, criteria=criteria)


class LookupOut(BaseModel):
    """One look-up of a subject's data: when, by whom (user and department), and why."""

    at: datetime
    user: str
    department: str
    department_label: str
    purpose: str


def lookup_out(row: access.AccessLog) -> LookupOut:
    try:
        label = Department(row.department).label
    except ValueError:  # a department code no longer in use keeps its code
        label = row.department
    at = row.at if row.at.tzinfo is not None else row.at.replace(tzinfo=UTC)  # SQLite keeps UTC without a zone
    return LookupOut(at=at, user=row.user, department=row.department, department_label=label, purpose=row.action)


def lookups_router(
    *,
    path: str,
    readers: Collection[Department],
    known: Callable[[Session, int], bool],
    what: str = "case",
    own: str = access.READ_LOOKUPS,
    purposes: Collection[str] | None = None,
    excluding: Collection[str] = (),
    tags: Collection[str] | None = None,
) -> APIRouter:
    """A router with ``GET path`` (``{case_id}`` in it): the look-ups of one subject, oldest first.

    ``known`` says whether the service holds data of the subject; one it does not, and whose data
    nobody has looked up either, is a 404 with a message. Where one database
    numbers two kinds of subject, ``purposes`` (the kind's only purposes) or ``excluding`` (the other
    kind's) keep them apart, and ``own`` names this listing's purpose. The listing is itself logged,
    before it is read, so it lists itself too.
    """
    router = APIRouter(tags=list(tags or ["adgangslog"]))
    reader = Depends(require(*readers))  # a default, not a local Annotated: annotations are strings here
    listed = None if purposes is None else [*purposes, own]

    def list_lookups(case_id: IdPath, session: Db, by: Principal = reader) -> list[LookupOut]:
        if not known(session, case_id) and not access.lookups(
            session, case_id=case_id, purposes=listed, excluding=excluding
        ):
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no {what} with id {case_id}")
        access.record(session, by=by, purpose=own, case_id=case_id)
        rows = access.lookups(session, case_id=case_id, purposes=listed, excluding=excluding)
        return [lookup_out(r) for r in rows]

    list_lookups.__doc__ = (
        f"Every look-up of one {what}'s personal data: when, who, why (DOMAIN: a citizen may learn them)."
    )
    router.add_api_route(path, list_lookups, methods=["GET"], response_model=list[LookupOut], name=f"lookups_{what}")
    return router


__all__ = ["LookupOut", "lookup_out", "lookups_router", "record_page"]
