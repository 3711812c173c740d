"""Settling which column an amount belongs to when the text does not say.

Empty cells vanish in extracted text, so a row of 支出总表 printing one amount besides its
total does not say whether it is 基本支出 or 项目支出, nor a row of 基本支出表 whether it is
人员经费 or 公用经费. Evidence, strongest first:

1. another table that names the row (项目支出表 lists projects under the same codes with
   the same amount, or — complete — none under them; 基本支出表 prints the same economic
   row; 支出总表 already settled the function code);
2. the standard classification (工资福利 and 对个人和家庭的补助 are 人员经费, 商品和服务 公用经费;
   a 行政运行 function is basic expenditure) — weak, it has exceptions;
3. the printed 合计: when the weak choices do not add up to it, the unique smallest set of
   weak choices whose change makes them add up is changed.

Every decision is recorded as an :class:`~deptbudget.core.model.Inference` with its evidence;
where the evidence does not decide, a warning says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Any

from ..core.labels import COLUMN_LABELS
from ..core.model import Inference, ReadWarning
from ..core.money import format_yuan_display
from .tables.parsed import ParsedTable

ZERO = Decimal(0)
#: How many weak choices the totals search may change at once; beyond that the evidence
#: is too thin to call it an inference.
MAX_FLIPS = 3


@dataclass
class Choice:
    """A column chosen for an ambiguous amount, how sure, and why."""

    column: str
    strong: bool
    evidence: str


Rule = Callable[[dict[str, Any], Decimal], Choice | None]


def _yuan(value: Decimal) -> str:
    return f"{format_yuan_display(value)} 元"


def resolve(
    table: ParsedTable,
    rules: list[Rule],
    default: Callable[[dict[str, Any]], Choice],
    target_totals: dict[str, tuple[Decimal, str]] | None = None,
) -> list[Inference]:
    """Assign every ambiguous amount of ``table`` to a column and record why.

    Parameters
    ----------
    table : ParsedTable
        A parsed table with ``ambiguities``; its records are updated in place.
    rules : list of callable
        Evidence from other tables, tried in order; each returns a strong
        :class:`Choice` or None.
    default : callable
        The classification's weak choice for a record.
    target_totals : dict, optional
        Column → (amount, where it is printed) to fit the weak choices to; defaults to
        the table's printed totals.

    Returns
    -------
    list of Inference
        One per ambiguous amount.
    """
    if not table.ambiguities:
        return []
    pair = table.ambiguities[0].candidates
    choices: list[Choice] = []
    for amb in table.ambiguities:
        record = table.records[amb.row]
        choice = None
        for rule in rules:
            choice = rule(record, amb.amount)
            if choice is not None:
                break
        choices.append(choice or default(record))
    targets = target_totals
    if targets is None:
        targets = {
            c: (table.printed_totals[c], "表内合计行") for c in pair if c in table.printed_totals
        }
    _fit_totals(table, pair, choices, targets)
    inferences = []
    for amb, choice in zip(table.ambiguities, choices, strict=True):
        record = table.records[amb.row]
        for column in pair:
            record[column] = amb.amount if column == choice.column else ZERO
        inferences.append(
            Inference(
                table=table.key,
                page=record["page"],
                line=record["end_line"],
                column=choice.column,
                amount_yuan=amb.amount,
                evidence=choice.evidence,
                strong=choice.strong,
            )
        )
    return inferences


def _fit_totals(
    table: ParsedTable,
    pair: tuple[str, ...],
    choices: list[Choice],
    targets: dict[str, tuple[Decimal, str]],
) -> None:
    """Change the fewest weak choices so that a column adds up to its printed total."""
    fixed = _known_parts(table, pair)
    weak = [i for i, c in enumerate(choices) if not c.strong]
    solutions: list[tuple[str, tuple[int, ...]]] = []
    for column, (target, where) in targets.items():
        current = fixed[column] + sum(
            (a.amount for a, c in zip(table.ambiguities, choices, strict=True) if c.column == column),
            ZERO,
        )
        gap = target - current
        if gap == 0:
            return
        found = _flips_closing(gap, column, weak, choices, table)
        if len(found) == 1:
            solutions.append((column, found[0]))
        elif len(found) > 1:
            table.warnings.append(ReadWarning(
                f"{COLUMN_LABELS.get(column, column)}: {len(found)} different sets of rows would make "
                f"the column add up to {where} {_yuan(target)}; the classification's choice is kept",
                table.key, None, None, "ambiguous_column",
            ))
    if not solutions:
        return
    solutions.sort(key=lambda s: len(s[1]))
    if len(solutions) > 1 and len(solutions[0][1]) == len(solutions[1][1]) and (
        set(solutions[0][1]) != set(solutions[1][1])
    ):
        table.warnings.append(ReadWarning(
            "the printed totals admit two different column assignments; the classification's "
            "choice is kept", table.key, None, None, "ambiguous_column",
        ))
        return
    column, flips = solutions[0]
    target, where = targets[column]
    other = {pair[0]: pair[1], pair[1]: pair[0]}
    for i in flips:
        old = choices[i].column
        choices[i] = Choice(
            other[old],
            strong=True,
            evidence=(
                f"按分类通常列入{COLUMN_LABELS.get(old, old)}，但只有将此行改列"
                f"{COLUMN_LABELS.get(other[old], other[old])}，"
                f"{COLUMN_LABELS.get(column, column)}各行之和才等于{where}{_yuan(target)}"
            ),
        )


def _known_parts(table: ParsedTable, pair: tuple[str, ...]) -> dict[str, Decimal]:
    ambiguous_rows = {a.row for a in table.ambiguities}
    sums = dict.fromkeys(pair, ZERO)
    for i, record in enumerate(table.records):
        if i in ambiguous_rows:
            continue
        for column in pair:
            sums[column] += record.get(column) or ZERO
    return sums


def _flips_closing(
    gap: Decimal,
    column: str,
    weak: list[int],
    choices: list[Choice],
    table: ParsedTable,
) -> list[tuple[int, ...]]:
    """All smallest sets of weak choices whose change moves ``gap`` into ``column``."""
    signed = {}
    for i in weak:
        amount = table.ambiguities[i].amount
        signed[i] = -amount if choices[i].column == column else amount
    for size in range(1, MAX_FLIPS + 1):
        found = [
            combo
            for combo in combinations(weak, size)
            if sum((signed[i] for i in combo), ZERO) == gap
        ]
        if found:
            return found
    return []


# --- evidence rules -------------------------------------------------------------------


def projects_rule(projects: list[dict[str, Any]]) -> Rule:
    """Strong evidence: 项目支出表 lists projects under the row's codes with its amount."""
    sums: dict[tuple[str | None, str | None], Decimal] = defaultdict(lambda: ZERO)
    for p in projects:
        if p.get("total_yuan") is not None:
            sums[(p.get("function_code"), p.get("dept_econ_code"))] += p["total_yuan"]

    def rule(record: dict[str, Any], amount: Decimal) -> Choice | None:
        key = (record.get("function_code"), record.get("dept_econ_code"))
        if key in sums and sums[key] == amount:
            return Choice(
                "project_yuan", True,
                f"项目支出表列有功能科目{key[0]}、经济科目{key[1]}下的项目，合计{_yuan(amount)}，与本行相同",
            )
        return None

    return rule


def no_project_rule(projects: list[dict[str, Any]], complete: bool) -> Rule:
    """Strong evidence: a complete 项目支出表 lists no project under the row's codes.

    ``complete`` says the projects add up to the project column's printed total, so every
    project amount of the row's table must appear in 项目支出表 under the same codes; a
    row whose codes carry no project there is basic expenditure, whatever its function.
    """
    pairs = {(p.get("function_code"), p.get("dept_econ_code")) for p in projects}

    def rule(record: dict[str, Any], amount: Decimal) -> Choice | None:
        key = (record.get("function_code"), record.get("dept_econ_code"))
        if not complete or key in pairs:
            return None
        return Choice(
            "basic_yuan", True,
            f"项目支出表（各项目之和等于本表项目支出合计）在功能科目{key[0]}、经济科目{key[1]}下没有项目",
        )

    return rule


def basic_rows_rule(basic_rows: list[dict[str, Any]]) -> Rule:
    """Strong evidence: 一般公共预算基本支出表 prints the same economic row with the same amount."""
    seen: dict[tuple[str | None, str | None, Decimal], int] = defaultdict(int)
    for r in basic_rows:
        if r.get("total_yuan") is not None:
            seen[(r.get("gov_econ_code"), r.get("dept_econ_code"), r["total_yuan"])] += 1

    def rule(record: dict[str, Any], amount: Decimal) -> Choice | None:
        key = (record.get("gov_econ_code"), record.get("dept_econ_code"), amount)
        if seen.get(key):
            return Choice(
                "basic_yuan", True,
                f"一般公共预算基本支出表列有经济科目{key[1]}、金额{_yuan(amount)}的同一行",
            )
        return None

    return rule


def function_split_rule(expenditure: list[dict[str, Any]]) -> Rule:
    """Strong evidence: 支出总表 shows the function code wholly basic or wholly project."""
    basic: dict[str, Decimal] = defaultdict(lambda: ZERO)
    project: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for r in expenditure:
        code = r.get("function_code")
        basic[code] += r.get("basic_yuan") or ZERO
        project[code] += r.get("project_yuan") or ZERO

    def rule(record: dict[str, Any], amount: Decimal) -> Choice | None:
        code = record.get("function_code")
        if code not in basic:
            return None
        if basic[code] == amount and project[code] == 0:
            return Choice("basic_yuan", True, f"支出总表中功能科目{code}全部为基本支出，共{_yuan(amount)}")
        if project[code] == amount and basic[code] == 0:
            return Choice("project_yuan", True, f"支出总表中功能科目{code}全部为项目支出，共{_yuan(amount)}")
        # The row shows one fund's part (一般公共预算) of what 支出总表 shows from every
        # source: the amounts differ, but a code with only one kind of spending there
        # has only that kind here.
        if project[code] == 0 and basic[code] > 0:
            return Choice("basic_yuan", True, f"支出总表中功能科目{code}只有基本支出，没有项目支出")
        if basic[code] == 0 and project[code] > 0:
            return Choice("project_yuan", True, f"支出总表中功能科目{code}只有项目支出，没有基本支出")
        return None

    return rule


def basic_or_project_default(record: dict[str, Any]) -> Choice:
    """Weak evidence from the classification: 行政运行, 事业运行 and personal items are basic."""
    code = record.get("function_code") or ""
    econ = record.get("dept_econ_code") or ""
    # 项 xx01 is 行政运行 and xx50 事业运行 throughout the function classification.
    running = len(code) == 7 and code.endswith(("01", "50"))
    if running or econ[:3] in ("301", "303") or code[:3] in ("208", "210", "221"):
        return Choice("basic_yuan", False, "按功能/经济分类通常为基本支出（行政运行、工资福利、社保、住房等）")
    return Choice("project_yuan", False, "按功能分类通常为项目支出（非行政运行的事务性科目）")


def personnel_or_public_default(classify: Callable[[str], str]) -> Callable[[dict[str, Any]], Choice]:
    """Weak evidence: 工资福利/对个人和家庭的补助 are 人员经费, 商品和服务 公用经费."""

    def default(record: dict[str, Any]) -> Choice:
        kind = classify(record.get("dept_econ_code") or "")
        if kind == "personnel":
            return Choice("personnel_yuan", False, "按部门经济分类（工资福利、对个人和家庭的补助）通常为人员经费")
        if kind == "public":
            return Choice("public_yuan", False, "按部门经济分类（商品和服务支出）通常为公用经费")
        # 资本性支出 (310 办公设备购置 …) kept in basic expenditure is 公用经费 too.
        return Choice("public_yuan", False, "按部门经济分类（商品和服务、资本性支出）通常为公用经费")

    return default
