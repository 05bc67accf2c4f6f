"""Events employment (Jobcentret's employment effort) publishes. Case ids only, no personal data."""

from __future__ import annotations

from datetime import date

from shared.bus.envelope import Event, contract
from shared.contracts.plans import PlanActionUpdated

# The kinds of self-sufficiency and how the Danish pages and the case timeline name them.
SELF_SUFFICIENCY_KINDS = {"job": "ordinært arbejde", "su": "SU", "other": "anden forsørgelse"}


@contract("employment.plan_action_updated", 1)
class EmploymentPlanActionUpdated(PlanActionUpdated):
    """Employment moved an integration-plan action it owns on (R5)."""


@contract("employment.self_sufficiency_reported", 1)
class SelfSufficiencyReported(Event):
    """The person supports themselves from ``effective_from`` (ordinary job or SU), so benefits stop (B7)."""

    case_id: int
    report_id: int
    kind: str  # a key of SELF_SUFFICIENCY_KINDS
    effective_from: date


@contract("employment.match_classified", 1)
class MatchClassified(Event):
    """The match conversation (B1) is finalised: the person is job-ready or activity-ready."""

    case_id: int
    conversation_id: int
    classification: str  # jobparat | aktivitetsparat


@contract("employment.follow_up_overdue", 1)
class FollowUpOverdue(Event):
    """A statutory or planned follow-up conversation (B8) was not held by its due date; announced once."""

    case_id: int
    follow_up_id: int
    due_date: date
    days_overdue: int
