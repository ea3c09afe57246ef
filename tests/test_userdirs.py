"""Not only Debian: every user folder comes from platformdirs, and paths with spaces,
non-ASCII letters and Windows' rules work end to end (issue 12, item 10).

platformdirs is replaced by fakes that answer as it does on Windows and macOS, rooted in
tmp_path so the register, the autosave and the settings are really written there.
"""

from __future__ import annotations

import ntpath
import sys
from datetime import date
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyplanner import userdirs
from notifyplanner.register import location
from notifyplanner.register.cases import CaseService
from notifyplanner.register.records import Method
from notifyplanner.register.storage import Register
from notifyplanner.roster_process import exit_text, limit_memory
from tests.register.conftest import telehealth

# How platformdirs lays the folders out for appname="notifyplanner", appauthor=False.
LAYOUTS = {
    "windows": (
        ("C:", "Users", "Zoë Ng", "AppData", "Local", "notifyplanner"),
        ("C:", "Users", "Zoë Ng", "AppData", "Local", "notifyplanner"),
    ),
    "macos": (
        ("Users", "zoë ng", "Library", "Application Support", "notifyplanner"),
        ("Users", "zoë ng", "Library", "Application Support", "notifyplanner"),
    ),
    "linux": (
        ("home", "zoë ng", ".local", "share", "notifyplanner"),
        ("home", "zoë ng", ".config", "notifyplanner"),
    ),
}


@pytest.fixture(params=sorted(LAYOUTS))
def platform_dirs(request, tmp_path, monkeypatch) -> tuple[Path, Path]:
    data_parts, config_parts = LAYOUTS[request.param]
    data, config = tmp_path.joinpath(*data_parts), tmp_path.joinpath(*config_parts)
    calls = []

    def fake(root: Path):
        def answer(appname=None, appauthor=None, *args, **kwargs):
            calls.append((appname, appauthor))
            return root

        return answer

    monkeypatch.setattr(platformdirs, "user_data_path", fake(data))
    monkeypatch.setattr(platformdirs, "user_config_path", fake(config))
    monkeypatch.delenv(location.ENV_VAR, raising=False)
    yield data, config
    assert calls and all(c == ("notifyplanner", False) for c in calls)  # no vendor folder level


def test_every_user_folder_comes_from_platformdirs(platform_dirs):
    data, config = platform_dirs
    assert userdirs.data_dir() == data
    assert userdirs.autosave_dir() == data / "autosave"
    assert userdirs.settings_path() == config / "notifyplanner.ini"
    assert location.register_path() == data / "register.sqlite3"


def test_the_register_lives_in_the_data_folder_whatever_its_name(platform_dirs, rulebook):
    """Spaces and non-ASCII letters in the user's folder: created, opened, written, read."""
    path = location.register_path()
    location.ensure_folder(path)
    with Register.open(path) as register:
        service = CaseService(register, rulebook, "zoë")
        case = service.import_incident(telehealth(), source=str(path.parent / "Fälle 2026" / "a b.json"))
        assert service.cases_imported_from(path.parent / "Fälle 2026" / "a b.json") == [case.id]
        assert service.graded(case.id, date(2026, 4, 20)).case.name == telehealth().name
    assert path.is_file()


def test_autosave_and_recovery_in_the_data_folder(platform_dirs):
    pytest.importorskip("PySide6")
    from ui.files import Autosave

    saver = Autosave(userdirs.autosave_dir())
    saver.write(telehealth(), "C:/Fälle/ä b.json")
    assert saver.path.parent == platform_dirs[0] / "autosave" and saver.path.is_file()
    saver.clear()
    assert not saver.path.exists()


def test_settings_and_recent_files_in_the_config_folder(platform_dirs, tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from ui.settings import Settings

    settings = Settings()
    assert settings.path == platform_dirs[1] / "notifyplanner.ini"
    monkeypatch.chdir(tmp_path)
    settings.add_recent("Fälle 2026/a b.json")  # relative: kept absolute
    settings.add_recent(str(tmp_path / "Fälle 2026" / "a b.json"))  # the same file: listed once
    settings.sync()
    again = Settings()
    assert again.recent_files == [str(tmp_path / "Fälle 2026" / "a b.json")]
    assert (platform_dirs[1] / "notifyplanner.ini").is_file()


def test_file_names_suggested_from_an_incident_name_are_legal_everywhere():
    assert userdirs.file_stem('Acme: "ransomware" 1/2 <east>?') == "Acme - ransomware 1-2 east"
    # The trial's name: the colon read as a dash, not glued to the word before it.
    assert userdirs.file_stem("Phishing: billing mailbox") == "Phishing - billing mailbox"
    assert userdirs.file_stem("a\\b\tc\x00d") == "a-b cd"
    assert userdirs.file_stem("Breach at the N.Y. office. ") == "Breach at the N.Y. office"
    assert userdirs.file_stem("Zoë's clinic") == "Zoë's clinic"
    assert userdirs.file_stem("CON") == "incident" and userdirs.file_stem("nul.2026") == "incident"
    assert userdirs.file_stem("") == "incident" and userdirs.file_stem("///", "plan") == "plan"
    assert len(userdirs.file_stem("x" * 500)) == 60


def test_the_same_file_is_one_file_however_it_is_spelled(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert userdirs.same_file_key("a b/ü.json") == userdirs.same_file_key(tmp_path / "a b" / "." / "ü.json")
    # Windows compares names without case: the rule os.path.normcase applies there.
    assert ntpath.normcase(r"C:\Fälle\A B.JSON") == ntpath.normcase(r"c:\fälle\a b.json")


def test_the_memory_cap_degrades_where_resource_is_missing(monkeypatch):
    """Windows has no ``resource`` module: the roster child runs without the cap."""
    monkeypatch.setitem(sys.modules, "resource", None)  # import resource -> ImportError
    assert limit_memory(1 << 40) is False


def test_how_a_child_ended_is_words_on_every_platform():
    assert exit_text(1) == "exit 1"
    assert exit_text(None) == "exit None"
    assert exit_text(-9) == "signal SIGKILL"
    assert exit_text(-999) == "signal 999"  # no such signal name: still one line, no crash


def test_autosaves_left_in_the_old_folder_are_still_offered(tmp_path):
    """Before platformdirs, autosaves went to Qt's AppData folder: an upgrade after a crash
    moves them over instead of losing them (and never overwrites one already there)."""
    pytest.importorskip("PySide6")
    from ui.app import adopt_autosaves

    old, new = tmp_path / "Qt data" / "autosave", tmp_path / "nöw" / "autosave"
    old.mkdir(parents=True)
    (old / "autosave-123.json").write_text("{}", encoding="utf-8")
    (old / "autosave-123.meta").write_text("{}", encoding="utf-8")
    (old / "notes.txt").write_text("not ours", encoding="utf-8")
    assert adopt_autosaves(old, new) == 2
    assert sorted(p.name for p in new.iterdir()) == ["autosave-123.json", "autosave-123.meta"]
    assert [p.name for p in old.iterdir()] == ["notes.txt"]
    assert adopt_autosaves(None, new) == 0 and adopt_autosaves(new, new) == 0


def test_bundled_folders_come_from_the_checkout_or_the_installed_package():
    root = Path(userdirs.__file__).resolve().parents[1]
    assert userdirs.bundled_dir("jurisdictions") == root / "jurisdictions"
    assert userdirs.bundled_dir("no such folder") == root / "notifyplanner" / "no such folder"


def test_pip_install_carries_every_rule_file_and_resource():
    """`pip install .` / pipx install only what pyproject.toml lists: a rule file or a
    resource the patterns miss would be absent from every installed copy."""
    import fnmatch
    import tomllib

    root = Path(userdirs.__file__).resolve().parents[1]
    setup = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for package, folder in setup["package-dir"].items():
        assert package in setup["packages"]
        shipped = [p for p in (root / folder).rglob("*") if p.is_file()]
        assert shipped, folder
        missing = []
        for path in shipped:
            # A file belongs to the package of its folder (a data folder is listed as a
            # package, or setuptools warns it "would be ignored"), matched by its name there.
            sub = path.parent.relative_to(root / folder).parts
            owner = ".".join((package, *sub))
            if owner not in setup["packages"] or not any(
                fnmatch.fnmatch(path.name, pat) for pat in setup["package-data"].get(owner, ())
            ):
                missing.append(path.relative_to(root).as_posix())
        assert missing == [], f"{folder}: not installed: {missing}"


def test_case_export_writes_evidence_in_binary_mode_on_windows(rulebook, tmp_path, monkeypatch):
    """On Windows a descriptor opened without O_BINARY turns LF into CRLF: the exported
    letter would no longer match its SHA-256. Every export file is opened with the flag."""
    import os

    fake_binary = 1 << 30
    monkeypatch.setattr(os, "O_BINARY", fake_binary, raising=False)
    flags_seen = []
    real_open = os.open

    def spy(path, flags, *args, **kwargs):
        flags_seen.append(flags)
        return real_open(path, flags & ~fake_binary, *args, **kwargs)

    with Register.open(tmp_path / "r.sqlite3") as register:
        service = CaseService(register, rulebook, "zoë")
        case = service.import_incident(telehealth())
        service.mark_sent(
            case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=date(2026, 4, 20),
            evidence=[("letter.txt", b"line 1\nline 2\r\n\x00")],
        )  # fmt: skip
        monkeypatch.setattr(os, "open", spy)
        written = service.export(case.id, tmp_path / "out dir ü", date(2026, 4, 20))
    assert flags_seen and all(f & fake_binary for f in flags_seen)
    letter = next(p for p in written if p.name.endswith("letter.txt"))
    assert letter.read_bytes() == b"line 1\nline 2\r\n\x00"


def test_pip_install_carries_every_python_package():
    """setuptools installs only the packages pyproject.toml names: a new subpackage left off
    the list (the workbook's, say) imports from a checkout and fails in every installed copy."""
    import tomllib

    root = Path(userdirs.__file__).resolve().parents[1]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(root).parts)
        for top in ("notifyplanner", "ui")
        for init in (root / top).rglob("__init__.py")
    }
    assert found - listed == set()


@given(st.text(max_size=200))
def test_a_suggested_file_name_is_legal_on_every_platform_whatever_the_incident_name(name):
    stem = userdirs.file_stem(name)
    assert stem and len(stem) <= 60
    assert not set(stem) & set('<>:"/\\|?*') and all(ord(c) >= 32 and c != "\x7f" for c in stem)
    assert not stem.endswith((".", " ")) and stem.split(".")[0].upper() not in userdirs._DEVICES
