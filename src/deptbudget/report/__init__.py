"""Briefings: a parameterized notebook → executed notebook → HTML → A4 PDF, one or a batch.

Modules, one concern each: :mod:`.params` (the notebook's parameters and summary),
:mod:`.charts` (Altair theme, static charts), :mod:`.execute` (papermill, warm kernels),
:mod:`.export` (nbconvert HTML), :mod:`.pdf` (WeasyPrint), :mod:`.slug` (file names),
:mod:`.files` (atomic writes), :mod:`.batch` (one or many briefings), :mod:`.cli` (commands).

Submodules are imported on demand: importing this package stays cheap.
"""

from __future__ import annotations

__all__ = ["batch", "charts", "cli", "execute", "export", "files", "params", "pdf", "slug"]
