"""Screenshots of the main window with a sample incident and a small register, for the README.

Run: python scripts/screenshots.py  (re-runs itself under xvfb-run when there is no display)

Renders on a real X server (Xvfb) rather than the offscreen platform so fonts, hinting and
widget styles are what a Linux workstation shows. "Today" is fixed so the colours (overdue,
due soon, later) are the same on every run, and a throw-away settings file is used so the
developer's own preferences never leak into the pictures. The register is a throw-away
file too, filled through the core's CaseService with a few fictional incidents.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
SAMPLE = ROOT / "resources" / "samples" / "telehealth-pharmacy.json"
SECTOR_SAMPLE = ROOT / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"
SECTOR_AS_OF = date(2026, 11, 2)  # the morning the NYDFS 72 hours run out
LETTERS_SAMPLE = ROOT / "resources" / "samples" / "hims-hers-2026.json"
LETTERS_AS_OF = date(2026, 3, 4)  # scope confirmed, letters being drafted
TODAY = date(2026, 10, 9)  # a week after discovery: some notices due soon, some later
SIZES = ((1366, 768), (1920, 1080))


def _reexec_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("screenshots: no display and no xvfb-run (apt-get install xvfb)", file=sys.stderr)
        return 2
    env = dict(os.environ, NOTIFYPLANNER_SCREENSHOTS_XVFB="1")
    env.pop("QT_QPA_PLATFORM", None)
    command = [xvfb, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__, *sys.argv[1:]]
    return subprocess.call(command, env=env)


def fill_register(path: Path, tmp: Path) -> None:
    """A few fictional incidents, some notices recorded: on time, late (with why), decided."""
    from dataclasses import replace

    from notifyplanner.incident_file import read_incident
    from notifyplanner.register.cases import CaseService
    from notifyplanner.register.records import LateReason, Method
    from notifyplanner.register.storage import Register
    from notifyplanner.rulebook import BUNDLED_RULES, load_rulebook

    sample = read_incident(SAMPLE)
    early = replace(
        sample,
        name="Imaging vendor: exposed storage bucket (fictional)",
        breach_start=date(2026, 7, 20),
        breach_end=date(2026, 7, 28),
        discovered=date(2026, 8, 3),
        determined=date(2026, 8, 10),
    )
    small = replace(
        sample,
        name="Clinic: lab results e-mailed to the wrong patient (fictional)",
        breach_start=date(2026, 3, 9),
        breach_end=date(2026, 3, 9),
        discovered=date(2026, 3, 10),
        determined=date(2026, 3, 12),
        residents={"TX": 1},
        total_affected=1,
    )
    laptop = replace(
        sample,
        name="Stolen laptop, encrypted (fictional)",
        discovered=date(2026, 9, 14),
        determined=date(2026, 9, 15),
        breach_start=date(2026, 9, 13),
        breach_end=date(2026, 9, 13),
        encrypted=True,
        residents={"NY": 830, "NJ": 120},
        total_affected=950,
    )
    letter = tmp / "CA individual letter as mailed.pdf"
    letter.write_bytes(b"%PDF-1.4 fictional letter")
    with Register.open(path) as register:
        service = CaseService(register, load_rulebook(BUNDLED_RULES), "P. Officer")
        service.import_incident(small, "clinic-misdirected.json")
        service.mark_sent(
            1,
            "HIPAA/individuals",
            date(2026, 3, 20),
            Method.MAIL,
            reference="USPS 9407 1111 2222",
            today=TODAY,
        )
        service.import_incident(laptop, "laptop.json")
        case = service.import_incident(early, "imaging-vendor.json").id
        service.mark_sent(
            case,
            "CA/individuals",
            date(2026, 10, 1),
            Method.MAIL,
            reference="Mail vendor job 55102",
            late_reason=LateReason.SCOPE_BEING_DETERMINED,
            late_reason_text="Vendor's file of affected patients arrived 2026-09-28",
            evidence=[letter],
            today=TODAY,
        )
        service.mark_sent(case, "HIPAA/individuals", date(2026, 10, 1), Method.MAIL, today=TODAY)
        service.skip(case, "FL/attorney_general", "Counsel: fewer than 500 Floridians after de-duplication")
        now = service.incident(case)  # with individuals_notified, set from the CA notice
        service.update(case, replace(now, residents={**now.residents, "NV": 2400}), note="NV list received")
        service.import_incident(sample, "telehealth-pharmacy.json")


def register_shots(app: object, window: object, settle: object) -> list[Path]:
    """The register view, the Mark-sent dialog and the History tab, at 1366x768."""
    from PySide6.QtWidgets import QApplication

    from notifyplanner.register.records import LateReason, Method
    from ui.main_window import INCIDENT_PAGE, REGISTER_PAGE
    from ui.notice_dialog import NoticeDialog
    from ui.plan_view import HISTORY_TAB, PLAN_TAB

    def wait_tasks() -> None:
        for _ in range(200):
            QApplication.processEvents()
            if not window._tasks:  # type: ignore[attr-defined]
                break
            time.sleep(0.02)
        settle()  # type: ignore[operator]

    shots: list[Path] = []
    window.resize(1366, 768)  # type: ignore[attr-defined]
    window.show_page(REGISTER_PAGE)  # type: ignore[attr-defined]
    window.refresh_register()  # type: ignore[attr-defined]
    wait_tasks()
    shots.append(OUT / "register-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]

    window.open_case(3)  # type: ignore[attr-defined]
    window.show_page(INCIDENT_PAGE)  # type: ignore[attr-defined]
    window.left_tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    window.plan_tabs.setCurrentIndex(PLAN_TAB)  # type: ignore[attr-defined]
    # California's late notice at the top, not selected, so it keeps its violet in the picture.
    window.select_obligation("CA/attorney_general")  # type: ignore[attr-defined]
    plan = window.plan  # type: ignore[attr-defined]
    ca = plan.proxy.mapFromSource(plan.model.index(plan.model.row_of("CA/individuals"), 0))
    plan.table.scrollTo(ca, plan.table.ScrollHint.PositionAtTop)
    settle()  # type: ignore[operator]
    shots.append(OUT / "plan-sent-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]

    window.select_obligation("TX/attorney_general")  # type: ignore[attr-defined]
    ob = window.plan.selected_obligation()  # type: ignore[attr-defined]
    dialog = NoticeDialog(ob, today=TODAY, sent_by="P. Officer", parent=window)  # type: ignore[arg-type]
    dialog.sent_on.set_date(date(2026, 10, 6))
    dialog.method.setCurrentIndex(dialog.method.findData(Method.PORTAL))
    dialog.reference.setText("TX AG portal confirmation 2026-0457")
    dialog.late_reason.setCurrentIndex(dialog.late_reason.findData(LateReason.SCOPE_BEING_DETERMINED))
    dialog.late_text.setText("Texas count confirmed from the vendor's file on 2026-09-28")
    dialog.evidence.add(Path("TX AG portal receipt.pdf"))
    dialog.show()
    settle()  # type: ignore[operator]
    shots.append(OUT / "mark-sent-dialog.png")
    dialog.grab().save(str(shots[-1]))
    dialog.close()

    window.plan_tabs.setCurrentIndex(HISTORY_TAB)  # type: ignore[attr-defined]
    history = window.plan.history  # type: ignore[attr-defined]
    history.table.selectRow(history.model.rowCount() - 1)
    window.verify_log()  # type: ignore[attr-defined]
    settle()  # type: ignore[operator]
    shots.append(OUT / "history-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]
    return shots


def sector_and_letters_shots(window: object, settle: object) -> list[Path]:
    """The sector sample (entity profile, hours clocks with time and offset, its decisions),
    the Letters tab of the Hims & Hers sample and the HHS annual log."""
    from ui.main_window import HHS_PAGE, INCIDENT_PAGE
    from ui.plan_view import PLAN_TAB

    letters_tab = window.plan_tabs.indexOf(window.letters_view)  # type: ignore[attr-defined]
    form = window.incident_view.form  # type: ignore[attr-defined]
    scroll = window.incident_view.form_scroll.verticalScrollBar()  # type: ignore[attr-defined]
    shots: list[Path] = []
    window.show_page(INCIDENT_PAGE)  # type: ignore[attr-defined]
    window.open_file(SECTOR_SAMPLE, ask=False)  # type: ignore[attr-defined]
    window.set_as_of(SECTOR_AS_OF)  # type: ignore[attr-defined]
    window.statusBar().clearMessage()  # type: ignore[attr-defined]  # no folder of this machine
    for width, height in SIZES:
        window.resize(width, height)  # type: ignore[attr-defined]
        window.left_tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        window.plan_tabs.setCurrentIndex(PLAN_TAB)  # type: ignore[attr-defined]
        settle()  # type: ignore[operator]
        scroll.setValue(form.profile.y())  # the entity profile at the top of the form
        window.select_obligation("NYDFS/superintendent")  # type: ignore[attr-defined]
        settle()  # type: ignore[operator]
        shots.append(OUT / f"sector-profile-{width}x{height}.png")
        window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]
    window.resize(1366, 768)  # type: ignore[attr-defined]
    settle()  # type: ignore[operator]
    scroll.setValue(form.decisions.y())
    settle()  # type: ignore[operator]
    shots.append(OUT / "decisions-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]

    window.open_file(LETTERS_SAMPLE, ask=False)  # type: ignore[attr-defined]
    window.set_as_of(LETTERS_AS_OF)  # type: ignore[attr-defined]
    window.statusBar().clearMessage()  # type: ignore[attr-defined]
    scroll.setValue(0)
    window.plan_tabs.setCurrentIndex(letters_tab)  # type: ignore[attr-defined]
    settle()  # type: ignore[operator]
    shots.append(OUT / "letters-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]
    window.plan_tabs.setCurrentIndex(PLAN_TAB)  # type: ignore[attr-defined]

    window.show_page(HHS_PAGE)  # type: ignore[attr-defined]
    window.hhs_view.year.setValue(2026)  # type: ignore[attr-defined]
    for _ in range(50):
        settle()  # type: ignore[operator]
        time.sleep(0.02)
    shots.append(OUT / "hhs-log-1366x768.png")
    window.grab().save(str(shots[-1]))  # type: ignore[attr-defined]
    window._saved = window._incident  # type: ignore[attr-defined]
    return shots


def main() -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("NOTIFYPLANNER_SCREENSHOTS_XVFB"):
        return _reexec_under_xvfb()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from ui.app import build_window, make_application
    from ui.main_window import INCIDENT_PAGE
    from ui.settings import Settings

    app = make_application([sys.argv[0]])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(Path(tmp) / "settings.ini")
        settings.register_path = str(Path(tmp) / "register.sqlite3")
        settings.user_name = "P. Officer"
        fill_register(Path(settings.register_path), Path(tmp))
        window = build_window(
            SAMPLE,
            False,
            settings=settings,
            autosave_dir=Path(tmp) / "autosave",
            today=lambda: TODAY,
            recover=False,
        )
        window.move(0, 0)
        window.show()
        controlling = window.current_plan().controlling
        shots: list[Path] = []

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        window.show_page(INCIDENT_PAGE)  # the register opens first when it holds incidents
        for width, height in SIZES:
            window.resize(width, height)
            window.plan_tabs.setCurrentIndex(0)
            window.left_tabs.setCurrentIndex(0)
            settle()
            if controlling is not None:
                window.select_obligation(controlling.key)
            settle()
            shots.append(OUT / f"main-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
            window.plan_tabs.setCurrentIndex(1)
            window.left_tabs.setCurrentIndex(1)
            settle()
            shots.append(OUT / f"timeline-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
            window.plan_tabs.setCurrentIndex(2)
            window.credit_view.selectRow(0)
            settle()
            shots.append(OUT / f"credit-monitoring-{width}x{height}.png")
            window.grab().save(str(shots[-1]))
        shots += register_shots(app, window, settle)
        shots += sector_and_letters_shots(window, settle)
        window._saved = window._incident  # nothing to save: close without asking
        window.close()
        QApplication.processEvents()
    for shot in shots:
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
