"""The briefing notebook's contract: the parameters it takes and the summary it leaves.

In
    The notebook's ``parameters`` cell names the parameters in :data:`PARAMETERS`; papermill
    injects the runner's values after it, and the first code cell calls
    :func:`validate_parameters`. The runner calls the same function *before* starting a kernel,
    so a bad path fails fast with one clear line.

Out
    The notebook calls :func:`write_summary` with the department, year, a few headline figures
    (already formatted as text) and the audit status. The runner reads it back with
    :func:`read_summary` to name the files, fill the title block and the batch index.

Values reach the kernel only through papermill's parameter translation, which writes ``str``,
``bool``, ``int``, ``float``, ``None``, ``list`` and ``dict`` as escaped Python literals; any
other type would be written as ``str(value)`` *unquoted* (i.e. as code), so it is refused here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_text


class ParameterError(ValueError):
    """A notebook parameter is unknown, of the wrong type, or names a missing file."""


@dataclass(frozen=True)
class ParamSpec:
    """One notebook parameter: accepted types, default, and whether it must be given."""

    types: tuple[type, ...]
    default: Any = None
    required: bool = False
    doc: str = ""


#: Every parameter the briefing notebook accepts.
PARAMETERS: dict[str, ParamSpec] = {
    "disclosure_path": ParamSpec(
        (str, list), required=True,
        doc="the disclosure to brief: a file (text or PDF), a folder of its files, or a list of its files",
    ),
    "static_charts": ParamSpec(
        (bool,), default=True, doc="render charts as static SVG/PNG (True for HTML/PDF export)"
    ),
    "chart_format": ParamSpec((str,), default="svg", doc='"svg" or "png" for static charts'),
    "summary_path": ParamSpec(
        (str, type(None)), default=None, doc="where to write the JSON summary (None: nowhere)"
    ),
    "corpus_dir": ParamSpec(
        (str, type(None)), default=None,
        doc="a corpus (deptbudget corpus) with other years of this department: adds a 历年 section",
    ),
}

_CHART_FORMATS = ("svg", "png")
_AUDIT_STATUSES = ("pass", "warn", "fail", "unknown")


def _type_name(types: tuple[type, ...]) -> str:
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def validate_parameters(params: Mapping[str, Any]) -> dict[str, Any]:
    """Check the briefing notebook's parameters and fill in defaults.

    Parameters
    ----------
    params : mapping
        Parameter names to values, as given to papermill (or collected from the notebook's
        globals by its first code cell).

    Returns
    -------
    dict
        Every parameter of :data:`PARAMETERS`, defaults filled in.

    Raises
    ------
    ParameterError
        For an unknown name, a wrong type (``bool`` is not accepted for ``int`` and vice
        versa), a missing required value, an unknown chart format, a disclosure path that is
        not an existing file, or a summary path whose folder does not exist. The message names
        the parameter and, for files, the path.
    """
    if not isinstance(params, Mapping):
        raise ParameterError(f"parameters must be a mapping, got {type(params).__name__}")
    unknown = sorted(set(params) - set(PARAMETERS))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(PARAMETERS)}"
        )
    out: dict[str, Any] = {}
    for name, spec in PARAMETERS.items():
        if name not in params:
            if spec.required:
                raise ParameterError(f"parameter {name!r} is required ({spec.doc})")
            out[name] = spec.default
            continue
        value = params[name]
        # bool is a subclass of int: check the exact type so True never passes as 1.
        if type(value) not in spec.types:
            raise ParameterError(
                f"parameter {name!r} must be {_type_name(spec.types)}, "
                f"got {type(value).__name__} {value!r}"
            )
        out[name] = value
    _check_disclosure_path(out["disclosure_path"])
    if out["chart_format"] not in _CHART_FORMATS:
        raise ParameterError(
            f"parameter 'chart_format' must be one of {', '.join(_CHART_FORMATS)}, "
            f"got {out['chart_format']!r}"
        )
    if out["corpus_dir"] is not None:
        from ..corpus import NotACorpus, check_corpus

        try:
            check_corpus(out["corpus_dir"])
        except NotACorpus as exc:
            raise ParameterError(str(exc)) from None
    if out["summary_path"] is not None and not Path(out["summary_path"]).parent.is_dir():
        raise ParameterError(f"{out['summary_path']!r}: folder for the summary does not exist")
    return out


def _check_disclosure_path(value: str | list[Any]) -> None:
    items = value if isinstance(value, list) else [value]
    if not items:
        raise ParameterError("parameter 'disclosure_path' is an empty list")
    for item in items:
        if type(item) is not str:
            raise ParameterError(f"parameter 'disclosure_path' must list file paths (str), got {item!r}")
        path = Path(item)
        if not item or not (path.is_file() or (path.is_dir() and not isinstance(value, list))):
            raise ParameterError(f"{item!r}: disclosure file not found")


def _headline_text(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"headline value {value!r} is not a finite number")
    return str(value)


def write_summary(
    path: str | Path | None,
    *,
    department: str,
    year: int | str,
    headline: Mapping[str, Any] | None = None,
    audit: Mapping[str, Any] | None = None,
    kind: str = "预算",
    layout: str | None = None,
) -> None:
    """Write the run's summary for the runner (called by the notebook's last cell).

    Parameters
    ----------
    path : str or Path or None
        ``summary_path`` from the parameters; ``None`` (interactive use) writes nothing.
    department : str
        The department name as printed in the disclosure.
    year : int or str
        The budget year.
    headline : mapping of str to value, optional
        Ordered label → display text (format money in the notebook, e.g. with
        ``money.format_yuan``; values are stored with ``str``).
    audit : mapping, optional
        ``{"status": "pass"|"warn"|"fail"|"unknown", "findings": int, ...}``.
    kind : str
        ``预算`` or ``决算`` (the title block says which).
    layout : str, optional
        The layout family (``Disclosure.layout``).

    Returns nothing (a notebook's last cell then shows no output).
    """
    if not isinstance(department, str) or not department.strip():
        raise ValueError("summary needs a non-empty department name")
    audit_out = dict(audit or {"status": "unknown"})
    if audit_out.get("status") not in _AUDIT_STATUSES:
        raise ValueError(f"audit status must be one of {_AUDIT_STATUSES}, got {audit_out!r}")
    summary = {
        "department": department,
        "year": year,
        "headline": {str(k): _headline_text(v) for k, v in (headline or {}).items()},
        "audit": {str(k): v if isinstance(v, int | str) else str(v) for k, v in audit_out.items()},
        "kind": kind if kind in ("预算", "决算") else "预算",
        "layout": layout,
    }
    if path is not None:
        atomic_write_text(path, json.dumps(summary, ensure_ascii=False, indent=1))


def read_summary(path: str | Path) -> dict[str, Any]:
    """Read and check a summary written by :func:`write_summary`.

    Parameters
    ----------
    path : str or Path
        The summary file.

    Returns
    -------
    dict
        With keys ``department`` (str), ``year``, ``headline`` (dict str→str), ``audit`` (dict).

    Raises
    ------
    ValueError
        If the file is missing, not JSON, or lacks the department.
    """
    p = Path(path)
    if not p.is_file():
        raise ValueError("the notebook wrote no summary (did it call write_summary?)")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"the notebook's summary is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("department"), str):
        raise ValueError("the notebook's summary has no department name")
    headline = data.get("headline") or {}
    audit = data.get("audit") or {"status": "unknown"}
    if not isinstance(headline, dict) or not isinstance(audit, dict):
        raise ValueError("the notebook's summary has a malformed headline or audit")
    return {
        "department": data["department"],
        "year": data.get("year"),
        "headline": {str(k): str(v) for k, v in headline.items()},
        "audit": audit,
        "kind": data.get("kind") if data.get("kind") in ("预算", "决算") else "预算",
        "layout": data.get("layout") if isinstance(data.get("layout"), str) else None,
    }
