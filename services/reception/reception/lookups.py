"""Who looked up a person's case in reception, when and why (DOMAIN: a citizen may learn it).

Every read and search of personal data is logged with its criteria (shared.access; reception's reads
are logged where they happen, through ``reception.cases.service.log_access``). This route lists one
case's look-ups to reception's case readers; reading it is logged too.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.cases.routes import CASE_READERS
from shared.web.access import lookups_router


def known(session: Session, case_id: int) -> bool:
    return session.get(Case, case_id) is not None


router = lookups_router(path="/cases/{case_id}/lookups", readers=CASE_READERS, known=known, tags=["sager"])
