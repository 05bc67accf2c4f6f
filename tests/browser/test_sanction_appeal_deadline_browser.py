"""R3 with E4 (issue 14), in a real Chromium against the running system: written guidance recorded in
September, an absence list with its days registered on education's page (3 and 5 November), the sanction it
proposes in reception heard on 10 November (14 days to reply) and decided on Friday 27 November 2026 by
Digital Post; the page shows the appeal deadline 28.12.2026 (4 weeks land on juledag; 2. juledag and the
Sunday follow) and why.

The case and its benefit are set up through the API; the steps the issue is about go through the pages.
The dates are the issue's: the November breaches can be deducted until 28 February 2027 (aktivloven § 35, stk. 3),
so from March 2027 no sanction is proposed for them and the course must move to later dates.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from shared.auth import Department
from shared.testing.processes import wait_for
from tests.browser.conftest import EVENT_WAIT_MS, screenshot
from tests.reception.helpers import handover, kontanthjaelp

pytestmark = pytest.mark.browser


def test_r3_e4_absence_list_to_a_decision_of_27_november_2026_with_its_appeal_deadline(system, desk):
    reception, education = system.url("reception"), system.url("education")
    udl = system.client("reception", Department.UDLAENDINGESTYRELSEN)
    finance_api = system.client("reception", Department.OKONOMI)
    education_api = system.client("education", Department.JOBCENTRET)
    case = udl.post("/handovers", json=handover(full_name="Yusuf Rahimi")).json()
    case_id, case_number = case["id"], case["case_number"]
    benefit = finance_api.post(
        f"/cases/{case_id}/benefits",
        json=kontanthjaelp(amount="12000.00", start="2026-09-01"),
    )
    assert benefit.status_code == 201, benefit.text

    # Jobcentret records the written guidance about attending Danish education (September).
    jobcentret = desk()
    jc = jobcentret.page
    jc.goto(f"{reception}/sager/{case_id}/forsorgelse")
    jobcentret.sign_in("Jonas Jobcenter", "Jobcentret")
    jobcentret.choose(jc.locator("#g-duty"), "Fremmøde på danskuddannelse")
    jc.locator("#g-given_on").fill("2026-09-15")
    jobcentret.choose(jc.locator("#g-how"), "Digital Post")
    jc.locator("#g-given_by").fill("Jonas Jobcenter")
    jobcentret.click(jc.get_by_role("button", name="Registrér vejledning"))
    expect(jc.locator("#guidance")).to_contain_text("Fremmøde på danskuddannelse")
    expect(jc.locator("#guidance")).to_contain_text("15.09.2026")

    # Education registers October's absence list with the days of the unexcused hours.
    wait_for(
        lambda: any(a["case_id"] == case_id for a in education_api.get("/language_assessments").json()),
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.25,
        message="education knows the case",
    )
    school = desk()
    ed = school.page
    ed.goto(f"{education}/fravaer")
    school.sign_in("Jonas Jobcenter", "Jobcentret")
    form = ed.locator('form[action="/fravaer"]')
    school.choose(form.get_by_label("Sag"), case_number)
    form.get_by_label("Hold eller modul").fill("DU2 modul 3")
    form.get_by_label("Periode fra").fill("2026-11-02")
    form.get_by_label("Periode til").fill("2026-11-06")
    form.get_by_label("Planlagte timer").fill("60")
    form.get_by_label("Fraværstimer", exact=True).fill("5")
    form.get_by_label("Fraværsdage").fill("03.11.2026: 3\n05.11.2026: 2")
    school.click(form.get_by_role("button", name="Registrér fravær"))
    expect(ed.locator("#absent-days")).to_contain_text("03.11.2026: 3 timer")
    expect(ed.locator("#absent-days")).to_contain_text("05.11.2026: 2 timer")

    # Økonomisk Team finds the proposal with one line per day, hears the citizen and decides.
    okonomi = desk()
    ok = okonomi.page
    ok.goto(f"{reception}/sager/{case_id}/forsorgelse")
    okonomi.sign_in("Olga Økonomi", "Økonomisk Team")
    sanction = ok.locator("article.sanction")

    def proposed() -> bool:
        ok.reload()
        return sanction.count() == 1

    wait_for(
        proposed,
        timeout=EVENT_WAIT_MS / 1000,
        interval=0.5,
        message="the sanction proposal in reception",
    )
    expect(sanction.locator(".sanction-status")).to_have_text("Foreslået – partshøring mangler")
    lines = sanction.locator(".sanction-lines tbody tr")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text("03.11.2026")
    expect(lines.first).to_contain_text("28.02.2027")  # 3 whole calendar months after November
    sanction.get_by_label("Partshøringens dato").fill("2026-11-10")
    sanction.get_by_label("Svarfrist i dage").fill("14")
    okonomi.click(sanction.get_by_role("button", name="Send partshøring"))
    expect(sanction.locator(".sanction-status")).to_have_text("I partshøring")
    expect(sanction.locator(".reply-deadline")).to_have_text("24.11.2026")
    okonomi.choose(sanction.get_by_label("Afgørelse"), "Sanktionen gennemføres (fradrag)")
    sanction.get_by_label("Begrundelse").fill("Borgeren er udeblevet uden gyldig grund og har ikke svaret")
    sanction.get_by_label("Dateret").fill("2026-11-27")
    okonomi.click(sanction.get_by_role("button", name="Træf afgørelse"))
    expect(sanction.locator(".sanction-status")).to_have_text("Besluttet – fradrag i næste udbetaling")
    expect(sanction.locator(".decision")).to_contain_text("27.11.2026, sendt med digital post")
    expect(sanction.locator(".appeal-deadline-date")).to_have_text("28.12.2026")
    expect(sanction.locator(".appeal-guidance")).to_contain_text("Rødovre Kommune")
    why = sanction.locator(".appeal-deadline details")
    okonomi.click(why.get_by_text("Hvorfor denne frist?"))
    expect(why.locator(".frist-hjemmel")).to_have_text("retssikkerhedsloven § 67, stk. 1")
    expect(why.locator(".frist-forklaring")).to_contain_text("fredag 25. december 2026")
    expect(why.locator(".frist-forklaring")).to_contain_text("mandag 28. december 2026")
    screenshot(ok, "sanction_appeal_deadline_28_december")
