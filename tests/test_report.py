"""Plan to text and JSON: the shapes other tools and counsel rely on."""

import json
from datetime import date
from pathlib import Path

from notifyplanner.engine import plan
from notifyplanner.incident_file import read_incident
from notifyplanner.model import DeadlineKind, Status
from notifyplanner.report import DISCLAIMER, deadline_text, plan_to_dict, plan_to_text
from notifyplanner.rulebook import load_rulebook
from tests.jurisdictions.statute import notice, plan_for

SAMPLE = read_incident(Path(__file__).parent.parent / "resources" / "samples" / "telehealth-pharmacy.json")
PLAN = plan(SAMPLE, load_rulebook())


def test_json_has_the_documented_keys_and_is_serialisable():
    doc = plan_to_dict(PLAN, today=date(2026, 10, 9))
    json.dumps(doc)
    assert {"controlling_deadline", "obligations", "credit_monitoring", "disclaimer"} <= set(doc)
    first = doc["obligations"][0]
    for key in ("jurisdiction", "recipient", "status", "deadline", "deadline_kind", "basis", "citation",
                "effective_from", "days_left"):  # fmt: skip
        assert key in first, key
    assert {"jurisdiction", "months", "starts", "ends"} <= set(doc["credit_monitoring"][0])
    assert doc["controlling_deadline"] == PLAN.controlling_deadline.isoformat()  # type: ignore[union-attr]


def test_days_left_only_when_today_is_given():
    assert "days_left" not in plan_to_dict(PLAN)["obligations"][0]


def test_deadline_text_never_shows_a_number_for_no_fixed_deadline():
    massachusetts = notice(plan_for("MA", discovered="2024-03-01"), "MA", "individuals")
    assert massachusetts.deadline_kind is DeadlineKind.NO_FIXED_DEADLINE
    assert deadline_text(massachusetts) == "no fixed date"
    texas = notice(plan_for("TX", discovered="2024-03-01", determined=None), "TX", "individuals")
    assert texas.conservative and deadline_text(texas).endswith(" *")
    not_owed = notice(plan_for("TX", discovered="2024-03-01", residents=10), "TX", "attorney_general")
    assert not_owed.status is Status.NOT_REQUIRED and deadline_text(not_owed) == "-"


def test_text_names_the_incident_the_controlling_deadline_and_the_disclaimer():
    text = plan_to_text(PLAN, today=date(2026, 10, 9))
    assert SAMPLE.name in text
    assert PLAN.controlling_deadline.isoformat() in text  # type: ignore[union-attr]
    assert DISCLAIMER.split(".")[0] in text


def test_every_obligation_has_a_unique_stable_key_in_json():
    result = plan_for("TX", discovered="2026-02-05", residents={"TX": 600, "CA": 10}, role="covered_entity")
    data = plan_to_dict(result)
    keys = [o["key"] for o in data["obligations"]]
    assert len(keys) == len(set(keys))
    assert "HIPAA/media/TX" in keys and "TX/individuals" in keys and "HIPAA/individuals" in keys


def test_text_and_json_name_two_notices_to_one_office_apart():
    vt = plan_for("VT", discovered="2025-06-02")
    text = plan_to_text(vt, today=date(2025, 6, 3), width=200)
    assert "Attorney General: preliminary notice" in text
    assert "Attorney General: copy of the consumer notice" in text
    labels = {o["obligation"]: o["label"] for o in plan_to_dict(vt)["obligations"]}
    assert labels["attorney_general"] == "Attorney General: preliminary notice"


def test_with_dates_rewrites_only_real_iso_dates():
    from notifyplanner.report import with_dates

    us = lambda day: day.strftime("%m/%d/%Y")  # noqa: E731
    text = "60 calendar days after discovery 2026-10-02; send by 2026-11-30. Ref 12026-10-021, 2026-02-30."
    assert with_dates(text, us) == (
        "60 calendar days after discovery 10/02/2026; send by 11/30/2026. Ref 12026-10-021, 2026-02-30."
    )
    assert with_dates("no dates", us) == "no dates"


def test_text_states_the_entity_profile_the_sector_rules_read():
    from dataclasses import replace

    from notifyplanner.model import Sector

    assert "Entity profile: none of the listed sectors" in plan_to_text(PLAN)
    unanswered = plan(replace(SAMPLE, sectors=None), load_rulebook())
    assert "Entity profile: not given: securities, financial" in plan_to_text(unanswered)
    public = plan(replace(SAMPLE, sectors=frozenset({Sector.PUBLIC_COMPANY})), load_rulebook())
    assert f"Entity profile: {Sector.PUBLIC_COMPANY.label}" in plan_to_text(public)
