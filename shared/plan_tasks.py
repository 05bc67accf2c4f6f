"""Integration-plan actions other services own (R5): received as events, worked on, reported back.

Reception keeps the plan; an action it gives to housing, education or employment arrives as
``reception.plan_action_assigned``. The owning service keeps its copy here, its staff move it on
(in progress, done) through the API or the Danish page, and each step publishes
``<service>.plan_action_updated`` back to reception — in the same transaction (outbox).
Every owning service mounts the same code, so there is one place for the behaviour; each has its
own table (``plan_tasks``) in its own database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Date, DateTime, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared import access
from shared.auth import Department, Principal, require
from shared.bus.envelope import EventEnvelope
from shared.bus.outbox import publish
from shared.contracts.plans import NEXT_STATUSES, PlanActionStatus, PlanActionUpdated
from shared.contracts.reception import PlanActionAssigned, PlanActionWithdrawn
from shared.db import BigId, utcnow
from shared.errors import Conflict, NotFound
from shared.validation import OptionalShortText
from shared.web.deps import Db, IdPath
from shared.web.forms import danish_errors, render, signed_in, to_login

# The actions name the person's case and what the plan holds for them: each read of the list is logged.
LIST_PLAN_ACTIONS = "list_plan_actions"

STATUS_LABELS = {
    PlanActionStatus.PLANNED.value: ("info", "Planlagt"),
    PlanActionStatus.IN_PROGRESS.value: ("warning", "Igangsat"),
    PlanActionStatus.DONE.value: ("success", "Udført"),
    PlanActionStatus.WITHDRAWN.value: ("error", "Trukket tilbage"),
}


def status_choices() -> dict[str, list[tuple[str, str]]]:
    """For each status, the (value, Danish label) pairs it may move on to: the pages' select options."""
    return {
        s.value: [(n.value, STATUS_LABELS[n.value][1]) for n in PlanActionStatus if n in NEXT_STATUSES[s]]
        for s in PlanActionStatus
    }


class PlanTaskColumns:
    """The columns of a received plan action; each service maps them onto its own ``Base``."""

    __tablename__ = "plan_tasks"

    action_id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    case_id: Mapped[int] = mapped_column(BigId, index=True)
    case_number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=PlanActionStatus.PLANNED.value)
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100), default=None)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class PlanTaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    action_id: int
    case_id: int
    case_number: str
    title: str
    details: str
    due_date: date
    status: PlanActionStatus
    note: str
    updated_by: str | None
    updated_at: datetime | None


class PlanTaskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: PlanActionStatus
    note: OptionalShortText = ""


class WithdrawalBeforeAssignment(LookupError):
    """A withdrawal overtook its assignment on the bus: retried until the assignment is in."""


@dataclass(frozen=True)
class PlanTasks:
    """One service's plan actions: its name, its table, the event it reports with, who works on them."""

    service: str
    model: type[Any]
    updated_event: type[PlanActionUpdated]
    workers: tuple[Department, ...]

    # -- inbound events ---------------------------------------------------------------
    def on_assigned(self, session: Session, event: PlanActionAssigned, _envelope: EventEnvelope) -> None:
        """Keep the action if it is ours; a repeat or an already withdrawn action is left as it is."""
        if event.owner != self.service or session.get(self.model, event.action_id) is not None:
            return
        session.add(
            self.model(
                action_id=event.action_id,
                case_id=event.case_id,
                case_number=event.case_number,
                title=event.title,
                details=event.details,
                due_date=event.due_date,
            )
        )

    def on_withdrawn(self, session: Session, event: PlanActionWithdrawn, _envelope: EventEnvelope) -> None:
        if event.owner != self.service:
            return
        row = session.get(self.model, event.action_id, with_for_update=True)
        if row is None:
            raise WithdrawalBeforeAssignment(f"plan action {event.action_id} not received yet")
        row.status, row.note = PlanActionStatus.WITHDRAWN.value, event.reason
        row.updated_by, row.updated_at = "reception", utcnow()

    @property
    def handlers(self) -> dict[str, Any]:
        return {
            "reception.plan_action_assigned": self.on_assigned,
            "reception.plan_action_withdrawn": self.on_withdrawn,
        }

    # -- use cases ----------------------------------------------------------------------
    def tasks(self, session: Session) -> list[Any]:
        """Every action this service holds: open ones first, soonest due first."""
        rows = session.scalars(select(self.model).order_by(self.model.due_date, self.model.action_id))
        closed = (PlanActionStatus.DONE.value, PlanActionStatus.WITHDRAWN.value)
        return sorted(rows, key=lambda r: r.status in closed)

    def update(self, session: Session, *, action_id: int, data: PlanTaskUpdate, by: Principal) -> Any:
        """Move an action on and tell reception, in one transaction."""
        row = session.get(self.model, action_id, with_for_update=True)
        if row is None:
            raise NotFound(f"plan action {action_id} not found", danish="Indsatsen findes ikke")
        current = PlanActionStatus(row.status)
        if current == PlanActionStatus.WITHDRAWN:
            raise Conflict("the action was withdrawn from the plan", danish="Indsatsen er trukket tilbage fra planen")
        if data.status not in NEXT_STATUSES[current]:
            raise Conflict(
                f"a {current.value} action cannot become {data.status.value}",
                field="status",
                danish=f"En indsats med status {STATUS_LABELS[current.value][1].lower()} kan ikke få den status",
            )
        row.status, row.note = data.status.value, data.note
        row.updated_by, row.updated_at = by.user, utcnow()
        session.flush()
        publish(
            session,
            self.updated_event(case_id=row.case_id, action_id=row.action_id, status=data.status, note=row.note),
            producer=self.service,
        )
        return row

    # -- HTTP ---------------------------------------------------------------------------
    def router(self) -> APIRouter:
        """The JSON API (``/plan-actions``) and the Danish page (``/integrationsplan``)."""
        # A default, not an Annotated alias: this module's annotations are strings resolved at module level.
        worker = Depends(require(*self.workers))
        router = APIRouter(tags=["integrationsplan"])

        @router.get("/plan-actions", response_model=list[PlanTaskOut])
        def list_actions(session: Db, by: Principal = worker) -> Any:
            """R5: the integration-plan actions reception gave this service (persons' plans: access-logged)."""
            access.record(session, by=by, purpose=LIST_PLAN_ACTIONS)
            return self.tasks(session)

        @router.post("/plan-actions/{action_id}/status", response_model=PlanTaskOut)
        def move_on(action_id: IdPath, body: PlanTaskUpdate, session: Db, by: Principal = worker) -> Any:
            """R5: in progress or done, with a note; reception's plan follows."""
            return self.update(session, action_id=action_id, data=body, by=by)

        @router.get("/integrationsplan", include_in_schema=False)
        def page(request: Request) -> Response:
            principal = signed_in(request)
            if principal is None:
                return to_login(request)
            return self._page(request, principal)

        @router.post("/integrationsplan/{action_id}", include_in_schema=False)
        async def submit(action_id: IdPath, request: Request) -> Response:
            principal = signed_in(request)
            if principal is None:
                return to_login(request)
            if principal.department not in self.workers:
                return render(request, "no_access.html", 403, what="integrationsplanens indsatser", principal=principal)
            form = {k: str(v) for k, v in (await request.form()).items()}
            try:
                data = PlanTaskUpdate.model_validate({"status": form.get("status", ""), "note": form.get("note", "")})
                with request.app.state.runtime.session_factory.begin() as session:
                    self.update(session, action_id=action_id, data=data, by=principal)
            except ValidationError as exc:
                errors = {f"a{action_id}_{k}": v for k, v in danish_errors(exc).items()}
                return self._page(request, principal, errors=errors, form=form, form_for=action_id, status_code=422)
            except (Conflict, NotFound) as exc:
                errors = {f"a{action_id}__": exc.danish}
                code = 404 if isinstance(exc, NotFound) else 409
                return self._page(request, principal, errors=errors, form=form, form_for=action_id, status_code=code)
            return RedirectResponse(f"/integrationsplan#indsats-{action_id}", status_code=303)

        return router

    def _page(
        self,
        request: Request,
        principal: Principal,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        form_for: int = 0,
        status_code: int = 200,
    ) -> Response:
        if principal.department not in self.workers:
            return render(request, "no_access.html", 403, what="integrationsplanens indsatser", principal=principal)
        with request.app.state.runtime.session_factory.begin() as session:  # the read is access-logged
            tasks = [PlanTaskOut.model_validate(r) for r in self.tasks(session)]
            access.record(session, by=principal, purpose=LIST_PLAN_ACTIONS)
        return render(
            request,
            "plan_tasks.html",
            status_code,
            tasks=tasks,
            errors=errors or {},
            form=form or {},
            form_for=form_for,
            status_labels=STATUS_LABELS,
            next_statuses=status_choices(),
        )
