"""Employment's page rules: who reads (and writes) its pages, the Danish of its own checks."""

from __future__ import annotations

from shared.auth import Department
from shared.web.submit import PageForms, blank_to_none

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


__all__ = ["JC", "READERS", "blank_to_none", "guard", "not_found", "pick", "submit"]
