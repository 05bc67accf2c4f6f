"""A household from the readiness board to permanent housing, through housing's pages only, in a real Chromium.

Social- og Psykiatriafdelingen assigns a temporary unit on the board and completes the move-in checklist;
Borgerservice registers the permanent housing need, prioritises it with a written reason, offers an
association's dwelling by need and records that the household accepted. The temporary placement ends
and reception learns of the permanent home (an event through the real workers). Clicks are counted.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from shared.auth import Department
from shared.clock import today as copenhagen_today  # the services' dates are Copenhagen's
from shared.testing.processes import wait_for
from tests.browser.conftest import EVENT_WAIT_MS, dk, screenshot
from tests.reception.helpers import arrival, handover

pytestmark = pytest.mark.browser

# Sign-in (2) + unit (1) + assignment (2) + to the checklist (1) + three ticks and save (4).
MAX_CLICKS_BOARD_TO_MOVED_IN = 10
# Sign-in (2) + association (1) + need (2) + priority (1) + offer (2 or 3) + the household's answer (2).
MAX_CLICKS_NEED_TO_ACCEPTED = 11


def test_h1_h2_h5_h6_board_to_permanent_home_through_the_housing_pages(system, desk):
    housing = system.url("housing")
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    jobcentret = system.client("reception", Department.JOBCENTRET)
    case_id = udl.post("/handovers", json=handover(full_name="Amina Haddad")).json()["id"]
    assert jobcentret.post(f"/cases/{case_id}/arrival", json=arrival()).status_code == 200
    case_number = jobcentret.get(f"/cases/{case_id}").json()["case_number"]
    address = f"Egegårdsvej {uuid.uuid4().int % 90 + 10}, 2. tv."
    dwelling = f"Hendriksholms Boulevard {uuid.uuid4().int % 90 + 10}, st. th."
    association = f"Rødovre Almennyttige Boligselskab {uuid.uuid4().hex[:6]}"

    # Social- og Psykiatriafdelingen: the arrival is on the board; a unit is made and assigned.
    social = desk()
    page = social.page
    page.goto(f"{housing}/")
    social.sign_in("Sofie Social", "Social- og Psykiatriafdelingen")
    row = page.locator(f'#board tr[data-case="{case_id}"]')
    expect(row).to_be_visible(timeout=EVENT_WAIT_MS)
    page.get_by_label("Adresse").fill(address)
    page.get_by_label("Antal senge").fill("4")
    page.get_by_label("Klar fra").fill(copenhagen_today().isoformat())
    social.click(page.get_by_role("button", name="Opret bolig"))
    social.choose(row.get_by_label("Bolig"), f"{address} (4 ledige senge, klar {dk(copenhagen_today())})")
    social.click(row.get_by_role("button", name="Anvis"))
    expect(row.locator("[data-colour]")).to_have_attribute("data-colour", "green")

    # From the board to the move-in checklist: it says what is missing until every point is done.
    social.click(row.get_by_role("link", name=f"Indflytning for sag {case_number}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Etablering i midlertidig bolig – sag {case_number}")
    expect(page.locator("#missing")).to_contain_text("Nøgler udleveret")
    for label in ("Nøgler udleveret", "Husorden gennemgået", "Vejledning givet (affald, varme, vaskeri, nærområde)"):
        social.click(page.get_by_label(label))
        expect(page.get_by_label(label)).to_be_checked()
    page.get_by_label("El-måler").fill("12345,6")
    page.get_by_label("Vandmåler").fill("321")
    page.get_by_label("Varmemåler").fill("88")
    social.click(page.get_by_role("button", name="Gem tjekliste"))
    expect(page.locator("#move-in-done")).to_contain_text(f"Indflytningen er registreret {dk(copenhagen_today())}")
    screenshot(page, "housing_move_in_done")
    move_in_clicks = social.clicks

    # Borgerservice: housing association, the need, priority with reason, an offer by need, the answer.
    borgerservice = desk()
    bs = borgerservice.page
    bs.goto(f"{housing}/permanent")
    borgerservice.sign_in("Bente Borgerservice", "Borgerservice")
    expect(bs.get_by_role("heading", level=1)).to_have_text("Fremskaffelse af permanent bolig")
    bs.get_by_label("Boligselskab", exact=True).fill(association)
    bs.get_by_label("Kontakt", exact=True).fill("udlejning@rab.dk")
    borgerservice.click(bs.get_by_role("button", name="Registrér boligselskab"))
    expect(bs.locator("#associations")).to_contain_text(association)

    borgerservice.choose(bs.get_by_label("Sag", exact=True), case_number)
    bs.get_by_label("Antal personer").fill("2")
    bs.get_by_label("Antal værelser").fill("2")
    bs.get_by_label("Bolig senest").fill((copenhagen_today() + timedelta(days=90)).isoformat())
    borgerservice.click(bs.get_by_role("button", name="Sæt på ventelisten"))
    expect(bs.get_by_role("heading", level=1)).to_have_text(f"Permanent bolig – sag {case_number}")
    expect(bs.locator("#need-status")).to_have_text("På ventelisten")
    expect(bs.locator("#position")).to_have_text(re.compile(r"^[1-9][0-9]*$"))  # its place on the waiting list

    bs.locator("#priority_reason").fill("Barn med astma: fugtfri bolig nødvendig")
    borgerservice.click(bs.get_by_role("button", name="Prioritér"))
    expect(bs.locator("#priority")).to_contain_text("Barn med astma: fugtfri bolig nødvendig")

    available = copenhagen_today() + timedelta(days=20)
    borgerservice.choose(bs.get_by_label("Boligselskab", exact=True), association)
    bs.get_by_label("Adresse").fill(dwelling)
    bs.get_by_label("Værelser").fill("2")
    bs.get_by_label("Husleje pr. måned (kr.)").fill("6.250,00")
    bs.get_by_label("Ledig fra").fill(available.isoformat())
    expect(bs.get_by_label("Efter behov (prioriteret)")).to_be_checked()  # chosen for a prioritised household
    bs.locator("#offer_reason").fill("Stuelejlighed uden fugt")
    borgerservice.click(bs.get_by_role("button", name="Giv tilbud"))
    offer = bs.locator("section.offer", has_text=dwelling)
    expect(offer).to_contain_text("6.250,00 kr.")
    expect(offer).to_contain_text("Afventer svar")

    borgerservice.click(offer.get_by_label("Takker ja"))
    offer.get_by_label("Begrundelse for svaret").fill("Familien takker ja")
    borgerservice.click(offer.get_by_role("button", name="Registrér svar"))
    expect(bs.locator("#need-status")).to_have_text("Permanent bolig tildelt")
    expect(bs.locator("#decisions tbody tr")).to_have_count(4)
    expect(bs.locator("#decisions")).to_contain_text("Husstanden takkede ja")
    expect(bs.locator("#decisions")).to_contain_text("Bente Borgerservice")
    screenshot(bs, "housing_permanent_accepted")
    permanent_clicks = borgerservice.clicks

    # The temporary placement ended on the move-in date, and reception hears of the permanent home.
    page.reload()  # Social- og Psykiatriafdelingen's page, still on the checklist
    expect(page.locator("#assignment-status")).to_have_text(f"Fraflyttet {dk(available)} (permanent bolig)")
    wait_for(
        lambda: jobcentret.get(f"/cases/{case_id}").json()["housing"]["status"] == "permanent",
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="reception shows the permanent home",
    )

    print(f"clicks: board to moved in {move_in_clicks}, need to accepted {permanent_clicks}")
    assert move_in_clicks <= MAX_CLICKS_BOARD_TO_MOVED_IN, move_in_clicks
    assert permanent_clicks <= MAX_CLICKS_NEED_TO_ACCEPTED, permanent_clicks
