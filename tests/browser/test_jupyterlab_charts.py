"""notebooks/explore.ipynb in JupyterLab, as a researcher opens it: Run All Cells, and every
interactive chart renders (an ``svg`` or ``canvas`` of non-zero size) with no page error and no
request leaving the machine."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser.pages import offline_page
from paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Code cells of explore.ipynb whose last line draws a chart (``figures.…(…)``).
CHART_CELLS = [
    k for k, cell in enumerate(json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))["cells"])
    if cell["cell_type"] == "code" and "".join(cell["source"]).strip().splitlines()[-1].startswith("figures.")
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def lab(lab_root: Path) -> Iterator[str]:
    """A JupyterLab server on a loopback port, no token, over a copy of the notebooks folder."""
    root = lab_root
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    (root / "data").symlink_to(ROOT / "data")
    # Every cell laid out (no windowing), so that each output can be measured where it stands.
    settings = root / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".jupyter"), "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--ServerApp.root_dir={root}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--allow-root",
         # Nothing that reaches the network: no news, no update check, no PyPI extension listing.
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_chart_of_explore_renders_offline(browser, lab: str, lab_root: Path) -> None:
    assert len(CHART_CELLS) >= 3
    page, problems = offline_page(browser, 1400, 1000, allowed=(lab,))
    page.goto(f"{lab}/lab/tree/notebooks/explore.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # A fresh JupyterLab asks which kernel to start: the notebook's own (python3).
    accept = page.locator(".jp-Dialog button.jp-mod-accept")
    try:
        accept.wait_for(timeout=10_000)
        accept.click()
    except PlaywrightTimeout:
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.click("text=Run")  # the menu bar's Run menu
    page.click("text=Run All Cells")
    # Done when no cell waits ([*]) and every code cell has its execution number.
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.innerText);
                   return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }""",
        timeout=120_000,
    )
    page.wait_for_timeout(3000)  # charts draw after their cell finished
    sizes = page.evaluate(
        """(cells) => cells.map(k => { const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[k];
             cell.scrollIntoView();
             const drawn = [...cell.querySelectorAll('.jp-OutputArea svg, .jp-OutputArea canvas')]
               .map(e => e.getBoundingClientRect()).filter(r => r.width > 50 && r.height > 50);
             return drawn.length; })""",
        CHART_CELLS,
    )
    errors = page.evaluate(
        "() => [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type*=error]')].length")
    assert errors == 0
    assert all(n >= 1 for n in sizes), f"charts drawn per chart cell: {sizes}"
    assert not problems, problems
    # Saved as JupyterLab saves it, the executed notebook stays small (one JS bundle is not
    # copied into every output).
    saved = Path(lab_root) / "notebooks" / "explore.ipynb"
    before = saved.stat().st_mtime_ns
    page.keyboard.press("Control+s")
    page.wait_for_timeout(2000)
    assert saved.stat().st_mtime_ns != before
    nb = json.loads(saved.read_text(encoding="utf-8"))
    assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")
    assert saved.stat().st_size < 1_000_000, saved.stat().st_size
    page.context.close()
