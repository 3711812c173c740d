"""The comparison notebook's sections (kernel side): a corpus read with
:func:`deptbudget.corpus.load`, shown as escaped HTML tables and charts.

``notebooks/compare.ipynb`` calls :func:`start` once, then one method per section; every
piece of disclosure text passes through :mod:`.html`, and charts are static images in an
export and interactive widgets in JupyterLab (:func:`.charts.show`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from IPython.display import HTML

from ..core.money import wan_float
from ..corpus import compare, load
from . import charts
from .html import key_figures, paragraph, show_table, table_html

#: The class of the comparison's tables: the department column keeps a readable width in print.
COMPARE_TABLE = "db-table db-compare"


def start(corpus_dir: str, department: str | None = None, year: int | None = None,
          static_charts: bool = True, chart_format: str = "svg") -> Comparison:
    """Load the corpus and switch on the charts; ``department`` and ``year`` narrow the sections."""
    charts.enable(interactive=not static_charts)
    return Comparison(load(Path(corpus_dir)), department, year, static_charts, chart_format)


@dataclass
class Comparison:
    """The sections of a comparison, over one loaded corpus."""

    frames: dict[str, pd.DataFrame]
    department: str | None
    year: int | None
    static: bool
    fmt: str

    def _show(self, chart: alt.TopLevelMixin) -> Any:
        return charts.show(chart, static=self.static, fmt=self.fmt)

    def overview(self) -> HTML:
        """How many disclosures, departments and years the corpus holds, and how many failed."""
        d = self.frames["disclosures"]
        ok = compare.read_ok(self.frames)
        years = sorted(int(y) for y in ok.year.dropna().unique())
        return key_figures([
            ("公开文件", f"{len(d)}"), ("读取成功", f"{len(ok)}"), ("部门", f"{ok.department.nunique()}"),
            ("年度", f"{years[0]}–{years[-1]}" if years else "—"),
        ])

    def side_by_side(self) -> HTML:
        """Departments side by side (预算 of the chosen year, or every year): money, then the
        per-head figure, projects, transparency and audit outcome."""
        frame = compare.departments(self.frames, self.year)
        frame["year_text"] = [str(int(y)) if pd.notna(y) else "—" for y in frame.year]
        # A 单位预算 and its 部门预算 share the name: say which is which.
        frame["department"] = [f"{n}（单位）" if level == "单位" else n
                               for n, level in zip(frame.department, frame.entity_level, strict=True)]
        frame["score"] = [f"{v:.1f}" if v is not None and not pd.isna(v) else "—" for v in frame.transparency]
        money = table_html(frame, {
            "department": "部门", "year_text": "年度", "expenditure_total_yuan": ("支出合计（元）", "money"),
            "basic_share": ("基本支出占比", "percent"), "three_public_yuan": ("三公经费（元）", "money"),
            "three_public_share": ("三公占比", "percent"),
        }, css_class=COMPARE_TABLE)
        rest = table_html(frame, {
            "department": "部门", "year_text": "年度", "per_head_yuan": ("人均支出（元）", "money"),
            "n_projects": ("项目数", "int"), "score": ("透明度得分", "text"), "audit_fail": ("审核不一致", "int"),
        }, css_class=COMPARE_TABLE)
        return HTML(money + rest)

    def side_by_side_chart(self) -> Any:
        """Total expenditure per department (万元), basic and project stacked where printed."""
        frame = compare.departments(self.frames, self.year)
        if frame.empty:
            return paragraph("语料中没有读取成功的部门预算。", css_class="db-empty")
        long = pd.DataFrame({
            "部门": list(frame.department.astype(str) + " " + frame.year.astype(str)) * 2,
            "类型": ["基本支出"] * len(frame) + ["项目支出"] * len(frame),
            "万元": [wan_float(v) for v in frame.basic_yuan] + [wan_float(v) for v in frame.project_yuan],
        })
        chart = alt.Chart(long, title="各部门基本支出与项目支出（万元）").mark_bar().encode(
            y=alt.Y("部门:N", title=None, axis=alt.Axis(labelLimit=320)), x=alt.X("sum(万元):Q", title="万元"),
            color=alt.Color("类型:N", legend=alt.Legend(orient="bottom")),
            tooltip=["部门:N", "类型:N", alt.Tooltip("sum(万元):Q", format=",.2f")],
        ).properties(width=440, height=alt.Step(20))
        return self._show(chart)

    def _department(self) -> str | None:
        if self.department:
            return self.department
        ok = compare.read_ok(self.frames)
        counts = ok.groupby("department").year.nunique().sort_values(ascending=False)
        return str(counts.index[0]) if not counts.empty and counts.iloc[0] > 1 else None

    def years(self) -> Any:
        """One department over the years: expenditure by function class, with growth."""
        name = self._department()
        if name is None:
            return paragraph("语料中没有同一部门多个年度的预算，无法比较历年变化。", css_class="db-empty")
        frame = compare.over_years(self.frames, name)
        frame["year_text"] = frame.year.astype(int).astype(str)
        return show_table(frame, {"code": "功能分类（类）", "year_text": "年度",
                                  "total_yuan": ("支出（元）", "money"), "change_yuan": ("比上年增减（元）", "money"),
                                  "growth": ("增长", "percent")}, caption=f"{name}：按功能分类的历年支出")

    def three_public_years(self) -> Any:
        """One department's 三公 by year."""
        name = self._department()
        if name is None:
            return paragraph("（无历年数据）", css_class="db-empty")
        frame = compare.three_public_over_years(self.frames, name)
        frame["year_text"] = frame.year.astype(int).astype(str)
        return show_table(frame, {"year_text": "年度", "item": "项目", "budget_yuan": ("预算数（元）", "money")},
                          caption=f"{name}：“三公”经费历年预算")

    def execution(self) -> Any:
        """决算 against 预算 for each department and year the corpus holds both."""
        ok = compare.read_ok(self.frames)
        pairs = ok.groupby(["department", "year"]).kind.nunique()
        pairs = pairs[pairs > 1]
        if pairs.empty:
            return paragraph("语料中没有同一部门同一年度的预算和决算，无法计算预算执行率。", css_class="db-empty")
        html = []
        for department, year in pairs.index:
            frame = compare.execution(self.frames, department, int(year))
            html.append(show_table(frame, {"item": "功能分类（类）/三公", "budget_yuan": ("预算（元）", "money"),
                                           "actual_yuan": ("决算（元）", "money"), "rate": ("执行率", "percent")},
                                   caption=f"{department} {int(year)}年：决算与预算").data)
        return HTML("".join(html))
