"""Beskæftigelse: the department's front page (more comes with its issue)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from shared.web.deps import PageUser
from shared.web.forms import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def front_page(request: Request, _user: PageUser) -> Response:
    return render(request, "front.html", department="Beskæftigelse")
