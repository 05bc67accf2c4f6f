"""Integrationsrådet: the department's front page, linking to each sub-domain's page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from council.web import COUNCIL_READERS, TEAM_READERS
from shared.web.deps import PageUser
from shared.web.forms import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def front_page(request: Request, principal: PageUser) -> Response:
    return render(
        request,
        "front.html",
        department="Integrationsrådet",
        council=principal.department in COUNCIL_READERS,
        team=principal.department in TEAM_READERS,
    )
