"""收支总表 and 财政拨款收支总表: income items on the left, expenditure items on the right.

Empty cells vanish, but order survives: an amount belongs to the item printed just before
it. Which side an item stands on follows from its place on the line (two items: left,
then right) or, for a lone item, from its wording.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...core.model import Place
from ...core.money import money_in_yuan
from ..layout import TableBlock
from .parsed import ParsedTable
from .rows import read_amount

_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、]|"
    r"本年收入|本年支出|收入总计|支出总计|收入合计|支出合计|上年结转|年终结转|结转下年|用事业基金)"
)
_AMOUNT_TOKEN = re.compile(r"^[-−]?[\d,.]*\d[\d,.]*$|^[-—–]{1,3}$")
_EXPENDITURE_WORDS = re.compile(r"支出|结转下年|年终结转|结余分配")
_TOTALS = {
    "本年收入合计": ("income", "current_total_yuan"),
    "本年支出合计": ("expenditure", "current_total_yuan"),
    "收入总计": ("income", "grand_total_yuan"),
    "支出总计": ("expenditure", "grand_total_yuan"),
    "收入合计": ("income", "current_total_yuan"),
    "支出合计": ("expenditure", "current_total_yuan"),
}
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


def _side(item: str, position: int, count: int) -> str:
    if count >= 2:
        return "income" if position == 0 else "expenditure"
    return "expenditure" if _EXPENDITURE_WORDS.search(item) else "income"


def parse_two_sided(block: TableBlock, key: str) -> ParsedTable:
    """Parse a two-sided summary table into (side, item, amount) rows.

    Totals (本年收入合计, 收入总计 …) go to ``printed_totals`` as ``income_current_total_yuan``
    and the like, not to the rows. An item printed without an amount is 0 with
    ``printed`` False.
    """
    unit = block.unit or "万元"
    table = ParsedTable(key=key, records=[])
    items: list[dict[str, Any]] = []
    started = False
    for line in block.body:
        tokens = line.text.split()
        if not started:
            if not tokens or not _ITEM_START.match(tokens[0]):
                continue
            started = True
        line_items: list[dict[str, Any]] = []
        for token in tokens:
            if _AMOUNT_TOKEN.match(token):
                target = line_items[-1] if line_items else (items[-1] if items else None)
                if target is None:
                    table.warn(f"amount {token!r} before any item", line.page, line.number,
                               code="unparsed_row")
                    continue
                if target["amount_text"] is not None:
                    table.warn(f"second amount {token!r} for item {target['item']!r}",
                               line.page, line.number, code="unparsed_row")
                    continue
                target["amount_text"] = token
                target["end_line"] = line.number
                target["amount_page"] = line.page
            elif _ITEM_START.match(token) or not (line_items or items):
                line_items.append({
                    "item": token, "amount_text": None, "page": line.page,
                    "line": line.number, "end_line": line.number,
                })
            else:
                # A wrapped cell: the rest of the item printed before it.
                target = line_items[-1] if line_items else items[-1]
                target["item"] += token
        for position, item in enumerate(line_items):
            item["side_hint"] = (position, len(line_items))
        items.extend(line_items)
    parents = {"income": None, "expenditure": None}
    for item in items:
        position, count = item.pop("side_hint")
        name = item["item"]
        side = _side(name, position, count)
        amount_text = item.pop("amount_text")
        amount_page = item.pop("amount_page", item["page"])
        try:
            amount = read_amount(amount_text) if amount_text else None
        except ValueError:
            table.warn(f"damaged amount {amount_text!r} for {name!r}: read as missing",
                       amount_page, item["end_line"], code="damaged_amount")
            amount = None
        yuan = money_in_yuan(amount, unit)
        compact = re.sub(r"[：:\s]", "", name)
        if compact in _TOTALS:
            total_side, column = _TOTALS[compact]
            if yuan is not None:
                table.printed_totals[f"{total_side}_{column}"] = yuan
                table.totals_place = Place(amount_page, item["end_line"])
            continue
        level = 2 if _LEVEL2.match(name) else 1
        if level == 1:
            parents[side] = name
        table.records.append({
            "side": side,
            "item": name,
            "amount_yuan": yuan if yuan is not None else Decimal("0.00"),
            "printed": yuan is not None,
            "level": level,
            "parent": parents[side] if level == 2 else None,
            "page": item["page"],
            "line": item["line"],
            "end_line": item["end_line"],
        })
    return table
