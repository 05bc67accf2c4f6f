"""Language schools, cooperation texts and the steering group in and out (E2)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shared.validation import ShortText


class SchoolIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    address: ShortText
    contact: ShortText


class SchoolOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    address: str
    contact: str
