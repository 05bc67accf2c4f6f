"""Every table of Employment's database, for Alembic and the schema checks: one place lists the sub-domains' models.

Kept out of ``db.py`` so that the models import ``db.Base`` and nothing imports them back (no import circle).
"""

from __future__ import annotations

# Importing a models module registers its tables on the metadata; shared.access and shared.bus.models
# hold the access log and the outbox, inbox and dead letters (on InfraBase: every service database has them).
import employment.conversations.models
import employment.followup.models
import employment.foreigners.models
import employment.influx.models
import employment.intake.models
import employment.internships.models
import employment.offers.models
import employment.plans.models
import employment.recognition.models
import employment.reunification.models
import employment.selfsufficiency.models  # noqa: F401
import shared.access
import shared.bus.models  # noqa: F401
from employment.db import Base
from shared.db import InfraBase


def all_metadata() -> list[object]:
    """What Alembic compares against: employment's tables plus outbox, inbox, dead letters and the access log."""
    return [Base.metadata, InfraBase.metadata]
