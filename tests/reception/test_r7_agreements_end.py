"""R7 (Værtsfamilier og mentorer, Frivillighedsområdet og Jobcentret): an agreement can end, and Jobcentret, a
co-owner in the seed, creates and follows up agreements beside Frivillighedsområdet.

Issue 18: agreements could never end (their follow-ups fell due for ever) and only Frivillighedsområdet could write.
An ended agreement has no next follow-up: it leaves /frister, GET /deadlines and the overdue notices; it cannot be
followed up or ended again (409; the page says it in Danish). Bad input writes nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from reception.civil.models import FollowUpNote, Match
from reception.deadlines.service import announce_overdue
from shared.auth import COOKIE, Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.conftest import token
from tests.reception.helpers import handover

UDL, FR, JC, BKF, BM, OK = (
    Department.UDLAENDINGESTYRELSEN,
    Department.FRIVILLIGHED,
    Department.JOBCENTRET,
    Department.BKF,
    Department.BORGMESTERKONTORET,
    Department.OKONOMI,
)
AGREEMENT = {"kind": "mentor", "content": "Ugentlige møder om hverdagsliv", "purpose": "Netværk", "follow_up_days": 14}


def dk(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _case(app) -> dict:
    resp = app.client.post("/handovers", json=handover(), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return resp.json()


def _volunteer(app) -> int:
    v = app.client.post("/volunteers", json={"name": "Karen Madsen", "contact": "k@example.dk"}, headers=app.as_(FR))
    app.client.post(
        f"/volunteers/{v.json()['id']}/background-check", json={"background_check": "approved"}, headers=app.as_(FR)
    )
    return int(v.json()["id"])


def _agreement(app, case_id: int, volunteer_id: int, by: Department = FR) -> dict:
    resp = app.client.post(
        f"/cases/{case_id}/matches", json={**AGREEMENT, "volunteer_id": volunteer_id}, headers=app.as_(by)
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


def _started(app, match_id: int, days_ago: int) -> date:
    """Backdate the agreement's start (and its follow-up, overdue) as if it were made ``days_ago`` days ago."""
    start = copenhagen_today() - timedelta(days=days_ago)
    with app.factory.begin() as session:
        row = session.get(Match, match_id)
        row.started_on, row.next_follow_up = start, start + timedelta(days=row.follow_up_days)
    return start


def _signed_in(app, department: Department, user: str = "Test Testesen"):
    app.client.cookies.set(COOKIE, token(department, user))
    return app.client


def _state(app, match_id: int) -> tuple:
    with app.factory() as session:
        row = session.get(Match, match_id)
        notes = session.scalars(select(FollowUpNote).where(FollowUpNote.match_id == match_id)).all()
        return row.status, row.ended_on, row.end_reason, row.next_follow_up, len(notes)


def _follow_ups_listed(app, by: Department = FR) -> list[int]:
    listed = app.client.get("/deadlines?within_days=365", headers=app.as_(by)).json()
    return [d["ref_id"] for d in listed if d["kind"] == "follow_up"]


def _error_next_to(html: str, field_id: str) -> str:
    field = re.search(rf'<(?:input|textarea|select)[^>]*id="{re.escape(field_id)}"[^>]*>', html)
    assert field and 'aria-invalid="true"' in field.group(0), f"no error on {field_id}"
    message = re.search(rf'id="{re.escape(field_id)}-error"><span class="sr-only">Fejl: </span>([^<]*)<', html)
    assert message, f"no error next to {field_id}"
    return message.group(1)


def test_r7_agreement_ended_by_api_leaves_the_deadlines_and_the_overdue_notices(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    assert (m["status"], m["started_on"], m["ended_on"]) == ("active", copenhagen_today().isoformat(), None)
    start = _started(app, m["id"], 40)  # its follow-up fell due 26 days ago
    assert _follow_ups_listed(app) == [m["id"]]

    ended_on = copenhagen_today() - timedelta(days=3)
    resp = app.client.post(
        f"/matches/{m['id']}/end",
        json={"ended_on": ended_on.isoformat(), "reason": "person_moved", "note": "Flyttet til Aarhus"},
        headers=app.as_(FR, "fr-ole"),
    )
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert (out["status"], out["ended_on"], out["end_reason"], out["end_note"], out["ended_by"]) == (
        "ended",
        ended_on.isoformat(),
        "person_moved",
        "Flyttet til Aarhus",
        "fr-ole",
    )
    assert out["next_follow_up"] is None and out["started_on"] == start.isoformat()
    assert _follow_ups_listed(app) == []
    announce_overdue(app.factory)
    assert not [e for e in app.outbox() if e["type"] == "reception.deadline_overdue"]
    listed = app.client.get(f"/cases/{case['id']}/matches", headers=app.as_(JC)).json()
    assert [(x["id"], x["status"]) for x in listed] == [(m["id"], "ended")]


def test_r7_only_the_ended_agreement_leaves_the_list(make_app):
    """Two agreements on one case, and one on another: ending one keeps the others' follow-ups due."""
    app = make_app("reception")
    case, other, v = _case(app), _case(app), _volunteer(app)
    first, second, third = (
        _agreement(app, case["id"], v),
        _agreement(app, case["id"], v, by=JC),
        _agreement(app, other["id"], v),
    )
    for m in (first, second, third):
        _started(app, m["id"], 20)
    ended = app.client.post(
        f"/matches/{second['id']}/end",
        json={"ended_on": copenhagen_today().isoformat(), "reason": "as_agreed"},
        headers=app.as_(JC),
    )
    assert ended.status_code == 200, ended.text
    assert sorted(_follow_ups_listed(app)) == [first["id"], third["id"]]
    announce_overdue(app.factory)
    noticed = [e["payload"]["ref_id"] for e in app.outbox() if e["type"] == "reception.deadline_overdue"]
    assert sorted(noticed) == [first["id"], third["id"]]


def test_r7_an_ended_agreement_cannot_be_followed_up_or_ended_again_409(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    _started(app, m["id"], 10)
    on = copenhagen_today() - timedelta(days=1)
    body = {"ended_on": on.isoformat(), "reason": "volunteer_stopped"}
    assert app.client.post(f"/matches/{m['id']}/end", json=body, headers=app.as_(FR)).status_code == 200
    before = _state(app, m["id"])
    again = app.client.post(f"/matches/{m['id']}/end", json={**body, "reason": "as_agreed"}, headers=app.as_(JC))
    assert again.status_code == 409, again.text
    followed = app.client.post(
        f"/matches/{m['id']}/follow-ups", json={"on": copenhagen_today().isoformat(), "note": "Ny"}, headers=app.as_(JC)
    )
    assert followed.status_code == 409, followed.text
    assert _state(app, m["id"]) == before == ("ended", on, "volunteer_stopped", None, 0)
    missing = app.client.post("/matches/999999/end", json=body, headers=app.as_(FR))
    assert missing.status_code == 404


def test_r7_jobcentret_creates_follows_up_and_ends_an_agreement_by_api(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v, by=JC)
    assert m["kind"] == "mentor" and m["status"] == "active"
    on = copenhagen_today()
    followed = app.client.post(
        f"/matches/{m['id']}/follow-ups",
        json={"on": on.isoformat(), "note": "Godt i gang"},
        headers=app.as_(JC, "jc-jonas"),
    )
    assert followed.status_code == 200, followed.text
    assert followed.json()["next_follow_up"] == (on + timedelta(days=14)).isoformat()
    with app.factory() as session:
        assert session.scalars(select(FollowUpNote.by)).all() == ["jc-jonas"]
    ended = app.client.post(
        f"/matches/{m['id']}/end", json={"ended_on": on.isoformat(), "reason": "as_agreed"}, headers=app.as_(JC)
    )
    assert ended.status_code == 200 and ended.json()["status"] == "ended"


@pytest.mark.parametrize("department", [BKF, BM, OK, UDL])
def test_r7_a_department_that_may_not_gets_403_and_nothing_is_written(make_app, department):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    made = app.client.post(
        f"/cases/{case['id']}/matches", json={**AGREEMENT, "volunteer_id": v}, headers=app.as_(department)
    )
    followed = app.client.post(
        f"/matches/{m['id']}/follow-ups",
        json={"on": copenhagen_today().isoformat(), "note": "Nej"},
        headers=app.as_(department),
    )
    ended = app.client.post(
        f"/matches/{m['id']}/end",
        json={"ended_on": copenhagen_today().isoformat(), "reason": "as_agreed"},
        headers=app.as_(department),
    )
    assert (made.status_code, followed.status_code, ended.status_code) == (403, 403, 403)
    assert app.count(Match) == 1 and _state(app, m["id"])[:2] == ("active", None) and app.count(FollowUpNote) == 0


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"ended_on": "START-1", "reason": "as_agreed"}, "ended_on"),  # before the start
        ({"ended_on": "START-30", "reason": "as_agreed"}, "ended_on"),
        ({"ended_on": "TODAY+1", "reason": "as_agreed"}, "ended_on"),  # in the future
        ({"ended_on": "TODAY+400", "reason": "as_agreed"}, "ended_on"),
        ({"ended_on": "0001-01-01", "reason": "as_agreed"}, "ended_on"),
        ({"ended_on": "TODAY", "reason": ""}, "reason"),  # empty reason
        ({"ended_on": "TODAY"}, "reason"),
        ({"ended_on": "TODAY", "reason": "bored"}, "reason"),
        ({"ended_on": "TODAY", "reason": "other", "note": "   "}, "say why"),  # "other" needs a why
        ({"ended_on": "", "reason": "as_agreed"}, "ended_on"),
        ({"ended_on": "TODAY", "reason": "as_agreed", "extra": 1}, "extra"),
        ({"ended_on": "TODAY", "reason": "as_agreed", "note": "x\x00y"}, "note"),
    ],
)
def test_r7_bad_end_is_a_4xx_and_nothing_is_written(make_app, body, said):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    start = _started(app, m["id"], 5)
    today = copenhagen_today()
    days = {"START-1": start - timedelta(days=1), "START-30": start - timedelta(days=30)}
    days |= {"TODAY": today, "TODAY+1": today + timedelta(days=1), "TODAY+400": today + timedelta(days=400)}
    sent = {k: (days[v].isoformat() if isinstance(v, str) and v in days else v) for k, v in body.items()}
    before = _state(app, m["id"])
    resp = app.client.post(f"/matches/{m['id']}/end", json=sent, headers=app.as_(JC))
    assert 400 <= resp.status_code < 500 and resp.status_code != 404, resp.text
    assert said in resp.text
    assert _state(app, m["id"]) == before and before[0] == "active"
    assert _follow_ups_listed(app) == [m["id"]]


def test_r7_end_on_the_start_day_and_on_today_are_allowed(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    first, second = _agreement(app, case["id"], v), _agreement(app, case["id"], v)
    start = _started(app, first["id"], 30)
    _started(app, second["id"], 30)
    for m, day in ((first, start), (second, copenhagen_today())):
        resp = app.client.post(
            f"/matches/{m['id']}/end",
            json={"ended_on": day.isoformat(), "reason": "other", "note": "Se notat"},
            headers=app.as_(FR),
        )
        assert resp.status_code == 200 and resp.json()["ended_on"] == day.isoformat(), resp.text


# --- the page: /sager/{id}/civilsamfund ----------------------------------------------------------------------


def test_r7_agreement_ended_through_the_page_leaves_frister(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    start = _started(app, m["id"], 40)
    fr = _signed_in(app, FR, "Frida Frivillig")
    url = f"/sager/{case['id']}/civilsamfund"
    page = fr.get(url).text
    assert f'action="{url}/aftaler/{m["id"]}/afslut"' in page and "Afslut aftale" in page
    assert "Afsluttet som aftalt" in page and "Den frivillige er stoppet" in page
    frister = fr.get("/frister?dage=30")
    assert frister.status_code == 200 and f"/sager/{case['id']}/civilsamfund" in frister.text

    ended_on = copenhagen_today() - timedelta(days=2)
    done = fr.post(
        f"{url}/aftaler/{m['id']}/afslut",
        data={"ended_on": ended_on.isoformat(), "reason": "as_agreed", "note": "Forløbet er slut"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == f"{url}#aftale-{m['id']}"
    assert _state(app, m["id"]) == ("ended", ended_on, "as_agreed", None, 0)
    html = fr.get(url).text
    assert f"{dk(ended_on)}: Afsluttet som aftalt – Forløbet er slut" in html and "Frida Frivillig" in html
    assert "Ingen – aftalen er afsluttet" in html and dk(start) in html
    assert "Registrér opfølgning" not in html and f"{url}/aftaler/{m['id']}/afslut" not in html
    assert f"/sager/{case['id']}/civilsamfund" not in fr.get("/frister?dage=30").text


def test_r7_ended_agreement_on_the_page_cannot_be_followed_up_or_ended_again(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    _started(app, m["id"], 10)
    jc = _signed_in(app, JC, "Jonas Jobcenter")
    url = f"/sager/{case['id']}/civilsamfund/aftaler/{m['id']}"
    on = copenhagen_today() - timedelta(days=1)
    first = jc.post(f"{url}/afslut", data={"ended_on": on.isoformat(), "reason": "person_declined"})
    assert first.status_code == 200  # followed to the page
    before = _state(app, m["id"])
    again = jc.post(f"{url}/afslut", data={"ended_on": on.isoformat(), "reason": "as_agreed"}, follow_redirects=False)
    assert again.status_code == 422
    assert f"Aftalen blev afsluttet {dk(on)} og kan ikke afsluttes igen" in again.text
    followed = jc.post(
        f"{url}/opfoelgning", data={"on": copenhagen_today().isoformat(), "note": "Ny"}, follow_redirects=False
    )
    assert followed.status_code == 422 and f"Aftalen blev afsluttet {dk(on)} og kan ikke følges op" in followed.text
    assert _state(app, m["id"]) == before == ("ended", on, "person_declined", None, 0)


def test_r7_jobcentret_creates_and_follows_up_through_the_page(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    jc = _signed_in(app, JC, "Jonas Jobcenter")
    url = f"/sager/{case['id']}/civilsamfund"
    page = jc.get(url).text
    assert "Opret aftale" in page and f'<option value="{v}">Karen Madsen</option>' in page
    made = jc.post(
        f"{url}/aftaler", data={**AGREEMENT, "follow_up_days": "14", "volunteer_id": str(v)}, follow_redirects=False
    )
    assert made.status_code == 303, made.text
    with app.factory() as session:
        match = session.scalars(select(Match)).one()
    followed = jc.post(
        f"{url}/aftaler/{match.id}/opfoelgning",
        data={"on": copenhagen_today().isoformat(), "note": "Mødes hver tirsdag"},
        follow_redirects=False,
    )
    assert followed.status_code == 303, followed.text
    with app.factory() as session:
        note = session.scalars(select(FollowUpNote)).one()
        assert (note.match_id, note.note, note.by) == (match.id, "Mødes hver tirsdag", "Jonas Jobcenter")


def test_r7_a_department_that_may_not_end_on_the_page_writes_nothing(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    bkf = _signed_in(app, BKF)
    url = f"/sager/{case['id']}/civilsamfund"
    assert "Afslut aftale" not in bkf.get(url).text
    refused = bkf.post(
        f"{url}/aftaler/{m['id']}/afslut",
        data={"ended_on": copenhagen_today().isoformat(), "reason": "as_agreed"},
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert "Kun Frivillighedsområdet og Jobcentret kan registrere aftaler" in refused.text
    assert _state(app, m["id"])[:2] == ("active", None)
    assert (
        _signed_in(app, UDL)
        .post(
            f"{url}/aftaler/{m['id']}/afslut", data={"ended_on": copenhagen_today().isoformat(), "reason": "as_agreed"}
        )
        .status_code
        == 403
    )
    assert _state(app, m["id"])[:2] == ("active", None)


def test_r7_bad_end_on_the_page_is_danish_next_to_the_field_and_writes_nothing(make_app):
    app = make_app("reception")
    case, v = _case(app), _volunteer(app)
    m = _agreement(app, case["id"], v)
    start = _started(app, m["id"], 5)
    fr = _signed_in(app, FR)
    url = f"/sager/{case['id']}/civilsamfund/aftaler/{m['id']}/afslut"
    e = f"e{m['id']}"

    def post(data: dict):
        resp = fr.post(url, data=data, follow_redirects=False)
        assert resp.status_code == 422, resp.status_code
        return resp.text

    before_start = (start - timedelta(days=1)).isoformat()
    html = post({"ended_on": before_start, "reason": "as_agreed", "note": "Behold mig"})
    assert _error_next_to(html, f"{e}-ended_on") == f"Aftalen begyndte {dk(start)}; den kan ikke slutte før"
    assert ">Behold mig</textarea>" in html and f'value="{before_start}"' in html
    future = (copenhagen_today() + timedelta(days=1)).isoformat()
    assert _error_next_to(post({"ended_on": future, "reason": "as_agreed"}), f"{e}-ended_on") == (
        "Datoen ligger i fremtiden"
    )
    empty = post({"ended_on": copenhagen_today().isoformat(), "reason": ""})
    assert _error_next_to(empty, f"{e}-reason") == "Vælg en af mulighederne"
    other = post({"ended_on": copenhagen_today().isoformat(), "reason": "other", "note": ""})
    assert _error_next_to(other, f"{e}-note") == "Skriv, hvorfor aftalen er afsluttet"
    assert _state(app, m["id"])[:2] == ("active", None)


# --- the migration: existing agreements stay active and get a start --------------------------------------------


def test_r7_migration_keeps_existing_agreements_active_with_a_start(tmp_path):
    """Rows made before agreements could end stay active (due as before); their start is the first follow-up's
    date, or the next follow-up less the interval when there is none."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from shared.migrations import alembic_config, upgrade

    url = f"sqlite:///{tmp_path / 'r7.sqlite3'}"
    before = ScriptDirectory.from_config(alembic_config("reception", url)).get_revision("b7e3c1a9d254").down_revision
    assert isinstance(before, str)
    upgrade("reception", url, revision=before)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (id, immigration_person_id, full_name, date_of_birth, nationality, residence_basis, "
                "asylum_centre, asylum_centre_contact, expected_arrival_date, status, housing_status, created_at, "
                "created_by, version) VALUES (1, 'UDL-1', 'A B', '1990-01-01', 'SYR', 'asylum_7_1', 'C', 'K', "
                "'2026-01-24', 'opened', 'awaiting_check', '2026-01-20 10:00:00', 'x', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO volunteer (id, name, contact, skills, languages, availability, background_check) "
                "VALUES (1, 'Karen', 'k@example.dk', '', '', '', 'approved')"
            )
        )
        for match_id, next_due in ((1, "2026-03-15"), (2, "2026-12-01")):
            conn.execute(
                text(
                    "INSERT INTO volunteer_match (id, case_id, volunteer_id, kind, content, purpose, follow_up_days, "
                    "next_follow_up, status) VALUES (:id, 1, 1, 'mentor', 'Møder', 'Netværk', 30, :due, 'active')"
                ),
                {"id": match_id, "due": next_due},
            )
        for on in ("2026-10-02", "2026-11-01"):  # agreement 2 was followed up twice
            conn.execute(
                text("INSERT INTO match_follow_up (match_id, \"on\", note, by) VALUES (2, :on, 'Godt', 'x')"),
                {"on": on},
            )
    engine.dispose()
    upgrade("reception", url)
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, status, started_on, next_follow_up, ended_on, end_reason, end_note "
                "FROM volunteer_match ORDER BY id"
            )
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        (1, "active", "2026-02-13", "2026-03-15", None, None, ""),  # 15.03 less 30 days (no leap day in 2026)
        (2, "active", "2026-10-02", "2026-12-01", None, None, ""),
    ]
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE volunteer_match SET status = 'ended', ended_on = '2026-11-20', end_reason = 'as_agreed', "
                "next_follow_up = NULL WHERE id = 2"
            )
        )
    engine.dispose()
    # And back: the rows survive; the ended one keeps its status and gets its end date as its follow-up date.
    command.downgrade(alembic_config("reception", url), before)
    engine = create_engine(url)
    with engine.connect() as conn:
        back = conn.execute(text("SELECT id, status, next_follow_up FROM volunteer_match ORDER BY id")).all()
        assert conn.execute(text("SELECT COUNT(*) FROM match_follow_up")).scalar() == 2
    engine.dispose()
    assert [tuple(r) for r in back] == [(1, "active", "2026-03-15"), (2, "ended", "2026-11-20")]
