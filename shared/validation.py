"""Input types for request schemas: bounded, trimmed text without NUL or control characters; dates within a
plausible range; local wall-clock times."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from shared import clock
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

# The earliest date a case, agreement or meeting of the system can plausibly carry: the integration act dates from
# 1999 and no record the services hold is older; 01.01.0001 or 1899 is a typing error.
EARLIEST = date(1990, 1, 1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _dk(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _between(value: date, first: date, last: date) -> date:
    if not first <= value <= last:
        raise rejected(
            f"date must be between {first.isoformat()} and {last.isoformat()}",
            f"Datoen skal ligge mellem {_dk(first)} og {_dk(last)}",
        )
    return value


def _case_date(value: date) -> date:
    return _between(value, EARLIEST, _years_after(clock.today(), 2))


def _planning_date(value: date) -> date:
    return _between(value, EARLIEST, _years_after(clock.today(), 10))


def _birth_date(value: date) -> date:
    if value > clock.today():
        raise rejected("date of birth cannot be in the future", "Datoen må ikke ligge i fremtiden")
    earliest = _years_after(clock.today(), -130)
    if value < earliest:
        raise rejected("date of birth is more than 130 years ago", "Datoen ligger mere end 130 år tilbage")
    return value


# An event in a case (a meeting, a conversation, a decision, a deadline, a start): from 1990 to two years ahead.
CaseDate = Annotated[date, AfterValidator(_case_date)]
# A date that may lie further ahead (a council term, an agreement's or a lease's end, an order's period): from 1990
# to ten years ahead.
PlanningDate = Annotated[date, AfterValidator(_planning_date)]
# A date of birth: at most 130 years back, not in the future.
BirthDate = Annotated[date, AfterValidator(_birth_date)]
