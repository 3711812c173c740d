"""The data a reading produces: a :class:`Disclosure` and what it is made of."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import describe_place
from .labels import TABLE_LABELS, WARNING_LABELS
from .money import format_yuan

#: The tables of a Beijing 部门预算, in its standard order (the first layout the reader knew).
BEIJING_KEYS: tuple[str, ...] = (
    "summary",
    "income",
    "expenditure",
    "projects",
    "fiscal_summary",
    "general_budget",
    "general_budget_basic",
    "gov_fund",
    "state_capital",
    "three_public",
    "purchased_services",
    "transfer_payments",
    "overall_performance",
    "project_performance",
)

#: Tables other layouts print whose meaning no Beijing table has (see ``docs/layouts.md``).
OTHER_KEYS: tuple[str, ...] = (
    "income_by_function",
    "expenditure_by_function",
    "expenditure_by_use",
    "fiscal_expenditure",
    "fiscal_basic",
    "admin_operating",
    "meeting_training",
    "procurement",
    "gov_fund_final",
    "state_capital_final",
)

#: Every table key the reader knows: the Beijing order, then the others.
TABLE_KEYS: tuple[str, ...] = BEIJING_KEYS + OTHER_KEYS

#: Columns each table is written with, in order (provenance columns are appended).
TABLE_COLUMNS: dict[str, list[str]] = {
    "summary": ["side", "item", "amount_yuan"],
    "income": ["source", "amount_yuan"],
    "expenditure": [
        "function_code", "function_name", "gov_econ_code", "gov_econ_name",
        "dept_econ_code", "dept_econ_name", "total_yuan", "basic_yuan", "project_yuan",
    ],
    "projects": ["project_name", "function_code", "gov_econ_code", "dept_econ_code", "total_yuan"],
    "fiscal_summary": ["side", "item", "amount_yuan"],
    "general_budget": ["function_code", "function_name", "total_yuan", "basic_yuan", "project_yuan"],
    "general_budget_basic": [
        "gov_econ_code", "gov_econ_name", "dept_econ_code", "dept_econ_name",
        "total_yuan", "personnel_yuan", "public_yuan",
    ],
    "gov_fund": ["function_code", "function_name", "total_yuan", "basic_yuan", "project_yuan"],
    "state_capital": ["function_code", "function_name", "total_yuan", "basic_yuan", "project_yuan"],
    "three_public": ["item", "budget_yuan", "prior_year_yuan"],
    "purchased_services": ["catalog_code", "item", "function_code", "amount_yuan"],
    "transfer_payments": [
        "unit_code", "unit_name", "function_code", "dept_econ_code", "gov_econ_code",
        "project_name", "amount_yuan", "document_no",
    ],
    "overall_performance": ["activity", "indicator", "nature", "operator", "target", "unit"],
    "project_performance": [
        "project_code", "project_name", "project_type", "amount_yuan", "goal", "level1",
        "level2", "indicator", "nature", "operator", "target", "unit",
    ],
    "income_by_function": [
        "function_code", "function_name", "total_yuan", "fiscal_yuan", "superior_subsidy_yuan",
        "business_yuan", "operating_yuan", "affiliated_yuan", "other_yuan",
    ],
    "expenditure_by_function": [
        "function_code", "function_name", "total_yuan", "basic_yuan", "project_yuan",
        "remit_upper_yuan", "operating_yuan", "affiliated_subsidy_yuan",
    ],
    "expenditure_by_use": ["item", "amount_yuan"],
    "fiscal_expenditure": ["function_code", "function_name", "total_yuan"],
    "fiscal_basic": ["dept_econ_code", "dept_econ_name", "total_yuan"],
    "admin_operating": ["dept_econ_code", "dept_econ_name", "amount_yuan"],
    "meeting_training": ["item", "budget_yuan"],
    "procurement": ["category", "project_name", "econ_item", "item", "method", "amount_yuan"],
    "gov_fund_final": [
        "function_code", "function_name", "opening_yuan", "income_yuan", "total_yuan",
        "basic_yuan", "project_yuan", "closing_yuan",
    ],
    "state_capital_final": [
        "function_code", "function_name", "opening_yuan", "income_yuan", "total_yuan",
        "basic_yuan", "project_yuan", "closing_yuan",
    ],
}

#: Provenance columns every table row carries: the file, the page and line where the row
#: starts, and the line that holds its amounts (or its last line).
PROVENANCE_COLUMNS: list[str] = ["file", "page", "line", "end_line"]


@dataclass(frozen=True)
class Place:
    """Where something stands in the source: page and 1-based line (of ``file``)."""

    page: int
    line: int
    file: str | None = None


@dataclass(frozen=True)
class SourceFile:
    """One file of a disclosure (a disclosure may be published as several).

    Attributes
    ----------
    name : str
        The file's name, as the provenance of rows and facts gives it.
    sha256 : str
        Hex SHA-256 of the file's bytes.
    format : str
        ``"text"`` or ``"pdf"``.
    encoding : str or None
        The text encoding detected (None for a PDF).
    pages : int
        Pages read.
    """

    name: str
    sha256: str
    format: str
    encoding: str | None
    pages: int

    def to_json(self) -> dict[str, Any]:
        """Return the file's description as JSON values."""
        return asdict(self)


@dataclass
class Fact:
    """A figure the narrative states, with the sentence it came from.

    Attributes
    ----------
    key : str
        What the figure is (``income_total``, ``three_public_reception`` …).
    year : int or None
        The year the figure is for (budget year or prior year).
    amount_yuan : Decimal or None
        The amount in 元, exact.
    page, line : int
        Where the amount is printed.
    text : str
        The sentence (or its part) the figure was read from.
    count : int or None
        A count the same sentence gives (number of projects, of services …).
    percent : Decimal or None
        A percentage as printed (signed: negative for a decrease).
    label : str or None
        What the figure is about when the key alone does not say (a project's name).
    precision_yuan : Decimal or None
        One unit of the last digit printed, in 元 (``492.24 万元`` → 100 元): the precision
        the narrative states the figure to; None when it is not known.
    file : str or None
        The file the figure is printed in.
    """

    key: str
    year: int | None
    amount_yuan: Decimal | None
    page: int
    line: int
    text: str
    count: int | None = None
    percent: Decimal | None = None
    label: str | None = None
    precision_yuan: Decimal | None = None
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the fact as JSON-ready values (amounts as two-decimal strings)."""
        out: dict[str, Any] = {
            "key": self.key,
            "year": self.year,
            "amount_yuan": format_yuan(self.amount_yuan) if self.amount_yuan is not None else None,
            "file": self.file,
            "page": self.page,
            "line": self.line,
            "text": self.text,
        }
        if self.count is not None:
            out["count"] = self.count
        if self.percent is not None:
            out["percent"] = str(self.percent)
        if self.label is not None:
            out["label"] = self.label
        if self.precision_yuan is not None:
            out["precision_yuan"] = format_yuan(self.precision_yuan)
        return out


@dataclass
class TableInfo:
    """What the reader knows about one table besides its rows."""

    key: str
    number: int | None
    title: str
    unit: str
    page: int
    line: int
    rows: int = 0
    file: str | None = None
    printed_totals: dict[str, Decimal] = field(default_factory=dict)
    totals_place: Place | None = None
    end_line: int | None = None
    subtotals: list[dict[str, Any]] = field(default_factory=list)
    #: What a parser read besides rows: the overall goal, each project's printed amounts,
    #: the years of the 三公 columns …
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the table's description as JSON-ready values."""
        return {
            "number": self.number,
            "title": self.title,
            "unit": self.unit,
            "file": self.file,
            "page": self.page,
            "line": self.line,
            "end_line": self.end_line,
            "rows": self.rows,
            "printed_totals": {k: format_yuan(v) for k, v in self.printed_totals.items()},
            "totals_line": self.totals_place.line if self.totals_place else None,
            "subtotals": [
                {k: format_yuan(v) if isinstance(v, Decimal) else v for k, v in row.items()}
                for row in self.subtotals
            ],
            **{k: self.extra[k] for k in ("goal", "notes", "years", "table_notes", "basis", "read_from")
               if k in self.extra},
        }


@dataclass
class Inference:
    """A decision the text did not print: which column an amount belongs to, and why.

    ``strong`` is True when the evidence settles it (another table names the row, or only
    this choice makes a column add up to its printed total) and False when the decision
    rests on the classification's usual practice alone: those are the ones to check.
    """

    table: str
    page: int
    line: int
    column: str
    amount_yuan: Decimal
    evidence: str
    strong: bool = False
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the inference as JSON-ready values."""
        out = asdict(self)
        out["amount_yuan"] = format_yuan(self.amount_yuan)
        return out


@dataclass
class ReadWarning:
    """Something the reader noticed and could not settle; never dropped silently."""

    message: str
    table: str | None = None
    page: int | None = None
    line: int | None = None
    code: str = "warning"
    file: str | None = None
    #: The warning in Chinese, for people (the briefing); ``message`` stays English for tools.
    zh: str | None = None

    def __str__(self) -> str:
        where = describe_place(self.table, self.page, self.line, self.file)
        return f"[{where}] {self.message}" if where else self.message

    def chinese(self) -> str:
        """The warning for a reader of the briefing, in Chinese, with its place."""
        where = []
        if self.table:
            where.append(TABLE_LABELS.get(self.table, self.table))
        if self.page is not None:
            where.append(f"第{self.page}页")
        if self.line is not None:
            where.append(f"第{self.line}行")
        text = self.zh or WARNING_LABELS.get(self.code, WARNING_LABELS["warning"])
        return f"{'，'.join(where)}：{text}" if where else text

    def to_json(self) -> dict[str, Any]:
        """Return the warning as JSON-ready values."""
        return asdict(self)


@dataclass
class Section:
    """A heading of the narrative (一、部门情况 …) and the lines under it."""

    heading: str
    level: int
    page: int
    line: int
    end_line: int


@dataclass
class Disclosure:
    """One department's budget disclosure, read into exact, traceable data.

    Attributes
    ----------
    path : Path
        The file read.
    sha256 : str
        Hash of the file's bytes.
    encoding : str
        The text encoding detected.
    department : str or None
        The department's name as printed.
    year : int or None
        The budget year.
    unit : str
        The unit the tables print amounts in (usually 万元); all ``_yuan`` columns are 元.
    staff : dict
        ``authorized``, ``actual`` and ``retired`` head counts where the narrative gives them.
    tables : dict of str to DataFrame
        Table key to line items (the 合计 row left out), money as :class:`Decimal` 元.
    table_info : dict of str to TableInfo
        Title, number, page, printed totals of each table found.
    facts : list of Fact
        Figures stated in the narrative.
    sections : list of Section
        Headings of the narrative.
    inferences : list of Inference
        Column assignments the reader had to infer.
    warnings : list of ReadWarning
        Everything the reader could not settle.
    layout : str
        The layout family, recognised from the document's own titles and wording
        (``beijing``, ``shanghai``, ``jiangsu-2018``, ``jiangsu-2019``, ``mof-final``).
    kind : str
        ``预算`` (budget) or ``决算`` (final accounts).
    entity_level : str
        ``部门`` (a department and its units) or ``单位`` (one unit).
    region : str or None
        The region as the document prints it (``北京市某某区``, ``江苏省`` …), when it does.
    sources : list of SourceFile
        Every file read, in order (a disclosure may be published as several files).
    expected_tables : tuple of str
        The tables the layout's standard form has: what completeness is measured against.
    """

    path: Path
    sha256: str
    encoding: str
    department: str | None = None
    year: int | None = None
    unit: str = "万元"
    staff: dict[str, int | None] = field(
        default_factory=lambda: {"authorized": None, "actual": None, "retired": None}
    )
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    table_info: dict[str, TableInfo] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    narrative_text: str = ""
    inferences: list[Inference] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    layout: str = "beijing"
    kind: str = "预算"
    entity_level: str = "部门"
    region: str | None = None
    sources: list[SourceFile] = field(default_factory=list)
    expected_tables: tuple[str, ...] = BEIJING_KEYS

    def fact(self, key: str, year: int | None = None, label: str | None = None) -> Fact | None:
        """Return the first fact with ``key`` (and ``year``/``label`` if given), or None."""
        for fact in self.facts:
            if fact.key != key:
                continue
            if year is not None and fact.year != year:
                continue
            if label is not None and fact.label != label:
                continue
            return fact
        return None

    def table(self, key: str) -> pd.DataFrame:
        """Return table ``key``; an empty frame with the standard columns if it is missing."""
        if key in self.tables:
            return self.tables[key]
        return pd.DataFrame(columns=TABLE_COLUMNS[key] + PROVENANCE_COLUMNS)

    def warn(
        self,
        message: str,
        *,
        table: str | None = None,
        page: int | None = None,
        line: int | None = None,
        code: str = "warning",
        file: str | None = None,
        zh: str | None = None,
    ) -> None:
        """Record a warning (``zh``: the same in Chinese, for people)."""
        self.warnings.append(ReadWarning(message, table, page, line, code, file, zh))

    def to_json(self) -> dict[str, Any]:
        """Return the disclosure's description (everything but the rows) as JSON values."""
        return {
            "department": self.department,
            "year": self.year,
            "unit": self.unit,
            "source": {
                "file": self.path.name,
                "sha256": self.sha256,
                "encoding": self.encoding,
            },
            "layout": self.layout,
            "kind": self.kind,
            "entity_level": self.entity_level,
            "region": self.region,
            "sources": [f.to_json() for f in self.sources],
            "staff": dict(self.staff),
            "facts": [f.to_json() for f in self.facts],
            "tables": {k: info.to_json() for k, info in self.table_info.items()},
            "missing_tables": [k for k in self.expected_tables if k not in self.table_info],
            "inferences": [i.to_json() for i in self.inferences],
            "warnings": [w.to_json() for w in self.warnings],
        }
