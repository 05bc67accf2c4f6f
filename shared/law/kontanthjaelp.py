"""Kontanthjælp (lov om aktiv socialpolitik, kap. 4, §§ 16–20, as amended by lov nr. 1655 af 30. december 2024,
the kontanthjælpsreform): the rate table by year and the amount suggested from a person's situation.

Since 1 July 2025 help to support oneself under the act's chapter 4 is paid as **kontanthjælp**: uddannelseshjælp,
overgangsydelse and selvforsørgelses- og hjemrejseydelse (the former "introduktionsydelse") were abolished
(ændringslov nr. 1655 af 30.12.2024 refers to them as "de tidligere gældende §§ 22–25" and to the new help as
"kontanthjælp efter §§ 16–20"). The new structure (borger.dk, "Integrationsindsats og arbejdspligt"): satserne er
mindstesats, grundsats, forhøjet sats og satser til hjemmeboende under 30 år; tillæg: børnetillæg, tillæg til
enlige forsørgere, tillæg til enlige ikke-forsørgere, særligt ungetillæg, midlertidigt tilpasningstillæg og
fritidstillæg. Børnetillæg is one per provider whatever the number of children (kalundborg.dk, "Tillæg til
kontanthjælp"); the tillæg til enlige forsørgere goes with mindstesats or grundsats, the tillæg til enlige
ikke-forsørgere with grundsats or forhøjet sats (same page).

Who gets which sats (aalborg.dk, "Det skal du vide om det nye kontanthjælpssystem"): mindstesats for a person who
does not meet the opholds- og beskæftigelseskrav (aktivloven § 11, stk. 3 og 8 — most newly arrived refugees);
the rate for hjemmeboende under 30 who do not provide for a child in the home; grundsats for those under 30 (it
follows SU); forhøjet sats for those 30 or over (and for those 25–29 with 2½ years' ordinary full-time work within
10 years, which the caseworker enters as a different amount with a reason). Tillæg: børnetillæg; tillæg til enlige
forsørgere (with mindstesats or grundsats); tillæg til enlige ikke-forsørgere (with grundsats or forhøjet sats).
Not covered (the caseworker enters a different amount with a reason): særligt ungetillæg (aktivitetsparate under
30), midlertidigt tilpasningstillæg, fritidstillæg (per child, paid apart), fradrag for income and the spouse's
means (§ 30 ff.).

**Every figure has its source.** A figure whose source says ``SKAL_BEKRAEFTES`` could not be checked against the
ministry's published 2026 satser (Beskæftigelsesministeriet, "Satser for 2026 – kontanthjælp", bm.dk /
"Vejledning om satser m.v. 2026") when this table was written; Økonomisk Team must confirm it before relying on it.

How to add 2027: add one entry ``2027: YearRates(...)`` to ``RATES`` with the ministry's satser for 2027 and their
source (the satsreguleringsprocent applies from 1 January). Nothing else changes: a benefit starting in a year
takes that year's entry; a year after the last entry falls back to the last one and says so in the explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

RULE = "aktl-kontanthjaelp"
REFERENCE = "aktivloven §§ 16–20"
REFORM_IN_FORCE = date(2025, 7, 1)  # lov nr. 1655 af 30.12.2024: kontanthjælp replaces the abolished benefits
SKAL_BEKRAEFTES = "skal bekræftes"
YOUNG = 30  # under 30: grundsats or the rate for hjemmeboende; from 30: forhøjet sats
MAX_CHILDREN = 20

_BM_2026 = "Beskæftigelsesministeriet, Satser for 2026 – kontanthjælp (bm.dk)"
_KALUNDBORG_2025 = "kalundborg.dk, Tillæg til kontanthjælp, »Satser 2025«"


@dataclass(frozen=True)
class Figure:
    """One sats: kroner a month, the act's reference and where the figure comes from."""

    label: str
    amount: Decimal
    reference: str
    source: str

    @property
    def unverified(self) -> bool:
        return SKAL_BEKRAEFTES in self.source


@dataclass(frozen=True)
class YearRates:
    """A year's satser (from 1 January of ``year``)."""

    year: int
    mindstesats: Figure
    grundsats: Figure
    forhoejet_sats: Figure
    hjemmeboende_under_30: Figure
    boernetillaeg: Figure
    tillaeg_enlig_forsoerger: Figure
    tillaeg_enlig_ikke_forsoerger: Figure

    def figures(self) -> tuple[Figure, ...]:
        return (
            self.mindstesats,
            self.grundsats,
            self.forhoejet_sats,
            self.hjemmeboende_under_30,
            self.boernetillaeg,
            self.tillaeg_enlig_forsoerger,
            self.tillaeg_enlig_ikke_forsoerger,
        )


def _unverified(note: str = "") -> str:
    return f"{_BM_2026} – {SKAL_BEKRAEFTES}{'; ' + note if note else ''}"


RATES: Mapping[int, YearRates] = {
    2026: YearRates(
        year=2026,
        mindstesats=Figure(
            "Mindstesats",
            Decimal("6920.00"),
            REFERENCE,
            _unverified("skønnet ud fra 2025-niveauet for den tidligere selvforsørgelses- og hjemrejseydelse"),
        ),
        grundsats=Figure(
            "Grundsats",
            Decimal("8400.00"),
            REFERENCE,
            _unverified("skønnet ud fra den tidligere kontanthjælp til udeboende 25–29 år (7.699 kr. i 2023, bm.dk)"),
        ),
        forhoejet_sats=Figure(
            "Forhøjet sats",
            Decimal("11970.00"),
            REFERENCE,
            _unverified("skønnet ud fra 2025-niveauet for kontanthjælp, fyldt 30 år"),
        ),
        hjemmeboende_under_30=Figure(
            "Sats for hjemmeboende under 30 år",
            Decimal("3240.00"),
            REFERENCE,
            _unverified("skønnet ud fra 2025-niveauet for hjemmeboende under 30 år"),
        ),
        boernetillaeg=Figure(
            "Børnetillæg (ét pr. forsørger)",
            Decimal("2784.00"),
            REFERENCE,
            _unverified(f"2025-satsen fra {_KALUNDBORG_2025}; 2026-reguleringen mangler"),
        ),
        tillaeg_enlig_forsoerger=Figure(
            "Tillæg til enlige forsørgere",
            Decimal("1638.00"),
            REFERENCE,
            _unverified(f"2025-satsen fra {_KALUNDBORG_2025}; 2026-reguleringen mangler"),
        ),
        tillaeg_enlig_ikke_forsoerger=Figure(
            "Tillæg til enlige ikke-forsørgere",
            Decimal("1092.00"),
            REFERENCE,
            _unverified(f"2025-satsen fra {_KALUNDBORG_2025}; 2026-reguleringen mangler"),
        ),
    ),
}


class RateNotAvailable(LookupError):
    """No satser for the day asked (before the reform, or before the table's first year); ``message`` in Danish."""

    def __init__(self, message: str, field: str = "start_date") -> None:
        super().__init__(message)
        self.message, self.field = message, field


@dataclass(frozen=True)
class Situation:
    """What the suggestion needs to know about the person (no CPR number: the birth date only)."""

    birth_date: date
    children: int = 0  # children under 18 the person provides for
    lives_with_spouse: bool = False  # married or cohabiting (samlevende)
    lives_with_parents: bool = False  # hjemmeboende
    meets_residence_requirement: bool = False  # opholds- og beskæftigelseskravet, aktivloven § 11, stk. 3 og 8

    def __post_init__(self) -> None:
        if not 0 <= self.children <= MAX_CHILDREN:
            raise ValueError(f"children must be 0–{MAX_CHILDREN}")

    @property
    def provider(self) -> bool:
        return self.children > 0

    def as_text(self) -> str:
        """The basis as Danish prose, stored with the benefit."""
        parts = [
            f"født {self.birth_date.isoformat()}",
            f"forsørger {self.children} barn/børn" if self.provider else "ingen børn at forsørge",
            "gift/samlevende" if self.lives_with_spouse else "enlig",
        ]
        if self.lives_with_parents:
            parts.append("hjemmeboende")
        parts.append(
            "opfylder opholds- og beskæftigelseskravet"
            if self.meets_residence_requirement
            else "opfylder ikke opholds- og beskæftigelseskravet"
        )
        return ", ".join(parts)


@dataclass(frozen=True)
class Suggestion:
    """The suggested monthly kontanthjælp: the sum of ``lines``, the year whose satser were used, and why."""

    rule: str
    year: int
    amount: Decimal
    reference: str
    lines: tuple[Figure, ...]
    explanation: str

    @property
    def unverified(self) -> bool:
        return any(line.unverified for line in self.lines)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "year": self.year,
            "amount": str(self.amount),
            "reference": self.reference,
            "lines": [
                {"label": f.label, "amount": str(f.amount), "reference": f.reference, "source": f.source}
                for f in self.lines
            ],
            "explanation": self.explanation,
            "unverified": self.unverified,
        }


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day`` (someone born 29 February turns a year older on 1 March in other years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def rates_for(day: date) -> tuple[YearRates, str]:
    """The satser that apply on ``day`` and a note when a later year's entry is missing."""
    if day < REFORM_IN_FORCE:
        raise RateNotAvailable(
            f"Kontanthjælp efter de nye regler gælder fra 1. juli 2025; {day.isoformat()} ligger før."
        )
    first, last = min(RATES), max(RATES)
    if day.year < first:
        raise RateNotAvailable(f"Satstabellen har ingen satser for {day.year} (første år er {first}).")
    if day.year in RATES:
        return RATES[day.year], ""
    return RATES[last], (
        f" Satserne for {day.year} er ikke indlagt i tabellen endnu; {last}-satserne er brugt og skal reguleres."
    )


def suggest(situation: Situation, on: date) -> Suggestion:
    """aktivloven §§ 16–20: the monthly kontanthjælp for ``situation`` from ``on`` (the benefit's first day)."""
    if situation.birth_date > on:
        raise RateNotAvailable("Fødselsdatoen ligger efter ydelsens startdato.", "birth_date")
    table, note = rates_for(on)
    age = age_on(situation.birth_date, on)
    if age < 18:
        raise RateNotAvailable(f"Personen er {age} år; kontanthjælp gives fra 18 år.", "birth_date")
    single = not situation.lives_with_spouse
    if not situation.meets_residence_requirement:
        base = table.mindstesats
        why = "opfylder ikke opholds- og beskæftigelseskravet (aktivloven § 11, stk. 3 og 8): mindstesats"
    elif age < YOUNG and not situation.provider and situation.lives_with_parents:
        base = table.hjemmeboende_under_30
        why = f"{age} år, hjemmeboende og ikke forsørger: satsen for hjemmeboende under 30 år"
    elif age < YOUNG:
        base = table.grundsats
        why = f"{age} år{' og forsørger' if situation.provider else ', udeboende'}: grundsats"
    else:
        base = table.forhoejet_sats
        why = f"{age} år{' og forsørger' if situation.provider else ''}: forhøjet sats"
    lines = [base]
    reasons = [why]
    if situation.provider:
        lines.append(table.boernetillaeg)
        reasons.append(f"forsørger {situation.children} barn/børn under 18: ét børnetillæg uanset antallet")
        if single and base in (table.mindstesats, table.grundsats):
            lines.append(table.tillaeg_enlig_forsoerger)
            reasons.append("enlig forsørger: tillæg til enlige forsørgere")
    elif single and base in (table.grundsats, table.forhoejet_sats):
        lines.append(table.tillaeg_enlig_ikke_forsoerger)
        reasons.append(f"enlig uden børn på {base.label.lower()}: tillæg til enlige ikke-forsørgere")
    amount = sum((line.amount for line in lines), start=Decimal("0.00"))
    unverified = [line.label for line in lines if line.unverified]
    explanation = (
        f"Kontanthjælp efter {REFERENCE} med {table.year}-satserne: "
        + "; ".join(reasons)
        + ". "
        + " + ".join(f"{line.label} {line.amount} kr." for line in lines)
        + f" = {amount} kr. om måneden (før fradrag for indtægter og formue)."
        + note
        + (f" Satserne for {', '.join(unverified)} skal bekræftes." if unverified else "")
    )
    return Suggestion(RULE, table.year, amount, REFERENCE, tuple(lines), explanation)
