"""Reading a disclosure: files → document → layout family → tables and narrative →
one :class:`~deptbudget.core.model.Disclosure`.

Text of the Beijing family is read by the text parsers (:mod:`.text_reading`); published
PDFs through their ruled grids (:mod:`.grid_reading`), each table with its family's reader.
Text of another family (``pdftotext`` output of a Shanghai PDF, say) cannot show which
column an amount is in: its narrative is read and its tables are listed as not read, so
no check rests on a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from ..core.errors import DisclosureError
from ..core.labels import COLUMN_LABELS, TABLE_LABELS
from ..core.model import Disclosure, ReadWarning, TableInfo
from ..core.money import format_yuan_display
from .document import Document, document_from_bytes, open_document
from .families import detect_family, document_words
from .families.base import Family
from .grid_reading import locate_tables, read_grid_tables
from .layout import split_layout
from .narrative import read_narrative
from .sources.text import Line
from .tables.parsed import ParsedTable
from .text_reading import read_text_tables, settle_text_tables, year_from_titles

ZERO = Decimal(0)
#: Where the department names itself on a cover or table head (预算主管部门：…).
#: A table's head line naming its department, with the unit maybe beside it.
_HEAD_NAME = re.compile(r"^\s*(?:部门名称|单位名称|编制部门|编制单位)\s*[：:]\s*(\S{2,40}?)(?=\s|单位[：:]|$)")
_DEPT_LINE = re.compile(r"^(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|部门)\s*[：:]?\s*(\S{2,40})$")
_REGION = re.compile(
    r"^(?:中共)?(?P<region>(?:北京市|天津市|上海市|重庆市|[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}自治区)"
    r"(?:[\u4e00-\u9fff]{1,4}?(?:区|县|市|旗|州))?)"
)
_YEAR = re.compile(r"(20\d{2})\s*年")
#: A cover's title names the department before (or on the line above) the year and the kind:
#: ``上海市某某区某某局`` / ``2024年度部门决算``.
_COVER_TITLE = re.compile(r"^(?P<name>\S{2,40}?)?20\d{2}年度?(?:区级|市级|省级|县级)?(?:部门|单位)(?:预算|决算)")
#: How an organisation's name ends (局, 委员会, 办公室, 中心 …).
_ORG_NAME = re.compile(
    r"(?:办公室|委员会|局|委|办|院|所|中心|部|厅|署|会|馆|站|队|处|室|政府|校|园|社|团|公司|集团|台|库)$"
)


def read_disclosure(path: str | Path | Iterable[str | Path]) -> Disclosure:
    """Read one department's budget or final-accounts disclosure.

    Parameters
    ----------
    path : path, or iterable of paths
        A text disclosure (UTF-8 or GB18030), a text-based PDF, a folder of the files of one
        disclosure, or several files that together are one (narrative and tables published
        apart).

    Returns
    -------
    Disclosure
        Department, year, layout family, kind (预算/决算), entity level, tables (money as
        exact :class:`~decimal.Decimal` 元), narrative facts, the inferences made and every
        warning, each with its file, page and line.

    Raises
    ------
    DisclosureError
        If a file cannot be read as a disclosure at all (missing, empty, binary, encrypted,
        damaged, scanned, or with neither narrative nor tables), naming the file and place.
    """
    return read_document(open_document(path))


def read_bytes(data: bytes, name: str = "<input>") -> Disclosure:
    """Read a disclosure from bytes (for tests and callers that hold the file in memory)."""
    return read_document(document_from_bytes([(name, data)]))


def read_document(doc: Document) -> Disclosure:
    """Build a :class:`Disclosure` from an opened document (any formats, one or more files)."""
    words = document_words([line.text for line in doc.lines])
    family = detect_family(words)
    layout_name, expected = family.form(words)
    first = doc.files[0]
    disclosure = Disclosure(
        path=doc.paths[0], sha256=first.sha256, encoding=first.encoding or "pdf",
        layout=layout_name, kind=family.kind, sources=list(doc.files), expected_tables=expected,
    )
    if any(f.format == "pdf" for f in doc.files):
        parsed, heads = (_read_grids if family.readers else _read_narrative_only)(doc, family, disclosure)
    elif family.name == "beijing" and expected == family.expected:
        # The text parsers know the district form (the sample's); the municipal form's tables
        # have other columns, which only its PDF's grids show.
        parsed, heads = _read_beijing_text(doc, disclosure)
    else:
        parsed, heads = _read_narrative_only(doc, family, disclosure)
    _identify(doc, disclosure, heads)
    _finish(disclosure, parsed)
    return disclosure


def _read_narrative(lines: list[Line], disclosure: Disclosure, doc: Document, has_tables: bool) -> None:
    narrative = read_narrative(lines)
    if not has_tables and not narrative.facts and not narrative.sections:
        raise DisclosureError(
            doc.paths[0], "no budget table and no narrative heading found: not a 部门预算 or 部门决算 disclosure",
            line=doc.lines[0].number if doc.lines else None,
        )
    disclosure.department = narrative.department
    disclosure.year = narrative.year
    disclosure.staff = narrative.staff
    disclosure.facts = narrative.facts
    disclosure.sections = narrative.sections
    disclosure.narrative_text = narrative.text
    disclosure.warnings.extend(narrative.warnings)


def _read_beijing_text(doc: Document, disclosure: Disclosure) -> tuple[dict[str, ParsedTable], list[str]]:
    layout = split_layout(doc.lines)
    narrative = read_narrative(layout.narrative)
    if not layout.tables and not narrative.facts and not narrative.sections:
        raise DisclosureError(
            doc.paths[0], "no budget table and no narrative heading found: not a 部门预算 disclosure",
            line=doc.lines[0].number if doc.lines else None,
        )
    disclosure.department = narrative.department
    disclosure.staff = narrative.staff
    disclosure.facts = narrative.facts
    disclosure.sections = narrative.sections
    disclosure.narrative_text = narrative.text
    disclosure.warnings.extend(narrative.warnings)
    parsed = read_text_tables(layout, disclosure)
    disclosure.year = narrative.year or year_from_titles(layout.tables)
    _identity_warnings(disclosure)
    settle_text_tables(parsed, disclosure)
    return parsed, []


def _read_grids(doc: Document, family: Family, disclosure: Disclosure) -> tuple[dict[str, ParsedTable], list[str]]:
    located = locate_tables(doc, family.key_of)
    _read_narrative(located.narrative, disclosure, doc, bool(located.tables))
    parsed, infos = read_grid_tables(located, family)
    disclosure.table_info.update(infos)
    for table in located.unread:
        label = TABLE_LABELS.get(table.key, table.key)
        disclosure.warn(
            f"table {table.key} ({label}) is printed on page {table.page} but has no ruled grid the "
            "reader can follow: its figures were not read",
            table=table.key, page=table.page, line=table.line, file=table.file, code="table_not_read",
            zh=f"第{table.page}页印有{label}，但表格没有可识别的框线，其中的数字未读取",
        )
    units = Counter(info.unit for info in infos.values() if info.extra.get("unit_stated", True))
    disclosure.unit = units.most_common(1)[0][0] if units else "万元"
    heads = [t.department for t in located.tables if t.department]
    heads += [t.title for t in located.tables]
    return parsed, heads


def _read_narrative_only(
    doc: Document, family: Family, disclosure: Disclosure
) -> tuple[dict[str, ParsedTable], list[str]]:
    """A layout whose tables this reading cannot take column by column: text of a layout other
    than the sample's (empty cells vanish), or a PDF of a family without grid readers."""
    _read_narrative(doc.lines, disclosure, doc, False)
    titles = [line.text for line in doc.lines if len(line.text) <= 60 and family.key_of(re.sub(r"\s+", "", line.text))
              and line.text.rstrip().endswith("表")]
    pdf = any(f.format == "pdf" for f in doc.files)
    why = ("the reader has no table readers for this layout's PDF yet" if pdf else
           "its tables cannot be read column by column from text (empty cells vanish); read the published PDF")
    disclosure.warn(
        f"{family.label}: {why}. Only the narrative is read ({len(titles)} table titles seen)",
        code="tables_not_read",
    )
    parsed: dict[str, ParsedTable] = {}
    for line in doc.lines:
        key = family.key_of(re.sub(r"\s+", "", line.text)) if line.text in titles else None
        if key is None or key in parsed:
            continue
        # The table is printed (its title is), but its rows are not read: no check rests on it.
        parsed[key] = ParsedTable(key=key, records=[], extra={"unread": "tables_not_read"})
        disclosure.table_info[key] = TableInfo(
            key=key, number=None, title=line.text.strip(), unit=disclosure.unit, page=line.page,
            line=line.number, file=line.file or None,
        )
    # The tables' head lines (部门名称：某某省某某厅  单位：万元) name the department formally.
    names = [m.group(1) for line in doc.lines for m in [_HEAD_NAME.search(line.text)] if m]
    return parsed, titles + names


def _identify(doc: Document, disclosure: Disclosure, heads: list[str]) -> None:
    """Department, year, region and entity level where the narrative did not say them."""
    cover = [line.text.strip() for line in doc.lines if line.page <= 2][:40]
    if disclosure.department is not None and not _ORG_NAME.search(disclosure.department):
        # The narrative's guess is no organisation's name (a 决算's 主要职能 starts with a rule's
        # text); the cover's title, where it names one, is the document's own statement.
        disclosure.department = _cover_department(cover) or disclosure.department
    named = Counter(h for h in heads if _plausible_name(h))
    formal = named.most_common(1)[0][0] if named else None
    if formal and disclosure.department and disclosure.department != formal and disclosure.department in formal:
        # The narrative's sentence cut the name short (``某某院`` for the ``某某省某某院``
        # every table head names): the tables' head line is the document's formal statement.
        disclosure.department = formal
    if disclosure.department is None:
        if formal:
            disclosure.department = formal
        else:
            for text in cover:
                found = _DEPT_LINE.match(re.sub(r"\s+", "", text))
                if found and _plausible_name(found.group(1)):
                    disclosure.department = found.group(1)
                    break
    if disclosure.year is None:
        years = Counter(int(m.group(1)) for text in cover + heads for m in [_YEAR.search(text)] if m)
        disclosure.year = years.most_common(1)[0][0] if years else None
    for text in ([disclosure.department] if disclosure.department else []) + cover:
        found = _REGION.match(re.sub(r"\s+", "", text))
        if found:
            disclosure.region = found.group("region")
            break
    disclosure.entity_level = _entity_level(cover, heads)
    if not any(w.code in ("no_year", "no_department") for w in disclosure.warnings):
        _identity_warnings(disclosure)


def _cover_department(cover: list[str]) -> str | None:
    """The organisation a cover's title names: ``XXX2024年度部门决算``, or ``XXX`` on the line
    above ``2024年度部门决算``."""
    lines = [re.sub(r"\s+", "", t) for t in cover[:8]]
    for i, text in enumerate(lines):
        found = _COVER_TITLE.match(text)
        if not found:
            continue
        name = found.group("name") or (lines[i - 1] if i else None)
        if name and _plausible_name(name) and _ORG_NAME.search(name):
            return name
    return None


def _plausible_name(text: str) -> bool:
    return 2 <= len(text) <= 40 and not re.search(r"\d|表$|单位[：:]", text)


def _entity_level(cover: list[str], heads: list[str]) -> str:
    """单位 when the cover and table heads say 单位预算 / 编制单位 more than 部门 wording."""
    words = [re.sub(r"\s+", "", t) for t in cover + heads]
    unit = sum(bool(re.search(r"单位预算|^预算单位|编制单位|预算单位财务", w)) for w in words)
    dept = sum(bool(re.search(r"部门预算|部门决算|预算主管部门|编制部门", w)) for w in words)
    return "单位" if unit > dept else "部门"


def _identity_warnings(disclosure: Disclosure) -> None:
    if disclosure.year is None:
        disclosure.warn("the budget year is printed nowhere the reader looks", code="no_year")
    if disclosure.department is None:
        disclosure.warn("the department's name was not found in the narrative", code="no_department")


def _finish(disclosure: Disclosure, parsed: dict[str, ParsedTable]) -> None:
    for key, table in parsed.items():
        disclosure.warnings.extend(table.warnings)
        info = disclosure.table_info[key]
        for record in table.records:
            record.setdefault("file", info.file)
        disclosure.tables[key] = table.frame()
        info.rows = len(table.records)
        info.printed_totals = table.printed_totals
        info.totals_place = table.totals_place
        info.subtotals = table.subtotals
        info.extra = {**table.extra, **info.extra}
    unread = {w.table for w in disclosure.warnings if w.code == "table_not_read"}
    for key in disclosure.expected_tables:
        if key not in disclosure.table_info and key not in unread:
            disclosure.warn(
                f"table {key} ({TABLE_LABELS[key]}) is missing from the disclosure",
                table=key, code="missing_table", zh=f"公开文件中没有{TABLE_LABELS[key]}",
            )
    _check_totals(disclosure)
    for item in [*disclosure.inferences, *disclosure.warnings]:
        if item.file is None and item.table in disclosure.table_info:
            item.file = disclosure.table_info[item.table].file


def _check_totals(disclosure: Disclosure) -> None:
    """Warn, per table and column, where the rows do not add up to the printed 合计."""
    for key, info in disclosure.table_info.items():
        frame = disclosure.tables.get(key)
        if frame is None or key in ("summary", "fiscal_summary", "income"):
            continue
        if key == "three_public" and "level" in frame.columns:
            # 购置费 and 运行维护费 are printed under 公务用车 as its parts, not beside it.
            frame = frame[frame["level"] == 1]
        for column, printed in info.printed_totals.items():
            if column not in frame.columns:
                continue
            rows_sum = sum((v for v in frame[column] if isinstance(v, Decimal)), ZERO)
            if rows_sum != printed:
                place = info.totals_place
                disclosure.warnings.append(ReadWarning(
                    f"{TABLE_LABELS[key]} column {column}: the rows add up to "
                    f"{format_yuan_display(rows_sum)} 元, the printed total is "
                    f"{format_yuan_display(printed)} 元 (difference "
                    f"{format_yuan_display(printed - rows_sum)} 元)",
                    table=key, page=place.page if place else None,
                    line=place.line if place else None, code="total_mismatch",
                    zh=f"“{COLUMN_LABELS.get(column, column)}”列各行之和为{format_yuan_display(rows_sum)}元，"
                       f"合计行为{format_yuan_display(printed)}元，相差{format_yuan_display(printed - rows_sum)}元",
                ))
