"""The integration contract through the API, and its printable Danish version (R4)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import Response

from reception import lookups
from reception.cases import service as cases
from reception.contracts import service
from reception.contracts.schemas import ContractIn, ContractOut, RevisionIn, SignIn
from reception.web import Caseworker, Reader
from shared import access
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(tags=["integrationskontrakt"])


@router.post("/cases/{case_id}/contract", status_code=status.HTTP_201_CREATED, response_model=ContractOut)
def open_contract(case_id: IdPath, request: Request, session: Db, _by: Caseworker) -> Any:
    """Start the contract; it is due a configurable time after the handover (default one month)."""
    return service.open_contract(session, case_id=case_id, due_days=request.app.state.settings.contract_due_days)


@router.get("/contracts/{contract_id}", response_model=ContractOut)
def get_contract(contract_id: IdPath, session: Db, by: Reader) -> Any:
    """One case's contract (access-logged under its case)."""
    contract = service.get_contract(session, contract_id=contract_id)
    access.record(session, by=by, purpose=lookups.READ_CONTRACT, case_id=contract.case_id)
    return contract


@router.put("/contracts/{contract_id}", response_model=ContractOut)
def edit_contract(contract_id: IdPath, body: ContractIn, session: Db, _by: Caseworker) -> Any:
    """Save the content; send the version you read — a stale one is a 409, never a silent overwrite."""
    return service.edit(session, contract_id=contract_id, data=body)


@router.post("/contracts/{contract_id}/sign", response_model=ContractOut)
def sign_contract(contract_id: IdPath, body: SignIn, session: Db, by: Caseworker) -> Any:
    """Record the caseworker's or the citizen's signature (taken at the meeting)."""
    return service.sign(session, contract_id=contract_id, party=body.party, version=body.version, by=by)


@router.post("/contracts/{contract_id}/revisions", status_code=status.HTTP_201_CREATED, response_model=ContractOut)
def revise_contract(contract_id: IdPath, body: RevisionIn, session: Db, by: Caseworker) -> Any:
    """Revise a signed contract at a follow-up: the signed version is kept (``revisions``) and a new version
    starts from its text, to be edited and signed by both again. Send the version you read."""
    return service.revise(session, contract_id=contract_id, data=body, by=by)


@router.get("/contracts/{contract_id}/print", include_in_schema=False)
def print_contract(contract_id: IdPath, request: Request, session: Db, by: Reader) -> Response:
    """A printable Danish version of the contract."""
    contract = service.get_contract(session, contract_id=contract_id)
    case = cases.get_case(session, case_id=contract.case_id)
    access.record(session, by=by, purpose=lookups.PRINT_CONTRACT, case_id=case.id)
    return render(request, "contract_print.html", contract=contract, case=case)
