"""Use cases for Virksomhedspraktik (B5): companies, outreach, internships (one at a time per person)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from employment.intake import service as intake
from employment.internships.models import Company, Internship, Outreach
from employment.internships.schemas import CompanyIn, InternshipIn, InternshipUpdate, OutreachIn
from shared.auth import Principal
from shared.clock import today
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound

# An internship is planned at most two years ahead and lasts at most a year.
FURTHEST_START = timedelta(days=731)
LONGEST = timedelta(days=366)


def add_company(session: Session, *, data: CompanyIn) -> Company:
    row = Company(name=data.name, cvr=data.cvr, contact=data.contact)
    if not try_insert(session, row):
        raise Conflict(
            f"a company with CVR {data.cvr} exists already",
            field="cvr",
            danish="Der findes allerede en virksomhed med dette CVR-nummer",
        )
    return row


def companies(session: Session) -> list[Company]:
    return list(session.scalars(select(Company).order_by(Company.name, Company.id)))


def get_company(session: Session, company_id: int, *, field: str | None = None) -> Company:
    row = session.get(Company, company_id)
    if row is None:
        raise NotFound(f"no company with id {company_id}", field=field, danish="Virksomheden findes ikke")
    return row


def log_outreach(session: Session, *, company_id: int, data: OutreachIn, by: Principal) -> Outreach:
    get_company(session, company_id)
    if data.contacted_on > today():
        raise Invalid(
            "contacted_on must not be in the future", field="contacted_on", danish="Datoen må ikke ligge i fremtiden"
        )
    row = Outreach(company_id=company_id, contacted_on=data.contacted_on, by=by.user, outcome=data.outcome)
    session.add(row)
    session.flush()
    return row


def outreach(session: Session, *, company_id: int) -> list[Outreach]:
    get_company(session, company_id)
    return list(
        session.scalars(
            select(Outreach)
            .where(Outreach.company_id == company_id)
            .order_by(Outreach.contacted_on.desc(), Outreach.id)
        )
    )


def _check_period(start: date, end: date) -> None:
    if end - start > LONGEST:
        raise Invalid("an internship lasts at most a year", field="end_date", danish="En praktik varer højst et år")


def _overlapping(session: Session, *, case_id: int, start: date, end: date, other_than: int | None = None) -> None:
    clash = session.scalar(
        select(Internship.id).where(
            Internship.case_id == case_id,
            Internship.status != "cancelled",
            Internship.start_date <= end,
            Internship.end_date >= start,
            Internship.id != (other_than or 0),
        )
    )
    if clash is not None:
        raise Conflict(
            f"the person has an internship in that period already ({clash})",
            field="start_date",
            danish="Borgeren er allerede i praktik i den periode",
        )


def create_internship(session: Session, *, case_id: int, data: InternshipIn, by: Principal) -> Internship:
    intake.known_case(session, case_id)
    get_company(session, data.company_id, field="company_id")
    if abs(data.start_date - today()) > FURTHEST_START:
        raise Invalid(
            "start_date must be within two years of today",
            field="start_date",
            danish="Startdatoen skal ligge inden for to år fra i dag",
        )
    _check_period(data.start_date, data.end_date)
    _overlapping(session, case_id=case_id, start=data.start_date, end=data.end_date)
    row = Internship(
        case_id=case_id,
        company_id=data.company_id,
        kind=data.kind.value,
        start_date=data.start_date,
        end_date=data.end_date,
        hours_per_week=data.hours_per_week,
        created_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def get_internship(session: Session, internship_id: int, *, for_update: bool = False) -> Internship:
    row = session.get(Internship, internship_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"no internship with id {internship_id}", danish="Praktikken findes ikke")
    return row


def update_internship(session: Session, *, internship_id: int, data: InternshipUpdate) -> Internship:
    """Status, end date or hours; a stale ``version`` is a 409."""
    row = get_internship(session, internship_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"internship {internship_id} was changed by someone else (version {row.version})",
            danish="Praktikken er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if data.end_date is not None:
        if data.end_date < row.start_date:
            raise Invalid(
                "end_date must not be before the start date",
                field="end_date",
                danish="Slutdatoen ligger før startdatoen",
            )
        _check_period(row.start_date, data.end_date)
        row.end_date = data.end_date
    if data.hours_per_week is not None:
        row.hours_per_week = data.hours_per_week
    if data.status is not None:
        row.status = data.status.value
    if row.status != "cancelled":
        _overlapping(session, case_id=row.case_id, start=row.start_date, end=row.end_date, other_than=row.id)
    session.flush()
    return row


def for_case(session: Session, *, case_id: int) -> list[Internship]:
    intake.known_case(session, case_id)
    return list(
        session.scalars(select(Internship).where(Internship.case_id == case_id).order_by(Internship.start_date))
    )


def recent(session: Session, *, limit: int = 200) -> list[Internship]:
    return list(session.scalars(select(Internship).order_by(Internship.start_date.desc()).limit(limit)))
