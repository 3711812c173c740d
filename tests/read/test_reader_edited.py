"""The reader on edited copies of the sample, made here: nothing is fitted to the sample."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from deptbudget import DisclosureError, read_bytes, read_disclosure
from deptbudget.core.model import BEIJING_KEYS as TABLE_KEYS

D = Decimal


def _other_department(text: str) -> str:
    return (
        text.replace("北京市西城区人民政府外事办公室", "北京市东城区测试统计局")
        .replace("2024", "2031")
        .replace("2023", "2030")
    )


def test_another_department_and_year(sample_text, write_copy):
    d = read_disclosure(write_copy(_other_department(sample_text)))
    assert d.year == 2031
    assert d.department == "北京市东城区测试统计局"
    assert len(d.tables["expenditure"]) == 30


def test_crlf_gb18030_reads_the_same(sample, sample_text, write_copy):
    d = read_disclosure(write_copy(sample_text, encoding="gb18030", newline="\r\n"))
    assert d.encoding == "gb18030"
    for key in TABLE_KEYS:
        left, right = sample.tables[key], d.tables[key]
        assert left.drop(columns=["file", "page", "line", "end_line"]).equals(
            right.drop(columns=["file", "page", "line", "end_line"])
        ), key
    assert [w.message for w in d.warnings] == [w.message for w in sample.warnings]


def test_utf8_bom_and_fullwidth_digits(sample, sample_text, write_copy):
    fullwidth = sample_text.replace("65.715600", "６５．７１５６００")
    d = read_disclosure(write_copy("\ufeff" + fullwidth, encoding="utf-8"))
    assert d.encoding == "utf-8-sig"
    assert d.tables["expenditure"].iloc[0].total_yuan == D("657156.00")


def test_a_line_item_added(sample_text, write_copy):
    row = "2010301-行政运行 50201-办公经费 30202-印刷费 1.250000 1.250000\n\n"
    anchor = "2010301-行政运行 50201-办公经费 30205-水费"
    edited = sample_text.replace(anchor, row + anchor, 1)
    d = read_disclosure(write_copy(edited))
    exp = d.tables["expenditure"]
    added = exp[exp.dept_econ_code == "30202"].iloc[0]
    assert added.total_yuan == D("12500.00")
    assert added.dept_econ_name == "印刷费"
    assert added.basic_yuan == D("12500.00")  # 行政运行 + 商品和服务: basic by classification
    # The printed 合计 did not change, so the reader reports exactly the added amount.
    mismatch = [w for w in d.warnings if w.code == "total_mismatch" and w.table == "expenditure"]
    assert mismatch and all("12,500.00 元" in w.message for w in mismatch)


def test_a_line_item_added_with_totals_updated(sample_text, write_copy):
    row = "2010301-行政运行 50201-办公经费 30202-印刷费 1.000000 1.000000\n\n"
    anchor = "2010301-行政运行 50201-办公经费 30205-水费"
    edited = sample_text.replace(anchor, row + anchor, 1).replace(
        "合 计 648.875784 529.065784 119.810000", "合 计 649.875784 530.065784 119.810000", 1
    )
    d = read_disclosure(write_copy(edited))
    assert not [w for w in d.warnings if w.code == "total_mismatch" and w.table == "expenditure"]


@pytest.mark.parametrize("cut_after", [1, 3, 6, 10])
def test_cut_short_after_a_table(sample_text, write_copy, cut_after):
    marker = f"\n 表 {cut_after + 1}\n"
    assert marker in sample_text
    d = read_disclosure(write_copy(sample_text.split(marker)[0]))
    present = set(TABLE_KEYS[:cut_after])
    assert set(d.tables) == present
    missing = {w.table for w in d.warnings if w.code == "missing_table"}
    assert missing == set(TABLE_KEYS) - present


def test_narrative_only(sample_text, write_copy):
    d = read_disclosure(write_copy(sample_text.split(" 第二部分")[0]))
    assert d.tables == {}
    assert len([w for w in d.warnings if w.code == "missing_table"]) == len(TABLE_KEYS)


def test_tables_out_of_order_and_renumbered(sample_text, write_copy):
    head, rest = re.split(r"\n ?表 1\n", sample_text, maxsplit=1)
    t1, rest = re.split(r"\n ?表 2\n", rest, maxsplit=1)
    t2, rest = re.split(r"\n ?表 3\n", rest, maxsplit=1)
    edited = head + "\n 表 9\n" + t2 + "\n 表 8\n" + t1 + "\n 表 3\n" + rest
    d = read_disclosure(write_copy(edited))
    assert d.table_info["summary"].number == 8
    assert d.table_info["income"].number == 9
    assert sum(d.tables["income"].amount_yuan, D(0)) == D("6488757.84")


def test_duplicate_table_is_a_warning(sample_text, write_copy):
    t10 = sample_text.split("\n 表 10\n", 1)[1].split("\n 表 11\n", 1)[0]
    edited = sample_text.replace("\n 表 11\n", "\n 表 10\n" + t10 + "\n 表 11\n", 1)
    d = read_disclosure(write_copy(edited))
    assert any(w.code == "duplicate_table" and w.table == "three_public" for w in d.warnings)
    assert len(d.tables["three_public"]) == 5


def test_damaged_amount_is_a_warning_not_a_crash(sample_text, write_copy):
    edited = sample_text.replace("30103-奖金 28.900000 28.900000", "30103-奖金 2,8.9 28.900000", 1)
    d = read_disclosure(write_copy(edited))
    damaged = [w for w in d.warnings if w.code == "damaged_amount"]
    assert damaged and damaged[0].table == "expenditure" and damaged[0].line == 322


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"abc\x81\x30\xff\xfe\xfd\n" * 3, "encoding"),
        ("随便一段与预算无关的文字。\n第二行。\n".encode(), "not a 部门预算"),
    ],
)
def test_bad_input_is_a_disclosure_error_naming_the_file(data, words):
    with pytest.raises(DisclosureError) as info:
        read_bytes(data, "bad.txt")
    assert "bad.txt" in str(info.value)
    assert words in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(DisclosureError, match="no such file"):
        read_disclosure(tmp_path / "nope.txt")
