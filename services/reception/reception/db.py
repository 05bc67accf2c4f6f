"""Reception's declarative base; its database also holds the shared outbox/inbox tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import InfraBase, new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()


def all_metadata() -> list[object]:
    """What Alembic compares against: reception's tables plus outbox, inbox, dead letters and the access log."""
    import reception.benefits.models
    import reception.cases.models
    import reception.civil.models
    import reception.contacts.models
    import reception.contracts.models
    import reception.deadlines.models
    import reception.documents.models
    import reception.guidance.models
    import reception.onboarding.models
    import reception.plans.models
    import reception.referrals.models
    import reception.timeline.models  # noqa: F401
    import shared.access  # noqa: F401  (the access log is on InfraBase: every service database has it)

    return [Base.metadata, InfraBase.metadata]
