"""Every table of Reception's database, for Alembic and the schema checks: one place lists the sub-domains' models.

Kept out of ``db.py`` so that the models import ``db.Base`` and nothing imports them back (no import circle).
"""

from __future__ import annotations

# Importing a models module registers its tables on the metadata; shared.access and shared.bus.models
# hold the access log and the outbox, inbox and dead letters (on InfraBase: every service database has them).
import reception.benefits.models
import reception.cases.models
import reception.civil.models
import reception.contacts.models
import reception.contracts.models
import reception.deadlines.models
import reception.documents.models
import reception.guidance.models
import reception.influx.models
import reception.onboarding.models
import reception.plans.models
import reception.referrals.models
import reception.timeline.models  # noqa: F401
import shared.access
import shared.bus.models  # noqa: F401
from reception.db import Base
from shared.db import InfraBase


def all_metadata() -> list[object]:
    """What Alembic compares against: reception's tables plus outbox, inbox, dead letters and the access log."""
    return [Base.metadata, InfraBase.metadata]
