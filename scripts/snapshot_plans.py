"""Regenerate tests/snapshots/*.txt from the bundled rules (after a deliberate change)."""

from pathlib import Path

from notifyplanner.rulebook import load_rulebook
from notifyplanner.snapshots import snapshot_text

OUT = Path(__file__).resolve().parents[1] / "tests" / "snapshots"


def main() -> None:
    rulebook = load_rulebook()
    OUT.mkdir(parents=True, exist_ok=True)
    for code in sorted(rulebook.jurisdictions):
        (OUT / f"{code.lower()}.txt").write_text(snapshot_text(rulebook, code), encoding="utf-8")
    print(f"wrote {len(rulebook.jurisdictions)} snapshots to {OUT}")


if __name__ == "__main__":
    main()
