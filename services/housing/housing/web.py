"""Housing's page rules: who reads its pages and the Danish of its own checks (shared.web.submit posts the forms)."""

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

# Checks a schema makes across fields (``model_validator``): its English message → (field, Danish).
_MODEL_MESSAGES = {
    "say what is stored": ("description", "Skriv hvad der opbevares"),
    "to_date must not be before from_date": ("to_date", "Slutdatoen ligger før startdatoen"),
    "delivered_on is required": ("delivered_on", "Skriv leveringsdatoen, når inventaret er leveret"),
    "follow_up_due is required": ("follow_up_due", "Skriv en frist for opfølgningen"),
    "end_date must be after start_date": ("end_date", "Slutdatoen skal ligge efter startdatoen"),
    "resolution is required": ("resolution", "Skriv hvordan sagen er løst"),
    "give a status or a note": ("note", "Skriv en note eller vælg en ny status"),
}
# Errors some services raise without a Danish wording, by a phrase in the English message.
_DOMAIN_MESSAGES = {
    "out of service": "Boligen er ude af drift",
    "free bed": "Boligen har for få ledige senge til husstanden",
    "no temporary unit": "Boligen findes ikke",
    "assign it to someone first": "Angiv hvem opgaven er tildelt",
}


FORMS = PageForms(readers=READERS, model_messages=_MODEL_MESSAGES, domain_messages=_DOMAIN_MESSAGES)
guard = FORMS.guard
submit = FORMS.submit

__all__ = ["BS", "JC", "READERS", "SP", "blank_to_none", "guard", "submit"]
