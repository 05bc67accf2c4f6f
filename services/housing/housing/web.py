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
# Settling in (H2: the move-in checklist and furniture) is Jobcentret's task in the seed ("Etablering i midlertidig
# bolig … Jobcentret"); Social- og Psykiatriafdelingen, which places the household, keeps it too. The one place that
# says who may write move-in and furniture, for the JSON API (Settler) and the pages (allowed=SETTLERS).
SETTLERS = (SP, JC)
Settler = Annotated[Principal, Depends(require(*SETTLERS))]


FORMS = PageForms(readers=READERS)
submit = FORMS.submit

__all__ = ["BS", "FORMS", "JC", "READERS", "SETTLERS", "SP", "blank_to_none", "submit"]
