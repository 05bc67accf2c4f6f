"""Danskuddannelse's reads of personal data, and who looked up a person's data (DOMAIN: a citizen may learn it).

Every read and search of personal data is logged with its criteria (shared.access has the rule).
Education's personal data are the persons in Danish education, by reception's case id: the language
assessments (list and one case), the special language efforts, absence reports with their follow-up
conversations, passed module tests, and course enrolments with attendance (one case's, or the
persons enrolled on one course session). Not personal data, so not logged: the language schools with
their cooperation texts and steering group (partners acting in office), the courses and their sessions
(programme, dates, number enrolled).

``GET /cases/{case_id}/lookups`` lists one case's look-ups to education's staff; reading it is logged too.
"""

from __future__ import annotations

from education.absence.models import AbsenceReport, ModuleTest
from education.courses.models import CourseEnrolment
from education.efforts.models import LanguageEffort
from education.intake.models import LanguageAssessment
from education.web import READERS
from shared import access
from shared.web.access import lookups_router

# The purposes education logs (shared.access.record): lists of persons have no case id.
LIST_ASSESSMENTS = "list_language_assessments"
READ_ASSESSMENT = "read_language_assessment"  # one case's assessment, enrolment and passed modules
LIST_EFFORTS = "list_language_efforts"
READ_EFFORTS = "read_language_efforts"
LIST_ABSENCES = "list_absences"  # criteria: which absences (without a follow-up conversation)
READ_ABSENCES = "read_absences"  # one case's absence reports, one report, or its follow-up conversation
READ_MODULE_TESTS = "read_module_tests"
LIST_ENROLMENTS = "list_course_enrolments"  # criteria: the course session
READ_ENROLMENTS = "read_course_enrolments"
WITHOUT_FOLLOW_UP = "unexcused absence, follow-up conversation not held"  # LIST_ABSENCES' criteria


# Education holds something of the case: its assessment (every case it heard of), efforts, absences.
known = access.held_in(
    LanguageAssessment.case_id,
    LanguageEffort.case_id,
    AbsenceReport.case_id,
    ModuleTest.case_id,
    CourseEnrolment.case_id,
)


router = lookups_router(path="/cases/{case_id}/lookups", readers=READERS, known=known, tags=["danskuddannelse"])
