"""Housing's reads of personal data, and who looked up a household's data (DOMAIN: a citizen may learn it).

Every read and search of personal data is logged with its criteria (shared.access has the rule).
Housing's personal data are the households it houses, by reception's case id: the readiness board
(every arriving household), the households in temporary housing, one household's move-in (checklist
and furniture), its stored belongings, the waiting list for permanent housing and one household's
need with its offers and allocation decisions. Not personal data, so not logged: the dwellings and
their status, Egegårdsvej 22 (rooms, inventory, maintenance, inspections: counts of beds, never who),
the private leases (the municipality's contract with a landlord about a dwelling; they name no
resident), landlords and housing associations.

``GET /cases/{case_id}/lookups`` lists one case's look-ups to housing's readers; reading it is logged too.
"""

from __future__ import annotations

from housing.permanent.models import PermanentNeed
from housing.readiness.models import PlacementRequest, ReadinessCheck
from housing.storage.models import StoredBelongings
from housing.units.models import Assignment
from housing.web import READERS
from shared import access
from shared.web.access import lookups_router

# The purposes housing logs (shared.access.record): lists of persons have no case id.
LIST_ARRIVALS = "list_arrivals"  # the readiness board (page and API)
LIST_TEMPORARY_HOUSING = "list_temporary_housing"  # every household living in temporary housing now
READ_MOVE_IN = "read_move_in"  # one household's move-in: checklist and furniture
READ_STORAGE = "read_storage"  # one household's stored belongings
LIST_WAITING = "list_waiting_list"  # the waiting list for permanent housing (criteria: the case chosen)
READ_NEED = "read_permanent_housing_need"  # one household's need, offers and allocation decisions


# Housing holds something of the case: its arrival, a placement, an assignment, a need, storage.
known = access.held_in(
    ReadinessCheck.case_id,
    PlacementRequest.case_id,
    Assignment.case_id,
    PermanentNeed.case_id,
    StoredBelongings.case_id,
)


router = lookups_router(path="/cases/{case_id}/lookups", readers=READERS, known=known, tags=["bolig"])
