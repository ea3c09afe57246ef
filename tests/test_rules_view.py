"""The coverage table and `rules show`: what counsel reads to audit the encoded rules."""

from datetime import date

from notifyplanner.rulebook import SECTOR_KINDS, load_rulebook
from notifyplanner.rules_view import calendar_text, coverage_markdown, coverage_rows, show_jurisdiction

BOOK = load_rulebook()


def test_coverage_has_one_row_per_jurisdiction_federal_first():
    rows = coverage_rows(BOOK)
    breach = [j for j in BOOK.jurisdictions.values() if j.kind not in SECTOR_KINDS]
    assert len(rows) == len(breach) == 56
    assert [r[0].split()[0] for r in rows[:2]] == ["FTC-HBNR", "HIPAA"]
    texas = next(r for r in rows if r[0].startswith("TX "))
    assert "60 days" in texas[1]
    assert "250" in texas[2] and "30 days" in texas[2]


def test_coverage_markdown_escapes_pipes_and_has_a_header_rule():
    breach, sectors = coverage_markdown(BOOK).split("\n\n")
    lines = breach.splitlines()
    assert lines[0].startswith("| Jurisdiction |") and lines[1].startswith("|---|")
    assert all(line.count(" | ") == 6 for line in lines[2:])
    lines = sectors.splitlines()
    assert lines[0].startswith("| Rule |") and lines[1].startswith("|---|")
    assert all(line.count(" | ") == 6 for line in lines[2:])


def test_show_names_the_version_statute_calendar_and_every_citation():
    text = show_jurisdiction(BOOK.get("VT"))  # type: ignore[arg-type]
    assert "Showing the version in force from 2020-07-01" in text
    assert "9 V.S.A. § 2435(b)(1)" in text
    assert (
        "plus Indigenous Peoples' Day, minus Juneteenth National Independence Day through 2024-06-30 [1 V.S.A. § 371"
        in text
    )


def test_show_an_older_version_on_a_date():
    text = show_jurisdiction(BOOK.get("VT"), on=date(2015, 1, 1))  # type: ignore[arg-type]
    assert "Showing the version in force from 2012-05-08" in text


def test_show_says_when_no_version_was_in_force():
    text = show_jurisdiction(BOOK.get("VT"), on=date(2001, 1, 1))  # type: ignore[arg-type]
    assert "No version in force on 2001-01-01" in text


def test_calendar_text_names_corrections_and_their_statute():
    assert calendar_text(BOOK.get("HIPAA").holidays).endswith("US federal public holidays")  # type: ignore[union-attr]
    iowa = calendar_text(BOOK.get("IA").holidays)  # type: ignore[union-attr]
    assert "minus Juneteenth National Independence Day" in iowa and "[Iowa Code § 1C.1" in iowa


def test_checked_column_is_the_weakest_level_of_the_current_versions_citations():
    from dataclasses import replace

    from notifyplanner.model import CheckLevel
    from notifyplanner.rules_view import weakest_check

    version = BOOK.get("TX").latest
    assert weakest_check(version) is max((c.checked for _, c in version.citations()), key=lambda c: c.rank)
    one_chart = replace(version, statute=replace(version.statute, checked=CheckLevel.SECONDARY))
    assert weakest_check(one_chart) is CheckLevel.SECONDARY
    row = next(r for r in coverage_rows(BOOK) if r[0].startswith("TX "))
    assert row[-1] == weakest_check(version).label


def test_show_prints_each_citations_check_level_and_where_it_was_read():
    text = show_jurisdiction(BOOK.get("FL"))
    assert "https://www.flsenate.gov/Laws/Statutes/" in text
    assert "read at <http://fl.elaws.us/law/501.171>" in text
    assert "(statute text)" in text or "(secondary sources)" in text


def test_unchecked_page_lists_only_values_not_read_in_the_statute():
    from notifyplanner.model import CheckLevel
    from notifyplanner.rules_view import unchecked_markdown

    page = unchecked_markdown(BOOK)
    weak = [
        c
        for j in BOOK.jurisdictions.values()
        for v in j.versions
        for _, c in v.citations()
        if c.checked is not CheckLevel.STATUTE_TEXT
    ]
    assert sum(1 for line in page.splitlines() if line.startswith("| 20")) == len(weak)


def test_show_lists_the_duties_a_no_harm_determination_carries_and_who_a_notice_binds():
    florida = show_jurisdiction(BOOK.get("FL"))  # type: ignore[arg-type]
    assert "counts only after consulting law enforcement" in florida
    assert "no_harm_department" in florida and "30 calendar days after the determination" in florida
    georgia = show_jurisdiction(BOOK.get("GA"))  # type: ignore[arg-type]
    assert "only by: A state or local government agency; or An information broker" in georgia
    montana = show_jurisdiction(BOOK.get("MT"))  # type: ignore[arg-type]
    assert "only if: Does the notice to individuals suggest" in montana


def test_show_says_which_incident_date_chooses_a_version_when_it_is_not_discovery():
    text = show_jurisdiction(BOOK.get("TX"))  # type: ignore[arg-type]
    assert "Governs when the determination date is on or after 2023-09-01 [S.B. 768 (2023), SECTION 1" in text
    older = show_jurisdiction(BOOK.get("TX"), on=date(2022, 1, 1))  # type: ignore[arg-type]
    assert "Governs when the discovery date is on or after 2021-09-01" in older


def test_letter_content_and_filing_forms_count_towards_the_checked_level():
    """Issue 14's content rules are legal values too: what Massachusetts forbids a letter to
    say, and what its attorney general's form asks, each carry a citation a reader checks."""
    from dataclasses import replace

    from notifyplanner.model import CheckLevel
    from notifyplanner.rules_view import unchecked_markdown, weakest_check

    version = BOOK.get("MA").latest
    cited = dict(version.citations())
    assert "§ 3(b)" in cited["letter content (individuals): must not state number_affected"].cite
    assert "§ 3(b)" in cited["filing form (attorney_general)"].cite
    assert "letter content (individuals)" in cited

    # a letter resting on a chart lowers an otherwise statute-read jurisdiction
    texas = BOOK.get("TX").latest
    strong = replace(
        texas,
        statute=replace(texas.statute, checked=CheckLevel.STATUTE_TEXT),
        obligations=tuple(
            replace(o, letter=None, form=None, citation=replace(o.citation, checked=CheckLevel.STATUTE_TEXT))
            for o in texas.obligations
        ),
    )
    strong = replace(
        strong,
        **{
            name: replace(block, citation=replace(block.citation, checked=CheckLevel.STATUTE_TEXT))
            for name in ("personal_information", "encryption", "risk_of_harm", "hipaa", "law_enforcement")
            if (block := getattr(strong, name)) is not None
        },
        in_force_at=None,
        credit_monitoring=(),
    )
    assert weakest_check(strong) is CheckLevel.STATUTE_TEXT
    lettered = next(o for o in texas.obligations if o.letter is not None)
    weak_letter = replace(
        lettered.letter, citation=replace(lettered.letter.citation, checked=CheckLevel.SECONDARY)
    )
    charted = replace(
        strong,
        obligations=tuple(
            replace(o, letter=weak_letter) if o.id == lettered.id else o for o in strong.obligations
        ),
    )
    assert weakest_check(charted) is CheckLevel.SECONDARY
    assert "letter content (individuals)" in unchecked_markdown(BOOK)
