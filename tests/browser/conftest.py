"""Real-browser tests: Playwright driving the system Chromium (Debian's ``chromium``), offline.

Playwright's own browser download is not reachable, so the tests point it at the system
executable. Every request other than ``file:``, ``data:``, ``blob:`` and the loopback server a
test starts itself is aborted and recorded, so a page that reaches for the network fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "the system Chromium is missing: make test installs Debian's chromium package"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()
