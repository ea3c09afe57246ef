"""The service the CLI and the app call: facts versions and their plans, notices graded,
one truth for individuals_notified, what changed, the HHS log, export."""

import hashlib
import json
from dataclasses import replace
from datetime import date

import pytest

from notifyplanner.register.cases import (
    EvidenceFileError,
    LateReasonNeeded,
    UnknownKeyError,
)
from notifyplanner.register.grading import Timeliness, counts
from notifyplanner.register.hhs_log import hhs_log_due
from notifyplanner.register.records import LateReason, Method
from notifyplanner.register.storage import ConflictError, RegisterError
from tests.register.conftest import TODAY, telehealth


def test_the_plan_of_any_saved_version_can_be_recomputed(service):
    case = service.import_incident(telehealth())
    service.update(case.id, telehealth(residents={"CA": 1000, "TX": 600}))
    assert "TX/individuals" not in {o.key for o in service.plan(case.id, 1).obligations}
    assert "TX/individuals" in {o.key for o in service.plan(case.id, 2).obligations}
    assert "HIPAA/media/TX" in {o.key for o in service.plan(case.id).obligations}


def test_an_update_logs_what_changed_in_the_facts_and_the_plan(service):
    case = service.import_incident(telehealth())
    result = service.update(case.id, telehealth(residents={"CA": 1000, "TX": 600}))
    assert [c.field for c in result.facts] == ["residents.TX"]
    assert "TX/individuals" in result.plan.added and "HIPAA/media/TX" in result.plan.added
    entry = service.register.log(case.id)[-1]
    assert entry.action == "facts" and entry.who == "alice"
    assert entry.detail["changes"] == [{"field": "residents.TX", "from": None, "to": 600}]
    assert "HIPAA/media/TX" in entry.detail["plan"]["added"]


def test_a_determination_date_moves_deadlines_and_the_diff_says_so(service):
    case = service.import_incident(telehealth(residents={"CA": 1000, "TX": 300}))
    result = service.update(
        case.id, telehealth(residents={"CA": 1000, "TX": 300}, determined=date(2026, 3, 3))
    )
    moved = {m.key: (m.old, m.new) for m in result.plan.moved}
    assert "TX/individuals" in moved and moved["TX/individuals"][1] > moved["TX/individuals"][0]


def test_saving_the_same_facts_is_not_a_new_version(service):
    case = service.import_incident(telehealth())
    assert service.update(case.id, telehealth()).case.facts_version == 1


def test_hims_hers_individuals_notified_april_2_grades_california_late_and_hipaa_on_time(service):
    case = service.import_incident(telehealth())
    with pytest.raises(LateReasonNeeded, match="26 days after its deadline 2026-03-07"):
        service.mark_sent(case.id, "CA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    assert service.register.notices(case.id) == {}  # refused: nothing written
    late = service.mark_sent(
        case.id,
        "CA/individuals",
        date(2026, 4, 2),
        Method.MAIL,
        late_reason=LateReason.SCOPE_BEING_DETERMINED,
        today=TODAY,
    )
    assert late.grade.timeliness is Timeliness.LATE and late.grade.days_late == 26
    ok = service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    assert ok.grade.timeliness is Timeliness.ON_TIME
    notice = service.register.notices(case.id)["CA/individuals"]
    assert notice.late_reason is LateReason.SCOPE_BEING_DETERMINED


def test_recording_the_individual_notice_sets_individuals_notified(service):
    case = service.import_incident(telehealth())
    result = service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    assert result.facts_updated is not None and result.disagreement is None
    assert service.incident(case.id).individuals_notified == date(2026, 4, 2)
    assert service.register.case(case.id).facts_version == 2
    assert service.register.log(case.id)[-1].detail["changes"][0]["field"] == "individuals_notified"


def test_a_disagreement_is_reported_not_resolved_and_the_answer_is_logged(service):
    case = service.import_incident(telehealth(individuals_notified=date(2026, 4, 1)))
    result = service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    d = result.disagreement
    assert (d.facts_date, d.notice_date, d.notice_key) == (
        date(2026, 4, 1),
        date(2026, 4, 2),
        "HIPAA/individuals",
    )
    assert service.incident(case.id).individuals_notified == date(2026, 4, 1)  # unchanged until answered
    service.resolve_individuals_notified(d, date(2026, 4, 2))
    assert service.incident(case.id).individuals_notified == date(2026, 4, 2)
    actions = [e.action for e in service.register.log(case.id)]
    assert actions[-2:] == ["individuals_notified_decision", "facts"]
    assert service.register.verify(case.id).ok


def test_unknown_key_future_date_and_missing_evidence_write_nothing(service, tmp_path):
    case = service.import_incident(telehealth())
    before = service.register.log(case.id)
    with pytest.raises(UnknownKeyError, match="CA/individual'"):
        service.mark_sent(case.id, "CA/individual", date(2026, 3, 1), Method.MAIL, today=TODAY)
    with pytest.raises(RegisterError, match="after today"):
        service.mark_sent(case.id, "CA/individuals", date(2026, 5, 1), Method.MAIL, today=TODAY)
    with pytest.raises(EvidenceFileError, match=r"nope\.pdf"):
        service.mark_sent(
            case.id,
            "CA/individuals",
            date(2026, 3, 1),
            Method.MAIL,
            evidence=[tmp_path / "nope.pdf"],
            today=TODAY,
        )
    assert service.register.log(case.id) == before and service.register.notices(case.id) == {}


def test_a_window_holding_an_old_revision_gets_a_conflict(service):
    case = service.import_incident(telehealth())
    service.skip(case.id, "CA/attorney_general", "fewer than 501 Californians after dedup")
    with pytest.raises(ConflictError):
        service.update(case.id, telehealth(residents={"CA": 900}), expected_revision=case.revision)


def test_register_counts_agree_with_grading(service):
    case = service.import_incident(telehealth(residents={"CA": 1000, "TX": 600, "NY": 20}))
    service.mark_sent(
        case.id, "CA/individuals", date(2026, 4, 2), Method.MAIL, late_reason=LateReason.OTHER, today=TODAY
    )
    service.skip(case.id, "HIPAA/media/TX", "counsel: press release already covers it")
    for today in (date(2026, 2, 10), date(2026, 3, 10), TODAY, date(2027, 6, 1)):
        graded = service.graded(case.id, today)
        grade_counts = counts(graded.grades)
        (row,) = service.summaries(today)
        assert (row.overdue, row.pending) == (grade_counts["overdue"], grade_counts["pending"]), today
        assert row.sent == 1 and row.skipped == 1


def test_hhs_log_lists_small_breaches_of_the_year_with_their_submission(service):
    small = service.import_incident(telehealth(name="small", residents={"CA": 120}))
    service.import_incident(telehealth(name="big", residents={"CA": 1000}))
    service.import_incident(telehealth(name="last year", residents={"CA": 50}, discovered=date(2025, 12, 31)))
    (row,) = service.hhs_log(2026)
    assert (row.name, row.affected, row.due, row.submitted_on) == ("small", 120, date(2027, 3, 1), None)
    service.mark_sent(small.id, "HIPAA/hhs_annual", date(2027, 2, 10), Method.PORTAL, today=date(2027, 2, 10))
    (row,) = service.hhs_log(2026)
    assert row.submitted_on == date(2027, 2, 10)
    assert [r.name for r in service.hhs_log(2025)] == ["last year"]


@pytest.mark.parametrize(
    ("year", "due"), [(2026, date(2027, 3, 1)), (2023, date(2024, 2, 29)), (2027, date(2028, 2, 29))]
)
def test_hhs_log_is_due_60_days_after_the_year_ends(year, due):
    # 45 CFR 164.408(c): "not later than 60 days after the end of each calendar year"
    assert hhs_log_due(year) == due


def test_the_hhs_log_due_date_is_the_plans_deadline_for_the_annual_report(service):
    case = service.import_incident(telehealth(residents={"CA": 120}))
    ob = next(o for o in service.plan(case.id).obligations if o.key == "HIPAA/hhs_annual")
    assert ob.deadline == hhs_log_due(2026)


def test_export_writes_every_file_and_evidence_byte_for_byte(service, tmp_path):
    payload = b"%PDF-1.7\n" + bytes(range(256)) * 10
    case = service.import_incident(telehealth())
    letter = tmp_path / "letter as sent.pdf"
    letter.write_bytes(payload)
    service.mark_sent(
        case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, evidence=[letter], today=TODAY
    )
    out = tmp_path / "export"
    service.export(case.id, out, TODAY)
    (evidence,) = (out / "evidence").iterdir()
    assert evidence.read_bytes() == payload and evidence.name == "1-letter as sent.pdf"
    log = json.loads((out / "log.json").read_text())
    assert log["head"] == service.register.case(case.id).log_head == log["entries"][-1]["hash"]
    assert log["entries"][-1]["action"] == "export"
    notices = {n["key"]: n for n in json.loads((out / "notices.json").read_text())["notices"]}
    assert notices["HIPAA/individuals"]["evidence"][0]["sha256"] == hashlib.sha256(payload).hexdigest()
    assert (out / "incident.json").exists()
    with pytest.raises(RegisterError, match="not an empty folder"):
        service.export(case.id, out, TODAY)


def test_a_rules_change_is_noticed_and_the_list_replans(service):
    case = service.import_incident(telehealth())
    service.register.refresh_index(case.id, replace(_index(service, case.id), rules_digest="old rules"))
    assert not service.register.summaries(TODAY, service.digest)[0].plan_current
    assert service.summaries(TODAY)[0].plan_current


def _index(service, case_id):
    from notifyplanner.engine import plan
    from notifyplanner.register.cases import case_index

    incident = service.incident(case_id)
    return case_index(incident, plan(incident, service.rulebook), service.digest)


def test_new_facts_that_contradict_the_recorded_individual_notices_are_reported(service):
    case = service.import_incident(telehealth())
    service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    result = service.update(case.id, telehealth(individuals_notified=date(2026, 4, 9)))
    d = result.disagreement
    assert (d.facts_date, d.notice_key, d.notice_date) == (
        date(2026, 4, 9),
        "HIPAA/individuals",
        date(2026, 4, 2),
    )
    assert service.update(case.id, telehealth(individuals_notified=date(2026, 4, 2))).disagreement is None


def test_a_decision_not_to_send_keeps_its_evidence_in_one_transaction(service, tmp_path):
    case = service.import_incident(telehealth())
    memo = tmp_path / "risk memo.pdf"
    memo.write_bytes(b"%PDF risk-of-harm analysis \x00\xff")
    after = service.skip(case.id, "CA/attorney_general", "below threshold", evidence=[memo])
    assert after.revision == case.revision + 1  # one change, not one per file
    notice = service.register.notices(case.id)["CA/attorney_general"]
    assert [e.original_name for e in notice.evidence] == ["risk memo.pdf"]
    assert service.register.evidence_bytes(notice.evidence[0].id) == memo.read_bytes()
    assert [e.action for e in service.register.log(case.id)][-2:] == ["notice_skipped", "evidence_added"]


def test_a_decision_not_to_send_with_a_missing_file_writes_nothing(service, tmp_path):
    case = service.import_incident(telehealth())
    before = service.register.log(case.id)
    with pytest.raises(EvidenceFileError, match=r"gone\.pdf"):
        service.skip(case.id, "CA/attorney_general", "below threshold", evidence=[tmp_path / "gone.pdf"])
    assert service.register.log(case.id) == before
    assert "CA/attorney_general" not in service.register.notices(case.id)


def test_edited_facts_that_disagree_are_answered_through_the_same_function(service):
    """Saving edited facts asks the same question as recording a notice, and the log keeps
    the answer in one shape whichever way it was asked."""
    case = service.import_incident(telehealth())
    service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    edited = telehealth(individuals_notified=date(2026, 4, 9), residents={"CA": 1000, "TX": 600})
    d = service.individuals_notified_disagreement(case.id, edited)
    assert (d.facts_date, d.notice_key, d.notice_date) == (
        date(2026, 4, 9),
        "HIPAA/individuals",
        date(2026, 4, 2),
    )
    result = service.resolve_individuals_notified(d, date(2026, 4, 2), incident=edited)
    saved = service.incident(case.id)
    assert saved.individuals_notified == date(2026, 4, 2) and saved.residents["TX"] == 600  # the edit kept
    assert "TX/individuals" in result.plan.added
    decision, facts = service.register.log(case.id)[-2:]
    assert decision.action == "individuals_notified_decision" and facts.action == "facts"
    assert decision.detail == {
        "facts_date": "2026-04-09",
        "notice_key": "HIPAA/individuals",
        "notice_date": "2026-04-02",
        "chosen": "2026-04-02",
    }


def test_a_cleared_individuals_notified_date_is_a_disagreement_too(service):
    case = service.import_incident(telehealth())
    service.mark_sent(case.id, "HIPAA/individuals", date(2026, 4, 2), Method.MAIL, today=TODAY)
    cleared = replace(service.incident(case.id), individuals_notified=None)
    d = service.individuals_notified_disagreement(case.id, cleared)
    assert d is not None and d.facts_date is None and "no date" in str(d)
    service.resolve_individuals_notified(d, None, incident=cleared)
    assert service.incident(case.id).individuals_notified is None
    assert service.register.log(case.id)[-2].detail["chosen"] is None
    assert service.update(case.id, cleared).disagreement is None  # update reports contradicting dates only


def test_the_cases_imported_from_a_file_are_found_by_its_path(service, tmp_path, monkeypatch):
    first = service.import_incident(telehealth(), source=str(tmp_path / "case.json"))
    service.import_incident(telehealth(), source=str(tmp_path / "other.json"))
    service.import_incident(telehealth())  # typed in the app: no file
    assert service.cases_imported_from(tmp_path / "case.json") == [first.id]
    monkeypatch.chdir(tmp_path)
    assert service.cases_imported_from("case.json") == [first.id]  # relative to where you are
    assert service.cases_imported_from(tmp_path / "nothing.json") == []
