"""The vocabulary every layer shares: the data model (:mod:`.model`), exact money
(:mod:`.money`), errors (:mod:`.errors`), Chinese labels (:mod:`.labels`), the
classification codes (:mod:`.classification`), atomic file writes (:mod:`.files`) and the
files the package ships (:mod:`.resources`).

Layer: the bottom. Imports nothing of ours.
"""
