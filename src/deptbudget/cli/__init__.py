"""The command line: one Typer app (:mod:`.app`), one module per command group.

:mod:`.reading` (``extract``, ``audit``), :mod:`.briefing` (``brief``, ``batch``), :mod:`.corpus`
(``corpus``).
Layer: the top; may import every layer below, nothing imports it.
"""

from __future__ import annotations

from . import briefing, corpus, reading  # noqa: F401  (each module adds its commands to the app)
from .app import app, main

__all__ = ["app", "main"]
