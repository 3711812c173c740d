"""The briefing's sections, one call each, so that ``notebooks/briefing.ipynb`` stays thin.

:func:`start` validates the notebook's parameters, reads the disclosure and audits it;
each method of :class:`Briefing` returns what one notebook cell displays: an escaped
HTML table or paragraph, or a chart (static SVG/PNG for exported reports, interactive in
JupyterLab).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown, display

from .. import analyse as analysis
from ..analyse import indicators
from ..audit import audit, transparency_score
from ..audit.completeness import scoring_method
from ..core.labels import COLUMN_LABELS, LAYOUT_LABELS, STATUS_LABELS, TABLE_LABELS
from ..core.model import Disclosure
from ..read.reader import read_disclosure
from . import figures
from .charts import enable as enable_charts
from .charts import show as show_chart
from .html import bullet_list, key_figures, money, paragraph, percent, show_table, table_html
from .params import validate_parameters, write_summary


def start(**params: Any) -> Briefing:
    """Validate the notebook's parameters, read and audit the disclosure.

    Parameters
    ----------
    **params
        The notebook's parameters (``disclosure_path``, ``static_charts``,
        ``chart_format``, ``summary_path``); see :mod:`deptbudget.brief.params`.

    Returns
    -------
    Briefing
        The sections, ready to display.
    """
    checked = validate_parameters(params)
    enable_charts(interactive=not checked["static_charts"])
    disclosure = read_disclosure(checked["disclosure_path"])
    return Briefing(disclosure, audit(disclosure), checked)


def _source_label(source: object) -> str:
    """``expenditure:合计行`` → ``支出总表合计行``: where a figure comes from, in Chinese."""
    text = str(source) if source is not None else ""
    key, _, what = text.partition(":")
    return f"{TABLE_LABELS.get(key, key)}{what}" if what else TABLE_LABELS.get(text, text)


@dataclass
class Briefing:
    """One department's briefing: the disclosure, its audit and the display settings."""

    d: Disclosure
    findings: pd.DataFrame
    params: dict[str, Any]

    # -- helpers ---------------------------------------------------------------------

    def _chart(self, chart: alt.TopLevelMixin) -> Any:
        return show_chart(chart, static=self.params["static_charts"], fmt=self.params["chart_format"])

    def _lacks(self, *keys: str) -> HTML | None:
        """One line saying the layout publishes none of ``keys``, or None when it publishes one."""
        d = self.d
        if any(k in d.expected_tables or k in d.table_info for k in keys):
            return None
        names = "、".join(TABLE_LABELS.get(k, k) for k in keys)
        return paragraph(f"本文件的格式（{LAYOUT_LABELS.get(d.layout, d.layout)}）不公开{names}，本节从略。",
                         css_class="db-note")

    @property
    def kind(self) -> str:
        """预算 or 决算."""
        return self.d.kind

    @property
    def name(self) -> str:
        """The department's name, or the file's name when the disclosure does not say."""
        return self.d.department or Path(self.d.path).stem

    # -- 一、概览 ---------------------------------------------------------------------

    def headline(self) -> HTML:
        """Key figures: budget total, basic and project, 三公, staff."""
        h = analysis.headline(self.d).set_index("key")

        def amount(key: str) -> str:
            value = h["amount_yuan"].get(key) if key in h.index else None
            return f"{money(value, '万元')} 万元" if isinstance(value, Decimal) else "—"

        staff = self.d.staff
        return key_figures([
            ("收入预算", amount("income_total")),
            ("基本支出", amount("basic")),
            ("项目支出", amount("project")),
            ("“三公”经费", amount("three_public")),
            ("编制 / 实有人数", f"{staff.get('authorized') or '—'} / {staff.get('actual') or '—'}"),
        ])

    def lead(self) -> HTML:
        """One sentence on what the budget is and how it changed."""
        total = analysis.headline(self.d).set_index("key")["amount_yuan"].get("income_total")
        yoy = analysis.year_on_year(self.d)
        change = yoy[yoy.key == "income_total"]
        text = f"{self.name}{self.d.year or ''}年部门{self.kind}收入{money(total)}元"
        if not change.empty:
            row = change.iloc[0]
            verb = "增加" if row.change_yuan > 0 else "减少" if row.change_yuan < 0 else "持平"
            text += f"，比上年{verb}{money(abs(row.change_yuan))}元"
            if row.change_pct is not None:
                text += f"（{abs(row.change_pct)}%）"
        score_got, score_top = transparency_score(self.findings)
        fails = int((self.findings.status == "fail").sum())
        text += f"。审核共{len(self.findings)}项，其中{fails}项不一致；公开完整性得分{score_got}/{score_top}。"
        return paragraph(text, css_class="lead")

    def execution(self) -> Any:
        """Budget against actual (执行率) in final accounts; nothing for a budget."""
        if self.kind != "决算":
            return None
        frame = analysis.execution(self.d)
        # The heading is a Markdown output so that the table of contents lists it.
        display(Markdown("### 预算执行\n\n决算数与预算数并列；执行率为决算数除以预算数，按分精确计算。"))
        if frame.empty:
            return paragraph("决算表格没有并列预算数与决算数。", css_class="db-note")
        return HTML(table_html(frame, {
            "label": "项目", "budget_yuan": ("预算数（元）", "money"), "actual_yuan": ("决算数（元）", "money"),
            "rate_pct": ("执行率（重算）", "pct"), "stated_pct": ("执行率（说明）", "pct"),
        }, caption="预算执行"))

    def year_on_year(self) -> HTML:
        """Every current/prior pair the narrative states, with the change recomputed."""
        return show_table(analysis.year_on_year(self.d), {
            "label": "项目", "prior_yuan": ("上年（元）", "money"), "current_yuan": ("本年（元）", "money"),
            "change_yuan": ("增减（元）", "money"), "change_pct": ("增减%（重算）", "pct"),
            "stated_pct": ("增减%（说明）", "pct"),
        }, caption="与上年比较（情况说明所列各项）")

    def history(self) -> Any:
        """历年: this department's other years in the corpus it comes from (nothing without one)."""
        if self.params.get("corpus_dir") is None:
            return None
        from ..corpus import compare, load

        frame = compare.departments(load(self.params["corpus_dir"]), kind=self.kind)
        frame = frame[(frame.department == self.d.department) & (frame.entity_level == self.d.entity_level)]
        if not (frame.year != self.d.year).any():
            return None  # the corpus holds no other year of this department
        display(Markdown("### 历年\n\n同一部门在语料中的各年度（按各年公开文件的合计数）。"))
        frame = frame.assign(year_text=[str(int(y)) for y in frame.year])
        return show_table(frame, {
            "year_text": "年度", "expenditure_total_yuan": ("支出合计（元）", "money"),
            "basic_yuan": ("基本支出（元）", "money"), "project_yuan": ("项目支出（元）", "money"),
            "three_public_yuan": ("三公经费（元）", "money"), "audit_fail": ("审核不一致", "int"),
        }, caption="历年")

    def per_head(self) -> HTML:
        """Amounts per authorized and per actual staff member."""
        return show_table(analysis.per_head(self.d), {
            "label": "项目", "amount_yuan": ("金额（元）", "money"),
            "per_authorized_yuan": ("人均（按编制，元）", "money"),
            "per_actual_yuan": ("人均（按实有，元）", "money"),
        }, caption="人均")

    # -- 二、钱花在哪里 -----------------------------------------------------------------

    def function_chart(self, level: str = "款") -> Any:
        """Basic and project expenditure by function classification."""
        return self._chart(figures.expenditure_by_function(
            analysis.by_function(self.d, level), title=f"支出功能分类（{level}级）"))

    def function_table(self) -> HTML:
        """Expenditure by function 类, 款 and 项 with names at every level."""
        tree = analysis.function_tree(self.d)
        return show_table(tree, {
            "code": "科目编码", "name": "科目名称", "level": "级次", "total_yuan": ("合计（元）", "money"),
            "basic_yuan": ("基本支出（元）", "money"), "project_yuan": ("项目支出（元）", "money"),
            "share": ("占比", "percent"),
        }, caption="支出功能分类")

    def econ_chart(self) -> Any:
        """Expenditure by 部门经济分类 款."""
        if self._lacks("expenditure", "general_budget_basic", "fiscal_basic") is not None:
            return None
        frame = analysis.by_dept_econ(self.d, "款")
        frame = frame.assign(label=frame.code.astype(str) + " " + frame.name.fillna("").astype(str))
        return self._chart(figures.amounts_bar(frame, "label", "total_yuan", title="部门经济分类（款级）"))

    def econ_table(self) -> HTML:
        """Expenditure by 部门经济分类 类."""
        lacking = self._lacks("expenditure", "general_budget_basic", "fiscal_basic")
        if lacking is not None:
            return lacking
        return show_table(analysis.by_dept_econ(self.d, "类"), {
            "code": "科目编码", "name": "科目名称", "total_yuan": ("合计（元）", "money"),
            "basic_yuan": ("基本支出（元）", "money"), "project_yuan": ("项目支出（元）", "money"),
            "share": ("占比", "percent"),
        }, caption="部门经济分类（类级）")

    # -- 三、基本与项目，人员与公用 ---------------------------------------------------------

    def split_charts(self) -> Any:
        """Two donuts: basic vs project, personnel vs public."""
        left = figures.share_donut(analysis.basic_vs_project(self.d), title="基本支出与项目支出")
        right = figures.share_donut(analysis.personnel_vs_public(self.d), title="人员经费与公用经费")
        return self._chart(alt.hconcat(left, right).resolve_scale(color="independent"))

    def split_table(self) -> HTML:
        """The two splits as a table, printed totals and row sums side by side."""
        frame = pd.concat([analysis.basic_vs_project(self.d), analysis.personnel_vs_public(self.d)])
        frame = frame.assign(source=frame.source.map(_source_label))
        return show_table(frame, {
            "label": "类别", "amount_yuan": ("金额（元）", "money"), "rows_yuan": ("各行之和（元）", "money"),
            "share": ("占比", "percent"), "source": "来源",
        })

    # -- 四、“三公”经费 ----------------------------------------------------------------

    def three_public_chart(self) -> Any:
        """This year's 三公 against last year's."""
        frame = analysis.three_public(self.d)
        return self._chart(figures.budget_vs_prior(frame[frame.level >= 1], title="“三公”经费"))

    def three_public_table(self) -> HTML:
        """三公 items, both years, change."""
        return show_table(analysis.three_public(self.d), {
            "item": "项目", "prior_year_yuan": ("上年（元）", "money"), "budget_yuan": ("本年（元）", "money"),
            "change_yuan": ("增减（元）", "money"), "change_pct": ("增减%", "pct"),
        })

    # -- 五、项目与政府购买服务 ----------------------------------------------------------

    def projects_chart(self) -> Any:
        """Project amounts."""
        if self._lacks("projects") is not None:
            return None
        return self._chart(figures.amounts_bar(analysis.projects(self.d), "project_name", title="项目支出"))

    def projects_table(self) -> HTML:
        """Projects with codes, amounts and indicator counts."""
        lacking = self._lacks("projects", "purchased_services") or self._lacks("projects")
        if lacking is not None:
            return lacking
        return show_table(analysis.projects(self.d), {
            "project_name": "项目名称", "function_code": "功能科目", "amount_yuan": ("金额（元）", "money"),
            "share": ("占比", "percent"), "n_indicators": ("绩效指标", "int"),
            "n_quantitative": ("其中定量", "int"),
        })

    def services_table(self) -> HTML | None:
        """政府购买服务 items."""
        if self._lacks("purchased_services") is not None:
            return None if self._lacks("projects") is not None else self._lacks("purchased_services")
        return show_table(analysis.purchased_services(self.d), {
            "catalog_code": "目录编码", "item": "服务项目", "function_code": "功能科目",
            "amount_yuan": ("金额（元）", "money"), "share": ("占比", "percent"),
        }, caption="政府购买服务")

    # -- 六、绩效目标 ------------------------------------------------------------------

    def indicator_summary(self) -> HTML:
        """Headline figures of the performance indicators."""
        lacking = self._lacks("project_performance", "overall_performance")
        if lacking is not None:
            return lacking
        frame = indicators.summary(self.d)
        shown = [
            percent(value) if unit == "比例" else f"{value}{unit or ''}"
            for value, unit in zip(frame.value, frame.unit, strict=True)
        ]
        return show_table(frame.assign(shown=shown), {"label": "项目", "shown": ("数值", "status")})

    def indicator_chart(self) -> Any:
        """定量 vs 定性 indicators per project."""
        if self._lacks("project_performance", "overall_performance") is not None:
            return None
        share = indicators.quantitative_share(self.d)
        share = share[share.scope == "project"][["project_name", "nature", "n"]]
        return self._chart(figures.indicator_mix(share))

    def targets_table(self) -> HTML:
        """Quantitative targets per project."""
        if self._lacks("project_performance", "overall_performance") is not None:
            return None
        frame = indicators.quantitative_targets(self.d)
        frame = frame[frame.scope == "project"] if "scope" in frame else frame
        return show_table(frame, {
            "project_name": "项目", "level2": "二级指标", "indicator": "三级指标", "operator": "",
            "target": "指标值", "unit": "单位",
        }, caption="定量指标")

    def gaps_table(self) -> HTML:
        """Projects' missing indicator kinds and grade-only targets."""
        if self._lacks("project_performance", "overall_performance") is not None:
            return None
        return show_table(indicators.gaps(self.d), {
            "project_name": "项目", "n_indicators": ("指标数", "int"), "missing": "缺少的指标",
            "n_grade_only": ("仅为等级的目标值", "int"),
        }, caption="绩效指标缺口")

    # -- 七、审核 ---------------------------------------------------------------------

    def audit_overview(self) -> HTML:
        """Counts by status and the transparency score."""
        got, top = transparency_score(self.findings)
        counts = self.findings.status.value_counts()
        return key_figures([
            *((STATUS_LABELS[s], str(counts.get(s, 0))) for s in ("pass", "fail", "warn", "skipped")),
            ("公开完整性得分", f"{got}/{top}"),
        ])

    def audit_findings(self) -> HTML:
        """Every finding that is not a pass, with its evidence."""
        frame = self.findings[self.findings.status.isin(["fail", "warn"])]
        frame = frame.assign(status_label=frame.status.map(STATUS_LABELS))
        return show_table(frame, {
            "status_label": ("结果", "status"), "message": "说明", "difference_yuan": ("差额（元）", "money"),
            "evidence": "出处",
        }, caption="不一致与部分满足的检查")

    def audit_skipped(self) -> HTML:
        """Checks that could not be performed, and why."""
        frame = self.findings[self.findings.status == "skipped"]
        frame = frame.assign(where=frame.tables.map(
            lambda keys: "、".join(TABLE_LABELS.get(k, k) for k in str(keys).split(",") if k) or "—"))
        return show_table(frame, {"where": "涉及", "message": "原因"}, caption="未能检查的项目")

    def completeness_table(self) -> HTML:
        """The transparency score item by item."""
        items = self.findings[self.findings.max_points.notna()]
        tables = items[items.check.str.startswith("completeness.table.")]
        rest = items[~items.check.str.startswith("completeness.table.")]
        present = int((tables.status == "pass").sum())
        got = sum(tables.points, Decimal(0))
        top = sum(tables.max_points, Decimal(0))
        summary_row = pd.DataFrame([{
            "message": f"公开标准表格：{present}/{len(tables)}张（得分 {got}/{top}）",
            "status": "pass" if present == len(tables) else ("fail" if present == 0 else "warn"),
        }])
        missing = tables[tables.status != "pass"]
        frame = pd.concat([summary_row, missing, rest], ignore_index=True)
        frame = frame.assign(status_label=frame.status.map(STATUS_LABELS))
        return show_table(frame, {"message": "项目", "status_label": ("结果", "status")},
                          caption="公开完整性评分")

    def scoring_method(self) -> HTML:
        """The transparency score's method, item by item, for this disclosure's layout."""
        rows = pd.DataFrame(scoring_method(self.d.expected_tables), columns=["item", "points", "how"])
        intro = paragraph(
            "公开完整性评分衡量公开文件是否公开了应当公开的内容，不衡量数字是否正确（后者见各项勾稽检查）。"
            "满分100分；部分满足的项目按比例得分，保留两位小数。"
            "因表格或说明未能读取而无法判断的项目不评分，也不计入满分，故得分写作“得分/可评满分”。"
            "说明各部分按情况说明的标题或正文中的关键词判断，只提及而未展开的部分也可能得分。"
        ).data
        return HTML(intro + table_html(rows, {"item": "项目", "points": ("分值", "status"), "how": "评分方法"},
                                       caption="评分方法"))

    # -- 八、数据说明 ------------------------------------------------------------------

    def data_notes(self) -> HTML:
        """Source file, its hash, encoding and the tables with their pages."""
        d = self.d
        rows = pd.DataFrame([
            {"key": TABLE_LABELS.get(k, k), "number": info.number, "title": info.title, "file": info.file,
             "page": info.page, "line": info.line, "unit": info.unit, "rows": info.rows}
            for k, info in d.table_info.items()
        ])
        files = "、".join(
            f"{f.name}（{'PDF' if f.format == 'pdf' else f'文本，{f.encoding}'}，{f.pages}页，SHA-256：{f.sha256}）"
            for f in d.sources
        ) or f"{Path(d.path).name}（SHA-256：{d.sha256}）"
        intro = paragraph(
            f"来源文件：{files}。格式：{LAYOUT_LABELS.get(d.layout, d.layout)}；"
            f"{'单位' if d.entity_level == '单位' else '部门'}{d.kind}；地区：{d.region or '文件未载明'}。"
            "所有金额按公开文件精确到分，换算为元（各表按其自身的金额单位换算）；图表中的万元数仅用于作图。"
        ).data
        columns = {
            "number": ("表号", "int"), "title": "表名", "key": "类别", "file": "文件", "page": ("页", "int"),
            "line": ("行", "int"), "unit": "单位", "rows": ("明细行数", "int"),
        }
        if len(d.sources) <= 1:
            columns.pop("file")
        return HTML(intro + table_html(rows, columns, caption="读取的表格"))

    def inferences(self, limit: int = 25) -> HTML:
        """What the reader had to infer: the decisions that rest on the classification's usual
        practice alone first, then those the evidence settles, at most ``limit`` rows."""
        frame = pd.DataFrame([i.to_json() for i in self.d.inferences])
        if frame.empty:
            return paragraph("读取时无需推断。")
        # Decisions resting on the classification alone are the ones a reader should check;
        # those another table or the printed totals settle (strong evidence) come after them.
        frame["confirmed"] = frame["strong"].astype(bool)
        frame["settled"] = frame["confirmed"].map({True: "已确认", False: "待核"})
        frame = frame.sort_values(["confirmed", "table", "line"], kind="stable")
        frame["table"] = frame["table"].map(lambda k: TABLE_LABELS.get(k, k))
        frame["amount"] = [Decimal(a) for a in frame["amount_yuan"]]
        frame["column"] = frame["column"].map(lambda c: COLUMN_LABELS.get(c, c))
        confirmed = int(frame["confirmed"].sum())
        intro = paragraph(
            f"空单元格在文本中消失，读取时共推断{len(frame)}处金额所属的栏目，其中{confirmed}处由其他表格的同一行"
            "或表内合计数确认；以下先列仅凭分类惯例判定、有待核对的推断。"
        ).data
        return HTML(intro + table_html(frame, {
            "table": "表", "line": ("行", "int"), "amount": ("金额（元）", "money"), "column": ("归入", "status"),
            "settled": ("确认", "status"), "evidence": "依据",
        }, caption="读取时的推断", max_rows=limit))

    def reader_warnings(self) -> HTML:
        """Everything the reader could not settle."""
        return bullet_list(w.chinese() for w in self.d.warnings)

    def finish(self) -> None:
        """Write the run's summary for the batch index (nothing when run interactively)."""
        h = analysis.headline(self.d).set_index("key")["amount_yuan"]
        fails = int((self.findings.status == "fail").sum())
        got, top = transparency_score(self.findings)
        write_summary(
            self.params["summary_path"],
            department=self.name,
            year=self.d.year or "",
            headline={
                f"收入{self.kind}（元）": money(h.get("income_total")),
                "基本支出（元）": money(h.get("basic")),
                "项目支出（元）": money(h.get("project")),
                "“三公”经费（元）": money(h.get("three_public")),
                "公开完整性得分": f"{got}/{top}",
            },
            audit={"status": "fail" if fails else "pass", "findings": len(self.findings), "fail": fails,
                   "score": str(got)},
            kind=self.kind,
            layout=self.d.layout,
        )
