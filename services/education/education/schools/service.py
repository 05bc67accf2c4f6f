"""Use cases for the language schools and the cooperation with each (E2)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from education.schools.models import LanguageSchool
from education.schools.schemas import SchoolIn
from shared.auth import Principal
from shared.db import try_insert
from shared.errors import Conflict, NotFound


def add_school(session: Session, *, data: SchoolIn, by: Principal) -> LanguageSchool:
    row = LanguageSchool(name=data.name, address=data.address, contact=data.contact, created_by=by.user)
    if not try_insert(session, row):
        raise Conflict(
            f"a language school named {data.name!r} exists already",
            field="name",
            danish="Der findes allerede en sprogskole med dette navn",
        )
    return row


def schools(session: Session) -> list[LanguageSchool]:
    return list(session.scalars(select(LanguageSchool).order_by(LanguageSchool.name)))


def get_school(session: Session, school_id: int) -> LanguageSchool:
    row = session.get(LanguageSchool, school_id)
    if row is None:
        raise NotFound(f"no language school with id {school_id}", danish="Sprogskolen findes ikke")
    return row
