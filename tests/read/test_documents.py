"""Disclosures of several files, PDFs, and text of other layouts: read, or refused with one line."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from deptbudget import DisclosureError, read_disclosure
from deptbudget.audit import run_checks
from paths import DISCLOSURES, PDF_FAULTS, RAW, SAMPLE

TWO_FILES = DISCLOSURES["js_2018_two_files"]
PDFS = sorted(RAW.rglob("*.pdf"))


def test_a_folder_and_its_files_are_the_same_disclosure():
    files = sorted(TWO_FILES.glob("*.pdf"))
    by_folder, by_files = read_disclosure(TWO_FILES), read_disclosure(files)
    assert [s.name for s in by_folder.sources] == [f.name for f in files]
    assert [s.format for s in by_folder.sources] == ["pdf", "pdf"]
    assert by_folder.department == by_files.department
    assert by_folder.layout == by_files.layout and by_folder.layout.startswith("jiangsu")
    facts = {(f.file, f.page, f.line) for f in by_folder.facts}
    assert {f for f, _, _ in facts} == {files[0].name}  # the narrative is the first file's


def test_text_and_pdf_files_of_a_disclosure_name_their_file(sample):
    assert sample.sources[0].format == "text" and sample.sources[0].encoding == "utf-8"
    assert set(sample.tables["expenditure"].file) == {SAMPLE.name}
    assert all(f.file == SAMPLE.name for f in sample.facts)


@pytest.mark.parametrize("fault", ["truncated.pdf", "encrypted.pdf", "scanned.pdf", "missing_page.pdf"])
def test_a_damaged_pdf_is_one_line_exit_2(tmp_path, fault):
    done = subprocess.run(
        [sys.executable, "-m", "deptbudget", "audit", str(PDF_FAULTS / fault)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and fault in done.stderr


def test_a_folder_without_disclosure_files_is_refused(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(DisclosureError, match="no disclosure file"):
        read_disclosure(tmp_path)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test")
@pytest.mark.parametrize("pdf", PDFS, ids=[p.name for p in PDFS])
def test_pdftotext_output_of_every_published_pdf_reads_without_accusing(tmp_path, pdf):
    """Text of another layout loses its empty cells: its tables are listed as not read, never
    guessed, and the audit fails nothing on them."""
    text = tmp_path / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True, timeout=60)
    try:
        d = read_disclosure(text)
    except DisclosureError as exc:  # a narrative-only half of a two-file disclosure may be refused
        assert pdf.name in str(exc) or text.name in str(exc)
        return
    findings = run_checks(d)
    if d.layout != "beijing":
        assert any(w.code == "tables_not_read" for w in d.warnings)
        fails = [f for f in findings if f.status == "fail" and not f.check.startswith(("completeness.", "arith."))]
        assert not fails, [f.message for f in fails]
