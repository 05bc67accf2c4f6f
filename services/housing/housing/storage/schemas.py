"""Request and response models for stored belongings (H1)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from shared.validation import CaseDate, LongText, ShortText, invalid


class StorageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    location: ShortText
    description: LongText
    from_date: CaseDate
    to_date: CaseDate | None = None

    @model_validator(mode="after")
    def _period(self) -> StorageIn:
        if not self.description:
            raise invalid("description", "description: say what is stored", "Skriv hvad der opbevares")
        if self.to_date is not None and self.to_date < self.from_date:
            raise invalid("to_date", "to_date must not be before from_date", "Slutdatoen ligger før startdatoen")
        return self


class StorageEnd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to_date: CaseDate


class StorageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    location: str
    description: str
    from_date: date
    to_date: date | None
