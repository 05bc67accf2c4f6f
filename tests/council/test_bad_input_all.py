"""Bad input on every council endpoint (C1–C4): a 4xx with a message, and nothing written.

For each endpoint a valid body is the starting point; each case breaks one thing (a missing field, a
wrong type, a NUL byte, too-long text, an impossible or implausible date, an out-of-range number, an
unknown field), or the path names an unknown or oversized id. The whole database is compared before and
after: not one row added or changed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from council.db import Base
from shared.auth import Department
from shared.bus.models import OutboxMessage
from tests.council.helpers import JC, day, post

BIG = 2**64
TERM = {"term_start": "2026-01-01", "term_end": "2029-12-31"}


def _snapshot(app) -> dict[str, list[tuple[Any, ...]]]:
    with app.factory() as session:
        tables = {
            t.name: sorted(map(tuple, session.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables
        }
        tables["outbox"] = [(r.id,) for r in session.scalars(select(OutboxMessage))]
        return tables


def _world(app) -> dict[str, int]:
    """One of everything, each in the state its endpoints need."""
    ids: dict[str, int] = {}
    ids["member"] = post(app, "/members", {"name": "M", "organisation": "O", **TERM})["id"]
    meeting = post(app, "/meetings", {"meeting_date": day(-1), "place": "Rådhuset"})
    ids["meeting"] = meeting["id"]
    ids["item"] = post(app, f"/meetings/{meeting['id']}/items", {"title": "P", "kind": "decision"})["id"]
    ids["consultation"] = post(
        app, "/consultations", {"title": "H", "from_body": "U", "received_on": day(-1), "reply_due": day(5)}
    )["id"]
    ids["prepared"] = post(
        app, "/consultations", {"title": "H2", "from_body": "U", "received_on": day(-1), "reply_due": day(5)}
    )["id"]
    post(app, f"/consultations/{ids['prepared']}/prepare", {"version": 1}, status=200)
    post(app, "/announcements", {"title": "A", "text": "T"})
    # an election in nomination, one in voting, one counted with a tie (8 candidates, no votes, 7 seats)
    nomination = post(app, "/elections", {**TERM, "seats": 7})
    ids["election"] = nomination["id"]
    ids["candidate"] = post(app, f"/elections/{nomination['id']}/candidates", {"name": "K", "nominated_by": "F"})["id"]
    voting = post(app, "/elections", {"term_start": "2030-01-01", "term_end": "2033-12-31", "seats": 7})
    ids["voting"] = voting["id"]
    ids["voting_candidate"] = post(app, f"/elections/{voting['id']}/candidates", {"name": "K", "nominated_by": "F"})[
        "id"
    ]
    app.client.put(f"/candidates/{ids['voting_candidate']}/eligibility", json={"eligible": True}, headers=app.as_(JC))
    ids["voter"] = post(app, f"/elections/{voting['id']}/voters", {"name": "V", "address": "A"})["id"]
    post(app, f"/elections/{voting['id']}/voting", {"version": 1}, status=200)
    counted = post(app, "/elections", {"term_start": "2022-01-01", "term_end": "2025-12-31", "seats": 7})
    ids["counted"] = counted["id"]
    for n in range(8):
        c = post(app, f"/elections/{counted['id']}/candidates", {"name": f"K{n}", "nominated_by": "F"})
        app.client.put(f"/candidates/{c['id']}/eligibility", json={"eligible": True}, headers=app.as_(JC))
        ids[f"tied{n}"] = c["id"]
    post(app, f"/elections/{counted['id']}/voting", {"version": 1}, status=200)
    post(app, f"/elections/{counted['id']}/count", {"version": 2}, status=200)
    team = post(app, "/team/meetings", {"meeting_date": day(-3), "participants": [{"department": "bkf"}]})
    ids["team"] = team["id"]
    ids["action"] = post(app, f"/team/meetings/{team['id']}/actions", {"text": "O", "owner": "bkf", "due_on": day(3)})[
        "id"
    ]
    activity = post(app, "/activities", {"title": "A", "activity_date": day(-1), "place": "P", "responsible": "R"})
    ids["activity"] = activity["id"]
    ids["task"] = post(app, f"/activities/{activity['id']}/tasks", {"text": "T", "owner": "O"})["id"]
    return ids


# (method, path template, a valid body) for every endpoint that takes a body
ENDPOINTS: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/members", {"name": "N", "organisation": "O", "role": "member", **TERM}),
    ("PATCH", "/members/{member}", {"version": 1, "role": "member", "organisation": "O", "term_end": "2029-06-30"}),
    ("POST", "/meetings", {"meeting_date": day(3), "place": "P"}),
    ("POST", "/meetings/{meeting}/items", {"title": "T", "description": "D", "kind": "orientation"}),
    ("PUT", "/meetings/{meeting}/items/order", {"item_ids": ["{item}"]}),
    ("PUT", "/agenda-items/{item}/minutes", {"minutes": "M", "version": 1}),
    ("POST", "/meetings/{meeting}/minutes/approve", {"version": 1}),
    ("POST", "/consultations", {"title": "T", "from_body": "F", "received_on": day(-1), "reply_due": day(3)}),
    ("POST", "/consultations/{consultation}/prepare", {"version": 1}),
    ("POST", "/consultations/{prepared}/reply", {"reply": "R", "version": 2}),
    ("POST", "/announcements", {"title": "T", "text": "X", "published_on": day(0)}),
    ("POST", "/elections", {"term_start": "2018-01-01", "term_end": "2021-12-31", "seats": 7}),
    ("POST", "/elections/{election}/candidates", {"name": "N", "nominated_by": "F"}),
    ("PUT", "/candidates/{candidate}/eligibility", {"eligible": True}),
    ("POST", "/elections/{election}/voters", {"name": "N", "address": "A"}),
    ("POST", "/elections/{election}/voting", {"version": 1}),
    ("POST", "/elections/{voting}/votes", {"voter_id": "{voter}", "candidate_id": "{voting_candidate}"}),
    ("POST", "/elections/{voting}/count", {"version": 2}),
    ("POST", "/elections/{counted}/lot", {"candidate_ids": ["{tied0}"], "witnesses": "Ole Hansen", "version": 3}),
    ("POST", "/elections/{counted}/recommendation", {"text": "T", "meeting_date": day(10), "version": 3}),
    ("POST", "/team/meetings", {"meeting_date": day(-40), "participants": [{"department": "bkf", "name": "N"}]}),
    ("POST", "/team/meetings/{team}/items", {"title": "T", "notes": "N"}),
    ("POST", "/team/meetings/{team}/actions", {"text": "T", "owner": "bkf", "due_on": day(5)}),
    ("PATCH", "/team/actions/{action}", {"status": "done", "version": 1}),
    (
        "POST",
        "/activities",
        {"title": "T", "activity_date": day(5), "place": "P", "responsible": "R", "description": ""},
    ),
    ("POST", "/activities/{activity}/status", {"status": "cancelled", "version": 1}),
    ("POST", "/activities/{activity}/tasks", {"text": "T", "owner": "O"}),
    ("PATCH", "/coordination-tasks/{task}", {"done": True, "version": 1}),
]
GETS = [
    "/meetings/{meeting}",
    "/consultations/{consultation}",
    "/elections/{election}",
    "/elections/{election}/candidates",
    "/elections/{election}/voters",
    "/elections/{counted}/results",
    "/team/meetings/{team}",
    "/activities/{activity}",
]
DATE_FIELDS = {
    "term_start",
    "term_end",
    "meeting_date",
    "received_on",
    "reply_due",
    "published_on",
    "due_on",
    "activity_date",
}


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


OPTIONAL = {"role", "description", "notes", "published_on"}
# Fields an update may leave out (only what is sent changes).
OPTIONAL_IN = {"/members/{member}": {"role", "organisation", "term_end"}}


def _variants(body: dict[str, Any], optional: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """Each variant breaks exactly one thing of a valid body."""
    out: list[tuple[str, dict[str, Any]]] = [("unknown field", {**body, "unexpected": 1})]
    for key, value in body.items():
        out.append((f"{key} wrong type", {**body, key: {"x": 1}}))
        if key in DATE_FIELDS:
            out.append((f"{key} impossible", {**body, key: "2026-02-30"}))
            out.append((f"{key} implausible", {**body, key: "0001-01-01"}))
        elif isinstance(value, str):
            out.append((f"{key} NUL", {**body, key: "a\x00b"}))
            out.append((f"{key} too long", {**body, key: "x" * 6000}))
        elif isinstance(value, bool):
            out.append((f"{key} not a boolean", {**body, key: "måske"}))
        elif isinstance(value, int):
            out.append((f"{key} negative", {**body, key: -1}))
            out.append((f"{key} oversized", {**body, key: BIG}))
        elif isinstance(value, list):
            out.append((f"{key} empty", {**body, key: []}))
            out.append((f"{key} oversized id", {**body, key: [BIG]}))
        if key not in optional:
            out.append((f"{key} missing", {k: v for k, v in body.items() if k != key}))
    return out


@pytest.fixture
def world(make_app):
    app = make_app("council")
    return app, _world(app)


def _check(app, method: str, path: str, body: Any, what: str) -> None:
    resp = app.client.request(method, path, json=body, headers=app.as_(JC))
    assert 400 <= resp.status_code < 500, (what, path, resp.status_code, resp.text)
    detail = resp.json().get("detail")
    assert detail, (what, path, resp.text)


def test_c1_c2_c3_c4_bad_bodies_are_4xx_with_a_message_and_write_nothing(world):
    app, ids = world
    before = _snapshot(app)
    checked = 0
    for method, template, valid in ENDPOINTS:
        path = template.format(**ids)
        body = {k: _fill(v, ids) for k, v in valid.items()}
        for what, variant in _variants(body, OPTIONAL | OPTIONAL_IN.get(template, set())):
            _check(app, method, path, variant, what)
            checked += 1
        _check(app, method, path, "not an object", "body not an object")
        _check(app, method, path, None, "no body")
    assert checked > 250
    assert _snapshot(app) == before


def test_c1_c2_c3_c4_unknown_and_oversized_ids_are_4xx_and_write_nothing(world):
    app, ids = world
    before = _snapshot(app)
    for method, template, valid in ENDPOINTS:
        if "{" not in template:
            continue
        body = {k: _fill(v, ids) for k, v in valid.items()}
        for bad_id, expected in ((999_999, 404), (BIG, 422), (0, 422)):
            path = template.format(**dict.fromkeys(ids, bad_id))
            resp = app.client.request(method, path, json=body, headers=app.as_(JC))
            assert resp.status_code == expected, (path, resp.status_code, resp.text)
            assert resp.json()["detail"]
    for template in GETS:
        for bad_id, expected in ((999_999, 404), (BIG, 422)):
            resp = app.client.get(template.format(**dict.fromkeys(ids, bad_id)), headers=app.as_(JC))
            assert resp.status_code == expected, (template, resp.status_code, resp.text)
    assert _snapshot(app) == before


def test_c1_c2_c3_c4_unknown_ids_in_bodies_are_404_and_write_nothing(world):
    app, ids = world
    before = _snapshot(app)
    for field in ("voter_id", "candidate_id"):
        body = {"voter_id": ids["voter"], "candidate_id": ids["voting_candidate"], field: 999_999}
        resp = app.client.post(f"/elections/{ids['voting']}/votes", json=body, headers=app.as_(JC))
        assert resp.status_code == 404 and field in resp.json().get("field", ""), resp.text
    other = app.client.post(
        f"/elections/{ids['voting']}/votes",
        json={"voter_id": ids["voter"], "candidate_id": ids["candidate"]},  # a candidate of another election
        headers=app.as_(JC),
    )
    assert other.status_code == 404
    resp = app.client.put(f"/meetings/{ids['meeting']}/items/order", json={"item_ids": [999_999]}, headers=app.as_(JC))
    assert resp.status_code == 422
    assert _snapshot(app) == before


def test_c1_c2_c3_c4_every_write_needs_a_token_and_the_secretariat(world):
    app, ids = world
    before = _snapshot(app)
    for method, template, valid in ENDPOINTS:
        path = template.format(**ids)
        body = {k: _fill(v, ids) for k, v in valid.items()}
        assert app.client.request(method, path, json=body).status_code == 401, path
        for dept in (Department.INTEGRATIONSRAADET, Department.DRIFT, Department.BKF):
            resp = app.client.request(method, path, json=body, headers=app.as_(dept))
            assert resp.status_code == 403, (path, dept, resp.text)
    assert _snapshot(app) == before
