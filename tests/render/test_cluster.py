"""Batches on a Dask distributed cluster: a ``LocalCluster`` of two worker processes.

The real briefing notebook runs on the workers with the inputs sent as bytes (one of them a
two-file PDF disclosure); a worker killed mid-run costs only the input that killed it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import distributed
import pytest

from deptbudget.render.batch import run_batch
from deptbudget.render.build import InputError
from deptbudget.render.pool import WORKER_DIED
from paths import DISCLOSURES, NOTEBOOK_FIXTURES, SAMPLE

pytestmark = pytest.mark.slow


def cluster(**config: object):
    """Two single-threaded worker processes; ``config`` for the scheduler (it runs here)."""
    import dask

    with dask.config.set(config):
        return distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0",
        )


def test_real_briefing_notebook_on_two_workers_no_shared_files(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLE, src / "sample.txt")
    shutil.copytree(DISCLOSURES["bj_municipal"], src / "two-files")
    with cluster() as c:
        report = run_batch(src, out, formats=("html",), progress=False, scheduler=c.scheduler_address)
    assert report.ok and sorted(report.ran) == ["sample.txt", "two-files"]
    status = json.loads((out / "batch-status.json").read_text(encoding="utf-8"))["inputs"]
    for record in status.values():
        page = (out / record["outputs"]["html"]).read_text(encoding="utf-8")
        assert record["department"] and record["department"] in page and "data:image/svg+xml" in page
        assert (out / record["outputs"]["ipynb"]).is_file()
    assert status["two-files"]["year"] and status["sample.txt"]["year"] == 2024
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "batch-status.json", *(n for r in status.values() for n in r["outputs"].values())]
    )


def test_killed_worker_costs_only_its_own_input(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name, fault in (("a", ""), ("b", "kill-worker"), ("c", ""), ("d", "")):
        lines = [f"部门：{name}局", "年度：2024", "收入合计：1.00", "支出合计：1.00"]
        if fault:
            lines.append(f"故障：{fault}")
        (src / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # One death is enough to blame a task (the default lets it kill three more workers).
    with cluster(**{"distributed.scheduler.allowed-failures": 0}) as c:
        report = run_batch(src, out, formats=("html",), notebook=NOTEBOOK_FIXTURES / "faults.ipynb",
                           progress=False, scheduler=c.scheduler_address)
    assert sorted(report.ran) == ["a.txt", "c.txt", "d.txt"] and report.failed == ["b.txt"]
    assert report.records["b.txt"]["reason"] == WORKER_DIED
    assert not [p for p in out.iterdir() if p.name.startswith(".deptbudget-")]


def test_unreachable_scheduler_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deptbudget.render import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)  # the refusal itself, without waiting 20 s for it
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "sample.txt")
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        run_batch(src, tmp_path / "out", progress=False, scheduler="tcp://127.0.0.1:9")
