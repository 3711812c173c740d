"""Faults during an unattended batch: one department fails, the others complete, nothing is
lost or half-written, and ``--retry-failed`` finishes the job.

Faults are injected, never waited for: ``fixtures/notebooks/faults.ipynb`` raises, kills its
kernel or kills its pool worker when the stand-in disclosure asks it to (``故障：…``, and with
``故障直到：<flag>`` only while the flag file does not exist, i.e. a transient fault); the PDF
engine and ``os.replace`` are monkeypatched; the process pool is replaced by a fake to check
how a dead worker is blamed.

After every fault :func:`assert_clean` lists the output folder: exactly ``index.html``,
``batch-status.json`` and the files the status names, each one complete.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
import typer
from typer.testing import CliRunner

from deptbudget.render import batch as batch_mod
from deptbudget.render import pool as pool_mod
from deptbudget.render.batch import BatchReport, run_batch
from deptbudget.render.build import STAGE_PREFIX
from deptbudget.render.index import INDEX_FILE
from deptbudget.render.pool import WORKER_DIED
from deptbudget.render.status import STATUS_FILE
from paths import NOTEBOOK_FIXTURES

NOTEBOOK = NOTEBOOK_FIXTURES / "faults.ipynb"
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
HOSTILE = '甲<img src=x onerror="alert(2)">单位<script>alert(1)</script>'


def disclosure(path: Path, department: str, year: int = 2024, income: str = "100.00",
               fault: str = "", until: Path | None = None) -> Path:
    """A stand-in disclosure in the fixture notebook's "键：值" format, maybe with a fault."""
    lines = [f"部门：{department}", f"年度：{year}"]
    if fault:
        lines.append(f"故障：{fault}")
    if until is not None:
        lines.append(f"故障直到：{until}")
    lines += [f"收入合计：{income}", f"支出合计：{income}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_clean(out: Path) -> dict[str, dict]:
    """Assert ``out`` holds only the index, the status and complete outputs the status names."""
    status = json.loads((out / STATUS_FILE).read_text(encoding="utf-8"))["inputs"]
    named = {INDEX_FILE, STATUS_FILE}
    for rec in status.values():
        named.update((rec.get("outputs") or {}).values())
        named.update((rec.get("previous_outputs") or {}).values())
    assert sorted(p.name for p in out.iterdir()) == sorted(named)  # no .tmp, no stage, no orphan
    for name in named:
        path = out / name
        if name.endswith(".html"):
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), name
        elif name.endswith(".ipynb"):
            nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))
        elif name.endswith(".pdf"):
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], name
    return status


def contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


def mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name not in (INDEX_FILE, STATUS_FILE)}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """One warm kernel for this module's in-process batches (one kernel start, shared)."""
    from deptbudget.render.execute import WarmKernel

    kernel = WarmKernel(cwd=tmp_path_factory.mktemp("kernel"))
    yield kernel
    kernel.shutdown()


def batch(src: Path, out: Path, warm, **kwargs) -> BatchReport:
    kwargs.setdefault("formats", ("html",))
    return run_batch(src, out, notebook=NOTEBOOK, jobs=1, kernel=warm, progress=False, **kwargs)


def folders(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "in"
    src.mkdir()
    return src, tmp_path / "out"


# --- the notebook raises for one department (the real CLI) ------------------------------------


def deptbudget(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deptbudget", *args], capture_output=True, text=True,
                          check=False, timeout=600)


@pytest.mark.slow
def test_cli_notebook_raises_for_one_department_then_retry_failed(tmp_path: Path) -> None:
    src, out = folders(tmp_path)
    flag = tmp_path / "fixed"
    disclosure(src / "a.txt", "甲单位")
    disclosure(src / "b.txt", "乙单位", fault="raise", until=flag)
    disclosure(src / "c.txt", "丙单位")
    args = ["batch", str(src), "--out", str(out), "--notebook", str(NOTEBOOK), "--format", "html",
            "--jobs", "1", "--no-progress"]

    first = deptbudget(*args)
    assert first.returncode == 1, first.stderr
    assert "2 made, 0 up to date or not retried, 1 failed" in first.stdout
    assert "deptbudget: failed: b.txt: RuntimeError: injected fault for 乙单位" in first.stderr
    assert "Traceback" not in first.stderr
    status = assert_clean(out)
    assert status["b.txt"]["status"] == "failed" and status["b.txt"]["outputs"] == {}
    assert "RuntimeError: injected fault for 乙单位" in status["b.txt"]["reason"]
    assert "notebook cell" in status["b.txt"]["reason"] and "\n" not in status["b.txt"]["reason"]
    assert {status[k]["status"] for k in ("a.txt", "c.txt")} == {"ok"}
    index = (out / INDEX_FILE).read_text(encoding="utf-8")
    assert "injected fault for 乙单位" in index and "失败 1" in index
    before = mtimes(out)

    flag.touch()  # the fault was transient: the input itself is unchanged
    retry = deptbudget(*args, "--retry-failed")
    assert retry.returncode == 0, retry.stderr
    assert "1 made, 2 up to date or not retried, 0 failed" in retry.stdout
    after = assert_clean(out)
    assert after["b.txt"]["status"] == "ok" and (out / "乙单位-2024.html").is_file()
    for key in ("a.txt", "c.txt"):  # not redone: same record, same files untouched
        assert after[key] == status[key]
    assert {k: v for k, v in mtimes(out).items() if k in before} == before


def test_cli_missing_input_dir_exits_2(tmp_path: Path) -> None:
    done = deptbudget("batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "not a folder" in done.stderr
    assert not (tmp_path / "out").exists()
    assert deptbudget("batch").returncode == 2  # no INPUT_DIR at all: usage error


# --- the PDF engine fails for one department --------------------------------------------------


@pytest.mark.slow
def test_pdf_engine_fails_for_one_department(tmp_path: Path, warm, monkeypatch) -> None:
    from deptbudget.render import pdf

    src, out = folders(tmp_path)
    disclosure(src / "a.txt", HOSTILE)
    disclosure(src / "b.txt", "乙单位", 2024)
    assert batch(src, out, warm, formats=("html", "pdf")).ok
    # The hostile name is text in both formats: escaped in the HTML, printed as is in the PDF.
    a_out = json.loads((out / STATUS_FILE).read_text(encoding="utf-8"))["inputs"]["a.txt"]["outputs"]
    page = (out / a_out["html"]).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = subprocess.run(["pdftotext", str(out / a_out["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "".join(HOSTILE.split()) in "".join(text.split())
    old_b = {n: d for n, d in contents(out).items() if n.startswith("乙单位-2024")}
    assert sorted(old_b) == ["乙单位-2024.html", "乙单位-2024.ipynb", "乙单位-2024.pdf"]

    # A new edition of b (new year, so new file names) meets a PDF engine that crashes on it.
    disclosure(src / "b.txt", "乙单位", 2025, "250.00")
    real = pdf.html_to_pdf_bytes

    def crashing(page: str, base_url=None) -> bytes:
        if "乙单位" in page:
            raise RuntimeError("PDF engine crashed")
        return real(page, base_url)

    monkeypatch.setattr(pdf, "html_to_pdf_bytes", crashing)
    report = batch(src, out, warm, formats=("html", "pdf"))
    assert report.failed == ["b.txt"] and report.skipped == ["a.txt"] and not report.ok
    status = assert_clean(out)
    assert "RuntimeError: PDF engine crashed" in status["b.txt"]["reason"]
    # All or nothing: no 2025 HTML or notebook without its PDF; the 2024 briefing is intact,
    # still recorded (not orphaned) and linked from the index as the last good one.
    assert not any(n.startswith("乙单位-2025") for n in os.listdir(out))
    assert {n: (out / n).read_bytes() for n in old_b} == old_b
    assert sorted(status["b.txt"]["previous_outputs"].values()) == sorted(old_b)
    index = (out / INDEX_FILE).read_text(encoding="utf-8")
    assert "上次成功的简报" in index and f'href="{quote("乙单位-2024.html")}"' in index

    monkeypatch.setattr(pdf, "html_to_pdf_bytes", real)
    retry = batch(src, out, warm, formats=("html", "pdf"), retry_failed=True)
    assert retry.ran == ["b.txt"] and retry.skipped == ["a.txt"] and retry.ok
    status = assert_clean(out)
    assert sorted(status["b.txt"]["outputs"].values()) == [
        "乙单位-2025.html", "乙单位-2025.ipynb", "乙单位-2025.pdf"]
    assert not any(n.startswith("乙单位-2024") for n in os.listdir(out))  # replaced, not orphaned


# --- a worker killed mid-run ------------------------------------------------------------------


@pytest.mark.slow
def test_kernel_killed_mid_run(tmp_path: Path, warm) -> None:
    src, out = folders(tmp_path)
    flag = tmp_path / "fixed"
    disclosure(src / "a.txt", "甲单位")
    disclosure(src / "b.txt", "乙单位", fault="kill-kernel", until=flag)
    disclosure(src / "c.txt", "丙单位")
    starts = warm.start().starts
    report = batch(src, out, warm)
    assert report.failed == ["b.txt"] and report.ran == ["a.txt", "c.txt"]  # c ran after the kill
    assert warm.starts == starts + 1  # the dead kernel was replaced, once
    status = assert_clean(out)
    assert "kernel died" in status["b.txt"]["reason"] and "\n" not in status["b.txt"]["reason"]
    assert sorted(status["c.txt"]["outputs"].values()) == ["丙单位-2024.html", "丙单位-2024.ipynb"]

    flag.touch()
    retry = batch(src, out, warm, retry_failed=True)
    assert retry.ran == ["b.txt"] and retry.skipped == ["a.txt", "c.txt"] and retry.ok
    assert_clean(out)


@pytest.mark.slow
def test_pool_worker_killed_mid_run(tmp_path: Path) -> None:
    src, out = folders(tmp_path)
    disclosure(src / "a.txt", "甲单位")
    disclosure(src / "b.txt", "乙单位", fault="kill-worker")
    disclosure(src / "c.txt", "丙单位")
    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=2, progress=False)
    assert report.failed == ["b.txt"] and sorted(report.ran) == ["a.txt", "c.txt"]
    status = assert_clean(out)
    assert status["b.txt"]["reason"] == WORKER_DIED


def fake_pool(killers: set[str], calls: list[tuple[list[str], int]]):
    """A stand-in for one process-pool round: jobs run ``workers`` at a time, in order; a
    killer breaks the pool, taking down the jobs running beside it and all that wait."""

    def round_(keys, jobs, workers, out, done):
        calls.append((list(keys), workers))
        for i in range(0, len(keys), workers):
            running = keys[i:i + workers]
            for key in running:
                Path(jobs[key]["marker"]).touch()
            if killers & set(running):
                return keys[i:]
            for key in running:
                stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
                (stage / "briefing.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
                (stage / "briefing.html").write_text(f"<html>{key}</html>\n")
                done(key, {"ok": True, "stage": str(stage), "sha256": "x",
                           "files": {"ipynb": str(stage / "briefing.ipynb"),
                                     "html": str(stage / "briefing.html")},
                           "summary": {"department": f"单位{key[0]}", "year": 2024}})
        return []

    return round_


def test_dead_worker_is_blamed_alone(tmp_path: Path, monkeypatch) -> None:
    src, out = folders(tmp_path)
    for name in ("a", "b", "c", "d", "e"):
        disclosure(src / f"{name}.txt", name)
    calls: list[tuple[list[str], int]] = []
    monkeypatch.setattr(pool_mod, "_pool_round", fake_pool({"b.txt"}, calls))
    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=2, progress=False)
    assert report.failed == ["b.txt"] and sorted(report.ran) == ["a.txt", "c.txt", "d.txt", "e.txt"]
    # a and b were running when b killed the pool: both suspects; c, d, e had not started.
    assert calls == [(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"], 2),
                     (["c.txt", "d.txt", "e.txt"], 2),
                     (["a.txt", "b.txt"], 1)]  # suspects alone: b's death names b, a completes
    status = assert_clean(out)
    assert status["b.txt"]["reason"] == WORKER_DIED and status["a.txt"]["status"] == "ok"


def test_workers_that_cannot_start_end_the_batch(tmp_path: Path, monkeypatch) -> None:
    src, out = folders(tmp_path)
    disclosure(src / "a.txt", "a")
    disclosure(src / "b.txt", "b")
    calls: list = []

    def never_starts(keys, jobs, workers, out, done):
        calls.append(keys)
        return list(keys)  # the pool broke before any worker took a job

    monkeypatch.setattr(pool_mod, "_pool_round", never_starts)
    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=2, progress=False)
    assert len(calls) == 1 and sorted(report.failed) == ["a.txt", "b.txt"]
    status = assert_clean(out)
    assert status["a.txt"]["reason"] == "worker processes could not start"


# --- a full output directory ------------------------------------------------------------------


@pytest.mark.slow
def test_full_disk_while_moving_outputs_rolls_back(tmp_path: Path, warm, monkeypatch) -> None:
    src, out = folders(tmp_path)
    disclosure(src / "a.txt", "甲单位")
    disclosure(src / "b.txt", "乙单位", income="100.00")
    assert batch(src, out, warm).ok
    good = contents(out)

    disclosure(src / "b.txt", "乙单位", income="777.00")  # same file names, new content
    real_replace = os.replace

    def replace(source, dest, **kwargs):
        # The HTML is moved last: by then b's new notebook has replaced the old one.
        if Path(source).parent.name.startswith(STAGE_PREFIX) and Path(source).name == "briefing.html":
            raise ENOSPC
        return real_replace(source, dest, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    report = batch(src, out, warm)
    assert report.failed == ["b.txt"] and report.skipped == ["a.txt"] and report.write_error is None
    status = assert_clean(out)
    assert "No space left on device" in status["b.txt"]["reason"]
    for name in ("乙单位-2024.ipynb", "乙单位-2024.html", "甲单位-2024.ipynb", "甲单位-2024.html"):
        assert (out / name).read_bytes() == good[name], name  # the old notebook was put back

    monkeypatch.setattr(os, "replace", real_replace)
    again = batch(src, out, warm)
    assert again.ran == ["b.txt"] and again.ok
    assert_clean(out)
    assert "777.00" in (out / "乙单位-2024.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_full_disk_everywhere_keeps_previous_good_outputs(tmp_path: Path, warm, monkeypatch) -> None:
    src, out = folders(tmp_path)
    disclosure(src / "a.txt", "甲单位")
    assert batch(src, out, warm).ok
    good = contents(out)

    disclosure(src / "a.txt", "甲单位", income="555.00")
    disclosure(src / "b.txt", "乙单位")
    real_replace = os.replace
    root = out.resolve()

    def replace(source, dest, **kwargs):
        if Path(dest).resolve().is_relative_to(root):  # nothing lands in OUT any more
            raise ENOSPC
        return real_replace(source, dest, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    report = batch(src, out, warm)
    assert sorted(report.failed) == ["a.txt", "b.txt"] and not report.ok
    assert report.write_error and "batch-status.json" in report.write_error
    assert "No space left on device" in report.write_error
    assert contents(out) == good  # old outputs, old status, old index; no temp file, no stage
    monkeypatch.setattr(os, "replace", real_replace)
    assert_clean(out)


def cli() -> typer.Typer:
    from deptbudget.cli import app

    return app


def test_cli_says_when_the_status_cannot_be_written(tmp_path: Path, monkeypatch) -> None:
    from deptbudget.cli import briefing as cli_mod

    message = "cannot write batch-status.json: [Errno 28] No space left on device"
    monkeypatch.setattr(cli_mod, "run_batch", lambda *a, **k: BatchReport(
        records={"a.txt": {"status": "ok"}}, ran=["a.txt"], write_error=message))
    result = CliRunner().invoke(cli(), ["batch", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == f"deptbudget: error: {message}\n"


def test_unreadable_input_is_recorded_not_fatal(tmp_path: Path, monkeypatch) -> None:
    src, out = folders(tmp_path)
    disclosure(src / "a.txt", "a")
    real = batch_mod.sha256_files

    def sha(paths):
        if any(Path(p).name == "a.txt" for p in paths):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(paths[0]))
        return real(paths)

    monkeypatch.setattr(batch_mod, "sha256_files", sha)
    report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK, jobs=1, progress=False)
    assert report.failed == ["a.txt"] and report.write_error is None
    status = assert_clean(out)
    assert status["a.txt"]["reason"] == "cannot read the input: Permission denied"


# --- outputs up to date are skipped -----------------------------------------------------------


@pytest.mark.slow
def test_up_to_date_outputs_are_skipped(tmp_path: Path, warm) -> None:
    src, out = folders(tmp_path)
    a = disclosure(src / "a.txt", "甲单位")
    disclosure(src / "b.txt", "乙单位")
    assert sorted(batch(src, out, warm).ran) == ["a.txt", "b.txt"]
    first = mtimes(out)

    second = batch(src, out, warm)
    assert second.ran == [] and sorted(second.skipped) == ["a.txt", "b.txt"]
    assert mtimes(out) == first

    stamp = a.stat().st_mtime_ns + 10**9
    os.utime(a, ns=(stamp, stamp))  # `touch`: same bytes, so the briefing is still current
    assert batch(src, out, warm).ran == []

    disclosure(a, "甲单位", income="123.00")  # edited: only a runs again
    edited = batch(src, out, warm)
    assert edited.ran == ["a.txt"] and edited.skipped == ["b.txt"]
    now = mtimes(out)
    assert now["乙单位-2024.html"] == first["乙单位-2024.html"]
    assert now["甲单位-2024.html"] != first["甲单位-2024.html"]

    (out / "乙单位-2024.html").unlink()  # an output went missing: only b runs again
    assert batch(src, out, warm).ran == ["b.txt"]

    changed = tmp_path / "changed.ipynb"  # a new notebook makes every briefing stale
    shutil.copy(NOTEBOOK, changed)
    nb = nbformat.read(changed, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("（新增说明）"))
    nbformat.write(nb, changed)
    rerun = run_batch(src, out, formats=("html",), notebook=changed, jobs=1, kernel=warm, progress=False)
    assert sorted(rerun.ran) == ["a.txt", "b.txt"]
    assert_clean(out)
