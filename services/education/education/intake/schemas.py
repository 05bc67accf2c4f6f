"""Language assessments and enrolments in and out (E1)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, Id, LongText, ShortText


class Track(enum.StrEnum):
    """The three Danish educations (danskuddannelse 1, 2 and 3)."""

    DU1 = "DU1"
    DU2 = "DU2"
    DU3 = "DU3"


TRACK_LABELS = {
    Track.DU1: "Danskuddannelse 1 (DU1)",
    Track.DU2: "Danskuddannelse 2 (DU2)",
    Track.DU3: "Danskuddannelse 3 (DU3)",
}
# The options of the pages' track and module fields (the assessment page and the absence pages).
MODULES = [(str(m), f"Modul {m}") for m in range(1, 7)]


def tracks() -> list[tuple[str, str]]:
    return [(t.value, label) for t, label in TRACK_LABELS.items()]


STATUS_LABELS = {"to_schedule": "Skal vurderes", "assessed": "Vurderet", "enrolled": "Tilmeldt sprogskole"}


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=2**31)
    assessed_on: CaseDate
    assessed_by: ShortText
    track: Track
    start_module: int = Field(ge=1, le=6)
    notes: LongText = ""


class EnrolmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    school_id: Id
    track: Track
    module: int = Field(ge=1, le=6)
    start_date: CaseDate


class EnrolmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: int
    school_id: int
    track: str
    module: int
    start_date: date
    enrolled_by: str
    enrolled_at: datetime
    # integrationsloven § 21, stk. 3: the right to Danish education runs out (None: enrolled before it was stored).
    right_expires_on: date | None = None
    right_rule: str = ""
    right_why: str = ""


class AssessmentOut(BaseModel):
    """A case on the list: its assessment, its enrolment and the §5 deadline (``deadline_missed``)."""

    case_id: int
    case_number: str
    due_date: date
    due_rule: str
    due_why: str
    # True until reception announced the responsibility day: the date counts from the expected arrival.
    due_interim: bool
    responsibility_from: date | None
    status: str
    deadline_missed: bool
    assessed_on: date | None
    assessed_by: str | None
    track: str | None
    start_module: int | None
    notes: str
    version: int
    enrolment: EnrolmentOut | None
