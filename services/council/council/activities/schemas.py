"""Request and response models for the council's activities (C2)."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.validation import CaseDate, LongText, ShortText

Version = Annotated[int, Field(ge=1, le=2**31)]


class ActivityStatus(enum.StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


STATUS_LABELS = {ActivityStatus.PLANNED: "Planlagt", ActivityStatus.HELD: "Afholdt", ActivityStatus.CANCELLED: "Aflyst"}


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: ShortText
    activity_date: CaseDate
    place: ShortText
    responsible: ShortText
    description: LongText = ""


class ActivityStatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ActivityStatus
    version: Version


class TaskIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: ShortText
    owner: ShortText


class TaskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done: bool
    version: Version


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    activity_id: int
    text: str
    owner: str
    done: bool
    version: int


class ActivityOut(BaseModel):
    id: int
    title: str
    activity_date: date
    place: str
    responsible: str
    description: str
    status: str
    version: int
    tasks: list[TaskOut]
    open_tasks: int
