"""A table printed without rules is seen and reported, never silently dropped: its title and
page are named, it is not called missing from the document, and every other table is read."""

from __future__ import annotations

import dataclasses

import pytest

from deptbudget import read_disclosure
from deptbudget.read.document import open_document
from deptbudget.read.reader import read_document
from paths import DISCLOSURES


def _without_rules(path, key: str):
    """The document with the ruling of the page holding table ``key`` taken away."""
    info = read_disclosure(path).table_info[key]
    doc = open_document(path)
    where = (info.file, info.page)
    doc.pages[where] = dataclasses.replace(doc.pages[where], grids=())
    return info, read_document(doc)


@pytest.mark.parametrize(("name", "key"), [("js_2019", "three_public"), ("sh_budget", "fiscal_summary")])
def test_a_table_without_rules_is_reported_with_its_page(name, key):
    info, d = _without_rules(DISCLOSURES[name], key)
    assert key not in d.table_info
    unread = [w for w in d.warnings if w.code == "table_not_read" and w.table == key]
    assert len(unread) == 1, [w.message for w in d.warnings]
    assert unread[0].page == info.page and unread[0].file == info.file
    assert f"第{info.page}页" in unread[0].zh
    # It is in the document: not "missing from the disclosure".
    assert not [w for w in d.warnings if w.code == "missing_table" and w.table == key]


def test_the_other_tables_are_still_read():
    path = DISCLOSURES["js_2019"]
    whole = read_disclosure(path)
    info, d = _without_rules(path, "three_public")
    same_page = {k for k, i in whole.table_info.items() if (i.file, i.page) == (info.file, info.page)}
    assert set(d.table_info) == set(whole.table_info) - same_page


@pytest.mark.parametrize("name", sorted(DISCLOSURES))
def test_no_published_table_is_reported_unread(name):
    # Contents pages list titles one under another: they are not unruled tables.
    d = read_disclosure(DISCLOSURES[name])
    assert not [w.message for w in d.warnings if w.code == "table_not_read"]
