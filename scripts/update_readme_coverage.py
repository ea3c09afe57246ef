"""Rewrite the coverage table in README.md and docs/unchecked-values.md from the rule files
(a test checks they agree)."""

from pathlib import Path

from notifyplanner.rulebook import load_rulebook
from notifyplanner.rules_view import coverage_markdown, unchecked_markdown

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
UNCHECKED = ROOT / "docs" / "unchecked-values.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def main() -> None:
    rulebook = load_rulebook()
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{coverage_markdown(rulebook)}\n{END}{tail}", encoding="utf-8")
    UNCHECKED.write_text(unchecked_markdown(rulebook), encoding="utf-8")
    print("README coverage table and docs/unchecked-values.md updated")


if __name__ == "__main__":
    main()
