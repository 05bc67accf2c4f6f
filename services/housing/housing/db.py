"""Housing's declarative base; its database also holds the shared outbox/inbox tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from shared.db import InfraBase, new_metadata


class Base(DeclarativeBase):
    metadata = new_metadata()


def all_metadata() -> list[object]:
    import housing.facility.models
    import housing.leases.models
    import housing.movein.models
    import housing.permanent.models
    import housing.plans.models
    import housing.readiness.models
    import housing.storage.models
    import housing.units.models  # noqa: F401
    import shared.access  # noqa: F401  (the access log is on InfraBase: every service database has it)

    return [Base.metadata, InfraBase.metadata]
