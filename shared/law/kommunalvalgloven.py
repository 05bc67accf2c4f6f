"""The municipal election period (kommunal- og regionalvalgloven, LBK nr. 1079 af 2. september 2025 / earlier
consolidations, § 6) and the integration council's term that follows it (integrationsloven § 42, stk. 3).

§ 6, stk. 1: the members are elected for 4 years; stk. 2: the elections are held on the third Tuesday of
November 2009, 2013 "og så fremdeles"; stk. 3: "Valgperioden regnes fra 1. januar. Samtlige medlemmer afgår den
31. december i det år, hvor nyvalg har fundet sted" (also § 97, stk. 1). So the periods run 1 January 2010 –
31 December 2013, 2014–2017, … 2022–2025, 2026–2029, 2030–2033.

Integrationsloven § 42, stk. 3, 3. pkt.: "Rådets funktionsperiode følger den kommunale valgperiode." The act and
DOMAIN.md's table agree ("now 1 January 2026 – 31 December 2029"). (§ 97, stk. 2's re-election after an annulled
election, which keeps the old members on, is not modelled: it is rare and decided case by case.)
"""

from __future__ import annotations

from datetime import date

from shared.law.calendar import dk_long
from shared.law.result import Schedule

FIRST_PERIOD_START = 2010  # the first period after the 2009 election that § 6, stk. 2 names
PERIOD_YEARS = 4


def election_period(on: date) -> tuple[date, date]:
    """The first and last day of the municipal election period ``on`` falls in (kommunal- og regionalvalgloven
    § 6, stk. 1–3): four calendar years from 1 January after an election year (2010, 2014, … 2026, 2030)."""
    start_year = on.year - (on.year - FIRST_PERIOD_START) % PERIOD_YEARS
    return date(start_year, 1, 1), date(start_year + PERIOD_YEARS - 1, 12, 31)


def council_term(on: date) -> Schedule:
    """integrationsloven § 42, stk. 3, 3. pkt.: the integration council's term follows the municipal election
    period; the term ``on`` falls in, as (first day, last day)."""
    start, end = election_period(on)
    election_year = start.year - 1
    explanation = (
        "Integrationsrådets funktionsperiode følger den kommunale valgperiode. "
        f"Datoen {dk_long(on)} ligger i valgperioden efter kommunalvalget i november {election_year}: "
        f"fra {dk_long(start)} til {dk_long(end)} "
        "(kommunal- og regionalvalgloven § 6, stk. 1–3: 4 år regnet fra 1. januar efter valget)."
    )
    return Schedule("inl42-council-term", (start, end), "integrationsloven § 42, stk. 3", explanation)
