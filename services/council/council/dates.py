"""Date checks the council's forms share: plausible dates, and the term (the municipal election period)."""

from __future__ import annotations

from datetime import date

from shared import clock
from shared.errors import Invalid
from shared.law.kommunalvalgloven import council_term


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February when the year has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def plausible(day: date, *, field: str, past_years: int = 10, future_years: int = 5) -> date:
    """Refuse a date too far back or ahead to be a real one for the council (a typing error)."""
    today = clock.today()
    if day < years_after(today, -past_years) or day > years_after(today, future_years):
        raise Invalid(
            f"{field} {day.isoformat()} is not within {past_years} years back and {future_years} years ahead",
            field=field,
            danish=f"Datoen skal ligge inden for {past_years} år tilbage og {future_years} år frem",
        )
    return day


def not_in_future(day: date, *, field: str) -> date:
    if day > clock.today():
        raise Invalid(f"{field} must not be in the future", field=field, danish="Datoen må ikke ligge i fremtiden")
    return plausible(day, field=field)


def term_of(day: date) -> tuple[date, date]:
    """The council's term (the municipal election period) ``day`` falls in: integrationsloven § 42, stk. 3."""
    first, last = council_term(day).due
    return first, last


def term_why(day: date) -> str:
    """Why the term of ``day`` runs as it does, in Danish (the act's § and the election period)."""
    return council_term(day).explanation


def check_within_term(start: date, end: date, *, field: str = "term_end") -> None:
    """A member's or an election's period lies within one municipal election period (§ 42, stk. 3)."""
    first, last = term_of(start)
    if end < start:
        raise Invalid(f"{field} is before the start", field=field, danish="Slutdatoen ligger før startdatoen")
    if end > last:
        raise Invalid(
            "the council's term follows the municipal election period (integrationsloven § 42, stk. 3), "
            f"which ends {last.isoformat()}",
            field=field,
            danish=f"Rådets funktionsperiode følger den kommunale valgperiode {first:%d.%m.%Y}–{last:%d.%m.%Y} "
            f"(integrationsloven § 42, stk. 3): seneste slutdato er {last:%d.%m.%Y}",
        )
