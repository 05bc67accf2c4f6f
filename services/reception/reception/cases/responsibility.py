"""When the municipality takes over responsibility for a person (integrationsloven § 4), and what counts from it.

The days themselves come from shared/law (``shared.law.integrationsloven``), never computed here:

- Asylum (udlændingelovens § 7) and the special act for Ukraine: at the end of the first whole month
  after Udlændingestyrelsen's placement decision (visitationsafgørelse), moved to the next weekday when
  that 1st is a weekend day or a helligdag (§ 4, stk. 2: ``responsibility_day``). Earlier with the
  person's consent (§ 4, stk. 2, 3. pkt.: ``responsibility_by_consent``).
- Quota refugees (§ 8) and the family-reunified (§ 9): from the day of the registration in CPR as moved
  to the municipality, the registration's own date (§ 4, stk. 3: ``responsibility_at_cpr_registration``).

From that day the integration contract is due within one month (§ 19, stk. 1: ``contract_due``).
"""

from __future__ import annotations

import enum

from reception.cases.schemas import ResidenceBasis

# Bases whose responsibility starts at CPR registration; every other basis follows the placement decision.
AT_CPR_REGISTRATION = frozenset({ResidenceBasis.QUOTA_8.value, ResidenceBasis.FAMILY_REUNIFICATION_9.value})


class Basis(enum.StrEnum):
    PLACEMENT_RULE = "placement_rule"
    CPR_REGISTRATION = "cpr_registration"
    CONSENT = "consent"


BASIS_LABELS = {
    Basis.PLACEMENT_RULE.value: "udgangen af første hele måned efter visitationsafgørelsen, dog første hverdag "
    "(integrationslovens § 4, stk. 2)",
    Basis.CPR_REGISTRATION.value: "fra registreringen i CPR (kvoteflygtning eller familiesammenført, § 4, stk. 3)",
    Basis.CONSENT.value: "tidligere, efter samtykke fra borgeren (§ 4, stk. 2)",
}
