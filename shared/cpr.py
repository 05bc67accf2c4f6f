"""CPR numbers: validation and masking.

Accepted forms: ``DDMMYY-SSSS`` or ten digits, ASCII only. The date must exist, with the century
read from the 7th digit (CPR-kontoret's table). No modulus-11 check: numbers issued since 2007
need not satisfy it.
"""

from __future__ import annotations

import re
from datetime import date

_FORM = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})$", re.ASCII)


class CprError(ValueError):
    """The text is not a valid CPR number; the message says why (in Danish, for the form)."""


def century(yy: int, seventh: int) -> int:
    """The birth century implied by the year digits and the first serial digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def parse_cpr(text: str) -> tuple[str, date]:
    """Return the normalised number (DDMMYY-SSSS) and the birth date, or raise :class:`CprError`."""
    match = _FORM.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise CprError("CPR-nummeret skal have formen DDMMÅÅ-LLLL eller 10 cifre")
    dd, mm, yy, serial = match.groups()
    try:
        born = date(century(int(yy), int(serial[0])) + int(yy), int(mm), int(dd))
    except ValueError as exc:
        raise CprError("CPR-nummerets første seks cifre er ikke en gyldig dato") from exc
    return f"{dd}{mm}{yy}-{serial}", born


def mask(cpr: str | None) -> str | None:
    """DDMMYY-XXXX: enough to recognise, not enough to use."""
    if not cpr:
        return cpr
    return f"{cpr[:6]}-XXXX"
