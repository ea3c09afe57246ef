"""The shipped sample that owes SEC, NYDFS and GDPR notices plans them at the right instants."""

from datetime import datetime
from pathlib import Path

from notifyplanner.engine import plan
from notifyplanner.incident_file import read_incident
from notifyplanner.model import Status
from notifyplanner.report import plan_to_dict
from tests.jurisdictions.statute import rulebook

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "public-insurer-sec-nydfs-gdpr.json"


def test_the_sample_owes_sec_nydfs_and_gdpr_notices():
    result = plan(read_incident(SAMPLE), rulebook())
    owed = {o.key: o for o in result.obligations if o.status is Status.REQUIRED}
    assert owed["SEC-8K/sec"].deadline_at == datetime.fromisoformat("2026-12-01T17:30-05:00")
    assert owed["NYDFS/superintendent"].deadline_at == datetime.fromisoformat("2026-11-02T08:00-05:00")
    assert owed["NYDFS/extortion_payment"].deadline_at == datetime.fromisoformat("2026-11-01T11:00-05:00")
    assert owed["EU-GDPR/supervisory_authority"].deadline_at == datetime.fromisoformat(
        "2026-11-01T21:40-05:00"
    )
    # Same day as GDPR's 21:40, but the extortion notice's 11:00 comes first.
    assert result.controlling.key == "NYDFS/extortion_payment"


def test_plan_json_carries_deadline_at_with_its_offset():
    data = plan_to_dict(plan(read_incident(SAMPLE), rulebook()))
    rows = {o["key"]: o for o in data["obligations"]}
    assert rows["NYDFS/superintendent"]["deadline_at"] == "2026-11-02T08:00:00-05:00"
    assert rows["NY/individuals"]["deadline_at"] is None
