"""Request and response models for the election to the council (C3)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.validation import CaseDate, Id, PlanningDate, RequiredLongText, ShortText, invalid

Version = Annotated[int, Field(ge=1, le=2**31)]
# Rødovre's standing orders: 7–11 members.
MIN_SEATS, MAX_SEATS = 7, 11


class Phase(enum.StrEnum):
    NOMINATION = "nomination"
    VOTING = "voting"
    COUNTED = "counted"
    RECOMMENDED = "recommended"


PHASE_LABELS = {
    Phase.NOMINATION: "Opstilling af kandidater",
    Phase.VOTING: "Afstemning",
    Phase.COUNTED: "Optalt",
    Phase.RECOMMENDED: "Indstillet til byrådet",
}


class ElectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    term_start: PlanningDate
    term_end: PlanningDate
    seats: int = Field(ge=MIN_SEATS, le=MAX_SEATS)

    @model_validator(mode="after")
    def _term(self) -> ElectionIn:
        if self.term_end <= self.term_start:
            raise invalid(
                "term_end", "term_end must be after term_start", "Periodens slutdato skal ligge efter startdatoen"
            )
        return self


class ElectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    term_start: date
    term_end: date
    seats: int
    phase: str
    counted_at: datetime | None
    recommendation: str | None
    recommendation_meeting_date: date | None
    recommended_by: str | None
    version: int


class CandidateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    nominated_by: ShortText


class EligibilityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    eligible: bool


class CandidateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    election_id: int
    name: str
    nominated_by: str
    eligible: bool
    won_by_lot: bool


class VoterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    address: ShortText


class VoterOut(BaseModel):
    id: int
    election_id: int
    name: str
    address: str
    voted: bool


class VoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    voter_id: Id
    candidate_id: Id


class VoteOut(BaseModel):
    """The receipt: the voter has voted. It does not say for whom (the ballot is secret)."""

    election_id: int
    voter_id: int
    voted: bool


class PhaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version


class LotIn(BaseModel):
    """The tied candidates the secretariat drew by lot for the remaining seats, and who witnessed the draw."""

    model_config = ConfigDict(extra="forbid")

    candidate_ids: list[Id] = Field(min_length=1, max_length=MAX_SEATS)
    witnesses: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]
    version: Version


class LotDrawOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    drawn_at: datetime
    drawn_by: str
    witnesses: str
    seats: int
    tied_names: str
    drawn_names: str


class RecommendationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: RequiredLongText
    meeting_date: CaseDate
    version: Version


class CandidateResult(BaseModel):
    candidate_id: int
    name: str
    nominated_by: str
    votes: int
    elected: bool
    tied: bool
    won_by_lot: bool


class ResultsOut(BaseModel):
    """Votes per candidate; the elected are the top ``seats``; a tie at the last seat is listed for a lot."""

    election_id: int
    seats: int
    votes_cast: int
    candidates: list[CandidateResult]
    elected: list[int]
    tied: list[int]
    seats_to_draw: int
    lot_draw: LotDrawOut | None = None
