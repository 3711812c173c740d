"""Chinese names for the keys the package uses (tables, narrative figures), in one place."""

from __future__ import annotations

#: Chinese names of the table keys (and of the narrative, for audit messages).
TABLE_LABELS = {
    "summary": "收支总表",
    "income": "收入总表",
    "expenditure": "支出总表",
    "projects": "项目支出表",
    "fiscal_summary": "财政拨款收支总表",
    "general_budget": "一般公共预算支出表",
    "general_budget_basic": "一般公共预算基本支出表",
    "gov_fund": "政府性基金预算支出表",
    "state_capital": "国有资本经营预算支出表",
    "three_public": "“三公”经费表",
    "purchased_services": "政府购买服务表",
    "transfer_payments": "上级转移支付表",
    "overall_performance": "部门整体绩效目标表",
    "project_performance": "项目支出绩效目标表",
    "income_by_function": "收入表（按功能分类）",
    "expenditure_by_function": "支出表（按功能分类）",
    "expenditure_by_use": "支出表（按用途）",
    "fiscal_expenditure": "财政拨款支出表",
    "fiscal_basic": "财政拨款基本支出表",
    "admin_operating": "机关运行经费表",
    "meeting_training": "会议费、培训费表",
    "procurement": "政府采购表",
    "gov_fund_final": "政府性基金预算财政拨款收入支出决算表",
    "state_capital_final": "国有资本经营预算财政拨款收入支出决算表",
    "narrative": "情况说明",
}

#: Chinese labels of the narrative's figures (keys of :class:`~deptbudget.core.model.Fact`).
FACT_LABELS = {
    "income_total": "收入预算",
    "expenditure_total": "支出预算",
    "basic_total": "基本支出",
    "personnel_total": "人员经费",
    "public_total": "公用经费",
    "project_total": "项目支出",
    "three_public_total": "“三公”经费",
    "three_public_outbound": "因公出国（境）费",
    "three_public_reception": "公务接待费",
    "three_public_vehicles": "公务用车购置及运行维护费",
    "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_running": "公务用车运行维护费",
    "admin_operating": "机关运行经费",
    "purchased_services_total": "政府购买服务",
    "procurement_total": "政府采购",
    "fixed_assets_total": "固定资产总额",
}

#: Chinese names of the money columns (and of the columns an inference can fill).
COLUMN_LABELS = {
    "total_yuan": "合计",
    "basic_yuan": "基本支出",
    "project_yuan": "项目支出",
    "personnel_yuan": "人员经费",
    "public_yuan": "公用经费",
    "amount_yuan": "金额",
    "budget_yuan": "本年预算数",
    "prior_year_yuan": "上年预算数",
    "actual_yuan": "决算数",
    "project_name": "项目名称",
    "fiscal_yuan": "财政拨款收入",
    "superior_subsidy_yuan": "上级补助收入",
    "business_yuan": "事业收入",
    "operating_yuan": "经营收入",
    "affiliated_yuan": "附属单位上缴收入",
    "other_yuan": "其他收入",
    "remit_upper_yuan": "上缴上级支出",
    "affiliated_subsidy_yuan": "对附属单位补助支出",
    "opening_yuan": "年初结转和结余",
    "income_yuan": "本年收入",
    "closing_yuan": "年末结转和结余",
    "general_yuan": "一般公共预算",
    "gov_fund_yuan": "政府性基金预算",
    "state_capital_yuan": "国有资本经营预算",
    "project_ex_capital_yuan": "扣除基建项目后预算数",
    "subsidiary_yuan": "对附属单位补助支出",
}

#: Chinese words for an audit finding's status, and for a briefing's overall audit outcome.
STATUS_LABELS = {"pass": "通过", "fail": "不一致", "warn": "部分", "skipped": "未检查", "unknown": "未知"}

#: Chinese names of the layout families (``Disclosure.layout``).
LAYOUT_LABELS = {
    "beijing": "北京市部门预算",
    "shanghai": "上海市区级部门预算",
    "jiangsu": "江苏省省级部门预算",
    "jiangsu-2018": "江苏省省级部门预算（2017–2018年格式）",
    "jiangsu-2019": "江苏省省级部门预算（2019年格式）",
    "mof-final": "部门决算（财政部统一格式）",
}
