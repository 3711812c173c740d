"""The execution rate a 决算's narrative prints (完成预算的96.50%) against its own budget and actual."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..core.labels import FACT_LABELS
from ..core.model import Disclosure, Fact
from .findings import Finding, place, skipped, yuan

HUNDRED = Decimal(100)


def _decimals(percent: Decimal) -> int:
    exponent = percent.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _rate(actual: Decimal, budget: Decimal, places: int) -> Decimal:
    return (actual / budget * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def execution_rates(d: Disclosure) -> list[Finding]:
    """``arith.execution_rate.<key>``: the printed 完成预算% equals actual / budget at its printed
    rounding.

    Both amounts are themselves rounded (to 0.01 万元, say): a printed rate that the exact ratio
    misses but some pair of true amounts within half a unit of the printed ones gives is a
    ``warn`` naming that rounding, never a ``fail``. A rate printed without its budget in the
    narrative is ``skipped``.

    Parameters
    ----------
    d : Disclosure
        The disclosure; only its narrative facts are read.

    Returns
    -------
    list of Finding
        One per actual that carries a printed 完成预算% (none for a 预算).
    """
    findings = []
    for actual in (f for f in d.facts if f.percent is not None and not f.key.endswith(("_change", "_budget"))
                   and f.amount_yuan is not None and "完成" in f.text):
        key = actual.key
        label = FACT_LABELS.get(key, key)
        check = f"arith.execution_rate.{key}"
        budget = _budget_of(d, actual)
        if budget is None or budget.amount_yuan is None:
            reason = f"{label}：说明印出完成预算{actual.percent}%，但未印出其预算数"
            findings.append(skipped(check, ["narrative"], reason))
            continue
        evidence = [place("情况说明", actual.page, actual.line)]
        if budget.amount_yuan == 0:
            findings.append(skipped(check, ["narrative"], f"{label}：预算数为0，无法计算完成率"))
            continue
        places = _decimals(actual.percent)
        computed = _rate(actual.amount_yuan, budget.amount_yuan, places)
        head = (f"{label}完成预算比例：说明为{actual.percent}%，按说明的决算数{yuan(actual.amount_yuan)}"
                f"与预算数{yuan(budget.amount_yuan)}计算为{computed}%")
        if computed == actual.percent:
            findings.append(Finding(check, "pass", ["narrative"], head + "，一致。", evidence=evidence))
            continue
        if _within_rounding(actual, budget, places):
            why = "，不同只因两数各自四舍五入（在其末位半个单位之内取值即可得出说明的比例），不是账目不一致。"
            findings.append(Finding(check, "warn", ["narrative"], head + why, evidence=evidence))
            continue
        findings.append(Finding(check, "fail", ["narrative"], head + "，不一致。", evidence=evidence))
    return findings


def _budget_of(d: Disclosure, actual: Fact) -> Fact | None:
    """The budget printed beside ``actual``: same key and year, in the same sentence."""
    same = [f for f in d.facts if f.key == f"{actual.key}_budget" and f.year == actual.year]
    for fact in same:
        if fact.text == actual.text:
            return fact
    return None


def _within_rounding(actual: Fact, budget: Fact, places: int) -> bool:
    """Whether some true amounts within half a printed unit of each figure give the printed rate."""
    half_a = (actual.precision_yuan or Decimal("0.01")) / 2
    half_b = (budget.precision_yuan or Decimal("0.01")) / 2
    low = max(actual.amount_yuan - half_a, Decimal(0)) / (budget.amount_yuan + half_b) * HUNDRED
    high = (actual.amount_yuan + half_a) / max(budget.amount_yuan - half_b, Decimal("0.01")) * HUNDRED
    half_p = Decimal(1).scaleb(-places) / 2
    return low - half_p <= actual.percent <= high + half_p
