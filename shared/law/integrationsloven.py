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
  limit). Each is a latest date, not moved (as § 16/§ 19). § 20, stk. 1, 5. pkt. (read on danskelove.dk):
  "For udlændinge, der er i ordinær beskæftigelse eller ordinær uddannelse, og som ikke modtager
  selvforsørgelses- og hjemrejseydelse eller overgangsydelse, skal opfølgning dog kun foretages hver 12.
  måned" — ``yearly_followup_due``: 12 calendar months after the last follow-up (or the day the person
  became self-supporting).
- § 16, stk. 1 and 2: the programme is offered to those who "på tidspunktet for kommunalbestyrelsens
  overtagelse af ansvaret er fyldt 18 år" — ``adult_when_responsibility_passes``; a person under 18 that
  day gets no programme (and no § 16 deadline), even after turning 18 later (§ 16, stk. 7 lets the
  municipality decide otherwise for an unaccompanied minor before the 18th birthday; not a deadline).
- § 21, stk. 3: Danish education as part of the programme "kan … have en varighed på op til 5 år fra
  det tidspunkt, hvor udlændingen kan påbegynde danskuddannelsen" — ``danish_right_expires``: 5 years
  (60 calendar months) from the day the person can begin (the start date of the enrolment).
- § 27, stk. 1 (read on danskelove.dk): information from a public control action (offentlig kontrolaktion)
  that casts doubt on availability → "straks indkalde udlændingen til en individuel samtale, der skal
  afholdes inden 1 uge fra det tidspunkt, hvor oplysningen er modtaget" — ``control_conversation_due``.
  § 27, stk. 2: "inden 2 uger efter første samtale efter stk. 1" an offer (or an order to take part in
  activities offered before) — ``control_offer_due``, counted from the first conversation, not from
  the control action (DOMAIN.md's table says only "offer within 2 weeks"; the act wins). Both are the
  municipality's own latest dates and are not moved off weekends or helligdage. The act names recipients
  of selvforsørgelses- og hjemrejseydelse or overgangsydelse (since 1 July 2025 kontanthjælp, see
  aktivloven); whether § 27 now reads "kontanthjælp" should be checked against retsinformation.dk.
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
ADULT_AGE = 18
DANISH_RIGHT_MONTHS = 60  # § 21, stk. 3: up to 5 years


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


def age_on(born_on: date, day: date) -> int:
    """Whole years of age on ``day`` (a birthday on 29 February is reached on 1 March in other years)."""
    return day.year - born_on.year - ((day.month, day.day) < (born_on.month, born_on.day))


def adult_when_responsibility_passes(born_on: date, responsibility_from: date) -> bool:
    """integrationsloven § 16, stk. 1 and 2: the programme is for those who are 18 or over ("fyldt 18 år")
    on the day the municipality takes over responsibility."""
    return age_on(born_on, responsibility_from) >= ADULT_AGE


def no_programme_reason(born_on: date, responsibility_from: date) -> str:
    """Why a person under 18 on the responsibility day gets no programme (integrationsloven § 16, stk. 1–2)."""
    return (
        f"Kommunen overtog ansvaret {dk_long(responsibility_from)}. Personen var da "
        f"{age_on(born_on, responsibility_from)} år (født {dk_long(born_on)}), og programmet tilbydes kun den, der "
        f"er fyldt 18 år, når kommunen overtager ansvaret (§ 16, stk. 1 og 2). Der er derfor ingen frist for "
        f"programmet."
    )


def yearly_followup_due(last_followup_on: date) -> Deadline:
    """integrationsloven § 20, stk. 1, 5. pkt.: for a person in ordinary work or ordinary education who
    receives no benefit, follow-up only every 12 months: due 12 calendar months after the last follow-up
    (the month's last day when it has no such date; a latest date, not moved)."""
    due = add_months(last_followup_on, 12)
    explanation = (
        f"Personen er i ordinær beskæftigelse eller uddannelse uden ydelse, så opfølgningen skal kun ske "
        f"hver 12. måned. Seneste opfølgning (eller overgangen til selvforsørgelse) var "
        f"{dk_long(last_followup_on)}, så den næste skal holdes senest {dk_long(due)}."
    )
    if due.day != last_followup_on.day:
        explanation += " Måneden har ikke den dato, så fristen er månedens sidste dag."
    return Deadline("inl20-yearly", due, "integrationsloven § 20, stk. 1", explanation)


def danish_right_expires(can_start_on: date) -> Deadline:
    """integrationsloven § 21, stk. 3: Danish education as part of the programme lasts up to 5 years from
    the day the person can begin it; the right runs out 5 years (60 calendar months) after that day."""
    due = add_months(can_start_on, DANISH_RIGHT_MONTHS)
    explanation = (
        f"Borgeren kan begynde på danskuddannelsen {dk_long(can_start_on)}. Tilbuddet om danskuddannelse som "
        f"led i programmet varer op til 5 år fra den dag, så retten udløber {dk_long(due)}."
    )
    if due.day != can_start_on.day:
        explanation += " Måneden har ikke den dato, så det er månedens sidste dag."
    return Deadline("inl21-danish-right", due, "integrationsloven § 21, stk. 3", explanation)


def control_conversation_due(information_received_on: date) -> Deadline:
    """integrationsloven § 27, stk. 1: information from a public control action casting doubt on the
    person's availability → an individual conversation within 1 week of the day the information came."""
    due = information_received_on + timedelta(weeks=1)
    explanation = (
        f"Oplysningerne fra kontrolaktionen kom {dk_long(information_received_on)}. Borgeren skal straks "
        f"indkaldes til en individuel samtale, der skal holdes inden 1 uge, dvs. senest {dk_long(due)}."
    )
    if not is_working_day(due):
        explanation += f" Fristen er kommunens egen og flyttes ikke, selv om dagen er {day_name(due)}."
    return Deadline("inl27-conversation", due, "integrationsloven § 27, stk. 1", explanation)


def control_offer_due(first_conversation_on: date) -> Deadline:
    """integrationsloven § 27, stk. 2: within 2 weeks after the first conversation under stk. 1 an offer in
    the programme (or an order to take part in activities offered before)."""
    due = first_conversation_on + timedelta(weeks=2)
    explanation = (
        f"Den første samtale efter kontrolaktionen var (eller skal senest være) {dk_long(first_conversation_on)}. "
        f"Inden 2 uger efter den skal borgeren have et tilbud i programmet eller pålægges at deltage i "
        f"tidligere tilbudte aktiviteter, dvs. senest {dk_long(due)}."
    )
    if not is_working_day(due):
        explanation += f" Fristen er kommunens egen og flyttes ikke, selv om dagen er {day_name(due)}."
    return Deadline("inl27-offer", due, "integrationsloven § 27, stk. 2", explanation)
