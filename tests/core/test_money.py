"""Exact money from reading to CSV and back; conversions between 元, 万元 and 亿元."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deptbudget.core.money import format_yuan, from_yuan, money_in_yuan, parse_amount, to_fen, to_yuan
from deptbudget.read.write import read_table_csv, write_extract

fen = st.integers(min_value=-10**15, max_value=10**15)


@given(fen, st.sampled_from(["元", "千元", "万元", "亿元"]))
def test_unit_conversions_are_exact(cents, unit):
    yuan = Decimal(cents) / 100
    assert to_yuan(from_yuan(yuan, unit), unit) == yuan
    assert to_fen(yuan) == cents


@given(fen)
def test_format_and_parse_round_trip(cents):
    yuan = Decimal(cents) / 100
    assert parse_amount(format_yuan(yuan)) == yuan
    printed = f"{yuan:,.2f}"
    assert parse_amount(printed) == yuan


@given(st.integers(min_value=0, max_value=10**12))
def test_six_decimal_wan_is_whole_fen(micro_wan):
    wan = Decimal(micro_wan) / 10**6  # 万元 printed with six decimals
    yuan = money_in_yuan(wan, "万元")
    assert yuan == wan * 10_000 and yuan == yuan.quantize(Decimal("0.01"))


@pytest.mark.parametrize("bad", ["1,2,3", "--", "—", "", "12..5", "1.2.3", "abc", ",123"])
def test_malformed_amounts_are_refused(bad):
    with pytest.raises(ValueError):
        parse_amount(bad)


def test_extract_round_trip_is_exact(sample, tmp_path):
    files = write_extract(sample, tmp_path)
    assert {p.name for p in files} >= {"disclosure.json", "expenditure.csv"}
    for key, frame in sample.tables.items():
        back = read_table_csv(tmp_path / f"{key}.csv")
        assert list(back.columns) == list(frame.columns)
        for column in [c for c in frame.columns if c.endswith("_yuan")]:
            assert list(back[column]) == [v for v in frame[column]], (key, column)
        for column in [c for c in frame.columns if c.endswith("_code")]:
            assert list(back[column]) == [v if v is not None else "" for v in frame[column]]
    meta = json.loads((tmp_path / "disclosure.json").read_text(encoding="utf-8"))
    assert meta["year"] == sample.year and meta["source"]["sha256"] == sample.sha256
    assert meta["tables"]["expenditure"]["printed_totals"]["total_yuan"].endswith(".84")
    keys = {f["key"] for f in meta["facts"]}
    assert {"income_total", "basic_total", "public_total", "project_total", "three_public_total",
            "three_public_outbound", "three_public_reception", "three_public_vehicles",
            "admin_operating", "purchased_services_total", "procurement_count",
            "fixed_assets_total"} <= keys
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_extract_leaves_no_partial_file_on_failure(sample, tmp_path, monkeypatch):
    import os

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    # The temporary file is written, then replacing it fails as on a full disk.
    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        write_extract(sample, tmp_path)
    assert list(tmp_path.iterdir()) == []
