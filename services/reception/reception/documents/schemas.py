"""Request and response models for case documents (R1)."""

from __future__ import annotations

import enum
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class DocumentKind(enum.StrEnum):
    RESIDENCE_DECISION = "residence_decision"
    OTHER = "other"


KIND_LABELS = {
    DocumentKind.RESIDENCE_DECISION.value: "Opholdstilladelse / afgørelse",
    DocumentKind.OTHER.value: "Andet dokument",
}


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_by_department: str
    uploaded_at: datetime
