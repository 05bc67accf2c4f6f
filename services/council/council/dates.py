"""Date checks the council's forms share: plausible dates, and the four-year term."""

from __future__ import annotations

from datetime import date, timedelta

from shared import clock
from shared.errors import Invalid


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


def last_day_of_term(term_start: date) -> date:
    """A four-year term (the municipal election period) ends the day before its fourth anniversary."""
    return years_after(term_start, 4) - timedelta(days=1)
