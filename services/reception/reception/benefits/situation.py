"""The person's situation for the kontanthjælp suggestion, read from text (a query string or a page's form)
with a Danish message for each bad value."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reception.benefits.schemas import SituationIn
from shared.errors import Invalid
from shared.law.kontanthjaelp import MAX_CHILDREN

YES = {"1", "true", "ja", "on", "yes"}
NO = {"", "0", "false", "nej", "off", "no"}
LABELS = {
    "start_date": "Startdato",
    "birth_date": "Fødselsdato",
    "children": "Antal børn",
    "lives_with_spouse": "Gift eller samlevende",
    "lives_with_parents": "Hjemmeboende",
    "meets_residence_requirement": "Opholds- og beskæftigelseskravet opfyldt",
}


def _date(field: str, raw: str | None) -> date:
    text = (raw or "").strip()
    if not text:
        message = f"Angiv {LABELS[field].lower()}"
        raise Invalid(message, field=field, danish=message)
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = f"{LABELS[field]}: »{text[:20]}« er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-03-15"
        raise Invalid(message, field=field, danish=message) from None


def _flag(field: str, raw: str | None) -> bool:
    text = (raw or "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    message = f"{LABELS[field]}: »{text[:20]}« skal være ja eller nej"
    raise Invalid(message, field=field, danish=message)


def _children(raw: str | None) -> int:
    text = (raw or "").strip() or "0"
    if not text.isdigit() or int(text) > MAX_CHILDREN:
        message = f"Antal børn: »{text[:20]}« skal være et helt tal mellem 0 og {MAX_CHILDREN}"
        raise Invalid(message, field="children", danish=message)
    return int(text)


def parse_situation(values: Mapping[str, str | None]) -> tuple[SituationIn, date]:
    """The situation and the start date from text values; ``Invalid`` (field, Danish message) for a bad one."""
    start = _date("start_date", values.get("start_date"))
    situation = SituationIn(
        birth_date=_date("birth_date", values.get("birth_date")),
        children=_children(values.get("children")),
        lives_with_spouse=_flag("lives_with_spouse", values.get("lives_with_spouse")),
        lives_with_parents=_flag("lives_with_parents", values.get("lives_with_parents")),
        meets_residence_requirement=_flag("meets_residence_requirement", values.get("meets_residence_requirement")),
    )
    return situation, start
