"""Input types for request schemas: bounded, trimmed text without NUL or control characters; dates within a
plausible range; local wall-clock times."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from shared.db import MAX_ID

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def rejected(message: str, danish: str) -> PydanticCustomError:
    """The error a field's own validator raises: the JSON API answers exactly as for a ``ValueError``
    (type ``value_error``, "Value error, <message>"); a department page shows ``danish`` next to the field."""
    return PydanticCustomError("value_error", f"Value error, {message}", {"danish": danish})


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise rejected("text must not contain NUL or other control characters", "Teksten indeholder ugyldige tegn")
    return value


ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_no_control)
]
OptionalShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_no_control)
]
# For columns of 50 characters (languages, short names).
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50), AfterValidator(_no_control)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), AfterValidator(_no_control)]
# What someone types into a search field: stripped, 2–100 characters.
SearchText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100), AfterValidator(_no_control)
]
RequiredLongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), AfterValidator(_no_control)
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


# The error type of a schema's own check across fields (see ``invalid``).
CROSS_FIELD = "cross_field"


def invalid(field: str, message: str, danish: str) -> PydanticCustomError:
    """The error a schema's ``model_validator`` raises when a check across fields fails.

    The JSON API answers ``message`` (English); a department page shows ``danish`` next to ``field``.
    The Danish is said where the check is made, so no page translates by matching English phrases.
    """
    return PydanticCustomError(CROSS_FIELD, message, {"field": field, "danish": danish})


def _local_time(value: time) -> time:
    """A session's or meeting's time is a Copenhagen wall-clock time: an offset (``10:00+01:00``) is refused rather
    than converted, because whether +01:00 is Copenhagen's depends on the date (summer time), and the person typing
    it meant a local time anyway. Refusing also keeps naive and aware times from being compared (a 500)."""
    if value.tzinfo is not None:
        raise rejected(
            "time must be a local Copenhagen time without a UTC offset (e.g. 10:00)",
            "Angiv klokkeslættet uden tidszone (fx 10:00)",
        )
    return value


LocalTime = Annotated[time, AfterValidator(_local_time)]
