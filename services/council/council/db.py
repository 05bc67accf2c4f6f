"""Council's declarative base; its database also holds the shared outbox/inbox tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import InfraBase, new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()


def all_metadata() -> list[object]:
    import council.activities.models
    import council.election.models
    import council.hearings.models
    import council.meetings.models
    import council.team.models  # noqa: F401
    import shared.access  # noqa: F401  (the access log is on InfraBase: every service database has it)

    return [Base.metadata, InfraBase.metadata]
