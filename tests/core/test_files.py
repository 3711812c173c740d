"""Atomic writes leave either the old file or the new one, never a part."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deptbudget.core import files
from deptbudget.core.files import (
    TEMP_PREFIX,
    atomic_write_bytes,
    atomic_write_text,
    remove_stale_temps,
    sha256_file,
)


def test_write_and_replace(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    atomic_write_text(target, "第一版")
    atomic_write_text(target, "第二版")
    assert target.read_text(encoding="utf-8") == "第二版"
    assert list(tmp_path.iterdir()) == [target]


def test_failed_replace_keeps_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "a.pdf"
    atomic_write_bytes(target, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_stale_temps_are_removed(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}x.part").write_bytes(b"half")
    keep = tmp_path / "keep.html"
    keep.write_text("x")
    removed = remove_stale_temps(tmp_path)
    assert [p.name for p in removed] == [f"{TEMP_PREFIX}x.part"]
    assert list(tmp_path.iterdir()) == [keep]


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    target = atomic_write_bytes(tmp_path / "b.bin", b"\x00\x01")
    assert os.stat(target).st_mode & 0o044 == 0o044
    assert sha256_file(target) == "b413f47d13ee2fe6c845b2ee141af81de858df4ec549a58b7970bb96645bc8d2"
