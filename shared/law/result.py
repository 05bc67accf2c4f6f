"""What a rule answers: the date (or the dates of a schedule), the rule, the act's reference and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.law.calendar import day_name, dk_long, is_working_day, one_month_after


@dataclass(frozen=True)
class Deadline:
    """One date a rule sets, with the rule's id, the Danish reference ("integrationsloven § 4, stk. 2")
    and a Danish explanation of how the date was found from the start date."""

    rule: str
    due: date
    reference: str
    explanation: str

    def as_json(self) -> dict[str, str | list[str]]:
        return {"rule": self.rule, "due": self.due.isoformat(), "reference": self.reference,
                "explanation": self.explanation}


@dataclass(frozen=True)
class Schedule:
    """The dates of a schedule (e.g. the § 20 follow-up conversations), each a latest date."""

    rule: str
    due: tuple[date, ...]
    reference: str
    explanation: str

    def as_json(self) -> dict[str, str | list[str]]:
        return {"rule": self.rule, "due": [day.isoformat() for day in self.due], "reference": self.reference,
                "explanation": self.explanation}


Result = Deadline | Schedule


def within_one_month(rule: str, reference: str, day: date, *, since: str, what: str) -> Deadline:
    """A "senest en måned efter" deadline of the municipality's own: a calendar month after ``day`` (the
    month's last day when it has no such date), not moved off weekends and helligdage (only the
    § 4, stk. 2 day is, by the act's words). ``since`` and ``what`` word the explanation."""
    due = one_month_after(day)
    explanation = f"{since} {dk_long(day)}. {what} senest en måned efter, dvs. {dk_long(due)}."
    if due.day != day.day:
        explanation += " Måneden har ikke den dato, så fristen er månedens sidste dag."
    if not is_working_day(due):
        explanation += f" Fristen er kommunens egen og flyttes ikke, selv om dagen er {day_name(due)}."
    return Deadline(rule, due, reference, explanation)
