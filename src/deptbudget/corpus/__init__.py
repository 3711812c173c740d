"""A corpus of many disclosures as one tidy dataset: Parquet files, a Data Package, SQL.

:func:`build` reads every disclosure of a folder (files, and subfolders of several files) into
``DIR/disclosures.parquet``, ``DIR/tables/<key>.parquet``, ``DIR/facts.parquet``,
``DIR/findings.parquet`` and ``DIR/datapackage.json`` (:mod:`.build`); :func:`open` gives a DuckDB
connection with a view per resource and :func:`load` pandas frames (:mod:`.store`). Money is
Arrow ``decimal128(18, 2)`` 元, exact; codes are text.

Layer: may import ``analyse``, ``audit``, ``read`` and ``core``; ``brief``, ``render`` and
``cli`` may import it.
"""

from __future__ import annotations

from .build import CorpusReport, build
from .store import NotACorpus, check_corpus, load
from .store import open_corpus as open

__all__ = ["CorpusReport", "NotACorpus", "build", "check_corpus", "load", "open"]
