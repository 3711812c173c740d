"""Batches and the brief/batch commands: failures recorded, retries, skips, no partial files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from deptbudget.render.batch import run_batch
from deptbudget.render.build import BriefingFailed, stage_briefing
from deptbudget.render.index import render_index
from paths import DISCLOSURES, NOTEBOOK_FIXTURES

NOTEBOOK = NOTEBOOK_FIXTURES / "briefing_fixture.ipynb"
ECHO = NOTEBOOK_FIXTURES / "echo_params.ipynb"


def fake_disclosure(path: Path, department: str, year: int, income: str = "100.00") -> Path:
    """A stand-in disclosure in the fixture notebook's "键：值" format."""
    path.write_text(f"部门：{department}\n年度：{year}\n收入合计：{income}\n支出合计：{income}\n",
                    encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".deptbudget"))


def cli() -> typer.Typer:
    from deptbudget.cli import app

    return app


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """One warm kernel shared by this module's in-process batches."""
    from deptbudget.render.execute import WarmKernel

    kernel = WarmKernel(cwd=tmp_path_factory.mktemp("kernel"))
    yield kernel
    kernel.shutdown()


@pytest.mark.slow
def test_broken_input_is_recorded_then_retried(tmp_path: Path, warm) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    fake_disclosure(src / "a.txt", "<script>alert(1)</script>局", 2024, "1234.50")
    fake_disclosure(src / "b.txt", "某区审计局", 2025)
    fake_disclosure(src / "b_copy.txt", "某区审计局", 2025)  # same department and year
    (src / "c.txt").write_text("BROKEN\n", encoding="utf-8")

    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=1, kernel=warm,
                       progress=False)
    assert not report.ok
    assert report.failed == ["c.txt"] and sorted(report.ran) == ["a.txt", "b.txt", "b_copy.txt"]
    status = json.loads((out / "batch-status.json").read_text(encoding="utf-8"))["inputs"]
    assert status["c.txt"]["status"] == "failed"
    assert "DisclosureError" in status["c.txt"]["reason"] and "\n" not in status["c.txt"]["reason"]
    assert status["b.txt"]["slug"] != status["b_copy.txt"]["slug"]
    for key in ("a.txt", "b.txt", "b_copy.txt"):
        outputs = status[key]["outputs"]
        assert set(outputs) == {"html", "ipynb"}
        assert all((out / name).is_file() for name in outputs.values())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;局" in index
    assert "1,234.50 元" in index and 'class="st-failed"' in index and "DisclosureError" in index
    assert leftovers(out) == []

    # Fix the input: --retry-failed runs it alone and the batch is complete.
    fake_disclosure(src / "c.txt", "某区统计局", 2025)
    again = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=1, kernel=warm,
                      retry_failed=True, progress=False)
    assert again.ran == ["c.txt"] and again.failed == [] and again.ok
    assert sorted(again.skipped) == ["a.txt", "b.txt", "b_copy.txt"]
    assert (out / "某区统计局-2025.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "失败 0" in index and 'class="st-failed"' not in index

    # Up to date: nothing runs. A changed input runs alone.
    assert run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=1, kernel=warm,
                     progress=False).ran == []
    fake_disclosure(src / "b.txt", "某区审计局", 2025, "999.00")
    changed = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=1, kernel=warm,
                        progress=False)
    assert changed.ran == ["b.txt"] and changed.ok


@pytest.mark.slow
def test_failure_after_execution_leaves_no_file(tmp_path: Path, warm, monkeypatch) -> None:
    from deptbudget.render import pdf

    src = fake_disclosure(tmp_path / "d.txt", "某区民政局", 2024)
    out = tmp_path / "out"
    out.mkdir()

    def broken_pdf(page, base_url=None):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf, "html_to_pdf_bytes", broken_pdf)
    with pytest.raises(BriefingFailed, match="renderer crashed"):
        stage_briefing(src, out, ("html", "pdf"), NOTEBOOK, warm)
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_warm_kernel_gives_each_notebook_a_clean_namespace(tmp_path: Path, warm) -> None:
    from deptbudget.render.execute import execute_notebook

    src = fake_disclosure(tmp_path / "d.txt", "x", 2024)
    starts = warm.starts
    for n in range(2):  # the echo notebook fails if a variable of the previous run survived
        nb = execute_notebook(ECHO, {"disclosure_path": src, "echo_path": tmp_path / f"e{n}"},
                              None, warm, validate=False)
        assert [c.execution_count for c in nb.cells] == [1, 2, 3]  # counter reset too
    assert warm.starts == max(starts, 1)


@pytest.mark.slow
def test_process_pool_batch(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    fake_disclosure(src / "a.txt", "甲单位", 2024)
    fake_disclosure(src / "b.txt", "乙单位", 2024)
    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=2, progress=False)
    assert report.ok and sorted(report.ran) == ["a.txt", "b.txt"]
    assert (out / "甲单位-2024.html").is_file() and (out / "乙单位-2024.html").is_file()
    assert leftovers(out) == []


@pytest.mark.slow
def test_brief_command_writes_html_pdf_and_notebook(tmp_path: Path) -> None:
    src = fake_disclosure(tmp_path / "d.txt", "某区外事办公室", 2026)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli(), ["brief", str(src), "--out", str(out), "--notebook",
                                        str(NOTEBOOK)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"某区外事办公室-2026.{ext}" for ext in ("html", "ipynb", "pdf")]
    assert str(out / "某区外事办公室-2026.html") in result.stdout


@pytest.mark.slow
def test_brief_command_on_unreadable_disclosure_exits_2(tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    src.write_text("BROKEN", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli(), ["brief", str(src), "--out", str(out), "--notebook",
                                        str(NOTEBOOK), "--format", "html"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "DisclosureError" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "{tmp}/missing.txt"], "no such file"),
        (["brief", "{tmp}/d.txt", "--format", "docx"], "unknown format docx"),
        (["brief", "{tmp}/d.txt", "--notebook", "{tmp}/none.ipynb"], "notebook not found"),
        (["brief", "{tmp}/d.txt", "--out", "{tmp}/d.txt", "--notebook", str(NOTEBOOK)],
         "not a folder"),
        (["batch", "{tmp}/empty"], "no disclosure"),
        (["batch", "{tmp}/nowhere"], "not a folder"),
        (["batch", "{tmp}", "--jobs", "0", "--notebook", str(NOTEBOOK)], "at least 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    fake_disclosure(tmp_path / "d.txt", "x", 2024)
    (tmp_path / "empty").mkdir()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli(), argv)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("deptbudget: error:") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_index_escapes_every_field() -> None:
    page = render_index({
        "<x>.txt": {"status": "failed", "reason": "<img src=x onerror=alert(1)>"},
        "y.txt": {"status": "ok", "department": '"><b>', "year": 2024,
                  "headline": {"<i>": "<u>"}, "audit": {"status": "<s>"},
                  "outputs": {"html": 'a"b.html'}},
    })
    for raw in ("<x>", "<img", '"><b>', "<i>", "<u>", "<s>", 'a"b'):
        assert raw not in page
    assert 'href="a%22b.html"' in page


@pytest.mark.slow
def test_batch_runs_the_real_briefing_notebook_on_two_departments(tmp_path: Path) -> None:
    """The shipped notebooks/briefing.ipynb, not a fixture: two departments, two workers."""
    from builders.disclosure import admin_dept, build
    from paths import SAMPLE

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLE, src / "sample.txt")
    other = admin_dept(name="北京市西城区测试事务局", year=2025)
    (src / "other.txt").write_text(build(other), encoding="utf-8")
    report = run_batch(src, out, formats=("html",), jobs=2, progress=False)
    assert report.ok and sorted(report.ran) == ["other.txt", "sample.txt"]
    status = json.loads((out / "batch-status.json").read_text(encoding="utf-8"))["inputs"]
    assert {r["department"] for r in status.values()} == {"北京市西城区人民政府外事办公室", "北京市西城区测试事务局"}
    assert {r["year"] for r in status.values()} == {2024, 2025}
    for record in status.values():
        page = (out / record["outputs"]["html"]).read_text(encoding="utf-8")
        assert record["department"] in page and "支出功能分类" in page and "data:image/svg+xml" in page
        assert (out / record["outputs"]["ipynb"]).is_file()
        assert record["audit"]["status"] in {"pass", "fail"} and int(record["audit"]["findings"]) > 100
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "北京市西城区测试事务局" in index and "北京市西城区人民政府外事办公室" in index


def test_two_disclosures_of_one_department_and_year_keep_two_briefings(tmp_path: Path) -> None:
    """A 部门预算 and the 单位预算 of the same office and year: the second brief into the same
    folder gets its own name; briefing either again replaces only its own files."""

    def brief(key: str) -> set[str]:
        run = subprocess.run([sys.executable, "-m", "deptbudget", "brief", str(DISCLOSURES[key]), "--out",
                              str(tmp_path), "--format", "html"], capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        return {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}

    first = brief("sh_budget")
    both = brief("sh_unit_budget")
    assert len(first) == 2 and len(both) == 4 and first < both
    assert brief("sh_budget") == both and brief("sh_unit_budget") == both
    sources = {json.loads((tmp_path / n).read_text(encoding="utf-8"))["metadata"]["deptbudget"]["source_sha256"]
               for n in both if n.endswith(".ipynb")}
    assert len(sources) == 2


def test_an_edited_disclosure_briefed_again_replaces_its_briefing(tmp_path: Path, sample_text: str) -> None:
    source, out = tmp_path / "dept.txt", tmp_path / "out"

    def brief() -> list[str]:
        run = subprocess.run([sys.executable, "-m", "deptbudget", "brief", str(source), "--out", str(out),
                              "--format", "html"], capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))

    source.write_text(sample_text, encoding="utf-8")
    first = brief()
    source.write_text(sample_text.replace("主要原因", "主要的原因", 1), encoding="utf-8")  # a corrected re-issue
    assert brief() == first
