"""Shared fixtures: the bundled sample and edited copies of it made by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import SAMPLE


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The bundled sample disclosure (read-only)."""
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The sample's text."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample(sample_path):
    """The sample, read once per session."""
    from deptbudget import read_disclosure

    return read_disclosure(sample_path)


@pytest.fixture
def write_copy(tmp_path):
    """Write an edited copy of a disclosure into the test's folder and return its path."""

    def _write(text: str, name: str = "edited.txt", encoding: str = "utf-8",
               newline: str = "\n") -> Path:
        path = tmp_path / name
        path.write_bytes(text.replace("\n", newline).encode(encoding))
        return path

    return _write
