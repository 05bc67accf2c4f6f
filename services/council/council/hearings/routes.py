"""Consultation cases and announcements through the API (C1): Jobcentret writes, the council reads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from council.hearings import service
from council.hearings.schemas import (
    AnnouncementIn,
    AnnouncementOut,
    ConsultationIn,
    ConsultationOut,
    PrepareIn,
    ReplyIn,
)
from council.web import CouncilReader, Secretariat
from shared.web.deps import Db, IdPath, ReadDb

router = APIRouter(tags=["sekretær"])


@router.post("/consultations", status_code=status.HTTP_201_CREATED, response_model=ConsultationOut)
def receive(body: ConsultationIn, session: Db, _by: Secretariat) -> ConsultationOut:
    return service.out(service.receive(session, data=body))


@router.get("/consultations", response_model=list[ConsultationOut])
def list_consultations(session: ReadDb, _by: CouncilReader) -> list[ConsultationOut]:
    """Every case by reply deadline; ``overdue`` flags unanswered cases past their deadline."""
    return [service.out(c) for c in service.consultations(session)]


@router.get("/consultations/{consultation_id}", response_model=ConsultationOut)
def get_consultation(consultation_id: IdPath, session: ReadDb, _by: CouncilReader) -> ConsultationOut:
    return service.out(service.get(session, consultation_id))


@router.post("/consultations/{consultation_id}/prepare", response_model=ConsultationOut)
def start_preparation(consultation_id: IdPath, body: PrepareIn, session: Db, _by: Secretariat) -> ConsultationOut:
    return service.out(service.start_preparation(session, consultation_id=consultation_id, data=body))


@router.post("/consultations/{consultation_id}/reply", response_model=ConsultationOut)
def answer(consultation_id: IdPath, body: ReplyIn, session: Db, _by: Secretariat) -> ConsultationOut:
    """The council's reply; after the deadline it is recorded with ``answered_late`` set."""
    return service.out(service.answer(session, consultation_id=consultation_id, data=body))


@router.post("/announcements", status_code=status.HTTP_201_CREATED, response_model=AnnouncementOut)
def announce(body: AnnouncementIn, session: Db, by: Secretariat) -> Any:
    return service.announce(session, data=body, by=by)


@router.get("/announcements", response_model=list[AnnouncementOut])
def list_announcements(session: ReadDb, _by: CouncilReader) -> Any:
    return service.announcements(session)
