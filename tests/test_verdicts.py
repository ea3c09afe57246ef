"""verdicts: the trigger questions, asked in the statute's order, before any date."""

from __future__ import annotations

from datetime import date

from notifyplanner.model import DataElement, EntityRole, Incident, Status
from notifyplanner.verdicts import NoticeVerdicts, elements_text
from tests.jurisdictions.statute import rulebook


def _verdicts(code: str, residents: int | None, elements=("name", "ssn"), **facts) -> NoticeVerdicts:
    jurisdiction = rulebook().get(code)
    incident = Incident(
        name="verdicts",
        entity_role=EntityRole(facts.pop("role", "business")),
        discovered=date(2025, 6, 2),
        data_elements=frozenset(DataElement(e) for e in elements),
        residents={code: residents},
        **facts,
    )
    version = jurisdiction.version_on(date(2025, 6, 2))
    return NoticeVerdicts(incident, jurisdiction, version, residents)


def test_texas_ag_notice_needs_250_texans():
    """Tex. Bus. & Com. Code § 521.053(i): the AG notice when the breach involves at least 250 Texans."""
    below = _verdicts("TX", 249)
    at = _verdicts("TX", 250)
    ag = below.version.obligation("attorney_general")
    assert below.verdict(ag).status is Status.NOT_REQUIRED
    assert "249 Texas residents; the threshold is" in below.verdict(ag).reason
    assert at.verdict(ag).status is Status.REQUIRED


def test_data_that_is_not_personal_information_ends_every_notice_there():
    v = _verdicts("TX", 1000, elements=("dob",))
    assert v.coverage() is not None and v.coverage().status is Status.NOT_REQUIRED
    assert all(v.verdict(o).status is Status.NOT_REQUIRED for o in v.version.obligations)


def test_an_unknown_count_leaves_a_threshold_notice_undetermined_and_asks_for_it():
    v = _verdicts("TX", None)
    verdict = v.verdict(v.version.obligation("attorney_general"))
    assert verdict.status is Status.UNDETERMINED
    assert verdict.needs == ("number of Texas residents",)


def test_encrypted_data_with_its_key_kept_is_safe_harbored():
    v = _verdicts("TX", 1000, encrypted=True, key_compromised=False)
    assert v.coverage() is not None and "safe harbor" in v.coverage().reason


def test_elements_are_named_in_words():
    assert elements_text(frozenset({DataElement.DOB, DataElement.NAME})) == "date of birth; name"
    assert elements_text(frozenset()) == "none"
