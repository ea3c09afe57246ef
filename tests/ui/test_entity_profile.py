"""The entity profile and time fields: every fact survives the form, local times are read
in the chosen zone, and the plan shows hours clocks as a date, a time and an hours countdown."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from notifyplanner.incident_file import read_incident
from notifyplanner.model import DeadlineKind, Obligation, Recipient, Sector, Status
from ui.entity_profile import EntityProfileForm, hours_left_text, parse_local
from ui.incident_form import IncidentForm
from ui.models import ObligationTableModel

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"


def test_the_sample_round_trips_through_the_form_unchanged(qtbot) -> None:
    incident = read_incident(SAMPLE)
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(incident)
    assert form.incident(dict(incident.residents)) == incident
    assert form.form_problems() == []


def test_the_8k_delay_date_survives_the_form(qtbot) -> None:
    from dataclasses import replace

    incident = replace(read_incident(SAMPLE), sec_ag_delay_until=date(2026, 4, 30))
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(incident)
    assert form.incident(dict(incident.residents)).sec_ag_delay_until == date(2026, 4, 30)


def test_an_unanswered_profile_stays_unanswered(qtbot) -> None:
    form = EntityProfileForm()
    qtbot.addWidget(form)
    assert form.facts()["sectors"] is None
    form.answered.setChecked(True)
    assert form.facts()["sectors"] == frozenset()
    form.sectors[Sector.GDPR].setChecked(True)
    assert form.facts()["sectors"] == {Sector.GDPR}


def test_a_local_time_is_read_in_the_chosen_zone_across_dst(qtbot) -> None:
    form = EntityProfileForm()
    qtbot.addWidget(form)
    form.time_zone.setText("America/New_York")
    form.instants["determined_at"].setText("2026-11-02 09:00")
    assert form.facts()["determined_at"] == datetime.fromisoformat("2026-11-02T09:00-05:00")
    form.instants["determined_at"].setText("2026-10-30 09:00")
    assert form.facts()["determined_at"] == datetime.fromisoformat("2026-10-30T09:00-04:00")


def test_unreadable_time_and_zone_are_reported_not_planned(qtbot) -> None:
    form = EntityProfileForm()
    qtbot.addWidget(form)
    form.time_zone.setText("Mars/Olympus")
    form.instants["ransom_paid_at"].setText("yesterday noon")
    fields = {p.field for p in form.problems()}
    assert fields == {"time_zone", "ransom_paid_at"}
    assert form.facts()["time_zone"] is None and form.facts()["ransom_paid_at"] is None


def test_a_local_time_needs_a_zone_or_an_offset() -> None:
    try:
        parse_local("2026-10-30 09:00", None)
    except ValueError as exc:
        assert "time zone" in str(exc)
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("a local time without a zone was accepted")
    assert parse_local("2026-10-30T09:00Z", None) == datetime(2026, 10, 30, 9, tzinfo=UTC)


def _hours_ob(at: str) -> Obligation:
    from notifyplanner.model import Citation

    instant = datetime.fromisoformat(at)
    return Obligation(
        jurisdiction="NYDFS",
        jurisdiction_name="NYDFS",
        obligation_id="superintendent",
        recipient=Recipient.REGULATOR,
        office="DFS",
        status=Status.REQUIRED,
        reason="",
        deadline=instant.date(),
        deadline_kind=DeadlineKind.FIXED,
        basis="",
        citation=Citation("23 NYCRR 500.17(a)(1)", "https://www.dfs.ny.gov/"),
        effective_from=date(2023, 12, 1),
        enacted_by="",
        deadline_at=instant,
    )


def test_the_plan_shows_date_time_and_an_hours_countdown_under_seven_days(qtbot) -> None:
    model = ObligationTableModel()
    ob = _hours_ob("2026-11-02T08:00-05:00")
    model.set_obligations((ob,))
    model.set_view(today=date(2026, 10, 30), window=7, date_format="yyyy-MM-dd")
    model.now = lambda: datetime.fromisoformat("2026-10-30T09:00-04:00")
    assert "08:00 (UTC-05:00)" in model.data(model.index(0, model.DEADLINE))
    assert model.data(model.index(0, model.DAYS_LEFT)) == "72 h left"
    assert hours_left_text(ob, datetime.fromisoformat("2026-10-20T08:00-04:00")) is None  # more than 7 days
    assert hours_left_text(ob, datetime.fromisoformat("2026-11-02T10:00-05:00")) == "2 h overdue"


def test_the_entity_facts_a_file_holds_survive_a_save_from_the_form(qtbot) -> None:
    """The form has no fields for them yet; an opened file's letter facts must not be lost."""
    from dataclasses import replace

    from notifyplanner.model import EntityFacts

    incident = replace(read_incident(SAMPLE), entity=EntityFacts(name="Acme", email="a@acme.example"))
    form = IncidentForm()
    qtbot.addWidget(form)
    form.set_incident(incident)
    assert form.incident(dict(incident.residents)).entity == incident.entity
    form.set_incident(replace(incident, entity=EntityFacts()))  # a new or other file forgets them
    assert form.incident(dict(incident.residents)).entity == EntityFacts()


def test_a_plan_read_as_of_another_day_counts_days_not_the_clock_s_hours(qtbot) -> None:
    """The hours countdown runs to the real clock; read as of another day ("Plan as of") it
    would contradict the row's colour: the trial saw an 8-K due in 29 days marked "37 h
    overdue" because the real clock was past it. As of another day: days, as every row."""
    model = ObligationTableModel()
    model.set_obligations((_hours_ob("2026-12-01T17:30-05:00"),))
    model.now = lambda: datetime.fromisoformat("2026-12-03T11:00+00:00")
    model.set_view(today=date(2026, 11, 2), window=7, date_format="yyyy-MM-dd")
    assert model.data(model.index(0, model.DAYS_LEFT)) == "29 days"
    model.set_view(today=date(2026, 12, 3), window=7, date_format="yyyy-MM-dd")
    assert model.data(model.index(0, model.DAYS_LEFT)) == "36 h overdue"


def test_the_deadline_column_shows_an_hours_clock_s_time_whole(make_window) -> None:
    """The time and offset are what an hours deadline turns on; the trial saw them cut to
    '2026-11-01 Sun 2...' at 1366x768, so the column widens to its longest deadline."""

    window = make_window()
    window.set_incident(read_incident(SAMPLE), None)
    table, model = window.plan.table, window.plan.model
    widest = max(
        table.fontMetrics().horizontalAdvance(model.data(model.index(row, model.DEADLINE)))
        for row in range(model.rowCount())
    )
    assert table.columnWidth(model.DEADLINE) >= widest
    window._saved = window._incident


def test_the_form_fits_the_left_pane_at_1366x768(qtbot) -> None:
    """The sector labels made the form 789 px wide; the left pane at 1366x768 is about 490,
    so every field was cut off at the right (trial, 2026-12-03). Labels wrap instead."""
    form = IncidentForm(None, "yyyy-MM-dd")
    qtbot.addWidget(form)
    assert form.minimumSizeHint().width() <= 490


def test_clicking_a_sector_s_label_ticks_it(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    form = EntityProfileForm()
    qtbot.addWidget(form)
    form.answered.setChecked(True)
    label = next(w for w in form.findChildren(QLabel) if w.text() == Sector.GDPR.label)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert form.sectors[Sector.GDPR].isChecked()


def test_the_details_pane_gives_an_hours_deadline_its_time(qtbot) -> None:
    """Trial, 2026-12-03: the pane said "2026-11-02 (Mon): due today" for a deadline at 08:00."""
    from ui.details import obligation_html

    html = obligation_html(_hours_ob("2026-11-02T08:00-05:00"), date(2026, 11, 2))
    assert "2026-11-02 (Mon) 08:00 (UTC-05:00): due today" in html


def test_the_banner_gives_a_controlling_hours_deadline_its_time(make_window) -> None:
    """Trial, 2026-12-03: "Controlling deadline: 2026-11-01 (Sun)" for the 24-hour notice due at 11:00."""
    window = make_window()
    window.set_incident(read_incident(SAMPLE), None)
    window.set_as_of(date(2026, 11, 2))
    assert "Controlling deadline: 2026-11-01 (Sun) 11:00 (UTC-05:00)</b>" in window.banner.text()
    window._saved = window._incident


def test_the_details_pane_names_a_sector_regulator_once() -> None:
    """A sector rule names the notice by its office; the pane printed it under the heading
    again (the PDF did the same until export.common.office_text; one rule for both now)."""
    from notifyplanner.engine import plan
    from notifyplanner.rulebook import load_rulebook
    from tests.jurisdictions.statute import notice
    from ui.details import obligation_html

    result = plan(read_incident(SAMPLE), load_rulebook())
    dfs = notice(result, "NYDFS", "superintendent")
    html = obligation_html(dfs, date(2026, 11, 2))
    assert html.count("New York Superintendent of Financial Services") == 1, html
    sec = notice(result, "SEC-8K", "sec")
    assert "Form 8-K, Item 1.05, filed on EDGAR" in obligation_html(sec, date(2026, 11, 2))  # says more: kept
