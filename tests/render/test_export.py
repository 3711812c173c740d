"""Executed notebook → HTML (self-contained, escaped, TOC) → A4 PDF with Chinese text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from deptbudget.render.export import export_html, find_remote_references, render_html
from paths import NOTEBOOK_FIXTURES as NOTEBOOKS

XSS = "测试<script>alert(1)</script>办公室"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The fixture briefing executed once (one kernel) for a department with a hostile name."""
    from deptbudget.render.execute import execute_notebook

    folder = tmp_path_factory.mktemp("export")
    src = folder / "d.txt"
    src.write_text(f"部门：{XSS}\n年度：2031\n收入合计：1234567.89\n支出合计：1200000\n",
                   encoding="utf-8")
    nb = execute_notebook(NOTEBOOKS / "briefing_fixture.ipynb",
                          {"disclosure_path": src, "summary_path": folder / "s.json"},
                          folder / "out.ipynb")
    nb.metadata["deptbudget"] = {"department": XSS, "year": 2031,
                                 "generated": "2031-01-02T03:04:05+08:00",
                                 "source_sha256": "0" * 64}
    return nb, folder


@pytest.fixture(scope="module")
def page(executed) -> str:
    nb, folder = executed
    return export_html(nb, folder / "b.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_executed_notebook_keeps_papermill_record(executed) -> None:
    nb, folder = executed
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert ["injected-parameters"] in tags and ["parameters"] in tags
    assert nb.metadata.papermill.parameters["static_charts"] is True
    on_disk = nbformat.read(folder / "out.ipynb", as_version=4)
    assert on_disk.metadata.papermill.parameters["disclosure_path"].endswith("d.txt")


@pytest.mark.slow
def test_html_is_self_contained(page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*https?://""", page, re.I)
    assert "<script" not in page.lower()
    assert "cdn" not in page.lower() and "mathjax" not in page.lower()
    assert find_remote_references(page) == []


@pytest.mark.slow
def test_title_block_escapes_department(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "测试&lt;script&gt;alert(1)&lt;/script&gt;办公室" in page
    assert '<html lang="zh-CN">' in page
    assert "2031" in page and "2031-01-02T03:04:05+08:00" in page and "0" * 64 in page


@pytest.mark.slow
def test_no_code_prompts_or_hidden_cells(page: str) -> None:
    assert "validate_parameters" not in page and "disclosure_path" not in page
    assert "SECRET-REMOVE-MARKER" not in page
    assert "In&nbsp;[" not in page and "Out[" not in page
    assert "审核通过" in page  # an ordinary output survives


@pytest.mark.slow
def test_toc_links_to_every_h2_h3(page: str) -> None:
    toc = re.search(r'<nav[^>]*class="toc".*?</nav>', page, re.S).group(0)
    entries = re.findall(r'<li class="toc-h([23])"><a href="#([^"]+)">([^<]+)</a>', toc)
    assert [(lvl, text) for lvl, _, text in entries] == [
        ("2", "概览"), ("3", "收支总表"), ("2", "图表"), ("3", "支出结构"), ("2", "审核结论")
    ]
    # Plain ASCII ids: WeasyPrint (and old browsers) match them byte for byte.
    assert [anchor for _, anchor, _ in entries] == [f"sec-{n}" for n in range(1, 6)]
    for _, anchor, _ in entries:
        assert page.count(f'id="{anchor}"') == 1


@pytest.mark.slow
def test_print_css_and_tables(page: str) -> None:
    assert re.search(r"@page\s*{[^}]*size:\s*A4", page)
    assert 'counter(page) " 页 / 共 " counter(pages)' in page
    assert "string-set: dept" in page and "@bottom-center" in page
    assert re.search(r'font-family:\s*"Noto Sans CJK SC"', page)
    assert '<td class="num">1,234,567.89</td>' in page
    assert "image/svg+xml;base64," in page  # the chart, static


@pytest.mark.slow
def test_pdf_is_a4_with_chinese_title(executed, page: str, tmp_path: Path) -> None:
    from deptbudget.render.pdf import html_to_pdf

    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils not installed")
    _, folder = executed
    pdf = html_to_pdf(folder / "b.html", tmp_path / "b.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert abs(float(size.group(1)) - 595.28) < 1 and abs(float(size.group(2)) - 841.89) < 1
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "部门预算公开" in text and "办公室" in text and "2031 年度部门预算" in text
    flat = re.sub(r"\s+", "", text)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert f"第1页/共{pages}页" in flat and f"第{pages}页/共{pages}页" in flat
    # The TOC's page numbers resolve (an unresolved target-counter prints nothing).
    assert re.search(r"概览\s*(\.\s*)+\d", text)
    assert not list(tmp_path.glob(".deptbudget-tmp-*"))


def _nb_with_output(output) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_markdown_cell("## 一节"), new_code_cell("x", outputs=[output])])
    nb.metadata["deptbudget"] = {"department": "单位", "year": 2024}
    return nb


@pytest.mark.slow
def test_interactive_vegalite_output_becomes_static_svg() -> None:
    spec = {"mark": "bar", "data": {"values": [{"a": "甲", "b": 1}]},
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}
    out = new_output("display_data", data={"application/vnd.vegalite.v6+json": spec,
                                           "text/plain": "alt.Chart(...)"})
    page = render_html(_nb_with_output(out))
    assert "image/svg+xml;base64," in page and "alt.Chart(...)" not in page


def test_script_outputs_are_stripped_and_remote_loads_refused() -> None:
    out = new_output("display_data", data={"text/html": "<b>ok</b><script>alert(2)</script>"})
    page = render_html(_nb_with_output(out))
    assert "<b>ok</b>" in page and "alert(2)" not in page
    remote = new_output("display_data", data={"text/html": '<img src="https://example.org/x.png">'})
    with pytest.raises(ValueError, match="network"):
        render_html(_nb_with_output(remote))


def test_numeric_cells_are_marked_in_plain_and_styled_tables() -> None:
    table = ('<table><tr><td>名称</td><td>1,234.50</td><td id="T_r0" class="data">-7 元</td>'
             '<td>2024年</td><td>2010301</td><td class="num">3.5%</td></tr></table>')
    page = render_html(_nb_with_output(new_output("display_data", data={"text/html": table})))
    assert "<td>名称</td>" in page and "<td>2024年</td>" in page
    assert "<td>2010301</td>" in page  # a code, not an amount
    assert '<td class="num">3.5%</td>' in page  # already marked: unchanged
    assert '<td class="num">1,234.50</td>' in page
    # The exporter re-serializes the page, so attribute order is not fixed.
    assert re.search(r'<td[^>]*class="num data"[^>]*>-7 元</td>', page)


def test_markdown_images_are_embedded_from_base_dir(tmp_path: Path) -> None:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
           b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
           b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    (tmp_path / "logo.png").write_bytes(png)
    nb = new_notebook(cells=[new_markdown_cell("![徽标](logo.png)")])
    page = render_html(nb, base_dir=tmp_path)
    assert "data:image/png;base64," in page and 'src="logo.png"' not in page


def test_tagged_cells_are_hidden_even_without_the_preprocessor() -> None:
    nb = _nb_with_output(new_output("stream", name="stdout", text="可见"))
    nb.cells.append(new_code_cell("y", metadata={"tags": ["injected-parameters"]},
                                  outputs=[new_output("stream", name="stdout", text="隐藏参数")]))
    page = render_html(nb)
    assert "可见" in page and "隐藏参数" not in page
