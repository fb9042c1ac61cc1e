"""Fixtures for workflow tests."""

import pytest
from django.test.utils import modify_settings


@pytest.fixture(scope="module")
def flows_for_tests_app():
    """Install ``tests`` as an app, so viewflow can store and load the test flows."""
    with modify_settings(INSTALLED_APPS={"append": "tests"}):
        yield
