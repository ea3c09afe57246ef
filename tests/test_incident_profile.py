"""The incident file's instants and entity profile: read strictly, written back as given."""

import json
from datetime import date, datetime

import pytest

from notifyplanner.incident_file import IncidentError, dumps, loads
from notifyplanner.model import Sector

BASE = {
    "format": "notifyplanner-incident",
    "version": 1,
    "name": "profile",
    "entity_role": "business",
    "discovered": "2026-03-06",
    "data_elements": ["name", "ssn"],
    "encrypted": False,
    "residents": {"NY": 10},
}


def read(**extra):
    return loads(json.dumps({**BASE, **extra}))


def test_a_file_with_instants_and_a_profile_reads_and_round_trips():
    incident = read(
        discovered_at="2026-03-06T09:15:00-05:00",
        determined="2026-03-06",
        determined_at="2026-03-06T15:00:00-05:00",
        materiality_determined="2026-03-09",
        sec_ag_delay_until="2026-04-10",
        ransom_paid_at="2026-03-07T23:30:00-05:00",
        time_zone="America/New_York",
        sectors=["public_company", "nydfs_covered_entity", "gdpr"],
        insurance_domicile="NY",
    )
    assert incident.determined_at == datetime.fromisoformat("2026-03-06T15:00-05:00")
    assert incident.materiality_determined == date(2026, 3, 9)
    assert incident.sec_ag_delay_until == date(2026, 4, 10)
    assert incident.sectors == {Sector.PUBLIC_COMPANY, Sector.NYDFS_COVERED_ENTITY, Sector.GDPR}
    assert loads(dumps(incident)) == incident


def test_an_older_file_reads_as_no_profile_and_is_written_back_unchanged():
    incident = read()
    assert incident.sectors is None and incident.time_zone is None
    assert "sectors" not in json.loads(dumps(incident))


def test_an_empty_profile_is_an_answer():
    assert read(sectors=[]).sectors == frozenset()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": 5}, "time_zone"),
        ({"discovered_at": "2026-03-06T09:15"}, "discovered_at"),
        ({"discovered_at": "2026-03-06"}, "discovered_at"),
        ({"discovered_at": "3026-03-06T09:15:00Z"}, "discovered_at"),
        ({"ransom_paid_at": 12}, "ransom_paid_at"),
        ({"materiality_determined": "2026-02-30"}, "materiality_determined"),
        ({"sectors": "bank"}, "sectors"),
        ({"sectors": ["bank", "casino"]}, "sectors[1]"),
        ({"insurance_domicile": "ZZ"}, "insurance_domicile"),
        ({"sectors": ["smaller_reporting_company"]}, "sectors"),
        ({"sec_ag_delay_until": "2026-13-01"}, "sec_ag_delay_until"),
        ({"sec_ag_delay_until": 20261230}, "sec_ag_delay_until"),
        ({"sec_ag_delay_until": "2026-12-30"}, "sec_ag_delay_until"),  # no materiality date to delay
        ({"materiality_determined": "2026-03-09", "sec_ag_delay_until": "2026-03-08"}, "sec_ag_delay_until"),
    ],
)
def test_bad_values_are_refused_naming_the_field(extra, field):
    with pytest.raises(IncidentError) as err:
        read(**extra)
    assert err.value.field == field


def test_an_instant_must_fall_on_its_date_in_the_time_zone():
    # 23:30 in New York on the 5th is already the 6th in UTC: the date is read in the zone.
    ok = read(
        discovered="2026-03-05", discovered_at="2026-03-05T23:30:00-05:00", time_zone="America/New_York"
    )
    assert ok.discovered == date(2026, 3, 5)
    with pytest.raises(IncidentError) as err:
        read(discovered="2026-03-06", discovered_at="2026-03-05T23:30:00-05:00", time_zone="America/New_York")
    assert err.value.field == "discovered_at" and "2026-03-05" in err.value.message
    with pytest.raises(IncidentError):
        read(discovered="2026-03-06", discovered_at="2026-03-06T04:30:00Z", time_zone="America/New_York")


def test_determination_cannot_precede_discovery_to_the_minute():
    with pytest.raises(IncidentError) as err:
        read(
            discovered_at="2026-03-06T15:00:00-05:00",
            determined="2026-03-06",
            determined_at="2026-03-06T14:00:00-05:00",
        )
    assert err.value.field == "determined_at"
