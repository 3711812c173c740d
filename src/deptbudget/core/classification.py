"""Names for classification codes at every level (类 / 款 / 项), by year.

Disclosures print a code with the name of its own level only (``2010301 行政运行``,
``30101 基本工资``); breakdowns need the names of the parents too, and names change
between years (``20805`` 行政事业单位离退休 → 行政事业单位养老支出). The tables behind
this module live in ``data/reference`` (see its README for where each row came from);
the wheel ships them as ``deptbudget/reference_data``.

Three schemes are known:

``"function"``
    支出功能分类科目: 类 (3 digits), 款 (5), 项 (7).
``"dept"``
    部门预算支出经济分类科目: 类 (301 …), 款 (30101 …).
``"gov"``
    政府预算支出经济分类科目: 类 (501 …), 款 (50101 …).

Codes are always ``str``; nothing here turns them into numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .resources import path as resource_path

__all__ = [
    "SCHEMES",
    "classify_dept_econ",
    "clear_cache",
    "dept_econ_name",
    "econ_levels",
    "function_levels",
    "function_name",
    "gov_econ_for_dept",
    "gov_econ_name",
    "level_of",
    "load_table",
    "with_names",
]

#: Canonical scheme names and the CSV each is read from.
SCHEMES: dict[str, str] = {
    "function": "function_codes.csv",
    "dept": "dept_economic_codes.csv",
    "gov": "gov_economic_codes.csv",
}

_ALIASES = {
    "function": "function",
    "func": "function",
    "dept": "dept",
    "dept_econ": "dept",
    "dept_economic": "dept",
    "gov": "gov",
    "gov_econ": "gov",
    "gov_economic": "gov",
}

#: Digits per level, per scheme; the order is the hierarchy.
_LEVEL_LENGTHS: dict[str, tuple[tuple[str, int], ...]] = {
    "function": (("类", 3), ("款", 5), ("项", 7)),
    "dept": (("类", 3), ("款", 5)),
    "gov": (("类", 3), ("款", 5)),
}

#: 人员经费 by 部门经济分类 类: 工资福利支出 and 对个人和家庭的补助 (公用经费 is the rest of 基本支出).
PERSONNEL_CLASSES = ("301", "303")


def is_personnel(code: object) -> bool:
    """Whether a 部门经济分类 code (any level) is 人员经费."""
    return str(code)[:3] in PERSONNEL_CLASSES


_LEVEL_SLUG = {"类": "lei", "款": "kuan", "项": "xiang"}
_MAPPING_FILE = "econ_dept_to_gov.csv"
_DIGITS = re.compile(r"\d+")
#: 对事业单位补助: a 事业单位's whole 部门经济分类 类 lands in one 政府经济分类 款.
_INSTITUTION_GOV = {"301": "50501", "302": "50502", "310": "50601", "309": "50602"}


@dataclass(frozen=True)
class _Row:
    name: str
    valid_from: int | None
    valid_to: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    def recency(self) -> tuple[float, float]:
        # An open end is the newest possible; among equal ends the later start wins.
        end = float("inf") if self.valid_to is None else float(self.valid_to)
        start = float("-inf") if self.valid_from is None else float(self.valid_from)
        return (end, start)


def _canonical_scheme(scheme: str) -> str:
    try:
        return _ALIASES[scheme]
    except KeyError:
        raise ValueError(
            f"unknown classification scheme {scheme!r}; use one of {sorted(SCHEMES)}"
        ) from None


def _data_dir() -> Path:
    """Where the reference CSVs are (shipped with the package)."""
    return resource_path("reference")


def _read_csv(filename: str) -> pd.DataFrame:
    source = _data_dir().joinpath(filename)
    with source.open("rb") as handle:
        # dtype=str and no NA parsing: codes stay text, empty years stay "".
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.apply(lambda column: column.str.strip())


def _year(text: str) -> int | None:
    return int(text) if text else None


@cache
def load_table(scheme: str) -> pd.DataFrame:
    """Return the reference table of one scheme.

    Parameters
    ----------
    scheme : str
        ``"function"``, ``"dept"`` or ``"gov"`` (``"dept_economic"`` /
        ``"gov_economic"`` are accepted too).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, level, name, valid_from, valid_to, origin``, all ``str``
        (empty string for an open year). The frame is cached: copy before editing.
    """
    return _read_csv(SCHEMES[_canonical_scheme(scheme)])


@cache
def _index(scheme: str) -> dict[str, tuple[_Row, ...]]:
    table = load_table(scheme)
    index: dict[str, list[_Row]] = {}
    for code, name, valid_from, valid_to in zip(
        table["code"], table["name"], table["valid_from"], table["valid_to"], strict=True
    ):
        index.setdefault(code, []).append(_Row(name, _year(valid_from), _year(valid_to)))
    return {code: tuple(rows) for code, rows in index.items()}


@cache
def _dept_to_gov() -> dict[str, str]:
    table = _read_csv(_MAPPING_FILE)
    return dict(zip(table["dept_code"], table["gov_code"], strict=True))


def _clean_code(code: object) -> str | None:
    """Digits of a code as text, or None when it is not a plain code."""
    if code is None or (isinstance(code, float) and code != code):  # NaN
        return None
    text = str(code).strip()
    return text if _DIGITS.fullmatch(text) else None


def _name(scheme: str, code: object, year: int | None) -> str | None:
    clean = _clean_code(code)
    if clean is None:
        return None
    rows = _index(_canonical_scheme(scheme)).get(clean)
    if not rows:
        return None
    if year is not None:
        valid = [row for row in rows if row.valid_in(year)]
        if valid:
            return max(valid, key=_Row.recency).name
    # No year, or no row covers it: the newest name is the best guess.
    return max(rows, key=_Row.recency).name


def clear_cache() -> None:
    """Forget the loaded tables, so the next look-up reads the CSVs again."""
    load_table.cache_clear()
    _index.cache_clear()
    _dept_to_gov.cache_clear()


def function_name(code: str, year: int | None = None) -> str | None:
    """Name of a 支出功能分类 code at its own level.

    Parameters
    ----------
    code : str
        3, 5 or 7 digits (类 / 款 / 项).
    year : int, optional
        Budget year; the name valid that year is preferred, else the newest.

    Returns
    -------
    str or None
        None when the code is not in the reference table.
    """
    return _name("function", code, year)


def dept_econ_name(code: str, year: int | None = None) -> str | None:
    """Name of a 部门支出经济分类 code (类 ``301`` or 款 ``30101``); see :func:`function_name`."""
    return _name("dept", code, year)


def gov_econ_name(code: str, year: int | None = None) -> str | None:
    """Name of a 政府支出经济分类 code (类 ``501`` or 款 ``50101``); see :func:`function_name`."""
    return _name("gov", code, year)


def level_of(code: str, scheme: str) -> str:
    """Level of a code in a scheme: ``"类"``, ``"款"`` or ``"项"``.

    Parameters
    ----------
    code : str
        The code, digits only.
    scheme : str
        ``"function"``, ``"dept"`` or ``"gov"``.

    Returns
    -------
    str
        The level, decided by the number of digits.

    Raises
    ------
    ValueError
        If the scheme is unknown or the code's length fits no level of it.
    """
    canonical = _canonical_scheme(scheme)
    clean = _clean_code(code)
    if clean is not None:
        for level, length in _LEVEL_LENGTHS[canonical]:
            if len(clean) == length:
                return level
    raise ValueError(f"{code!r} is not a {canonical} classification code")


def _levels(code: str, scheme: str, year: int | None) -> list[tuple[str, str, str | None]]:
    canonical = _canonical_scheme(scheme)
    own = level_of(code, canonical)  # raises on a malformed code
    clean = str(code).strip()
    result = []
    for level, length in _LEVEL_LENGTHS[canonical]:
        prefix = clean[:length]
        result.append((level, prefix, _name(canonical, prefix, year)))
        if level == own:
            break
    return result


def function_levels(code: str, year: int | None = None) -> list[tuple[str, str, str | None]]:
    """The chain 类 → 款 → 项 of a function code, with names.

    Parameters
    ----------
    code : str
        3, 5 or 7 digits.
    year : int, optional
        Budget year for the names.

    Returns
    -------
    list of (level, code, name)
        From 类 down to the code's own level, e.g.
        ``[("类", "201", …), ("款", "20103", …), ("项", "2010301", "行政运行")]``;
        a name is None where the table does not know the code.

    Raises
    ------
    ValueError
        If the code is not 3, 5 or 7 digits.
    """
    return _levels(code, "function", year)


def econ_levels(
    code: str, scheme: str = "dept", year: int | None = None
) -> list[tuple[str, str, str | None]]:
    """The chain 类 → 款 of an economic code, with names.

    Parameters
    ----------
    code : str
        3 or 5 digits.
    scheme : str, default "dept"
        ``"dept"`` (部门经济分类) or ``"gov"`` (政府经济分类).
    year : int, optional
        Budget year for the names.

    Returns
    -------
    list of (level, code, name)
        See :func:`function_levels`.

    Raises
    ------
    ValueError
        If the scheme is not an economic one or the code is not 3 or 5 digits.
    """
    if _canonical_scheme(scheme) == "function":
        raise ValueError("econ_levels needs an economic scheme ('dept' or 'gov')")
    return _levels(code, scheme, year)


def gov_econ_for_dept(dept_code: str, unit_type: str = "admin") -> str | None:
    """The 政府经济分类 款 a 部门经济分类 款 is reported under.

    Parameters
    ----------
    dept_code : str
        A 5-digit 部门经济分类 code, e.g. ``"30101"``.
    unit_type : str, default "admin"
        ``"admin"`` (机关, 行政单位 and 参公事业单位) uses the 对照表 as tabulated.
        ``"institution"`` (other 事业单位) applies the 对事业单位补助 rule known from the
        national table: 301 → 50501, 302 → 50502, 310 → 50601, 309 → 50602, others as
        for ``"admin"``. That rule is classification knowledge, not observed data.

    Returns
    -------
    str or None
        The 5-digit government code, or None for an unknown or non-款 code.
    """
    if unit_type not in ("admin", "institution"):
        raise ValueError(f"unit_type must be 'admin' or 'institution', not {unit_type!r}")
    clean = _clean_code(dept_code)
    if clean is None or len(clean) != 5:
        return None
    mapped = _dept_to_gov().get(clean)
    if unit_type == "institution" and mapped is not None:
        return _INSTITUTION_GOV.get(clean[:3], mapped)
    return mapped


def classify_dept_econ(code: str) -> str:
    """Default 人员经费 / 公用经费 side of a 部门经济分类 code.

    Parameters
    ----------
    code : str
        A 3- or 5-digit 部门经济分类 code.

    Returns
    -------
    str
        ``"personnel"`` for 301 (工资福利) and 303 (对个人和家庭的补助), ``"public"``
        for 302 (商品和服务), ``"other"`` for everything else, including malformed
        codes. Departments may book differently; treat this as weak evidence.
    """
    clean = _clean_code(code)
    if clean is None or len(clean) not in (3, 5):
        return "other"
    head = clean[:3]
    if head in ("301", "303"):
        return "personnel"
    if head == "302":
        return "public"
    return "other"


def with_names(
    df: pd.DataFrame,
    code_col: str,
    scheme: str,
    year: int | None = None,
    prefix: str | None = None,
) -> pd.DataFrame:
    """Add code and name columns for every level above (and at) each row's code.

    Parameters
    ----------
    df : pandas.DataFrame
        Input frame; it is not modified.
    code_col : str
        Column holding the codes (text; anything not all digits of a valid length,
        such as a blank or 合计 row, gets missing values).
    scheme : str
        ``"function"``, ``"dept"`` or ``"gov"``.
    year : int, optional
        Budget year for the names.
    prefix : str, optional
        Column prefix; defaults to ``code_col``.

    Returns
    -------
    pandas.DataFrame
        A copy with ``<prefix>_lei_code, <prefix>_lei_name, <prefix>_kuan_code,
        <prefix>_kuan_name`` and, for ``"function"``, ``<prefix>_xiang_code,
        <prefix>_xiang_name``. Levels below a row's own level are missing.
    """
    canonical = _canonical_scheme(scheme)
    if code_col not in df.columns:
        raise KeyError(f"no column {code_col!r}")
    stem = code_col if prefix is None else prefix
    levels = _LEVEL_LENGTHS[canonical]

    cache_by_code: dict[object, dict[str, str | None]] = {}

    def expand(value: object) -> dict[str, str | None]:
        key = value if isinstance(value, str) else repr(value)
        if key in cache_by_code:
            return cache_by_code[key]
        found: dict[str, str | None] = {}
        try:
            chain = _levels(value, canonical, year)  # type: ignore[arg-type]
        except ValueError:
            chain = []
        for level, code, name in chain:
            found[f"{_LEVEL_SLUG[level]}_code"] = code
            found[f"{_LEVEL_SLUG[level]}_name"] = name
        cache_by_code[key] = found
        return found

    expanded = [expand(value) for value in df[code_col]]
    out = df.copy()
    for level, _length in levels:
        for part in ("code", "name"):
            field = f"{_LEVEL_SLUG[level]}_{part}"
            out[f"{stem}_{field}"] = pd.Series(
                [row.get(field) for row in expanded], index=df.index, dtype=object
            )
    return out
