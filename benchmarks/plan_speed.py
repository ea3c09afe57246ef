"""How long loading the rulebook and planning take (run by hand; figures go in the README).

Target from the core issue: planning an incident that touches every jurisdiction in under
5 ms, so the app can replan on every keystroke. Loading and validating the rule files is
measured separately (it happens once at start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import statistics
from dataclasses import replace
from datetime import date

from benchmarks.timing import timed
from notifyplanner import memo
from notifyplanner.engine import plan
from notifyplanner.model import DataElement, EntityRole, Incident
from notifyplanner.places import JURISDICTIONS
from notifyplanner.rulebook import BUNDLED_RULES, check_rules, load_rulebook


def main() -> None:
    load_ms = timed(load_rulebook, 5)
    check_ms = timed(lambda: check_rules(BUNDLED_RULES), 3)
    rulebook = load_rulebook()
    incident = Incident(
        name="every jurisdiction",
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2026, 10, 2),
        determined=date(2026, 10, 9),
        data_elements=frozenset(
            {DataElement.NAME, DataElement.SSN, DataElement.MEDICAL, DataElement.FINANCIAL_ACCOUNT}
        ),
        source_of_breach=True,
        residents={code: 1000 + i * 997 for i, code in enumerate(JURISDICTIONS)},
    )
    plan(incident, rulebook)  # warm the holiday caches, as the app does at start-up

    def cold() -> None:
        memo._MEMOS.clear()  # no memoized state results: every state computed afresh
        plan(incident, rulebook)

    plan_ms = timed(cold, 200)
    # a keystroke changes one count: the replan path the app takes
    edits = [replace(incident, residents={**incident.residents, "TX": n}) for n in range(200)]
    it = iter(edits)
    edit_ms = timed(lambda: plan(next(it), rulebook), 200)
    obligations = len(plan(incident, rulebook).obligations)
    print(f"rulebook: {len(rulebook.jurisdictions)} files")
    print(
        f"load rulebook (sealed files): median {statistics.median(load_ms):.1f} ms (min {min(load_ms):.1f})"
    )
    print(
        f"validate every file against the schema (rules check): median {statistics.median(check_ms):.0f} ms"
    )
    print(
        f"plan from scratch, {len(JURISDICTIONS)} jurisdictions, {obligations} obligations: "
        f"median {statistics.median(plan_ms):.2f} ms, p95 {sorted(plan_ms)[int(len(plan_ms) * 0.95)]:.2f} ms"
    )
    print(
        f"replan after editing one count (the app's keystroke path): median {statistics.median(edit_ms):.2f} ms"
    )


if __name__ == "__main__":
    main()
