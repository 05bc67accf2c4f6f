"""Operations endpoints every service has: health, dead letters (list and replay), outbox backlog."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import redis
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy import text

from shared.auth import Department, Principal, require
from shared.bus import deadletters
from shared.web.deps import IdPath, ReadDb

router = APIRouter(tags=["drift"])
Operator = Annotated[Principal, Depends(require(Department.DRIFT))]


class DeadLetterOut(BaseModel):
    id: int
    consumer: str
    event_id: str
    event_type: str
    error: str
    attempts: int
    failed_at: datetime
    replayed_at: datetime | None


@router.get("/health")
def health(request: Request, session: ReadDb) -> dict[str, Any]:
    """Liveness and readiness: database and broker reachable."""
    settings = request.app.state.settings
    result: dict[str, Any] = {"service": settings.service_name, "database": "ok", "broker": "ok"}
    try:
        session.execute(text("SELECT 1"))
    except Exception as exc:
        result["database"] = f"error: {type(exc).__name__}"
    try:
        client = redis.Redis.from_url(settings.broker_url, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        result["broker"] = f"error: {type(exc).__name__}"
    result["status"] = "ok" if result["database"] == result["broker"] == "ok" else "degraded"
    return result


@router.get("/admin/dead-letters", response_model=list[DeadLetterOut])
def list_dead_letters(session: ReadDb, _op: Operator, include_replayed: bool = False) -> list[Any]:
    return list(deadletters.list_dead_letters(session, include_replayed=include_replayed))


@router.post("/admin/dead-letters/{dead_letter_id}/replay", response_model=DeadLetterOut)
def replay_dead_letter(dead_letter_id: IdPath, request: Request, op: Operator) -> Any:
    runtime = request.app.state.runtime
    try:
        return deadletters.replay(runtime.session_factory, runtime.settings, runtime.celery, dead_letter_id, by=op.user)
    except deadletters.NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    except deadletters.AlreadyReplayedError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/admin/outbox")
def outbox_status(session: ReadDb, _op: Operator) -> dict[str, int]:
    return {"unsent": deadletters.outbox_backlog(session)}
