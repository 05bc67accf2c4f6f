"""The sanction workflow (R3, aktivloven §§ 35–36): written guidance as dated records, a proposal whose
breaches are dated day by day, hearing (partshøring), decision with reasons, legal basis and appeal
guidance, the deduction a payment run takes line by line, and the appeal with the municipality's
reconsideration (genvurdering, retssikkerhedsloven §§ 66–67).

Every legal date is computed by ``shared.law`` and stored with its rule and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception.benefits.models import DutyGuidance, Sanction, SanctionAppeal, SanctionLine
from reception.benefits.schemas import (
    DUTY_LABELS,
    AppealIn,
    Decision,
    Duty,
    GuidanceIn,
    Reconsideration,
    SanctionIn,
)
from reception.cases.service import get_case
from shared.auth import Principal
from shared.bus.outbox import publish
from shared.clock import today
from shared.contracts.reception import AppealReconsidered, SanctionAppealed, SanctionDecided
from shared.errors import Conflict, Invalid, NotFound
from shared.law import aktivloven, forvaltningsloven, retssikkerhedsloven
from shared.law.calendar import last_day_of_month
from shared.law.retssikkerhedsloven import Delivery

SERVICE = "reception"
CENT = Decimal("0.01")
MUNICIPALITY = "Rødovre Kommune"
# Aktivloven § 36: an hour of unexcused absence is deducted at the monthly benefit's hourly rate, the month
# taken as 37 hours a week over 52 weeks / 12 = 160.33 hours.
HOURS_PER_MONTH = Decimal(37 * 52) / Decimal(12)
DEDUCTIBLE = "open"


def hourly_deduction(monthly_amount: Decimal, hours: int) -> Decimal:
    """aktivloven § 36: the deduction for ``hours`` hours of absence from a monthly benefit."""
    return (monthly_amount / HOURS_PER_MONTH * hours).quantize(CENT, ROUND_HALF_UP)


# --- written guidance (aktivloven § 35, stk. 1) ---------------------------------------------------------


def record_guidance(session: Session, *, case_id: int, data: GuidanceIn, by: Principal) -> DutyGuidance:
    """Record that the person was guided in writing about a duty: which, on what day, how, by whom."""
    get_case(session, case_id=case_id)
    if data.given_on > today():
        raise Invalid("given_on cannot be in the future", field="given_on", danish="Datoen ligger i fremtiden")
    row = DutyGuidance(
        case_id=case_id,
        duty=data.duty.value,
        given_on=data.given_on,
        how=data.how.value,
        given_by=data.given_by,
        department=by.department.value,
        note=data.note,
        recorded_by=by.user,
    )
    session.add(row)
    session.flush()
    return row


def guidance_for(session: Session, *, case_id: int) -> list[DutyGuidance]:
    query = select(DutyGuidance).where(DutyGuidance.case_id == case_id)
    return list(session.scalars(query.order_by(DutyGuidance.given_on, DutyGuidance.id)))


def guidance_before(session: Session, *, case_id: int, duty: str, day: date) -> date | None:
    """The latest written guidance about ``duty`` given before ``day``, or None.

    The guidance day itself does not count: aktivloven § 35, stk. 1 makes guidance a condition for the
    deduction, and a breach on the day of the guidance may have come before it that day (the hour of the
    guidance is not recorded). Counting only breaches after the guidance day is the citizen's side."""
    return session.scalar(
        select(DutyGuidance.given_on)
        .where(DutyGuidance.case_id == case_id, DutyGuidance.duty == duty, DutyGuidance.given_on < day)
        .order_by(DutyGuidance.given_on.desc())
        .limit(1)
    )


# --- the proposal: each breach on its own day ------------------------------------------------------------


def _line(breach_on: date, hours: int | None, amount: Decimal, guidance_on: date | None, on: date) -> SanctionLine:
    deadline = aktivloven.deduction_deadline(breach_on)
    if guidance_on is None:
        status = "before_guidance"
    elif deadline.due < on:
        status = "lapsed"
    else:
        status = DEDUCTIBLE
    return SanctionLine(
        breach_on=breach_on,
        hours=hours,
        amount=amount if guidance_on is not None else Decimal("0.00"),
        guidance_on=guidance_on,
        deduction_deadline=deadline.due,
        deduction_deadline_rule=deadline.rule,
        deduction_deadline_why=deadline.explanation,
        status=status,
    )


def _new_sanction(
    session: Session,
    *,
    case_id: int,
    reason: str,
    duty: str,
    lines: list[SanctionLine],
    by: Principal,
    source_event_id: str | None,
) -> Sanction:
    deductible = [line for line in lines if line.status == DEDUCTIBLE]
    first = deductible[0]
    row = Sanction(
        case_id=case_id,
        reason=reason,
        duty=duty,
        breach_date=first.breach_on,
        guidance_given_on=first.guidance_on,
        amount=sum((line.amount for line in deductible), Decimal("0.00")),
        proposed_by=by.user,
        source_event_id=source_event_id,
    )
    row.lines = lines
    session.add(row)
    session.flush()
    return row


def propose_from_absence(
    session: Session,
    *,
    case_id: int,
    days: Sequence[tuple[date, int]],
    monthly_amount: Decimal,
    reason: str,
    by: Principal,
    source_event_id: str,
) -> Sanction | None:
    """A proposal from an absence list: one line per day of unexcused absence. Hours on or before the day of
    the written guidance about attending Danish education are never deducted (aktivloven § 35, stk. 1), a
    day whose 3-month window has closed lapses (§ 35, stk. 3). None when no line can be deducted."""
    on = today()
    lines = [
        _line(
            day,
            hours,
            hourly_deduction(monthly_amount, hours),
            guidance_before(session, case_id=case_id, duty=Duty.DANISH_EDUCATION.value, day=day),
            on,
        )
        for day, hours in sorted(days)
    ]
    if not any(line.status == DEDUCTIBLE for line in lines):
        return None
    return _new_sanction(
        session,
        case_id=case_id,
        reason=reason,
        duty=Duty.DANISH_EDUCATION.value,
        lines=lines,
        by=by,
        source_event_id=source_event_id,
    )


def propose_sanction(session: Session, *, case_id: int, data: SanctionIn, by: Principal) -> Sanction:
    """Propose a sanction for one breach of a duty the person was guided about in writing beforehand."""
    get_case(session, case_id=case_id)
    on = today()
    if data.breach_date > on:
        raise Invalid("breach_date cannot be in the future", field="breach_date", danish="Datoen ligger i fremtiden")
    guidance_on = guidance_before(session, case_id=case_id, duty=data.duty.value, day=data.breach_date)
    if guidance_on is None:
        raise Invalid(
            "a sanction needs written guidance about the duty before the breach",
            field="breach_date",
            danish=(
                f"Der er ikke registreret skriftlig vejledning om pligten ({DUTY_LABELS[data.duty].lower()}) før "
                f"{data.breach_date:%d.%m.%Y}. Sanktion kræver forudgående skriftlig vejledning (aktivloven § 35, "
                "stk. 1)"
            ),
        )
    line = _line(data.breach_date, None, data.amount, guidance_on, on)
    if line.status != DEDUCTIBLE:
        raise Invalid(
            "too late: the deduction deadline has passed",
            field="breach_date",
            danish=(
                f"For sent: fradrag for en overtrædelse {data.breach_date:%d.%m.%Y} skulle ske senest "
                f"{line.deduction_deadline:%d.%m.%Y} (aktivloven § 35, stk. 3)"
            ),
        )
    return _new_sanction(
        session, case_id=case_id, reason=data.reason, duty=data.duty.value, lines=[line], by=by, source_event_id=None
    )


def get_sanction(session: Session, *, sanction_id: int, version: int | None = None) -> Sanction:
    row = session.get(Sanction, sanction_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no sanction with id {sanction_id}", danish="Sanktionen findes ikke")
    if version is not None and row.version != version:
        raise Conflict(
            f"the sanction was changed by someone else (version {row.version})",
            danish="Sanktionen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def _dated(day: date | None, *, field: str, not_before: date | None, before_what: str) -> date:
    """A step's date: default today, never in the future, not before the step it follows."""
    on = day or today()
    if on > today():
        raise Invalid(f"{field} cannot be in the future", field=field, danish="Datoen ligger i fremtiden")
    if not_before is not None and on < not_before:
        raise Invalid(
            f"{field} cannot be before {not_before.isoformat()}",
            field=field,
            danish=f"Datoen ligger før {before_what} ({not_before:%d.%m.%Y})",
        )
    return on


# --- hearing and decision ----------------------------------------------------------------------------------


def send_hearing(
    session: Session,
    *,
    sanction_id: int,
    version: int,
    reply_days: int,
    sent_on: date | None = None,
    delivery: Delivery = Delivery.DIGITAL,
) -> Sanction:
    """Partshøring (forvaltningsloven § 19): the letter's date and delivery; the reply deadline counted from it."""
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "proposed":
        raise Conflict(f"the sanction is {row.status}, not proposed", danish="Partshøring er allerede sendt")
    on = _dated(sent_on, field="sent_on", not_before=row.breach_date, before_what="overtrædelsen")
    deadline = forvaltningsloven.hearing_reply_deadline(on, delivery, reply_days)
    row.status, row.hearing_sent_on, row.hearing_delivery = "hearing", on, delivery.value
    row.reply_deadline, row.reply_deadline_rule, row.reply_deadline_why = (
        deadline.due,
        deadline.rule,
        deadline.explanation,
    )
    session.flush()
    return row


def record_reply(session: Session, *, sanction_id: int, version: int, reply: str) -> Sanction:
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "hearing":
        raise Conflict("the citizen is not being heard on this sanction", danish="Sanktionen er ikke i partshøring")
    row.citizen_reply = reply
    session.flush()
    return row


def legal_basis(decision: Decision) -> str:
    """The §§ the decision applies (forvaltningsloven § 22–24: the decision names its legal basis)."""
    if decision is Decision.APPLIED:
        return (
            "Lov om aktiv socialpolitik § 35, stk. 1 (skriftlig vejledning om pligten før overtrædelsen), § 35, "
            "stk. 3 (fradrag fra dagen for overtrædelsen og inden for 3 hele kalendermåneder efter den) og § 36 "
            "(fradrag for udeblivelse, timesats: månedlig hjælp / 160,33 timer); forvaltningsloven § 19 "
            "(partshøring) og §§ 22–24 (begrundelse)."
        )
    return "Lov om aktiv socialpolitik §§ 35–36: betingelserne for fradrag er ikke opfyldt; forvaltningsloven § 19."


def appeal_guidance(deadline: date) -> str:
    """Klagevejledning (forvaltningsloven § 25; retssikkerhedsloven §§ 66–67)."""
    return (
        f"Du kan klage over afgørelsen. Klagen skal være modtaget senest {deadline:%d.%m.%Y}, som er 4 uger fra "
        f"den dag, du modtog afgørelsen (retssikkerhedsloven § 67, stk. 1). Du klager til {MUNICIPALITY}, "
        "Økonomisk Team, skriftligt, med Digital Post eller mundtligt. Kommunen vurderer afgørelsen igen "
        "(genvurdering). Giver kommunen dig ikke fuldt ud medhold, sender kommunen din klage videre til "
        "Ankestyrelsen inden 4 uger efter, at kommunen modtog den (retssikkerhedsloven § 66)."
    )


def decide(
    session: Session,
    *,
    sanction_id: int,
    version: int,
    decision: Decision,
    reasoning: str,
    by: Principal,
    decided_on: date | None = None,
    delivery: Delivery = Delivery.DIGITAL,
) -> Sanction:
    """Apply or drop, dated and sent; the decision carries reasons, legal basis, appeal guidance and the
    appeal deadline (retssikkerhedsloven § 67)."""
    row = get_sanction(session, sanction_id=sanction_id, version=version)
    if row.status != "hearing":
        raise Conflict("a sanction is decided only after the hearing", danish="Der skal først foretages partshøring")
    on = _dated(decided_on, field="decided_on", not_before=row.hearing_sent_on, before_what="partshøringen")
    if row.citizen_reply is None and row.reply_deadline is not None and on <= row.reply_deadline:
        raise Conflict(
            f"wait for the citizen's reply or the deadline ({row.reply_deadline.isoformat()})",
            danish=f"Afvent borgerens svar eller svarfristen {row.reply_deadline:%d.%m.%Y}",
        )
    open_lines = [line for line in row.lines if line.status == DEDUCTIBLE]
    if decision is Decision.APPLIED:
        in_time = [line for line in open_lines if line.deduction_deadline >= on]
        if not in_time:
            last = max((line.deduction_deadline for line in open_lines), default=None)
            raise Conflict(
                "too late: the deduction must fall within three whole calendar months of each breach",
                danish="For sent: fradrag skal ske inden for tre hele kalendermåneder efter overtrædelsen"
                + (f" (senest {last:%d.%m.%Y})" if last else "")
                + " (aktivloven § 35, stk. 3)",
            )
        for line in open_lines:
            if line.deduction_deadline < on:
                line.status = "lapsed"
    else:
        for line in open_lines:
            line.status = "dropped"
    appeal = retssikkerhedsloven.appeal_deadline(on, delivery)
    row.status = "applied" if decision is Decision.APPLIED else "dropped"
    row.decision, row.reasoning, row.decided_by, row.decided_on = decision.value, reasoning, by.user, on
    row.decision_delivery, row.legal_basis = delivery.value, legal_basis(decision)
    row.appeal_deadline, row.appeal_deadline_rule, row.appeal_deadline_why = appeal.due, appeal.rule, appeal.explanation
    row.appeal_guidance = appeal_guidance(appeal.due)
    publish(
        session,
        SanctionDecided(case_id=row.case_id, sanction_id=row.id, decision=decision.value, appeal_deadline=appeal.due),
        producer=SERVICE,
    )
    session.flush()
    return row


# --- the deduction in a payment run ------------------------------------------------------------------------


def deduct(session: Session, *, case_id: int, month: str, first_day: date, gross: Decimal) -> Decimal:
    """What the payment run for ``month`` deducts from ``gross`` for the case's applied sanctions, line by
    line: a line is deducted only in a run whose month ends on or before its deduction deadline (aktivloven
    § 35, stk. 3) and not before its breach's month; a line past its deadline lapses (what was taken of it
    stays taken). When the month's benefit does not cover a line, the rest waits for a later run within the
    line's window. A sanction whose lines are all settled is deducted (or lapsed, when none was taken)."""
    last_day = last_day_of_month(first_day.year, first_day.month)
    deduction = Decimal("0.00")
    applied = select(Sanction).where(Sanction.case_id == case_id, Sanction.status == "applied")
    for sanction in session.scalars(applied.order_by(Sanction.id).with_for_update()):
        for line in sanction.lines:
            if line.status != DEDUCTIBLE or line.breach_on > last_day:
                continue
            if last_day > line.deduction_deadline:
                line.status = "lapsed"  # too late to deduct (aktivloven § 35, stk. 3)
                continue
            taken = line.deducted_amount or Decimal("0.00")
            take = min(line.amount - taken, gross - deduction)
            if take <= 0:
                continue  # nothing left of this month's benefit: the line waits for a later run in its window
            deduction += take
            line.deducted_amount, line.deducted_in_month = taken + take, month
            if line.deducted_amount == line.amount:
                line.status = "deducted"
            sanction.deducted_in_month = month
        if all(line.status != DEDUCTIBLE for line in sanction.lines):
            taken_any = any(line.deducted_amount for line in sanction.lines)
            sanction.status = "deducted" if taken_any else "lapsed"
    return deduction


def sanctions_for(session: Session, *, case_id: int) -> list[Sanction]:
    return list(session.scalars(select(Sanction).where(Sanction.case_id == case_id).order_by(Sanction.id)))


# --- appeal and reconsideration (retssikkerhedsloven §§ 66–67) ----------------------------------------------

APPEALABLE = frozenset({"applied", "deducted", "lapsed"})


def register_appeal(session: Session, *, sanction_id: int, data: AppealIn, by: Principal) -> SanctionAppeal:
    """An appeal arrived: registered with its day (a late one too, flagged), with the reconsideration deadline."""
    sanction = get_sanction(session, sanction_id=sanction_id)
    if sanction.status not in APPEALABLE or sanction.decided_on is None or sanction.appeal_deadline is None:
        raise Conflict(
            f"the sanction is {sanction.status}: only an applied sanction is appealed",
            danish="Der kan kun klages over en afgørelse om sanktion",
        )
    if sanction.appeal is not None:
        raise Conflict("this sanction is appealed already", danish="Der er allerede registreret en klage")
    received = _dated(data.received_on, field="received_on", not_before=sanction.decided_on, before_what="afgørelsen")
    deadline = retssikkerhedsloven.reconsideration_deadline(received)
    appeal = SanctionAppeal(
        sanction_id=sanction.id,
        case_id=sanction.case_id,
        received_on=received,
        late=received > sanction.appeal_deadline,
        citizen_text=data.citizen_text,
        reconsider_by=deadline.due,
        reconsider_by_rule=deadline.rule,
        reconsider_by_why=deadline.explanation,
        registered_by=by.user,
    )
    session.add(appeal)
    session.flush()
    publish(
        session,
        SanctionAppealed(
            case_id=sanction.case_id,
            sanction_id=sanction.id,
            appeal_id=appeal.id,
            received_on=received,
            late=appeal.late,
            reconsider_by=deadline.due,
        ),
        producer=SERVICE,
    )
    session.refresh(sanction)
    return appeal


def get_appeal(session: Session, *, appeal_id: int, version: int | None = None) -> SanctionAppeal:
    row = session.get(SanctionAppeal, appeal_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no appeal with id {appeal_id}", danish="Klagen findes ikke")
    if version is not None and row.version != version:
        raise Conflict(
            f"the appeal was changed by someone else (version {row.version})",
            danish="Klagen er ændret af en anden i mellemtiden – genindlæs og prøv igen",
        )
    return row


def reconsider(
    session: Session,
    *,
    appeal_id: int,
    version: int,
    outcome: Reconsideration,
    reasoning: str,
    by: Principal,
    decided_on: date | None = None,
) -> SanctionAppeal:
    """Genvurdering: medhold (the sanction is dropped; a deduction not yet taken is not taken) or the
    decision is upheld and the appeal sent on to Ankestyrelsen; dated."""
    appeal = get_appeal(session, appeal_id=appeal_id, version=version)
    if appeal.status != "received":
        raise Conflict("the appeal is reconsidered already", danish="Klagen er allerede genvurderet")
    on = _dated(decided_on, field="decided_on", not_before=appeal.received_on, before_what="klagens modtagelse")
    sanction = get_sanction(session, sanction_id=appeal.sanction_id)
    if outcome is Reconsideration.GRANTED:
        for line in sanction.lines:
            if line.status == DEDUCTIBLE:
                line.status = "dropped"
        sanction.status = "reversed"
    appeal.status, appeal.outcome_on, appeal.outcome_reasoning, appeal.decided_by = (
        outcome.value,
        on,
        reasoning,
        by.user,
    )
    publish(
        session,
        AppealReconsidered(
            case_id=appeal.case_id, sanction_id=sanction.id, appeal_id=appeal.id, outcome=outcome.value, decided_on=on
        ),
        producer=SERVICE,
    )
    session.flush()
    return appeal


