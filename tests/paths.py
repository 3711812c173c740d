"""Where the tests find the repository's files (one place, whatever folder a test is in)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt"
FIXTURES = ROOT / "tests" / "fixtures"
NOTEBOOK_FIXTURES = FIXTURES / "notebooks"
