"""Danskuddannelsesloven (lov om danskuddannelse til voksne udlændinge m.fl., LBK nr. 1372 af 22.
september 2022 with later amendments).

§ 5, stk. 1: for foreigners covered by integrationsloven "skal danskuddannelse kunne påbegyndes senest en
måned efter, at kommunalbestyrelsen har overtaget ansvaret for den pågældende". § 5, stk. 2: for others,
"senest en måned efter, at den pågældende har ansøgt kommunalbestyrelsen om deltagelse i danskuddannelse
eller er blevet henvist til uddannelsen som led i aktivering". The act and DOMAIN.md's table agree.
A month is a calendar month (the same date, or the month's last day when it is shorter). The date is the
municipality's latest date and is not moved off weekends or helligdage (the act has no such rule here,
and moving it later would give the citizen less).

§ 2 f, stk. 1 (read on elov.dk, LBK 1372/2022): "For S-kursister omfatter tilbud om danskuddannelse
undervisning i op til 5 år, som regnes fra det tidspunkt, hvor udlændingen kan påbegynde
danskuddannelsen" — ``right_expires``. For those in the programme (I-kursister) integrationsloven § 21,
stk. 3 sets the same 5 years (``integrationsloven.danish_right_expires``). What counts is the day the person
can begin (the start the offer allows), not the application or the arrival.
"""

from __future__ import annotations

from datetime import date

from shared.law.calendar import add_months, dk_long
from shared.law.result import Deadline, within_one_month

RIGHT_MONTHS = 60  # § 2 f, stk. 1: up to 5 years


def start_due(responsibility_from: date) -> Deadline:
    """danskuddannelsesloven § 5, stk. 1: Danish education can start at the latest one month after the
    municipality took over responsibility (integrationsloven § 4)."""
    return within_one_month(
        "dul5-start", "danskuddannelsesloven § 5, stk. 1", responsibility_from,
        since="Kommunen overtog ansvaret", what="Danskuddannelsen skal kunne begynde",
    )


def start_due_after_application(applied_on: date) -> Deadline:
    """danskuddannelsesloven § 5, stk. 2: for a foreigner not covered by integrationsloven, Danish education
    can start at the latest one month after the application (or the referral as part of activation)."""
    return within_one_month(
        "dul5-start-application", "danskuddannelsesloven § 5, stk. 2", applied_on,
        since="Ansøgningen om danskuddannelse kom", what="Danskuddannelsen skal kunne begynde",
    )


def right_expires(can_start_on: date) -> Deadline:
    """danskuddannelsesloven § 2 f, stk. 1: for a self-supporting student (S-kursist) the offer covers
    teaching for up to 5 years counted from the day the person can begin; it runs out 5 years (60 calendar
    months) after that day."""
    due = add_months(can_start_on, RIGHT_MONTHS)
    explanation = (
        f"Borgeren kan begynde på danskuddannelsen {dk_long(can_start_on)}. Tilbuddet omfatter undervisning i "
        f"op til 5 år regnet fra den dag, så retten udløber {dk_long(due)}."
    )
    if due.day != can_start_on.day:
        explanation += " Måneden har ikke den dato, så det er månedens sidste dag."
    return Deadline("dul2f-right", due, "danskuddannelsesloven § 2 f, stk. 1", explanation)
