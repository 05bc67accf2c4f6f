"""Danish form handling for the department pages: who is signed in, and errors next to fields."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from shared.auth import COOKIE, Principal, verify_token

_BY_TYPE = {
    "missing": "Feltet skal udfyldes",
    "string_too_short": "Feltet skal udfyldes",
    "string_too_long": "Teksten er for lang",
    "date_parsing": "Skriv en gyldig dato",
    "date_from_datetime_parsing": "Skriv en gyldig dato",
    "date_type": "Skriv en gyldig dato",
    "enum": "Vælg en af mulighederne",
    "literal_error": "Vælg en af mulighederne",
    "string_pattern_mismatch": "Feltet har et ugyldigt format",
    "int_parsing": "Skriv et helt tal",
    "too_long": "Der er for mange rækker",
}


# An empty field fails these checks too; then the message is that the field must be filled in.
_EMPTY_MEANS_MISSING = {
    "string_too_short",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "string_pattern_mismatch",
    "int_parsing",
}


def _danish(err: Any) -> str:
    if err["type"] in _EMPTY_MEANS_MISSING and err.get("input") == "":
        return "Feltet skal udfyldes"
    bounds = err.get("ctx") or {}
    if bounds.get("danish"):  # a validator that says its Danish itself (shared.validation.rejected)
        return str(bounds["danish"])
    if err["type"] == "greater_than_equal":
        return f"Skriv et tal på mindst {bounds.get('ge')}"
    if err["type"] == "less_than_equal":
        return f"Skriv et tal på højst {bounds.get('le')}"
    return _BY_TYPE.get(err["type"], "Ugyldig værdi")


def danish_errors(exc: ValidationError) -> dict[str, str]:
    """Field path → Danish message, for showing next to each field."""
    out: dict[str, str] = {}
    for err in exc.errors():
        out.setdefault(".".join(str(p) for p in err["loc"]), _danish(err))
    return out


def signed_in(request: Request) -> Principal | None:
    """The page user from the cookie, or None (the page then redirects to sign-in)."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        return verify_token(request.app.state.settings.auth_secret, token)
    except Exception:
        return None


def to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A Danish page from the service's (or the shared) templates, with the signed-in user."""
    context.setdefault("principal", signed_in(request))
    context.setdefault("current_service", request.app.state.settings.service_name)
    if context["principal"] is not None and "notices" not in context:
        from shared.web.notices import notices_for  # the notices read the database: imported when a page needs them

        context["notices"] = notices_for(request)
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response


_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")


def dk_money(value: Decimal | float | int | str | None) -> str:
    """An amount as Danes write it: 12.345,67 (point between thousands, comma before øre); None is empty."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return f"{amount:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")


def dk_kroner(value: Decimal | float | int | str | None) -> str:
    """The amount with its unit: 6.250,00 kr.; None is empty."""
    text = dk_money(value)
    return f"{text} kr." if text else ""


def money_input(text: Any) -> str:
    """What a caseworker types (6.250,50, 18.000, 6250,5 or 6250.50 kr.) as a decimal string.

    Text that is no amount is passed on unchanged, so the schema reports it next to the field.
    """
    raw = str(text or "").strip()
    cleaned = raw.removesuffix("kr.").removesuffix("kr").replace(" ", "").replace("\xa0", "")
    if "," in cleaned or _THOUSANDS.match(cleaned):  # 1.299,95 and 18.000: the point groups thousands
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        Decimal(cleaned)
    except InvalidOperation:
        return raw
    return cleaned
