"""Deprecated import path, kept for one release: use :mod:`deptbudget.analyse.indicators`."""

from __future__ import annotations

from .analyse.indicators import *  # noqa: F403
from .analyse.indicators import __all__  # noqa: F401
