"""The real briefing notebook, run on the sample and on a hostile copy, exported to HTML and PDF;
the explore notebook runs top to bottom."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from paths import ROOT

pytestmark = pytest.mark.slow


def _brief(path: Path, out: Path) -> dict[str, Path]:
    done = subprocess.run(
        [sys.executable, "-m", "deptbudget", "brief", str(path), "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    files = {p.suffix: p for p in out.iterdir() if not p.name.startswith(".")}
    assert set(files) >= {".html", ".pdf", ".ipynb"}, sorted(out.iterdir())
    return files


@pytest.fixture(scope="module")
def sample_brief(tmp_path_factory, sample_path):
    return _brief(sample_path, tmp_path_factory.mktemp("brief"))


def test_notebook_ran_without_errors_and_kept_parameters(sample_brief, sample_path):
    nb = nbformat.read(sample_brief[".ipynb"], as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
    assert Path(nb.metadata["papermill"]["parameters"]["disclosure_path"]).name == sample_path.name
    shown = [c for c in nb.cells if c.cell_type == "code" and c.get("outputs")]
    assert len(shown) >= 25  # every section produced its table or chart


def test_html_is_self_contained_and_complete(sample_brief, sample):
    page = sample_brief[".html"].read_text(encoding="utf-8")
    assert sample_brief[".html"].stat().st_size < 2 * 1024 * 1024
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page.lower()
    assert 'lang="zh-CN"' in page
    assert sample.department in page
    assert page.count("data:image/svg+xml") + page.count("<svg") >= 6  # the charts, as static SVG
    for heading in ("概览", "钱花在哪里", "三公", "绩效目标", "审核结果", "数据说明"):
        assert heading in page
    assert "6,488,757.84" in page and "390,324.00" in page


def _visible_text(page: str) -> list[str]:
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S | re.I)
    page = re.sub(r"data:[^\"']+", "", page)
    import html

    return [t.strip() for t in html.unescape(re.sub(r"<[^>]+>", "\n", page)).splitlines() if t.strip()]


def test_the_briefing_speaks_chinese_and_explains_its_score(sample_brief, sample):
    """No English sentence and no repository path a reader cannot open; the score's method is
    in the briefing itself."""
    lines = _visible_text(sample_brief[".html"].read_text(encoding="utf-8"))
    identifiers = re.compile(r"SHA-256|[0-9a-f]{64}|deptbudget|\S+\.(?:txt|pdf)|utf-8")
    english = [t for t in lines if re.search(r"[A-Za-z]{3,}", identifiers.sub("", t))]
    assert english == []
    assert not any(re.search(r"docs/|\.md\b|src/", t) for t in lines)
    assert "附录：公开完整性评分方法" in lines
    warnings = [w.chinese() for w in sample.warnings]
    assert warnings and all(w in "\n".join(lines) for w in warnings)


def test_pdf_is_a4_with_chinese_text(sample_brief, sample):
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext) is not installed: run `make setup`")
    info = subprocess.run(["pdfinfo", str(sample_brief[".pdf"])], capture_output=True, text=True,
                          check=True).stdout
    assert "A4" in info
    assert 11 <= int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 15
    text = subprocess.run(["pdftotext", "-layout", str(sample_brief[".pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert sample.department in text
    assert "6,488,757.84" in text and "648.8758 万元" in text
    assert "第 1 页" in text or "第1页" in text.replace(" ", "")


def test_disclosure_text_is_escaped_in_html_and_pdf(sample_text, tmp_path):
    hostile = sample_text.replace(
        "北京市西城区人民政府外事办公室", "北京市<script>alert(1)</script>办公室"
    ).replace("法律服务费", '法律<img src=x onerror="alert(2)">服务费')
    source = tmp_path / "hostile.txt"
    source.write_text(hostile, encoding="utf-8")
    files = _brief(source, tmp_path / "out")
    page = files[".html"].read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    for path in files.values():
        assert path.parent == tmp_path / "out"  # the slug did not escape the folder


def test_explore_notebook_runs(tmp_path):
    import papermill

    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "explore.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
        progress_bar=False, kernel_name="python3",
    )
    nb = json.loads(out.read_text(encoding="utf-8"))
    assert all(o.get("output_type") != "error" for c in nb["cells"] for o in c.get("outputs", []))
    views = [o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] for c in nb["cells"]
             for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) >= 3  # interactive Altair charts (JupyterChart widgets) for JupyterLab
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    remote = re.compile(r"""import\s*(?:[\w{},*\s]+from\s*)?\(?\s*["']https?://|jsdelivr|unpkg|esm\.sh""")
    for model_id in views:  # offline: the widget's JavaScript imports nothing from the network
        assert state[model_id]["model_name"] == "AnyModel"
        assert not remote.search(state[model_id]["state"]["_esm"])


def test_one_process_makes_the_same_pages_again(sample_brief, tmp_path):
    """A batch worker keeps one exporter and one font configuration for all its briefings:
    a page made after other pages must be the page a fresh process makes."""
    from deptbudget.render.export import render_html
    from deptbudget.render.pdf import html_to_pdf_bytes

    html = sample_brief[".html"].read_text(encoding="utf-8")
    nb = nbformat.read(sample_brief[".ipynb"], as_version=4)
    assert render_html(nb, base_dir=ROOT / "notebooks") == html
    assert render_html(nb, base_dir=ROOT / "notebooks") == html
    # Other glyphs, weights and sizes first, as another department's briefing would bring.
    html_to_pdf_bytes("<h1>另一个部门 <b>粗体</b> Other 1,234.56</h1><p style='font-size:7pt'>细小文字</p>")
    assert html_to_pdf_bytes(html, base_url=tmp_path) == sample_brief[".pdf"].read_bytes()
