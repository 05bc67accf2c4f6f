"""Council's page rules: who reads which pages, that only the secretariat writes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shared.auth import Department, Principal, require
from shared.web.submit import Action, PageForms, Rerender, blank_to_none

JC = Department.JOBCENTRET
IR = Department.INTEGRATIONSRAADET
# The council's own matters: the secretariat (Jobcentret) writes, the council's members read.
COUNCIL_READERS: tuple[Department, ...] = (JC, IR)
# The coordinating team: the department heads who meet monthly read; Jobcentret keeps the record.
TEAM_READERS: tuple[Department, ...] = (
    JC,
    Department.BKF,
    Department.SOCIAL_PSYKIATRI,
    Department.BORGERSERVICE,
    Department.SUNDHEDSCENTRET,
)

Secretariat = Annotated[Principal, Depends(require(JC))]
CouncilReader = Annotated[Principal, Depends(require(*COUNCIL_READERS))]
TeamReader = Annotated[Principal, Depends(require(*TEAM_READERS))]


# One set of page rules per group of readers; only the secretariat writes on either.
_PAGES: dict[tuple[Department, ...], PageForms] = {
    readers: PageForms(readers=readers) for readers in (COUNCIL_READERS, TEAM_READERS)
}


async def read_multi(request: Request, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes)."""
    return [str(v) for v in (await request.form()).getlist(name)]


def reader(what: str, readers: tuple[Department, ...] = COUNCIL_READERS) -> Any:
    """A page's dependency: the signed-in user of one of ``readers`` (else sign-in, or the 403 page on ``what``)."""
    return _PAGES[readers].reader(what)


def not_found(request: Request, what: str) -> Response:
    return _PAGES[COUNCIL_READERS].not_found(request, what)


async def submit(
    request: Request,
    *,
    what: str,
    prefix: str,
    action: Action,
    rerender: Rerender,
    fields: tuple[str, ...] = (),
    readers: tuple[Department, ...] = COUNCIL_READERS,
    form: dict[str, str] | None = None,
    session: Session,
    principal: Principal,
) -> Response:
    """Run a page form (shared.web.submit); only Jobcentret (the secretariat) writes, other readers see why.

    The pages show their forms to Jobcentret only (``secretariat_only`` in templates/_council.html); this
    refusal stays for a post sent anyway."""
    return await _PAGES[readers].submit(
        request,
        what=what,
        prefix=prefix,
        action=action,
        rerender=rerender,
        fields=fields,
        allowed=(JC,),
        refused=f"Kun {JC.label} (sekretariatet) kan {what}",
        form=form,
        session=session,
        principal=principal,
    )


__all__ = [
    "COUNCIL_READERS",
    "JC",
    "TEAM_READERS",
    "CouncilReader",
    "Rerender",
    "Secretariat",
    "TeamReader",
    "blank_to_none",
    "not_found",
    "read_multi",
    "reader",
    "submit",
]
