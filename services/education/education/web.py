"""Danskuddannelse's page rules: who reads (and writes) its pages, the Danish of its own checks."""

from __future__ import annotations

from shared.auth import Department
from shared.web.submit import Action, PageForms, blank_to_none, pick

JC = Department.JOBCENTRET
# Danskuddannelse's staff are Jobcentret's: they read and change everything on these pages.
READERS = (JC,)

# Checks a schema makes across fields (``model_validator``): a phrase of its English message → (field, Danish).
_MODEL_MESSAGES = {
    "end_time must be after start_time": ("end_time", "Sluttidspunktet skal ligge efter starttidspunktet"),
    "to_date must not be before from_date": ("to_date", "Slutdatoen ligger før startdatoen"),
    "valid_to must not be before valid_from": ("valid_to", "Gyldig til ligger før gyldig fra"),
    "period_end must not be before period_start": ("period_end", "Periodens slutdato ligger før startdatoen"),
    "absent_hours cannot exceed planned_hours": ("absent_hours", "Fraværet er større end de planlagte timer"),
    "excused_hours cannot exceed absent_hours": ("excused_hours", "Det lovlige fravær er større end fraværet"),
    "summary is required": ("summary", "Skriv et referat af samtalen"),
    "held_on is required": ("held_on", "Skriv datoen for samtalen"),
    "sanction_recommended is required": ("sanction_recommended", "Vælg om Økonomisk Team skal overveje en sanktion"),
    "give a new planned_on": ("planned_on", "Skriv en ny dato eller registrér samtalen som afholdt"),
    "outcome is required": ("outcome", "Skriv resultatet af indsatsen"),
    "give a status or a note": ("outcome", "Vælg en ny status eller skriv et resultat"),
    "give a name, organisation or role": ("name", "Skriv et navn, en organisation eller en rolle"),
}


FORMS = PageForms(readers=READERS, model_messages=_MODEL_MESSAGES)
guard = FORMS.guard
submit = FORMS.submit

__all__ = ["JC", "READERS", "Action", "blank_to_none", "guard", "pick", "submit"]
