"""How completely the disclosure publishes what must be published: a transparency score.

Points per item are fixed and documented here (and in ``docs/transparency.md``) so that
scores are comparable across departments: 100 points in all.

===============================================  ======
item                                             points
===============================================  ======
the layout's standard tables present (42 shared)  42
narrative sections (10, see ``SECTIONS``)          28
staff numbers (编制 and 实有)                        5
function classification down to 项                  5
basic expenditure by economic classification 款     5
三公 split into its 3 items                          3
公务用车 split into 购置 and 运行维护                  2
reasons given for stated changes                    5
performance targets for every project               5
===============================================  ======

Partial items earn a proportional share (Decimal, two places).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..core.labels import TABLE_LABELS
from ..core.model import Disclosure, Fact
from .findings import Finding

#: Points for publishing the layout's standard tables, shared equally among them.
TABLES_POINTS = Decimal(42)


def table_points(count: int) -> list[Decimal]:
    """Each of ``count`` tables' share of :data:`TABLES_POINTS`, to the cent, summing exactly.

    Fourteen Beijing tables get 3 points each; nine Shanghai tables 4.67 or 4.66.
    """
    cents = Decimal("0.01")
    cumulative = [(TABLES_POINTS * i / count).quantize(cents, rounding=ROUND_HALF_UP) for i in range(count + 1)]
    shares = [cumulative[i + 1] - cumulative[i] for i in range(count)]
    return [p.quantize(Decimal(1)) if p == p.to_integral_value() else p for p in shares]

#: Narrative sections: (id, label, regex over the narrative text, points).
SECTIONS: list[tuple[str, str, str, int]] = [
    ("duties", "部门职责与机构设置", r"机构设置|职责|主要职能", 3),
    ("staff", "人员构成", r"人员构成|编制", 2),
    ("income", "收入{kind}说明", r"收入(?:预算|决算)", 3),
    ("expenditure", "支出{kind}说明", r"支出(?:预算|决算)", 3),
    ("three_public", "“三公”经费说明", r"三公", 3),
    ("admin_operating", "机关运行经费说明", r"机关运行经费|行政运行经费", 3),
    ("procurement", "政府采购说明", r"政府采购", 3),
    ("assets", "国有资产占有使用情况", r"国有资产|固定资产", 3),
    ("performance", "绩效目标说明", r"绩效目标|绩效评价", 3),
    ("glossary", "专业名词解释", r"名词解释", 2),
]
#: The items besides tables and narrative sections: id → (label, points, how it is scored).
ITEMS: dict[str, tuple[str, int, str]] = {
    "staff": ("人员编制与实有人数", 5, "编制数与实有人数各占一半"),
    "function_depth": ("支出功能分类细化到项", 5, "按功能分类的支出表中列到项级（7位编码）的行所占比例"),
    "econ_depth": ("基本支出按经济分类细化到款", 5, "基本支出经济分类表中列到款级的行所占比例"),
    "three_public_items": ("“三公”经费分三项列示", 3, "因公出国（境）费、公务接待费、公务用车各占三分之一"),
    "three_public_vehicles": ("公务用车分购置与运行维护", 2, "购置费与运行维护费各占一半"),
    "reasons": ("增减变化说明原因", 5, "情况说明所述增减变化中说明了原因的比例"),
    "performance_targets": ("每个项目都有绩效目标", 5,
                            "项目支出表中的项目在绩效目标表中有目标的比例；不公开项目支出表的格式，"
                            "公开绩效目标表得满分，仅在说明中提及得一半"),
}


def points_of(item: str) -> int:
    """The points of one scored item (:data:`ITEMS`)."""
    return ITEMS[item][1]


def scoring_method(expected_tables: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The scoring method for a layout, item by item: (item, points, how), in Chinese.

    Parameters
    ----------
    expected_tables : tuple of str
        The layout's standard tables (they share :data:`TABLES_POINTS`).

    Returns
    -------
    list of (str, str, str)
        Every item of the score, its points, and how a disclosure earns them.
    """
    tables = "、".join(TABLE_LABELS[k] for k in expected_tables)
    rows = [("公开标准表格", f"{TABLES_POINTS}（{len(expected_tables)}张表平分）",
             f"本格式的标准表格：{tables}；每公开一张得其一份")]
    rows += [(label.format(kind="预算（决算）"), str(points), "情况说明的标题或正文中出现该部分")
             for _, label, _, points in SECTIONS]
    rows += [(label, str(points), how) for label, points, how in ITEMS.values()]
    return rows


_REASON = re.compile(r"原因|由于|因为|主要是|系")
_GRADE_ONLY = re.compile(r"^[高中低优良差好坏一般较]+$")


def _score(share: Decimal, points: Decimal) -> Decimal:
    return (share * points).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _item(check: str, label: str, share: Decimal, points: int | Decimal, detail: str,
          tables: list[str]) -> Finding:
    points = Decimal(points)
    got = _score(share, points)
    status = "pass" if got == points else ("fail" if got == 0 else "warn")
    return Finding(
        f"completeness.{check}", status, tables,
        f"{label}：{detail}（得分 {got}/{points}）",
        points=got, max_points=points,
    )


def completeness(d: Disclosure) -> list[Finding]:
    """Score the disclosure's completeness item by item (see the module's table)."""
    findings = []
    # A disclosure published as two files, of which only one was read, lacks the other's part:
    # that is not the department's omission, so those items are not scored.
    no_tables = not d.table_info
    no_narrative = not d.sections and not d.facts
    other_half = "所读文件不含{}（可能另册公开，请将各册一并读取）"
    for key, points in zip(d.expected_tables, table_points(len(d.expected_tables)), strict=True):
        if no_tables:
            findings.append(_unscored(f"table.{key}", f"公开{TABLE_LABELS[key]}", other_half.format("任何表格"), [key]))
            continue
        present = key in d.table_info
        findings.append(_item(
            f"table.{key}", f"公开{TABLE_LABELS[key]}", Decimal(present), points,
            "已公开" if present else "未公开", [key],
        ))
    text = re.sub(r"\s+", "", d.narrative_text)
    headings = "".join(s.heading for s in d.sections)
    for section, label, pattern, points in SECTIONS:
        label = label.format(kind=d.kind)
        if no_narrative:
            findings.append(_unscored(f"section.{section}", label, other_half.format("情况说明"), ["narrative"]))
            continue
        found = bool(re.search(pattern, headings)) or bool(re.search(pattern, text))
        findings.append(_item(f"section.{section}", label, Decimal(found), points,
                              "有" if found else "缺少", ["narrative"]))
    staff_known = sum(1 for k in ("authorized", "actual") if d.staff.get(k) is not None)
    if no_narrative:
        findings.append(_unscored("staff", "人员编制与实有人数", other_half.format("情况说明"), ["narrative"]))
    else:
        findings.append(_item("staff", "人员编制与实有人数", Decimal(staff_known) / 2, points_of("staff"),
                              f"公开了{staff_known}/2项", ["narrative"]))
    if no_tables:
        reason = other_half.format("任何表格")
        findings += [_unscored(check, label, reason, []) for check, label in (
            ("function_depth", "支出功能分类细化到项"), ("econ_depth", "基本支出按经济分类细化到款"),
            ("three_public_items", "“三公”经费分三项列示"), ("three_public_vehicles", "公务用车分购置与运行维护"),
        )]
    else:
        findings.append(_function_depth(d))
        findings.append(_econ_depth(d))
        findings += _three_public_split(d)
    findings.append(_reasons(d))
    findings.append(_unscored("performance_targets", "公开项目绩效目标", other_half.format("任何表格"), [])
                    if no_tables else _performance_targets(d))
    return findings


#: Tables by function code, most detailed first: the one the 项 depth is judged on.
FUNCTION_TABLES = ("expenditure", "expenditure_by_function", "general_budget", "fiscal_expenditure")
#: Tables of basic expenditure by economic code.
ECON_TABLES = ("general_budget_basic", "fiscal_basic")


def _unread(d: Disclosure, keys: tuple[str, ...]) -> str | None:
    """Why an item cannot be scored: the tables it is judged on are printed but not read."""
    printed = [k for k in keys if k in d.table_info]
    if printed and all(d.table_info[k].extra.get("unread") for k in printed):
        return "、".join(TABLE_LABELS[k] for k in printed) + "未能读取"
    return None


def _unscored(check: str, label: str, reason: str, tables: list[str]) -> Finding:
    """An item left out of the score (and of its maximum): the reading cannot judge it."""
    return Finding(f"completeness.{check}", "skipped", tables, f"{label}：未评分，{reason}")


def _function_depth(d: Disclosure) -> Finding:
    reason = _unread(d, FUNCTION_TABLES)
    if reason:
        return _unscored("function_depth", "支出功能分类细化到项", reason, list(FUNCTION_TABLES))
    frame = next((d.tables[k] for k in FUNCTION_TABLES if k in d.tables and not d.tables[k].empty), None)
    if frame is None or frame.empty:
        return _item("function_depth", "支出功能分类细化到项", Decimal(0), points_of("function_depth"),
                     "没有按功能分类的支出表",
                     ["expenditure"])
    codes = [c for c in frame.function_code if isinstance(c, str)]
    share = Decimal(sum(len(c) == 7 for c in codes)) / Decimal(len(codes) or 1)
    return _item("function_depth", "支出功能分类细化到项", share, points_of("function_depth"),
                 f"{sum(len(c) == 7 for c in codes)}/{len(codes)}行列到项级", ["expenditure"])


def _econ_depth(d: Disclosure) -> Finding:
    reason = _unread(d, ECON_TABLES)
    if reason:
        return _unscored("econ_depth", "基本支出按经济分类细化到款", reason, list(ECON_TABLES))
    frame = next((d.tables[k] for k in ECON_TABLES if k in d.tables and not d.tables[k].empty), None)
    if frame is None or frame.empty:
        return _item("econ_depth", "基本支出按经济分类细化到款", Decimal(0), points_of("econ_depth"),
                     "没有基本支出经济分类表",
                     ["general_budget_basic"])
    codes = [c for c in frame.dept_econ_code if isinstance(c, str)]
    deep = sum(len(c) >= 5 for c in codes)
    share = Decimal(deep) / Decimal(len(codes) or 1)
    return _item("econ_depth", "基本支出按经济分类细化到款", share, points_of("econ_depth"),
                 f"{deep}/{len(codes)}行列到款级",
                 ["general_budget_basic"])


def _three_public_split(d: Disclosure) -> list[Finding]:
    reason = _unread(d, ("three_public",))
    if reason:
        return [_unscored("three_public_items", "“三公”经费分三项列示", reason, ["three_public"]),
                _unscored("three_public_vehicles", "公务用车分购置与运行维护", reason, ["three_public"])]
    frame = d.tables.get("three_public")
    keys = set(frame.item_key) if frame is not None else set()
    items = len(keys & {"outbound", "reception", "vehicles"})
    vehicles = len(keys & {"vehicle_purchase", "vehicle_running"})
    return [
        _item("three_public_items", "“三公”经费分三项列示", Decimal(items) / 3, points_of("three_public_items"),
              f"列示了{items}/3项", ["three_public"]),
        _item("three_public_vehicles", "公务用车分购置与运行维护", Decimal(vehicles) / 2,
              points_of("three_public_vehicles"), f"列示了{vehicles}/2项", ["three_public"]),
    ]


def _reasons(d: Disclosure) -> Finding:
    changes = [f for f in d.facts if f.key.endswith("_change") and f.amount_yuan]
    if not changes:
        return _item("reasons", "增减变化说明原因", Decimal(1), points_of("reasons"), "没有需要说明的增减变化",
                     ["narrative"])
    lines = d.narrative_text
    explained = sum(bool(_REASON.search(window)) for window in _reason_windows(lines, changes))
    share = Decimal(explained) / Decimal(len(changes))
    return _item("reasons", "增减变化说明原因", share, points_of("reasons"),
                 f"{explained}/{len(changes)}处增减变化说明了原因",
                 ["narrative"])


#: How far after a change (or after the last of a run of changes) its reason may be given.
_REASON_REACH = 160


def _reason_windows(lines: str, changes: list[Fact]) -> list[str]:
    """The text where each change's reason may stand: up to :data:`_REASON_REACH` characters
    after the change, or after the last change of the run it belongs to (changes each
    within that reach of the one before, as when income, expenditure and their parts are
    stated one after another and one sentence then explains them all)."""
    anchors = [_anchor(lines, c.text) for c in changes]
    found = sorted(a for a in anchors if a >= 0)
    run_end: dict[int, int] = {}
    for i, a in enumerate(found):
        end = a
        for b in found[i + 1:]:
            if b - end > _REASON_REACH:
                break
            end = b
        run_end[a] = end
    return [
        lines[a : run_end[a] + _REASON_REACH] if a >= 0 else c.text
        for a, c in zip(anchors, changes, strict=True)
    ]


def _anchor(lines: str, text: str) -> int:
    """Where the sentence ``text`` stands in the narrative (-1 if nowhere).

    The whole sentence first: its first words alone (often the department's name and the
    year) also open the table of contents.
    """
    flat = re.sub(r"\s+", "", text)
    for size in (len(flat), 40, 24, 12):
        at = lines.find(flat[:size])
        if at >= 0:
            return at
    return -1


def _performance_targets(d: Disclosure) -> Finding:
    reason = _unread(d, ("projects", "project_performance"))
    if reason:
        return _unscored("performance_targets", "公开项目绩效目标", reason, ["projects", "project_performance"])
    projects = d.tables.get("projects")
    perf = d.tables.get("project_performance")
    if "projects" not in d.expected_tables:
        # The layout lists no projects in a table: what it can publish is targets themselves.
        if perf is not None and not perf.empty:
            return _item("performance_targets", "公开项目绩效目标", Decimal(1), points_of("performance_targets"),
                         "公开了项目绩效目标表",
                         ["project_performance"])
        stated = bool(re.search(r"绩效目标", re.sub(r"\s+", "", d.narrative_text)))
        return _item("performance_targets", "公开项目绩效目标", Decimal(1) / 2 if stated else Decimal(0),
                     points_of("performance_targets"),
                     "情况说明提及绩效目标，但没有公开绩效目标表" if stated else "没有公开项目绩效目标",
                     ["narrative"])
    if projects is None or projects.empty:
        return _item("performance_targets", "每个项目都有绩效目标", Decimal(0 if projects is None else 1),
                     points_of("performance_targets"), "没有项目支出表" if projects is None else "没有项目",
                     ["projects"])
    names = set(perf.project_name) if perf is not None else set()
    covered = sum(n in names for n in projects.project_name)
    share = Decimal(covered) / Decimal(len(projects))
    return _item("performance_targets", "每个项目都有绩效目标", share, points_of("performance_targets"),
                 f"{covered}/{len(projects)}个项目有绩效目标", ["projects", "project_performance"])


def transparency_score(findings: Iterable[Finding] | pd.DataFrame) -> tuple[Decimal, Decimal]:
    """The transparency score: the completeness points earned and the maximum.

    Parameters
    ----------
    findings : list of Finding, or the DataFrame of :func:`deptbudget.audit.audit`
        An audit's findings; only the completeness items carry points.

    Returns
    -------
    tuple of (Decimal, Decimal)
        (points, maximum), exact.
    """
    if isinstance(findings, pd.DataFrame):
        pairs = zip(findings["points"], findings["max_points"], strict=True)
    else:
        pairs = ((f.points, f.max_points) for f in findings)
    got = top = Decimal(0)
    for points, max_points in pairs:
        if isinstance(points, Decimal):
            got += points
        if isinstance(max_points, Decimal):
            top += max_points
    return got, top
