"""Validate the bundled rule files in full, then write jurisdictions/sealed.json.

Run after any change to a rule file or the schema. The app then skips re-running the
JSON Schema pass on bytes proven valid here (see notifyplanner.rulebook._sealed_digests).
"""

import json
import sys

from notifyplanner.rulebook import BUNDLED_RULES, SEAL_FILE, check_rules, seal


def main() -> int:
    problems = check_rules(BUNDLED_RULES)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("not sealed: fix the problems above first", file=sys.stderr)
        return 2
    data = seal(BUNDLED_RULES)
    (BUNDLED_RULES / SEAL_FILE).write_text(
        json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"sealed {len(data['files'])} rule files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
