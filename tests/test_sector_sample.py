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


def test_the_first_sample_answers_its_entity_profile_instead_of_warning_about_itself():
    """The sample a newcomer first sees once opened with "Entity profile not given", a warning
    about the sample itself. It now answers the profile (a privately held pharmacy: none of
    the sector rules reaches it), and answering it changes no notice, only the warning."""
    from dataclasses import replace

    from notifyplanner.cli import SAMPLE_INCIDENT
    from notifyplanner.sector import PROFILE_WARNING

    sample = read_incident(SAMPLE_INCIDENT)
    assert sample.sectors == frozenset() and sample.time_zone is not None
    answered = plan(sample, rulebook())
    assert PROFILE_WARNING not in answered.warnings
    unanswered = plan(replace(sample, sectors=None), rulebook())
    assert PROFILE_WARNING in unanswered.warnings
    assert answered.obligations == unanswered.obligations
    assert answered.credit_monitoring == unanswered.credit_monitoring


def test_the_profile_warning_says_where_to_answer_it():
    """A new incident still starts unanswered, so the warning tells the user what to do in
    the app and in a file, including that "none of these" is an answer ([])."""
    from notifyplanner.sector import PROFILE_WARNING

    assert 'tick "I have answered the entity profile"' in PROFILE_WARNING
    assert '"sectors": [] when none applies' in PROFILE_WARNING
