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
    "meeting_fee": "会议费",
    "training_fee": "培训费",
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

#: What each kind of reading warning means, in Chinese (``ReadWarning.code``): what a reader of
#: the briefing is told when the warning carries no Chinese text of its own.
WARNING_LABELS = {
    "total_mismatch": "表内各行之和与合计行不一致",
    "missing_table": "未找到该表",
    "duplicate_table": "该表印了两次，采用第一次",
    "unreadable_table": "该表未能读取",
    "unknown_table": "有一张表的标题无法识别，未读取",
    "unit_not_stated": "该表未印金额单位，依赖金额的检查不作判断",
    "columns_not_matched": "该表的表头栏目无法识别，未读取其各行",
    "unparsed_row": "有一行未能读取或未能归入栏目",
    "damaged_amount": "有一个金额无法识别，按缺失处理",
    "ambiguous_column": "有金额所属栏目无法由证据确定，按分类惯例处理",
    "column_count": "有一行的金额个数与栏目数不符",
    "row_parts": "有一行的合计与其分项不符",
    "tables_not_read": "该文件的表格未能逐栏读取，只读取了情况说明",
    "table_not_read": "该表未读取（本格式暂无该表的读取方法）",
    "no_year": "未找到预算年度",
    "no_department": "未在情况说明中找到部门名称",
    "narrative_amount": "情况说明中有一个金额无法识别",
    "narrative_conflict": "情况说明对同一数字有两种说法",
    "no_amount": "有一项没有印出金额",
    "empty_table": "该表为空表",
    "function_code": "有功能分类科目编码无法识别",
    "dept_econ_code": "有经济分类科目编码无法识别",
    "warning": "读取提示",
}
