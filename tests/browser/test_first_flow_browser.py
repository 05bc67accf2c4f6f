"""The first flow as caseworkers do it, in a real headless Chromium against the running system.

Jobcentret receives Udlændingestyrelsen's handover and agrees the arrival in reception's pages; the
arrival shows on housing's readiness board (through real Celery workers), where Social- og
Psykiatriafdelingen registers a unit and assigns it; the board turns green and the address shows
on reception's case page, which updates itself. The clicks of the main task are counted.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from tests.browser.conftest import EVENT_WAIT_MS, case_id_from, dk, screenshot

pytestmark = pytest.mark.browser

# KMD Momentum needs about 80 clicks to register a company internship; a handover with its arrival
# should take a caseworker a handful (ENGINEERING.md §7). Picking from a drop-down counts as a click.
MAX_CLICKS_HANDOVER_AND_ARRIVAL = 8
MAX_CLICKS_UNIT_AND_ASSIGNMENT = 6


def test_handover_to_ready_home_in_a_handful_of_clicks(system, desk):
    reception, housing = system.url("reception"), system.url("housing")
    arrival = copenhagen_today() + timedelta(days=4)  # inside the warning window: red until a unit is assigned
    person_id = f"UDL-{uuid.uuid4().hex[:10]}"
    address = f"Egegårdsvej {uuid.uuid4().int % 90 + 10}, st. th."

    # Social- og Psykiatriafdelingen keeps the readiness board open: it must show news without a reload.
    social = desk()
    board = social.page
    board.goto(f"{housing}/")
    social.sign_in("Sofie Social", "Social- og Psykiatriafdelingen")
    expect(board.get_by_role("heading", level=1)).to_have_text("Midlertidig bolig – klar til ankomst")
    board.evaluate("window.boardNotReloaded = true")

    # Jobcentret: sign in, register the handover, agree the arrival.
    jobcentret = desk()
    page = jobcentret.page
    page.goto(f"{reception}/")
    jobcentret.sign_in("Jonas Jobcenter", "Jobcentret")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modtagelse – sager")
    jobcentret.click(page.get_by_role("link", name="Registrér myndighedsoverdragelse"))

    page.get_by_label("Udlændingestyrelsens personnummer").fill(person_id)
    page.get_by_label("Fulde navn").fill("Amina Hassan")
    page.locator("#date_of_birth").fill("1990-04-12")
    page.get_by_label("Nationalitet").fill("SYR")
    jobcentret.choose(page.get_by_label("Opholdsgrundlag"), "Asyl, beskyttelsesstatus (§ 7, stk. 2)")
    page.get_by_label("Asylcenter", exact=True).fill("Center Sandholm")
    page.get_by_label("Kontakt på asylcentret").fill("Mette Holm, 72 11 22 33")
    page.locator("#member_0_name").fill("Yusuf Hassan")
    page.locator("#member_0_dob").fill("2016-09-01")
    jobcentret.choose(page.locator("#member_0_relation"), "Barn")
    page.get_by_label("Forventet ankomstdato").fill((arrival + timedelta(days=10)).isoformat())
    jobcentret.click(page.get_by_role("button", name="Opret sag"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Amina Hassan")
    case_id = case_id_from(page)
    expect(page.locator(".case-facts")).to_contain_text("2 personer")

    page.get_by_label("Ankomstdato").fill(arrival.isoformat())
    page.get_by_label("Sted").fill("Rødovre Station")
    page.get_by_label("Hvem henter / modtager").fill("Jonas Jobcenter")
    jobcentret.click(page.get_by_role("button", name="Gem ankomstaftale"))
    expect(page.locator("#arrival-summary")).to_contain_text(f"{dk(arrival)}, Rødovre Station, ved Jonas Jobcenter")
    expect(page.locator("#case-status")).to_have_text("Ankomst aftalt")
    # Housing asked for a placement (an event back from housing's worker): the page updates itself.
    expect(page.locator("#housing-status")).to_contain_text("Mangler bolig", timeout=EVENT_WAIT_MS)
    screenshot(page, "case_page_before_housing")
    handover_clicks = jobcentret.clicks

    # The arrival appears on the open board (red): it polls itself (htmx); the agreed date came as an event.
    row = board.locator(f'#board tr[data-case="{case_id}"]')
    expect(row.locator(".arrival-date")).to_have_text(dk(arrival), timeout=EVENT_WAIT_MS)
    assert board.evaluate("window.boardNotReloaded === true"), "the board was reloaded, not updated in place"
    expect(row.locator("[data-colour]")).to_have_attribute("data-colour", "red")
    expect(row.locator("[data-colour]")).to_have_text("Rød – mangler bolig")
    expect(row).to_contain_text("2 personer")
    screenshot(board, "board_red")

    # Register a unit and assign it.
    board.get_by_label("Adresse").fill(address)
    board.get_by_label("Antal senge").fill("4")
    board.get_by_label("Klar fra").fill(copenhagen_today().isoformat())
    social.click(board.get_by_role("button", name="Opret bolig"))
    expect(board.locator("#units")).to_contain_text(address)

    unit_choice = row.get_by_label("Bolig")
    social.choose(unit_choice, f"{address} (4 ledige senge, klar {dk(copenhagen_today())})")
    social.click(row.get_by_role("button", name="Anvis"))
    expect(row.locator("[data-colour]")).to_have_attribute("data-colour", "green")
    expect(row.locator("[data-colour]")).to_have_text("Grøn – bolig klar")
    expect(row.locator(".assigned-address")).to_have_text(address)
    screenshot(board, "board_green")
    assignment_clicks = social.clicks

    # Back at Jobcentret's open case page: the address arrives by event, and htmx shows it without a reload.
    expect(page.locator("#housing-address")).to_have_text(address, timeout=EVENT_WAIT_MS)
    expect(page.locator("#housing")).to_contain_text("Midlertidig bolig anvist")
    screenshot(page, "case_page_with_address")

    print(f"clicks: handover and arrival {handover_clicks}, unit and assignment {assignment_clicks}")
    assert handover_clicks <= MAX_CLICKS_HANDOVER_AND_ARRIVAL, handover_clicks
    assert assignment_clicks <= MAX_CLICKS_UNIT_AND_ASSIGNMENT, assignment_clicks


def test_a_form_error_is_danish_next_to_the_field_and_keeps_what_was_typed(system, desk):
    jobcentret = desk()
    page = jobcentret.page
    page.goto(f"{system.url('reception')}/overdragelser/ny")
    jobcentret.sign_in("Jonas Jobcenter", "Jobcentret")

    person_id = f"UDL-{uuid.uuid4().hex[:10]}"
    page.get_by_label("Udlændingestyrelsens personnummer").fill(person_id)
    page.get_by_label("Fulde navn").fill("Amina Hassan")
    page.locator("#date_of_birth").fill((copenhagen_today() + timedelta(days=3)).isoformat())  # in the future
    page.get_by_label("Nationalitet").fill("XYZ")  # no such country
    jobcentret.choose(page.get_by_label("Opholdsgrundlag"), "Kvoteflygtning (§ 8)")
    page.get_by_label("Asylcenter", exact=True).fill("Center Sandholm")
    # "Kontakt på asylcentret" is left empty; so is the expected arrival date.
    page.get_by_role("button", name="Opret sag").click()

    # The error summary at the top links each error to its field.
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Der er fejl i formularen")
    expect(summary.get_by_role("link", name="Nationalitet: Angiv landekode med tre bogstaver")).to_have_attribute(
        "href", "#nationality"
    )
    expect(page).to_have_title("Fejl: Myndighedsoverdragelse – Modtagelse – Rødovre Kommune")

    def error_next_to(field_id: str) -> str:
        """The field's error message: inside the field's form group and named by its aria-describedby."""
        field = page.locator(f"#{field_id}")
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        assert f"{field_id}-error" in described.split(), described
        group = page.locator(".form-group.form-error", has=field)
        return " ".join(group.locator(f"#{field_id}-error").inner_text().split())

    assert error_next_to("date_of_birth") == "Fejl: Datoen må ikke ligge i fremtiden"
    assert error_next_to("nationality") == "Fejl: Angiv landekode med tre bogstaver (fx SYR, AFG, UKR)"
    assert error_next_to("asylum_centre_contact") == "Fejl: Feltet skal udfyldes"
    assert error_next_to("expected_arrival_date") == "Fejl: Feltet skal udfyldes"
    # Fields without errors are not marked.
    expect(page.locator("#full_name")).not_to_have_attribute("aria-invalid", "true")

    # What the caseworker typed is still there, the wrong values too, so they can correct them.
    expect(page.locator("#immigration_person_id")).to_have_value(person_id)
    expect(page.locator("#full_name")).to_have_value("Amina Hassan")
    expect(page.locator("#nationality")).to_have_value("XYZ")
    expect(page.locator("#asylum_centre")).to_have_value("Center Sandholm")
    expect(page.locator("#residence_basis")).to_have_value("quota_8")
    screenshot(page, "handover_form_errors")

    # Correcting the errors creates the case.
    page.locator("#date_of_birth").fill("1988-02-29")
    page.locator("#nationality").fill("AFG")
    page.locator("#asylum_centre_contact").fill("Mette Holm, 72 11 22 33")
    page.locator("#expected_arrival_date").fill((copenhagen_today() + timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Opret sag").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amina Hassan")
    expect(page.locator(".case-facts")).to_contain_text("29.02.1988")
