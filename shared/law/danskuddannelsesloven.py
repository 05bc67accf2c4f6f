"""Danskuddannelsesloven (lov om danskuddannelse til voksne udlændinge m.fl., LBK nr. 1372 af 22.
september 2022 with later amendments).

§ 5, stk. 1: for foreigners covered by integrationsloven "skal danskuddannelse kunne påbegyndes senest en
måned efter, at kommunalbestyrelsen har overtaget ansvaret for den pågældende". § 5, stk. 2: for others,
"senest en måned efter, at den pågældende har ansøgt kommunalbestyrelsen om deltagelse i danskuddannelse
eller er blevet henvist til uddannelsen som led i aktivering". The act and DOMAIN.md's table agree.
A month is a calendar month (the same date, or the month's last day when it is shorter). The date is the
municipality's latest date and is not moved off weekends or helligdage (the act has no such rule here,
and moving it later would give the citizen less).
"""

from __future__ import annotations

from datetime import date

from shared.law.result import Deadline, within_one_month


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
