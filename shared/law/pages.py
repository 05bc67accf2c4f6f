"""The Danish deadline calculator page, ``/fristberegner``: pick a rule, fill its dates, see the deadline
and "Hvorfor denne frist?". Open to every signed-in user."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from shared.law.registry import RULES
from shared.law.result import Result
from shared.web.deps import PageUser
from shared.web.forms import render

router = APIRouter(include_in_schema=False)


@router.get("/fristberegner")
def calculator(request: Request, _user: PageUser) -> Response:
    form = {key: value for key, value in request.query_params.items() if len(value) <= 100}
    chosen = RULES.get(form.get("rule", ""))
    errors: dict[str, str] = {}
    result: Result | None = None
    if form.get("rule") and chosen is None:
        errors["rule"] = "Vælg en af reglerne på listen."
    # Only a submitted calculation is checked: choosing a rule first shows its empty fields.
    elif chosen is not None and "calculate" in form:
        errors = chosen.errors(form)
        if not errors:
            result = chosen.apply(form)
    status = 422 if errors else 200
    choices = [(rule.id, rule.title) for rule in RULES.values()]
    return render(request, "fristberegner.html", status, rule_choices=choices, rule=chosen, form=form,
                  errors=errors, result=result, page_title="Fristberegner")
