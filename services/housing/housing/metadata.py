"""Every table of Housing's database, for Alembic and the schema checks: one place lists the sub-domains' models.

Kept out of ``db.py`` so that the models import ``db.Base`` and nothing imports them back (no import circle).
"""

from __future__ import annotations

# Importing a models module registers its tables on the metadata; shared.access and shared.bus.models
# hold the access log and the outbox, inbox and dead letters (on InfraBase: every service database has them).
import housing.facility.models
import housing.leases.models
import housing.movein.models
import housing.permanent.models
import housing.plans.models
import housing.readiness.models
import housing.storage.models
import housing.units.models  # noqa: F401
import shared.access
import shared.bus.models  # noqa: F401
from housing.db import Base
from shared.db import InfraBase


def all_metadata() -> list[object]:
    """What Alembic compares against: housing's tables plus outbox, inbox, dead letters and the access log."""
    return [Base.metadata, InfraBase.metadata]
