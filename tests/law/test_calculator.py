"""The deadline calculator (Fristberegner) in every service: the JSON route, the Danish page, the command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from shared.auth import COOKIE, Department
from tests.conftest import ServiceApp, token

MakeApp = Callable[[str], ServiceApp]
ROOT = Path(__file__).resolve().parents[2]
HTML = {"Accept": "text/html"}


@pytest.mark.parametrize("service", ["reception", "housing", "education", "employment", "council"])
def test_every_service_answers_the_appeal_deadline_of_a_decision_of_27_november_2026(
    make_app: MakeApp, service: str
) -> None:
    """Defect 3 of the issue, through the route: 28 December 2026, not Christmas Day."""
    app = make_app(service)
    response = app.client.get(
        "/law/rsl67-appeal", params={"decision_on": "2026-11-27", "delivery": "digital"},
        headers=app.as_(Department.JOBCENTRET),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rule"] == "rsl67-appeal"
    assert body["due"] == "2026-12-28"
    assert body["reference"] == "retssikkerhedsloven § 67, stk. 1"
    assert "juledag" in body["explanation"]


def test_the_route_answers_a_schedule_as_a_list_of_dates(make_app: MakeApp) -> None:
    app = make_app("housing")
    response = app.client.get(
        "/law/inl20-followups", params={"visitation_completed_on": "2026-01-31"},
        headers=app.as_(Department.SOCIAL_PSYKIATRI),
    )
    assert response.status_code == 200
    assert response.json()["due"] == ["2026-03-14", "2026-04-25", "2026-06-06", "2026-07-31"]


def test_the_route_answers_the_responsibility_day_of_a_decision_of_30_november_2026(make_app: MakeApp) -> None:
    """Defect 4 of the issue: 4 January 2027, not nytårsdag."""
    app = make_app("housing")
    response = app.client.get(
        "/law/inl4-responsibility", params={"placement_decided_on": "2026-11-30"},
        headers=app.as_(Department.JOBCENTRET),
    )
    assert response.json()["due"] == "2027-01-04"


def test_the_route_lists_every_rule_with_its_parameters(make_app: MakeApp) -> None:
    app = make_app("housing")
    response = app.client.get("/law", headers=app.as_(Department.JOBCENTRET))
    rules = {rule["rule"]: rule for rule in response.json()}
    assert set(rules) >= {
        "inl4-responsibility", "inl19-contract", "inl16-programme", "dul5-start", "dul5-start-application",
        "inl20-followups", "rsl67-appeal", "aktl-deduction-deadline",
    }
    delivery = rules["rsl67-appeal"]["parameters"][1]
    assert delivery == {"name": "delivery", "label": "Måden, afgørelsen blev sendt på", "type": "choice",
                        "choices": ["digital", "letter"]}


def test_an_unknown_rule_is_404_with_a_danish_message(make_app: MakeApp) -> None:
    app = make_app("housing")
    response = app.client.get("/law/inl99-nothing", headers=app.as_(Department.JOBCENTRET))
    assert response.status_code == 404
    assert "inl99-nothing" in response.json()["detail"]
    assert "findes ikke" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field", "says"),
    [
        ({"delivery": "digital"}, "decision_on", "Angiv afgørelsens dato"),
        ({"decision_on": "27-11-2026", "delivery": "digital"}, "decision_on", "er ikke en dato"),
        ({"decision_on": "2026-02-30", "delivery": "digital"}, "decision_on", "februar 2026 har ikke en 30. dag"),
        ({"decision_on": "2026-13-01", "delivery": "digital"}, "decision_on", "måned 13 findes ikke"),
        ({"decision_on": "9999-12-31", "delivery": "digital"}, "decision_on", "mellem år 1900 og 2200"),
        ({"decision_on": "2026-11-27", "delivery": "fax"}, "delivery", "»fax« kendes ikke"),
        ({"decision_on": "2026-11-27"}, "delivery", "Vælg måden"),
    ],
    ids=["missing-date", "not-iso", "impossible-date", "no-such-month", "out-of-range", "unknown-delivery",
         "missing-delivery"],
)
def test_bad_parameters_are_422_with_a_danish_message_naming_the_field(
    make_app: MakeApp, params: dict[str, str], field: str, says: str
) -> None:
    app = make_app("housing")
    response = app.client.get("/law/rsl67-appeal", params=params, headers=app.as_(Department.JOBCENTRET))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert says in response.json()["detail"]


def test_the_route_needs_a_signed_in_user(make_app: MakeApp) -> None:
    app = make_app("housing")
    response = app.client.get("/law/aktl-deduction-deadline", params={"breach_on": "2026-01-15"})
    assert response.status_code == 401


def _sign_in(app: ServiceApp, department: Department) -> None:
    app.client.cookies.set(COOKIE, token(department, "Tina Test"))


def test_the_page_shows_the_deadline_and_why_in_danish(make_app: MakeApp) -> None:
    app = make_app("education")
    _sign_in(app, Department.JOBCENTRET)
    response = app.client.get(
        "/fristberegner",
        params={"rule": "rsl67-appeal", "decision_on": "2026-11-27", "delivery": "digital", "calculate": "1"},
        headers=HTML,
    )
    assert response.status_code == 200
    page = response.text
    assert "28.12.2026" in page
    assert "Hvorfor denne frist?" in page
    assert "retssikkerhedsloven § 67, stk. 1" in page
    assert "juledag" in page


def test_the_page_shows_a_schedule_as_a_list(make_app: MakeApp) -> None:
    app = make_app("employment")
    _sign_in(app, Department.JOBCENTRET)
    response = app.client.get(
        "/fristberegner",
        params={"rule": "inl20-followups", "visitation_completed_on": "2026-01-31", "calculate": "1"},
        headers=HTML,
    )
    assert response.status_code == 200
    for day in ("14.03.2026", "25.04.2026", "06.06.2026", "31.07.2026"):
        assert day in response.text


def test_choosing_a_rule_on_the_page_shows_its_fields_without_errors(make_app: MakeApp) -> None:
    app = make_app("council")
    _sign_in(app, Department.INTEGRATIONSRAADET)
    response = app.client.get("/fristberegner", params={"rule": "aktl-deduction-deadline"}, headers=HTML)
    assert response.status_code == 200
    assert 'name="breach_on"' in response.text
    assert "form-error-message" not in response.text


def test_a_bad_date_on_the_page_is_422_with_the_danish_error_next_to_the_field(make_app: MakeApp) -> None:
    app = make_app("housing")
    _sign_in(app, Department.SOCIAL_PSYKIATRI)
    response = app.client.get(
        "/fristberegner",
        params={"rule": "rsl67-appeal", "decision_on": "2026-02-30", "delivery": "digital", "calculate": "1"},
        headers=HTML,
    )
    assert response.status_code == 422
    page = response.text
    error = 'id="decision_on-error"'
    assert error in page
    after = page[page.index(error):]
    assert "februar 2026 har ikke en 30. dag" in after[:400]
    assert 'value="2026-02-30"' in page  # what was typed is kept
    assert "Hvorfor denne frist?" not in page


def test_the_page_sends_a_visitor_who_is_not_signed_in_to_sign_in(make_app: MakeApp) -> None:
    app = make_app("housing")
    response = app.client.get("/fristberegner", headers=HTML, follow_redirects=False)
    assert response.status_code == 303
    assert "/login" in response.headers["location"]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shared.law", *args], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )


def test_the_command_prints_the_deadline_as_json() -> None:
    done = _cli("due", "inl4-responsibility", "placement_decided_on=2026-11-30")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["rule"] == "inl4-responsibility"
    assert body["due"] == "2027-01-04"
    assert body["reference"] == "integrationsloven § 4, stk. 2"
    assert "nytårsdag" in body["explanation"]


def test_the_command_prints_a_deduction_deadline() -> None:
    done = _cli("due", "aktl-deduction-deadline", "breach_on=2026-01-15")
    assert json.loads(done.stdout)["due"] == "2026-04-30"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("due", "inl99-nothing"), "findes ikke"),
        (("due", "rsl67-appeal", "decision_on=2026-02-30", "delivery=digital"), "februar 2026 har ikke en 30. dag"),
        (("due", "rsl67-appeal", "decision_on=2026-11-27", "delivery=fax"), "»fax« kendes ikke"),
        (("due", "rsl67-appeal", "decision_on=2026-11-27"), "Vælg måden"),
        (("due", "dul5-start", "2026-11-27"), "navn=værdi"),
        (("due", "dul5-start", "start=2026-11-27"), "kender ikke »start«"),
        (("due",), "Brug:"),
        ((), "Brug:"),
    ],
    ids=[
        "unknown-rule", "impossible-date", "unknown-delivery", "missing", "no-key", "unknown-key", "no-rule",
        "nothing",
    ],
)
def test_bad_input_to_the_command_says_what_is_wrong_in_danish_and_exits_2(args: tuple[str, ...], says: str) -> None:
    done = _cli(*args)
    assert done.returncode == 2
    assert says in done.stderr
    assert done.stdout == ""


def test_an_unknown_rule_on_the_page_is_422_with_the_danish_error_at_the_choice(make_app: MakeApp) -> None:
    app = make_app("reception")
    _sign_in(app, Department.JOBCENTRET)
    response = app.client.get("/fristberegner", params={"rule": "inl99-nothing", "calculate": "1"}, headers=HTML)
    assert response.status_code == 422
    assert 'id="rule-error"' in response.text
    assert "Vælg en af reglerne på listen." in response.text
