"""Rewrite the coverage table in README.md from the rule files (a test checks they agree)."""

from pathlib import Path

from notifyplanner.rulebook import load_rulebook
from notifyplanner.rules_view import coverage_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{coverage_markdown(load_rulebook())}\n{END}{tail}", encoding="utf-8")
    print("README coverage table updated")


if __name__ == "__main__":
    main()
