"""Employment's declarative base; its database also holds the shared outbox/inbox tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import InfraBase, new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()


def all_metadata() -> list[object]:
    import employment.conversations.models
    import employment.followup.models
    import employment.foreigners.models
    import employment.intake.models
    import employment.internships.models
    import employment.offers.models
    import employment.plans.models
    import employment.recognition.models
    import employment.reunification.models
    import employment.selfsufficiency.models  # noqa: F401
    import shared.access  # noqa: F401  (the access log is on InfraBase: every service database has it)

    return [Base.metadata, InfraBase.metadata]
