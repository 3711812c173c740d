"""A disclosure builder for tests: a whole Beijing 14-table 部门预算 (narrative and tables)
written from a department's line items, so that every printed total is consistent by
construction. Variants change the layout (titles, units, wrapping, subtotal rows,
encodings) or the content (事业单位 income, carried-over funds, ten projects, 三公 …).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from deptbudget.core.classification import (
    classify_dept_econ,
    dept_econ_name,
    function_name,
    gov_econ_for_dept,
    gov_econ_name,
)

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


