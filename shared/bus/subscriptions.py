"""Who receives which event: the one place to add a consumer.

The relay sends one copy of each event straight to each subscriber's queue (named after the
service), never through a broker-side topic exchange whose bindings kombu keeps in Redis and can
lose silently (ENGINEERING.md §3). Adding a consumer is one line here; no publisher changes.
"""

from __future__ import annotations

SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
    "reception.case_opened": ("reception", "housing", "education", "employment"),
    "reception.arrival_scheduled": ("reception", "housing"),
    "reception.cpr_registered": ("reception",),
    # Education's § 5 deadline and employment's § 20 follow-ups count from it.
    "reception.responsibility_taken_over": ("reception", "education", "employment"),
    "reception.family_reunification_planned": ("reception", "housing"),
    "reception.contract_signed": ("reception",),
    "reception.sanction_decided": ("reception",),
    "reception.sanction_appealed": ("reception",),
    "reception.appeal_reconsidered": ("reception",),
    "reception.deadline_overdue": ("reception",),
    # Every owning service gets each plan action and keeps the ones whose ``owner`` is itself (R5).
    "reception.plan_action_assigned": ("reception", "housing", "education", "employment"),
    "reception.plan_action_withdrawn": ("reception", "housing", "education", "employment"),
    # § 4 b orders: education (danskuddannelsesloven § 5, stk. 1) and employment (§ 16) compute the suspended deadlines.
    "reception.influx_order_recorded": ("education", "employment"),
    "reception.influx_order_revoked": ("education", "employment"),
    "housing.placement_requested": ("reception",),
    "housing.temporary_assigned": ("reception",),
    "housing.readiness_flagged": ("reception",),
    "housing.moved_in": ("reception",),
    "housing.moved_out": ("reception",),
    "housing.permanent_allocated": ("reception",),
    "housing.plan_action_updated": ("reception",),
    "education.plan_action_updated": ("reception",),
    "education.absence_reported": ("reception",),
    "education.language_enrolled": ("reception",),
    "education.absence_followed_up": ("reception",),
    "employment.plan_action_updated": ("reception",),
    "employment.self_sufficiency_reported": ("reception",),
    "employment.match_classified": ("reception",),
    "employment.follow_up_overdue": ("reception",),
}


def subscribers(event_type: str) -> tuple[str, ...]:
    """The services whose queues get a copy of ``event_type``."""
    return SUBSCRIPTIONS.get(event_type, ())


def subscriptions_of(service: str) -> list[str]:
    """The event types ``service`` must handle."""
    return sorted(t for t, subs in SUBSCRIPTIONS.items() if service in subs)
