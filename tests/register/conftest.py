"""A register on a real SQLite file in tmp_path, and a small incident to put in it."""

from datetime import date

import pytest

from notifyplanner.model import DataElement, EntityRole, Incident
from notifyplanner.register.cases import CaseService
from notifyplanner.register.storage import Register

TODAY = date(2026, 4, 20)


def telehealth(**changes) -> Incident:
    """A covered entity's breach discovered 2026-02-05, 1,000 Californians."""
    fields = dict(
        name="Register test: telehealth",
        entity_role=EntityRole.COVERED_ENTITY,
        discovered=date(2026, 2, 5),
        data_elements=frozenset({DataElement.NAME, DataElement.MEDICAL}),
        residents={"CA": 1000},
    )
    fields.update(changes)
    return Incident(**fields)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "register.sqlite3"


@pytest.fixture
def register(db_path):
    with Register.open(db_path) as reg:
        yield reg


@pytest.fixture
def service(register, rulebook):
    return CaseService(register, rulebook, who="alice")
