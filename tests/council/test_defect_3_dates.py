"""Issue 18, defect 3, council: every request date has a range in the schema too (C1 members, C4 team)."""

from __future__ import annotations

from council.meetings.models import Meeting
from council.team.models import TeamMeeting
from tests.council.helpers import JC

RANGE = "date must be between 1990-01-01 and"


def test_defect_3_c1_a_council_meeting_in_the_year_1_or_9999_is_refused(make_app):
    app = make_app("council")
    for absurd in ("0001-01-01", "9999-12-31"):
        resp = app.client.post(
            "/meetings", json={"meeting_date": absurd, "place": "Rødovre Rådhus"}, headers=app.as_(JC)
        )
        assert resp.status_code == 422 and RANGE in resp.text, (absurd, resp.text)
    assert app.count(Meeting) == 0


def test_defect_3_c4_a_team_meeting_dated_year_1_is_refused(make_app):
    app = make_app("council")
    resp = app.client.post(
        "/team/meetings",
        json={"meeting_date": "0001-01-01", "participants": [{"department": "bkf"}]},
        headers=app.as_(JC),
    )
    assert resp.status_code == 422 and RANGE in resp.text
    assert app.count(TeamMeeting) == 0
