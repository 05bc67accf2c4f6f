"""R1: finding a case by name, case number, Udlændingestyrelsen's person id or CPR number (JSON and page).

The seed is reception's own data: cases opened by Udlændingestyrelsen's handover (``POST /handovers``),
one of them with a CPR number registered (as Borgerservice's CPR registration does), and a family
member on each. What is checked: which departments may search and see what, that a CPR number typed
by a department that may not see CPR numbers finds nothing (no oracle), that LIKE wildcards are
plain characters, the 2–100 character rule in English (API) and Danish (page), and the access log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from reception.cases.models import AccessLog, Case
from shared.auth import COOKIE, Department
from shared.crypto import digest
from tests.conftest import token
from tests.reception.helpers import handover

UDL, JC, BS, OK, HEALTH, FRI = (
    Department.UDLAENDINGESTYRELSEN,
    Department.JOBCENTRET,
    Department.BORGERSERVICE,
    Department.OKONOMI,
    Department.SUNDHEDSCENTRET,
    Department.FRIVILLIGHED,
)
CPR = "020190-1234"  # Amina Haddad's, born 1990-01-02 (the helper's date of birth)


@dataclass(frozen=True)
class Seed:
    amina: dict  # Amina Haddad, child Omar Haddad, CPR registered
    soren: dict  # Søren Østergård, spouse Åse Blåbær
    percent: dict  # "Test 100% Navn_A": LIKE's wildcards in a name


def _open(app, **overrides) -> dict:
    resp = app.client.post("/handovers", json=handover(**overrides), headers=app.as_(UDL))
    assert resp.status_code == 201, resp.text
    return resp.json()


@pytest.fixture
def seed(make_app):
    """R1: three cases from Udlændingestyrelsen's handover; Amina Haddad's CPR number registered."""
    app = make_app("reception")
    amina = _open(app)
    soren = _open(
        app,
        full_name="Søren Østergård",
        date_of_birth="1985-06-07",
        family_members=[{"full_name": "Åse Blåbær", "date_of_birth": "1987-01-01", "relation": "spouse"}],
    )
    percent = _open(app, full_name="Test 100% Navn_A", family_members=[])
    with app.factory.begin() as session:  # what Borgerservice's CPR registration (R3) writes
        session.execute(update(Case).where(Case.id == amina["id"]).values(cpr=CPR, cpr_digest=digest(CPR)))
    return app, Seed(amina=amina, soren=soren, percent=percent)


def _search(app, q: str, department: Department = JC, user: str = "testbruger"):
    return app.client.get("/cases/search", params={"q": q}, headers=app.as_(department, user))


def _found(app, q: str, department: Department = JC) -> list[int]:
    resp = _search(app, q, department)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["count"] == len(body["cases"])
    return [c["id"] for c in body["cases"]]


def test_r1_search_by_part_of_a_name_any_case_with_danish_letters(seed):
    app, s = seed
    assert _found(app, "haddad") == [s.amina["id"]]
    assert _found(app, "  AMINA ") == [s.amina["id"]]  # stripped, case-insensitive
    assert _found(app, "østergård") == [s.soren["id"]]
    assert _found(app, "ØSTERGÅRD") == [s.soren["id"]]
    assert _found(app, "sØrEn øst") == [s.soren["id"]]
    # Typed with a combining ring (as some keyboards and copy-paste give it): still "å".
    assert _found(app, unicodedata.normalize("NFD", "Østergård")) == [s.soren["id"]]
    # Diacritics as typed: "o" is not "ø", "aa" is not "å".
    assert _found(app, "ostergard") == []
    assert _found(app, "Østergaard") == []


def test_r1_search_finds_a_case_by_a_family_members_name(seed):
    app, s = seed
    assert _found(app, "BLÅBÆR") == [s.soren["id"]]
    assert _found(app, "omar") == [s.amina["id"]]
    summary = _search(app, "åse blå").json()["cases"][0]
    # The summary is the case list's, for the person on the case.
    assert summary["full_name"] == "Søren Østergård"
    assert set(summary) == {
        "id",
        "case_number",
        "full_name",
        "expected_arrival_date",
        "arrival_date",
        "status",
        "housing_status",
        "cpr",
    }


def test_r11_a_family_reunification_case_is_found_by_its_own_name(seed):
    app, s = seed
    joined = app.client.post(
        f"/cases/{s.amina['id']}/family-reunification",
        json=handover(full_name="Layla Haddad", residence_basis="family_reunification_9", family_members=[]),
        headers=app.as_(JC),
    )
    assert joined.status_code == 201, joined.text
    assert _found(app, "layla") == [joined.json()["id"]]
    assert _found(app, "Haddad") == [joined.json()["id"], s.amina["id"]]  # newest first


def test_r1_search_by_exact_case_number_and_immigration_person_id(seed):
    app, s = seed
    assert _found(app, s.soren["case_number"]) == [s.soren["id"]]
    assert _found(app, s.amina["immigration_person_id"]) == [s.amina["id"]]
    # Exact only: part of a number or id finds nothing.
    assert _found(app, s.soren["case_number"][:-1]) == []
    assert _found(app, s.amina["immigration_person_id"][:-2]) == []


def test_r1_cpr_finds_the_case_for_departments_that_may_see_cpr(seed):
    app, s = seed
    for department in (BS, JC, OK):
        for typed in (CPR, CPR.replace("-", ""), f"  {CPR} "):
            body = _search(app, typed, department).json()
            assert body["count"] == 1, (department, typed)
            assert body["cases"][0]["id"] == s.amina["id"]
            assert body["cases"][0]["cpr"] == CPR  # shown whole, as on the case
    assert _found(app, "020190-1235", BS) == []


def test_r1_cpr_typed_by_a_department_that_may_not_see_it_finds_nothing_without_a_hint(seed):
    app, s = seed
    nobodys = _search(app, "150385-4321", HEALTH)
    for typed in (CPR, CPR.replace("-", "")):
        resp = _search(app, typed, HEALTH)
        assert resp.status_code == 200
        # The same answer as for a CPR number no case has: nothing to tell them apart.
        assert resp.json() == nobodys.json() == {"count": 0, "cases": []}
        assert resp.content == nobodys.content
    assert _found(app, CPR, FRI) == []
    # Found by name, their summary has the CPR number masked, as on the case.
    hit = _search(app, "amina", HEALTH).json()["cases"][0]
    assert hit["id"] == s.amina["id"] and hit["cpr"] == "020190-XXXX"


def test_r1_like_wildcards_in_the_query_are_plain_characters(seed):
    app, s = seed
    assert _found(app, "%%") == []
    assert _found(app, "a%") == []
    assert _found(app, "__") == []
    assert _found(app, "_a") == [s.percent["id"]]
    assert _found(app, "100%") == [s.percent["id"]]
    assert _found(app, "0% navn_") == [s.percent["id"]]
    assert _found(app, "\\%") == []


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("a", "at least 2 characters"),
        ("   a   ", "at least 2 characters"),
        ("", "at least 2 characters"),
        ("x" * 101, "at most 100 characters"),
        ("ab\x00cd", "control characters"),
        ("ab\x07", "control characters"),
    ],
)
def test_r1_query_must_be_2_to_100_characters_without_control_characters(seed, q, message):
    app, _ = seed
    resp = _search(app, q)
    assert resp.status_code == 422
    detail = resp.json()["detail"]
    assert detail.startswith("invalid request: query.q: ") and message in detail
    assert q.strip() not in detail or len(q.strip()) < 2  # what was typed is not echoed


def test_r1_query_is_required_and_100_characters_after_stripping_are_fine(seed):
    app, _ = seed
    resp = app.client.get("/cases/search", headers=app.as_(JC))
    assert resp.status_code == 422 and "query.q: Field required" in resp.json()["detail"]
    assert _search(app, f"  {'x' * 100}  ").status_code == 200


def test_r1_search_needs_a_token_and_a_case_reading_department(seed):
    app, _ = seed
    resp = app.client.get("/cases/search", params={"q": "haddad"})
    assert resp.status_code == 401
    assert app.client.get("/cases/search", params={"q": "h"}).status_code == 401  # before validation
    for department in (UDL, Department.BORGMESTERKONTORET, Department.INTEGRATIONSRAADET, Department.DRIFT):
        assert _search(app, "haddad", department).status_code == 403, department
    with app.factory() as session:
        assert session.scalars(select(AccessLog).where(AccessLog.action == "search_cases")).all() == []


def test_r1_every_search_is_access_logged_with_its_kind_and_never_the_cpr_number(seed):
    app, _ = seed
    _search(app, CPR.replace("-", ""), BS, "bs-anna")
    _search(app, CPR, HEALTH, "sc-bo")
    _search(app, "Østergård", JC, "jc-lise")
    with app.factory() as session:
        rows = session.scalars(select(AccessLog).where(AccessLog.action == "search_cases").order_by(AccessLog.id))
        logged = [(r.user, r.department, r.case_id, r.criteria) for r in rows]
    assert logged == [
        ("bs-anna", "borgerservice", None, "kind=cpr q=020190-XXXX found=1"),
        ("sc-bo", "sundhedscentret", None, "kind=cpr q=020190-XXXX found=0"),
        ("jc-lise", "jobcentret", None, "kind=text q=Østergård found=1"),
    ]
    with app.factory() as session:
        every = " ".join(str(r.criteria) for r in session.scalars(select(AccessLog)))
    assert "1234" not in every


def test_r1_at_most_50_newest_first_with_the_count_of_all(make_app):
    """R1: 52 handovers of people named Nielsen."""
    app = make_app("reception")
    ids = [_open(app, full_name=f"Jens Nielsen {i}", family_members=[])["id"] for i in range(52)]
    body = _search(app, "nielsen").json()
    assert body["count"] == 52
    assert [c["id"] for c in body["cases"]] == sorted(ids, reverse=True)[:50]


# The Danish page: the search field on the case list.


def _page(app, department: Department, q: str | None):
    app.client.cookies.set(COOKIE, token(department, "Test Testesen"))
    return app.client.get("/", params={} if q is None else {"q": q}, follow_redirects=False)


def _rows(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr data-case="(\d+)"', html)]


def test_r1_page_search_shows_the_cases_found_in_the_case_table(seed):
    app, s = seed
    page = _page(app, JC, None)
    assert page.status_code == 200
    assert 'role="search"' in page.text and '<label class="form-label" for="q">Søg efter sag</label>' in page.text
    assert "Navn, sagsnummer, Udlændingestyrelsens person-id eller CPR-nummer" in page.text
    assert sorted(_rows(page.text)) == sorted([s.amina["id"], s.soren["id"], s.percent["id"]])

    found = _page(app, JC, "blåbær")
    assert found.status_code == 200
    assert "1 sag fundet." in found.text and 'id="cases"' in found.text
    assert _rows(found.text) == [s.soren["id"]]
    assert 'value="blåbær"' in found.text
    assert f'<a href="/sager/{s.soren["id"]}">{s.soren["case_number"]}</a>' in found.text

    two = _page(app, BS, "st")  # "Test 100% Navn_A" and "Søren Østergård", newest first
    assert "2 sager fundet." in two.text and _rows(two.text) == [s.percent["id"], s.soren["id"]]
    assert _rows(_page(app, BS, CPR).text) == [s.amina["id"]]
    assert _rows(_page(app, HEALTH, CPR).text) == []

    none = _page(app, JC, "Zoltan")
    assert none.status_code == 200
    assert "Ingen sager fundet for »Zoltan«." in none.text and 'id="cases"' not in none.text
    with app.factory() as session:
        kinds = [r.criteria for r in session.scalars(select(AccessLog).where(AccessLog.action == "search_cases"))]
    assert "kind=text q=blåbær found=1" in kinds and "kind=cpr q=020190-XXXX found=1" in kinds


def test_r1_page_search_too_short_is_a_danish_error_next_to_the_field(seed):
    app, _ = seed
    page = _page(app, JC, " x ")
    assert page.status_code == 422
    field = re.search(r'<input[^>]*id="q"[^>]*>', page.text)
    assert field and 'aria-invalid="true"' in field.group(0) and "q-error" in field.group(0)
    assert 'value=" x "' in field.group(0)  # what was typed, to correct it
    message = re.search(r'id="q-error"><span class="sr-only">Fejl: </span>([^<]*)<', page.text)
    assert message and message.group(1) == "Skriv mindst 2 tegn for at søge"
    long = _page(app, JC, "y" * 101)
    assert long.status_code == 422 and "Skriv højst 100 tegn" in long.text
    nul = _page(app, JC, "ab\x00")
    assert nul.status_code == 422 and "Teksten indeholder ugyldige tegn" in nul.text and "\x00" not in nul.text
    # An empty field is no search: the whole list.
    empty = _page(app, JC, "  ")
    assert empty.status_code == 200 and "Fejl:" not in empty.text and len(_rows(empty.text)) == 3


def test_r1_page_search_needs_a_case_reading_department(seed):
    app, _ = seed
    assert _page(app, UDL, "haddad").status_code == 403
    app.client.cookies.clear()
    assert app.client.get("/", params={"q": "haddad"}, follow_redirects=False).status_code == 303
