"""When the municipality takes over responsibility for a person (integrationsloven § 4), and what counts from it.

- Asylum (udlændingelovens § 7) and the special act for Ukraine: at the end of the first whole month
  after Udlændingestyrelsen's placement decision (visitationsafgørelse). The decision's own month is
  never whole "after" it, so a decision in March hands over at the end of April: responsibility from
  1 May. Earlier with the person's consent (set by the caseworker, with the consent noted).
- Quota refugees (§ 8) and the family-reunified (§ 9): at CPR registration.

From that day the integration contract is due within one month (§ 19).
"""

from __future__ import annotations

import enum
from datetime import date

from reception.cases.schemas import ResidenceBasis

# Bases whose responsibility starts at CPR registration; every other basis follows the placement decision.
AT_CPR_REGISTRATION = frozenset({ResidenceBasis.QUOTA_8.value, ResidenceBasis.FAMILY_REUNIFICATION_9.value})


class Basis(enum.StrEnum):
    PLACEMENT_RULE = "placement_rule"
    CPR_REGISTRATION = "cpr_registration"
    CONSENT = "consent"


BASIS_LABELS = {
    Basis.PLACEMENT_RULE.value: "udgangen af første hele måned efter visitationsafgørelsen (integrationslovens § 4)",
    Basis.CPR_REGISTRATION.value: "ved CPR-registrering (kvoteflygtning eller familiesammenført, § 4)",
    Basis.CONSENT.value: "tidligere, efter samtykke fra borgeren (§ 4)",
}


def by_placement_rule(residence_basis: str, placement_decided_on: date | None) -> date | None:
    """The first day of the municipality's responsibility under the placement rule, or None when the
    basis starts at CPR registration or the decision's date is not known."""
    if residence_basis in AT_CPR_REGISTRATION or placement_decided_on is None:
        return None
    month = placement_decided_on.month + 2  # the decision's month, the whole month after it, then this one
    return date(placement_decided_on.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
