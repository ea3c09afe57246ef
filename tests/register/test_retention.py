"""Retention: six years from the later of creation or last effective date (45 CFR 164.530(j)(2))."""

from datetime import date

from notifyplanner.register.retention import may_delete, retain_until


def test_six_years_from_the_later_of_creation_and_the_last_record():
    assert retain_until(date(2026, 2, 5), date(2026, 4, 2)) == date(2032, 4, 2)
    assert retain_until(date(2026, 4, 2), date(2026, 2, 5)) == date(2032, 4, 2)


def test_from_29_february_the_period_ends_on_1_march_not_before():
    assert retain_until(date(2028, 2, 29), date(2028, 2, 29)) == date(2034, 3, 1)


def test_a_state_period_can_be_longer():
    assert retain_until(date(2026, 1, 1), date(2026, 1, 1), years=7) == date(2033, 1, 1)


def test_deletion_is_allowed_from_the_retention_date_on():
    assert not may_delete(date(2032, 4, 2), date(2032, 4, 1))
    assert may_delete(date(2032, 4, 2), date(2032, 4, 2))


def test_the_basis_cites_hipaa_only_where_hipaa_applies(service):
    from notifyplanner.model import EntityRole
    from tests.register.conftest import TODAY, telehealth

    hipaa = service.import_incident(telehealth())
    retailer = service.import_incident(telehealth(entity_role=EntityRole.BUSINESS))
    assert service.graded(hipaa.id, TODAY).retention_basis.startswith(
        "six years from the latest record (45 CFR"
    )
    assert "no rule in this plan sets one" in service.graded(retailer.id, TODAY).retention_basis
