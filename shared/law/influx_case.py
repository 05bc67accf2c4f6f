"""Integrationsloven § 4 b for one case: the suspension of its offer deadlines from the day responsibility passed,
its basis as reception announces it (``reception.responsibility_taken_over``'s ``basis``), the municipality's
decision (stk. 4, a setting every service shares) and the minister's orders (stk. 2–3, recorded in reception and
copied to the services that compute the deadlines).

The bases:

- ``placement_rule``: responsibility passed at the end of the first whole month after the placement decision
  (§ 4, stk. 2, 1.–2. pkt.) — suspended;
- ``consent``: passed earlier with the person's consent (§ 4, stk. 2, 3. pkt.) — still "efter denne lovs § 4,
  stk. 2", so suspended;
- ``cpr_registration``: quota refugees and the family-reunified from their CPR registration (§ 4, stk. 3) — never
  suspended: § 4 b, stk. 1 names § 4, stk. 2 only.

Pure: the caller passes its settings (anything with ``inl4b_municipal_months``) and the orders it knows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Protocol

from shared.law.influx import ACT_MONTHS, InfluxOrder, Suspension, suspended, suspension
from shared.law.result import Deadline

# § 4, stk. 2 (suspended under § 4 b, stk. 1) and § 4, stk. 3 (not).
SUSPENDED_BASES = frozenset({"placement_rule", "consent"})
BASES = SUSPENDED_BASES | {"cpr_registration"}


class MunicipalDecision(Protocol):
    """What a service's settings say about § 4 b, stk. 4 (``shared.settings.ServiceSettings`` has it)."""

    @property
    def inl4b_municipal_months(self) -> int: ...


def case_suspension(
    responsibility_from: date,
    *,
    basis: str,
    settings: MunicipalDecision | None = None,
    orders: Sequence[InfluxOrder] = (),
) -> Suspension:
    """§ 4 b, stk. 1–4: the suspension of one case's offer deadlines. ``basis``: how responsibility passed
    (``placement_rule``, ``consent`` or ``cpr_registration``; anything else is a ``ValueError``); ``settings``:
    the municipality's decision (None: the act's 3 months); ``orders``: the orders known (those whose period
    covers ``responsibility_from`` extend it)."""
    if basis not in BASES:
        raise ValueError(f"unknown basis of responsibility {basis!r}; expected one of {sorted(BASES)}")
    months = ACT_MONTHS if settings is None else settings.inl4b_municipal_months
    by_placement = basis in SUSPENDED_BASES
    return suspension(responsibility_from, by_placement=by_placement, municipal_months=months, orders=orders)


def case_deadline(
    rule: Callable[[date], Deadline],
    responsibility_from: date,
    *,
    basis: str,
    settings: MunicipalDecision | None = None,
    orders: Sequence[InfluxOrder] = (),
) -> Deadline:
    """The deadline ``rule`` sets for a case whose responsibility passed on ``responsibility_from``: counted from
    the suspension's end when § 4 b suspends it (the programme, § 16; the start of Danish education,
    danskuddannelsesloven § 5, stk. 1), else as the rule has it (the contract, § 19; the follow-ups, § 20)."""
    pause = case_suspension(responsibility_from, basis=basis, settings=settings, orders=orders)
    return suspended(rule, responsibility_from, pause)


def as_in_force(
    reference: str, applies_from: date, applies_to: date, extra_months: int, revoked_on: date | None
) -> InfluxOrder | None:
    """An order as it binds, given the day it was repealed (stk. 2, 2. pkt.): a repeal works from its day on, so
    the period it covers ends the day before (persons whose responsibility passed while it stood keep their
    extension); repealed on or before its first day, it never applied (None)."""
    last = applies_to if revoked_on is None else min(applies_to, revoked_on - timedelta(days=1))
    if last < applies_from:
        return None
    return InfluxOrder(reference, applies_from, last, extra_months)


def standing_on(orders: Sequence[InfluxOrder], day: date) -> list[InfluxOrder]:
    """The orders (as they bind, see ``as_in_force``) whose period covers ``day``: a person whose responsibility
    passes that day has the suspension extended."""
    return [order for order in orders if order.covers(day)]
