"""Notices shown at the top of every page of a service while something holds for everyone (a § 4 b order in
force): a service installs its sources once (``install``); ``render`` puts what they say into the page's
``notices``, which base.html shows above the content (the ``notices`` block, macro ``notices`` in _components.html).

A source reads in the request's own session when the page has one (``Db``/``ReadDb`` keep it on
``request.state.db``): on SQLite every transaction takes the write lock (BEGIN IMMEDIATE), so a second session
during the request's transaction would wait for it. A source that fails shows nothing; the page still renders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from fastapi import FastAPI, Request
from sqlalchemy.orm import Session

from shared.law.influx import InfluxOrder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One banner: ``key`` names it on the page (id ``notice-<key>``); ``link`` is (href, text) or None."""

    key: str
    heading: str | None
    text: str
    link: tuple[str, str] | None = None
    variant: str = "warning"  # a DKFDS alert: info, warning


NoticeSource = Callable[[Session], Sequence[Notice]]


def install(app: FastAPI, *sources: NoticeSource) -> None:
    """Show what ``sources`` say on every page of ``app`` (signed-in pages: the sign-in page shows none)."""
    app.state.notice_sources = tuple(getattr(app.state, "notice_sources", ())) + sources


def notices_for(request: Request) -> list[Notice]:
    """What the app's sources say now, read in the request's session when it has one."""
    sources: tuple[NoticeSource, ...] = getattr(request.app.state, "notice_sources", ())
    if not sources:
        return []
    try:
        session: Session | None = getattr(request.state, "db", None)
        if session is not None and session.in_transaction():  # the request's, still open (not after an error)
            with session.begin_nested():  # a failing read must not spoil the request's own transaction
                return [notice for source in sources for notice in source(session)]
        with request.app.state.runtime.session_factory() as own:
            return [notice for source in sources for notice in source(own)]
    except Exception:
        log.exception("a page notice could not be read; the page is shown without it")
        return []


def influx_notice(orders: Sequence[InfluxOrder], *, link: tuple[str, str] | None = None) -> list[Notice]:
    """The banner while § 4 b orders stand today (one notice naming them all; none without orders)."""
    if not orders:
        return []
    names = ", ".join(order.reference for order in orders)
    periods = "; ".join(
        f"{order.reference}: forlænget med {order.extra_months} måneder for borgere, hvor ansvaret overgår "
        f"{dk_date(order.applies_from)}–{dk_date(order.applies_to)}"
        for order in orders
    )
    return [
        Notice(
            key="influx",
            heading=None,  # the text opens with what it is about
            text=(
                "Større tilstrømning: fristerne for tilbud og danskuddannelse er suspenderet efter "
                f"integrationsloven § 4 b ({names}). {periods}."
            ),
            link=link,
        )
    ]


def dk_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")
