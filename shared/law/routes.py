"""``GET /law`` (the rules) and ``GET /law/{rule}?<parameter>=<value>…`` (one deadline), for any signed-in user."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from shared.auth import Department, Principal, require
from shared.law.registry import RULES, LawInputError, UnknownRule, rule_named

router = APIRouter(prefix="/law", tags=["lov"])
# Every department may compute a deadline: the rules are public law, no personal data.
SignedIn = Annotated[Principal, Depends(require(*Department))]


@router.get("")
def rules(_user: SignedIn) -> list[dict[str, Any]]:
    """The rules the calculator knows, with their parameters."""
    return [
        {"rule": rule.id, "title": rule.title, "reference": rule.reference,
         "parameters": [{"name": p.name, "label": p.label, "type": p.kind,
                         **({"choices": [value for value, _ in p.choices]} if p.choices else {})}
                        for p in rule.parameters]}
        for rule in RULES.values()
    ]


@router.get("/{rule}", response_model=None)
def due(rule: str, request: Request, _user: SignedIn) -> dict[str, str | list[str]] | JSONResponse:
    """One rule's deadline: ``{"rule", "due", "reference", "explanation"}``; 404 for an unknown rule, 422
    with a Danish message for a missing or wrong parameter."""
    try:
        found = rule_named(rule)
    except UnknownRule as error:
        return JSONResponse({"detail": error.message}, 404)
    try:
        return found.apply(request.query_params).as_json()
    except LawInputError as error:
        return JSONResponse({"detail": error.message, "field": error.field}, 422)
