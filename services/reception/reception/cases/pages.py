"""Reception's Danish pages: case list, handover form, case page with arrival and onboarding."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from reception import lookups
from reception.cases import service, takeover
from reception.cases.responsibility import BASIS_LABELS
from reception.cases.routes import case_out
from reception.cases.schemas import (
    RELATION_LABELS,
    RESIDENCE_BASIS_LABELS,
    ArrivalIn,
    HandoverIn,
    ResidenceBasis,
    ResponsibilityIn,
)
from reception.config import CASE_READERS
from reception.contracts.service import for_case as contract_for_case
from reception.onboarding import service as onboarding
from reception.timeline.service import entries as timeline_entries
from reception.web import HANDOVER_SENDERS, danish_message, no_access_page, page_reader
from shared import access
from shared.auth import DEPARTMENT_LABELS, Department, Principal
from shared.errors import DomainError
from shared.validation import SearchText
from shared.web.access import record_page
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, render, signed_in, to_login

router = APIRouter(include_in_schema=False)

HOUSING_LABELS = {
    "awaiting_check": "Afventer boligtjek",
    "placement_requested": "Mangler bolig – anmodning sendt til Social- og Psykiatriafdelingen",
    "flagged": "Ankomst nærmer sig uden klar bolig",
    "assigned": "Midlertidig bolig anvist",
    "moved_in": "Indflyttet i midlertidig bolig",
    "moved_out": "Fraflyttet midlertidig bolig",
    "permanent": "Permanent bolig tildelt",
}
# Housing status → DKFDS tag variant: the tag shows an icon and words besides the colour.
HOUSING_VARIANTS = {
    "awaiting_check": "info",
    "placement_requested": "warning",
    "flagged": "error",
    "assigned": "success",
    "moved_in": "success",
    "moved_out": "info",
    "permanent": "success",
}
STATUS_LABELS = {"opened": "Oprettet", "arrival_scheduled": "Ankomst aftalt"}
ARRIVAL_KIND_LABELS = {"pickup": "Afhentning", "own_arrival": "Egen ankomst"}


def _labels() -> dict[str, Any]:
    return {
        "basis_labels": RESIDENCE_BASIS_LABELS,
        "responsibility_labels": BASIS_LABELS,
        "relation_labels": RELATION_LABELS,
        "housing_labels": HOUSING_LABELS,
        "housing_variants": HOUSING_VARIANTS,
        "status_labels": STATUS_LABELS,
        "arrival_kind_labels": ARRIVAL_KIND_LABELS,
        "department_labels": {d.value: label for d, label in DEPARTMENT_LABELS.items()},
    }


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SEARCH_TEXT: TypeAdapter[str] = TypeAdapter(SearchText)
_SEARCH_MESSAGES = {
    "string_too_short": "Skriv mindst 2 tegn for at søge",
    "string_too_long": "Skriv højst 100 tegn",
}


def _search_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return _SEARCH_MESSAGES.get(err["type"]) or next(iter(danish_errors(exc).values()))


@router.get("/")
def case_list(request: Request, q: str = "") -> Response:
    """The case list, or with ``?q=`` the cases found by the search field (case number, person id, CPR, name)."""
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagslisten")
    errors: dict[str, str] = {}
    query = ""
    if q.strip():  # an empty search field shows the whole list
        try:
            query = _SEARCH_TEXT.validate_python(q)
        except ValidationError as exc:
            errors["q"] = _search_error(exc)
    with request.app.state.runtime.session_factory.begin() as session:
        if query:
            found = service.search_cases(session, query=query, viewer=principal, limit=service.SEARCH_LIMIT)
            return render(
                request,
                "case_list.html",
                cases=found.cases,
                found=found.count,
                form={"q": query},
                errors={},
                **_labels(),
            )
        cases = service.list_cases(session)
        access.record(session, by=principal, purpose=lookups.LIST_CASES)
        return render(
            request,
            "case_list.html",
            422 if errors else 200,
            cases=cases,
            found=None,
            form={"q": _CONTROL.sub("", q)[:200]},  # what was typed, for correcting it
            errors=errors,
            **_labels(),
        )


@router.get("/overdragelser/ny")
def handover_form(request: Request, modtaget: Annotated[str, Query(max_length=40)] = "") -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in HANDOVER_SENDERS:
        return no_access_page(request, "registrering af overdragelser")
    return render(
        request,
        "handover_form.html",
        form={},
        errors={},
        received=modtaget,
        can_list=principal.department in CASE_READERS,
        **_labels(),
    )


def _handover_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: form.get(k, "")
        for k in (
            "immigration_person_id",
            "full_name",
            "date_of_birth",
            "nationality",
            "residence_basis",
            "asylum_centre",
            "asylum_centre_contact",
            "expected_arrival_date",
        )
    }
    members = []
    for i in range(4):
        name = str(form.get(f"member_{i}_name", "")).strip()
        if name or form.get(f"member_{i}_dob"):
            members.append(
                {
                    "full_name": name,
                    "date_of_birth": form.get(f"member_{i}_dob", ""),
                    "relation": form.get(f"member_{i}_relation", ""),
                }
            )
    data["family_members"] = members
    if decided := str(form.get("placement_decided_on", "")).strip():  # optional: left empty, not known
        data["placement_decided_on"] = decided
    return data


@router.post("/overdragelser/ny")
async def submit_handover(request: Request) -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    form = await request.form()
    errors: dict[str, str] = {}
    if principal.department not in (Department.JOBCENTRET, Department.UDLAENDINGESTYRELSEN):
        errors["_"] = f"{principal.department.label} kan ikke registrere overdragelser"
    else:
        try:
            handover = HandoverIn.model_validate(_handover_data(form))
            with request.app.state.runtime.session_factory.begin() as session:
                case = service.open_case(session, handover=handover, by=principal)
                case_id, case_number = case.id, case.case_number
            if principal.department in CASE_READERS:
                return RedirectResponse(f"/sager/{case_id}", status_code=303)
            # Udlændingestyrelsen may send handovers but not read cases: a receipt on a fresh form.
            return RedirectResponse(f"/overdragelser/ny?modtaget={case_number}", status_code=303)
        except ValidationError as exc:
            errors = danish_errors(exc)
        except DomainError as exc:
            errors[exc.field or "_"] = (
                "Der findes allerede en sag for dette personnummer" if exc.status == 409 else danish_message(exc)
            )
    return render(
        request,
        "handover_form.html",
        422,
        form=dict(form),
        errors=errors,
        can_list=principal.department in CASE_READERS,
        **_labels(),
    )


def _case_page(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    with request.app.state.runtime.session_factory.begin() as session:
        try:
            case = service.get_case(session, case_id=case_id)
        except DomainError:
            return render(request, "not_found.html", 404, what=f"sag {case_id}")
        access.record(session, by=principal, purpose=lookups.READ_CASE, case_id=case_id)
        view = case_out(session, case, principal)
        contract = contract_for_case(session, case_id=case_id)
        # R11: the household this case joined, and the family members who joined it.
        anchor = service.get_case(session, case_id=case.linked_case_id) if case.linked_case_id else None
        joined = service.family_of(session, case_id=case_id)
        return render(
            request,
            "case_detail.html",
            status_code,
            case=view,
            errors=errors or {},
            form=form or {},
            contract=contract,
            timeline=timeline_entries(session, case_id=case_id),
            anchor=anchor,
            family_cases=joined,
            can_reunify=principal.department in HANDOVER_SENDERS,
            **_labels(),
        )


@router.get("/sager/{case_id}")
def case_page(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return _case_page(request, principal, case_id)


@router.get("/sager/{case_id}/live")
def case_live(
    case_id: IdPath,
    request: Request,
    bolig: Annotated[str, Query(max_length=40)] = "",
    opgaver: Annotated[int, Query(ge=-1, le=100)] = -1,
) -> Response:
    """The parts of the case page that other departments' events change (housing, checklist), for htmx polling.

    ``bolig`` and ``opgaver`` are the housing status and task count the page shows: unchanged is a 204
    (htmx then swaps nothing). Not logged as an access: it shows only what the logged page view showed.
    """
    principal = page_reader(request)
    if principal is None:
        return Response(status_code=403)
    with request.app.state.runtime.session_factory() as session:
        try:
            case = service.get_case(session, case_id=case_id)
        except DomainError:
            return Response(status_code=404)
        view = case_out(session, case, principal)
    if view.housing.status == bolig and len(view.onboarding_tasks) == opgaver:
        return Response(status_code=204)
    return render(request, "_case_live.html", case=view, errors={}, **_labels())


@router.post("/sager/{case_id}/ankomst")
async def submit_arrival(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = dict(await request.form())
    try:
        if principal.department != Department.JOBCENTRET:
            raise DomainError("Kun Jobcentret kan aftale ankomst", field="_")
        arrival = ArrivalIn.model_validate(
            {k: form.get(k, "") for k in ("arrival_date", "kind", "place", "arranged_by", "notes")}
        )
        with request.app.state.runtime.session_factory.begin() as session:
            service.schedule_arrival(session, case_id=case_id, arrival=arrival, by=principal)
        return RedirectResponse(f"/sager/{case_id}", status_code=303)
    except ValidationError as exc:
        errors = {f"arrival_{k}": v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        message = "Sagen findes ikke" if exc.status == 404 else danish_message(exc)
        errors = {f"arrival_{exc.field or '_'}": message}
    return _case_page(request, principal, case_id, errors=errors, form=form, status_code=422)


@router.post("/sager/{case_id}/ansvar")
async def submit_responsibility(case_id: IdPath, request: Request) -> Response:
    """§ 4: take over responsibility earlier, with the person's consent."""
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = dict(await request.form())
    try:
        if principal.department != Department.JOBCENTRET:
            raise DomainError("Kun Jobcentret kan overtage ansvaret", field="_")
        data = ResponsibilityIn.model_validate({k: form.get(k, "") for k in ("taken_over_on", "consent_note")})
        with request.app.state.runtime.session_factory.begin() as session:
            takeover.take_over_early(session, case_id=case_id, data=data, by=principal)
        return RedirectResponse(f"/sager/{case_id}#ansvar", status_code=303)
    except ValidationError as exc:
        errors = {f"responsibility_{k}": v for k, v in danish_errors(exc).items()}
    except DomainError as exc:
        message = "Sagen findes ikke" if exc.status == 404 else danish_message(exc)
        errors = {f"responsibility_{exc.field or '_'}": message}
    return _case_page(request, principal, case_id, errors=errors, form=form, status_code=422)


@router.post("/sager/{case_id}/opgaver/{task_id}")
async def submit_task(case_id: IdPath, task_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = dict(await request.form())
    try:
        with request.app.state.runtime.session_factory.begin() as session:
            onboarding.complete_task(
                session,
                task_id=task_id,
                by=principal,
                cpr=str(form.get("cpr") or "") or None,
                note=str(form.get("note") or "")[:5000],
            )
        return RedirectResponse(f"/sager/{case_id}", status_code=303)
    except DomainError as exc:
        errors = {f"task_{task_id}": danish_message(exc)}
    return _case_page(request, principal, case_id, errors=errors, status_code=422)


# R11: family reunification — the handover form again, for family members joining this case.


def _reunification_form(
    request: Request,
    principal: Principal,
    case_id: int,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    received: str = "",
    status_code: int = 200,
) -> Response:
    with request.app.state.runtime.session_factory.begin() as session:
        try:
            anchor = service.get_case(session, case_id=case_id)
        except DomainError:
            return render(request, "not_found.html", 404, what=f"sag {case_id}")
        # The form names the case's person: a read of that case.
        record_page(request, session, purpose=lookups.READ_FAMILY_REUNIFICATION, case_id=case_id)
        return render(
            request,
            "handover_form.html",
            status_code,
            form=form if form is not None else {},
            errors=errors or {},
            received=received,
            anchor=anchor,
            page_heading=f"Familiesammenføring til sag {anchor.case_number}",
            form_action=f"/sager/{case_id}/familiesammenfoering",
            submit_label="Registrér familiesammenføring",
            default_basis=ResidenceBasis.FAMILY_REUNIFICATION_9.value,
            can_list=principal.department in CASE_READERS,
            **_labels(),
        )


@router.get("/sager/{case_id}/familiesammenfoering")
def reunification_form(
    case_id: IdPath, request: Request, modtaget: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    if principal.department not in HANDOVER_SENDERS:
        return no_access_page(request, "registrering af familiesammenføring")
    return _reunification_form(request, principal, case_id, received=modtaget)


@router.post("/sager/{case_id}/familiesammenfoering")
async def submit_reunification(case_id: IdPath, request: Request) -> Response:
    principal = signed_in(request)
    if principal is None:
        return to_login(request)
    form = await request.form()
    errors: dict[str, str] = {}
    if principal.department not in HANDOVER_SENDERS:
        errors["_"] = f"{principal.department.label} kan ikke registrere familiesammenføring"
    else:
        try:
            handover = HandoverIn.model_validate(_handover_data(form))
            with request.app.state.runtime.session_factory.begin() as session:
                case = service.plan_family_reunification(
                    session, anchor_case_id=case_id, handover=handover, by=principal
                )
                new_id, new_number = case.id, case.case_number
            if principal.department in CASE_READERS:
                return RedirectResponse(f"/sager/{new_id}", status_code=303)
            return RedirectResponse(f"/sager/{case_id}/familiesammenfoering?modtaget={new_number}", status_code=303)
        except ValidationError as exc:
            errors = danish_errors(exc)
        except DomainError as exc:
            if exc.status == 404:
                return render(request, "not_found.html", 404, what=f"sag {case_id}")
            errors[exc.field or "_"] = (
                "Der findes allerede en sag for dette personnummer" if exc.status == 409 else danish_message(exc)
            )
    return _reunification_form(request, principal, case_id, form=dict(form), errors=errors, status_code=422)
