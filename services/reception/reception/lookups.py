"""Reception's reads of personal data, and who looked up a person's case (DOMAIN: a citizen may learn it).

Every read and search of personal data is logged with its criteria (shared.access has the rule).
Reception's personal data are its cases, by reception's case id: the case itself and its timeline, the
integration plan, the referrals, the benefits, sanctions and payments, the asylum-centre contact log
and partner notifications, the local-area tour and guidance log, the contract, the documents, the
family reunification form (it names the case's person), the host families and mentors matched to a
case and its starter packages, and the welcome meetings with their invited cases. One case's data is
logged with its case id; a list naming several persons (the case list and search, the deadlines list,
a month's payment run, one welcome meeting's participants through the API) is logged without a case
id, with its criteria (the filter applied, never personal data). Reads through the pages and the API
use the same purposes. Not personal data of a citizen, so not logged: the volunteers as a pool
(``GET /volunteers``, ``/frivillige``: the municipality's own helpers, not a case), partners,
templates and the empty handover form. ``GET /sager/{id}/live`` (the case page's htmx refresh) is not
logged again: it shows only what the logged case page showed.

``GET /cases/{case_id}/lookups`` lists one case's look-ups to reception's case readers; reading it is
logged too.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception.cases.models import Case
from reception.config import CASE_READERS
from shared.web.access import lookups_router

# The purposes reception logs (shared.access.record): lists of persons have no case id.
LIST_CASES = "list_cases"  # the case list (page and API)
SEARCH_CASES = "search_cases"  # a search of cases (criteria: the search, a CPR number masked)
READ_CASE = "read_case"  # one case (page and API)
READ_TIMELINE = "read_timeline"  # one case's timeline
READ_PLAN = "read_plan"  # one case's integration plan and its actions
READ_REFERRALS = "read_referrals"  # one case's referrals to BKF or Sundhedscentret
READ_BENEFITS = "read_benefits"  # one case's benefits (the page shows its sanctions too)
READ_SANCTIONS = "read_sanctions"  # one case's sanctions
LIST_PAYMENTS = "list_payments"  # one month's payment run, naming every person paid (criteria: the month)
READ_CONTACTS = "read_contacts"  # one case's asylum-centre contact log (the page shows notifications too)
READ_NOTIFICATIONS = "read_notifications"  # one case's partner notifications
READ_LOCAL_TOUR = "read_local_tour"  # one case's local-area tour
READ_GUIDANCE = "read_guidance"  # one case's guidance log (the page shows the tour too)
READ_CIVIL_SOCIETY = "read_civil_society"  # host families and mentors matched to one case, its starter packages
READ_WELCOME_MEETINGS = "read_welcome_meetings"  # the meetings page: one row per invited case
LIST_WELCOME_MEETING = "list_welcome_meeting"  # one meeting with its participants (criteria: the meeting)
READ_CONTRACT = "read_contract"  # one case's contract
PRINT_CONTRACT = "print_contract"  # one case's contract, printed
READ_DOCUMENTS = "read_documents"  # one case's documents (the list)
DOWNLOAD_DOCUMENT = "download_document"  # one document of a case
READ_FAMILY_REUNIFICATION = "read_family_reunification"  # the reunification form, naming the case's person
LIST_DEADLINES = "list_deadlines"  # the department's deadlines, naming cases (criteria: the days ahead)


def known(session: Session, case_id: int) -> bool:
    return session.get(Case, case_id) is not None


router = lookups_router(path="/cases/{case_id}/lookups", readers=CASE_READERS, known=known, tags=["sager"])
