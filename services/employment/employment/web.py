"""Employment's page rules: who reads (and writes) its pages."""

from __future__ import annotations

from typing import Protocol

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shared.auth import Department, Principal
from shared.web.submit import Action, PageForms, blank_to_none

JC = Department.JOBCENTRET
# Employment's pages hold personal data about the employment effort: Jobcentret's caseworkers only.
READERS = (JC,)


# A conversation's answers are posted as fields of their own (``answers.<question>`` is shown at the question).
FORMS = PageForms(readers=READERS, nested=("answers",))
not_found = FORMS.not_found
submit = FORMS.submit


def pick(form: dict[str, str], *names: str) -> dict[str, str]:
    """The named fields of a posted form, trimmed (missing ones empty)."""
    return {k: form.get(k, "").strip() for k in names}


class CasePage(Protocol):
    """Renders one case's page, with a form's errors and what was typed (``code`` 422 after a refused form)."""

    def __call__(
        self,
        request: Request,
        session: Session,
        case_id: int,
        by: Principal,
        *,
        errors: dict[str, str],
        form: dict[str, str],
        code: int,
    ) -> Response: ...


async def case_form(
    request: Request,
    case_id: int,
    *,
    session: Session,
    principal: Principal,
    page: CasePage,
    what: str,
    prefix: str,
    fields: tuple[str, ...],
    action: Action,
) -> Response:
    """POST of a form on a case page: done, or the case page again with the form's errors."""
    return await submit(
        request,
        session=session,
        principal=principal,
        what=what,
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: page(request, session, case_id, principal, errors=errors, form=form, code=422),
        fields=fields,
    )


__all__ = ["FORMS", "JC", "READERS", "blank_to_none", "case_form", "not_found", "pick", "submit"]
