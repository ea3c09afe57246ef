"""Sector and foreign rules as counsel audit them: `rules list`, `rules show`, the README table."""

from datetime import date

from notifyplanner.rules_view import rules_table, show_jurisdiction
from notifyplanner.sector_view import sector_coverage_markdown
from tests.jurisdictions.statute import rulebook


def test_rules_list_shows_the_sector_rules_in_their_own_columns():
    text = rules_table(rulebook())
    assert "Owed by (profile)" in text
    assert "SEC-8K" in text and "4 business days after materiality determination (federal holidays)" in text


def test_rules_show_names_the_clock_words_and_every_citation():
    text = show_jurisdiction(rulebook().get("SEC-8K"))
    assert 'clock starts: "within four business days after the registrant determines' in text
    assert "https://www.sec.gov/files/form8-k.pdf" in text
    older = show_jurisdiction(rulebook().get("SEC-8K"), date(2024, 1, 1))
    assert "smaller_reporting_company" in older  # excepted before 2024-06-15


def test_gdpr_business_days_are_weekends_only():
    assert "weekends only" in show_jurisdiction(rulebook().get("EU-GDPR"))


def test_readme_table_has_one_row_per_sector_notice():
    rows = sector_coverage_markdown(rulebook()).splitlines()[2:]
    notices = sum(
        len(j.latest.obligations)
        for j in rulebook().jurisdictions.values()
        if j.kind in ("sector", "foreign")
    )
    assert len(rows) == notices
