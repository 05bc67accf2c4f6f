"""Use cases for the council's activities and the municipality's coordination tasks (C2)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from council.activities.models import Activity, CoordinationTask
from council.activities.schemas import ActivityIn, ActivityOut, ActivityStatusIn, TaskIn, TaskOut, TaskUpdate
from council.dates import plausible
from shared import clock
from shared.errors import Conflict, Invalid, NotFound

_STALE = "Oplysningerne er ændret af en anden i mellemtiden – genindlæs og prøv igen"


def plan(session: Session, *, data: ActivityIn) -> Activity:
    plausible(data.activity_date, field="activity_date")
    row = Activity(
        title=data.title,
        activity_date=data.activity_date,
        place=data.place,
        responsible=data.responsible,
        description=data.description,
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, activity_id: int, *, for_update: bool = False) -> Activity:
    row = session.get(Activity, activity_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no activity with id {activity_id}", danish="Aktiviteten findes ikke")
    return row


def activities(session: Session) -> list[Activity]:
    return list(session.scalars(select(Activity).order_by(Activity.activity_date.desc(), Activity.id.desc())))


def tasks(session: Session, activity_id: int) -> list[CoordinationTask]:
    return list(
        session.scalars(
            select(CoordinationTask).where(CoordinationTask.activity_id == activity_id).order_by(CoordinationTask.id)
        )
    )


def out(session: Session, row: Activity) -> ActivityOut:
    task_list = [TaskOut.model_validate(t) for t in tasks(session, row.id)]
    return ActivityOut(
        id=row.id,
        title=row.title,
        activity_date=row.activity_date,
        place=row.place,
        responsible=row.responsible,
        description=row.description,
        status=row.status,
        version=row.version,
        tasks=task_list,
        open_tasks=sum(1 for t in task_list if not t.done),
    )


def set_status(session: Session, *, activity_id: int, data: ActivityStatusIn) -> Activity:
    """planned → held (on or after its date) or cancelled; held and cancelled are final."""
    row = get(session, activity_id, for_update=True)
    if row.version != data.version:
        raise Conflict(f"activity {activity_id} was changed by someone else (version {row.version})", danish=_STALE)
    if row.status != "planned":
        raise Conflict(
            f"activity {activity_id} is {row.status} already", danish="Aktiviteten er allerede afholdt eller aflyst"
        )
    if data.status == "planned":
        raise Invalid("the activity is planned already", field="status", danish="Aktiviteten er allerede planlagt")
    if data.status == "held" and row.activity_date > clock.today():
        raise Invalid(
            "an activity cannot be held before its date", field="status", danish="Aktiviteten er ikke afholdt endnu"
        )
    row.status = data.status.value
    session.flush()
    return row


def add_task(session: Session, *, activity_id: int, data: TaskIn) -> CoordinationTask:
    """A coordination task for a planned or held activity (not a cancelled one)."""
    activity = get(session, activity_id)
    if activity.status == "cancelled":
        raise Conflict(f"activity {activity_id} is cancelled", danish="Aktiviteten er aflyst")
    row = CoordinationTask(activity_id=activity_id, text=data.text, owner=data.owner)
    session.add(row)
    session.flush()
    return row


def update_task(session: Session, *, task_id: int, data: TaskUpdate) -> CoordinationTask:
    row = session.get(CoordinationTask, task_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no coordination task with id {task_id}", danish="Opgaven findes ikke")
    if row.version != data.version:
        raise Conflict(f"task {task_id} was changed by someone else (version {row.version})", danish=_STALE)
    row.done = data.done
    session.flush()
    return row
