"""The layers stay true: import-linter's contract (pyproject.toml) holds on the package, and
it would catch a lower layer importing a higher one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_the_package_keeps_its_layers(tmp_path: Path) -> None:
    done = _lint(ROOT / "src", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "bad_import"),
    [
        ("core/money.py", "from ..render import build"),
        ("read/layout.py", "from ..audit import run"),
        ("audit/run.py", "from ..brief import html"),
        ("brief/html.py", "from ..cli import app"),
    ],
)
def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(
    tmp_path: Path, module: str, bad_import: str
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "deptbudget", copy / "deptbudget", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "deptbudget" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}  # injected\n", encoding="utf-8")
    done = _lint(copy, tmp_path)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout or "broken" in done.stdout
    assert module.replace("/", ".").removesuffix(".py") in done.stdout
