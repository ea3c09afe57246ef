"""Issue 14, the command: `notifyplanner letters FILE OUTDIR [--format json]`."""

import json
from pathlib import Path

from docx import Document

from notifyplanner.cli import main

ROOT = Path(__file__).resolve().parent.parent
HIMS = ROOT / "resources" / "samples" / "hims-hers-2026.json"


def _employees(tmp_path):
    path = tmp_path / "employees.json"
    path.write_text(
        json.dumps(
            {
                "format": "notifyplanner-incident",
                "version": 1,
                "name": "HR records",
                "entity_role": "business",
                "discovered": "2026-03-02",
                "determined": "2026-03-02",
                "breach_start": "2026-02-20",
                "data_elements": ["name", "ssn"],
                "source_of_breach": True,
                "encrypted": False,
                "key_compromised": False,
                "vendor_notice": None,
                "individuals_notified": None,
                "law_enforcement_delay": None,
                "total_affected": None,
                "notes": "",
                "residents": {"CA": 900, "MA": 300, "RI": 600, "NY": 1200},
            }
        ),
        encoding="utf-8",
    )
    return path


def test_letters_writes_one_draft_per_group_and_letters_json(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["letters", str(_employees(tmp_path)), str(out), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    written = json.loads((out / "letters.json").read_text(encoding="utf-8"))
    assert printed == written
    groups = written["groups"]
    assert [g["jurisdictions"] for g in groups] == [["CA", "NY", "RI"], ["MA"]]
    for group in groups:
        assert set(group) >= {
            "file",
            "recipient",
            "jurisdictions",
            "required_elements",
            "forbidden_elements",
            "split_reason",
            "placeholders",
        }
        Document(str(out / group["file"]))  # a Word document that opens
    assert "number_affected" in groups[1]["forbidden_elements"]
    assert [d["jurisdiction"] for d in groups[0]["deadlines"]] == ["CA", "NY", "RI"]
    assert groups[0]["send_by"] == min(d["deadline"] for d in groups[0]["deadlines"] if d["deadline"])
    assert "filings" in written and any(f["notice"] == "MA/attorney_general" for f in written["filings"])
    assert sorted(p.name for p in out.iterdir()) == sorted([g["file"] for g in groups] + ["letters.json"])


def test_letters_for_the_hims_hers_sample_is_one_hipaa_letter(tmp_path, capsys):
    assert main(["letters", str(HIMS), str(tmp_path / "hims")]) == 0
    assert "letter-1-HIPAA-CA-NY.docx" in capsys.readouterr().out


def test_a_missing_parent_folder_is_one_line_and_nothing_written(tmp_path, capsys):
    assert main(["letters", str(HIMS), str(tmp_path / "no" / "such")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "parent folder does not exist" in err


def test_a_bad_templates_folder_is_one_line_naming_the_file(tmp_path, capsys):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "paragraphs.json").write_text("{", encoding="utf-8")
    assert main(["letters", str(HIMS), str(tmp_path / "out"), "--templates", str(tmp_path / "tpl")]) == 2
    assert "paragraphs.json" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
