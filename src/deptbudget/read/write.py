"""Writing a reading to disk: one CSV per table and ``disclosure.json``, atomically."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..core.files import atomic_write_text
from ..core.model import TABLE_KEYS, Disclosure
from ..core.money import format_yuan


def table_to_csv(frame: pd.DataFrame) -> str:
    """Render a table as CSV text: money as two-decimal 元, codes as text, None empty."""
    out = frame.copy()
    for column in out.columns:
        if column.endswith("_yuan"):
            out[column] = [
                format_yuan(v) if isinstance(v, Decimal) else "" for v in out[column]
            ]
    return out.to_csv(index=False, lineterminator="\n")


def write_extract(disclosure: Disclosure, out_dir: str | Path) -> list[Path]:
    """Write every table as ``<key>.csv`` and the description as ``disclosure.json``.

    A table the disclosure prints empty is written with its header and no rows; a table
    it lacks is not written (``disclosure.json`` lists it under ``missing_tables``).

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for key in TABLE_KEYS:
        if key not in disclosure.tables:
            continue
        path = out / f"{key}.csv"
        atomic_write_text(path, table_to_csv(disclosure.tables[key]))
        written.append(path)
    path = out / "disclosure.json"
    atomic_write_text(path, json.dumps(disclosure.to_json(), ensure_ascii=False, indent=2) + "\n")
    written.append(path)
    return written


def read_table_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_extract` back with exact money and text codes."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in frame.columns:
        if column.endswith("_yuan"):
            frame[column] = [Decimal(v) if v != "" else None for v in frame[column]]
            frame[column] = frame[column].astype(object)
    return frame
