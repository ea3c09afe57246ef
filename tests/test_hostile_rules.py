"""Hostile rule folders: any edit to a rule file is a rule error naming file and path.

Issue 15: a folder given with --rules or in Preferences whose seal matched its files skipped
validation, so an edited and re-sealed rule reached the engine as malformed data. Only the
rules shipped inside the package may skip the schema pass.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyplanner.cli import main
from notifyplanner.rulebook import BUNDLED_RULES, SEAL_FILE, RulebookError, is_bundled, load_rulebook, seal

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "telehealth-pharmacy.json"
TX: dict[str, Any] = json.loads((BUNDLED_RULES / "tx.json").read_text(encoding="utf-8"))


def folder_with(tmp_path: Path, tx: Any, *, sealed: bool = True) -> Path:
    """A rules folder of TX (as given) and HIPAA, re-sealed the way an editor could."""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    shutil.copy(BUNDLED_RULES / "hipaa.json", folder / "hipaa.json")
    text = tx if isinstance(tx, str) else json.dumps(tx, ensure_ascii=True)
    (folder / "tx.json").write_text(text, encoding="utf-8")
    if sealed:
        (folder / SEAL_FILE).write_text(json.dumps(seal(folder)), encoding="utf-8")
    return folder


def test_only_the_bundled_folder_counts_as_bundled(tmp_path: Path) -> None:
    assert is_bundled(BUNDLED_RULES)
    copy_of_bundled = tmp_path / "copy"
    shutil.copytree(BUNDLED_RULES, copy_of_bundled)
    assert not is_bundled(copy_of_bundled)


@pytest.mark.parametrize(
    "edit",
    [
        lambda v: v["obligations"][0]["deadline"].pop("type"),
        lambda v: v["obligations"][0].__setitem__("recipient", "the_press"),
        lambda v: v["obligations"][0]["trigger"].__setitem__("min_residents", "500"),
        lambda v: v["obligations"][0]["deadline"].__setitem__("days", -3),
        lambda v: v["obligations"][0]["deadline"].__setitem__("days", 10**9),
    ],
    ids=["no-type", "unknown-recipient", "string-threshold", "negative-days", "billion-days"],
)
def test_a_resealed_user_folder_is_still_validated(tmp_path: Path, edit) -> None:
    tx = copy.deepcopy(TX)
    edit(tx["versions"][-1])
    folder = folder_with(tmp_path, tx)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(folder)
    assert str(caught.value).startswith("tx.json: $.versions[")


def test_versions_null_in_a_resealed_folder_is_a_rule_error(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {**TX, "versions": None})
    with pytest.raises(RulebookError, match=re.escape("tx.json: $.versions: None is not of type 'array'")):
        load_rulebook(folder)


def test_a_fifo_in_the_rules_folder_is_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, TX, sealed=False)
    os.mkfifo(folder / "ca.json")
    with pytest.raises(RulebookError, match=re.escape("ca.json: $: is a named pipe")):
        load_rulebook(folder)


def test_rules_check_prints_one_line_per_problem(tmp_path: Path, capsys) -> None:
    tx = copy.deepcopy(TX)
    tx["versions"][-1]["notes"] = "x" * 100_000
    tx["versions"][-1]["obligations"][0]["recipient"] = "y" * 100_000
    assert main(["rules", "check", str(folder_with(tmp_path, tx))]) == 2
    for line in capsys.readouterr().err.splitlines():
        assert len(line) < 400, line


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**25), max_value=10**25)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["days_after", "individuals", "2026-01-01", "9999-12-31", "calendar", "\ud800"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*prefix, i)))
    return out


TX_PATHS = _paths(TX)[1:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(TX_PATHS), value=json_values)
def test_any_value_anywhere_in_a_rule_file_loads_or_is_a_rule_error(tmp_path_factory, capsys, where, value):
    tx = copy.deepcopy(TX)
    node = tx
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    folder = folder_with(tmp_path_factory.mktemp("r"), tx)
    try:
        load_rulebook(folder)
    except RulebookError as exc:
        assert all(p.file == "tx.json" for p in exc.problems)
    code = main(
        [
            "plan",
            str(Path(__file__).parents[1] / "resources/samples/telehealth-pharmacy.json"),
            "--rules",
            str(folder),
            "--today",
            "2026-10-12",
        ]
    )
    _out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("notifyplanner: rules tx.json"), err


def test_a_fifo_as_the_rules_folder_is_refused(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "rules"
    os.mkfifo(fifo)
    assert main(["plan", str(SAMPLE), "--rules", str(fifo), "--today", "2026-10-12"]) == 2
    assert "not a folder of rule files" in capsys.readouterr().err


def test_a_deeply_nested_seal_is_ignored_not_a_recursion_error(tmp_path: Path) -> None:
    from notifyplanner.rulebook import _sealed_digests

    (tmp_path / SEAL_FILE).write_text('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert _sealed_digests(tmp_path) == frozenset()


# The newer kinds of rule: a sector notice timed in hours from an instant (NYDFS), a foreign
# law (GDPR), a securities filing (SEC 8-K), and a state with letter and form blocks (NY, CT).
NEWER = {
    name: json.loads((BUNDLED_RULES / name).read_text(encoding="utf-8"))
    for name in ("nydfs.json", "eu-gdpr.json", "sec-8k.json", "ny.json", "ct.json")
}
NEWER_PATHS = [(name, path) for name, data in NEWER.items() for path in _paths(data)[1:]]
INSURER = Path(__file__).resolve().parents[1] / "resources/samples/public-insurer-sec-nydfs-gdpr.json"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(NEWER_PATHS), value=json_values, command=st.sampled_from(["plan", "letters"]))
def test_any_value_anywhere_in_a_newer_rule_file_plans_or_is_one_rule_line(
    tmp_path_factory, capsys, where, value, command
) -> None:
    name, path = where
    data = copy.deepcopy(NEWER[name])
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    root = tmp_path_factory.mktemp("r")
    folder = root / "rules"
    shutil.copytree(BUNDLED_RULES, folder, ignore=shutil.ignore_patterns(SEAL_FILE))
    (folder / name).write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    (folder / SEAL_FILE).write_text(json.dumps(seal(folder)), encoding="utf-8")
    if command == "plan":
        args = ["plan", str(INSURER), "--rules", str(folder), "--today", "2026-11-02", "--format", "json"]
    else:
        args = ["letters", str(INSURER), str(root / "out"), "--rules", str(folder)]
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith(f"notifyplanner: rules {name}"), err
        assert not (root / "out").exists()
    elif command == "plan":
        json.loads(out)
