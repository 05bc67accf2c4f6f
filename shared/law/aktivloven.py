"""Aktivloven (lov om aktiv socialpolitik), §§ 35–36: deductions for breaches of a duty.

§ 35, stk. 1: a deduction needs written guidance about the duties and the sanctions beforehand.
§ 35, stk. 3: "Fradrag i eller nedsættelse eller ophør af hjælpen sker med virkning fra den dag, hvor
… modtageren af hjælp uden rimelig grund har undladt at opfylde sine pligter … Fradrag og nedsættelser i
hjælpen skal ske inden for 3 hele kalendermåneder efter hændelsestidspunktet." The act puts the
3-month window in § 35, stk. 3 (DOMAIN.md's table says "§§ 35–36"; § 36 is the deduction for the
absence itself): the act's § and stk. are cited. "3 hele kalendermåneder efter" the breach: the three
months after the breach's month, so a breach in January must be deducted by 30 April. The date is the
municipality's last day and is not moved off weekends or helligdage.
"""

from __future__ import annotations

from datetime import date

from shared.law.calendar import DANISH_MONTHS, add_months, dk_long, last_day_of_month
from shared.law.result import Deadline

WHOLE_MONTHS = 3


def deduction_deadline(breach_on: date) -> Deadline:
    """aktivloven § 35, stk. 3, 2. pkt.: a deduction for a breach must be made within 3 whole calendar
    months after the month of the breach: by the last day of the 3rd month after it."""
    third = add_months(breach_on.replace(day=1), WHOLE_MONTHS)
    due = last_day_of_month(third.year, third.month)
    months = [add_months(breach_on.replace(day=1), n) for n in range(1, WHOLE_MONTHS + 1)]
    names = ", ".join(f"{DANISH_MONTHS[m.month - 1]} {m.year}" for m in months)
    explanation = (
        f"Pligten blev overtrådt {dk_long(breach_on)}. Fradraget skal ske inden for de 3 hele kalendermåneder "
        f"efter overtrædelsens måned ({names}), dvs. senest {dk_long(due)}."
    )
    return Deadline("aktl-deduction-deadline", due, "aktivloven § 35, stk. 3", explanation)
