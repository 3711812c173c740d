"""The sample's HTML briefing and the batch's index as readers see them: on a phone (390 px)
and at a desk (1280 px).

On a phone a wide table scrolls inside its own box, the page never scrolls sideways, and no
table cell is crushed to about one character a line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser.pages import offline_page
from paths import SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: For each table cell with 3 characters or more: its text's lines (the height of its text over
#: the line height), its length, and the start of its text.
CELLS_JS = """() => [...document.querySelectorAll('td, th')].filter(c => c.innerText.trim().length >= 3)
  .map(c => { const r = document.createRange(); r.selectNodeContents(c);
    const lh = parseFloat(getComputedStyle(c).lineHeight) || 1.6 * parseFloat(getComputedStyle(c).fontSize);
    const text = c.innerText.trim();
    return [Math.round(r.getBoundingClientRect().height / lh), text.length, text.slice(0, 20)]; })"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's briefing and the batch's index page, made by the real ``batch`` command."""
    src, out = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("briefing")
    shutil.copy(SAMPLE, src / SAMPLE.name)
    subprocess.run([sys.executable, "-m", "deptbudget", "batch", str(src), "--out", str(out), "--format", "html",
                    "--no-progress"], check=True, capture_output=True)
    [briefing] = [p for p in out.glob("*.html") if p.name != "index.html"]
    return {"briefing": briefing, "index": out / "index.html"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("which", ["briefing", "index"])
def test_no_sideways_scroll_and_no_crushed_cell(browser, pages: dict[str, Path], which: str, width: int) -> None:
    briefing = pages[which]
    page, problems = offline_page(browser, width, 844 if width < 500 else 900)
    page.goto(briefing.as_uri())
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width - width} px wider than the {width} px screen"
    cells = page.evaluate(CELLS_JS)
    assert len(cells) > (300 if which == "briefing" else 5)  # the tables are there
    # Crushed: wrapped over three lines or more with two characters a line or fewer.
    crushed = [text for lines, length, text in cells if lines >= 3 and length / lines <= 2]
    assert not crushed, f"{len(crushed)} cells crushed to about one character a line, e.g. {crushed[:5]}"
    # Every table is within the screen; a wide one scrolls inside its own box.
    overflowing = page.evaluate("""() => [...document.querySelectorAll('table')]
        .filter(t => t.getBoundingClientRect().right > window.innerWidth + 1).length""")
    assert overflowing == 0
    assert not problems, problems
    page.screenshot(path=str(briefing.with_name(f"screen-{which}-{width}.png")), full_page=False)
    page.context.close()
