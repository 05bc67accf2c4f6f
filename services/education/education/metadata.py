"""Every table of Education's database, for Alembic and the schema checks: one place lists the sub-domains' models.

Kept out of ``db.py`` so that the models import ``db.Base`` and nothing imports them back (no import circle).
"""

from __future__ import annotations

# Importing a models module registers its tables on the metadata; shared.access and shared.bus.models
# hold the access log and the outbox, inbox and dead letters (on InfraBase: every service database has them).
import education.absence.models
import education.courses.models
import education.efforts.models
import education.influx.models
import education.intake.models
import education.plans.models
import education.schools.models  # noqa: F401
import shared.access
import shared.bus.models  # noqa: F401
from education.db import Base
from shared.db import InfraBase


def all_metadata() -> list[object]:
    """What Alembic compares against: education's tables plus outbox, inbox, dead letters and the access log."""
    return [Base.metadata, InfraBase.metadata]
