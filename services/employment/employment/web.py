"""Employment's page rules: who reads (and writes) its pages, the Danish of its own checks."""

from __future__ import annotations

from typing import Protocol

from fastapi import Request
from fastapi.responses import Response

from shared.auth import Department, Principal
from shared.web.submit import Action, PageForms, blank_to_none

JC = Department.JOBCENTRET
# Employment's pages hold personal data about the employment effort: Jobcentret's caseworkers only.
READERS = (JC,)

# Checks a schema makes across fields (``model_validator``): its English message → (field, Danish).
_MODEL_MESSAGES = {
    "end must not be before start": ("end_date", "Slutdatoen ligger før startdatoen"),
    "recognised_as is required": ("recognised_as", "Skriv hvad uddannelsen er godkendt som"),
    "give at least one change": ("_", "Ret mindst ét felt"),
}


# A conversation's answers are posted as fields of their own (``answers.<question>`` is shown at the question).
FORMS = PageForms(readers=READERS, model_messages=_MODEL_MESSAGES, nested=("answers",))
guard = FORMS.guard
not_found = FORMS.not_found
submit = FORMS.submit


def pick(form: dict[str, str], *names: str) -> dict[str, str]:
    """The named fields of a posted form, trimmed (missing ones empty)."""
    return {k: form.get(k, "").strip() for k in names}


class CasePage(Protocol):
    """Renders one case's page, with a form's errors and what was typed (``code`` 422 after a refused form)."""

    def __call__(
        self, request: Request, case_id: int, by: Principal, *, errors: dict[str, str], form: dict[str, str], code: int
    ) -> Response: ...


def show_case(request: Request, case_id: int, *, area: str, page: CasePage) -> Response:
    """GET of a case page: the signed-in reader sees it; anyone else signs in or is told no (``area``)."""
    principal = guard(request, area)
    if not isinstance(principal, Principal):
        return principal
    return page(request, case_id, principal, errors={}, form={}, code=200)


async def case_form(
    request: Request,
    case_id: int,
    *,
    area: str,
    page: CasePage,
    what: str,
    prefix: str,
    fields: tuple[str, ...],
    action: Action,
) -> Response:
    """POST of a form on a case page: done, or the case page again with the form's errors."""
    principal = guard(request, area)
    if not isinstance(principal, Principal):
        return principal
    return await submit(
        request,
        what=what,
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: page(request, case_id, principal, errors=errors, form=form, code=422),
        fields=fields,
    )


__all__ = ["JC", "READERS", "blank_to_none", "case_form", "guard", "not_found", "pick", "show_case", "submit"]
