"""The department's deadlines page ("Frister"): overdue and due soon, with links to the cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from reception import lookups
from reception.deadlines import service
from reception.web import no_access_page, page_reader
from shared.clock import today
from shared.web.access import record_page
from shared.web.forms import render, signed_in, to_login

router = APIRouter(include_in_schema=False)

# Where each kind of deadline is dealt with.
LINKS = {
    "onboarding_task": "/sager/%d#onboarding-section",
    "contract": "/sager/%d/kontrakt",
    "sanction_hearing": "/sager/%d/forsorgelse#sanktioner",
    "plan_action": "/sager/%d/plan#indsatser",
    "follow_up": "/sager/%d/civilsamfund",
}
CHOICES = (7, 14, 30, 90)


@router.get("/frister")
def deadlines(request: Request, dage: Annotated[str, Query(max_length=10)] = "7") -> Response:
    if signed_in(request) is None:
        return to_login(request)
    principal = page_reader(request)
    if principal is None:
        return no_access_page(request, "fristerne")
    errors: dict[str, str] = {}
    within = int(dage) if dage.isdigit() and int(dage) <= 365 else None
    if within is None:
        errors["dage"] = "Vælg et antal dage mellem 0 og 365"
    on = today()
    with request.app.state.runtime.session_factory.begin() as session:
        found = service.due(session, department=principal.department.value, within_days=within or 7)
        # A list naming cases: logged without a case, with the days shown (the department is the row's own).
        record_page(request, session, purpose=lookups.LIST_DEADLINES, criteria=f"within_days={within or 7}")
    items = [{**d.__dict__, "state": d.state(on)} for d in found]
    return render(
        request,
        "deadlines.html",
        422 if errors else 200,
        deadlines=items,
        within_days=within or 7,
        typed=dage,
        choices=CHOICES if within is None or within in CHOICES else (*CHOICES, within),
        errors=errors,
        links=LINKS,
    )
