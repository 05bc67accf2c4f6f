"""Retssikkerhedsloven (lov om retssikkerhed og administration på det sociale område), § 67, with
Justitsministeriets vejledning nr. 9533 af 26. juni 2018 om beregning af klagefrister.

§ 67, stk. 1: "Klagefristen er 4 uger fra den dag, hvor klageren har fået meddelelse om afgørelsen."
The complaint is lodged with the authority that decided, which reconsiders it (genvurdering, § 66, stk. 1)
and, unless it gives the citizen full medhold, sends it on to Ankestyrelsen within 4 weeks of receiving it
(``reconsideration_deadline``). The vejledning says how the deadline is counted, and the act and DOMAIN.md's
table agree:

- The day counted from is the day the citizen receives the decision. By Digital Post that is the day it
  is available in the mailbox, whatever the weekday or a helligdag (``delivery=digital``: the decision's
  date, as the municipality sends on the day it decides).
- By letter (``delivery=letter``) the day the letter is presumed delivered: the vejledning (after the
  postal agreement of 2016, letters delivered within 5 working days) and the practice of Udbetaling
  Danmark and Ankestyrelsen: a letter dated Monday or Tuesday counts from Monday of the week after, one
  dated Wednesday, Thursday or Friday from Wednesday of the week after. A letter dated on a Saturday or
  Sunday is taken as sent the next Monday (no post leaves on those days). A receipt later than that
  (proved by the citizen) is a matter for the caseworker; the calculator gives the presumed date.
- Weeks are counted as weeks: 4 weeks from the receipt is the same weekday 4 weeks later (28 days).
- A deadline ending on a Saturday, Sunday or helligdag runs to the next working day.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

from shared.law.calendar import day_name, dk_long, is_working_day, next_working_day
from shared.law.result import Deadline

APPEAL_PERIOD = timedelta(weeks=4)


class Delivery(enum.StrEnum):
    DIGITAL = "digital"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return {"digital": "Digital Post", "letter": "brev"}[self.value]


def letter_received_on(sent_on: date) -> date:
    """The presumed day a letter dated ``sent_on`` reaches the citizen (Justitsministeriets vejledning nr.
    9533/2018): Monday/Tuesday → Monday of the week after; Wednesday–Friday → Wednesday of the week after;
    a weekend date counts as the following Monday's letter."""
    weekday = sent_on.weekday()
    if weekday >= 5:  # no post leaves on a weekend: as if sent on Monday
        sent_on, weekday = sent_on + timedelta(days=7 - weekday), 0
    monday_next_week = sent_on + timedelta(days=7 - weekday)
    return monday_next_week if weekday <= 1 else monday_next_week + timedelta(days=2)


def received_on(decision_on: date, delivery: Delivery) -> date:
    return decision_on if delivery is Delivery.DIGITAL else letter_received_on(decision_on)


def appeal_deadline(decision_on: date, delivery: Delivery) -> Deadline:
    """retssikkerhedsloven § 67, stk. 1: the appeal deadline is 4 weeks from the day the citizen receives
    the decision; a deadline on a weekend or helligdag runs to the next working day."""
    received = received_on(decision_on, delivery)
    four_weeks = received + APPEAL_PERIOD
    due = next_working_day(four_weeks)
    if delivery is Delivery.DIGITAL:
        explanation = (
            f"Afgørelsen er dateret {dk_long(decision_on)} og sendt med Digital Post, så borgeren har den samme dag. "
        )
    else:
        explanation = (
            f"Afgørelsen er dateret {dk_long(decision_on)} og sendt som brev. Et brev regnes for modtaget "
            f"{dk_long(received)} (brev dateret mandag eller tirsdag: mandagen ugen efter; onsdag til fredag: "
            f"onsdagen ugen efter). "
        )
    explanation += f"Klagefristen er 4 uger fra modtagelsen: {dk_long(four_weeks)}."
    if due != four_weeks:
        explanation += (
            f" Den dag er {day_name(four_weeks)}, så fristen løber til den førstkommende hverdag, {dk_long(due)}."
        )
    return Deadline("rsl67-appeal", due, "retssikkerhedsloven § 67, stk. 1", explanation)


RECONSIDERATION_PERIOD = timedelta(weeks=4)


def reconsideration_deadline(appeal_received_on: date) -> Deadline:
    """retssikkerhedsloven § 66, stk. 1: the authority that made the decision reconsiders it (genvurdering) when
    an appeal arrives; unless it gives the citizen full medhold it sends the appeal on to Ankestyrelsen within
    4 weeks of receiving it. Weeks are counted as weeks (the same weekday 4 weeks later). The deadline binds
    the municipality, not the citizen, so it is not moved off a weekend or helligdag (moving it would give
    the municipality more time at the citizen's cost)."""
    due = appeal_received_on + RECONSIDERATION_PERIOD
    explanation = (
        f"Klagen kom ind til kommunen {dk_long(appeal_received_on)}. Kommunen skal genvurdere afgørelsen og, "
        f"hvis borgeren ikke får fuldt medhold, sende klagen videre til Ankestyrelsen senest 4 uger efter, at "
        f"den kom ind, dvs. senest {dk_long(due)}."
    )
    if not is_working_day(due):
        explanation += f" Fristen er kommunens egen og flyttes ikke, selv om dagen er {day_name(due)}."
    return Deadline("rsl66-reconsideration", due, "retssikkerhedsloven § 66, stk. 1", explanation)
