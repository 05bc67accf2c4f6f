"""Integrationsloven (lov om integration af udlændinge i Danmark), as consolidated (LBK nr. 1146 af 22.
juni 2020 with later amendments).

What the act says, and what was decided where DOMAIN.md's table is less precise:

- § 4, stk. 2: "Ansvaret … påhviler kommunalbestyrelsen fra udgangen af den første hele måned fra
  tidspunktet for afgørelsen om visitering … Falder den 1. i en måned i en weekend eller på en helligdag,
  overgår ansvaret … den førstkommende hverdag." The act and the table agree. The first whole month is
  always the month after the decision's month, also for a decision on the 1st (the decision is taken
  during that day, so what is left of its month is not a whole month).
- § 4, stk. 2, 3. pkt.: "Kommunalbestyrelsen kan med den pågældendes samtykke overtage ansvaret … før
  udgangen af den første hele måned efter afgørelsen om visitering." The day agreed is the day itself
  (``responsibility_by_consent``); it must lie from the decision and before the stk. 2 day.
- § 4, stk. 3: quota refugees (udlændingelovens § 8) and the family-reunified: the responsibility
  "påhviler kommunalbestyrelsen fra tidspunktet for den pågældendes registrering i Det Centrale
  Personregister (CPR) som tilflyttet kommunen". The day is the registration's own date in CPR (the one
  Borgerservice reads off the registration), not the day someone records it here; the act moves it off
  no weekend (the registration has happened that day), so ``responsibility_at_cpr_registration`` returns
  the day itself with the why. Read on elov.dk (LBK 1146/2020, § 4, stk. 2 and 3).
- § 16 (the programme, "selvforsørgelses- og hjemrejseprogram" / "introduktionsprogram") and § 19, stk. 1
  (the contract): within 1 month after the municipality took over responsibility. A month is counted
  as a calendar month (the same date, or the month's last day when it is shorter). These are the
  municipality's own latest dates: the act moves only the § 4, stk. 2 day off weekends and helligdage,
  and moving a "senest" date for the authority later would give the citizen less, so they are not moved.
  The consolidated § 16, stk. 1–5 that could be read here (elov.dk, LBK 1146/2020) say who gets the
  programme (those 18 or over when responsibility passes) but not the month; the ministry (uim.dk) puts
  "så vidt muligt inden for de 2 første uger i kommunen og senest efter 1 måned" on the first
  virksomhedsrettet tilbud, and older versions of § 16 said the programme starts "senest 1 måned" after
  responsibility. The reference therefore names § 16 without a stk., as DOMAIN.md does; which stk. (or
  § 23) carries the month should be checked by a lawyer against retsinformation.dk. The § 19 month is
  confirmed by Cabi's summary of the act ("inden for en måned efter, at kommunen har overtaget ansvaret").
- § 20, stk. 1: after the § 17 visitation "skal opfølgning finde sted mindst 4 gange inden for de første
  6 måneder", then as needed (every 12 months for those in ordinary work or education without benefit).
  The act sets no spacing; the schedule spreads the four so none bunch at the end: conversation 1, 2
  and 3 are due 6, 12 and 18 weeks after the visitation, the 4th by the end of the 6 months (the act's
  limit). Each is a latest date, not moved (as § 16/§ 19).
"""

from __future__ import annotations

from datetime import date, timedelta

from shared.law.calendar import (
    DANISH_MONTHS,
    add_months,
    day_name,
    dk_long,
    is_working_day,
    next_working_day,
)
from shared.law.result import Deadline, Schedule, within_one_month

FOLLOWUP_WEEKS = (6, 12, 18)  # conversations 1–3; the 4th is due at the end of the 6 months


def responsibility_day(placement_decided_on: date) -> Deadline:
    """integrationsloven § 4, stk. 2: responsibility passes at the end of the first whole month after the
    placement decision (visitering), i.e. on the 1st of the month after that month; a 1st on a weekend or
    helligdag moves to the next working day."""
    first_whole = add_months(placement_decided_on.replace(day=1), 1)
    first = add_months(first_whole, 1)
    due = next_working_day(first)
    explanation = (
        f"Visiteringen blev afgjort {dk_long(placement_decided_on)}. Den første hele måned derefter er "
        f"{DANISH_MONTHS[first_whole.month - 1]} {first_whole.year}, så ansvaret overgår ved dens udgang, "
        f"{dk_long(first)}."
    )
    if not is_working_day(first):
        explanation += (
            f" Den dag er {day_name(first)}, så ansvaret overgår den førstkommende hverdag, {dk_long(due)}."
        )
    return Deadline("inl4-responsibility", due, "integrationsloven § 4, stk. 2", explanation)


def responsibility_at_cpr_registration(registered_on: date) -> Deadline:
    """integrationsloven § 4, stk. 3: for quota refugees (udlændingelovens § 8) and the family-reunified,
    responsibility passes on the day of the person's registration in CPR as moved to the municipality:
    that day itself, not moved (the registration is a fact of that day, not a deadline)."""
    explanation = (
        f"Personen blev registreret i CPR som tilflyttet kommunen {dk_long(registered_on)}. For "
        f"kvoteflygtninge (udlændingelovens § 8) og familiesammenførte overgår ansvaret fra registreringens "
        f"dato – ikke fra den dag, registreringen blev noteret i sagen."
    )
    return Deadline("inl4-cpr-registration", registered_on, "integrationsloven § 4, stk. 3", explanation)


def responsibility_by_consent(taken_over_on: date) -> Deadline:
    """integrationsloven § 4, stk. 2, 3. pkt.: with the person's consent the municipality may take over
    before the end of the first whole month after the placement decision: the agreed day itself."""
    explanation = (
        f"Kommunen overtog ansvaret {dk_long(taken_over_on)} med borgerens samtykke, før udgangen af den "
        f"første hele måned efter visiteringen."
    )
    return Deadline("inl4-consent", taken_over_on, "integrationsloven § 4, stk. 2, 3. pkt.", explanation)


def contract_due(responsibility_from: date) -> Deadline:
    """integrationsloven § 19, stk. 1: the integration contract within 1 month after the municipality took
    over responsibility (a calendar month; a latest date for the municipality, not moved off weekends)."""
    return within_one_month(
        "inl19-contract", "integrationsloven § 19, stk. 1", responsibility_from,
        since="Kommunen overtog ansvaret", what="Kontrakten skal være udarbejdet",
    )


def programme_due(responsibility_from: date) -> Deadline:
    """integrationsloven § 16: the selvforsørgelses- og hjemrejseprogram or introduktionsprogram offered
    within 1 month after the municipality took over responsibility (for those 18 or over at that time,
    § 16, stk. 1–2; a latest date for the municipality, not moved off weekends)."""
    return within_one_month(
        "inl16-programme", "integrationsloven § 16", responsibility_from,
        since="Kommunen overtog ansvaret", what="Programmet skal være tilbudt",
    )


def followups_due(visitation_completed_on: date) -> Schedule:
    """integrationsloven § 20, stk. 1, 2. pkt.: at least 4 follow-up conversations within the first 6 months
    after the § 17 visitation: due 6, 12 and 18 weeks after it and the 4th by the end of the 6 months."""
    weekly = [visitation_completed_on + timedelta(weeks=weeks) for weeks in FOLLOWUP_WEEKS]
    last = add_months(visitation_completed_on, 6)
    due = (*weekly, last)
    explanation = (
        f"Visitationen efter § 17 blev afsluttet {dk_long(visitation_completed_on)}. Loven kræver mindst 4 "
        f"opfølgningssamtaler inden for de første 6 måneder, dvs. senest {dk_long(last)}. For at fordele "
        f"samtalerne over perioden skal 1., 2. og 3. samtale holdes senest 6, 12 og 18 uger efter "
        f"visitationen ({', '.join(dk_long(day) for day in weekly)}), og 4. samtale senest ved udgangen af "
        f"de 6 måneder. Datoerne er kommunens egne frister og flyttes ikke fra weekender og helligdage."
    )
    return Schedule("inl20-followups", due, "integrationsloven § 20, stk. 1", explanation)
