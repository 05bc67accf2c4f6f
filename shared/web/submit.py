"""Posting a department page's form: who may, one transaction, Danish errors next to the fields.

Every service's pages post the same way: read the form, check the department, run the use case in
one transaction, answer 303 to the page the use case names, or show the page again (422) with the
errors in Danish next to the fields and what was typed kept; an error writes nothing. A service
makes one ``PageForms`` with its readers; the Danish of each error comes with the error itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shared.auth import Department, Principal
from shared.errors import DomainError
from shared.validation import CROSS_FIELD
from shared.web.deps import NoAccess, SignInRequired
from shared.web.forms import danish_errors, render, signed_in

Action = Callable[[Session, Principal, dict[str, str]], str]
Rerender = Callable[[dict[str, str], dict[str, str]], Response]

STALE = "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"


async def read_form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """Optional fields left empty are absent, not invalid."""
    return {k: (None if k in names and v == "" else v) for k, v in data.items()}


def pick(form: Mapping[str, str], names: tuple[str, ...]) -> dict[str, str]:
    """The named fields of a posted form (missing ones empty)."""
    return {k: form.get(k, "") for k in names}


def _by_type(err: Any) -> str | None:
    """Danish for the error kinds the generic messages of ``danish_errors`` say too vaguely."""
    kind, empty = err["type"], err.get("input") == ""
    if kind == "string_too_short" and not empty:
        return f"Skriv mindst {(err.get('ctx') or {}).get('min_length')} tegn"
    if kind.startswith("decimal") or kind == "float_parsing":
        return "Feltet skal udfyldes" if empty else "Skriv et beløb, fx 6.250,00"
    if kind == "too_short":  # a list field (checkboxes) with too few ticked
        return "Vælg mindst én"
    if kind == "bool_parsing":
        return "Vælg en af mulighederne"
    if kind in ("time_parsing", "time_type"):
        return "Feltet skal udfyldes" if empty else "Skriv et klokkeslæt, fx 09:30"
    return None


def _field_of(key: str) -> str:
    """The form field an error key belongs to: one item of a list field (``participants.0``) is the list's."""
    head, _, tail = key.rpartition(".")
    return head if head and tail.isdigit() else key


@dataclass(frozen=True)
class PageForms:
    """One service's page rules: who may read its pages, and which of its form fields are nested.

    The Danish of an error is said where the check is made: a ``DomainError``'s ``danish``, a schema's
    cross-field check through ``shared.validation.invalid``; no table here translates English phrases.
    """

    readers: tuple[Department, ...]
    # Mapping fields whose entries are form fields of their own (``answers.q1`` is shown at ``q1``).
    nested: tuple[str, ...] = ()

    def _field(self, key: str) -> str:
        for name in self.nested:
            key = key.removeprefix(f"{name}.")
        return _field_of(key)

    def validation_errors(self, exc: ValidationError, prefix: str) -> dict[str, str]:
        """Error key (``prefix`` + field) → Danish message, field by field."""
        errors: dict[str, str] = {}
        for k, v in danish_errors(exc).items():
            if k:
                errors.setdefault(f"{prefix}{self._field(k)}", v)
        for err in exc.errors():
            key = self._field(".".join(str(p) for p in err["loc"]))
            if err["type"] == CROSS_FIELD:  # a schema's own check carries its field and its Danish
                ctx = err.get("ctx") or {}
                errors[f"{prefix}{ctx.get('field') or '_'}"] = str(ctx.get("danish") or err.get("msg"))
            elif not key:  # a check on the whole form that says no field: shown above the form
                errors.setdefault(f"{prefix}_", "Formularen er ikke gyldig")
            elif (message := _by_type(err)) is not None:
                errors[f"{prefix}{key}"] = message
        return errors

    def not_found(self, request: Request, what: str) -> Response:
        return render(request, "not_found.html", 404, what=what)

    def refusal(self, principal: Principal, what: str) -> NoAccess:
        """What a signed-in user of another department is told (a service may say where to go instead)."""
        return NoAccess(what)

    def reader(self, what: str, *, among: tuple[Department, ...] | None = None) -> Any:
        """A page's dependency: the signed-in user when their department reads these pages (or ``among``).

        No one signed in: the sign-in page; another department: the Danish 403 page saying it has no
        access to ``what``. Use as ``user: Principal = FORMS.reader("se sagen")``."""
        departments = among or self.readers

        def dependency(request: Request) -> Principal:
            principal = signed_in(request)
            if principal is None:
                raise SignInRequired
            if principal.department not in departments:
                raise self.refusal(principal, what)
            return principal

        return Depends(dependency)

    async def submit(
        self,
        request: Request,
        *,
        what: str,
        prefix: str,
        action: Action,
        rerender: Rerender,
        fields: tuple[str, ...] = (),
        allowed: tuple[Department, ...] | None = None,
        refused: str | None = None,
        form: dict[str, str] | None = None,
        session: Session,
        principal: Principal,
    ) -> Response:
        """Run a page form in one transaction: 303 to the page ``action`` names, or the page again (422)
        with the Danish errors next to the fields and what was typed kept; an error writes nothing.

        ``allowed``: the departments that may post it (default: every reader); ``refused``: what the
        others are told (default: "Kun <allowed> kan <what>"). ``fields``: the form's fields; a service
        error about one of them is shown next to it, any other above the form. ``form``: the form when
        the caller has read it already (for repeated fields). ``session`` and ``principal``: the page's
        ``Db`` and ``FORMS.reader`` dependencies; the action then runs in a savepoint of the request's
        transaction, so a refused form writes nothing while the page shown again can still read."""
        form = form if form is not None else await read_form(request)
        try:
            if allowed is not None and principal.department not in allowed:
                raise DomainError(refused or f"Kun {' eller '.join(d.label for d in allowed)} kan {what}")
            with session.begin_nested():
                target = action(session, principal, form)
            return RedirectResponse(target, status_code=303)
        except ValidationError as exc:
            errors = self.validation_errors(exc, prefix)
        except StaleDataError:
            errors = {f"{prefix}_": STALE}
        except DomainError as exc:
            at = exc.field if exc.field in fields else "_"
            errors = {f"{prefix}{at}": exc.danish}
        return rerender(errors, form)
