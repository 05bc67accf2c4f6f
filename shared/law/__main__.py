"""``python -m shared.law due RULE key=value …``: print the deadline as JSON; ``python -m shared.law rules``
lists the rules. Bad input: a Danish message on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from shared.law.registry import RULES, LawInputError, UnknownRule, rule_named

USAGE = "Brug: python -m shared.law due REGEL navn=værdi … (eller: python -m shared.law rules)"


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["rules"] and len(argv) == 1:
        for rule in RULES.values():
            names = " ".join(f"{p.name}=…" for p in rule.parameters)
            print(f"{rule.id}\t{rule.reference}\t{names}")
        return 0
    if len(argv) < 2 or argv[0] != "due":
        print(USAGE, file=sys.stderr)
        return 2
    try:
        rule = rule_named(argv[1])
        values: dict[str, str] = {}
        for pair in argv[2:]:
            key, sep, value = pair.partition("=")
            if not sep or not key:
                raise LawInputError(key, f"»{pair}« skal skrives som navn=værdi.")
            if key not in {p.name for p in rule.parameters}:
                known = ", ".join(p.name for p in rule.parameters)
                raise LawInputError(key, f"Reglen {rule.id} kender ikke »{key}«. Den bruger: {known}.")
            values[key] = value
        result = rule.apply(values)
    except (UnknownRule, LawInputError) as error:
        print(error.message, file=sys.stderr)
        return 2
    print(json.dumps(result.as_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
