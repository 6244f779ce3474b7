"""Dashboard fixtures: an app on a seeded temporary warehouse."""

import pytest

from dashboard.app import create_app


@pytest.fixture
def app(sqlite_seeded):
    return create_app(sqlite_seeded)


@pytest.fixture
def testland_app(testland):
    """The dashboard on the SYNTHETIC Testland pack."""
    return create_app(testland)
