"""``notifyplanner letters FILE OUTDIR``: the notice-letter drafts and the regulator filings.

Writes one Word draft per letter group and ``OUTDIR/letters.json`` (the groups, what each
letter must and must not say with citations, the placeholders left, and the filings). Every
file is written whole (temp file + rename); all drafts are made in memory first, so a bad
template or rule stops the command before anything is written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from notifyplanner.filings import filing_to_dict, filings
from notifyplanner.incident_file import atomic_write_bytes
from notifyplanner.letter_groups import LetterGroup, letter_groups
from notifyplanner.letter_rules import ELEMENTS
from notifyplanner.letter_text import LetterTemplateError, load_templates
from notifyplanner.model import Incident, Plan, Rulebook
from notifyplanner.rulebook import BUNDLED_RULES
from notifyplanner.safe_read import InputError, one_line

LETTERS_JSON = "letters.json"
MAX_NAMED = 6  # jurisdictions named in a file name before it says "and N more"


def add_letters_parser(sub: Any) -> None:
    p = sub.add_parser("letters", help="draft the notice letters (Word) and list the regulator filings")
    p.add_argument("file", type=Path, help="the incident file")
    p.add_argument("outdir", type=Path, help="folder for the drafts and letters.json (created if missing)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--rules", type=Path, default=BUNDLED_RULES, help="folder of rule files")
    p.add_argument("--templates", type=Path, help="your own copy of resources/letters (paragraphs.json)")


def file_name(number: int, group: LetterGroup) -> str:
    codes = list(group.jurisdictions)
    named = "-".join(codes[:MAX_NAMED]) + (
        f"-and-{len(codes) - MAX_NAMED}-more" if len(codes) > MAX_NAMED else ""
    )
    return f"letter-{number}-{named}.docx"


def _cite(citation: Any) -> dict[str, str]:
    return {"cite": citation.cite, "url": citation.url, "checked": citation.checked.value}


def group_to_dict(group: LetterGroup, file: str, placeholders: tuple[str, ...]) -> dict[str, Any]:
    return {
        "file": file,
        "recipient": "individuals",
        "population": group.population,
        "jurisdictions": list(group.jurisdictions),
        "riding_with_hipaa_letter": list(group.riding),
        "required_elements": list(group.required_ids),
        "forbidden_elements": list(group.forbidden_ids),
        "split_reason": group.split_reason,
        "placeholders": list(placeholders),
        "send_by": group.send_by.isoformat() if group.send_by else None,
        "deadlines": [
            {
                "jurisdiction": d.jurisdiction,
                "notice": d.notice,
                "deadline": d.deadline.isoformat() if d.deadline else None,
                "text": d.text,
            }
            for d in group.deadlines
        ],
        "unchecked": list(group.unchecked),
        "checklist": [
            {
                "element": use.element,
                "label": ELEMENTS[use.element].label,
                "value": use.value,
                "unanswered": list(use.unanswered),
                "sources": [{"jurisdiction": s.jurisdiction, **_cite(s.citation)} for s in use.sources],
            }
            for use in group.required
        ],
        "left_out": [
            {
                "element": left.element,
                "label": ELEMENTS[left.element].label,
                "forbidden_by": [
                    {"jurisdiction": s.jurisdiction, **_cite(s.citation)} for s in left.forbidden_by
                ],
                "kept_by": [{"jurisdiction": s.jurisdiction, **_cite(s.citation)} for s in left.kept_by],
            }
            for left in group.forbidden
        ],
    }


def build_letters(
    incident: Incident,
    result: Plan,
    rulebook: Rulebook,
    templates_dir: Path | None = None,
    made_on: date | None = None,
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every draft (file name -> bytes) and the letters.json document, all in memory.

    The one place the CLI and the app turn a plan into letters, so both write the same.
    Raises LetterTemplateError for an unusable templates folder.
    """
    from notifyplanner.export.letters_docx import letter_docx  # python-docx loads only here

    templates = load_templates(templates_dir)
    files: dict[str, bytes] = {}
    groups = []
    samples: dict[str, str] = {}
    for number, group in enumerate(letter_groups(result, rulebook=rulebook), 1):
        name = file_name(number, group)
        payload, placeholders = letter_docx(group, incident, templates, number, made_on)
        files[name] = payload
        groups.append(group_to_dict(group, name, placeholders))
        for code in group.jurisdictions:
            samples.setdefault(code, name)
    document = {
        "format": "notifyplanner-letters/1",
        "incident": incident.name,
        "groups": groups,
        "filings": [filing_to_dict(f) for f in filings(result, rulebook, samples)],
        "notes": "Drafts for counsel: fill every highlighted placeholder, confirm third-party contact "
        "details, and check each element against its citation before sending.",
    }
    return files, document


def _fail(message: str) -> int:
    print(f"notifyplanner: {one_line(message, 600)}", file=sys.stderr)
    return 2


def _write_all(outdir: Path, payloads: dict[str, bytes], created: bool) -> str:
    """Write every file, each whole (temp + rename), and all of them or none.

    letters.json comes last; a failure part-way (a full disk, a folder in the way) puts back
    what this run replaced and removes what it added, and the folder too when this run made
    it, so the folder never holds drafts without their checklist. '' when all went well.
    """
    before: dict[str, bytes | None] = {}
    try:
        for name, payload in payloads.items():
            target = outdir / name
            before[name] = target.read_bytes() if target.is_file() else None
            atomic_write_bytes(target, payload)
    except OSError as exc:
        for name, old in before.items():
            target = outdir / name
            with contextlib.suppress(OSError):
                if old is None:
                    if target.is_file():
                        target.unlink()
                else:
                    atomic_write_bytes(target, old)
        if created:
            with contextlib.suppress(OSError):
                outdir.rmdir()
        return f"{outdir}: cannot write the letters ({exc.strerror or exc}); nothing was written"
    return ""


def run_letters(args: argparse.Namespace) -> int:
    from notifyplanner.cli import _emit, _json_out, planned  # the shared CLI helpers

    outcome = planned(args.file, args.rules)
    if isinstance(outcome, str):
        return _fail(outcome)
    rulebook, result = outcome
    try:
        files, document = build_letters(result.incident, result, rulebook, args.templates, date.today())
    except InputError as exc:
        return _fail(f"{args.file}: {exc.field}: {exc.message}")
    except LetterTemplateError as exc:
        return _fail(str(exc))
    outdir: Path = args.outdir
    payloads = dict(files)
    payloads[LETTERS_JSON] = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        if outdir.exists() and not outdir.is_dir():
            return _fail(f"{outdir}: not a folder")
        created = not outdir.exists()
        outdir.mkdir(exist_ok=True)
    except FileNotFoundError:
        return _fail(f"{outdir}: its parent folder does not exist")
    except OSError as exc:
        return _fail(f"{outdir}: cannot write the letters ({exc.strerror or exc})")
    problem = _write_all(outdir, payloads, created)
    if problem:
        return _fail(problem)
    if args.format == "json":
        _emit(_json_out(document))
        return 0
    lines = [f"{len(files)} letter draft(s) and {LETTERS_JSON} written to {outdir}"]
    for group in document["groups"]:
        lines.append(f"  {group['file']}: {', '.join(group['jurisdictions'])}")
        lines.append(
            f"    {len(group['placeholders'])} placeholder(s) to fill; send by {group['send_by'] or '-'}"
        )
    missing = sum(len(f["missing"]) for f in document["filings"])
    lines.append(
        f"{len(document['filings'])} regulator filing(s); {missing} answer(s) the incident does not give"
    )
    _emit("\n".join(lines) + "\n")
    return 0
