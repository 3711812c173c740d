"""The comparison report: ``notebooks/compare.ipynb`` run over a corpus, exported with the
briefing's template to HTML and an A4 PDF, every file written atomically."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import nbformat

from ..core.files import atomic_write_bytes, atomic_write_text
from ..core.resources import path as resource_path
from .build import FORMATS, InputError, failure_of, now_iso, package_version, parse_formats
from .slug import slugify

#: The file names' stem: ``compare.html`` or ``compare-<department>.html``.
STEM = "compare"


def default_notebook() -> Path:
    """The shipped comparison notebook."""
    return resource_path("notebooks", "compare.ipynb")


def build_comparison(
    corpus_dir: str | Path,
    out_dir: str | Path,
    *,
    department: str | None = None,
    year: int | None = None,
    formats: Iterable[str] = FORMATS,
    notebook: str | Path | None = None,
) -> dict[str, Path]:
    """Run the comparison notebook over a corpus and write its outputs into ``out_dir``.

    Parameters
    ----------
    corpus_dir : str or Path
        A corpus folder (``deptbudget corpus … --out``).
    out_dir : str or Path
        The output folder (created if needed).
    department, year : optional
        Narrow the sections to one department (over the years) or one year.
    formats : iterable of str
        Among ``html`` and ``pdf``; the executed ``.ipynb`` is always written.
    notebook : str or Path, optional
        The parameterized notebook (default: :func:`default_notebook`).

    Returns
    -------
    dict of str to Path
        Format → the file written.

    Raises
    ------
    InputError
        When ``corpus_dir`` is not a corpus.
    BriefingFailed
        When the notebook or an export failed (one line).
    """
    from ..corpus import NotACorpus, check_corpus
    from .execute import execute_notebook
    from .export import render_html
    from .pdf import html_to_pdf_bytes, warm_up_in_background

    try:
        corpus = check_corpus(corpus_dir)
    except NotACorpus as exc:
        raise InputError(str(exc)) from None
    fmts = parse_formats(tuple(formats))
    nb_path = Path(notebook) if notebook is not None else default_notebook()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    warming = warm_up_in_background() if "pdf" in fmts else None
    params = {"corpus_dir": str(corpus), "department": department, "year": year, "static_charts": True}
    try:
        nb = execute_notebook(nb_path, params, None, validate=False)
        nb.metadata["deptbudget"] = {
            "comparison": f"{department}历年比较" if department else "部门比较",
            "department": department, "year": year, "kind": "预算", "generated": now_iso(),
            "package_version": package_version(),
            "corpus": json.loads((corpus / "datapackage.json").read_text(encoding="utf-8")).get("name"),
        }
        stem = STEM if department is None else f"{STEM}-{slugify(department, year)}"
        written = {"ipynb": atomic_write_text(out / f"{stem}.ipynb", nbformat.writes(nb))}
        page = render_html(nb, base_dir=nb_path.parent)
        if "html" in fmts:
            written["html"] = atomic_write_text(out / f"{stem}.html", page)
        if "pdf" in fmts:
            if warming is not None:
                warming.join()
            written["pdf"] = atomic_write_bytes(out / f"{stem}.pdf", html_to_pdf_bytes(page, base_url=out))
    except Exception as exc:  # BriefingFailed passes through failure_of unchanged
        raise failure_of(exc) from exc
    return written
