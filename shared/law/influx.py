"""Integrationsloven § 4 b: the suspension of the offer deadlines after responsibility passes, its extension by
the minister in a large influx, and the municipality's choice not to suspend or to shorten.

What the consolidated act says (LBK nr. 1146 af 22. juni 2020 as amended by lov nr. 324 af 16. marts 2022):

- stk. 1: the act's deadlines for when the municipality must provide offers under kap. 3 a, 4 and 5 (the
  programme, § 16), the extent of the business-oriented offers (§ 17 a, stk. 2) and danskuddannelsesloven § 5,
  stk. 1 "suspenderes i 3 måneder fra det tidspunkt, hvor ansvaret for udlændingen overgår til
  kommunalbestyrelsen efter denne lovs § 4, stk. 2" (or the Ukraine act's § 30, stk. 2). So only persons whose
  responsibility passed by the placement rule (visitering), not quota refugees or the family-reunified (§ 4,
  stk. 3), and not the contract (§ 19) nor the follow-ups (§ 20), which are not offers.
- stk. 2: the minister may by order extend the suspension "for en bestemt periode" when a larger influx makes it
  necessary; stk. 3: in a mass influx by up to 3 months more.
- stk. 4: the municipality may decide not to suspend, or to shorten the suspension.

DOMAIN.md's table reads § 4 b as a large-influx order only ("the minister may suspend the deadlines above by
order"); the act suspends the offer deadlines by itself for 3 months unless the municipality decides otherwise
(stk. 4), and the order extends that. The act wins: the municipality's choice is a parameter here
(``municipal_months``: 3 is the act's own, 0 the decision not to suspend), and orders extend a suspension in force.

A suspended "senest en måned efter" deadline counts from the suspension's end: the rule is applied to that day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from shared.law.calendar import add_months, dk_long
from shared.law.result import Deadline

REFERENCE = "integrationsloven § 4 b"
# The rules whose deadlines § 4 b, stk. 1 suspends (the programme's offer and the start of Danish education).
SUSPENDED_RULES = frozenset({"inl16-programme", "dul5-start"})
ACT_MONTHS = 3  # stk. 1
MASS_INFLUX_MAX_EXTRA = 3  # stk. 3


@dataclass(frozen=True)
class InfluxOrder:
    """A ministerial order under § 4 b, stk. 2 (or 3): persons whose responsibility passes from ``applies_from`` to
    ``applies_to`` (both included) have their suspension extended by ``extra_months``."""

    reference: str  # the order's own name, e.g. "BEK nr. 1 af 2. januar 2027"
    applies_from: date
    applies_to: date
    extra_months: int

    def covers(self, responsibility_from: date) -> bool:
        return self.applies_from <= responsibility_from <= self.applies_to


@dataclass(frozen=True)
class Suspension:
    """The suspension of one person's offer deadlines: ``until`` is its last day (None: none), with why."""

    months: int
    until: date | None
    explanation: str


def suspension(
    responsibility_from: date,
    *,
    by_placement: bool,
    municipal_months: int = ACT_MONTHS,
    orders: Sequence[InfluxOrder] = (),
) -> Suspension:
    """§ 4 b, stk. 1–4: how long the offer deadlines of a person whose responsibility passed on
    ``responsibility_from`` are suspended. ``by_placement``: responsibility passed under § 4, stk. 2 (the only
    persons stk. 1 covers). ``municipal_months``: the municipality's decision under stk. 4 (0 = not suspended,
    1–2 = shortened, 3 = the act's). ``orders``: the minister's extensions under stk. 2–3 in force."""
    if not 0 <= municipal_months <= ACT_MONTHS:
        raise ValueError(f"municipal_months must be 0–{ACT_MONTHS}")
    if not by_placement:
        return Suspension(
            0,
            None,
            "Fristerne suspenderes ikke: ansvaret overgik ikke efter § 4, stk. 2 "
            "(kun de visiterede er omfattet af integrationsloven § 4 b, stk. 1).",
        )
    if municipal_months == 0:
        return Suspension(
            0, None, "Kommunalbestyrelsen har besluttet ikke at suspendere fristerne (integrationsloven § 4 b, stk. 4)."
        )
    extra = [order for order in orders if order.covers(responsibility_from)]
    months = municipal_months + sum(order.extra_months for order in extra)
    last = add_months(responsibility_from, months)
    why = (
        f"Ansvaret overgik {dk_long(responsibility_from)} efter § 4, stk. 2, så fristerne for tilbud og start på "
        f"danskuddannelse er suspenderet i {municipal_months} måneder"
    )
    why += (
        " (integrationsloven § 4 b, stk. 1)"
        if municipal_months == ACT_MONTHS
        else (" (forkortet af kommunalbestyrelsen, integrationsloven § 4 b, stk. 4)")
    )
    for order in extra:
        why += f", forlænget med {order.extra_months} måneder ved {order.reference} (§ 4 b, stk. 2–3)"
    why += f": til {dk_long(last)}."
    return Suspension(months, last, why)


def suspended(rule: Callable[[date], Deadline], responsibility_from: date, pause: Suspension) -> Deadline:
    """The deadline ``rule`` sets from ``responsibility_from``, counted from the suspension's end when there is one
    and the rule is one § 4 b, stk. 1 suspends."""
    plain = rule(responsibility_from)
    if pause.until is None or plain.rule not in SUSPENDED_RULES:
        return plain
    moved = rule(pause.until)
    explanation = f"{pause.explanation} Fristen regnes derfor fra suspensionens udløb. {moved.explanation}"
    return Deadline(moved.rule, moved.due, f"{moved.reference}, jf. {REFERENCE}", explanation)


def suspension_end(responsibility_from: date) -> Deadline:
    """§ 4 b, stk. 1: the last day of the act's 3-month suspension for a person whose responsibility passed under
    § 4, stk. 2 on ``responsibility_from`` (before any shortening, stk. 4, or extension, stk. 2–3)."""
    pause = suspension(responsibility_from, by_placement=True)
    assert pause.until is not None
    return Deadline("inl4b-suspension", pause.until, "integrationsloven § 4 b, stk. 1", pause.explanation)
