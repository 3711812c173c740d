"""The briefing's kernel side: what the notebook's cells call and display.

:mod:`.sections` (one method per section of ``notebooks/briefing.ipynb``), :mod:`.html`
(escaped HTML tables and sentences), :mod:`.theme` (the one chart theme and palette),
:mod:`.figures` (chart builders), :mod:`.charts` (static and interactive display),
:mod:`.params` (the notebook's parameters and its summary for the runner).

Layer: may import :mod:`deptbudget.core`, ``read``, ``audit`` and ``analyse``; never
``render`` or ``cli``.
"""
