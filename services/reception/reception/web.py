"""Small helpers shared by reception's Danish pages: money in Danish, and form errors for money fields."""

from __future__ import annotations

from pydantic import ValidationError

from shared.web.forms import danish_errors

# pydantic error types the shared Danish table does not word for money fields.
_MONEY_ERRORS = {
    "greater_than": "Beløbet skal være større end 0",
    "decimal_max_places": "Skriv højst to decimaler (øre)",
    "decimal_max_digits": "Beløbet er for stort",
    "decimal_parsing": "Skriv et beløb i kroner, fx 1234,50",
}


def form_errors(exc: ValidationError) -> dict[str, str]:
    """Field → Danish message; money errors worded for amounts, the rest as the shared pages word them."""
    out = danish_errors(exc)
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] in _MONEY_ERRORS and err.get("input") != "":
            out[key] = _MONEY_ERRORS[err["type"]]
    return out
