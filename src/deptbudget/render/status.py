"""The batch's record on disk (``batch-status.json``) and which inputs are up to date.

One record per input (by file name): status, reason, input SHA-256, notebook SHA-256,
package version, slug, outputs, headline, audit. An input whose record is ``ok`` with the
same three fingerprints and whose files exist is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.errors import DisclosureError
from ..core.files import atomic_write_text
from ..read.document import list_disclosures
from .build import InputError, now_iso

STATUS_FILE = "batch-status.json"
STATUS_SCHEMA = 1


# --- parent side -----------------------------------------------------------------------------


def load_status(out_dir: str | Path) -> dict[str, Any]:
    """Return the batch status of ``out_dir`` (an empty one if missing or unreadable)."""
    path = Path(out_dir) / STATUS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("inputs"), dict):
        data = {"schema": STATUS_SCHEMA, "inputs": {}}
    return data


def save_status(out: Path, status: dict[str, Any]) -> None:
    status["schema"] = STATUS_SCHEMA
    status["updated"] = now_iso()
    atomic_write_text(out / STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1))


def is_up_to_date(rec: dict[str, Any] | None, fp: dict[str, str], formats: tuple[str, ...], out: Path) -> bool:
    if not rec or rec.get("status") != "ok":
        return False
    if any(rec.get(k) != v for k, v in fp.items()):
        return False
    outputs = rec.get("outputs") or {}
    needed = ("ipynb", *formats)
    return all(f in outputs and (out / outputs[f]).is_file() for f in needed)


def list_inputs(input_dir: str | Path) -> list[Path]:
    """Return the disclosures directly inside ``input_dir``, sorted by name
    (:func:`deptbudget.read.document.list_disclosures`).

    Raises
    ------
    InputError
        If ``input_dir`` is not a folder or holds no disclosure.
    """
    try:
        return list_disclosures(input_dir)
    except DisclosureError as exc:
        raise InputError(str(exc)) from None


