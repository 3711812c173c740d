"""The PDF source layer on the real corpus PDFs, and on damaged and edited copies.

The corpus files are in ``data/raw/`` (two-file disclosures in folders); ``faults/`` and
``edited/`` under ``tests/fixtures/pdf/`` were made from them by
``tests/fixtures/pdf/make_fixtures.py``. Each corpus file is read once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
import threading
from pathlib import Path

import pytest

from deptbudget.core.errors import DisclosureError
from deptbudget.read.sources.pdf import (
    Grid,
    GridRow,
    PdfDocument,
    is_pdf,
    read_pdf,
    read_pdf_bytes,
)
from deptbudget.read.sources.pdf_text import fold
from paths import FIXTURES, raw_pdf

PDF = FIXTURES / "pdf"
FAULTS = PDF / "faults"

PAGES = {
    "bj_audit_bureau_2026_budget-1.pdf": 10,
    "bj_audit_bureau_2026_budget-2.pdf": 21,
    "js_high_court_2018_budget.pdf": 25,
    "js_party_committee_office_2018_budget-1.pdf": 13,
    "js_party_committee_office_2018_budget-2.pdf": 15,
    "js_procuratorate_2019_budget.pdf": 33,
    "sh_putuo_finance_2024_final.pdf": 25,
    "sh_putuo_gov_office_2025_budget.pdf": 22,
    "sh_putuo_gov_office_unit_2025_budget.pdf": 21,
    "sh_putuo_wanli_street_2023_budget.pdf": 35,
}

_read: dict[str, PdfDocument] = {}


def doc(name: str) -> PdfDocument:
    """A corpus file, read once for the whole module."""
    if name not in _read:
        _read[name] = read_pdf(raw_pdf(name))
    return _read[name]


def lines_with(document: PdfDocument, text: str) -> list:
    return [line for page in document.pages for line in page.lines if text in line.text]


def row_starting(grid: Grid, *cells: str) -> GridRow:
    """The one row of ``grid`` whose first cells are ``cells``."""
    found = [row for row in grid.rows if row.cells[: len(cells)] == cells]
    assert len(found) == 1, (cells, [row.cells for row in grid.rows])
    return found[0]


# --- every corpus file -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_is_read_with_running_line_numbers(name):
    document = doc(name)
    assert document.path == raw_pdf(name)
    assert document.sha256 == hashlib.sha256(raw_pdf(name).read_bytes()).hexdigest()
    assert [page.number for page in document.pages] == list(range(1, PAGES[name] + 1))
    numbers = [line.number for page in document.pages for line in page.lines]
    assert numbers == list(range(1, len(numbers) + 1))
    for page in document.pages:
        assert all(line.page == page.number for line in page.lines)
        tops = [line.top for line in page.lines]
        assert tops == sorted(tops)
        for line in page.lines:
            assert 0 <= line.top < line.bottom <= page.height + 1
            assert line.text == line.text.strip() and line.text
            assert [w.x0 for w in line.words] == sorted(w.x0 for w in line.words)
            assert "".join(w.text for w in line.words) == re.sub(r"\s", "", line.text)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_grid_rows_are_full_and_point_at_their_lines(name):
    document = doc(name)
    by_number = {line.number: line for page in document.pages for line in page.lines}
    for page in document.pages:
        tops = [grid.bbox[1] for grid in page.grids]
        assert tops == sorted(tops), "grids top to bottom"
        for grid in page.grids:
            width = len(grid.columns)
            assert all(a[1] == b[0] for a, b in zip(grid.columns, grid.columns[1:], strict=False))
            for row in grid.rows:
                assert len(row.cells) == len(row.spans) == width
                assert row.page == page.number
                assert grid.bbox[1] - 0.5 <= row.top < row.bottom <= grid.bbox[3] + 0.5
                assert row.line <= row.end_line
                assert by_number[row.line].page == page.number == by_number[row.end_line].page
                # A covered column is empty, and spans add up to the grid's width.
                for cell, span in zip(row.cells, row.spans, strict=True):
                    if span == 0:
                        assert cell == ""
                assert sum(row.spans) == width
                # The first character of each cell's text is on one of the row's lines.
                text = " ".join(by_number[n].text for n in range(row.line, row.end_line + 1))
                for cell in row.cells:
                    if cell:
                        assert cell[0] in text, (cell, text)


GRIDS_PER_PAGE = {
    "bj_audit_bureau_2026_budget-1.pdf": [0] * 10,
    "bj_audit_bureau_2026_budget-2.pdf": [1] * 21,
    "js_high_court_2018_budget.pdf": [0] * 8 + [1, 4, 3, 2, 2, 4, 2, 1] + [0] * 9,
    "js_party_committee_office_2018_budget-1.pdf": [0] * 13,
    "js_party_committee_office_2018_budget-2.pdf": [0, 0] + [1] * 13,
    "js_procuratorate_2019_budget.pdf": [0] * 13 + [1, 2, 2, 1, 2, 1, 2, 1, 1, 1, 1] + [0] * 9,
    "sh_putuo_finance_2024_final.pdf": [0] * 4 + [1] * 9 + [0] + [1] * 6 + [0] * 5,
    "sh_putuo_gov_office_2025_budget.pdf": [0] * 7 + [1] * 13 + [0] * 2,
    "sh_putuo_gov_office_unit_2025_budget.pdf": [0] * 7 + [1] * 13 + [0],
    "sh_putuo_wanli_street_2023_budget.pdf": [0] * 9 + [1] * 19 + [0, 0] + [1] * 5,
}


@pytest.mark.parametrize("name", sorted(GRIDS_PER_PAGE))
def test_grids_per_page(name):
    assert [len(page.grids) for page in doc(name).pages] == GRIDS_PER_PAGE[name]


# --- Shanghai: WPS tables with 类/款/项 code columns ----------------------------------------


def test_shanghai_summary_table_title_and_totals_row():
    page = doc("sh_putuo_gov_office_2025_budget.pdf").pages[7]
    assert page.number == 8
    assert any("部门财务收支预算总表" in line.text for line in page.lines)
    assert lines_with(doc("sh_putuo_gov_office_2025_budget.pdf"), "部门财务收支预算总表")[1].page == 8
    [grid] = page.grids
    assert grid.ruled_rows
    assert grid.rows[0].cells == ("本年收入", "", "本年支出", "")
    assert grid.rows[0].spans == (2, 0, 2, 0)
    assert grid.rows[-1].cells == ("收入总计", "91,016,775.35", "支出总计", "91,016,775.35")
    # The unit line stays one line with its two parts apart.
    assert "编制部门：上海市普陀区人民政府办公室  单位：元" in [line.text for line in page.lines]


def test_shanghai_expenditure_table_keeps_empty_cells_in_their_column():
    page = doc("sh_putuo_gov_office_2025_budget.pdf").pages[10]
    assert page.lines[0].text == "2025年部门支出预算总表"
    [grid] = page.grids
    header = grid.rows[0]
    assert header.cells[0] == "项目" and header.spans[:4] == (4, 0, 0, 0)
    assert header.cells[4] == "支出预算" and header.spans[4:] == (3, 0, 0)
    labels = grid.rows[1]
    assert labels.cells == ("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出")
    assert labels.spans == (3, 0, 0, 1, 1, 1, 1)
    assert grid.rows[2].cells[:3] == ("类", "款", "项")
    assert row_starting(grid, "201", "03", "01").cells == (
        "201",
        "03",
        "01",
        "行政运行",
        "12,029,501.84",
        "11,919,501.84",
        "110,000.00",
    )
    # No 基本支出 printed: the cell is empty and 项目支出 stays in its own column.
    assert row_starting(grid, "201", "03", "02").cells == (
        "201",
        "03",
        "02",
        "一般行政管理事务",
        "46,140,000.00",
        "",
        "46,140,000.00",
    )
    assert row_starting(grid, "208", "", "").cells[3:5] == ("社会保障和就业支出", "4,213,779.28")


def test_shanghai_table_continued_on_next_page_is_a_grid_there():
    pages = doc("sh_putuo_gov_office_2025_budget.pdf").pages
    [continued] = pages[9].grids
    assert continued.rows[0].cells[:4] == ("210", "", "", "卫生健康支出")
    assert continued.rows[-1].cells[0] == "合计" and continued.rows[-1].spans[0] == 4
    assert continued.rows[-1].cells[4] == "91,016,775.35"


def test_shanghai_empty_rows_of_a_grid_are_numbered_by_the_line_above():
    [grid] = doc("sh_putuo_gov_office_2025_budget.pdf").pages[7].grids
    empty = [row for row in grid.rows if not any(row.cells)]
    assert len(empty) == 6
    other_income = row_starting(grid, "四、其他收入")
    assert all(row.line == row.end_line == other_income.end_line for row in empty)


def test_final_accounts_tables_pages_6_to_20():
    document = doc("sh_putuo_finance_2024_final.pdf")
    pages = document.pages
    assert [len(pages[n - 1].grids) for n in range(6, 21)] == [1] * 8 + [0] + [1] * 6
    assert pages[13].lines == () and pages[13].grids == ()  # page 14 is blank
    [summary] = pages[5].grids
    assert summary.rows[1].cells == ("项目", "决算数", "项目", "决算数")
    assert summary.rows[-1].cells == ("本年收入合计", "2,946.25", "本年支出合计", "2,940.05")
    [income] = pages[7].grids
    assert len(income.columns) == 11
    assert row_starting(income, "201", "06", "01").cells == (
        "201",
        "06",
        "01",
        "行政运行",
        "1,511.90",
        "1,511.89",
        "",
        "",
        "",
        "",
        "0.01",
    )
    wrapped = row_starting(income, "208", "05", "05")
    assert wrapped.cells[3] == "机关事业单位基本养老保险缴费支出"
    assert wrapped.end_line == wrapped.line + 1
    # Header labels printed a few characters a line in narrow columns come out whole.
    [fiscal] = pages[11].grids
    assert fiscal.rows[1].cells[3:] == (
        "合计",
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    )
    assert fiscal.rows[2].cells[:2] == ("一、一般公共预算财政拨款", "2,940.05")
    for n in range(6, 21):
        for grid in pages[n - 1].grids:
            assert grid.ruled_rows


def test_narrow_column_printed_two_characters_a_line():
    page = doc("sh_putuo_wanli_street_2023_budget.pdf").pages[30]
    [grid] = page.grids
    assert row_starting(grid, "项目绩效目标").cells[1] == "项目总目标"
    assert row_starting(grid, "项目资金（元）").cells[2] == "项目资金总额"


# --- Jiangsu: Word tables, rotated pages ---------------------------------------------


def test_jiangsu_wrapped_name_is_one_row_with_its_amount():
    page = doc("js_procuratorate_2019_budget.pdf").pages[18]
    [grid] = page.grids
    assert grid.ruled_rows
    row = row_starting(grid, "30108")
    assert row.cells == ("30108", "机关事业单位基本养老保险缴费", "1,064.46")
    assert row.end_line == row.line + 2  # name, amount (centred), rest of the name
    assert [line.text for line in page.lines if row.line <= line.number <= row.end_line] == [
        "机关事业单位基本养老保险",
        "30108  1,064.46",
        "缴费",
    ]
    assert len(grid.rows) == 27


def test_jiangsu_unruled_body_rows_are_split_at_their_lines():
    document = read_pdf(PDF / "edited" / "unruled_body.pdf")
    [page] = document.pages
    [grid] = page.grids
    assert not grid.ruled_rows
    codes = [row.cells[0] for row in grid.rows]
    assert codes == [
        "30103",
        "30108",
        "30109",
        "30112",
        "30113",
        "30114",
        "30199",
        "302",
        "30201",
        "30205",
        "30206",
        "30207",
        "30211",
        "30213",
        "30215",
        "30216",
        "30217",
        "30218",
        "30228",
        "30229",
        "30231",
        "30239",
        "30299",
        "303",
        "30301",
        "30302",
        "30309",
    ]
    assert all(re.fullmatch(r"[\d,]+\.\d\d", row.cells[2]) for row in grid.rows)
    assert row_starting(grid, "30108").cells == ("30108", "机关事业单位基本养老保险缴费", "1,064.46")
    assert row_starting(grid, "30302").cells == ("30302", "退休费", "1,064.45")
    tops = [row.top for row in grid.rows]
    assert tops == sorted(tops) and all(a.bottom == b.top for a, b in zip(grid.rows, grid.rows[1:], strict=False))
    assert grid.rows[0].top == grid.bbox[1] and grid.rows[-1].bottom == grid.bbox[3]
    # The same rows as the ruled original.
    [original] = doc("js_procuratorate_2019_budget.pdf").pages[18].grids
    assert [row.cells for row in grid.rows] == [row.cells for row in original.rows]


def test_jiangsu_table_cut_by_the_page_keeps_its_first_row():
    # The continuation at the top of page 10 has no rule above its first row.
    [first, income, expenditure, fiscal] = doc("js_high_court_2018_budget.pdf").pages[9].grids
    assert first.rows[0].cells[2:4] == ("十八、住房保障支出", "4,716.51")
    assert row_starting(income, "一般公共预算资金").cells == ("一般公共预算资金", "小计", "33,172.15")
    assert expenditure.rows[1].cells[:4] == ("33,172.15", "18,570.82", "11,343.27", "3,258.06")
    assert fiscal.rows == (fiscal.rows[0],) and fiscal.rows[0].cells == ("收入", "支出")
    [header, *_] = doc("js_high_court_2018_budget.pdf").pages[10].grids
    assert header.rows[0].cells == ("项目名称", "金额", "支出用途", "")


def test_jiangsu_rotated_landscape_pages():
    document = doc("js_party_committee_office_2018_budget-2.pdf")
    page = document.pages[2]
    assert page.width > page.height
    assert page.lines[0].text == "收支预算总表"
    [grid] = page.grids
    assert grid.rows[0].cells == ("收入", "", "支出", "", "", "")
    assert row_starting(grid, "一、财政拨款").cells == (
        "一、财政拨款",
        "24,458.43",
        "一、一般公共服务支出",
        "20,153.75",
        "一、基本支出",
        "10,403.11",
    )
    [purchases] = document.pages[13].grids
    assert row_starting(purchases, "", "", "", "其他办公消耗用品及类似物品", "分散自行组织", "2.50")


def test_jiangsu_narrative_text_reads_in_order():
    page = doc("js_party_committee_office_2018_budget-1.pdf").pages[2]
    texts = [line.text for line in page.lines]
    assert texts[:3] == ["第一部分 部门概况", "一、主要职能", "1．负责省委重要工作部署贯彻落实的督促检查，省委日常"]
    assert texts[3] == "文书处理，中央及省委领导同志批示的传达与催办落实，省委"
    court = [line.text for line in doc("js_high_court_2018_budget.pdf").pages[16].lines]
    assert court[0] == "江苏省高级人民法院 2018 年度收入、支出预算总计 33172.15"


# --- Beijing: WPS, six decimals, title font pdfium cannot load --------------------------


def test_beijing_expenditure_table_with_six_decimals():
    page = doc("bj_audit_bureau_2026_budget-2.pdf").pages[2]
    assert page.lines[0].text == "预算03表 支出总表"
    [grid] = page.grids
    assert len(grid.columns) == 9
    assert grid.rows[0].cells[:7] == (
        "支出功能分类科目",
        "政府支出经济分类科目",
        "部门支出经济分类科目",
        "合计",
        "基本支出",
        "项目支出",
        "其中",
    )
    assert grid.rows[0].spans[6:] == (3, 0, 0)
    assert grid.rows[1].cells[6:] == ("事业单位经营支出", "上缴上级支出", "对附属单位补助支出")
    assert row_starting(grid, "2010801-行政运行", "50101-工资奖金津补贴", "30101-基本工资").cells == (
        "2010801-行政运行",
        "50101-工资奖金津补贴",
        "30101-基本工资",
        "3,138.093600",
        "3,138.093600",
        "",
        "",
        "",
        "",
    )
    assert row_starting(grid, "2010804-审计业务", "50201-办公经费").cells[3:6] == ("38.160000", "", "38.160000")


def test_beijing_total_row():
    [grid] = doc("bj_audit_bureau_2026_budget-2.pdf").pages[2].grids
    total = grid.rows[-1]
    assert total.spans == (1,) * 9  # the PDF draws the code columns' rules through it
    assert total.cells[:3] == ("合 计", "", "")  # a spaced-out label keeps one space
    assert total.cells[3:6] == ("32,852.053832", "25,218.537585", "7,633.516247")


def test_beijing_income_header_spans():
    [grid] = doc("bj_audit_bureau_2026_budget-2.pdf").pages[1].grids
    assert len(grid.columns) == 17
    assert grid.rows[0].cells[:2] == ("合计", "本年收入") and grid.rows[0].spans[:2] == (1, 10)
    assert grid.rows[0].cells[11] == "上年结转结余" and grid.rows[0].spans[11] == 6
    assert grid.rows[2].cells[:3] == ("32,852.053832", "32,380.090089", "32,365.090089")


def test_beijing_title_in_a_font_pdfium_cannot_load_is_read():
    document = doc("bj_audit_bureau_2026_budget-1.pdf")
    assert document.pages[0].lines[0].text == "北京市审计局2026年度部门预算信息公开"
    assert document.pages[0].lines[1].text == "目  录"
    assert "第二部分 2026年度部门预算报表" in [line.text for line in document.pages[9].lines]
    # The digits pdfium did read are not doubled.
    assert lines_with(document, "2026年度部门预算信息公开")[0].text.count("2026") == 1


def test_beijing_text_repeated_above_the_page_is_dropped():
    page = doc("bj_audit_bureau_2026_budget-2.pdf").pages[16]
    assert all(line.top >= 0 for line in page.lines)
    assert not any("15-内部审计指导监督" in line.text for line in page.lines)


# --- text details -----------------------------------------------------------------------


def test_fold_full_width_digits_spaces_and_thousands_commas():
    assert fold("１２，３４５．６７") == "12,345.67"
    assert fold("合\u3000计") == "合 计"
    assert fold("收入，支出") == "收入，支出"
    assert fold("1，2") == "1，2"  # not a thousands group
    assert fold("增长１２．５％") == "增长12.5％"


def test_words_carry_positions():
    page = doc("sh_putuo_gov_office_2025_budget.pdf").pages[7]
    line = next(line for line in page.lines if line.text.startswith("一、财政拨款收入"))
    assert [w.text for w in line.words] == [
        "一、财政拨款收入",
        "91,016,775.35",
        "一、一般公共服务支出",
        "82,096,797.42",
    ]
    assert line.x0 == line.words[0].x0 and line.x1 == line.words[-1].x1
    [grid] = page.grids
    amount = line.words[1]
    column = next(i for i, (x0, x1) in enumerate(grid.columns) if x0 <= amount.x0 and amount.x1 <= x1)
    assert column == 1


def test_output_is_frozen():
    page = doc("sh_putuo_gov_office_2025_budget.pdf").pages[7]
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.lines[0].text = "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.grids[0].rows = ()


# --- faults -----------------------------------------------------------------------------


def test_not_a_pdf():
    assert is_pdf(b"%PDF-1.7\n...")
    assert is_pdf(b"\xef\xbb\xbf junk before the header %PDF-1.4")
    assert not is_pdf(b"\x00" * 1024 + b"%PDF-1.4")
    assert not is_pdf("收支预算总表".encode())
    with pytest.raises(DisclosureError, match="not a PDF") as raised:
        read_pdf_bytes("一、收支预算总表\n".encode(), "budget.pdf")
    assert raised.value.path == "budget.pdf"


def test_missing_file():
    with pytest.raises(DisclosureError, match="cannot read the file"):
        read_pdf(PDF / "no_such_file.pdf")


def test_truncated_file():
    with pytest.raises(DisclosureError, match="truncated") as raised:
        read_pdf(FAULTS / "truncated.pdf")
    assert "truncated.pdf" in str(raised.value)
    assert "damaged PDF" in str(raised.value)


def test_encrypted_file_needs_a_password():
    with pytest.raises(DisclosureError, match="encrypted") as raised:
        read_pdf(FAULTS / "encrypted.pdf")
    assert "encrypted.pdf" in str(raised.value)


def test_owner_password_only_reads_normally():
    document = read_pdf(FAULTS / "owner_only.pdf")
    original = doc("sh_putuo_gov_office_2025_budget.pdf")
    assert [line.text for line in document.pages[7].lines] == [line.text for line in original.pages[7].lines]


def test_page_that_cannot_be_loaded_is_named():
    with pytest.raises(DisclosureError, match="page 3 cannot be loaded") as raised:
        read_pdf(FAULTS / "missing_page.pdf")
    assert raised.value.page == 3
    assert str(raised.value).startswith(str(FAULTS / "missing_page.pdf") + " (page 3): ")


def test_scanned_pdf_without_text_layer():
    with pytest.raises(DisclosureError, match=r"no text layer.*run OCR") as raised:
        read_pdf(FAULTS / "scanned.pdf")
    assert raised.value.page == 1
    assert "scanned.pdf (page 1)" in str(raised.value)


def test_some_pages_without_text_are_not_an_error():
    document = read_pdf(FAULTS / "mixed.pdf")
    text, scan = document.pages
    assert text.lines[0].text == "2025年部门财务收支预算总表"
    assert len(text.grids) == 1
    assert scan.lines == () and scan.grids == ()


def test_bytes_and_no_pdfium_exception_escapes():
    data = raw_pdf("sh_putuo_gov_office_2025_budget.pdf").read_bytes()
    document = read_pdf_bytes(data, "upload.pdf")
    assert document.path == Path("upload.pdf") and len(document.pages) == 22


@pytest.mark.parametrize("name", ["js_party_committee_office_2018_budget-2.pdf", "bj_audit_bureau_2026_budget-1.pdf"])
def test_random_damage_gives_a_result_or_disclosure_error(name):
    # bj_audit_bureau_2026_budget-1 also goes through the pdfminer fallback (its title font).
    rng = random.Random(20260)
    original = raw_pdf(name).read_bytes()
    outcomes = set()
    for _ in range(12):
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(data))
            data[at : at + rng.randint(1, 200)] = rng.randbytes(rng.randint(1, 200))
        try:
            read_pdf_bytes(bytes(data), "damaged.pdf")
            outcomes.add("read")
        except DisclosureError as exc:
            assert str(exc).startswith("damaged.pdf")
            outcomes.add("error")
    assert outcomes  # and nothing else was raised


def test_threads_read_their_own_documents():
    name = "js_party_committee_office_2018_budget-2.pdf"
    expected = [[row.cells for grid in page.grids for row in grid.rows] for page in doc(name).pages]
    results: list = []

    def work() -> None:
        got = read_pdf(raw_pdf(name))
        results.append([[row.cells for grid in page.grids for row in grid.rows] for page in got.pages])

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 3


# --- the cells agree with pdfplumber's own geometry ----------------------------------------


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("sh_putuo_gov_office_2025_budget.pdf", 9),
        ("js_high_court_2018_budget.pdf", 10),
        ("bj_audit_bureau_2026_budget-2.pdf", 16),
    ],
)
def test_cells_are_those_of_pdfplumbers_functions(name, page):
    import pypdfium2 as pdfium
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

    from deptbudget.read.sources.pdf_cells import merged_edges, tables_of
    from deptbudget.read.sources.pdf_paths import page_edges

    pdf = pdfium.PdfDocument(raw_pdf(name))
    try:
        loaded = pdf[page - 1]
        textpage = loaded.get_textpage()
        edges = merged_edges(page_edges(loaded, textpage)[0])
        textpage.close()
        loaded.close()
    finally:
        pdf.close()
    theirs = cells_to_tables(intersections_to_cells(edges_to_intersections(edges, 3, 3)))
    ours = tables_of(edges)
    assert [sorted(t) for t in ours] == [sorted(t) for t in theirs]
    assert len(ours) >= 1
