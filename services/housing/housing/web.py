"""Housing's page rules: who reads its pages (shared.web.submit posts the forms)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Department, Principal, require
from shared.web.submit import PageForms, blank_to_none

SP = Department.SOCIAL_PSYKIATRI
BS = Department.BORGERSERVICE
JC = Department.JOBCENTRET
# Who may read housing's pages (as the JSON API's readers); who may change what is checked per form.
READERS = (SP, JC, BS)
# Who may call the JSON API: placing (assigning, moving out, storing) is Social- og Psykiatriafdelingen's;
# reading is open to the departments that follow the person.
Placer = Annotated[Principal, Depends(require(SP))]
Reader = Annotated[Principal, Depends(require(SP, JC, BS))]


FORMS = PageForms(readers=READERS)
submit = FORMS.submit

__all__ = ["BS", "FORMS", "JC", "READERS", "SP", "blank_to_none", "submit"]
