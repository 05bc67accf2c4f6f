"""Employment's reads of personal data, and who looked up a person's data (DOMAIN: a citizen may learn it).

Every read and search of personal data is logged with its criteria (shared.access has the rule).
Employment's personal data are the persons in the employment effort. Most are reception's cases, by
reception's case id: the match conversations to hold, one case's conversations (match, assessment,
plans), its follow-up schedule and the overdue follow-ups of all cases, education offers, internships,
recognitions of qualifications, the self-sufficiency report, and the recent lists of these on the pages.
The cases opened here for other foreigners (B11) and family reunification (B10) are numbered on their
own (``foreigner_case``): their reads have purposes of their own (``FOREIGNER_PURPOSES``), which is how
one database keeps the two kinds of subject apart. Not personal data, so not logged: the conversation
templates, companies and the outreach to them (the company's contact acting for it).

``GET /cases/{case_id}/lookups`` lists a reception case's look-ups, ``GET /foreigner-cases/{case_id}/lookups``
a foreigner case's, to Jobcentret's caseworkers; reading either is logged too.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from employment.conversations.models import Conversation
from employment.followup.models import FollowUp
from employment.foreigners.models import ForeignerCase
from employment.intake.models import MatchConversation
from employment.internships.models import Internship
from employment.offers.models import EducationOffer
from employment.recognition.models import Recognition
from employment.selfsufficiency.models import SelfSufficiency
from employment.web import READERS
from shared import access
from shared.web.access import lookups_router

# The purposes employment logs (shared.access.record) for reception's cases; lists have no case id.
LIST_MATCH_CONVERSATIONS = "list_match_conversations"  # the cases whose match conversation is to be held
LIST_CONVERSATIONS = "list_conversations"  # the page: cases to talk to and the recent conversations
READ_CONVERSATIONS = "read_conversations"  # one case's conversations, or one conversation
LIST_FOLLOW_UPS = "list_follow_ups"  # criteria: which (overdue; overdue and upcoming)
READ_FOLLOW_UPS = "read_follow_ups"
LIST_EDUCATION_OFFERS = "list_education_offers"
READ_EDUCATION_OFFERS = "read_education_offers"
LIST_INTERNSHIPS = "list_internships"
READ_INTERNSHIPS = "read_internships"
LIST_RECOGNITIONS = "list_recognitions"
READ_RECOGNITIONS = "read_recognitions"  # one case's recognitions, or one
READ_SELF_SUFFICIENCY = "read_self_sufficiency"
OVERDUE = "overdue"  # LIST_FOLLOW_UPS' criteria: the API's overdue follow-ups
OVERDUE_AND_UPCOMING = "overdue and upcoming"  # LIST_FOLLOW_UPS' criteria: the deadlines page

# The purposes whose case id is a foreigner case's (B10, B11), not reception's.
LIST_FOREIGNER_CASES = "list_foreigner_cases"
READ_FOREIGNER_CASE = "read_foreigner_case"
LIST_REUNIFICATION_CASES = "list_reunification_cases"
READ_REUNIFICATION_CASE = "read_reunification_case"
READ_SECURITY_DEPOSIT = "read_security_deposit"
READ_REUNIFICATION_NOTES = "read_reunification_notes"
READ_FOREIGNER_LOOKUPS = "read_lookups_foreigner_case"
FOREIGNER_PURPOSES = frozenset(
    {
        LIST_FOREIGNER_CASES,
        READ_FOREIGNER_CASE,
        LIST_REUNIFICATION_CASES,
        READ_REUNIFICATION_CASE,
        READ_SECURITY_DEPOSIT,
        READ_REUNIFICATION_NOTES,
        READ_FOREIGNER_LOOKUPS,
    }
)


# Employment holds something of reception's case: its match conversation (every case it heard of), or more.
known_case = access.held_in(
    MatchConversation.case_id,
    Conversation.case_id,
    FollowUp.case_id,
    EducationOffer.case_id,
    Internship.case_id,
    Recognition.case_id,
    SelfSufficiency.case_id,
)


def known_foreigner_case(session: Session, case_id: int) -> bool:
    return session.get(ForeignerCase, case_id) is not None


cases_router = lookups_router(
    path="/cases/{case_id}/lookups",
    readers=READERS,
    known=known_case,
    own=access.READ_LOOKUPS,
    excluding=FOREIGNER_PURPOSES,
    tags=["beskæftigelse"],
)
foreigner_cases_router = lookups_router(
    path="/foreigner-cases/{case_id}/lookups",
    readers=READERS,
    known=known_foreigner_case,
    what="foreigner case",
    own=READ_FOREIGNER_LOOKUPS,
    purposes=FOREIGNER_PURPOSES,
    tags=["øvrige udlændinge"],
)
