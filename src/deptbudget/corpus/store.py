"""The corpus on disk: Parquet files and their Data Package, written atomically; read back
with DuckDB (SQL over the files, no copy) or pandas."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .schema import DISCLOSURES, FACTS, FINDINGS, Field, table_fields, table_title, to_arrow

PACKAGE = "datapackage.json"
TABLES_DIR = "tables"
#: The fixed resources: name → (file, fields, title).
FIXED = {
    "disclosures": ("disclosures.parquet", DISCLOSURES, "One row per disclosure"),
    "facts": ("facts.parquet", FACTS, "Figures stated in the narratives (情况说明)"),
    "findings": ("findings.parquet", FINDINGS, "Audit findings"),
}
_STAGE = ".corpus-stage-"


class NotACorpus(ValueError):
    """A folder given as a corpus holds none."""


def check_corpus(folder: str | Path) -> Path:
    """Return ``folder`` resolved when it holds a corpus; raise :class:`NotACorpus` (one line) if not."""
    root = Path(folder).resolve()
    if not (root / PACKAGE).is_file():
        raise NotACorpus(f"{root}: not a corpus (no {PACKAGE}; make one with deptbudget corpus)")
    return root


def resource_path(name: str) -> str:
    """A resource's path inside the corpus folder (``tables/<key>.parquet`` for tables)."""
    if name in FIXED:
        return FIXED[name][0]
    return f"{TABLES_DIR}/{name.removeprefix('table_')}.parquet"


def _resource(name: str, fields: tuple[Field, ...], title: str, keyed: bool) -> dict[str, Any]:
    # A whole-number column with gaps reads back as floats in some Parquet readers: NaN is missing.
    schema: dict[str, Any] = {"fields": [f.describe() for f in fields], "missingValues": ["", "nan", "NaN"]}
    if keyed:
        schema["primaryKey"] = ["disclosure_id", "row"]
        schema["foreignKeys"] = [{"fields": ["disclosure_id"],
                                  "reference": {"resource": "disclosures", "fields": ["disclosure_id"]}}]
    else:
        schema["primaryKey"] = ["disclosure_id"]
    return {"name": name, "path": resource_path(name), "format": "parquet", "title": title, "schema": schema}


def write_corpus(out: Path, rows: dict[str, Any]) -> dict[str, Any]:
    """Write every resource and ``datapackage.json`` into ``out``, each file replaced atomically.

    Parameters
    ----------
    out : Path
        The corpus folder (created if needed).
    rows : dict
        ``disclosures``, ``facts``, ``findings``: lists of rows; ``tables``: key → rows. Rows
        carry ``disclosure_id``; ``row`` numbers are given here.

    Returns
    -------
    dict
        The Data Package descriptor written.
    """
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=_STAGE, dir=out))
    try:
        (stage / TABLES_DIR).mkdir()
        resources = []
        for name, (file, fields, title) in FIXED.items():
            data = rows[name] if name == "disclosures" else _numbered(rows[name])
            pq.write_table(to_arrow(data, fields), stage / file)
            resources.append(_resource(name, fields, title, keyed=name != "disclosures"))
        for key in sorted(rows["tables"]):
            data = _numbered(rows["tables"][key])
            fields = table_fields(key, data)
            pq.write_table(to_arrow(data, fields), stage / resource_path(f"table_{key}"))
            resources.append(_resource(f"table_{key}", fields, table_title(key), keyed=True))
        package = {
            "profile": "data-package", "name": "deptbudget-corpus", "title": "部门预算/决算公开文件语料",
            "description": "Chinese government department budget (预算) and final accounts (决算) disclosures, "
                           "read by deptbudget: money in 元, exact to the fen; codes as text.",
            "resources": resources,
        }
        (stage / PACKAGE).write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
        _commit(stage, out, {resource_path(r["name"]) for r in resources})
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return package


def _numbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counters: dict[str, int] = {}
    numbered = []
    for row in rows:
        did = row["disclosure_id"]
        numbered.append({**row, "row": counters.get(did, 0)})
        counters[did] = counters.get(did, 0) + 1
    return numbered


def _commit(stage: Path, out: Path, paths: set[str]) -> None:
    """Move the staged files into ``out`` (data first, the package last); drop stale tables."""
    (out / TABLES_DIR).mkdir(exist_ok=True)
    for path in sorted(paths):
        os.replace(stage / path, out / path)
    for old in (out / TABLES_DIR).glob("*.parquet"):
        if f"{TABLES_DIR}/{old.name}" not in paths:
            old.unlink()
    os.replace(stage / PACKAGE, out / PACKAGE)


def read_previous(out: Path) -> dict[str, pd.DataFrame]:
    """The resources of an earlier build in ``out`` as frames (empty when there is none)."""
    if not (out / PACKAGE).is_file():
        return {}
    try:
        return load(out)
    except (OSError, ValueError, pa.ArrowException):
        return {}  # a damaged earlier corpus is rebuilt from the inputs


def load(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Every resource of a corpus as a pandas frame.

    Parameters
    ----------
    folder : str or Path
        The corpus folder (``deptbudget corpus … --out``).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``disclosures``, ``facts``, ``findings`` and ``table_<key>`` for each table; money
        columns hold exact :class:`~decimal.Decimal` 元, codes ``str``, whole numbers ``Int64``.
    """
    root = Path(folder)
    package = json.loads((root / PACKAGE).read_text(encoding="utf-8"))
    # Whole numbers with gaps stay whole (pandas' nullable Int64), not floats.
    ints = {pa.int64(): pd.Int64Dtype()}.get
    return {r["name"]: pq.read_table(root / r["path"]).to_pandas(types_mapper=ints) for r in package["resources"]}


def open_corpus(folder: str | Path) -> Any:
    """A DuckDB connection with one view per resource, over the Parquet files (no copy).

    Parameters
    ----------
    folder : str or Path
        The corpus folder.

    Returns
    -------
    duckdb.DuckDBPyConnection
        In-memory database; views ``disclosures``, ``facts``, ``findings`` and ``table_<key>``.

    Examples
    --------
    >>> con = deptbudget.corpus.open("out/corpus")                      # doctest: +SKIP
    >>> con.sql("select department, year, sum(budget_yuan) from table_three_public "
    ...         "join disclosures using (disclosure_id) where level = 1 group by all").df()  # doctest: +SKIP
    """
    import duckdb

    root = Path(folder).resolve()
    package = json.loads((root / PACKAGE).read_text(encoding="utf-8"))
    con = duckdb.connect()
    for resource in package["resources"]:
        path = str(root / resource["path"]).replace("'", "''")
        con.execute(f"create view \"{resource['name']}\" as select * from read_parquet('{path}')")
    return con
