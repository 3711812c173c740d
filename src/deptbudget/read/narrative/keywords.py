"""The keyword table: which words announce which figure (收入预算 → ``income_total`` …).

The reader walks the narrative from keyword to keyword; everything it reads after a keyword
is filed under that keyword's key. The patterns describe the family of phrasings used by
部门预算 and 部门决算 narratives, not any one department's sentences.
"""

from __future__ import annotations

import re

#: Key → keyword pattern. Order matters where two keywords start at the same place: the
#: combined vehicle keyword must be tried before its purchase/running parts.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("three_public_vehicles", r"公务用车购置(?:及|和|与|、)运行(?:维护|维修)?费(?:用)?"),
    ("three_public_vehicle_purchase", r"(?:公务用车|车辆)购置费?(?![及和与、])"),
    ("three_public_vehicle_running", r"(?:公务用车|车辆)运行(?:维护|维修)?费"),
    ("three_public_outbound", r"(?:因公)?出国[（(]境[)）](?:经)?费(?:用)?"),
    ("three_public_reception", r"公务接待费(?:用)?"),
    ("three_public_total", r"[“\"‘']?三公[”\"’']?经费"),
    ("admin_operating", r"(?:机关|行政)运行经费"),
    # Sources of money: tried before the generic totals, which they contain.
    ("fiscal_grand_total", r"财政拨款收(?:入|、)?支(?:出)?(?:预算|决算)?总(?:计|预算)"),
    ("general_budget_income", r"一般公共预算(?:财政)?(?:拨款)?收入(?:预算)?(?!支出)"),
    ("general_budget_expenditure",
     r"一般公共预算(?:财政)?拨款支出(?:预算|决算)?(?!中|情况|总体|结构|具体)"),
    ("gov_fund_income", r"政府性基金(?:预算)?(?:财政)?拨款收入(?:预算)?"),
    ("gov_fund_expenditure", r"政府性基金(?:预算)?(?:财政)?拨款支出(?:预算|决算)?(?!中|情况)"),
    ("state_capital_income", r"国有资本经营预算(?:财政)?拨款收入(?:预算)?"),
    ("state_capital_expenditure", r"国有资本经营预算(?:财政)?拨款支出(?:预算|决算)?(?!中|情况)"),
    ("fiscal_income", r"(?<!经费)财政拨款收入(?:预算)?(?!支出|总计)"),
    ("fiscal_expenditure", r"(?<!经费)(?<!预算)财政拨款支出(?:预算|决算)?(?!中|情况|总体|结构|具体)"),
    ("carry_in", r"(?:上年|年初)结转(?:和|及|与)?结余(?:资金)?"),
    ("carry_out", r"(?:年末|年终)结转(?:和|及|与)?结余(?:资金)?"),
    # 收入支出总计 (决算) is both grand totals: money carried in included, unlike 本年收入合计.
    ("grand_total", r"收入支出总计|收、?支总计"),
    ("income_grand_total", r"收入总计"),
    ("expenditure_grand_total", r"支出总计"),
    ("meeting_fee", r"会议费"),
    ("training_fee", r"培训费"),
    ("personnel_total", r"人员经费|人员支出"),
    ("public_total", r"公用经费|公用支出"),
    ("basic_total", r"基本支出"),
    ("project_total", r"项目支出"),
    ("purchased_services_total", r"政府购买服务(?:项目)?"),
    # 政府采购货物/工程/服务预算 are parts of the procurement total, not the total.
    ("procurement_goods", r"政府采购货物(?:预算)?|货物采购(?:金额|预算)?"),
    ("procurement_works", r"政府采购工程(?:预算)?|工程采购(?:金额|预算)?"),
    ("procurement_services", r"政府采购服务(?:预算)?|服务采购(?:金额|预算)?"),
    # Set-asides for small firms (面向中小企业预留政府采购项目…, 在其他政府采购项目中…中标的) are
    # shares of the total, not the total.
    ("procurement_total", r"(?<!预留)(?<!预留的)(?<!其他)政府采购(?!货物|工程|服务)(?:项目)?"),
    ("fixed_assets_total", r"固定资产(?:总额|原值|总值|账面原值|账面价值|合计|总计)"),
    ("budget_total", r"(?:预算)?收支(?:预算)?总(?:额|计|预算)|收支预算(?:总额|总计|合计)?"),
    (
        "income_total",
        r"(?<!拨款)(?<!基金)(?<!资金)收入预算(?:总额|总计|合计|总数)?"
        r"|(?:部门)?(?<!公共)(?<!基金)(?<!经营)(?<!拨款)预算收入(?:总额|总计|合计)?"
        r"|收入总预算|本年收入(?:合计)?",
    ),
    (
        "expenditure_total",
        r"(?<![本目员用款费置])(?<!基金)(?<!资本)(?<!采购)支出预算(?!情况)(?:总额|总计|合计|总数)?"
        r"|(?:部门)?(?<!公共)(?<!基金)(?<!经营)(?<!拨款)(?<![费置])(?<!支出)预算支出(?:总额|总计|合计)?"
        r"|支出总预算|本年支出(?:合计)?",
    ),
)

#: Named group of :data:`KW_RE` → key: one alternation finds whichever keyword comes first.
KEY_OF_GROUP = {f"k{i}": key for i, (key, _) in enumerate(KEYWORDS)}
#: Any keyword, ungrouped: the gap after a keyword must not run into the next one.
KW_ANY = "|".join(f"(?:{pattern})" for _, pattern in KEYWORDS)
KW_RE = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(KEYWORDS)))

#: A keyword that states several figures at once: 收支预算总额 is both totals.
EXPANDS: dict[str, tuple[str, ...]] = {
    "budget_total": ("income_total", "expenditure_total"),
    "grand_total": ("income_grand_total", "expenditure_grand_total"),
}

#: Keys whose sentences also give a number of projects (…项目 6 个).
COUNT_KEYS = frozenset({"purchased_services_total", "procurement_total"})
