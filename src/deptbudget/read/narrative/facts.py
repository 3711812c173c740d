"""Figures the narrative states, found by keyword-anchored patterns.

A keyword (收入预算, 公务接待费 …), a short gap that may hold a year or a count but no other
keyword, the amount with its unit, and then an optional comparison with the prior year
(比2023年…减少…, 与上年持平). The patterns describe the family of phrasings used by
部门预算 narratives, not any one department's sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from ...core.model import Fact, ReadWarning
from ...core.money import FEN, is_whole_fen, parse_amount, to_yuan
from .about import SENTENCE_END
from .joined import Joined

# --------------------------------------------------------------------------- keywords

#: Key → keyword pattern. Order matters where two keywords start at the same place: the
#: combined vehicle keyword must be tried before its purchase/running parts.
_KEYWORDS: tuple[tuple[str, str], ...] = (
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
    ("procurement_total", r"政府采购(?!货物|工程|服务)(?:项目)?"),
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
_KEY_OF_GROUP = {f"k{i}": key for i, (key, _) in enumerate(_KEYWORDS)}
_KW_ANY = "|".join(f"(?:{pattern})" for _, pattern in _KEYWORDS)
_KW_RE = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_KEYWORDS)))

#: A keyword that states several figures at once: 收支预算总额 is both totals.
_EXPANDS: dict[str, tuple[str, ...]] = {
    "budget_total": ("income_total", "expenditure_total"),
    "grand_total": ("income_grand_total", "expenditure_grand_total"),
}

#: Keys whose sentences also give a number of projects (…项目 6 个).
_COUNT_KEYS = frozenset({"purchased_services_total", "procurement_total"})

# --------------------------------------------------------------------------- grammar

# A loose number: anything number-like, so that a damaged amount ("1,2,3", "--") is
# caught and reported instead of being skipped in silence.
_NUM = r"(?:[-−]?\d[\d,.]*|[-−—–]{1,4})"
_UNIT = r"(?:万元|亿元|元)"
_UP = "增加|增长|上升|提高|增"
_DOWN = "减少|下降|降低|压减|缩减|节约|减"
_DIRS = f"{_UP}|{_DOWN}"
# 不一致, 不相同: a difference said, not its absence.
_FLAT = "基本持平|持平|(?<!不)一致|(?<!不)相同|(?<!不)相等|无变化|没有变化|未发生变化"
# Words that end the gap after a keyword: a comparison or a breakdown starts there.
_STOP = f"其中|比|较|同比|{_DIRS}|{_FLAT}"
_YEAR_TOKEN = r"\d{4}年度?"
_GAP_CHAR = rf"(?!{_KW_ANY}|{_STOP})[^。；;！!？?\d%\-−—–]"
_GAP_TOKEN = rf"(?:{_YEAR_TOKEN}|\d{{1,4}}(?:个|项)|{_GAP_CHAR})"
_GAP = rf"(?P<gap>{_GAP_TOKEN}{{0,40}}?)"
_COMPARE = (
    r"[，,、（(]?(?P<cmp>同比|相比|比|较|与)"
    r"(?:(?P<pyear>\d{4})年度?|(?P<plast>上一?年度?|去年))?"
    rf"(?:(?!{_DIRS}|{_FLAT})[^。；;\d%\-−—–]){{0,20}}?"
    rf"(?:(?P<prev>{_NUM})(?P<prev_unit>{_UNIT}))?"
    rf"(?:(?!{_DIRS}|{_FLAT})[^。；;\d%\-−—–]){{0,6}}?"
    rf"(?:(?P<dir>{_DIRS})(?:了|为)?(?P<chg>{_NUM})(?:(?P<chg_unit>{_UNIT})|(?P<chg_pct>%))"
    rf"|(?P<flat>{_FLAT}))"
    r"(?:[，,、（(]?(?:同比)?(?P<pdir>"
    rf"{_DIRS}|增幅|涨幅|降幅|减幅)(?:幅度|比例|率)?(?:为|了|达)?(?P<pct>{_NUM})%)?"
)
_WITH_AMOUNT_RE = re.compile(rf"{_GAP}(?P<cur>{_NUM})(?P<cur_unit>{_UNIT})(?:{_COMPARE})?")
_CHANGE_ONLY_RE = re.compile(rf"{_GAP}{_COMPARE}")
# A 决算 pair: 年初预算为0.95万元，支出决算为0.00万元，完成预算的0%.
_PAIR_RE = re.compile(
    rf"{_GAP}(?:年初|全年)?预算(?:数)?为(?P<bud>{_NUM})(?P<bud_unit>{_UNIT})[，,]"
    rf"[^。；;，,\d]{{0,12}}?决算(?:数)?为(?P<act>{_NUM})(?P<act_unit>{_UNIT})"
    rf"(?:[，,]完成(?:年初)?预算的(?P<rate>{_NUM})%)?"
)
# An actual's share of its budget printed after it: …决算为0.00万元，完成预算的0%.
_RATE_RE = re.compile(rf"[，,]完成(?:年初)?预算的(?P<rate>{_NUM})%")
# Assets held (国有资产占用情况): 共有车辆17台; 单位价值100万元以上的设备2台（套）.
_VEHICLES_RE = re.compile(r"(?:共有|现有|实有|拥有)(?:各类)?(?:车辆|公务用车|汽车)(?:共)?(?P<n>\d{1,5})(?:辆|台)")
_EQUIPMENT_RE = re.compile(
    r"(?<!购置)单(?:价|位价值)(?P<v>\d{1,4})万元(?:[（(]含[)）])?以上(?:的)?(?:通用|专用)?设备"
    r"(?:[（(]不含车辆[)）])?(?:共)?(?P<n>\d{1,5})台[（(]套[)）]"
)
_AREA_RE = re.compile(
    r"(?P<what>办公用房|房屋|土地)(?:建筑)?(?:总)?面积(?:共|合计|为|共计)?(?P<n>\d[\d,]*(?:\.\d+)?)平方米"
)
_COUNT_ONLY_RE = re.compile(rf"(?:{_YEAR_TOKEN}|{_GAP_CHAR}){{0,40}}?(?P<count>\d{{1,4}})(?:个|项)")
_COUNT_IN_RE = re.compile(r"(?<![\d.])(\d{1,4})(?:个|项)")
_DOWN_RE = re.compile(rf"^(?:{_DOWN}|降幅|减幅)")
_YEAR_BEFORE_RE = re.compile(r"(\d{4})年度?[^\d，,。；;：:]{0,8}$")
_YEAR_IN_GAP_RE = re.compile(r"(\d{4})年")
_AS_OF_RE = re.compile(r"(?:截止|截至)(?:到)?(\d{4})年")

# A list of projects with their amounts: 主要项目为X（700,000.00元）、Y（…元）和Z（…元）.
_PROJECT_LIST_RE = re.compile(r"(?:主要|重点)?项目(?:支出)?(?:主要)?(?:为|有|包括|是|如下)[：:]?")
_PROJECT_ITEM_RE = re.compile(
    rf"(?P<name>[^、，,。；;：:]{{2,60}}?)[（(](?P<amt>{_NUM})(?P<unit>{_UNIT})[)）]"
)
_PROJECT_SEP_RE = re.compile(r"、|，|,|以及|和|及|与")

# --------------------------------------------------------------------------- facts


class FactReader:
    """Walks the keywords of the joined text and turns their sentences into facts."""

    def __init__(self, joined: Joined, year: int | None, spans: list[tuple[int, int]]) -> None:
        self.joined = joined
        self.text = joined.text
        self.year = year
        self.heading_ends = sorted(end for _, end in spans)
        self.facts: list[Fact] = []
        self.warnings: list[ReadWarning] = []
        self._seen: dict[tuple[str, int | None, str | None], Fact] = {}
        # Position of a parsed amount → one unit of its last printed digit, in 元.
        self._precision: dict[int, Decimal] = {}

    # ---- helpers

    def clause(self, start: int, end: int) -> str:
        """The sentence around ``[start, end)``, without a heading glued before it."""
        text = self.text
        begin = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
        idx = bisect_right(self.heading_ends, start) - 1
        if idx >= 0:
            begin = max(begin, self.heading_ends[idx])
        stops = [p for c in SENTENCE_END if (p := text.find(c, end)) != -1]
        stop = min(stops) + 1 if stops else len(text)
        sentence = text[begin:stop].strip()
        if len(sentence) >= 200:
            sentence = text[start:end].strip()[:199]
        return sentence

    def amount(self, raw: str, unit: str, pos: int, keyword: str) -> Decimal | None:
        """Parse an amount to 元, or warn (naming the line) and return None."""
        try:
            yuan = to_yuan(parse_amount(raw), unit)
        except (ValueError, KeyError):
            line = self.joined.line_at(pos)
            self.warnings.append(
                ReadWarning(
                    f"cannot read the amount {raw!r} {unit} stated for {keyword}",
                    page=line.page,
                    line=line.number,
                    file=line.file or None,
                    code="narrative_amount",
                )
            )
            return None
        # The figure is stated to its last printed digit: 492.24 万元 only to the hundred 元.
        exponent = parse_amount(raw).as_tuple().exponent
        if isinstance(exponent, int):
            self._precision[pos] = to_yuan(Decimal(1).scaleb(exponent), unit)
        # 万元 amounts come out as 1234567.890000: keep them to the fen when exact.
        return yuan.quantize(FEN) if is_whole_fen(yuan) else yuan

    def percent(self, raw: str, pos: int, keyword: str) -> Decimal | None:
        try:
            return parse_amount(raw)
        except ValueError:
            line = self.joined.line_at(pos)
            self.warnings.append(
                ReadWarning(
                    f"cannot read the percentage {raw!r}% stated for {keyword}",
                    page=line.page,
                    line=line.number,
                    file=line.file or None,
                    code="narrative_amount",
                )
            )
            return None

    def add(self, fact: Fact) -> None:
        """Keep the first statement of a figure; note a later one that disagrees."""
        ident = (fact.key, fact.year, fact.label)
        first = self._seen.get(ident)
        if first is None:
            self._seen[ident] = fact
            self.facts.append(fact)
            return
        if first.amount_yuan != fact.amount_yuan and fact.amount_yuan is not None:
            self.warnings.append(
                ReadWarning(
                    f"the narrative states {fact.key} for {fact.year} twice: "
                    f"{first.amount_yuan} 元 (line {first.line}) and {fact.amount_yuan} 元",
                    page=fact.page,
                    line=fact.line,
                    code="narrative_conflict",
                )
            )

    def fact(
        self,
        key: str,
        year: int | None,
        amount: Decimal | None,
        pos: int,
        text: str,
        *,
        count: int | None = None,
        percent: Decimal | None = None,
        label: str | None = None,
    ) -> None:
        line = self.joined.line_at(pos)
        base, suffix = (key[: -len("_change")], "_change") if key.endswith("_change") else (key, "")
        for out_base in _EXPANDS.get(base, (base,)):
            out_key = out_base + suffix
            self.add(
                Fact(out_key, year, amount, line.page, line.number, text, count, percent, label,
                     precision_yuan=self._precision.get(pos) if amount is not None else None,
                     file=line.file or None)
            )

    def year_of(self, key: str, kw: re.Match[str], gap: str) -> int | None:
        """The year a figure is for: printed next to its keyword, else the budget year."""
        text = self.text
        if key == "fixed_assets_total":
            # "截至2023年12月31日，本单位共有车辆…，固定资产总额…": same sentence.
            begin = max(text.rfind("。", 0, kw.start()) + 1, kw.start() - 120)
            as_of = list(_AS_OF_RE.finditer(text, begin, kw.start()))
            if as_of:
                return int(as_of[-1].group(1))
        if match := _YEAR_IN_GAP_RE.search(gap):
            return int(match.group(1))
        if match := _YEAR_BEFORE_RE.search(text[max(0, kw.start() - 16) : kw.start()]):
            return int(match.group(1))
        return self.year

    # ---- the walk

    def read(self) -> None:
        consumed = 0
        for kw in _KW_RE.finditer(self.text):
            if kw.start() < consumed:
                continue
            key = _KEY_OF_GROUP[kw.lastgroup or ""]
            end = self.statement(key, kw)
            consumed = max(consumed, end)
        self.projects()
        self.assets()

    def statement(self, key: str, kw: re.Match[str]) -> int:
        """Read the figures after one keyword; return where the statement ends."""
        pair = _PAIR_RE.match(self.text, kw.end())
        if pair is not None:
            return self.budget_and_actual(key, kw, pair)
        match = _WITH_AMOUNT_RE.match(self.text, kw.end())
        has_amount = match is not None
        if match is None:
            match = _CHANGE_ONLY_RE.match(self.text, kw.end())
        if match is None:
            if key in _COUNT_KEYS:
                return self.count_only(key, kw)
            return kw.end()
        groups = match.groupdict()
        gap = groups["gap"] or ""
        year = self.year_of(key, kw, gap)
        clause = self.clause(kw.start(), match.end())
        label = kw.group(0)
        count = None
        if key in _COUNT_KEYS:
            found = _COUNT_IN_RE.search(gap) or _COUNT_IN_RE.search(clause)
            count = int(found.group(1)) if found else None
        current: Decimal | None = None
        if has_amount:
            current = self.amount(groups["cur"], groups["cur_unit"], match.start("cur"), label)
            rate = _RATE_RE.match(self.text, match.end("cur_unit"))
            share = self.percent(rate.group("rate"), rate.start("rate"), label) if rate else None
            self.fact(key, year, current, match.start("cur"), clause, count=count, percent=share)
            if key == "procurement_total" and count is not None:
                self.fact("procurement_count", year, None, match.start("cur"), clause, count=count)
        if groups.get("cmp"):
            self.comparison(key, year, current, match, clause, label)
        return match.end()

    def comparison(self, key: str, year: int | None, current: Decimal | None,
                   match: re.Match[str], clause: str, label: str) -> None:
        groups = match.groupdict()
        if groups["pyear"]:
            prior_year: int | None = int(groups["pyear"])
        else:
            prior_year = year - 1 if year is not None else None
        if groups["prev"]:
            prior = self.amount(groups["prev"], groups["prev_unit"], match.start("prev"), label)
            self.fact(key, prior_year, prior, match.start("prev"), clause)
        percent: Decimal | None = None
        if groups["pct"]:
            percent = self.percent(groups["pct"], match.start("pct"), label)
            if percent is not None and _DOWN_RE.match(groups["pdir"]):
                percent = -abs(percent)
        if groups["flat"]:
            if current is not None and not groups["prev"]:
                self.fact(key, prior_year, current, match.start("flat"), clause)
            self.fact(f"{key}_change", year, Decimal(0), match.start("flat"), clause,
                      percent=percent)
            return
        down = bool(_DOWN_RE.match(groups["dir"]))
        pos = match.start("chg")
        if groups["chg_pct"]:
            value = self.percent(groups["chg"], pos, label)
            percent = percent if percent is not None else (
                None if value is None else (-abs(value) if down else value)
            )
            self.fact(f"{key}_change", year, None, pos, clause, percent=percent)
            return
        change = self.amount(groups["chg"], groups["chg_unit"], pos, label)
        if change is not None and down:
            change = -abs(change)
        self.fact(f"{key}_change", year, change, pos, clause, percent=percent)

    def budget_and_actual(self, key: str, kw: re.Match[str], pair: re.Match[str]) -> int:
        """A 决算 sentence printing the budget, then the actual, then maybe their ratio:
        the budget is ``<key>_budget``, the actual is ``<key>`` with the printed 完成预算% as
        its percent."""
        label = kw.group(0)
        year = self.year_of(key, kw, pair.group("gap") or "")
        clause = self.clause(kw.start(), pair.end())
        budget = self.amount(pair.group("bud"), pair.group("bud_unit"), pair.start("bud"), label)
        actual = self.amount(pair.group("act"), pair.group("act_unit"), pair.start("act"), label)
        rate = self.percent(pair.group("rate"), pair.start("rate"), label) if pair.group("rate") else None
        self.fact(f"{key}_budget", year, budget, pair.start("bud"), clause)
        self.fact(key, year, actual, pair.start("act"), clause, percent=rate)
        return pair.end()

    def assets(self) -> None:
        """Counts of assets held, from the 国有资产占用 paragraph: vehicles, costly equipment,
        floor areas. They are counts (or 平方米), not money."""
        text = self.text
        for match in _VEHICLES_RE.finditer(text):
            clause = self.clause(match.start(), match.end())
            year = self._as_of(match.start())
            self.fact("assets_vehicles", year, None, match.start("n"), clause, count=int(match.group("n")))
        for match in _EQUIPMENT_RE.finditer(text):
            clause = self.clause(match.start(), match.end())
            year = self._as_of(match.start())
            self.fact("assets_equipment", year, None, match.start("n"), clause,
                      count=int(match.group("n")), label=f"单价{match.group('v')}万元以上设备")
        for match in _AREA_RE.finditer(text):
            clause = self.clause(match.start(), match.end())
            year = self._as_of(match.start())
            self.fact("assets_area_m2", year, None, match.start("n"), clause,
                      percent=None, label=f"{match.group('what')}面积（平方米）{match.group('n')}")

    def _as_of(self, pos: int) -> int | None:
        """The 截至 year of the sentence holding ``pos``, else the budget year."""
        begin = max(self.text.rfind("。", 0, pos) + 1, pos - 200)
        found = list(_AS_OF_RE.finditer(self.text, begin, pos))
        return int(found[-1].group(1)) if found else self.year

    def count_only(self, key: str, kw: re.Match[str]) -> int:
        """"政府采购项目 0 个": a count that is the only figure of its sentence."""
        match = _COUNT_ONLY_RE.match(self.text, kw.end())
        if match is None:
            return kw.end()
        count = int(match.group("count"))
        year = self.year_of(key, kw, self.text[kw.end() : match.start("count")])
        clause = self.clause(kw.start(), match.end())
        out_key = "procurement_count" if key == "procurement_total" else key
        self.fact(out_key, year, None, match.start("count"), clause, count=count)
        return match.end()

    def projects(self) -> None:
        """Project amounts listed as 主要项目为X（…元）、Y（…元）和Z（…元）."""
        text = self.text
        for head in _PROJECT_LIST_RE.finditer(text):
            pos = head.end()
            while item := _PROJECT_ITEM_RE.match(text, pos):
                name = item.group("name").strip()
                name = re.sub(r"^(?:以及|和|及|与)", "", name)
                amount = self.amount(item.group("amt"), item.group("unit"), item.start("amt"), name)
                clause = self.clause(item.start(), item.end())
                self.fact("project_amount", self.year, amount, item.start("amt"), clause,
                          label=name)
                sep = _PROJECT_SEP_RE.match(text, item.end())
                if sep is None:
                    break
                pos = sep.end()


