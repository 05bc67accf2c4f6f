"""Education's declarative base; its database also holds the shared outbox/inbox tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import InfraBase, new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()


def all_metadata() -> list[object]:
    import education.absence.models
    import education.courses.models
    import education.efforts.models
    import education.intake.models
    import education.plans.models
    import education.schools.models  # noqa: F401
    import shared.access  # noqa: F401  (the access log is on InfraBase: every service database has it)

    return [Base.metadata, InfraBase.metadata]
