"""Table readers a family assembles from the generic grid readers, and the column rules
several families share (a function-code table reads alike in Shanghai and in a 决算)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..grids.coded import CodedSpec, read_coded
from ..grids.columns import ColumnRule, rule
from ..grids.items import ItemColumn, read_items
from ..grids.listing import ListingSpec, RowHook, read_listing
from ..grids.table import GridTable
from ..grids.two_sided import Side, read_two_sided
from ..tables.parsed import ParsedTable
from .base import TableReader

#: 功能分类 code (one column, or 类/款/项 columns) and name.
FUNCTION_CODE: tuple[ColumnRule, ...] = (
    rule("function_code_part", "科目编码", "=类"),
    rule("function_code_part", "科目编码", "=款"),
    rule("function_code_part", "科目编码", "=项"),
    rule("function_code", "功能", "编码"),
    rule("function_code", "功能", "代码"),
    rule("function_code", "科目编码"),
    rule("function_code", "科目代码"),
    rule("function_name", "科目名称"),
    rule("function_name", "名称"),
)
#: 部门经济分类 code (one column, or 类/款 columns) and name.
ECON_CODE: tuple[ColumnRule, ...] = (
    rule("dept_econ_code_part", "编码", "=类"),
    rule("dept_econ_code_part", "编码", "=款"),
    rule("dept_econ_code", "科目编码"),
    rule("dept_econ_code", "编码"),
    rule("dept_econ_name", "科目名称"),
    rule("dept_econ_name", "名称"),
)
#: 合计 / 基本支出 / 项目支出 columns.
TOTAL_BASIC_PROJECT: tuple[ColumnRule, ...] = (
    rule("total_yuan", "合计", last=True),
    rule("total_yuan", "金额", last=True),
    rule("basic_yuan", "基本支出", last=True),
    rule("project_yuan", "项目支出", last=True),
)
#: 合计 / 人员经费 / 公用经费 columns.
TOTAL_PERSONNEL_PUBLIC: tuple[ColumnRule, ...] = (
    rule("total_yuan", "合计", last=True),
    rule("total_yuan", "金额", last=True),
    rule("personnel_yuan", "人员经费", last=True),
    rule("public_yuan", "公用经费", last=True),
)


def coded(spec: CodedSpec) -> TableReader:
    """A reader for a coded table."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [read_coded(table, spec, unit, file)]

    return read


def function_table(key: str, amounts: Sequence[ColumnRule] = TOTAL_BASIC_PROJECT,
                   fields: Sequence[str] = ("total_yuan", "basic_yuan", "project_yuan")) -> TableReader:
    """A reader for a table by 功能分类 code with the given amount columns."""
    return coded(CodedSpec(key, ("function",), FUNCTION_CODE + tuple(amounts), tuple(fields)))


def econ_table(key: str, amounts: Sequence[ColumnRule] = TOTAL_PERSONNEL_PUBLIC,
               fields: Sequence[str] = ("total_yuan", "personnel_yuan", "public_yuan")) -> TableReader:
    """A reader for a table by 部门经济分类 code with the given amount columns."""
    return coded(CodedSpec(key, ("dept_econ",), ECON_CODE + tuple(amounts), tuple(fields)))


def two_sided(key: str, sides: Sequence[Side], totals: Mapping[str, str]) -> TableReader:
    """A reader for a 收支总表-like table."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [read_two_sided(table, key, sides, totals, unit, file)]

    return read


def side(name: str, word: str, amounts: Sequence[ColumnRule]) -> Side:
    """A side whose item column is headed ``<word>…/项目`` (or 项目名称) and amounts as given."""
    return Side(name, (rule("item", word, "=项目"), rule("item", word, "=项目名称"),
                       rule("item", word, "科目名称")), tuple(amounts))


def items(key: str, columns: Sequence[ItemColumn], values: dict[str, tuple[str, ...]] | None = None) -> TableReader:
    """A reader for an items-as-columns table."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [read_items(table, key, columns, unit, file, values)]

    return read


def listing(spec: ListingSpec, hook: RowHook | None = None) -> TableReader:
    """A reader for a listing table."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [read_listing(table, spec, unit, file, hook)]

    return read


def several(*readers: TableReader) -> TableReader:
    """A reader that runs several readers on one table (a 三公 table with 会议费 columns)."""

    def read(table: GridTable, unit: str, file: str) -> list[ParsedTable]:
        return [parsed for reader in readers for parsed in reader(table, unit, file)]

    return read


#: The 三公 items, by the words of their columns' headers.
THREE_PUBLIC_ITEMS: tuple[ItemColumn, ...] = (
    ItemColumn("total", "合计", (rule("total", "三公", "=合计"), rule("total", "=合计"))),
    ItemColumn("outbound", "因公出国（境）费", (rule("outbound", "出国", last=True),)),
    ItemColumn("vehicles", "公务用车购置及运行维护费", (
        rule("vehicles", "公务用车", "=小计"),
        rule("vehicles", "公务用车购置及运行", last=True),
        rule("vehicles", "公务用车购置和运行", last=True),
    )),
    ItemColumn("vehicle_purchase", "公务用车购置费", (rule("vehicle_purchase", "购置费", last=True),), level=2),
    ItemColumn("vehicle_running", "公务用车运行维护费", (rule("vehicle_running", "运行", last=True,
                                                            forbidden=("机关运行",)),), level=2),
    ItemColumn("reception", "公务接待费", (rule("reception", "接待", last=True),)),
)
