"""Civil society as Danish pages: volunteers (R8), host families, mentors and starter packages on a case (R7, R9);
the town hall's welcome meetings (R10) are in ``welcome_pages``.

Frivillighedsområdet keeps the volunteers and the starter packages; host-family and mentor agreements are
Frivillighedsområdet's and Jobcentret's (create, follow up, end); case readers read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from reception import lookups
from reception.cases.models import Case
from reception.civil import service, welcome_pages
from reception.civil.models import FollowUpNote
from reception.civil.schemas import (
    BackgroundCheck,
    CheckIn,
    EndReason,
    FollowUpIn,
    MatchEndIn,
    MatchIn,
    MatchKind,
    MatchOut,
    PackageIn,
    PackageOut,
    PackageStatus,
    PackageUpdate,
    VolunteerIn,
    VolunteerOut,
)
from reception.web import FORMS, CaseReader, render_case_page
from shared.auth import Department, Principal
from shared.clock import today
from shared.errors import NotFound
from shared.web.deps import Db, IdPath
from shared.web.forms import render
from shared.web.submit import Action, pick

router = APIRouter(include_in_schema=False)

CHECK_LABELS = {
    BackgroundCheck.PENDING.value: ("warning", "Afventer"),
    BackgroundCheck.APPROVED.value: ("success", "Godkendt"),
    BackgroundCheck.REJECTED.value: ("error", "Afvist"),
}
KIND_LABELS = {MatchKind.HOST_FAMILY.value: "Værtsfamilie", MatchKind.MENTOR.value: "Mentor"}
END_LABELS = {
    EndReason.AS_AGREED.value: "Afsluttet som aftalt",
    EndReason.PERSON_MOVED.value: "Borgeren er flyttet",
    EndReason.VOLUNTEER_STOPPED.value: "Den frivillige er stoppet",
    EndReason.PERSON_DECLINED.value: "Borgeren ønsker ikke at fortsætte",
    EndReason.OTHER.value: "Andet",
}
PACKAGE_LABELS = {
    PackageStatus.REQUESTED.value: ("info", "Anmodet"),
    PackageStatus.COLLECTED.value: ("warning", "Indsamlet"),
    PackageStatus.DELIVERED.value: ("success", "Leveret"),
}
# The one step a starter package may take next, as the button names it.
PACKAGE_NEXT = {
    PackageStatus.REQUESTED.value: (PackageStatus.COLLECTED.value, "Markér som indsamlet"),
    PackageStatus.COLLECTED.value: (PackageStatus.DELIVERED.value, "Markér som leveret"),
}

VOLUNTEER_FIELDS = ("name", "contact", "skills", "languages", "availability")
MATCH_FIELDS = ("volunteer_id", "kind", "content", "purpose", "follow_up_days")
FOLLOW_UP_FIELDS = ("on", "note")
END_FIELDS = ("ended_on", "reason", "note")
FRIVILLIGHED = Department.FRIVILLIGHED
# The volunteers are Frivillighedsområdet's own page.
VOLUNTEERING = FORMS.reader("de frivillige", among=(FRIVILLIGHED,))


# --- Volunteers (R8): Frivillighedsområdet only ---------------------------------------------------------------


def volunteers_page(
    request: Request,
    session: Session,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The volunteers; ``form_for`` names the form the kept input belongs to (register, check-<id>)."""
    rows = [VolunteerOut.model_validate(v) for v in service.volunteers(session)]
    return render(
        request,
        "volunteers.html",
        status_code,
        volunteers=rows,
        errors=errors or {},
        form=form or {},
        form_for=form_for,
        check_labels=CHECK_LABELS,
    )


@router.get("/frivillige")
def volunteers(request: Request, session: Db, _user: Principal = VOLUNTEERING) -> Response:
    return volunteers_page(request, session)


async def _volunteer_submit(
    request: Request,
    session: Session,
    user: Principal,
    *,
    form_for: str,
    action: Action,
    fields: tuple[str, ...],
    prefix: str = "",
    alert: str | None = None,
) -> Response:
    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="de frivillige",
        prefix=prefix,
        action=action,
        rerender=lambda errors, form: volunteers_page(
            request, session, errors=errors, form=form, form_for=form_for, status_code=422
        ),
        fields=fields,
        alert=alert,
    )


@router.post("/frivillige")
async def register_volunteer(request: Request, session: Db, user: Principal = VOLUNTEERING) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        row = service.register_volunteer(db, data=VolunteerIn.model_validate(pick(form, VOLUNTEER_FIELDS)))
        return f"/frivillige#frivillig-{row.id}"

    return await _volunteer_submit(
        request, session, user, form_for="register", action=action, fields=VOLUNTEER_FIELDS, alert="register"
    )


@router.post("/frivillige/{volunteer_id}/straffeattest")
async def set_check(volunteer_id: IdPath, request: Request, session: Db, user: Principal = VOLUNTEERING) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        service.set_check(db, volunteer_id=volunteer_id, data=CheckIn.model_validate(pick(form, ("background_check",))))
        return f"/frivillige#frivillig-{volunteer_id}"

    return await _volunteer_submit(
        request,
        session,
        user,
        form_for=f"check-{volunteer_id}",
        action=action,
        fields=("background_check",),
        prefix=f"v{volunteer_id}_",
    )


# --- Host families, mentors and starter packages on a case (R7, R9) ---------------------------------------------


def civil_page(
    request: Request,
    session: Session,
    principal: Principal,
    case_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    form_for: str = "",
    status_code: int = 200,
) -> Response:
    """The case's agreements and starter packages; ``form_for`` names the form the kept input belongs to."""

    def load(db: Session, case: Case) -> dict[str, Any]:
        matches = [MatchOut.model_validate(m) for m in service.matches_for(db, case_id=case_id)]
        notes: dict[int, list[FollowUpNote]] = defaultdict(list)
        for note in service.follow_ups_for(db, case_id=case_id):
            notes[note.match_id].append(note)
        packages = [PackageOut.model_validate(p) for p in service.packages_for(db, case_id=case_id)]
        people = service.volunteers(db)
        return {
            "matches": matches,
            "notes": notes,
            "packages": packages,
            "volunteer_names": {v.id: v.name for v in people},
            "approved": [(str(v.id), v.name) for v in people if v.background_check == BackgroundCheck.APPROVED.value],
            "errors": errors or {},
            "form": form or {},
            "form_for": form_for,
            "today": today(),
            "can_agree": principal.department in service.AGREEMENT_WRITERS,
            "can_package": principal.department == FRIVILLIGHED,
            "kind_labels": KIND_LABELS,
            "end_labels": END_LABELS,
            "package_labels": PACKAGE_LABELS,
            "package_next": PACKAGE_NEXT,
        }

    return render_case_page(
        request,
        session,
        principal,
        case_id,
        purpose=lookups.READ_CIVIL_SOCIETY,
        template="civil_case.html",
        status_code=status_code,
        load=load,
    )


@router.get("/sager/{case_id}/civilsamfund")
def show_case(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    return civil_page(request, session, user, case_id)


async def _case_submit(
    request: Request,
    session: Session,
    user: Principal,
    case_id: int,
    *,
    form_for: str,
    action: Action,
    fields: tuple[str, ...] = (),
    prefix: str = "",
    alert: str | None = None,
    reshown: Callable[[dict[str, str]], dict[str, str]] | None = None,
    agreement: bool = False,
) -> Response:
    """A form on the case's civil-society page: an agreement's (``agreement``) is Frivillighedsområdet's and
    Jobcentret's to post, a starter package's Frivillighedsområdet's."""

    def rerender(errors: dict[str, str], form: dict[str, str]) -> Response:
        shown = reshown(errors) if reshown else errors
        return civil_page(request, session, user, case_id, errors=shown, form=form, form_for=form_for, status_code=422)

    return await FORMS.submit(
        request,
        session=session,
        principal=user,
        what="registrere her",
        prefix=prefix,
        action=action,
        rerender=rerender,
        fields=fields,
        allowed=service.AGREEMENT_WRITERS if agreement else (FRIVILLIGHED,),
        refused=(
            "Kun Frivillighedsområdet og Jobcentret kan registrere aftaler"
            if agreement
            else "Kun Frivillighedsområdet kan registrere her"
        ),
        alert=alert,
    )


@router.post("/sager/{case_id}/civilsamfund/aftaler")
async def make_match(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        service.match(db, case_id=case_id, data=MatchIn.model_validate(pick(form, MATCH_FIELDS)))
        return f"/sager/{case_id}/civilsamfund#aftaler"

    return await _case_submit(
        request,
        session,
        user,
        case_id,
        form_for="match",
        action=action,
        fields=MATCH_FIELDS,
        alert="match",
        agreement=True,
    )


def _on_case(db: Session, *, case_id: int, match_id: int) -> None:
    if match_id not in {m.id for m in service.matches_for(db, case_id=case_id)}:
        raise NotFound(f"no match {match_id} on case {case_id}", danish="Aftalen findes ikke på sagen")


@router.post("/sager/{case_id}/civilsamfund/aftaler/{match_id}/opfoelgning")
async def follow_up(case_id: IdPath, match_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = FollowUpIn.model_validate(pick(form, FOLLOW_UP_FIELDS))
        _on_case(db, case_id=case_id, match_id=match_id)
        service.follow_up(db, match_id=match_id, data=data, by=by)
        return f"/sager/{case_id}/civilsamfund#aftale-{match_id}"

    return await _case_submit(
        request,
        session,
        user,
        case_id,
        form_for=f"follow-{match_id}",
        action=action,
        fields=FOLLOW_UP_FIELDS,
        prefix=f"m{match_id}_",
        agreement=True,
    )


@router.post("/sager/{case_id}/civilsamfund/aftaler/{match_id}/afslut")
async def end_match(case_id: IdPath, match_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    """R7: the agreement ends on a date for a reason; its follow-ups stop falling due."""

    def action(db: Session, by: Principal, form: dict[str, str]) -> str:
        data = MatchEndIn.model_validate(pick(form, END_FIELDS))
        _on_case(db, case_id=case_id, match_id=match_id)
        service.end_match(db, match_id=match_id, data=data, by=by)
        return f"/sager/{case_id}/civilsamfund#aftale-{match_id}"

    return await _case_submit(
        request,
        session,
        user,
        case_id,
        form_for=f"end-{match_id}",
        action=action,
        fields=END_FIELDS,
        prefix=f"e{match_id}_",
        agreement=True,
    )


@router.post("/sager/{case_id}/civilsamfund/startpakker")
async def request_package(case_id: IdPath, request: Request, session: Db, user: CaseReader) -> Response:
    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        service.request_package(db, case_id=case_id, data=PackageIn.model_validate(pick(form, ("items",))))
        return f"/sager/{case_id}/civilsamfund#startpakker"

    return await _case_submit(
        request, session, user, case_id, form_for="package", action=action, fields=("items",), alert="package"
    )


@router.post("/sager/{case_id}/civilsamfund/startpakker/{package_id}/status")
async def advance_package(
    case_id: IdPath, package_id: IdPath, request: Request, session: Db, user: CaseReader
) -> Response:
    prefix = f"p{package_id}_"

    def action(db: Session, _by: Principal, form: dict[str, str]) -> str:
        data = PackageUpdate.model_validate(pick(form, ("status",)))
        if package_id not in {p.id for p in service.packages_for(db, case_id=case_id)}:
            raise NotFound(f"no package {package_id} on case {case_id}", danish="Startpakken findes ikke på sagen")
        service.advance_package(db, package_id=package_id, status=data.status)
        return f"/sager/{case_id}/civilsamfund#startpakke-{package_id}"

    return await _case_submit(
        request,
        session,
        user,
        case_id,
        form_for="",
        action=action,
        prefix=prefix,
        # The status is a button's hidden field: whatever is wrong is said above the package.
        reshown=lambda errors: {f"{prefix}_": next(iter(errors.values()))},
    )


# The welcome meetings (R10) are pages of their own, served with these.
router.include_router(welcome_pages.router)
