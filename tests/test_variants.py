"""Other departments' disclosures, generated here in the Beijing 14-table layout.

A small builder writes a whole disclosure (narrative and the 14 tables) from a
department's line items, so that every printed total is consistent by construction;
variants then change the layout (titles, units, wrapping, subtotal rows, encodings) or
the content (事业单位 income, carried-over funds, ten projects, 三公 with vehicles …).
Each test reads the text, checks rows, amounts to the fen, codes and names against the
builder's own figures, and runs the audit: it must pass what is consistent and fail
only where a variant is deliberately inconsistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import pytest

from deptbudget import read_bytes
from deptbudget.audit import audit
from deptbudget.classification import (
    classify_dept_econ,
    dept_econ_name,
    function_name,
    gov_econ_for_dept,
    gov_econ_name,
)
from deptbudget.model import TABLE_KEYS

D = Decimal
ZERO = D(0)
WAN = D(10_000)

# --------------------------------------------------------------------------- builder


@dataclass
class Basic:
    """One 基本支出 line item: function and economic codes, amount in 元.

    ``fiscal`` is the 一般公共预算 part (defaults to all of it); ``personnel`` overrides
    the classification's 人员/公用 side, as departments do for 30239 and the like.
    """

    func: str
    dept: str
    amount: D
    fiscal: D | None = None
    personnel: bool | None = None

    @property
    def fiscal_amount(self) -> D:
        return self.amount if self.fiscal is None else self.fiscal

    @property
    def is_personnel(self) -> bool:
        if self.personnel is not None:
            return self.personnel
        return classify_dept_econ(self.dept) == "personnel"


@dataclass
class Project:
    """One project of 项目支出表 and 项目支出绩效目标表 (fiscal money; ``carried`` is the
    part paid from 财政拨款结转)."""

    name: str
    code: str
    func: str
    dept: str
    amount: D
    carried: D = ZERO
    goal: str = "保障相关工作顺利开展，提升服务质量和效率。"
    fund: bool = False  # paid from 政府性基金 instead of 一般公共预算


@dataclass
class Service:
    catalog: str | None
    item: str
    func: str
    amount: D


@dataclass
class Transfer:
    unit_code: str
    unit_name: str
    func: str
    dept: str
    project: str
    amount: D
    document: str


@dataclass
class Dept:
    """Everything the builder needs to write one department's disclosure."""

    name: str
    year: int
    basics: list[Basic]
    projects: list[Project]
    other_income: dict[str, D] = field(default_factory=dict)
    unit: str = "万元"
    # (budget, prior year) per 三公 item.
    outbound: tuple[D, D] = (ZERO, ZERO)
    reception: tuple[D, D] = (ZERO, ZERO)
    purchase: tuple[D, D] = (ZERO, ZERO)
    running: tuple[D, D] = (ZERO, ZERO)
    services: list[Service] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    staff: tuple[int, int, int] = (20, 18, 6)
    prior: dict[str, D] = field(default_factory=dict)  # narrative prior-year figures
    titles: dict[int, str] = field(default_factory=dict)
    mark_on_title_line: bool = False
    no_marks: bool = False  # titles without any "表 N"
    mark: str = "表 {n}"  # or "附表{n}", "表{cn}" (Chinese numeral)
    repeat_headers: bool = False  # tables repeat their column header on a new page
    page_numbers: bool = False  # "- N -" at the foot of each page
    totals_vanish: bool = False  # 合计 rows print no 0.00 part ("合计 X X")
    units: list[tuple[str, D]] = field(default_factory=list)  # 收入总表 rows per unit
    econ_subtotals: bool = False  # 基本支出表 by 部门经济分类 only, with 类 rows (301 …)
    long_goals: bool = False  # 绩效目标 cut by a page break, continued after indicator rows
    whole_integers: bool = False  # tables in 元 print whole amounts as bare integers
    wide_projects: bool = False  # 项目支出表 rows on one line each (names not vertical)
    narrow_cells: bool = False  # 支出总表/基本支出表 cells wrapped in narrow columns
    classes: list[str] = field(default_factory=lambda: list(LEI_ORDER))  # 收支总表 支出 items
    unit_line: str = "单位：{unit}"
    unit_on_title_line: bool = False  # "2025年部门收支总表 单位：万元"
    subtotal_rows: bool = False  # 类/款 rows in 表3 and 表6
    print_basic_split_totals: bool = True  # 表7 prints 人员经费/公用经费 totals
    zeros_printed: bool = False  # 表3 prints every cell, 0.00 where empty, with 其中 columns
    name_wrap: str = "after"  # 表6 long names: "after" the amounts or "before" them
    narrative_style: str = "yuan"  # or "wan", "prose"
    prose_places: int | None = None  # 万元 decimals in the prose narrative (None: exact)

    # ---- derived figures

    @property
    def fiscal_basic(self) -> D:
        return sum((b.fiscal_amount for b in self.basics), ZERO)

    @property
    def basic_total(self) -> D:
        return sum((b.amount for b in self.basics), ZERO)

    @property
    def project_total(self) -> D:
        return sum((p.amount for p in self.projects), ZERO)

    @property
    def carried(self) -> D:
        return sum((p.carried for p in self.projects), ZERO)

    @property
    def fund_total(self) -> D:
        """政府性基金 spending (projects only)."""
        return sum((p.amount for p in self.projects if p.fund), ZERO)

    @property
    def fiscal_total(self) -> D:
        """一般公共预算 spending (this year's allocation plus what was carried over)."""
        return self.fiscal_basic + self.project_total - self.fund_total

    @property
    def grand_total(self) -> D:
        return self.basic_total + self.project_total

    @property
    def current_income(self) -> D:
        return self.grand_total - self.carried

    @property
    def personnel(self) -> D:
        return sum((b.fiscal_amount for b in self.basics if b.is_personnel), ZERO)

    @property
    def public(self) -> D:
        return self.fiscal_basic - self.personnel

    @property
    def three_public(self) -> tuple[D, D]:
        items = (self.outbound, self.reception, self.purchase, self.running)
        return sum((i[0] for i in items), ZERO), sum((i[1] for i in items), ZERO)

    def basic_table_rows(self) -> list[Basic]:
        """一般公共预算基本支出表 rows in print order (by economic code with 类 rows)."""
        rows = [b for b in self.basics if b.fiscal_amount]
        return sorted(rows, key=lambda b: b.dept) if self.econ_subtotals else rows

    def expenditure_rows(self) -> list[dict]:
        """支出总表 rows: one per (function, economic) code pair, in function-code order."""
        rows: dict[tuple[str, str], dict] = {}
        for b in self.basics:
            row = rows.setdefault((b.func, b.dept), _row(b.func, b.dept))
            row["basic"] += b.amount
            row["fiscal_basic"] += b.fiscal_amount
        for p in self.projects:
            row = rows.setdefault((p.func, p.dept), _row(p.func, p.dept))
            row["project"] += p.amount
        return sorted(rows.values(), key=lambda r: r["func"])

    def function_rows(self, fund: bool = False) -> list[dict]:
        """一般公共预算支出表 (or 政府性基金) rows: one per function code."""
        rows: dict[str, dict] = {}
        for b in [] if fund else self.basics:
            row = rows.setdefault(b.func, {"func": b.func, "basic": ZERO, "project": ZERO})
            row["basic"] += b.fiscal_amount
        for p in self.projects:
            if p.fund is fund:
                row = rows.setdefault(p.func, {"func": p.func, "basic": ZERO, "project": ZERO})
                row["project"] += p.amount
        return sorted((r for r in rows.values() if r["basic"] or r["project"]),
                      key=lambda r: r["func"])


def _row(func: str, dept: str) -> dict:
    return {"func": func, "dept": dept, "gov": gov_econ_for_dept(dept), "basic": ZERO,
            "fiscal_basic": ZERO, "project": ZERO}


def fname(code: str, year: int) -> str:
    name = function_name(code, year)
    assert name, code
    return name


def dname(code: str, year: int) -> str:
    name = dept_econ_name(code, year)
    assert name, code
    return name


def gname(code: str, year: int) -> str:
    name = gov_econ_name(code, year)
    assert name, code
    return name


def money(value: D, unit: str, zero: str = "0.00") -> str:
    """An amount as the tables print it: 万元 with six decimals, 元 with separators."""
    if value == 0:
        return zero
    if unit == "万元":
        return f"{value / WAN:.6f}"
    return f"{value:,.2f}"


def yuan_text(value: D) -> str:
    return f"{value:,.2f}"


def wan_text(value: D, places: int | None = None) -> str:
    """An amount in 万元 as prose prints it: exact (2 to 6 decimals) or rounded."""
    if places is not None:
        return f"{(value / WAN).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP):,}"
    text = f"{value / WAN:,.6f}".rstrip("0")
    return text + "0" * (2 - len(text.split(".")[1]))


def percent(current: D, prior: D) -> D:
    return ((current - prior) / prior * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def chunks(text: str, width: int) -> list[str]:
    """Wrap ``text`` in a column ``width`` Chinese characters wide; ASCII is half as wide."""
    out, line, used = [], "", 0
    for ch in text:
        w = 1 if ch.isascii() else 2
        if used + w > 2 * width and line:
            out.append(line)
            line, used = "", 0
        line += ch
        used += w
    return [*out, line] if line else out or [""]


def cell(code: str, name: str, width: int) -> list[str]:
    """A ``code-name`` cell wrapped in a narrow column: digits are narrow, so the code and
    the first character of the name share the first line, as extraction prints them."""
    return [f"{code}-{name[:1]}", *chunks(name[1:], width)]


LEI_ORDER = ["201", "205", "206", "207", "208", "210", "212", "221"]
CN_NUM = [*"一二三四五六七八九十", *(f"十{c}" for c in "一二三四五六七八九")]


class Builder:
    """Writes a :class:`Dept` as disclosure text in the Beijing layout."""

    def __init__(self, dept: Dept) -> None:
        self.d = dept
        self.lines: list[str] = []

    def emit(self, *lines: str) -> None:
        for line in lines:
            self.lines.append(line)
            self.lines.append("")

    def header(self, *lines: str) -> None:
        """Emit a table's column header and remember it for the next page."""
        self._header = lines
        self.emit(*lines)

    def page_break(self) -> None:
        """Start a new page inside a table: page number, repeated header, as configured."""
        if self.d.page_numbers:
            self.emit(f"- {sum(1 for x in self.lines if x.startswith(' ')) + 1} -")
        if self.d.repeat_headers:
            first, *rest = self._header
            self.emit(" " + first, *rest)
        else:
            self.lines.append(" ")  # the next line opens the page

    def m(self, value: D, zero: str = "0.00") -> str:
        if self.d.whole_integers and self.d.unit == "元" and value == value.to_integral_value():
            return f"{value:.0f}"  # whole 元 printed without decimals or separators
        return money(value, self.d.unit, zero)

    def head(self, n: int, default: str, unit_line: bool = True) -> None:
        title = self.d.titles.get(n, default).format(year=self.d.year)
        unit = self.d.unit_line.format(unit=self.d.unit) if unit_line else ""
        if unit and self.d.unit_on_title_line:
            title, unit = f"{title} {unit}", ""
        if self.d.no_marks:
            self.lines.append(f" {title}")
        elif self.d.mark_on_title_line:
            self.lines.append(f" {self.d.mark.format(n=n, cn=CN_NUM[n - 1])} {title}")
        else:
            self.lines.append(f" {self.d.mark.format(n=n, cn=CN_NUM[n - 1])}")
            self.lines.append("")
            self.lines.append(title)
        if unit:
            self.lines.append(unit)
        self.lines.append("")

    # ---- narrative

    def narrative(self) -> None:
        d, y, p = self.d, self.d.year, self.d.year - 1
        authorized, actual, retired = d.staff
        amount = self.amount_text
        self.emit(f" 第一部分 {y} 年部门预算情况说明", "一、部门情况", "（一）部门机构设置、职责")
        self.emit(f"{d.name}是负责本区相关工作的工作部门，设 4 个内设机构。")
        self.emit("（二）人员构成情况")
        self.emit(f"{d.name}行政编制 {authorized} 人，实际 {actual} 人。离退休人员 {retired} 人。")
        self.emit("二、部门预算收支及增减变化情况说明", "（一）收入预算说明")
        income_prior = d.prior["income"]
        diff = d.current_income - income_prior
        word, pword = ("增加", "增长") if diff > 0 else ("减少", "下降")
        self.emit(
            f"{y} 年收入预算{amount(d.current_income)}，比 {p} 年收入预算{amount(income_prior)}"
            f"{word}{amount(abs(diff))}，{pword} {abs(percent(d.current_income, income_prior))}%，"
            "主要原因是：工作任务发生变化。"
        )
        self.emit("（二）支出预算说明")
        basic_prior = d.prior["basic"]
        diff = d.basic_total - basic_prior
        word = "增加" if diff > 0 else "减少"
        self.emit(
            f"1.基本支出预算{amount(d.basic_total)}，比 {p} 年{amount(basic_prior)}{word}"
            f"{amount(abs(diff))}，主要原因是人员变化。其中公用经费{amount(d.public)}，"
            "与上年持平。"
        )
        self.emit(f"2.项目支出预算{amount(d.project_total)}。")
        self.emit("三、主要支出情况", "（一）基本支出主要包括人员经费和公用经费。")
        self.emit("四、“三公”经费财政拨款预算情况", "（一）预算单位范围")
        self.emit(f"{d.name}“三公”经费的支出单位包括 1 个单位。")
        total, total_prior = d.three_public
        diff = total - total_prior
        change = "与上年持平" if diff == 0 else f"{'增加' if diff > 0 else '减少'}{amount(abs(diff))}"
        self.emit(
            "（二）“三公”经费财政拨款预算安排情况",
            f"{y} 年部门预算“三公”经费财政拨款预算安排{amount(total)}，比 {p} 年"
            f"{amount(total_prior)}{change}。主要原因是：工作需要。",
        )
        self.emit("五、其他情况说明", "（一）政府采购预算说明", f"{y} 年,本单位涉及政府采购项目 0 个。")
        if d.services:
            services = sum((s.amount for s in d.services), ZERO)
            self.emit(
                "（二）政府购买服务预算说明",
                f"{y} 年，本单位涉及政府购买服务项目 {len(d.services)} 个，预算金额为"
                f"{amount(services)}。",
            )
        self.emit("（三）机关运行经费预算情况说明",
                  f"{y} 年，本单位机关运行经费合计{amount(d.public)}，主要原因是：定额标准调整。")
        self.emit("（四）国有资产占有使用情况",
                  f"截至 {p} 年底，本单位固定资产总额{amount(D('1234567.89'))}，其中：车辆 1 台。")
        self.emit("（五）绩效目标情况说明")
        named = "、".join(f"{pr.name}（{amount(pr.amount)}）" for pr in d.projects[:3])
        if named:
            self.emit(f"{y} 年，主要项目为{named}。")
        self.emit("六、专业名词解释", "（一）“三公”经费",
                  "“三公”经费是指财政拨款安排的出国（境）费、车辆购置及运行费、公务接待费。")

    def prose_narrative(self) -> None:
        """Another district's wording: 万元, 较上年, 增长/下降, 与上年持平, 占比."""
        d, y = self.d, self.d.year
        authorized, actual, retired = d.staff

        def w(value: D) -> str:
            return f"{wan_text(value, d.prose_places)}万元"

        self.emit(f" {d.name}{y}年部门预算情况说明", "一、部门基本情况", "（一）机构设置及职责")
        self.emit(f"{d.name}（以下简称本部门）主要职责是：统筹本区相关工作。")
        self.emit("（二）人员构成", f"本部门编制人数 {authorized} 人，其中行政编制 {authorized - 5} 人，事业编制 5 人；"
                  f"实有在职人员 {actual} 人；离退休人员 {retired} 人。")
        self.emit("二、收支预算情况", "（一）收入预算")
        income_prior = d.prior["income"]
        diff = d.current_income - income_prior
        self.emit(
            f"{y}年部门收入预算总额为{w(d.current_income)}，较上年"
            f"{'增加' if diff > 0 else '减少'}{w(abs(diff))}，{'增长' if diff > 0 else '下降'}"
            f"{abs(percent(d.current_income, income_prior))}%。其中：一般公共预算拨款收入"
            f"{w(d.current_income - sum(d.other_income.values(), ZERO))}。"
        )
        self.emit("（二）支出预算")
        share = (d.basic_total / d.grand_total * 100).quantize(D("0.01"))
        self.emit(
            f"{y}年部门支出预算总额为{w(d.grand_total)}。其中：基本支出{w(d.basic_total)}，"
            f"占{share}%，主要用于保障机构正常运转；项目支出{w(d.project_total)}，"
            f"占{D(100) - share}%。"
        )
        basic_prior = d.prior["basic"]
        diff = d.basic_total - basic_prior
        self.emit(
            f"基本支出较{y - 1}年{w(basic_prior)}{'增加' if diff > 0 else '下降'}{w(abs(diff))}，"
            f"{'增长' if diff > 0 else '下降'}{abs(percent(d.basic_total, basic_prior))}%，主要原因是人员减少。"
        )
        total, total_prior = d.three_public
        self.emit("三、“三公”经费预算情况")
        change = "与上年持平" if total == total_prior else (
            f"较上年{'增长' if total > total_prior else '下降'}{abs(percent(total, total_prior))}%")
        self.emit(
            f"{y}年“三公”经费预算{w(total)}，{change}。其中：因公出国（境）费{w(d.outbound[0])}，"
            f"公务接待费{w(d.reception[0])}，公务用车购置及运行维护费"
            f"{w(d.purchase[0] + d.running[0])}（其中：公务用车购置费{w(d.purchase[0])}，"
            f"公务用车运行维护费{w(d.running[0])}）。"
        )
        self.emit("四、其他重要事项的情况说明", "（一）机关运行经费",
                  f"{y}年本部门机关运行经费预算{w(d.public)}，比上年下降{w(D('1000.00'))}，"
                  "主要原因是厉行节约。")
        self.emit("（二）政府采购预算", f"{y}年本部门政府采购预算总额{w(D('52000.00'))}，其中：政府采购货物预算"
                  f"{w(D('52000.00'))}。")
        if d.services:
            services = sum((s.amount for s in d.services), ZERO)
            self.emit("（三）政府购买服务预算",
                      f"{y}年本部门政府购买服务预算{w(services)}，共 {len(d.services)} 个项目。")
        self.emit("（四）国有资产占有使用情况",
                  f"截至{y - 1}年12月31日，本部门固定资产总额{w(D('2345600.00'))}。")
        self.emit("（五）绩效目标设置情况", "本部门全部项目均设置了绩效目标。", "五、名词解释",
                  "机关运行经费：为保障行政单位运行用于购买货物和服务的各项资金。")

    def amount_text(self, value: D) -> str:
        if self.d.narrative_style == "wan":
            return f"{value / WAN:,.6f}万元"
        return f"{value:,.2f}元"

    # ---- tables

    def summary(self) -> None:
        d = self.d
        self.head(1, "{year} 部门预算收支总表")
        self.emit("收 入 支出", "项 目 预算数 项 目 预算数")
        income_items = [
            ("一般公共预算拨款收入",
             d.current_income - sum(d.other_income.values(), ZERO) - d.fund_total),
            ("政府性基金预算拨款收入", d.fund_total), ("国有资本经营预算拨款收入", ZERO),
            ("财政专户管理资金收入", ZERO), ("事业收入", d.other_income.get("事业收入", ZERO)),
            ("上级补助收入", ZERO), ("附属单位上缴收入", ZERO), ("事业单位经营收入", ZERO),
            ("其他收入", d.other_income.get("其他收入", ZERO)),
        ]
        by_lei: dict[str, D] = {}
        for r in d.expenditure_rows():
            by_lei[r["func"][:3]] = by_lei.get(r["func"][:3], ZERO) + r["basic"] + r["project"]
        spend_items = [(fname(code, d.year), by_lei.get(code, ZERO)) for code in d.classes]
        for n in range(max(len(income_items), len(spend_items))):
            cells = []
            for items in (income_items, spend_items):
                if n < len(items):
                    name, value = items[n]
                    cells.append(f"{CN_NUM[n]}、{name}")
                    if value:
                        cells.append(self.m(value))
            self.emit(" ".join(cells))
        total = self.m(d.current_income)
        self.emit(f"本年收入合计 {total} 本年支出合计 {self.m(d.grand_total)}")
        carried = f" {self.m(d.carried)}" if d.carried else ""
        self.emit(f"上年结转结余{carried} 年终结转结余")
        self.emit(f"收入总计 {self.m(d.grand_total)} 支出总计 {self.m(d.grand_total)}")

    def income(self) -> None:
        d = self.d
        self.head(2, "{year} 年部门收入总表")
        self.emit("合计 小计 一般公共预算拨款收入", "政府性基金预算", "拨款收入", "上级补", "助收入",
                  "事业", "收入", "经营", "收入", "附属单位上", "缴收入", "其他", "收入", "用事业基金弥补收",
                  "支差额")
        other = sum(d.other_income.values(), ZERO)
        fiscal = d.current_income - other
        values = [d.current_income, fiscal, fiscal - d.fund_total, d.fund_total, ZERO,
                  d.other_income.get("事业收入", ZERO),
                  ZERO, ZERO, d.other_income.get("其他收入", ZERO), ZERO]
        self.emit(" ".join(self.m(v) for v in values))
        rest = values
        for n, (unit_name, share) in enumerate(d.units):
            # A subordinate unit's row: its name, then its share of the general budget.
            row = rest if n == len(d.units) - 1 else [share, share, share, *[ZERO] * 7]
            rest = [a - b for a, b in zip(rest, row, strict=True)]
            self.emit(*chunks(unit_name, 8)[:-1], f"{chunks(unit_name, 8)[-1]} "
                      + " ".join(self.m(v) for v in row))

    def expenditure(self) -> None:
        d, y = self.d, self.d.year
        self.head(3, "{year} 年部门支出总表")
        self.header("支出功能分类科目", "政府支出经济分类", "科目", "部门支出经济分类", "科目",
                  "合计 基本支出 项目支出", "其中", "事业单位", "经营支出", "上缴上", "级支出", "对附属单位",
                  "补助支出")
        rows = d.expenditure_rows()
        seen: set[str] = set()
        for n, r in enumerate(rows):
            if n == len(rows) // 2:
                self.page_break()
            if d.subtotal_rows:
                for prefix in (r["func"][:3], r["func"][:5]):
                    if prefix in seen:
                        continue
                    seen.add(prefix)
                    group = [x for x in rows if x["func"].startswith(prefix)]
                    basic = sum((x["basic"] for x in group), ZERO)
                    project = sum((x["project"] for x in group), ZERO)
                    self.emit(f"{prefix}-{fname(prefix, y)} {self.amounts(basic, project, True)}")
            func_name, rest = fname(r["func"], y), ""
            if d.name_wrap == "after" and len(func_name) > 12:
                # The function cell wraps; its end is printed after the row's amounts.
                func_name, rest = func_name[:12], func_name[12:]
            if d.narrow_cells:
                # Each cell wrapped in its column, cell after cell, amounts last.
                self.emit(*chunks(f"{r['func']}-{fname(r['func'], y)}", 7),
                          *chunks(f"{r['gov']}-{gname(r['gov'], y)}", 6),
                          *chunks(f"{r['dept']}-{dname(r['dept'], y)}", 6),
                          self.amounts(r["basic"], r["project"], True))
                continue
            self.emit(
                f"{r['func']}-{func_name} {r['gov']}-{gname(r['gov'], y)} "
                f"{r['dept']}-{dname(r['dept'], y)} {self.amounts(r['basic'], r['project'], True)}"
            )
            if rest:
                self.emit(rest)
        self.emit(f"合 计 {self.total_amounts(d.basic_total, d.project_total)}")

    def total_amounts(self, basic: D, project: D) -> str:
        """A 合计 row: every cell printed, or empty ones vanishing like a line row's."""
        if self.d.totals_vanish:
            return self.amounts(basic, project)
        return " ".join(self.m(v) for v in (basic + project, basic, project))

    def amounts(self, basic: D, project: D, other_columns: bool = False) -> str:
        """Total and the non-empty parts, as a row prints them (empty cells vanish)."""
        if self.d.zeros_printed and other_columns:
            return " ".join(self.m(v) for v in (basic + project, basic, project, ZERO, ZERO, ZERO))
        parts = [self.m(v) for v in (basic, project) if v]
        return " ".join([self.m(basic + project), *parts])

    def projects(self) -> None:
        d, y = self.d, self.d.year
        self.head(4, "{year} 年部门项目支出表")
        self.header("项目", "名称", "支出功能", "分类科目", "政府支", "出经济", "分类科", "目", "部门支出",
                  "经济分类", "科目", "合计", "本年拨款 财政拨款结转结余", "一般公共", "预算", "政府",
                  "性基", "金预", "算", "国有", "资本", "经营", "预算", "一般", "公共", "预算", "政府",
                  "性基", "金预", "算", "国有资", "本经营", "预算")
        for n, p in enumerate(d.projects):
            if n == 2:
                self.page_break()
            gov = gov_econ_for_dept(p.dept)
            parts = [self.m(p.amount - p.carried)] + ([self.m(p.carried)] if p.carried else [])
            if d.wide_projects:
                # A wide layout: the whole row on one line.
                self.emit(f"{p.name} {p.func}-{fname(p.func, y)} {gov}-{gname(gov, y)} "
                          f"{p.dept}-{dname(p.dept, y)} " + " ".join([self.m(p.amount), *parts]))
                continue
            self.emit(*chunks(p.name, 3))
            cells = [*cell(p.func, fname(p.func, y), 5), *cell(gov, gname(gov, y), 5)]
            if n == 1:
                # A page break inside the row: the next page's first line starts with a space.
                cells[-1] = " " + cells[-1]
            self.emit(*cells, *cell(p.dept, dname(p.dept, y), 5))
            self.emit(" ".join([self.m(p.amount), *parts]))
        self.emit(f"合计 {self.m(d.project_total)} {self.m(d.project_total - d.carried)}"
                  + (f" {self.m(d.carried)}" if d.carried else ""))

    def fiscal_summary(self) -> None:
        d, y = self.d, self.d.year
        self.head(5, "{year} 年财政拨款收支总表")
        fiscal_now = d.fiscal_total - d.carried
        self.emit("收入项目类别 收入预算金额 支出项目类别 支出预算金额")

        def by_lei(fund: bool) -> list[tuple[str, D]]:
            sums: dict[str, D] = {}
            for r in d.function_rows(fund):
                sums[r["func"][:3]] = sums.get(r["func"][:3], ZERO) + r["basic"] + r["project"]
            return [(fname(c, y), v) for c, v in sorted(sums.items())]

        left = [
            ("一、本年收入", fiscal_now + d.fund_total), ("（一）一般公共预算财政拨款", fiscal_now),
            ("（二）政府性基金预算财政拨款", d.fund_total), ("（三）国有资本经营预算资金", ZERO),
            ("二、上年结转", d.carried), ("（一）一般公共预算财政拨款", d.carried),
            ("（二）政府性基金预算财政拨款", ZERO),
        ]
        right = [("一、一般公共预算财政拨款本年支出", d.fiscal_total)]
        right += [(f"（{CN_NUM[i]}）{name}", v) for i, (name, v) in enumerate(by_lei(False))]
        right += [("二、政府性基金预算财政拨款本年支出", d.fund_total)]
        right += [(f"（{CN_NUM[i]}）{name}", v) for i, (name, v) in enumerate(by_lei(True))]
        for n in range(max(len(left), len(right))):
            cells = []
            for items in (left, right):
                if n < len(items):
                    cells += [items[n][0], self.m(items[n][1])]
            self.emit(" ".join(cells))
        self.emit("三、结转下年 0.00")
        total = d.fiscal_total + d.fund_total
        self.emit(f"收入总计： {self.m(total)} 支出总计： {self.m(total)}")

    def general_budget(self) -> None:
        d, y = self.d, self.d.year
        self.head(6, "{year} 年一般公共预算支出表")
        self.header("科目编码 科目名称（项级） 总计 基本支出 项目支出")
        rows = d.function_rows()
        seen: set[str] = set()
        for n, r in enumerate(rows):
            if n == len(rows) // 2:
                self.page_break()
            if d.subtotal_rows:
                for prefix in (r["func"][:3], r["func"][:5]):
                    if prefix not in seen:
                        seen.add(prefix)
                        group = [x for x in rows if x["func"].startswith(prefix)]
                        self.emit(f"{prefix} {fname(prefix, y)} " + self.amounts(
                            sum((x["basic"] for x in group), ZERO),
                            sum((x["project"] for x in group), ZERO)))
            name = fname(r["func"], y)
            amounts = self.amounts(r["basic"], r["project"])
            if len(name) > 14 and d.name_wrap == "after":
                # A long name wraps: its end stands alone on the next line.
                self.emit(f"{r['func']} {name[:14]} {amounts}", name[14:])
            elif len(name) > 14:
                self.emit(f"{r['func']} {name[:14]}", f"{name[14:]} {amounts}")
            else:
                self.emit(f"{r['func']} {name} {amounts}")
        basic = sum((r["basic"] for r in rows), ZERO)
        project = sum((r["project"] for r in rows), ZERO)
        self.emit(f"合 计 {self.total_amounts(basic, project)}")

    def general_budget_basic(self) -> None:
        d, y = self.d, self.d.year
        self.head(7, "{year} 年一般公共预算基本支出表")
        self.header("政府支出经济分类科目 部门支出经济分类科目", "本年预算数", "合计 人员经费 公用经费")
        rows = d.basic_table_rows()
        for n, b in enumerate(rows):
            if n == len(rows) // 2:
                self.page_break()
            if d.econ_subtotals and (n == 0 or rows[n - 1].dept[:3] != b.dept[:3]):
                group = [x for x in rows if x.dept[:3] == b.dept[:3]]
                personnel = sum((x.fiscal_amount for x in group if x.is_personnel), ZERO)
                public = sum((x.fiscal_amount for x in group if not x.is_personnel), ZERO)
                parts = " ".join(self.m(v) for v in (personnel, public) if v)
                self.emit(f"{b.dept[:3]}-{dname(b.dept[:3], y)} {self.m(personnel + public)} {parts}")
            gov = gov_econ_for_dept(b.dept)
            lead = "" if d.econ_subtotals else f"{gov}-{gname(gov, y)} "
            if d.narrow_cells:
                self.emit(*([] if d.econ_subtotals else chunks(f"{gov}-{gname(gov, y)}", 8)),
                          *chunks(f"{b.dept}-{dname(b.dept, y)}", 8),
                          f"{self.m(b.fiscal_amount)} {self.m(b.fiscal_amount)}")
                continue
            self.emit(f"{lead}{b.dept}-{dname(b.dept, y)} "
                      f"{self.m(b.fiscal_amount)} {self.m(b.fiscal_amount)}")
        if d.print_basic_split_totals:
            self.emit(f"合 计 {self.m(d.fiscal_basic)} {self.m(d.personnel)} {self.m(d.public)}")
        else:
            self.emit(f"合 计 {self.m(d.fiscal_basic)}")

    def empty_tables(self) -> None:
        self.head(8, "{year} 年政府性基金预算财政拨款支出表")
        self.emit("科目编码 科目名称（项级） 总计 基本支出 项目支出")
        for r in self.d.function_rows(fund=True):
            self.emit(f"{r['func']} {fname(r['func'], self.d.year)} {self.amounts(r['basic'], r['project'])}")
        fund = self.d.fund_total
        self.emit(f"合 计 {self.total_amounts(ZERO, fund)}" if fund else "0.00 0.00 0.00")
        self.head(9, "{year} 年国有资本经营预算财政拨款支出表")
        self.emit("支出功能分类", "科目", "政府支出经济分类", "科目", "部门支出经济", "分类科目",
                  "本年国有资本经营预算支出", "合计 基本支出 项目支出", "0.00")

    def three_public(self) -> None:
        d, y = self.d, self.d.year
        self.head(10, "{year} 年一般公共预算“三公”经费支出情况表")
        self.emit(f"项目 {y} 年预算数 {y - 1} 年预算数")
        vehicles = (d.purchase[0] + d.running[0], d.purchase[1] + d.running[1])
        for label, (now, before) in (
            ("1.因公出国（境）费", d.outbound), ("2.公务接待费", d.reception),
            ("3.公务用车购置及运行维护费", vehicles), ("其中；公务用车购置费", d.purchase),
            ("公务用车运行维护费", d.running),
        ):
            self.emit(f"{label} {self.m(now)} {self.m(before)}")
        total, prior = d.three_public
        self.emit(f"总计 {self.m(total)} {self.m(prior)}")

    def services(self) -> None:
        d, y = self.d, self.d.year
        self.head(11, "政府购买服务预算财政拨款明细表")
        self.header("编码(代码) 政府购买服务目录及项目名称 支出功能分类科目 预算批复数")
        for n, s in enumerate(d.services):
            if n == 1:
                self.page_break()
            lead = f"{s.catalog} " if s.catalog else ""
            self.emit(f"{lead}{s.item}", *cell(s.func, fname(s.func, y), 9))
            self.lines[-2] += " " + (f"{s.amount / WAN:.2f}" if d.unit == "万元" else yuan_text(s.amount))
        if not d.services:
            self.emit("0.00")

    def transfers(self) -> None:
        d = self.d
        self.head(12, "{year} 年上级转移支付细化明细表")
        self.emit("预算单位", "代码", "预算单位", "名称", "功能科目", "代码", "部门经济", "分类代码",
                  "政府经济", "分类代码", "项目名称 指标金额 市指标文号")
        for n, t in enumerate(d.transfers):
            gov = gov_econ_for_dept(t.dept)
            if n % 2 == 0:
                self.emit(f"{t.unit_code} {t.unit_name} {t.func} {t.dept} {gov} {t.project} "
                          f"{self.m(t.amount)} {t.document}")
            else:
                # Wrapped cells, printed one after the other.
                self.emit(t.unit_code, *chunks(t.unit_name, 5), f"{t.func} {t.dept} {gov}",
                          *chunks(t.project, 5), self.m(t.amount), *chunks(t.document, 5))
        if d.transfers:
            self.emit(f"合计 {self.m(sum((t.amount for t in d.transfers), ZERO))}")
        else:
            self.emit("0.00")

    def overall_performance(self) -> None:
        d = self.d
        self.head(13, "{year} 年部门整体支出绩效目标申报表", unit_line=False)
        fiscal = d.fiscal_total + d.fund_total
        other = d.grand_total - fiscal
        other_basic = d.basic_total - d.fiscal_basic
        self.emit(f"总体资金情况（{d.unit}）", "预算支出", "总额", "财政拨款 其他资金",
                  "合计 基本支出 项目支出 合计 基本支出 项目支出")
        values = [d.grand_total, fiscal, d.fiscal_basic, d.project_total, other, other_basic,
                  ZERO]
        self.emit(" ".join(self.m(v, zero="0") for v in values))
        self.emit("整体绩效", "目标", "整体绩效目标", "1.保障日常行政工作；2.完成年度重点任务。", "其他说明 无",
                  "活动 绩效指标 指标性质 指标值 度量单位", "保障日常行政工作 质量指标 定性 高中低",
                  "宣传工作 活动完成质量 定性 优良中低差", "预期社会效益 定性 好坏",
                  "服务对象满意度指标 ≥ 90", "信息系统运维", "保障", "完成进度 定性 高中低",
                  "会议次数 ≥ 12 次")

    def project_performance(self) -> None:
        d = self.d
        self.head(14, "{year} 年项目支出绩效目标申报表", unit_line=False)
        self.emit("项目名称", "项目", "类别", "项目总额", "其中：", "绩效目标 一级指标 二级指标 三级指标",
                  "绩效指", "标性质", "本年绩", "效指标", "值", "绩效", "度量", "单位", "指标", "方向",
                  "性财政资金", "其他资", "金")
        for n, p in enumerate(d.projects):
            head = chunks(f"{p.code}-{p.name}", 14)
            self.emit(*head, "31-部", "门项目", f"{self.m(p.amount)} {self.m(p.amount)}")
            goal = chunks(p.goal, 9)
            rows = INDICATORS[n % len(INDICATORS)]
            if d.long_goals and len(goal) > 4:
                # A page break inside the goal: its rest follows some indicator rows, as
                # extraction prints a cell that continues on the next page.
                self.emit(*goal[:3])
                self.emit(*[line for row in rows[:2] for line in row[0]])
                self.emit(" " + goal[3], *goal[4:])
                self.emit(*[line for row in rows[2:] for line in row[0]])
            else:
                self.emit(*goal)
                self.emit(*[line for row in rows for line in row[0]])

    def build(self) -> str:
        if self.d.narrative_style == "prose":
            self.prose_narrative()
        else:
            self.narrative()
        self.emit(f" 第二部分 {self.d.year} 部门预算表")
        self.summary()
        self.income()
        self.expenditure()
        self.projects()
        self.fiscal_summary()
        self.general_budget()
        self.general_budget_basic()
        self.empty_tables()
        self.three_public()
        self.services()
        self.transfers()
        self.overall_performance()
        self.project_performance()
        return "\n".join(self.lines) + "\n"


def build(dept: Dept) -> str:
    """The disclosure text of ``dept``."""
    return Builder(dept).build()


#: Indicator rows of 项目支出绩效目标表 as printed (lines) and as read
#: (一级, 二级, 三级, 性质, 符号, 指标值, 单位).
INDICATORS = [
    [
        (["产出指标 数量指标 完成数量 ≥ 12 月"], ("产出指标", "数量指标", "完成数量", "定量", "≥", "12", "月")),
        (["产出指标 时效指标 完成进度 定性 高中低"], ("产出指标", "时效指标", "完成进度", "定性", "", "高中低", "")),
        (["满意度指标", "服务对象满意", "度指标", "服务对象满意度 ≥ 90 %"],
         ("满意度指标", "服务对象满意度指标", "服务对象满意度", "定量", "≥", "90", "%")),
    ],
    [
        (["成本指标 经济成本指标 项目预算控制数 ≤ 45 万元"],
         ("成本指标", "经济成本指标", "项目预算控制数", "定量", "≤", "45", "万元")),
        (["产出指标 质量指标 活动完成质量 定性", "优良中低", "差"],
         ("产出指标", "质量指标", "活动完成质量", "定性", "", "优良中低差", "")),
        (["效益指标 社会效益指标 群众参与人次 ≥ 3000 人次"],
         ("效益指标", "社会效益指标", "群众参与人次", "定量", "≥", "3000", "人次")),
        (["效益指标", "可持续影响指", "标", "可持续影响 定性 高中低"],
         ("效益指标", "可持续影响指标", "可持续影响", "定性", "", "高中低", "")),
    ],
]

# --------------------------------------------------------------------------- departments


def admin_dept(**changes) -> Dept:
    """A 行政单位 funded wholly by 财政拨款, budget year 2025."""
    y = D
    basics = [
        Basic("2013101", "30101", y("812345.00")),
        Basic("2013101", "30102", y("1234567.89")),
        Basic("2013101", "30103", y("150000.00")),
        Basic("2013101", "30112", y("23456.78")),
        Basic("2013101", "30201", y("45000.00")),
        Basic("2013101", "30205", y("6000.00")),
        Basic("2013101", "30206", y("38000.00")),
        Basic("2013101", "30217", y("5000.00")),
        Basic("2013101", "30228", y("51234.56")),
        Basic("2013101", "30231", y("60000.00")),
        Basic("2013101", "30239", y("120000.00"), personnel=True),
        Basic("2013101", "30299", y("98765.43")),
        Basic("2013101", "30399", y("88000.00")),
        Basic("2080501", "30302", y("54000.00")),
        Basic("2080505", "30108", y("380000.00")),
        Basic("2080506", "30109", y("190000.00")),
        Basic("2101101", "30110", y("330000.00")),
        Basic("2210201", "30113", y("360000.00")),
    ]
    projects = [
        Project("党建工作经费", "11010225T000003000001", "2013102", "30299", y("300000.00")),
        Project("宣传活动经费", "11010225T000003000002", "2013102", "30227", y("450000.00")),
        Project("信息系统运维服务费", "11010225T000003000003", "2013150", "30299", y("126000.00")),
    ]
    dept = Dept(
        name="中共北京市西城区委测试工作部",
        year=2025,
        basics=basics,
        projects=projects,
        outbound=(y("80000.00"), y("60000.00")),
        reception=(y("5000.00"), y("5000.00")),
        purchase=(ZERO, y("250000.00")),
        running=(y("60000.00"), y("58000.00")),
        services=[
            Service("A0501", "公共信息服务-宣传活动服务", "2013102", y("300000.00")),
            Service("B1001", "机关信息系统开发与维护服务-信息系统运维", "2013150", y("126000.00")),
        ],
        prior={"income": y("4800000.00"), "basic": y("4100000.00")},
    )
    return replace(dept, **changes)


def institution_dept(**changes) -> Dept:
    """A 事业单位: 事业收入 and 其他收入 besides 财政拨款, and 上年结转 for one project."""
    y = D
    basics = [
        Basic("2070109", "30101", y("1500000.00"), fiscal=y("1200000.00")),
        Basic("2070109", "30102", y("300000.00")),
        Basic("2070109", "30107", y("900000.00"), fiscal=y("700000.00")),
        Basic("2070109", "30201", y("40000.00"), fiscal=y("25000.00")),
        Basic("2070109", "30206", y("70000.00")),
        Basic("2070109", "30211", y("12000.00")),
        Basic("2070109", "30217", y("3000.00")),
        Basic("2080505", "30108", y("310000.00")),
        Basic("2101102", "30110", y("260000.00")),
        Basic("2210201", "30113", y("280000.00")),
    ]
    projects = [
        Project("群众文化活动经费", "11010225T000004000001", "2070109", "30299", y("800000.00"),
                carried=y("150000.00")),
        Project("文化设施维修改造", "11010225T000004000002", "2070109", "30213", y("420000.00")),
    ]
    dept = Dept(
        name="北京市西城区测试文化馆",
        year=2025,
        basics=basics,
        projects=projects,
        other_income={"事业收入": y("500000.00"), "其他收入": y("15000.00")},
        reception=(y("3000.00"), y("2500.00")),
        prior={"income": y("4700000.00"), "basic": y("3600000.00")},
    )
    return replace(dept, **changes)


# --------------------------------------------------------------------------- helpers


def read_text(text: str, encoding: str = "utf-8", newline: str = "\n", bom: bool = False):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return read_bytes(data, "variant.txt")


def fails(d) -> set[str]:
    frame = audit(d)
    return set(frame[frame.status == "fail"].check)


def warnings_of(d, *codes: str) -> list:
    return [w for w in d.warnings if not codes or w.code in codes]


def spurious(d) -> list[str]:
    """Warnings a consistent disclosure should not produce."""
    return [str(w) for w in d.warnings]


def assert_expenditure(d, dept: Dept) -> None:
    frame = d.tables["expenditure"]
    rows = dept.expenditure_rows()
    assert len(frame) == len(rows)
    for (_, got), want in zip(frame.iterrows(), rows, strict=True):
        assert got.function_code == want["func"]
        assert got.function_name == fname(want["func"], dept.year)
        assert got.dept_econ_code == want["dept"]
        assert got.dept_econ_name == dname(want["dept"], dept.year)
        assert got.gov_econ_code == want["gov"]
        assert got.total_yuan == want["basic"] + want["project"]
        assert got.basic_yuan == want["basic"], (want, got.basic_yuan)
        assert got.project_yuan == want["project"], (want, got.project_yuan)


def assert_general_budget(d, dept: Dept) -> None:
    frame = d.tables["general_budget"]
    rows = dept.function_rows()
    assert list(frame.function_code) == [r["func"] for r in rows]
    assert list(frame.function_name) == [fname(r["func"], dept.year) for r in rows]
    assert list(frame.basic_yuan) == [r["basic"] for r in rows]
    assert list(frame.project_yuan) == [r["project"] for r in rows]


def assert_gov_fund(d, dept: Dept) -> None:
    frame = d.tables["gov_fund"]
    rows = dept.function_rows(fund=True)
    assert list(frame.function_code) == [r["func"] for r in rows]
    assert list(frame.total_yuan) == [r["basic"] + r["project"] for r in rows]
    assert list(frame.project_yuan) == [r["project"] for r in rows]


def assert_basic(d, dept: Dept) -> None:
    frame = d.tables["general_budget_basic"]
    basics = dept.basic_table_rows()
    assert list(frame.dept_econ_code) == [b.dept for b in basics]
    assert list(frame.total_yuan) == [b.fiscal_amount for b in basics]
    assert list(frame.personnel_yuan) == [b.fiscal_amount if b.is_personnel else ZERO for b in basics]
    assert list(frame.public_yuan) == [ZERO if b.is_personnel else b.fiscal_amount for b in basics]


def assert_projects(d, dept: Dept) -> None:
    frame = d.tables["projects"]
    assert list(frame.project_name) == [p.name for p in dept.projects]
    assert list(frame.function_code) == [p.func for p in dept.projects]
    assert list(frame.dept_econ_code) == [p.dept for p in dept.projects]
    assert list(frame.total_yuan) == [p.amount for p in dept.projects]


def assert_all_tables(d, dept: Dept) -> None:
    assert_expenditure(d, dept)
    assert_general_budget(d, dept)
    assert_gov_fund(d, dept)
    assert_basic(d, dept)
    assert_projects(d, dept)
    income = d.tables["income"]
    income = income[income.unit_name.isna()].set_index("source").amount_yuan
    assert income["事业收入"] == dept.other_income.get("事业收入", ZERO)
    assert income["其他收入"] == dept.other_income.get("其他收入", ZERO)
    assert income["一般公共预算拨款收入"] == (
        dept.current_income - sum(dept.other_income.values(), ZERO) - dept.fund_total)
    assert income["政府性基金预算拨款收入"] == dept.fund_total
    tp = d.tables["three_public"].set_index("item_key")
    assert tp.loc["outbound", "budget_yuan"] == dept.outbound[0]
    assert tp.loc["outbound", "prior_year_yuan"] == dept.outbound[1]
    assert tp.loc["vehicle_purchase", "prior_year_yuan"] == dept.purchase[1]
    assert tp.loc["vehicle_running", "budget_yuan"] == dept.running[0]
    services = d.tables["purchased_services"]
    assert list(services.item) == [s.item for s in dept.services]
    assert list(services.function_code) == [s.func for s in dept.services]
    assert list(services.amount_yuan) == [s.amount for s in dept.services]
    assert_performance(d, dept)


OVERALL_ROWS = [
    ("保障日常行政工作", "质量指标", "定性", "", "高中低", ""),
    ("宣传工作", "活动完成质量", "定性", "", "优良中低差", ""),
    ("宣传工作", "预期社会效益", "定性", "", "好坏", ""),
    ("宣传工作", "服务对象满意度指标", "定量", "≥", "90", ""),
    ("信息系统运维保障", "完成进度", "定性", "", "高中低", ""),
    ("信息系统运维保障", "会议次数", "定量", "≥", "12", "次"),
]


def assert_performance(d, dept: Dept) -> None:
    overall = d.tables["overall_performance"]
    columns = ["activity", "indicator", "nature", "operator", "target", "unit"]
    assert [tuple(v if isinstance(v, str) else "" for v in r)
            for r in overall[columns].itertuples(index=False)] == OVERALL_ROWS
    assert d.table_info["overall_performance"].extra["goal"] == "1.保障日常行政工作；2.完成年度重点任务。"
    perf = d.tables["project_performance"]
    names = list(dict.fromkeys(perf.project_name))
    assert names == [p.name for p in dept.projects]
    columns = ["level1", "level2", "indicator", "nature", "operator", "target", "unit"]
    for n, p in enumerate(dept.projects):
        rows = perf[perf.project_name == p.name]
        assert set(rows.amount_yuan) == {p.amount}
        assert set(rows.project_code) == {p.code}
        assert set(rows.goal) == {p.goal}
        got = [tuple(v if isinstance(v, str) else "" for v in r) for r in rows[columns].itertuples(index=False)]
        assert got == [want for _, want in INDICATORS[n % len(INDICATORS)]]


# --------------------------------------------------------------------------- tests

#: Checks the audit fails on a consistent 事业单位 disclosure: none. (It used to compare
#: 本年收入 with 本年支出 despite 上年结转, and 财政拨款-only tables with all-source ones.)
INSTITUTION_AUDIT_GAPS: set[str] = set()


def test_admin_department_reads_exactly():
    dept = admin_dept()
    d = read_text(build(dept))
    assert d.department == dept.name
    assert d.year == 2025
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_institution_with_own_income_and_carry_over():
    dept = institution_dept()
    d = read_text(build(dept))
    assert d.department == "北京市西城区测试文化馆"
    assert spurious(d) == []
    assert_all_tables(d, dept)
    summary = d.tables["summary"]
    income = summary[summary.side == "income"].set_index("item").amount_yuan
    assert income["五、事业收入"] == D("500000.00")
    assert income["九、其他收入"] == D("15000.00")
    assert income["上年结转结余"] == D("150000.00")
    totals = d.table_info["summary"].printed_totals
    assert totals["income_current_total_yuan"] == dept.current_income
    assert totals["income_grand_total_yuan"] == dept.grand_total
    fiscal = d.tables["fiscal_summary"]
    carried = fiscal[(fiscal.side == "income") & (fiscal.item == "二、上年结转")]
    assert carried.amount_yuan.tolist() == [D("150000.00")]
    # 财政拨款收支总表 and 一般公共预算支出表 hold only the fiscal part.
    assert d.table_info["general_budget"].printed_totals["total_yuan"] == dept.fiscal_total
    assert d.table_info["expenditure"].printed_totals["total_yuan"] == dept.grand_total
    projects = d.table_info["projects"]
    assert projects.printed_totals["total_yuan"] == dept.project_total
    assert fails(d) == INSTITUTION_AUDIT_GAPS


def test_institution_audit_has_no_false_failures():
    assert fails(read_text(build(institution_dept()))) == set()


def _with_mixed_row(dept: Dept) -> Dept:
    """Add a project under a code pair that also has basic money (a 3-amount row)."""
    extra = Project("机关运行保障经费", "11010225T000003000009", "2013101", "30299", D("66000.00"))
    return replace(dept, projects=[*dept.projects, extra])


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"zeros_printed": True},
        {"subtotal_rows": True},
        {"subtotal_rows": True, "zeros_printed": True, "name_wrap": "before"},
    ],
    ids=["plain", "zeros-and-其中-columns", "subtotal-rows", "subtotals-zeros-wrap-before"],
)
def test_rows_with_basic_and_project_and_subtotals(changes):
    dept = replace(_with_mixed_row(admin_dept()), **changes)
    text = build(dept)
    if changes.get("subtotal_rows"):
        assert "201-一般公共服务支出" in text and "20131 党委办公厅（室）及相关机构事务" in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    mixed = d.tables["expenditure"]
    mixed = mixed[(mixed.function_code == "2013101") & (mixed.dept_econ_code == "30299")].iloc[0]
    assert (mixed.total_yuan, mixed.basic_yuan, mixed.project_yuan) == (
        D("164765.43"), D("98765.43"), D("66000.00"))
    subtotals = d.table_info["expenditure"].subtotals
    if changes.get("subtotal_rows"):
        assert [s["function_code"] for s in subtotals] == ["201", "20131", "208", "20805", "210",
                                                           "21011", "221", "22102"]
        assert subtotals[0]["total_yuan"] == sum(
            (r["basic"] + r["project"] for r in dept.expenditure_rows() if r["func"][:3] == "201"),
            ZERO)
        gb = d.table_info["general_budget"].subtotals
        assert [s["function_code"] for s in gb] == [s["function_code"] for s in subtotals]
    else:
        assert subtotals == []
    assert fails(d) == set()


def test_wrapped_function_name_in_general_budget_table():
    for wrap in ("after", "before"):
        dept = admin_dept(name_wrap=wrap)
        text = build(dept)
        assert "机关事业单位基本养老保险缴费\n" in text or "机关事业单位基本养老保险缴费 " in text
        d = read_text(text)
        names = dict(zip(d.tables["general_budget"].function_code,
                         d.tables["general_budget"].function_name, strict=True))
        assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
        assert names["2080506"] == "机关事业单位职业年金缴费支出"
        assert spurious(d) == []


def _flip(dept: Dept, code: str) -> Dept:
    return replace(dept, basics=[replace(b, personnel=True) if b.dept == code else b
                                 for b in dept.basics])


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
@pytest.mark.parametrize("flipped", [(), ("30228",)], ids=["one-flip", "two-flips"])
def test_personnel_or_public_decided_by_totals(split_totals, flipped):
    dept = admin_dept(print_basic_split_totals=split_totals)
    for code in flipped:
        dept = _flip(dept, code)
    d = read_text(build(dept))
    assert_basic(d, dept)
    evidence = {i.amount_yuan: i.evidence for i in d.inferences if i.table == "general_budget_basic"}
    # 30239 其他交通费用 is 公用经费 by classification; only the totals say otherwise.
    assert "只有将此行改列人员经费" in evidence[D("120000.00")]
    assert ("说明" in evidence[D("120000.00")]) is (not split_totals)
    assert spurious(d) == []
    assert fails(d) == set()


def _projects(names: list[str]) -> list[Project]:
    codes = [("2013102", "30299"), ("2013150", "30227"), ("2013102", "30226")]
    return [
        Project(name, f"11010225T0000030001{i:02d}", *codes[i % 3], D(10_000 * (i + 1)) + D("0.37"))
        for i, name in enumerate(names)
    ]


@pytest.mark.parametrize(
    "names",
    [
        ["项目评审经费"],
        ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费", "合计分析服务费",
         "12345热线运维费", "第三方评估（二期）", "300户老旧小区改造", "宣传活动经费", "信息系统运维服务费"],
    ],
    ids=["one-project", "ten-projects"],
)
@pytest.mark.parametrize("wide", [False, True], ids=["vertical-names", "one-line-rows"])
def test_project_names(names, wide):
    dept = admin_dept(projects=_projects(names), services=[], wide_projects=wide)
    text = build(dept)
    if len(names) > 1 and not wide:
        assert "\n12345\n" in text  # a name's digits alone on a line
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    # Read from 项目支出表 itself, not corrected from the performance table.
    assert not [i for i in d.inferences if i.column == "project_name"]
    assert fails(d) == set()


def test_three_public_with_vehicles_and_prior_year():
    dept = admin_dept(purchase=(D("250000.00"), ZERO), running=(D("61234.56"), D("58000.00")))
    d = read_text(build(dept))
    frame = d.tables["three_public"]
    assert list(frame.item_key) == ["outbound", "reception", "vehicles", "vehicle_purchase",
                                    "vehicle_running"]
    assert list(frame.level) == [1, 1, 1, 2, 2]
    assert list(frame.budget_yuan) == [D("80000.00"), D("5000.00"), D("311234.56"), D("250000.00"),
                                       D("61234.56")]
    assert list(frame.prior_year_yuan) == [D("60000.00"), D("5000.00"), D("58000.00"), ZERO,
                                           D("58000.00")]
    assert d.table_info["three_public"].extra["years"] == [2025, 2024]
    assert d.fact("three_public_total", 2024).amount_yuan == D("123000.00")
    assert spurious(d) == []
    assert fails(d) == set()


def test_three_public_total_wrong_is_the_only_failure():
    dept = admin_dept()
    text = build(dept).replace("总计 14.500000 37.300000", "总计 14.600000 37.300000")
    d = read_text(text)
    assert [w.code for w in d.warnings] == ["total_mismatch"]
    # The narrative's own arithmetic still holds; it now disagrees with the table.
    assert fails(d) == {"total.three_public.budget_yuan", "narrative.three_public_total.2025"}


@pytest.mark.parametrize("catalogs", [(None, None), ("A0501", None), (None, "B1001")],
                         ids=["no-codes", "second-without", "first-without"])
def test_purchased_services_without_catalog_codes(catalogs):
    base = admin_dept()
    services = [replace(s, catalog=c) for s, c in zip(base.services, catalogs, strict=True)]
    dept = replace(base, services=services)
    d = read_text(build(dept))
    frame = d.tables["purchased_services"]
    assert [c if isinstance(c, str) else None for c in frame.catalog_code] == list(catalogs)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_purchased_services_empty():
    d = read_text(build(admin_dept(services=[])))
    assert d.tables["purchased_services"].empty
    assert spurious(d) == []
    assert fails(d) == set()


TRANSFERS = [
    Transfer("164001", "北京市西城区测试工作部", "2013102", "30299", "市级宣传专项补助资金",
             D("123456.78"), "京财行〔2024〕345号"),
    Transfer("164001", "北京市西城区测试工作部", "2013150", "30227", "2025年社区（一期）补助",
             D("50000.00"), "京财预〔2025〕12号"),
]


def test_transfer_payments_rows():
    d = read_text(build(admin_dept(transfers=TRANSFERS)))
    frame = d.tables["transfer_payments"]
    for column, values in {
        "unit_code": ["164001", "164001"],
        "unit_name": ["北京市西城区测试工作部"] * 2,
        "function_code": ["2013102", "2013150"],
        "dept_econ_code": ["30299", "30227"],
        "gov_econ_code": ["50299", "50205"],
        "project_name": ["市级宣传专项补助资金", "2025年社区（一期）补助"],
        "amount_yuan": [D("123456.78"), D("50000.00")],
        "document_no": ["京财行〔2024〕345号", "京财预〔2025〕12号"],
    }.items():
        assert list(frame[column]) == values, column
    assert d.table_info["transfer_payments"].printed_totals == {"amount_yuan": D("173456.78")}
    assert spurious(d) == []
    assert "total.transfer_payments.amount_yuan" not in fails(d)
    assert fails(d) == set()


OTHER_TITLES = {
    1: "{year}年部门收支总体情况表", 2: "{year}年部门收入预算表", 3: "{year}年部门支出预算表",
    4: "{year}年部门项目支出预算表", 5: "{year}年财政拨款收支预算总表",
    6: "{year}年一般公共预算财政拨款支出预算表", 7: "{year}年一般公共预算财政拨款基本支出预算表",
    8: "{year}年政府性基金预算支出情况表", 9: "{year}年国有资本经营预算财政拨款支出预算表",
    10: "{year}年一般公共预算“三公”经费支出预算表", 11: "{year}年政府购买服务预算表",
    12: "{year}年上级转移支付细化明细表", 14: "{year}年项目支出绩效目标申报表",
}


@pytest.mark.parametrize(
    "changes",
    [
        {"titles": OTHER_TITLES},
        {"titles": OTHER_TITLES, "mark_on_title_line": True, "unit_line": "金额单位：{unit}"},
        {"titles": OTHER_TITLES, "no_marks": True},
        {"unit": "元"},
        {"unit": "元", "mark_on_title_line": True, "unit_line": "金额单位:元"},
        {"unit": "元", "mark_on_title_line": True, "unit_on_title_line": True},
        {"unit": "元", "unit_on_title_line": True, "unit_line": "金额单位：{unit}"},
        {"mark": "附表{n}"},
        {"mark": "表{cn}", "mark_on_title_line": True},
    ],
    ids=["titles", "mark-on-title-line", "no-marks", "yuan", "yuan-mark-on-title-line",
         "mark-title-unit-one-line", "title-and-unit-one-line", "附表N", "表十四"],
)
def test_titles_marks_and_units(changes):
    dept = admin_dept(transfers=TRANSFERS, **changes)
    text = build(dept)
    d = read_text(text)
    assert set(d.table_info) == set(TABLE_KEYS)
    numbers = [info.number for info in d.table_info.values()]
    assert numbers == ([None] * 14 if changes.get("no_marks") else list(range(1, 15)))
    assert d.unit == dept.unit
    assert {info.unit for info in d.table_info.values()} == {dept.unit}
    if "titles" in changes:
        assert d.table_info["summary"].title == "2025年部门收支总体情况表"
    else:
        assert d.table_info["summary"].title == "2025 部门预算收支总表"
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert list(d.tables["transfer_payments"].amount_yuan) == [D("123456.78"), D("50000.00")]
    assert fails(d) == set()


def _prose_dept(**changes) -> Dept:
    return admin_dept(narrative_style="prose", name="北京市西城区测试局", purchase=(ZERO, ZERO),
                      outbound=(D("80000.00"), D("82000.00")), **changes)


def test_narrative_in_wan_with_other_wording():
    dept = _prose_dept()
    text = build(dept)
    assert "与上年持平" in text and "较上年增加" in text and "下降1.31%" in text
    d = read_text(text)
    assert d.department == "北京市西城区测试局"
    assert d.year == 2025
    assert d.staff == {"authorized": 20, "actual": 18, "retired": 6}
    facts = {(f.key, f.year): f for f in d.facts}
    assert facts["income_total", 2025].amount_yuan == dept.current_income
    assert facts["income_total_change", 2025].amount_yuan == D("122369.66")
    assert facts["income_total_change", 2025].percent == D("2.55")
    assert facts["expenditure_total", 2025].amount_yuan == dept.grand_total
    assert facts["basic_total", 2025].amount_yuan == dept.basic_total
    assert facts["basic_total", 2024].amount_yuan == D("4100000.00")
    assert facts["basic_total_change", 2025].amount_yuan == D("-53630.34")
    assert facts["basic_total_change", 2025].percent == D("-1.31")
    assert facts["project_total", 2025].amount_yuan == dept.project_total
    assert facts["three_public_total", 2024].amount_yuan == D("145000.00")  # 与上年持平
    assert facts["three_public_total_change", 2025].amount_yuan == 0
    assert facts["three_public_vehicle_running", 2025].amount_yuan == D("60000.00")
    assert facts["admin_operating_change", 2025].amount_yuan == D("-1000.00")
    assert facts["purchased_services_total", 2025].count == 2
    assert facts["fixed_assets_total", 2024].amount_yuan == D("2345600.00")
    assert spurious(d) == []
    assert fails(d) == set()


@pytest.mark.parametrize("name", ["中共北京市西城区委测试工作部", "北京市西城区测试局",
                                  "北京市西城区人民政府测试办公室", "北京市西城区测试管理中心"])
@pytest.mark.parametrize("style", ["yuan", "wan", "prose"])
def test_department_names_and_year(name, style):
    dept = admin_dept(name=name, narrative_style=style, year=2026,
                      prior={"income": D("5100000.00"), "basic": D("3900000.00")})
    d = read_text(build(dept))
    assert d.department == name
    assert d.year == 2026
    assert d.table_info["three_public"].extra["years"] == [2026, 2025]
    assert d.fact("income_total", 2026).amount_yuan == dept.current_income
    assert d.fact("income_total_change", 2026).amount_yuan == D("-177630.34")
    assert spurious(d) == []
    assert fails(d) == set()


def test_narrative_rounded_to_hundreds_of_yuan_is_not_a_failure():
    d = read_text(build(_prose_dept(prose_places=2)))
    assert d.fact("income_total", 2025).amount_yuan == D("4922400.00")  # as printed
    assert fails(d) == set()


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("gb18030", "\r\n", False), ("utf-8", "\n", True), ("utf-8", "\r\n", True), ("gb18030", "\n", False)],
    ids=["gb18030-crlf", "utf8-bom", "utf8-bom-crlf", "gb18030-lf"],
)
def test_encodings_read_the_same(encoding, newline, bom):
    dept = institution_dept()
    text = build(dept)
    plain = read_text(text)
    d = read_text(text, encoding=encoding, newline=newline, bom=bom)
    assert d.encoding == ("utf-8-sig" if bom else encoding)
    assert d.department == plain.department
    for key in TABLE_KEYS:
        assert d.tables[key].equals(plain.tables[key]), key
    assert [f.to_json() for f in d.facts] == [f.to_json() for f in plain.facts]
    assert spurious(d) == []
    assert fails(d) == INSTITUTION_AUDIT_GAPS


@pytest.mark.parametrize(
    "changes",
    [{"repeat_headers": True}, {"page_numbers": True}, {"repeat_headers": True, "page_numbers": True}],
    ids=["repeated-headers", "page-numbers", "both"],
)
@pytest.mark.parametrize("make", [admin_dept, institution_dept], ids=["admin", "institution"])
def test_tables_continued_on_new_pages(make, changes):
    names = ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费"]
    dept = make(subtotal_rows=True, **changes)
    if make is admin_dept:
        dept = replace(dept, projects=_projects(names))
    text = build(dept)
    if changes.get("page_numbers"):
        assert re.search(r"\n- \d+ -\n", text)
    if changes.get("repeat_headers"):
        assert text.count("科目编码 科目名称（项级） 总计 基本支出 项目支出") == 3  # 表6 twice, 表8 once
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == (set() if make is admin_dept else INSTITUTION_AUDIT_GAPS)


FUND_PROJECT = Project("城市建设专项", "11010225T000003000021", "2120803", "30227", D("350000.00"),
                       fund=True)


def test_government_fund_money():
    dept = admin_dept()
    dept = replace(dept, projects=[*dept.projects, FUND_PROJECT])
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert d.table_info["gov_fund"].printed_totals == {
        "total_yuan": D("350000.00"), "basic_yuan": ZERO, "project_yuan": D("350000.00")}
    fiscal = d.tables["fiscal_summary"]
    spend = fiscal[fiscal.side == "expenditure"].set_index("item").amount_yuan
    assert spend["二、政府性基金预算财政拨款本年支出"] == D("350000.00")
    # 财政拨款收支总表 lists the fund's spending by 类 under its own heading: the audit
    # checks it against 政府性基金预算支出表.
    assert fails(d) == set()
    checks = audit(d).set_index("check")
    assert checks.loc["across.fiscal_summary_gov_fund.212", "status"] == "pass"


@pytest.mark.parametrize("vanish", [False, True], ids=["totals-printed", "totals-vanish"])
def test_department_without_projects(vanish):
    dept = admin_dept(projects=[], services=[], totals_vanish=vanish)
    d = read_text(build(dept))
    assert d.tables["projects"].empty and d.tables["project_performance"].empty
    assert d.table_info["projects"].printed_totals == {"total_yuan": ZERO}
    totals = d.table_info["expenditure"].printed_totals
    assert totals["basic_yuan"] == dept.basic_total
    assert totals.get("project_yuan", ZERO) == ZERO
    if vanish:  # "合计 X X": the part's column is inferred, with its evidence
        assert [i.table for i in d.inferences if "合计行只印出" in i.evidence] == [
            "expenditure", "general_budget"]
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_totals_row_with_one_part_in_the_fund_table():
    dept = admin_dept(totals_vanish=True)
    dept = replace(dept, projects=[*dept.projects, FUND_PROJECT])
    text = build(dept)
    assert "合 计 35.000000 35.000000\n" in text
    d = read_text(text)
    assert d.table_info["gov_fund"].printed_totals == {"total_yuan": D("350000.00"),
                                                       "project_yuan": D("350000.00")}
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


@pytest.mark.parametrize("first_label", ["", "合计 ", "北京市西城区测试文化馆 "],
                         ids=["unlabelled", "合计", "department-name"])
def test_income_table_with_a_row_per_unit(first_label):
    units = [("北京市西城区测试文化馆本级", D("1000000.00")), ("北京市西城区测试文化馆第二分馆", ZERO)]
    dept = institution_dept(units=units)
    text = build(dept).replace("支差额\n\n474.500000", f"支差额\n\n{first_label}474.500000")
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    income = d.tables["income"]
    per_unit = income[income.unit_name.notna()]
    assert list(dict.fromkeys(per_unit.unit_name)) == [name for name, _ in units]
    first = per_unit[per_unit.source == "一般公共预算拨款收入"].amount_yuan.tolist()
    assert first == [D("1000000.00"), D("3230000.00")]
    assert d.table_info["income"].printed_totals == {"total_yuan": dept.current_income,
                                                     "subtotal_yuan": D("4230000.00")}
    assert fails(d) == INSTITUTION_AUDIT_GAPS


@pytest.mark.parametrize("prior_first", [False, True], ids=["budget-first", "prior-year-first"])
def test_three_public_column_order_from_the_header(prior_first):
    dept = admin_dept()
    text = build(dept)
    if prior_first:
        block = text[text.index(" 表 10"):text.index(" 表 11")]
        swapped = re.sub(r"^(\S+) (\S+) (\S+)$", r"\1 \3 \2", block, flags=re.M)
        swapped = swapped.replace("项目 2025 年预算数 2024 年预算数", "项目 2024 年预算数 2025 年预算数")
        text = text.replace(block, swapped)
    d = read_text(text)
    frame = d.tables["three_public"].set_index("item_key")
    assert frame.loc["vehicles", "budget_yuan"] == D("60000.00")
    assert frame.loc["vehicles", "prior_year_yuan"] == D("308000.00")
    assert d.table_info["three_public"].extra["years"] == [2025, 2024]
    assert spurious(d) == []
    assert fails(d) == set()


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
def test_basic_table_by_economic_code_with_class_rows(split_totals):
    dept = admin_dept(econ_subtotals=True, print_basic_split_totals=split_totals)
    text = build(dept)
    assert "\n301-工资福利支出 " in text and "\n302-商品和服务支出 " in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    subtotals = d.table_info["general_budget_basic"].subtotals
    assert [(s["dept_econ_code"], s["total_yuan"]) for s in subtotals] == [
        ("301", D("3480369.67")), ("302", D("423999.99")), ("303", D("142000.00"))]
    assert fails(d) == set()


LONG_GOAL = ("通过组织开展群众文化活动，丰富辖区居民精神文化生活，提升公共文化服务水平，促进文化事业发展，"
             "满足群众多样化文化需求。")


@pytest.mark.parametrize("count", [3, 10])
def test_performance_goals_cut_by_page_breaks(count):
    names = ["政府采购代理服务费", "2025年社区治理（一期）项目", "项目管理费", "预算评审费", "合计分析服务费",
             "12345热线运维费", "第三方评估（二期）", "300户老旧小区改造", "宣传活动经费", "信息系统运维服务费"]
    projects = [replace(p, goal=LONG_GOAL) for p in _projects(names[:count])]
    dept = admin_dept(long_goals=True, projects=projects, services=[])
    text = build(dept)
    assert text.count("\n 升公共文化服务水平") == count  # the goal's rest opens a page
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_whole_yuan_amounts_printed_as_integers():
    dept = admin_dept(unit="元", whole_integers=True)
    text = build(dept)
    assert "30302-退休费 54000 54000\n" in text  # looks like a 政府经济分类 code
    assert "1.因公出国（境）费 80000 60000\n" in text
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


def test_three_public_table_without_rows_keeps_its_columns():
    text = build(admin_dept())
    block = text[text.index(" 表 10"):text.index(" 表 11")]
    d = read_text(text.replace(block, block.split("项目 2025")[0]))
    frame = d.tables["three_public"]
    assert frame.empty and {"item_key", "level"} <= set(frame.columns)
    assert "three_public" in d.table_info
    audit(d)  # the audit can run on it


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("30201-办公费 4.500000 4.500000", "30201-办公费 4.600000 4.600000",
         {"total.expenditure.total_yuan", "total.expenditure.basic_yuan", "across.summary_expenditure.201",
          "across.expenditure_budget.total_yuan", "across.expenditure_budget.basic_yuan",
          "across.expenditure_budget.2013101", "across.basic_econ.30201"}),
        ("务支出\n\n30.000000 30.000000", "务支出\n\n31.000000 31.000000",
         {"total.projects.total_yuan", "across.projects_expenditure.total",
          "across.projects_expenditure.2013102.30299", "across.projects_performance.党建工作经费",
          "narrative.project_amount.党建工作经费"}),
        ("2025 年收入预算4,922,369.66元", "2025 年收入预算4,922,369.67元",
         {"narrative.income_total.2025", "arith.income_total"}),
    ],
    ids=["expenditure-row", "project-amount", "narrative-income"],
)
def test_one_deliberate_inconsistency_fails_only_its_checks(old, new, expected):
    text = build(admin_dept())
    assert old in text
    d = read_text(text.replace(old, new, 1))  # the first printing (支出总表) only
    assert {w.code for w in d.warnings} <= {"total_mismatch"}
    assert fails(d) == expected


def school_dept(**changes) -> Dept:
    """A school: basic spending under its teaching function (not 行政运行), partly from
    事业收入, and a capital item (31002) in basic expenditure."""
    y = D
    basics = [
        Basic("2050202", "30101", y("2500000.00"), fiscal=y("2300000.00")),
        Basic("2050202", "30107", y("1200000.00")),
        Basic("2050202", "30201", y("80000.00"), fiscal=y("60000.00")),
        Basic("2050202", "30205", y("30000.00"), fiscal=y("20000.00")),
        Basic("2050202", "30206", y("90000.00"), fiscal=y("70000.00")),
        Basic("2050202", "30207", y("12000.00"), fiscal=y("10000.00")),
        Basic("2050202", "30211", y("15000.00"), fiscal=y("5000.00")),
        Basic("2050202", "30213", y("40000.00"), fiscal=y("30000.00")),
        Basic("2050202", "31002", y("25000.00")),
        Basic("2080505", "30108", y("400000.00")),
        Basic("2210201", "30113", y("300000.00")),
    ]
    projects = [
        Project("校园维修改造", "11010225T000005000001", "2050202", "30213", y("600000.00")),
        Project("教学设备购置", "11010225T000005000002", "2050202", "31002", y("250000.00")),
    ]
    other = sum((b.amount - b.fiscal_amount for b in basics), ZERO)
    return institution_dept(name="北京市西城区测试小学", basics=basics, projects=projects,
                            other_income={"事业收入": other}, reception=(ZERO, ZERO), **changes)


SCHOOL_AUDIT_GAPS: set[str] = set()


@pytest.mark.parametrize("split_totals", [True, False], ids=["printed-totals", "narrative-公用经费"])
def test_school_basic_spending_outside_running_codes(split_totals):
    dept = school_dept(print_basic_split_totals=split_totals)
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    evidence = [i.evidence for i in d.inferences
                if i.table == "expenditure" and i.amount_yuan == D("80000.00")]
    assert evidence == ["项目支出表（各项目之和等于本表项目支出合计）在功能科目2050202、经济科目30201下没有项目"]
    basic = d.tables["general_budget_basic"].set_index("dept_econ_code")
    assert basic.loc["31002", "public_yuan"] == D("25000.00")  # capital: 公用经费
    assert fails(d) == SCHOOL_AUDIT_GAPS


def test_fiscal_part_of_a_basic_only_function_code():
    """一般公共预算支出表 shows 2070109 with less than 支出总表 (事业收入 pays the rest);
    支出总表 having no project money under the code still makes it basic."""
    inst = institution_dept()
    dept = replace(inst, projects=[replace(p, func="2070199") for p in inst.projects])
    d = read_text(build(dept))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    evidence = [i.evidence for i in d.inferences if i.table == "general_budget" and i.line and
                i.amount_yuan == D("2310000.00")]
    assert evidence == ["支出总表中功能科目2070109只有基本支出，没有项目支出"]
    assert fails(d) == INSTITUTION_AUDIT_GAPS


def test_summary_with_more_expenditure_items_than_income_items():
    classes = ["201", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
               "221", "229"]
    extra = Project("城市管理专项", "11010225T000003000031", "2120104", "30227", D("150000.00"))
    dept = admin_dept(classes=classes)
    dept = replace(dept, projects=[*dept.projects, extra])
    d = read_text(build(dept))
    summary = d.tables["summary"]
    spend = summary[summary.side == "expenditure"]
    assert list(spend.item)[9:14] == ["十、城乡社区支出", "十一、农林水支出", "十二、交通运输支出",
                                      "十三、住房保障支出", "十四、其他支出"]
    assert spend.set_index("item").amount_yuan["十、城乡社区支出"] == D("150000.00")
    assert spurious(d) == []
    assert_all_tables(d, dept)
    assert fails(d) == set()


@pytest.mark.parametrize(
    ("old", "new", "table"),
    [
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n", "总计 基本支出 项目支出\n", None),
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n", "总计 基本支出 项目支出\n\n无\n", None),
        ("总计 基本支出 项目支出\n\n0.00 0.00 0.00\n",
         "总计 基本支出 项目支出\n\n0.00 0.00 0.00\n\n注：本单位2025年无政府性基金预算财政拨款\n\n支出。\n",
         "gov_fund"),
        ("项目名称 指标金额 市指标文号\n\n0.00\n",
         "项目名称 指标金额 市指标文号\n\n注：本单位无上级转移支付。\n", "transfer_payments"),
        (" 表 11", "注：本单位无公务用车购置。\n\n 表 11", "three_public"),
        (" 表 4", "注：本表按部门预算口径编制。\n\n 表 4", "expenditure"),
        (" 表 7", "备注：一般公共预算支出按项级科目列示。\n\n 表 7", "general_budget"),
    ],
    ids=["fund-header-only", "fund-无", "fund-note", "transfers-note", "三公-note", "支出总表-note",
         "一般公共预算-note"],
)
def test_empty_tables_and_notes(old, new, table):
    dept = admin_dept()
    text = build(dept)
    assert old in text
    d = read_text(text.replace(old, new, 1))
    assert spurious(d) == []
    assert_all_tables(d, dept)
    if table:
        assert d.table_info[table].extra["table_notes"].startswith(("注：", "备注："))
    assert fails(d) == set()


@pytest.mark.parametrize(
    "changes",
    [{}, {"subtotal_rows": True, "repeat_headers": True}, {"econ_subtotals": True},
     {"print_basic_split_totals": False}],
    ids=["plain", "subtotals-repeated-headers", "econ-class-rows", "narrative-公用经费"],
)
@pytest.mark.parametrize("make", [admin_dept, institution_dept, school_dept],
                         ids=["admin", "institution", "school"])
def test_cells_wrapped_in_narrow_columns(make, changes):
    dept = make(narrow_cells=True, **changes)
    text = build(dept)
    assert "\n2080505-机关事\n" in text  # a code cell wrapped as extraction prints it
    d = read_text(text)
    assert spurious(d) == []
    assert_all_tables(d, dept)
    gaps = {admin_dept: set(), institution_dept: INSTITUTION_AUDIT_GAPS, school_dept: SCHOOL_AUDIT_GAPS}
    assert fails(d) == gaps[make]
