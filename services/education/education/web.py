"""Danskuddannelse's page rules: who reads (and writes) its pages."""

from __future__ import annotations

from shared.auth import Department
from shared.web.submit import Action, PageForms, blank_to_none, pick

JC = Department.JOBCENTRET
# Danskuddannelse's staff are Jobcentret's: they read and change everything on these pages.
READERS = (JC,)


FORMS = PageForms(readers=READERS)
submit = FORMS.submit

__all__ = ["FORMS", "JC", "READERS", "Action", "blank_to_none", "pick", "submit"]
