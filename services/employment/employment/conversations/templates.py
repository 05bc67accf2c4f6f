"""The conversation templates, defined in code: each a title and its questions (Danish, from the seed)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    required: bool = True
    choices: dict[str, str] = field(default_factory=dict)  # value → Danish label; empty: free text
    hint: str | None = None


@dataclass(frozen=True)
class Template:
    key: str
    row: str  # the DOMAIN.md row
    title: str
    questions: tuple[Question, ...]
    has_actions: bool = False  # B4: actions with institution/company and dates
    family_reunification_only: bool = False  # B9

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


MATCH_CLASSES = {"jobparat": "Jobparat", "aktivitetsparat": "Aktivitetsparat"}
YES_NO = {"ja": "Ja", "nej": "Nej"}

TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            "match",
            "B1",
            "Match – jobparat eller aktivitetsparat",
            (
                Question("work_experience", "Arbejdserfaring", hint="Job, brancher og antal år"),
                Question("education", "Uddannelse og skolegang"),
                Question("danish", "Danskkundskaber"),
                Question("health", "Helbred og begrænsninger", required=False),
                Question("wishes", "Borgerens ønsker til job og uddannelse", required=False),
                Question("conclusion", "Konklusion", choices=MATCH_CLASSES),
            ),
        ),
        Template(
            "resource_assessment",
            "B2",
            "Uddannelses- og ressourceafklaring",
            (
                Question("schooling", "Skolegang", hint="Antal år og i hvilket land"),
                Question("qualifications", "Uddannelse og eksamener"),
                Question("resources", "Kompetencer og ressourcer"),
                Question("barriers", "Barrierer", required=False),
                Question("education_goal", "Uddannelsesmål", required=False),
                Question("recognition_needed", "Behov for formel godkendelse af uddannelse", choices=YES_NO),
            ),
        ),
        Template(
            "plan",
            "B4",
            "Uddannelsesplan – jobplan",
            (
                Question("goal", "Mål", hint="Uddannelse eller job, borgeren sigter mod"),
                Question("milestones", "Delmål", required=False),
                Question("coordination", "Koordinering med aktører", required=False),
            ),
            has_actions=True,
        ),
        Template(
            "family_resources",
            "B9",
            "Afdækning af familieressourcer og beskæftigelsesplan",
            (
                Question("household", "Familiens sammensætning"),
                Question("family_resources", "Familiens ressourcer"),
                Question("reference_person", "Referencepersonens beskæftigelse", required=False),
                Question("childcare", "Børnepasning", required=False),
                Question("employment_plan", "Beskæftigelsesplan"),
            ),
            family_reunification_only=True,
        ),
    )
}
