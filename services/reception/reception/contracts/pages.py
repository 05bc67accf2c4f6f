"""The integration contract's Danish page (R4): start, edit with the version read, sign by both, print."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases import service as cases
from reception.contracts import service
from reception.contracts.models import IntegrationContract
from reception.contracts.schemas import ContractIn, ContractOut, RevisionIn, SignIn
from reception.web import FORMS, JC, CaseReader
from shared import access
from shared.auth import Principal
from shared.errors import DomainError
from shared.web.deps import Db, IdPath
from shared.web.forms import render
from shared.web.submit import Action, pick

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
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
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
def show(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return contract_page(request, session, user, case_id)


def _for_case(session: Session, case_id: int) -> IntegrationContract:
    row = service.for_case(session, case_id=case_id)
    if row is None:
        raise DomainError("no contract", danish="Sagen har ingen kontrakt endnu")
    return row


def _sign_errors(errors: dict[str, str]) -> dict[str, str]:
    """A garbled form (the party pressed, the version read) asks to reload, like an outdated one."""
    return {"_": STALE} if any(k not in ("_", "sign") for k in errors) else errors


async def _submit(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    *,
    action: Action,
    fields: tuple[str, ...] = (),
    keep_form: bool = True,
    alert: str | None = None,
    adjust: Callable[[dict[str, str]], dict[str, str]] | None = None,
) -> Response:
    """A contract form, Jobcentret's to post; the page again keeps what was typed when ``keep_form``."""

    def rerender(errors: dict[str, str], form: dict[str, str]) -> Response:
        shown = adjust(errors) if adjust else errors
        kept = form if keep_form else None
        return contract_page(request, session, user, case_id, errors=shown, form=kept, status_code=422)

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="udarbejde integrationskontrakten",
        prefix="",
        action=action,
        rerender=rerender,
        fields=fields,
        allowed=(JC,),
        alert=alert,
        stale=STALE,
    )


@router.post("/sager/{case_id}/kontrakt")
async def start(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    due_days = request.app.state.settings.contract_due_days

    def action(db: Session, _by: Principal, _form: dict[str, str]) -> str:
        service.open_contract(db, case_id=case_id, due_days=due_days)
        return f"/sager/{case_id}/kontrakt"

    return await _submit(request, session, user, case_id, action=action, keep_form=False)


@router.post("/sager/{case_id}/kontrakt/indhold")
async def edit(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        data = ContractIn.model_validate(
            {
                **pick(form, CONTENT_FIELDS),
                "version": form.get("version", ""),
                "declaration_signed": bool(form.get("declaration_signed")),
            }
        )
        service.edit(db, contract_id=_for_case(db, case_id).id, data=data)
        return f"/sager/{case_id}/kontrakt#kontrakt-status"

    return await _submit(request, session, user, case_id, action=action, fields=(*CONTENT_FIELDS, "declaration_signed"))


@router.post("/sager/{case_id}/kontrakt/underskrift")
async def sign(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        body = SignIn.model_validate(pick(form, ("party", "version")))
        service.sign(db, contract_id=_for_case(db, case_id).id, party=body.party, version=body.version, by=by)
        return f"/sager/{case_id}/kontrakt#kontrakt-status"

    return await _submit(
        request, session, user, case_id, action=action, keep_form=False, alert="sign", adjust=_sign_errors
    )


@router.post("/sager/{case_id}/kontrakt/revision")
async def revise(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """Revise the signed contract at a follow-up: a new version to be signed by both again."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        body = RevisionIn.model_validate(pick(form, ("version", "follow_up_on", "reason")))
        service.revise(db, contract_id=_for_case(db, case_id).id, data=body, by=by)
        return f"/sager/{case_id}/kontrakt#kontrakt-status"

    return await _submit(request, session, user, case_id, action=action, fields=("follow_up_on", "reason"))
