"""Reference tables of classification codes and their loader."""

from __future__ import annotations

import itertools
import re
import shutil

import pandas as pd
import pytest

from deptbudget.core import classification as cls
from paths import ROOT

REFERENCE = ROOT / "data" / "reference"
CODE_TABLES = {
    "function": "function_codes.csv",
    "dept": "dept_economic_codes.csv",
    "gov": "gov_economic_codes.csv",
}
LENGTHS = {"类": 3, "款": 5, "项": 7}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE / name, dtype=str, keep_default_na=False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cls.clear_cache()
    yield
    cls.clear_cache()


# ---------------------------------------------------------------- names at every level


def test_function_levels_name_every_level():
    assert cls.function_levels("2010301", 2024) == [
        ("类", "201", "一般公共服务支出"),
        ("款", "20103", "政府办公厅（室）及相关机构事务"),
        ("项", "2010301", "行政运行"),
    ]
    assert cls.function_levels("2210201") == [
        ("类", "221", "住房保障支出"),
        ("款", "22102", "住房改革支出"),
        ("项", "2210201", "住房公积金"),
    ]
    # A 款 code stops at its own level.
    assert cls.function_levels("21011") == [
        ("类", "210", "卫生健康支出"),
        ("款", "21011", "行政事业单位医疗"),
    ]


def test_econ_levels_both_schemes():
    assert cls.econ_levels("30101") == [("类", "301", "工资福利支出"), ("款", "30101", "基本工资")]
    assert cls.econ_levels("50905", scheme="gov") == [
        ("类", "509", "对个人和家庭的补助"),
        ("款", "50905", "离退休费"),
    ]
    assert cls.econ_levels("302", scheme="dept") == [("类", "302", "商品和服务支出")]
    with pytest.raises(ValueError):
        cls.econ_levels("30101", scheme="function")


def test_unknown_parts_of_a_chain_are_none():
    # 999 is no 类; the chain is still built so callers see which level is unknown.
    assert cls.function_levels("9999901") == [
        ("类", "999", None),
        ("款", "99999", None),
        ("项", "9999901", None),
    ]


def test_single_name_lookups():
    assert cls.function_name("208") == "社会保障和就业支出"
    assert cls.dept_econ_name("30217") == "公务接待费"
    assert cls.gov_econ_name("50201") == "办公经费"
    assert cls.gov_econ_name("501") == "机关工资福利支出"


def test_unknown_code_is_none():
    assert cls.function_name("2999999") is None
    assert cls.dept_econ_name("30210") is None  # one document printed it; not a national code
    assert cls.gov_econ_name("59998") is None
    assert cls.function_name("") is None
    assert cls.function_name("20a03") is None
    # A code of one scheme is unknown in another.
    assert cls.gov_econ_name("30101") is None


# ---------------------------------------------------------------- years


def test_20805_name_depends_on_year():
    assert cls.function_name("20805", 2018) == "行政事业单位离退休"
    assert cls.function_name("20805", 2024) == "行政事业单位养老支出"
    assert cls.function_name("20805") == "行政事业单位养老支出"  # newest when no year
    assert cls.function_name("2080599", 2017) == "其他行政事业单位离退休支出"
    assert cls.function_name("2080599", 2025) == "其他行政事业单位养老支出"
    levels = cls.function_levels("2080505", 2018)
    assert levels[1] == ("款", "20805", "行政事业单位离退休")


def test_2019_renames_and_2018_economic_reform():
    assert cls.function_name("207", 2018) == "文化体育与传媒支出"
    assert cls.function_name("207", 2019) == "文化旅游体育与传媒支出"
    assert cls.dept_econ_name("30311", 2017) == "住房公积金"
    assert cls.dept_econ_name("30311", 2024) == "代缴社会保险费"
    assert cls.dept_econ_name("310", 2017) == "其他资本性支出"
    assert cls.dept_econ_name("310", 2024) == "资本性支出"


def test_year_outside_every_row_falls_back_to_newest():
    # 224 starts in 2019; asked for 2010 the loader still answers with the newest name.
    assert cls.function_name("224", 2010) == "灾害防治及应急管理支出"
    # 30104 ended in 2017: still named for later years rather than lost.
    assert cls.dept_econ_name("30104", 2024) == "其他社会保障缴费"


# ---------------------------------------------------------------- codes stay text


def test_codes_stay_strings():
    for scheme in CODE_TABLES:
        table = cls.load_table(scheme)
        assert all(isinstance(code, str) for code in table["code"])
        assert all(isinstance(year, str) for year in table["valid_from"])
    assert cls.load_table("dept").set_index("code").loc["30101", "name"] == "基本工资"
    gov = cls.gov_econ_for_dept("30101")
    assert gov == "50101"
    assert isinstance(gov, str)
    levels = cls.econ_levels("30101")
    assert all(isinstance(code, str) for _level, code, _name in levels)


def test_level_of():
    assert cls.level_of("201", "function") == "类"
    assert cls.level_of("20103", "function") == "款"
    assert cls.level_of("2010301", "function") == "项"
    assert cls.level_of("30101", "dept") == "款"
    assert cls.level_of("509", "gov") == "类"
    for code, scheme in [("2010301", "dept"), ("2010", "function"), ("abc", "gov"), ("", "dept")]:
        with pytest.raises(ValueError):
            cls.level_of(code, scheme)
    with pytest.raises(ValueError):
        cls.level_of("201", "functional")


def test_classify_dept_econ():
    assert cls.classify_dept_econ("30101") == "personnel"
    assert cls.classify_dept_econ("303") == "personnel"
    assert cls.classify_dept_econ("30399") == "personnel"
    assert cls.classify_dept_econ("30201") == "public"
    assert cls.classify_dept_econ("302") == "public"
    assert cls.classify_dept_econ("31002") == "other"
    assert cls.classify_dept_econ("39999") == "other"
    assert cls.classify_dept_econ("合计") == "other"
    assert cls.classify_dept_econ("3010") == "other"


def test_gov_econ_for_dept():
    assert cls.gov_econ_for_dept("30108") == "50102"
    assert cls.gov_econ_for_dept("30227") == "50205"
    assert cls.gov_econ_for_dept("31002") == "50306"
    assert cls.gov_econ_for_dept("30902") == "50404"
    assert cls.gov_econ_for_dept("301") is None  # 类 level has no single target
    assert cls.gov_econ_for_dept("30210") is None
    assert cls.gov_econ_for_dept("30101", unit_type="institution") == "50501"
    assert cls.gov_econ_for_dept("30201", unit_type="institution") == "50502"
    assert cls.gov_econ_for_dept("30302", unit_type="institution") == "50905"
    with pytest.raises(ValueError):
        cls.gov_econ_for_dept("30101", unit_type="company")


# ---------------------------------------------------------------- with_names


def test_with_names_function_adds_every_level():
    frame = pd.DataFrame(
        {"function_code": ["2010301", "20805", "合计", None], "amount": ["1", "2", "3", "4"]}
    )
    out = cls.with_names(frame, "function_code", "function", year=2018, prefix="fn")
    assert list(frame.columns) == ["function_code", "amount"]  # input untouched
    expected = [f"fn_{lvl}_{part}" for lvl in ("lei", "kuan", "xiang") for part in ("code", "name")]
    assert list(out.columns) == ["function_code", "amount", *expected]
    first = out.iloc[0]
    assert (first.fn_lei_code, first.fn_lei_name) == ("201", "一般公共服务支出")
    assert (first.fn_kuan_code, first.fn_xiang_name) == ("20103", "行政运行")
    second = out.iloc[1]
    assert second.fn_kuan_name == "行政事业单位离退休"  # year 2018
    assert second.fn_xiang_code is None
    assert out.iloc[2].fn_lei_code is None and out.iloc[3].fn_lei_name is None


def test_with_names_economic_has_no_xiang_and_default_prefix():
    frame = pd.DataFrame({"gov_econ_code": ["50101", "50999"]}, index=[10, 20])
    out = cls.with_names(frame, "gov_econ_code", "gov")
    assert "gov_econ_code_xiang_code" not in out.columns
    assert out.loc[20, "gov_econ_code_lei_name"] == "对个人和家庭的补助"
    assert out.loc[10, "gov_econ_code_kuan_name"] == "工资奖金津补贴"
    with pytest.raises(KeyError):
        cls.with_names(frame, "missing", "gov")


# ---------------------------------------------------------------- table integrity


@pytest.mark.parametrize("scheme", sorted(CODE_TABLES))
def test_code_tables_are_consistent(scheme):
    table = _csv(CODE_TABLES[scheme])
    assert list(table.columns) == ["code", "level", "name", "valid_from", "valid_to", "origin"]
    assert not table.duplicated(["code", "valid_from"]).any()
    assert table["code"].str.fullmatch(r"\d+").all()
    assert (table["code"].str.len() == table["level"].map(LENGTHS)).all()
    assert (table["name"] != "").all()
    assert table["origin"].isin({"observed", "crosswalk", "knowledge"}).all()
    for column in ("valid_from", "valid_to"):
        assert table[column].str.fullmatch(r"(\d{4})?").all()
    bounded = table[(table.valid_from != "") & (table.valid_to != "")]
    assert (bounded.valid_from.astype(int) <= bounded.valid_to.astype(int)).all()
    # Two names of one code must not both claim the same year.
    for _code, rows in table.groupby("code"):
        spans = [
            (int(f) if f else 0, int(t) if t else 9999)
            for f, t in zip(rows.valid_from, rows.valid_to, strict=True)
        ]
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start, rows


@pytest.mark.parametrize("scheme", sorted(CODE_TABLES))
def test_every_code_has_its_parent(scheme):
    table = _csv(CODE_TABLES[scheme])
    codes = set(table["code"])
    for code, level in zip(table["code"], table["level"], strict=True):
        if level == "款":
            assert code[:3] in codes, code
        elif level == "项":
            assert code[:5] in codes, code


def test_function_table_covers_every_lei_of_the_brief():
    codes = set(_csv("function_codes.csv")["code"])
    expected = {str(c) for c in range(201, 235)} - {"218", "225", "226", "228"}
    assert expected <= codes


def test_crosswalk_is_complete_and_points_at_known_codes():
    mapping = _csv("econ_dept_to_gov.csv")
    assert list(mapping.columns) == ["dept_code", "gov_code", "origin"]
    assert not mapping["dept_code"].duplicated().any()
    dept, gov = _csv("dept_economic_codes.csv"), _csv("gov_economic_codes.csv")
    assert set(mapping["dept_code"]) <= set(dept["code"])
    assert set(mapping["gov_code"]) <= set(gov[gov.level == "款"]["code"])
    current_kuan = set(dept[(dept.level == "款") & (dept.valid_to == "")]["code"])
    assert current_kuan <= set(mapping["dept_code"])
    assert mapping["origin"].isin({"observed", "crosswalk", "knowledge"}).all()


def test_sample_pairs_agree_with_tables(sample_text):
    """Every 政府经济分类 / 部门经济分类 pair and full name the sample prints is in the tables."""
    pairs = re.findall(r"(5\d{4})-(\S+) (3\d{4})-(\S+) \d", sample_text)
    assert len(pairs) >= 10
    for gov, gov_name, dept, dept_name in pairs:
        assert cls.gov_econ_for_dept(dept) == gov
        assert cls.gov_econ_name(gov, 2024) == gov_name
        assert cls.dept_econ_name(dept, 2024) == dept_name
    functions = set(re.findall(r"^(2\d{6}) (\S+) \d", sample_text, flags=re.MULTILINE))
    assert len(functions) >= 5
    for code, name in functions:
        assert cls.function_name(code, 2024) == name


# ---------------------------------------------------------------- where the data comes from


def test_reference_tables_are_package_resources():
    """The tables are found through the package (``deptbudget/resources/reference``), which
    is the repository's ``data/reference`` in a checkout and a copy in a wheel."""
    from deptbudget.core.resources import path

    shipped = path("reference")
    assert (shipped / "function_codes.csv").read_bytes() == (REFERENCE / "function_codes.csv").read_bytes()


def test_classification_reads_what_the_package_ships(tmp_path, monkeypatch):
    copy = tmp_path / "reference"
    shutil.copytree(REFERENCE, copy)
    function_csv = copy / "function_codes.csv"
    text = function_csv.read_text(encoding="utf-8")
    function_csv.write_text(
        text.replace("201,类,一般公共服务支出", "201,类,一般公共服务支出（打包）"), encoding="utf-8"
    )
    monkeypatch.setattr(cls, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    cls.clear_cache()
    try:
        assert cls.function_name("201") == "一般公共服务支出（打包）"
    finally:
        monkeypatch.undo()
        cls.clear_cache()
    assert cls.function_name("201") == "一般公共服务支出"
