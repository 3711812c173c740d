"""Slugs: safe file names that keep CJK and never merge two departments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deptbudget.render.slug import MAX_NAME_BYTES, output_path, slugify, unique_slug

years = st.one_of(st.integers(min_value=1900, max_value=2200), st.text(max_size=8), st.none())


def test_plain_cjk_name_is_kept_without_suffix() -> None:
    assert slugify("某区文化和旅游局", 2025) == "某区文化和旅游局-2025"


def test_name_with_separators_and_dots_is_cleaned_and_suffixed() -> None:
    slug = slugify("../etc/passwd 办公室", 2024)
    assert "/" not in slug and ".." not in slug
    assert slug.startswith("etc-passwd-办公室-2024-")
    assert len(slug.rsplit("-", 1)[1]) == 8


def test_departments_that_clean_alike_do_not_collide() -> None:
    names = ["财政局/一处", "财政局 一处", "财政局\\一处", "财政局：一处", "财政局-一处"]
    slugs = {slugify(n, 2024) for n in names}
    assert len(slugs) == len(names)


def test_case_variants_do_not_collide_on_case_insensitive_disks() -> None:
    a, b = slugify("ABC Office", 2024), slugify("abc office", 2024)
    assert a.lower() != b.lower()


def test_long_names_are_bounded_and_still_distinct() -> None:
    a = slugify("很长的部门名称" * 40 + "甲", 2024)
    b = slugify("很长的部门名称" * 40 + "乙", 2024)
    assert a != b
    assert len(a.encode()) <= MAX_NAME_BYTES + 20


def test_year_is_part_of_the_slug() -> None:
    assert slugify("教育委员会", 2024) != slugify("教育委员会", 2025)


@given(st.text(max_size=200), years)
def test_slug_never_escapes_the_folder(name: str, year) -> None:
    slug = slugify(name, year)
    assert slug and "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert ".." not in slug and not slug.startswith(".") and not os.path.isabs(slug)
    assert len(slug.encode()) <= 200
    folder = Path("/tmp/deptbudget-slug-check").resolve()
    assert output_path(folder, slug, ".html").parent == folder
    assert slugify(name, year) == slug  # deterministic


@given(st.text(max_size=30), st.text(max_size=30))
def test_different_names_give_different_slugs(a: str, b: str) -> None:
    if a != b:
        assert slugify(a, 2024) != slugify(b, 2024)


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden", "x\\y"])
def test_output_path_refuses_unsafe_slugs(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        output_path(tmp_path, bad, ".html")


def test_unique_slug_salts_only_when_taken() -> None:
    assert unique_slug("a-2024", set(), "x.txt") == "a-2024"
    other = unique_slug("a-2024", {"a-2024"}, "x.txt")
    assert other != "a-2024" and other.startswith("a-2024-")
    assert unique_slug("a-2024", {"a-2024", other}, "x.txt") not in {"a-2024", other}
