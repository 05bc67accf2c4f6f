"""What a rule answers: the date (or the dates of a schedule), the rule, the act's reference and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
