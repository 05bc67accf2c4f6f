"""Browser fixtures: Debian's headless Chromium driven by Playwright, against the running system.

``playwright install`` cannot download browsers here, so the tests launch the machine's chromium
(``apt-get install -y chromium``; ``dev.py test`` installs it when it can). Each caseworker gets a
browser context of their own, as two people at two desks would.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Events travel through real Celery workers: allow them this long to show in a page.
EVENT_WAIT_MS = 30_000


def chromium_path() -> str:
    found = os.environ.get("INTEGRATION_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        pytest.fail(
            f"no Chromium at {found}: install Debian's chromium (apt-get install -y chromium) "
            "or set INTEGRATION_CHROMIUM to a Chromium binary"
        )
    return found


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class Desk:
    """One caseworker's browser page, counting the clicks (and picks in a list) they make."""

    page: Page
    clicks: int = 0
    problems: list[str] = field(default_factory=list)

    def click(self, target: Locator) -> None:
        target.click()
        self.clicks += 1

    def choose(self, select: Locator, label: str) -> None:
        """Pick an option in a drop-down: one click for the caseworker (open and choose)."""
        select.select_option(label=label)
        self.clicks += 1

    def sign_in(self, user: str, department: str) -> None:
        """On the sign-in page a service redirected to: name, department, "Log ind"."""
        expect(self.page.get_by_role("heading", name="Log ind")).to_be_visible()
        self.page.get_by_label("Dit navn", exact=True).fill(user)
        self.choose(self.page.get_by_label("Afdeling", exact=True), department)
        self.click(self.page.get_by_role("button", name="Log ind"))
        expect(self.page.locator("#signed-in-as")).to_have_text(f"{user}, {department}")


@pytest.fixture
def desk(chromium: Browser) -> Iterator[Callable[[], Desk]]:
    """Factory: a fresh browser context (own cookies) per caseworker; fails the test on page errors."""
    contexts = []
    desks: list[Desk] = []

    def make() -> Desk:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        made = Desk(page)
        page.on("pageerror", lambda exc: made.problems.append(f"script error: {exc}"))
        page.on(
            "response",
            lambda r: made.problems.append(f"{r.status} {r.url}") if "/static/" in r.url and r.status >= 400 else None,
        )
        desks.append(made)
        return made

    yield make
    for context in contexts:
        context.close()
    problems = [p for d in desks for p in d.problems]
    assert not problems, f"the pages had script errors or missing static files: {problems}"


def dk(day: date) -> str:
    """A date as the pages show it (24.11.2026)."""
    return day.strftime("%d.%m.%Y")


def case_id_from(page: Page) -> int:
    match = re.search(r"/sager/(\d+)$", page.url)
    assert match, f"not on a case page: {page.url}"
    return int(match.group(1))


def screenshot(page: Page, name: str) -> None:
    """Keep a full-page screenshot when INTEGRATION_SCREENSHOTS names a folder (for a person to look at)."""
    folder = os.environ.get("INTEGRATION_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
