"""The banner on every employment page while a § 4 b order stands (the orders themselves are reception's page)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from employment.influx import service
from shared.settings import service_url
from shared.web.notices import Notice, influx_notice


def banner(session: Session) -> list[Notice]:
    link = (f"{service_url('reception')}/tilstroemning", "Se påbuddene om større tilstrømning i Modtagelsen")
    return influx_notice(service.standing_today(session), link=link)
