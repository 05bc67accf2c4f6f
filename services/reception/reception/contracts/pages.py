"""The integration contract's Danish page (R4): start, edit with the version read, sign by both, print."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm.exc import StaleDataError

from reception import lookups
from reception.cases import service as cases
from reception.contracts import service
from reception.contracts.schemas import ContractIn, ContractOut, SignIn
from reception.web import danish_message, no_access_page, page_reader
from shared import access
from shared.auth import Department, Principal
from shared.errors import DomainError
from shared.web.deps import IdPath
from shared.web.forms import danish_errors, render, signed_in, to_login

router = APIRouter(include_in_schema=False)

CONTENT_FIELDS = (
    "meeting_date",
    "participants",
    "interpreter",
    "interpreter_language",
    "employment_goal",
    "danish_goal",
    "obligations",
)
STALE = "Kontrakten er ændret af en anden i mellemtiden – genindlæs og prøv igen"
STATUS_LABELS = {"draft": "Kladde – ikke underskrevet af begge", "signed": "Underskrevet af begge"}


def _form_of(contract: ContractOut) -> dict[str, Any]:
    form: dict[str, Any] = {k: getattr(contract, k) or "" for k in CONTENT_FIELDS}
    form["meeting_date"] = contract.meeting_date.isoformat() if contract.meeting_date else ""
    form["declaration_signed"] = "1" if contract.declaration_signed else ""
    form["version"] = str(contract.version)
    return form


def contract_page(
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
            case = cases.get_case(session, case_id=case_id)
        except DomainError:
            return render(request, "not_found.html", 404, what=f"sag {case_id}")
        row = service.for_case(session, case_id=case_id)
        access.record(session, by=principal, purpose=lookups.READ_CONTRACT, case_id=case_id)
        contract = ContractOut.model_validate(row) if row else None
        return render(
            request,
            "contract.html",
            status_code,
            case=case,
            contract=contract,
            status_labels=STATUS_LABELS,
            errors=errors or {},
            form=form if form is not None else (_form_of(contract) if contract else {}),
        )


@router.get("/sager/{case_id}/kontrakt")
def show(case_id: IdPath, request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "sagerne")
    return contract_page(request, principal, case_id)


def _caseworker(principal: Principal) -> None:
    if principal.department != Department.JOBCENTRET:
        raise DomainError("only Jobcentret", danish="Kun Jobcentret kan udarbejde integrationskontrakten")


@router.post("/sager/{case_id}/kontrakt")
def start(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    try:
        _caseworker(principal)
        with request.app.state.runtime.session_factory.begin() as session:
            service.open_contract(session, case_id=case_id, due_days=request.app.state.settings.contract_due_days)
        return RedirectResponse(f"/sager/{case_id}/kontrakt", status_code=303)
    except DomainError as exc:
        errors = {"_": "Sagen findes ikke" if exc.status == 404 else danish_message(exc)}
    return contract_page(request, principal, case_id, errors=errors, status_code=422)


def _for_case(session: Any, case_id: int) -> Any:
    row = service.for_case(session, case_id=case_id)
    if row is None:
        raise DomainError("no contract", danish="Sagen har ingen kontrakt endnu")
    return row


@router.post("/sager/{case_id}/kontrakt/indhold")
async def edit(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        _caseworker(principal)
        data = ContractIn.model_validate(
            {
                **{k: form.get(k, "") for k in CONTENT_FIELDS},
                "version": form.get("version", ""),
                "declaration_signed": bool(form.get("declaration_signed")),
            }
        )
        with request.app.state.runtime.session_factory.begin() as session:
            row = _for_case(session, case_id)
            service.edit(session, contract_id=row.id, data=data)
        return RedirectResponse(f"/sager/{case_id}/kontrakt#kontrakt-status", status_code=303)
    except ValidationError as exc:
        errors = danish_errors(exc)
        if "version" in errors:
            errors = {"_": STALE, **{k: v for k, v in errors.items() if k != "version"}}
    except StaleDataError:
        errors = {"_": STALE}
    except DomainError as exc:
        errors = {exc.field or "_": danish_message(exc)}
    return contract_page(request, principal, case_id, errors=errors, form=form, status_code=422)


@router.post("/sager/{case_id}/kontrakt/underskrift")
async def sign(case_id: IdPath, request: Request) -> Response:
    principal = page_reader(request)
    if principal is None:
        return to_login(request)
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        _caseworker(principal)
        body = SignIn.model_validate({"party": form.get("party", ""), "version": form.get("version", "")})
        with request.app.state.runtime.session_factory.begin() as session:
            row = _for_case(session, case_id)
            service.sign(session, contract_id=row.id, party=body.party, version=body.version, by=principal)
        return RedirectResponse(f"/sager/{case_id}/kontrakt#kontrakt-status", status_code=303)
    except ValidationError:
        errors = {"_": STALE}
    except StaleDataError:
        errors = {"_": STALE}
    except DomainError as exc:
        errors = {"sign": danish_message(exc)}
    return contract_page(request, principal, case_id, errors=errors, status_code=422)
