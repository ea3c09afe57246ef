"""Incident files: strict reading with the field named, atomic writing, full round trip."""

import json
import os
from datetime import date

import pytest

from notifyplanner.incident_file import (
    IncidentError,
    dumps,
    incident_problems,
    loads,
    read_incident,
    write_incident,
)
from notifyplanner.model import (
    Circumstance,
    DataElement,
    Decision,
    DecisionKind,
    EntityAttribute,
    EntityFacts,
    EntityRole,
    Incident,
    LawEnforcementDelay,
)

FULL = Incident(
    name="Round trip",
    entity_role=EntityRole.BUSINESS_ASSOCIATE,
    discovered=date(2025, 1, 10),
    determined=date(2025, 1, 12),
    breach_start=date(2024, 12, 1),
    breach_end=date(2025, 1, 2),
    vendor_notice=date(2025, 1, 9),
    individuals_notified=date(2025, 2, 1),
    hhs_notified=date(2025, 2, 3),
    law_enforcement_delay=LawEnforcementDelay("oral", date(2025, 1, 15), date(2025, 2, 1)),
    data_elements=frozenset({DataElement.NAME, DataElement.SSN}),
    encrypted=True,
    key_compromised=True,
    source_of_breach=False,
    residents={"TX": 10, "CA": None},
    total_affected=20,
    notes="ünïcode notes",
    entity_attributes={EntityAttribute.INFORMATION_BROKER: False},
    circumstances={Circumstance.NOTICE_REFERS_TO_CREDIT_REPORTS: True},
    decisions=(
        Decision(
            "HIPAA",
            DecisionKind.HIPAA_FOUR_FACTOR,
            "no_notice",
            date(2025, 1, 20),
            "Privacy Officer",
            (
                ("acquired_or_viewed", "Not viewed: forensic report"),
                ("mitigation", "Recipient attested deletion"),
            ),
        ),
        Decision(
            "FL",
            DecisionKind.NO_RISK_OF_HARM,
            "no_notice",
            None,
            factors=(("identity_theft_risk", "only truncated card numbers"),),
            consulted_law_enforcement=None,
        ),
    ),
    entity=EntityFacts(
        name="Acme Pharmacy, Inc.",
        phone="+1 555 0100",
        email="privacy@acme.example",
        postal_address="1 Main St\nSpringfield, IL 62701",
        what_happened="An intruder copied\nthe payroll files.",
    ),
)


def base(*, drop: tuple[str, ...] = (), **changes):
    data = json.loads(dumps(Incident(name="x", discovered=date(2025, 1, 10))))
    data.update(changes)
    for key in drop:
        del data[key]
    return json.dumps(data)


def test_every_field_round_trips(tmp_path):
    path = tmp_path / "incident.json"
    write_incident(FULL, path)
    assert read_incident(path) == FULL


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (base(discoverd="2025-01-01"), "discoverd", "unknown field"),
        (base(entity_attributes={"data_broker": True}), "entity_attributes.data_broker", "unknown name"),
        (
            base(circumstances={"notice_refers_to_credit_reports": "yes"}),
            "circumstances.notice_refers_to_credit_reports",
            "true, false or null",
        ),
        (base(decisions={}), "decisions", "expected a list"),
        (
            base(decisions=[{"scope": "FL", "kind": "gut_feeling", "conclusion": "no_notice"}]),
            "decisions[0].kind",
            "hipaa_four_factor",
        ),
        (
            base(decisions=[{"scope": "FL", "kind": "hipaa_four_factor", "conclusion": "no_notice"}]),
            "decisions[0].scope",
            '"HIPAA"',
        ),
        (
            base(decisions=[{"scope": "Florida", "kind": "no_risk_of_harm", "conclusion": "no_notice"}]),
            "decisions[0].scope",
            "state code",
        ),
        (
            base(decisions=[{"scope": "FL", "kind": "no_risk_of_harm", "conclusion": "maybe"}]),
            "decisions[0].conclusion",
            "no_notice",
        ),
        (
            base(
                decisions=[
                    {"scope": "FL", "kind": "no_risk_of_harm", "conclusion": "notify", "date": "2025-13-01"}
                ]
            ),
            "decisions[0].date",
            "not a real date",
        ),
        (
            base(
                decisions=[
                    {
                        "scope": "HIPAA",
                        "kind": "hipaa_four_factor",
                        "conclusion": "notify",
                        "factors": {"vibes": "x"},
                    }
                ]
            ),
            "decisions[0].factors.vibes",
            "unknown factor",
        ),
        (
            base(decisions=[{"scope": "FL", "kind": "no_risk_of_harm", "conclusion": "notify", "why": "x"}]),
            "decisions[0].why",
            "unknown field",
        ),
        (base(entity={"phnoe": "555"}), "entity.phnoe", "unknown field"),
        (base(entity="Acme"), "entity", "expected an object"),
        (base(entity={"name": 7}), "entity.name", "expected text or null"),
        (base(entity={"phone": "555\n0100"}), "entity.phone", "one line"),
        (base(entity={"email": "privacy at acme"}), "entity.email", "e-mail address"),
        (base(entity={"what_happened": "x" * 20_001}), "entity.what_happened", "longer than"),
        (base(discovered="01/10/2025"), "discovered", "YYYY-MM-DD"),
        (base(discovered="2025-02-30"), "discovered", "not a real date"),
        (base(entity_role="hospital"), "entity_role", "expected one of"),
        (base(data_elements=["ssn", "dna"]), "data_elements[1]", "unknown data element 'dna'"),
        (base(residents={"TX": -3}), "residents.TX", "whole number"),
        (base(residents={"XX": 3}), "residents.XX", "not a jurisdiction code"),
        (base(encrypted=True, drop=("key_compromised",)), "key_compromised", "required when encrypted"),
        (base(format="other"), "format", "notifyplanner-incident"),
        (base(version=2), "version", "reads version 1"),
        (base(breach_start="2025-02-01"), "discovered", "before the breach began"),
        (base(total_affected=5, residents={"TX": 10}), "total_affected", "fewer than"),
        ('{"name": "x", "name": "y"}', "name", "appears twice"),
        ("{not json", "line 1 column 2", "not valid JSON"),
    ],
)
def test_bad_input_names_the_field(text, field, words):
    with pytest.raises(IncidentError) as caught:
        loads(text, "case.json")
    assert caught.value.field == field
    assert words in str(caught.value)
    assert str(caught.value).startswith("case.json: ")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(IncidentError, match="no such file"):
        read_incident(tmp_path / "absent.json")


def test_impossible_dates_are_listed_per_field():
    incident = Incident(
        breach_start=date(2025, 2, 1), breach_end=date(2025, 1, 1), discovered=date(2025, 1, 5)
    )
    fields = [p.field for p in incident_problems(incident)]
    assert fields == ["breach_end", "discovered"]


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "incident.json"
    write_incident(FULL, path)
    before = path.read_bytes()

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_incident(Incident(name="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["incident.json"]  # no temp file left behind


def test_a_saved_file_keeps_the_mode_a_plain_save_would_give(tmp_path):
    path = tmp_path / "incident.json"
    write_incident(FULL, path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    write_incident(FULL, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_entity_facts_are_optional_and_absent_ones_are_not_written():
    """A file that never gave them saves exactly as before; null reads as not given."""
    plain = Incident(name="x", discovered=date(2025, 1, 10))
    assert "entity" not in json.loads(dumps(plain))
    assert loads(base(entity={"name": None, "phone": "555"})).entity == EntityFacts(phone="555")
    assert loads(base(entity=None)).entity == EntityFacts()
    written = json.loads(dumps(FULL))["entity"]
    assert written["name"] == "Acme Pharmacy, Inc." and written["steps_taken"] is None
