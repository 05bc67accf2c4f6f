"""The language assessment and the enrolment at a language school (E1), with the §5 deadline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from education.influx import service as influx
from education.intake.models import LanguageAssessment, LanguageEnrolment
from education.intake.schemas import MODULES as MODULES
from education.intake.schemas import AssessmentIn, AssessmentOut, EnrolmentIn, EnrolmentOut
from education.intake.schemas import tracks as tracks
from education.schools.models import LanguageSchool
from shared.auth import Principal
from shared.bus.inbox import NotYetKnown
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.education import LanguageEnrolled
from shared.db import try_insert
from shared.errors import Conflict, Invalid, NotFound
from shared.law import danskuddannelsesloven, integrationsloven
from shared.law.calendar import dk_long
from shared.law.influx import InfluxOrder
from shared.law.influx_case import case_deadline
from shared.law.result import Deadline
from shared.settings import MunicipalDecisions

# The ``name as name`` imports re-export what other sub-domains use: they reach this one through its service only.

SERVICE = "education"
# A start date further ahead than this is a typing error, not a plan.
LATEST_START = timedelta(days=365)


def interim_due(arrival: date) -> tuple[date, str, str]:
    """§ 5, stk. 1 before the responsibility day is known: a month after the expected arrival, said to be interim."""
    law = danskuddannelsesloven.start_due(arrival)
    why = (
        f"Foreløbig frist: reception har endnu ikke meddelt den dag, kommunen overtager ansvaret "
        f"(integrationsloven § 4), som fristen efter danskuddannelsesloven § 5, stk. 1 regnes fra. Indtil da "
        f"regnes den fra den forventede ankomst {dk_long(arrival)}: en måned efter er {dk_long(law.due)}. "
        f"Fristen regnes igen, når dagen for ansvarets overgang kendes."
    )
    return law.due, law.rule, why


def schedule(session: Session, *, case_id: int, case_number: str, arrival: date) -> LanguageAssessment:
    """Put the case on the list to schedule; a repeat keeps the first entry.

    § 5, stk. 1: Danish education can start within a month of the municipality's takeover; until reception
    announces that day (``responsibility_taken_over``), an interim date a month after the expected arrival."""
    row = session.get(LanguageAssessment, case_id)
    if row is None:
        due, rule, why = interim_due(arrival)
        row = LanguageAssessment(case_id=case_id, case_number=case_number, due_date=due, due_rule=rule, due_why=why)
        session.add(row)
        session.flush()
    return row


def start_due(
    *, taken_over_on: date, basis: str, decisions: MunicipalDecisions, orders: Sequence[InfluxOrder]
) -> Deadline:
    """danskuddannelsesloven § 5, stk. 1 from the responsibility day, counted from the end of the suspension when
    integrationsloven § 4 b suspends it (a § 4, stk. 2 takeover; the municipality's decision; the orders known)."""
    return case_deadline(danskuddannelsesloven.start_due, taken_over_on, basis=basis, settings=decisions, orders=orders)


def recompute_suspended_deadlines(session: Session) -> int:
    """The § 4 b orders changed: every case with a known responsibility day gets its § 5 date again (changed
    rows only); returns how many moved."""
    decisions, orders = MunicipalDecisions(), influx.orders_in_force(session)  # once for every case
    moved = 0
    known = select(LanguageAssessment).where(
        LanguageAssessment.responsibility_from.is_not(None), LanguageAssessment.responsibility_basis.is_not(None)
    )
    for row in session.scalars(known):
        assert row.responsibility_from is not None and row.responsibility_basis is not None
        law = start_due(
            taken_over_on=row.responsibility_from, basis=row.responsibility_basis, decisions=decisions, orders=orders
        )
        if (row.due_date, row.due_why) != (law.due, law.explanation):
            session.execute(
                update(LanguageAssessment)
                .where(LanguageAssessment.case_id == row.case_id)
                .values(due_date=law.due, due_rule=law.rule, due_why=law.explanation)
                .execution_options(synchronize_session=False)
            )
            moved += 1
    return moved


def responsibility_taken_over(session: Session, *, case_id: int, taken_over_on: date, basis: str) -> LanguageAssessment:
    """§ 5, stk. 1 counts from the day the municipality takes over responsibility: the deadline a month after it
    (after § 4 b's suspension where it applies), with its rule and why. The day announced again (a corrected
    placement date) moves it; the same day again changes nothing."""
    law = start_due(
        taken_over_on=taken_over_on,
        basis=basis,
        decisions=MunicipalDecisions(),
        orders=influx.orders_in_force(session),
    )
    # A statement of its own, not the ORM: the row's version guards the caseworker's assessment, which
    # the deadline is not part of, so a caseworker with the form open gets no conflict from this.
    moved = session.execute(
        update(LanguageAssessment)
        .where(LanguageAssessment.case_id == case_id)
        .values(
            due_date=law.due,
            due_rule=law.rule,
            due_why=law.explanation,
            responsibility_from=taken_over_on,
            responsibility_basis=basis,
        )
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount == 0:  # type: ignore[attr-defined]  # an UPDATE's result is a CursorResult
        # The case's opening is still on its way (one commit in reception published both): retried.
        raise NotYetKnown(f"case {case_id} is not known to education yet")
    row = session.get(LanguageAssessment, case_id, populate_existing=True)
    assert row is not None
    return row


def pending(session: Session) -> list[LanguageAssessment]:
    return list(session.scalars(select(LanguageAssessment).order_by(LanguageAssessment.due_date)))


def known_case(session: Session, case_id: int, *, for_update: bool = False) -> LanguageAssessment:
    """The case as education knows it (from reception's ``case_opened``), or a 404."""
    row = session.get(LanguageAssessment, case_id, with_for_update=for_update)
    if row is None:
        raise NotFound(f"case {case_id} is not known to education", field="case_id", danish="Sagen kendes ikke")
    return row


def case_numbers(session: Session) -> dict[int, str]:
    """Case id → case number, for the pages (education holds no names)."""
    rows = session.execute(select(LanguageAssessment.case_id, LanguageAssessment.case_number))
    return {row.case_id: row.case_number for row in rows}


def deadline_missed(row: LanguageAssessment, enrolment: LanguageEnrolment | None, *, on: date) -> bool:
    """§5 missed: not enrolled and the deadline has passed, or enrolled to start after it."""
    if enrolment is None:
        return on > row.due_date
    return enrolment.start_date > row.due_date


def out(session: Session, row: LanguageAssessment) -> AssessmentOut:
    enrolment = session.get(LanguageEnrolment, row.case_id)
    return AssessmentOut(
        case_id=row.case_id,
        case_number=row.case_number,
        due_date=row.due_date,
        due_rule=row.due_rule,
        due_why=row.due_why,
        due_interim=row.responsibility_from is None,
        responsibility_from=row.responsibility_from,
        status=row.status,
        deadline_missed=deadline_missed(row, enrolment, on=today()),
        assessed_on=row.assessed_on,
        assessed_by=row.assessed_by,
        track=row.track,
        start_module=row.start_module,
        notes=row.notes,
        version=row.version,
        enrolment=EnrolmentOut.model_validate(enrolment) if enrolment is not None else None,
    )


def overview(session: Session) -> list[AssessmentOut]:
    """Every case with its assessment, enrolment and deadline, the earliest deadline first."""
    return [out(session, r) for r in pending(session)]


def record_assessment(session: Session, *, case_id: int, data: AssessmentIn) -> LanguageAssessment:
    """Record (or correct) the assessment: date, assessor, track and start module; a stale version is a 409."""
    row = known_case(session, case_id, for_update=True)
    if row.version != data.version:
        raise Conflict(
            f"the assessment of case {case_id} was changed by someone else (version {row.version})",
            danish="Sprogvurderingen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    if data.assessed_on > today():
        raise Invalid(
            "assessed_on must not be in the future", field="assessed_on", danish="Datoen må ikke ligge i fremtiden"
        )
    row.assessed_on, row.assessed_by = data.assessed_on, data.assessed_by
    row.track, row.start_module, row.notes = data.track.value, data.start_module, data.notes
    if row.status == "to_schedule":
        row.status = "assessed"
    session.flush()
    return row


def enrol(session: Session, *, case_id: int, data: EnrolmentIn, by: Principal) -> LanguageEnrolment:
    """Enrol the case at a language school with its placement; publishes ``education.language_enrolled``."""
    row = known_case(session, case_id, for_update=True)
    if session.get(LanguageSchool, data.school_id) is None:
        raise NotFound(
            f"no language school with id {data.school_id}", field="school_id", danish="Sprogskolen findes ikke"
        )
    if row.assessed_on is None:
        raise Conflict(
            f"case {case_id} has no language assessment yet: record it first",
            danish="Registrér sprogvurderingen, før borgeren tilmeldes sprogskolen",
        )
    if data.start_date < row.assessed_on or data.start_date > today() + LATEST_START:
        raise Invalid(
            "start_date must be between the assessment date and a year from today",
            field="start_date",
            danish="Startdatoen skal ligge mellem vurderingsdatoen og et år frem",
        )
    enrolment = LanguageEnrolment(
        case_id=case_id,
        school_id=data.school_id,
        track=data.track.value,
        module=data.module,
        start_date=data.start_date,
        enrolled_by=by.user,
    )
    right = integrationsloven.danish_right_expires(data.start_date)
    enrolment.right_expires_on, enrolment.right_rule, enrolment.right_why = right.due, right.rule, right.explanation
    if not try_insert(session, enrolment):
        raise Conflict(f"case {case_id} is enrolled already", danish="Borgeren er allerede tilmeldt en sprogskole")
    row.status = "enrolled"
    session.flush()
    publish(
        session,
        LanguageEnrolled(
            case_id=case_id,
            school_id=data.school_id,
            track=enrolment.track,
            module=enrolment.module,
            start_date=enrolment.start_date,
        ),
        producer=SERVICE,
    )
    return enrolment


def case_id_from_form(text: str) -> int:
    """The case chosen on a page form (a select of known cases); anything else names the field."""
    if re.fullmatch(r"[0-9]{1,18}", text) is None:
        raise Invalid(f"choose a case, not {text[:20]!r}", field="case_id", danish="Vælg en sag")
    return int(text)
