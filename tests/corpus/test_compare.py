"""Comparisons across a corpus: the analysis functions on a corpus built from real documents
(and a second year of one department made by the test builder), and ``deptbudget compare``
running the real comparison notebook to HTML and PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from deptbudget import corpus
from deptbudget.corpus import compare
from paths import DISCLOSURES, SAMPLE

pytestmark = pytest.mark.slow
NAME = "北京市西城区测试事务局"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from builders.disclosure import admin_dept, build

    src = tmp_path_factory.mktemp("inputs")
    shutil.copy(SAMPLE, src / "sample.txt")
    shutil.copy(DISCLOSURES["js_2019"], src / "js.pdf")
    for year in (2024, 2025):
        (src / f"test-{year}.txt").write_text(build(admin_dept(name=NAME, year=year)), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.build(inputs, out, jobs=1)
    return out


def test_departments_side_by_side(built: Path) -> None:
    frame = compare.departments(corpus.load(built))
    assert len(frame) == 4 and set(frame.department) >= {"江苏省人民检察院", NAME}
    sample = frame[frame.department == "北京市西城区人民政府外事办公室"].iloc[0]
    assert sample.per_head_yuan == (sample.expenditure_total_yuan / int(sample.staff_actual)).quantize(Decimal("0.01"))
    assert 0 < sample.three_public_share < 1 and sample.transparency > 90


def test_one_department_over_the_years(built: Path) -> None:
    frames = corpus.load(built)
    years = compare.over_years(frames, NAME)
    assert set(years.year) == {2024, 2025}
    for code, group in years.groupby("code"):
        first, second = group.sort_values("year").total_yuan
        assert group.sort_values("year").change_yuan.iloc[1] == second - first, code
    # The classes add up to the year's total as read.
    d = frames["disclosures"].set_index("input")
    for year in (2024, 2025):
        assert sum(years[years.year == year].total_yuan, Decimal(0)) == d.loc[f"test-{year}.txt",
                                                                              "expenditure_total_yuan"]
    assert set(compare.three_public_over_years(frames, NAME).year) == {2024, 2025}


def test_execution_needs_both_documents(built: Path) -> None:
    frames = corpus.load(built)
    assert compare.execution(frames, NAME, 2024).empty  # the corpus holds no 决算 of it
    # A 决算 of the same department and year: its rows against the budget's, by class.
    d = frames["disclosures"]
    budget = d[(d.department == NAME) & (d.year == 2024)].iloc[0]
    final = budget.copy()
    final["disclosure_id"], final["kind"] = "f" * 16, "决算"
    frames["disclosures"] = pd.concat([d, final.to_frame().T], ignore_index=True)
    rows = frames["table_expenditure"][frames["table_expenditure"].disclosure_id == budget.disclosure_id].copy()
    rows["disclosure_id"] = "f" * 16
    rows["total_yuan"] = [v / 2 for v in rows.total_yuan]
    frames["table_expenditure"] = pd.concat([frames["table_expenditure"], rows], ignore_index=True)
    execution = compare.execution(frames, NAME, 2024)
    assert not execution.empty and all(r == 0.5 for r in execution[execution.item != "三公"].rate)


def test_compare_command_writes_html_and_pdf(built: Path, tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "deptbudget", "compare", str(built), "--out", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "compare.html").read_text(encoding="utf-8")
    assert "部门比较" in page and NAME in page and "江苏省人民检察院" in page and "data:image/svg+xml" in page
    assert "<script" not in page
    text = subprocess.run(["pdftotext", str(tmp_path / "compare.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "各部门对比" in text and "历年变化" in text and NAME in text.replace("\n", "")
    one = subprocess.run([sys.executable, "-m", "deptbudget", "compare", str(built), "--out", str(tmp_path),
                          "--department", NAME, "--format", "html"], capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    [single] = [p for p in tmp_path.glob("compare-*.html")]
    assert "2025" in single.read_text(encoding="utf-8")


def test_compare_refuses_a_folder_that_is_not_a_corpus(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "deptbudget", "compare", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "not a corpus" in run.stderr


def test_briefing_gains_a_history_section_from_its_corpus(inputs: Path, built: Path, tmp_path: Path) -> None:
    source = inputs / "test-2025.txt"
    run = subprocess.run([sys.executable, "-m", "deptbudget", "brief", str(source), "--out", str(tmp_path),
                          "--format", "html", "--corpus", str(built)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    [page] = tmp_path.glob("*.html")
    text = page.read_text(encoding="utf-8")
    assert "历年" in text and "2024" in text.split("历年", 1)[1]
    # Without a corpus, or with one holding no other year, there is no such section.
    alone = subprocess.run([sys.executable, "-m", "deptbudget", "brief", str(SAMPLE), "--out", str(tmp_path / "s"),
                            "--format", "html", "--corpus", str(built)], capture_output=True, text=True)
    assert alone.returncode == 0, alone.stderr
    [sample_page] = (tmp_path / "s").glob("*.html")
    assert ">历年<" not in sample_page.read_text(encoding="utf-8")


def test_cluster_batch_briefings_gain_their_history_too(inputs: Path, built: Path, tmp_path: Path) -> None:
    import distributed

    from deptbudget.render.batch import run_batch

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(inputs / "test-2025.txt", src)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as c:
        report = run_batch(src, out, formats=("html",), progress=False, scheduler=c.scheduler_address,
                           corpus_dir=built)
    assert report.ok
    [page] = [p for p in out.glob("*.html") if p.name != "index.html"]
    text = page.read_text(encoding="utf-8")
    assert "历年" in text and "2024" in text.split("历年", 1)[1]


def test_a_corpus_the_worker_cannot_read_fails_the_input_saying_so(inputs: Path, tmp_path: Path) -> None:
    from deptbudget.render.build import default_notebook
    from deptbudget.render.cluster import brief_payload, payload_of

    job = {"disclosure": str(inputs / "test-2025.txt"), "formats": ("html",), "notebook": str(default_notebook()),
           "corpus_dir": str(tmp_path / "only-on-the-client")}
    result = brief_payload(payload_of(job))
    assert not result["ok"] and "only-on-the-client" in result["reason"] and "shares" in result["reason"]
