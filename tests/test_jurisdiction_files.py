"""Common tests over every rule file: complete registry, well-formed and cited values,
README table and committed snapshots in step with the data."""

import json
from datetime import date
from pathlib import Path

import pytest

from notifyplanner.model import EntityRole
from notifyplanner.places import JURISDICTIONS
from notifyplanner.rulebook import BUNDLED_RULES, SECTOR_KINDS, load_jurisdiction, rule_files
from notifyplanner.rules_view import coverage_markdown, unchecked_markdown
from notifyplanner.snapshots import snapshot_text
from notifyplanner.sources import is_official, jotting_pattern, official_hosts, source_problems
from tests.jurisdictions.statute import rulebook

ROOT = Path(__file__).resolve().parents[1]
OWNER_ROLES = {EntityRole.BUSINESS, EntityRole.COVERED_ENTITY, EntityRole.PHR_VENDOR}
STATES = sorted(JURISDICTIONS)


SECTOR_CODES = {
    "SEC-8K",
    "SEC-REGSP",
    "FTC-GLBA",
    "NYDFS",
    "US-BANKING",
    "NCUA",
    "EU-GDPR",
    "UK-GDPR",
    "CA-PIPEDA",
}


def test_registry_has_all_54_jurisdictions_plus_hipaa_and_ftc():
    assert len(JURISDICTIONS) == 54
    breach = {c for c, j in rulebook().jurisdictions.items() if j.kind not in SECTOR_KINDS}
    assert breach == set(JURISDICTIONS) | {"HIPAA", "FTC-HBNR"}


def test_registry_has_the_sector_and_foreign_rules_of_issue_13():
    """Other tools rely on these codes; state insurance files are INS-XX, XX a USPS code."""
    sector = {c for c, j in rulebook().jurisdictions.items() if j.kind in SECTOR_KINDS}
    insurance = {c for c in sector if c.startswith("INS-")}
    assert sector - insurance == SECTOR_CODES
    assert insurance and all(c[4:] in JURISDICTIONS for c in insurance)


@pytest.mark.parametrize("code", STATES)
def test_kind_name_and_holiday_calendar_match_the_jurisdiction(code):
    j = rulebook().get(code)
    expected_kind = {"DC": "district", "PR": "territory", "GU": "territory", "VI": "territory"}.get(
        code, "state"
    )
    assert j.kind == expected_kind
    assert j.name == JURISDICTIONS[code]
    assert j.holidays.subdivision == code


@pytest.mark.parametrize("code", STATES)
def test_every_version_tells_owners_when_to_notify_individuals(code):
    for version in rulebook().get(code).versions:
        individuals = version.obligation("individuals")
        assert individuals is not None, version.effective_from
        assert OWNER_ROLES & individuals.trigger.entity_roles


@pytest.mark.parametrize("code", STATES)
def test_every_value_is_cited_with_a_pin_and_a_link(code):
    for version in rulebook().get(code).versions:
        cites = [
            version.statute,
            version.personal_information.citation,
            version.encryption.citation,
            version.risk_of_harm.citation,
            version.hipaa.citation,
            version.law_enforcement.citation,
        ]
        cites += [o.citation for o in version.obligations] + [c.citation for c in version.credit_monitoring]
        for cite in cites:
            assert cite.url.startswith(("https://", "http://")), cite
            assert any(ch.isdigit() for ch in cite.cite), f"no section number in {cite.cite!r}"


@pytest.mark.parametrize("code", STATES)
def test_thresholds_are_well_formed(code):
    for version in rulebook().get(code).versions:
        for ob in version.obligations:
            assert ob.trigger.per_state_min_residents is None  # federal-only
            assert ob.trigger.min_residents >= 1
            if ob.recipient.value == "individuals":
                assert ob.trigger.min_residents == 1, "individual notice is owed to every resident"


@pytest.mark.parametrize("code", STATES)
def test_reviewed_and_dated_sensibly(code):
    j = rulebook().get(code)
    assert date(2026, 1, 1) <= j.last_reviewed <= date(2026, 12, 31)
    assert j.first_enacted >= date(2002, 7, 1)  # California's was the first breach law
    assert j.versions[0].effective_from >= j.first_enacted


@pytest.mark.parametrize("code", [*STATES, "HIPAA", "FTC-HBNR"])
def test_each_jurisdiction_has_statute_cases(code):
    name = "ftc_hbnr" if code == "FTC-HBNR" else code.lower()
    assert (ROOT / "tests" / "jurisdictions" / f"test_{name}.py").is_file()


def test_rule_files_are_formatted_json_without_stray_files():
    for path in rule_files(BUNDLED_RULES):
        json.loads(path.read_text(encoding="utf-8"))
        assert path.name == path.name.lower()


def test_readme_coverage_table_matches_the_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- coverage:start -->\n", 1)[1].split("\n<!-- coverage:end -->", 1)[0]
    assert table == coverage_markdown(rulebook()), (
        "README drifted: run python scripts/update_readme_coverage.py"
    )


def test_unchecked_values_page_matches_the_rules():
    page = (ROOT / "docs" / "unchecked-values.md").read_text(encoding="utf-8")
    assert page == unchecked_markdown(rulebook()), (
        "docs/unchecked-values.md drifted: run python scripts/update_readme_coverage.py"
    )


@pytest.mark.parametrize("code", [*STATES, "HIPAA", "FTC-HBNR"])
def test_committed_snapshot_matches_the_plan(code):
    path = ROOT / "tests" / "snapshots" / f"{code.lower()}.txt"
    assert path.is_file(), "missing snapshot: run python scripts/snapshot_plans.py"
    assert path.read_text(encoding="utf-8") == snapshot_text(rulebook(), code), (
        f"{code}'s plans changed: review, then run python scripts/snapshot_plans.py"
    )


# ------------------------------------------------------------------ sources a lawyer can follow


@pytest.mark.parametrize("path", rule_files(BUNDLED_RULES), ids=lambda p: p.name)
def test_every_citation_links_the_official_text_and_every_note_is_for_the_user(path):
    """The common test of issue 11: official hosts only (aggregators go to read_at), and no
    research jottings or file field names in any text a user reads (sources.JOTTINGS)."""
    assert [str(p) for p in source_problems(path)] == []


@pytest.mark.parametrize("path", rule_files(BUNDLED_RULES), ids=lambda p: p.name)
def test_read_at_is_only_kept_where_it_differs_from_the_official_link(path):
    for version in load_jurisdiction(path).versions:
        for what, cite in version.citations():
            assert cite.read_at != cite.url, (what, cite)
            if cite.read_at:
                # an official read_at is only an agency's summary beside the code's own text
                assert not is_official(cite.read_at) or cite.checked.value == "official_summary", (what, cite)


def test_official_host_list_names_an_owner_for_each_host():
    hosts = official_hosts()
    assert hosts and all(len(owner) > 5 for owner in hosts.values())
    for banned in (
        "law.justia.com",
        "casetext.com",
        "codes.findlaw.com",
        "www.law.cornell.edu",
        "fl.elaws.us",
    ):
        assert banned not in hosts


def test_jotting_patterns_catch_the_phrases_the_issue_names():
    pattern = jotting_pattern()
    for jotting in (
        "as recalled",
        "from memory",
        "not confirmed",
        "this research",
        "this session",
        "recollection",
        "not seen",
        "without_unreasonable_delay",
        "min_residents",
        "data_owner",
        "encoded as",
        "the engine",
        "was not read",
        "could not be confirmed",
    ):
        assert pattern.search(f"The wording is {jotting} here."), jotting
    for fine in (
        "DWT reads more than 1,000; the statute says 1,000 or more; the plan follows the statute.",
        "Perkins Coie does not read the exemption that broadly.",
        "unless it could not reasonably have been acquired (§ 318.2).",
    ):
        assert not pattern.search(fine)


ALL_CODES = sorted(rulebook().jurisdictions)


@pytest.mark.parametrize("code", ALL_CODES)
def test_no_two_notices_of_a_jurisdiction_read_alike(code):
    """Issue 12: New York showed two identical "Attorney General" rows. Every notice of one
    version (and every no-harm duty, which the engine titles) has a row label of its own;
    a title is set only where the recipient repeats, so a lone notice keeps its short name."""
    from notifyplanner.engine import DETERMINATION_TITLE
    from notifyplanner.model import Recipient

    jurisdiction = rulebook().get(code)
    sector = jurisdiction.kind in SECTOR_KINDS
    for version in jurisdiction.versions:
        # A sector rule's regulator row is named by its office (sector.py), not "State regulator".
        labels = [
            (o.recipient, o.office if sector and o.recipient is Recipient.REGULATOR else "", o.title)
            for o in version.obligations
        ]
        duties = version.risk_of_harm.duties if version.risk_of_harm is not None else ()
        labels += [
            (d.recipient, "", "" if d.recipient is Recipient.RECORDS else DETERMINATION_TITLE) for d in duties
        ]
        assert len(labels) == len(set(labels)), (version.effective_from, labels)
        repeated = {(r, o) for r, o, _ in labels if sum(1 for r2, o2, _ in labels if (r2, o2) == (r, o)) > 1}
        for o in version.obligations:
            office = o.office if sector and o.recipient is Recipient.REGULATOR else ""
            if not sector and o.recipient is Recipient.REGULATOR:
                # "State regulator" alone does not say which office (a police division, a
                # consumer-affairs office, a cyber center): a state's regulator row is always titled.
                assert o.title, f"{code} {version.effective_from} {o.id}: a regulator row needs a title"
            elif o.title:
                assert (o.recipient, office) in repeated, (
                    f"{code} {version.effective_from} {o.id}: title not needed"
                )
