"""Altair charts of a disclosure's analysis tables, for the briefing and for JupyterLab.

Each function takes a tidy frame from :mod:`deptbudget.analysis` or
:mod:`deptbudget.indicators` and returns an :class:`altair.Chart`. Amounts are shown in
万元; they are converted from exact Decimal 元 to float here, for drawing only — no figure
a reader sees in a table or a check comes from these floats.
"""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd

from ..core.money import wan_float
from .theme import AMBER, BLUE, PALE_BLUE

BASIC_PROJECT_COLOURS = alt.Scale(domain=["基本支出", "项目支出"], range=[BLUE, AMBER])


def _wan(values: pd.Series) -> pd.Series:
    """万元 floats for drawing; a blank cell draws as 0."""
    return values.map(lambda v: wan_float(v) if isinstance(v, Decimal) else 0.0)


def _empty(title: str) -> alt.Chart:
    return alt.Chart(pd.DataFrame({"text": ["（无数据）"]}), title=title).mark_text(size=14).encode(
        text="text:N"
    )


def expenditure_by_function(frame: pd.DataFrame, title: str = "按支出功能分类") -> alt.Chart:
    """Stacked bars of basic and project expenditure per function code (万元); plain bars of the
    total where the table prints no split."""
    if frame.empty:
        return _empty(title)
    label = frame["code"].astype(str) + " " + frame["name"].fillna("").astype(str)
    if frame["basic_yuan"].isna().all() and frame["project_yuan"].isna().all():
        # The table prints 金额 only (no 基本/项目 split): one bar per code, never a zero split.
        return amounts_bar(frame.assign(科目=label), "科目", "total_yuan", title)
    long = pd.concat(
        [
            pd.DataFrame({"科目": label, "类型": "基本支出", "万元": _wan(frame["basic_yuan"])}),
            pd.DataFrame({"科目": label, "类型": "项目支出", "万元": _wan(frame["project_yuan"])}),
        ],
        ignore_index=True,
    )
    order = list(label[_wan(frame["total_yuan"]).sort_values(ascending=False).index])
    return (
        alt.Chart(long, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("科目:N", sort=order, title=None, axis=alt.Axis(labelLimit=340)),
            x=alt.X("sum(万元):Q", title="万元"),
            color=alt.Color("类型:N", scale=BASIC_PROJECT_COLOURS, legend=alt.Legend(orient="bottom")),
            tooltip=["科目:N", "类型:N", alt.Tooltip("sum(万元):Q", format=",.2f")],
        )
        .properties(width=460, height=alt.Step(22))
    )


def amounts_bar(frame: pd.DataFrame, label: str, amount: str = "amount_yuan",
                title: str = "", colour: str = BLUE) -> alt.Chart:
    """Horizontal bars of one amount column per label, largest first (万元)."""
    if frame.empty:
        return _empty(title)
    data = pd.DataFrame({"项目": frame[label].fillna("").astype(str), "万元": _wan(frame[amount])})
    return (
        alt.Chart(data, title=title)
        .mark_bar(color=colour)
        .encode(
            y=alt.Y("项目:N", sort="-x", title=None, axis=alt.Axis(labelLimit=340)),
            x=alt.X("万元:Q", title="万元"),
            tooltip=["项目:N", alt.Tooltip("万元:Q", format=",.2f")],
        )
        .properties(width=460, height=alt.Step(22))
    )


def share_donut(frame: pd.DataFrame, label: str = "label", amount: str = "amount_yuan",
                title: str = "") -> alt.Chart:
    """A donut of shares (basic vs project, personnel vs public …)."""
    if frame.empty or _wan(frame[amount]).sum() == 0:
        return _empty(title)
    data = pd.DataFrame({"类别": frame[label].astype(str), "万元": _wan(frame[amount])})
    data["占比"] = data["万元"] / data["万元"].sum()
    base = alt.Chart(data, title=title).encode(
        theta=alt.Theta("万元:Q", stack=True),
        color=alt.Color("类别:N", legend=alt.Legend(orient="right")),
        tooltip=["类别:N", alt.Tooltip("万元:Q", format=",.2f"), alt.Tooltip("占比:Q", format=".1%")],
    )
    return (base.mark_arc(innerRadius=55, outerRadius=100)).properties(width=260, height=220)


def budget_vs_prior(frame: pd.DataFrame, label: str = "item", title: str = "") -> alt.Chart:
    """Grouped bars: this year's budget against last year's, per item (万元)."""
    if frame.empty:
        return _empty(title)
    long = pd.concat(
        [
            pd.DataFrame({"项目": frame[label].astype(str), "年度": "本年预算", "万元": _wan(frame["budget_yuan"])}),
            pd.DataFrame({"项目": frame[label].astype(str), "年度": "上年预算",
                          "万元": _wan(frame["prior_year_yuan"])}),
        ],
        ignore_index=True,
    )
    return (
        alt.Chart(long, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("项目:N", title=None, axis=alt.Axis(labelLimit=340)),
            yOffset="年度:N",
            x=alt.X("万元:Q", title="万元"),
            color=alt.Color("年度:N", scale=alt.Scale(range=[BLUE, PALE_BLUE]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=["项目:N", "年度:N", alt.Tooltip("万元:Q", format=",.4f")],
        )
        .properties(width=460, height=alt.Step(16))
    )


def indicator_mix(frame: pd.DataFrame, title: str = "绩效指标：定量与定性") -> alt.Chart:
    """Stacked bars of quantitative and qualitative indicators per project.

    ``frame`` has one row per (project_name, nature) with a count ``n``.
    """
    if frame.empty:
        return _empty(title)
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("project_name:N", title=None, axis=alt.Axis(labelLimit=340)),
            x=alt.X("n:Q", title="指标个数"),
            color=alt.Color("nature:N", title="性质",
                            scale=alt.Scale(domain=["定量", "定性"], range=[BLUE, AMBER]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=["project_name:N", "nature:N", "n:Q"],
        )
        .properties(width=460, height=alt.Step(22))
    )
