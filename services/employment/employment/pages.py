"""Beskæftigelse: the department's front page (more comes with its issue)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from shared.web.forms import render, signed_in, to_login

router = APIRouter(include_in_schema=False)


@router.get("/")
def front_page(request: Request) -> Response:
    if signed_in(request) is None:
        return to_login(request)
    return render(request, "front.html", department="Beskæftigelse")
