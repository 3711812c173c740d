"""Reading a disclosure into a :class:`~deptbudget.core.model.Disclosure`.

Sources (:mod:`.sources`) turn a file into numbered, paged lines; :mod:`.layout` finds the
narrative and the tables by their titles; one parser per table family (:mod:`.tables`), the
narrative's facts (:mod:`.narrative`), the columns the text does not print
(:mod:`.infer`); :mod:`.reader` puts it together and :mod:`.write` writes the CSV/JSON files.

Layer: may import :mod:`deptbudget.core` only.
"""
