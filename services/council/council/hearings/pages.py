"""C1 Sekretær on Danish pages: høringssager (received → under udarbejdelse → besvaret) and meddelelser."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from council.hearings import service
from council.hearings.schemas import STATUS_LABELS, AnnouncementIn, ConsultationIn, PrepareIn, ReplyIn
from council.web import Rerender, blank_to_none, reader, submit
from shared.auth import Principal
from shared.web.deps import Db, IdPath
from shared.web.forms import render

router = APIRouter(include_in_schema=False)
PAGE = "/hoeringer"
WHAT = "høringssager og meddelelser"
LABELS = {
    "hearing_title": "Titel",
    "hearing_from_body": "Fra udvalg eller afdeling",
    "hearing_received_on": "Modtaget",
    "hearing_reply_due": "Svarfrist",
    "news_title": "Overskrift",
    "news_text": "Tekst",
    "news_published_on": "Offentliggjort",
}
HEARING_FIELDS = ("title", "from_body", "received_on", "reply_due")


def _page(
    request: Request, session: Session, *, errors: dict[str, str], form: dict[str, str], status_code: int = 200
) -> Response:
    cases = [service.out(c) for c in service.consultations(session)]
    news = service.announcements(session)
    return render(
        request,
        "hearings.html",
        status_code,
        errors=errors,
        form=form,
        labels=LABELS,
        cases=cases,
        news=news,
        statuses={s.value: label for s, label in STATUS_LABELS.items()},
    )


def _rerender(request: Request, session: Session) -> Rerender:
    return lambda errors, form: _page(request, session, errors=errors, form=form, status_code=422)


@router.get(PAGE)
def hearings_page(request: Request, session: Db, principal: Principal = reader(WHAT)) -> Response:
    return _page(request, session, errors={}, form={})


@router.post(PAGE)
async def receive(request: Request, session: Db, user: Principal = reader("registrere høringssager")) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        row = service.receive(session, data=ConsultationIn.model_validate({k: form.get(k, "") for k in HEARING_FIELDS}))
        return f"{PAGE}#hearing-{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="registrere høringssager",
        prefix="hearing_",
        action=action,
        rerender=_rerender(request, session),
        fields=HEARING_FIELDS,
    )


@router.post(f"{PAGE}/{{consultation_id}}/udarbejdelse")
async def start_preparation(
    consultation_id: IdPath, request: Request, session: Db, user: Principal = reader("behandle høringssager")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = PrepareIn.model_validate({"version": form.get("version", "")})
        service.start_preparation(session, consultation_id=consultation_id, data=data)
        return f"{PAGE}#hearing-{consultation_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="behandle høringssager",
        prefix=f"h{consultation_id}_",
        action=action,
        rerender=_rerender(request, session),
    )


@router.post(f"{PAGE}/{{consultation_id}}/svar")
async def answer(
    consultation_id: IdPath, request: Request, session: Db, user: Principal = reader("besvare høringssager")
) -> Response:
    def action(session: Session, _by: Principal, form: dict[str, str]) -> str:
        data = ReplyIn.model_validate({k: form.get(k, "") for k in ("reply", "version")})
        service.answer(session, consultation_id=consultation_id, data=data)
        return f"{PAGE}#hearing-{consultation_id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="besvare høringssager",
        prefix=f"h{consultation_id}_",
        action=action,
        rerender=_rerender(request, session),
        fields=("reply",),
    )


@router.post(f"{PAGE}/meddelelser")
async def announce(request: Request, session: Db, user: Principal = reader("skrive meddelelser")) -> Response:
    def action(session: Session, by: Principal, form: dict[str, str]) -> str:
        data = blank_to_none({k: form.get(k, "") for k in ("title", "text", "published_on")}, "published_on")
        row = service.announce(session, data=AnnouncementIn.model_validate(data), by=by)
        return f"{PAGE}#news-{row.id}"

    return await submit(
        request,
        session=session,
        principal=user,
        what="skrive meddelelser",
        prefix="news_",
        action=action,
        rerender=_rerender(request, session),
        fields=("title", "text", "published_on"),
    )
