"""Test set-up shared by every module: headless Qt, and the bundled rulebook loaded once."""

import os

# Qt must never look for a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from notifyplanner.model import Rulebook
from tests.jurisdictions.statute import rulebook as _rulebook


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return _rulebook()
