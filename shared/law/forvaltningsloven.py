"""Forvaltningsloven § 19: partshøring before a decision against the citizen.

§ 19, stk. 1: before a decision is made, the party is told of information in the case that is to the party's
disadvantage and given the opportunity to comment, and "Myndigheden kan fastsætte en frist for afgivelsen af
en sådan udtalelse". The act sets no length; the municipality sets it (Økonomisk Team: 7 to 30 days). The
system counts it in the citizen's favour: from the day the citizen receives the hearing letter (Digital Post:
the day it is sent; a letter: its presumed delivery, as for decisions, Justitsministeriets vejledning nr.
9533/2018), and a last day on a weekend or helligdag runs to the next working day, since the decision must
wait for it.
"""

from __future__ import annotations

from datetime import date, timedelta

from shared.law.calendar import day_name, dk_long, next_working_day
from shared.law.result import Deadline
from shared.law.retssikkerhedsloven import Delivery, received_on

REPLY_DAYS = range(7, 31)  # what Økonomisk Team may set


def hearing_reply_deadline(sent_on: date, delivery: Delivery, days: int) -> Deadline:
    """forvaltningsloven § 19, stk. 1: the deadline the municipality sets for the citizen's reply in a
    partshøring, ``days`` days from the day the citizen receives the hearing letter, moved off a weekend or
    helligdag to the next working day."""
    if days not in REPLY_DAYS:
        raise ValueError(f"a reply deadline is {REPLY_DAYS.start}-{REPLY_DAYS.stop - 1} days, not {days}")
    received = received_on(sent_on, delivery)
    counted = received + timedelta(days=days)
    due = next_working_day(counted)
    how = (
        "med Digital Post, så borgeren har det samme dag"
        if delivery is Delivery.DIGITAL
        else (f"som brev, der regnes for modtaget {dk_long(received)}")
    )
    explanation = (
        f"Partshøring efter forvaltningsloven § 19: Brevet om partshøring er dateret {dk_long(sent_on)} og sendt "
        f"{how}. Økonomisk Team har givet borgeren {days} dages svarfrist fra modtagelsen: {dk_long(counted)}."
    )
    if due != counted:
        explanation += (
            f" Den dag er {day_name(counted)}, så fristen løber til den førstkommende hverdag, {dk_long(due)}."
        )
    explanation += " Der må ikke træffes afgørelse, før borgeren har svaret eller fristen er udløbet."
    return Deadline("fvl19-hearing-reply", due, "forvaltningsloven § 19, stk. 1", explanation)
