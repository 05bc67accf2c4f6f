"""Helpers for council tests: who is who, dates, posting as the secretariat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's

JC = Department.JOBCENTRET
IR = Department.INTEGRATIONSRAADET
TODAY = copenhagen_today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def post(app: Any, path: str, body: dict[str, Any], *, status: int = 201, dept: Department = JC) -> dict[str, Any]:
    resp = app.client.post(path, json=body, headers=app.as_(dept))
    assert resp.status_code == status, (path, resp.status_code, resp.text)
    return dict(resp.json())


def put(app: Any, path: str, body: dict[str, Any], *, status: int = 200) -> Any:
    resp = app.client.put(path, json=body, headers=app.as_(JC))
    assert resp.status_code == status, (path, resp.status_code, resp.text)
    return resp.json()


def get(app: Any, path: str, *, dept: Department = JC, status: int = 200) -> Any:
    resp = app.client.get(path, headers=app.as_(dept))
    assert resp.status_code == status, (path, resp.status_code, resp.text)
    return resp.json()


def meeting(app: Any, *, offset: int = -1, items: int = 2) -> dict[str, Any]:
    m = post(app, "/meetings", {"meeting_date": day(offset), "place": "Rødovre Rådhus, mødelokale 2"})
    for n in range(items):
        post(app, f"/meetings/{m['id']}/items", {"title": f"Punkt {n + 1}", "kind": "decision"})
    return dict(get(app, f"/meetings/{m['id']}"))
