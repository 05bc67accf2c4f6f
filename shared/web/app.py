"""The FastAPI app factory every service uses: errors as clear 4xx, body limit, health, admin, login."""

from __future__ import annotations

import html
import logging
import re
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jinja2
from fastapi import APIRouter, FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.bus.broker import check_persistence
from shared.clock import local_time
from shared.errors import DomainError
from shared.law.registry import reference_of
from shared.runtime import ServiceRuntime
from shared.settings import SERVICES, service_url
from shared.web.deps import NoAccess, SignInRequired
from shared.web.forms import dk_kroner, dk_money, render, to_login

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


class BodyLimitMiddleware:
    """Refuse request bodies over the limit with 413, whether announced or streamed.

    ``allowances`` give named paths (regular expressions matched against the whole path) their own
    limit, e.g. an upload route; every other path keeps ``limit``.
    """

    def __init__(self, app: ASGIApp, limit: int, allowances: Mapping[str, int] | None = None) -> None:
        self.app, self.default = app, limit
        self.allowances = [(re.compile(pattern), allowed) for pattern, allowed in (allowances or {}).items()]

    def limit_for(self, path: str) -> int:
        return next((allowed for pattern, allowed in self.allowances if pattern.fullmatch(path)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _too_large(limit, scope)(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _BodyTooLarge:
            await _too_large(limit, scope)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


_TOO_LARGE_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Fejl: For stor</title>
<link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css"></head>
<body><main class="container page-container"><h1>Det, du sendte, er for stort</h1>
<p>Der kan højst sendes {size} ad gangen. Vælg en mindre fil, eller del teksten op.</p>
<p><a class="button button-primary" href="{back}">Tilbage</a></p></main></body></html>"""


def _too_large(limit: int, scope: Scope) -> Response:
    """413: a Danish page for a browser's form post (the form cannot show it), JSON for the API."""
    headers = dict(scope.get("headers") or [])
    if b"text/html" not in headers.get(b"accept", b""):
        return JSONResponse({"detail": f"request body is larger than {limit} bytes"}, 413)
    # Back to the page the form was on: only its path, never another site.
    parts = urlsplit(headers.get(b"referer", b"/").decode("latin-1"))
    back = parts.path + (f"?{parts.query}" if parts.query else "") if parts.path.startswith("/") else "/"
    size = f"{limit / 1_048_576:.0f} MB" if limit >= 1_048_576 else f"{limit // 1024} kB"
    return HTMLResponse(_TOO_LARGE_PAGE.format(size=size, back=html.escape(back, quote=True)), 413)


def dk_date(value: date | datetime | None) -> str:
    """Danish date format: 24.11.2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):  # stored in UTC (naive from SQLite): shown in Copenhagen time
        return local_time(value).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def make_templates(service_templates: Path | None) -> Jinja2Templates:
    loaders: list[jinja2.BaseLoader] = []
    if service_templates is not None:
        loaders.append(jinja2.FileSystemLoader(service_templates))
    loaders.append(jinja2.FileSystemLoader(HERE / "templates"))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True)
    env.filters["dkdate"] = dk_date
    env.filters["kr"] = dk_money
    env.filters["kroner"] = dk_kroner
    env.globals["service_url"] = service_url
    env.globals["services"] = list(SERVICES)
    env.globals["law_reference"] = reference_of
    return Jinja2Templates(env=env)


def _validation_message(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        errors.append({"field": loc, "message": err.get("msg", "invalid"), "type": err.get("type")})
    return errors


def _wants_page(request: Request) -> bool:
    """A browser asks for HTML; API clients (JSON, or no preference) keep JSON answers."""
    return "text/html" in request.headers.get("accept", "")


def create_service_app(
    runtime: ServiceRuntime,
    *,
    title: str,
    routers: Sequence[APIRouter],
    templates_dir: Path | None,
    run_relay: bool = True,
    body_limits: Mapping[str, int] | None = None,
    on_startup: Sequence[Callable[[], object]] = (),
) -> FastAPI:
    """Build a service's FastAPI app around its runtime.

    ``body_limits`` maps path patterns (e.g. an upload route) to a body limit of their own; all other
    paths keep ``max_body_bytes`` from the settings. ``on_startup`` jobs run once as the app starts
    (tidying what a crashed process left); one that fails is logged and does not stop the start.
    """
    from shared.law import pages as law_pages
    from shared.law import routes as law_routes
    from shared.web import admin, pages

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if run_relay:  # an app that sends nothing (in-process tests) has no broker to check
            check_persistence(runtime.settings.broker_url)
        for job in on_startup:
            try:
                job()
            except Exception:
                log.exception("start-up job %s failed; the service starts anyway", getattr(job, "__name__", job))
        if run_relay:
            runtime.relay.start()
        yield
        if run_relay:
            runtime.relay.stop()

    app = FastAPI(title=title, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.settings = runtime.settings
    app.state.templates = make_templates(templates_dir)
    app.add_middleware(BodyLimitMiddleware, limit=runtime.settings.max_body_bytes, allowances=body_limits)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_message(exc)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return JSONResponse({"detail": f"invalid request: {summary}", "errors": errors}, 422)

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(body, exc.status)

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> JSONResponse:
        return JSONResponse({"detail": "the record was changed by someone else; reload and try again"}, 409)

    @app.exception_handler(IntegrityError)
    async def _conflict(_request: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity conflict: %s", type(exc.orig).__name__)
        return JSONResponse({"detail": "conflicts with an existing record"}, status.HTTP_409_CONFLICT)

    @app.exception_handler(OperationalError)
    async def _unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", type(exc.orig).__name__)
        return JSONResponse({"detail": "database temporarily unavailable; try again"}, 503)

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, _exc: SignInRequired) -> Response:
        return to_login(request)

    @app.exception_handler(NoAccess)
    async def _no_access(request: Request, exc: NoAccess) -> Response:
        return render(request, "no_access.html", 403, what=exc.what, hint=exc.hint, link=exc.link)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and _wants_page(request):  # a browser on a path no page has
            return render(request, "not_found.html", 404, what="den side, du bad om")
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        incident = uuid.uuid4().hex[:12]
        log.error("unexpected error %s: %s", incident, type(exc).__name__, exc_info=exc)
        if _wants_page(request):
            return render(request, "error.html", 500, incident=incident)
        return JSONResponse({"detail": f"internal error (incident {incident})"}, 500)

    app.include_router(pages.router)
    app.include_router(admin.router)
    # The deadline calculator: every service answers for every rule of the law.
    app.include_router(law_routes.router)
    app.include_router(law_pages.router)
    for router in routers:
        app.include_router(router)
    return app
