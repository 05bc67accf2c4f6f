"""The department's deadlines page ("Frister"): overdue and due soon, with links to the cases."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from reception import lookups
from reception.deadlines import service
from reception.web import FORMS
from shared.auth import Principal
from shared.clock import today
from shared.web.access import record_page
from shared.web.deps import Db
from shared.web.forms import render

router = APIRouter(include_in_schema=False)

# Where each kind of deadline is dealt with.
LINKS = {
    "onboarding_task": "/sager/%d#onboarding-section",
    "contract": "/sager/%d/kontrakt",
    "sanction_hearing": "/sager/%d/forsorgelse#sanktioner",
    "appeal_reconsideration": "/sager/%d/forsorgelse#sanktioner",
    "plan_action": "/sager/%d/plan#indsatser",
    "follow_up": "/sager/%d/civilsamfund",
}
CHOICES = (7, 14, 30, 90)


@router.get("/frister")
def deadlines(
    request: Request,
    session: Db,
    user: Principal = FORMS.reader("fristerne"),
    dage: Annotated[str, Query(max_length=10)] = "7",
) -> Response:
    errors: dict[str, str] = {}
    within = int(dage) if dage.isdigit() and int(dage) <= 365 else None
    if within is None:
        errors["dage"] = "Vælg et antal dage mellem 0 og 365"
    on = today()
    found = service.due(session, department=user.department.value, within_days=within or 7)
    # A list naming cases: logged without a case, with the days shown (the department is the row's own).
    record_page(request, session, purpose=lookups.LIST_DEADLINES, criteria=f"within_days={within or 7}")
    items = [{**d.__dict__, "reference": d.reference, "state": d.state(on)} for d in found]
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
