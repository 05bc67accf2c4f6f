"""The rules the deadline calculator (Fristberegner) knows: each with its parameters, parsed from text
(a query string, a form, the command line) into typed values, with a Danish message for bad input."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.law import (
    aktivloven,
    danskuddannelsesloven,
    forvaltningsloven,
    influx,
    integrationsloven,
    kommunalvalgloven,
    retssikkerhedsloven,
)
from shared.law.calendar import DANISH_MONTHS
from shared.law.result import Result
from shared.law.retssikkerhedsloven import Delivery

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Dates the calendar (and the holidays package) answers for sensibly; beyond them is a typing error.
FIRST_YEAR, LAST_YEAR = 1900, 2200


class LawInputError(ValueError):
    """A parameter missing or wrong; ``message`` says in Danish what is wrong with ``field``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


class UnknownRule(LookupError):
    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule
        self.message = f"Reglen »{rule}« findes ikke. Kendte regler: {', '.join(RULES)}."


@dataclass(frozen=True)
class Parameter:
    """A rule's input: ``choices`` (value, Danish label) for a choice, None for a date."""

    name: str
    label: str
    choices: tuple[tuple[str, str], ...] | None = None

    @property
    def kind(self) -> str:
        return "date" if self.choices is None else "choice"

    def parse(self, raw: str | None) -> Any:
        text = (raw or "").strip()
        if not text:
            return self._missing()
        if self.choices is not None:
            allowed = {value for value, _ in self.choices}
            if text not in allowed:
                options = " eller ".join(f"»{value}« ({label})" for value, label in self.choices)
                raise LawInputError(self.name, f"{self.label}: »{text}« kendes ikke. Vælg {options}.")
            return text
        return parse_date(self.name, self.label, text)

    def _missing(self) -> Any:
        what = "Vælg" if self.choices is not None else "Angiv"
        raise LawInputError(self.name, f"{what} {self.label[0].lower()}{self.label[1:]}.")


def parse_date(field: str, label: str, text: str) -> date:
    match = ISO_DATE.fullmatch(text)
    if match is None:
        raise LawInputError(
            field, f"{label}: »{text}« er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-30."
        )
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise LawInputError(field, f"{label}: »{text}« er ikke en dato, der findes: måned {month} findes ikke.")
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise LawInputError(
            field, f"{label}: »{text}« er ikke en dato, der findes: {DANISH_MONTHS[month - 1]} {year} har ikke "
            f"en {day}. dag."
        ) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise LawInputError(field, f"{label}: datoen skal ligge mellem år {FIRST_YEAR} og {LAST_YEAR}.")
    return parsed


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Danish, for the page's choice
    reference: str
    parameters: tuple[Parameter, ...]
    compute: Callable[..., Result]

    def apply(self, raw: Mapping[str, str]) -> Result:
        """Parse every parameter from ``raw`` (extra keys are ignored) and compute the rule; raises
        ``LawInputError`` for the first parameter that is missing or wrong."""
        values = {parameter.name: parameter.parse(raw.get(parameter.name)) for parameter in self.parameters}
        return self.compute(**values)

    def errors(self, raw: Mapping[str, str]) -> dict[str, str]:
        """Every parameter's Danish error at once (for a form); empty when all are good."""
        found: dict[str, str] = {}
        for parameter in self.parameters:
            try:
                parameter.parse(raw.get(parameter.name))
            except LawInputError as error:
                found[parameter.name] = error.message
        return found


def _appeal(decision_on: date, delivery: str) -> Result:
    return retssikkerhedsloven.appeal_deadline(decision_on, Delivery(delivery))


def _hearing_reply(sent_on: date, delivery: str, days: str) -> Result:
    return forvaltningsloven.hearing_reply_deadline(sent_on, Delivery(delivery), int(days))


DELIVERY = Parameter("delivery", "Måden, brevet blev sendt på", tuple((d.value, d.label) for d in Delivery))
RESPONSIBILITY_FROM = Parameter("responsibility_from", "Dato for kommunens overtagelse af ansvaret")
CAN_START_ON = Parameter("can_start_on", "Dato, hvor borgeren kan begynde på danskuddannelsen")

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("inl4-responsibility", "Kommunens overtagelse af ansvaret efter visitering",
             "integrationsloven § 4, stk. 2",
             (Parameter("placement_decided_on", "Dato for afgørelsen om visitering"),),
             integrationsloven.responsibility_day),
        Rule("inl4-cpr-registration", "Kommunens overtagelse af ansvaret ved CPR-registrering "
             "(kvoteflygtninge og familiesammenførte)", "integrationsloven § 4, stk. 3",
             (Parameter("registered_on", "Dato for registreringen i CPR som tilflyttet kommunen"),),
             integrationsloven.responsibility_at_cpr_registration),
        Rule("inl4-consent", "Kommunens tidligere overtagelse af ansvaret med samtykke",
             "integrationsloven § 4, stk. 2, 3. pkt.",
             (Parameter("taken_over_on", "Dato, hvor kommunen overtager ansvaret efter samtykke"),),
             integrationsloven.responsibility_by_consent),
        Rule("inl19-contract", "Integrationskontrakt", "integrationsloven § 19, stk. 1",
             (RESPONSIBILITY_FROM,), integrationsloven.contract_due),
        Rule("inl16-programme", "Tilbud om program (selvforsørgelses- og hjemrejseprogram eller "
             "introduktionsprogram)", "integrationsloven § 16", (RESPONSIBILITY_FROM,),
             integrationsloven.programme_due),
        Rule("dul5-start", "Start på danskuddannelse (omfattet af integrationsloven)",
             "danskuddannelsesloven § 5, stk. 1", (RESPONSIBILITY_FROM,), danskuddannelsesloven.start_due),
        Rule("dul5-start-application", "Start på danskuddannelse efter ansøgning",
             "danskuddannelsesloven § 5, stk. 2",
             (Parameter("applied_on", "Dato for ansøgningen om danskuddannelse"),),
             danskuddannelsesloven.start_due_after_application),
        Rule("inl20-followups", "Opfølgningssamtaler efter visitationen", "integrationsloven § 20, stk. 1",
             (Parameter("visitation_completed_on", "Dato for afslutningen af visitationen efter § 17"),),
             integrationsloven.followups_due),
        Rule("inl20-yearly", "Opfølgning hver 12. måned (ordinær beskæftigelse eller uddannelse uden ydelse)",
             "integrationsloven § 20, stk. 1",
             (Parameter("last_followup_on", "Dato for seneste opfølgning eller overgang til selvforsørgelse"),),
             integrationsloven.yearly_followup_due),
        Rule("inl21-danish-right", "Retten til danskuddannelse i programmet udløber",
             "integrationsloven § 21, stk. 3", (CAN_START_ON,), integrationsloven.danish_right_expires),
        Rule("dul2f-right", "Retten til danskuddannelse udløber (selvforsørgende kursist)",
             "danskuddannelsesloven § 2 f, stk. 1", (CAN_START_ON,), danskuddannelsesloven.right_expires),
        Rule("inl27-conversation", "Samtale efter en offentlig kontrolaktion", "integrationsloven § 27, stk. 1",
             (Parameter("information_received_on", "Dato for modtagelsen af oplysningerne fra kontrolaktionen"),),
             integrationsloven.control_conversation_due),
        Rule("inl27-offer", "Tilbud efter den første samtale efter en kontrolaktion",
             "integrationsloven § 27, stk. 2",
             (Parameter("first_conversation_on", "Dato for den første samtale efter kontrolaktionen"),),
             integrationsloven.control_offer_due),
        Rule("rsl67-appeal", "Klagefrist for en afgørelse", "retssikkerhedsloven § 67, stk. 1",
             (Parameter("decision_on", "Afgørelsens dato"),
              Parameter("delivery", "Måden, afgørelsen blev sendt på",
                        tuple((d.value, d.label) for d in Delivery))),
             _appeal),
        Rule("rsl66-reconsideration", "Kommunens genvurdering af en klage", "retssikkerhedsloven § 66, stk. 1",
             (Parameter("appeal_received_on", "Dato, klagen kom ind til kommunen"),),
             retssikkerhedsloven.reconsideration_deadline),
        Rule("fvl19-hearing-reply", "Svarfrist i partshøring", "forvaltningsloven § 19, stk. 1",
             (Parameter("sent_on", "Datoen for brevet om partshøring"), DELIVERY,
              Parameter("days", "Svarfrist i dage",
                        tuple((str(d), f"{d} dage") for d in forvaltningsloven.REPLY_DAYS))),
             _hearing_reply),
        Rule("aktl-deduction-deadline", "Sidste frist for fradrag i hjælpen", "aktivloven § 35, stk. 3",
             (Parameter("breach_on", "Dato for overtrædelsen af pligten"),), aktivloven.deduction_deadline),
        Rule("inl4b-suspension", "Suspension af fristerne for tilbud og danskuddannelse efter visitering",
             "integrationsloven § 4 b, stk. 1", (RESPONSIBILITY_FROM,), influx.suspension_end),
        Rule("inl42-council-term", "Integrationsrådets funktionsperiode (den kommunale valgperiode)",
             "integrationsloven § 42, stk. 3", (Parameter("on", "En dato i perioden"),),
             kommunalvalgloven.council_term),
    )
}


def rule_named(rule_id: str) -> Rule:
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRule(rule_id) from None


def reference_of(rule_id: str | None) -> str:
    """The act's § and stk. of a rule a service stored with its deadline ("" for none or an unknown id)."""
    rule = RULES.get(rule_id or "")
    return rule.reference if rule is not None else ""


def due(rule_id: str, raw: Mapping[str, str]) -> Result:
    """The calculator in one call: the rule by id, its parameters from text."""
    return rule_named(rule_id).apply(raw)
