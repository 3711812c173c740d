"""Where the tests find the repository's files (one place, whatever folder a test is in)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SAMPLE = RAW / "bj-xicheng-foreign-affairs-office-2024.txt"
FIXTURES = ROOT / "tests" / "fixtures"
NOTEBOOK_FIXTURES = FIXTURES / "notebooks"
PDF_FAULTS = FIXTURES / "pdf" / "faults"


def raw_pdf(name: str) -> Path:
    """A published PDF in ``data/raw`` by file name (two-file disclosures are in folders)."""
    found = sorted(RAW.rglob(name))
    if not found:
        raise FileNotFoundError(name)
    return found[0]


#: The published disclosures in ``data/raw``: a file, or a folder of several files.
DISCLOSURES = {
    "sh_budget": RAW / "sh_putuo_gov_office_2025_budget.pdf",
    "sh_unit_budget": RAW / "sh_putuo_gov_office_unit_2025_budget.pdf",
    "sh_street_budget": RAW / "sh_putuo_wanli_street_2023_budget.pdf",
    "mof_final": RAW / "sh_putuo_finance_2024_final.pdf",
    "js_2018": RAW / "js_high_court_2018_budget.pdf",
    "js_2019": RAW / "js_procuratorate_2019_budget.pdf",
    "js_2018_two_files": RAW / "js_party_committee_office_2018_budget",
    "bj_municipal": RAW / "bj_audit_bureau_2026_budget",
}
