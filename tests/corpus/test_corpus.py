"""``deptbudget corpus``: a folder of real disclosures (text, PDF, a two-file disclosure and a
broken file) into Parquet resources with a valid Data Package, SQL over them, and re-runs that
read only what changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from deptbudget import corpus
from paths import DISCLOSURES, SAMPLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("inputs")
    shutil.copy(SAMPLE, src / "sample.txt")
    shutil.copy(DISCLOSURES["mof_final"], src / "final.pdf")
    shutil.copytree(DISCLOSURES["js_2018_two_files"], src / "two-files")
    (src / "broken.txt").write_text("not a disclosure\n", encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("corpus")
    run = subprocess.run([sys.executable, "-m", "deptbudget", "corpus", str(folder), "--out", str(out), "--jobs", "2"],
                         capture_output=True, text=True)
    return out, run


def test_every_disclosure_is_a_row_and_a_broken_one_says_why(built) -> None:
    out, run = built
    assert run.returncode == 1 and "3 read, 0 unchanged, 1 failed" in run.stdout
    assert "Traceback" not in run.stderr
    frames = corpus.load(out)
    d = frames["disclosures"].set_index("input")
    assert set(d.index) == {"sample.txt", "final.pdf", "two-files", "broken.txt"}
    assert d.loc["broken.txt", "status"] == "failed" and "broken.txt" in d.loc["broken.txt", "reason"]
    assert d.loc["final.pdf", "kind"] == "决算" and d.loc["two-files", "layout"] == "jiangsu-2018"
    assert d.loc["two-files", "files"].count(".pdf") == 2
    assert d.loc["sample.txt", "department"] == "北京市西城区人民政府外事办公室"
    assert isinstance(d.loc["sample.txt", "expenditure_total_yuan"], Decimal)
    assert d.loc["sample.txt", "audit_fail"] == 3 and d.loc["sample.txt", "transparency_points"] > 0
    assert not [p for p in out.iterdir() if p.name.startswith(".corpus-stage-")]


def test_tables_are_long_exact_and_traceable(built) -> None:
    out, _ = built
    frames = corpus.load(out)
    expenditure = frames["table_expenditure"]
    assert {"disclosure_id", "row", "function_code", "total_yuan", "file", "page", "line"} <= set(expenditure.columns)
    assert all(isinstance(v, Decimal) for v in expenditure.total_yuan.dropna())
    assert all(isinstance(c, str) for c in expenditure.function_code.dropna())  # codes stay text
    import pyarrow.parquet as pq

    assert str(pq.read_schema(out / "tables" / "expenditure.parquet").field("total_yuan").type) == "decimal128(18, 2)"
    # The sample's rows add up to its printed 合计, as in the reading itself.
    assert frames["facts"].amount_yuan.dropna().map(type).eq(Decimal).all()


def test_the_data_package_is_valid(built) -> None:
    from frictionless import validate

    out, _ = built
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:5]


def test_the_same_query_in_duckdb_and_pandas(built) -> None:
    out, _ = built
    con = corpus.open(out)
    sql = ("select d.department, d.year, sum(t.budget_yuan) from table_three_public t "
           "join disclosures d using (disclosure_id) where t.level = 1 group by all order by 1, 2")
    in_sql = {(dept, year): total for dept, year, total in con.execute(sql).fetchall()}
    frames = corpus.load(out)
    tp = frames["table_three_public"].merge(frames["disclosures"], on="disclosure_id")
    tp = tp[tp.level == 1]
    in_pandas = {key: sum(group.budget_yuan.dropna(), Decimal(0)) for key, group in tp.groupby(["department", "year"])}
    assert in_sql == in_pandas and len(in_sql) == 3
    assert all(isinstance(v, Decimal) for v in in_sql.values())


def test_a_rerun_reads_only_what_changed(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    first = corpus.build(folder, out, jobs=1)
    assert sorted(first.read) == ["final.pdf", "sample.txt", "two-files"] and first.failed == ["broken.txt"]
    before = corpus.load(out)["disclosures"].set_index("input")
    again = corpus.build(folder, out, jobs=1)
    assert sorted(again.reused) == ["final.pdf", "sample.txt", "two-files"] and again.read == []
    after = corpus.load(out)
    assert after["disclosures"].set_index("input").drop(columns=[]).equals(before)
    changed = tmp_path / "inputs"
    shutil.copytree(folder, changed)
    with (changed / "sample.txt").open("a", encoding="utf-8") as f:
        f.write("\n")
    third = corpus.build(changed, out, jobs=1)
    assert third.read == ["sample.txt"] and sorted(third.reused) == ["final.pdf", "two-files"]
    assert len(corpus.load(out)["disclosures"]) == 4


def test_on_a_dask_cluster(folder: Path, tmp_path: Path, built) -> None:
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0") as c:
        report = corpus.build(folder, tmp_path / "corpus", scheduler=c.scheduler_address)
    assert sorted(report.read) == ["final.pdf", "sample.txt", "two-files"] and report.failed == ["broken.txt"]
    local = corpus.load(built[0])["disclosures"].set_index("input").sort_index()
    remote = corpus.load(tmp_path / "corpus")["disclosures"].set_index("input").sort_index()
    columns = ["disclosure_id", "department", "year", "layout", "audit_fail", "expenditure_total_yuan"]
    assert remote[columns].equals(local[columns])
