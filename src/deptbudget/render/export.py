"""Executed notebook → self-contained HTML with the ``briefing`` nbconvert template.

The exporter drops code, prompts and cells tagged ``parameters``/``injected-parameters``/
``remove``; turns any interactive Vega-Lite output into a static SVG (interactive charts need
Vega from a CDN); strips ``<script>`` from HTML outputs; marks numeric table cells so the CSS
right-aligns them; and collects the h2/h3 headings for the table of contents. The page it
produces is checked: anything that would be fetched from the network is an error.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbformat import NotebookNode
from traitlets.config import Config

from ..brief.html import mark_numeric_cells
from ..core.files import atomic_write_text
from ..core.resources import path as resource_path

#: The nbconvert template's name (a folder under ``report_templates``).
TEMPLATE_NAME = "briefing"
#: Cells with any of these tags never appear in a briefing.
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "remove"})

_VEGALITE = re.compile(r"^application/vnd\.vegalite\.v\d+(\.\d+)*\+json$")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/?>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h([23])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_REMOTE = re.compile(
    r"""(?:\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+["']?\s*(?:https?:)?//"""
    r"""|<script\b[^>]*\bsrc\s*=)""",
    re.IGNORECASE,
)


def template_basedirs() -> list[Path]:
    """Return the folders that hold our nbconvert templates (``briefing/`` …).

    Returns
    -------
    list of Path
        The shipped ``report_templates`` folder.

    Raises
    ------
    FileNotFoundError
        If the package was installed without its templates.
    """
    base = resource_path("report_templates")
    if not (base / TEMPLATE_NAME / "conf.json").is_file():
        raise FileNotFoundError(f"the briefing template was not found in {base}")
    return [base]


class StaticChartPreprocessor(Preprocessor):
    """Replace interactive Vega-Lite outputs with static SVG and drop scripts from HTML."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Rewrite one cell's outputs (see the class docstring)."""
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            vl_key = next((k for k in data if _VEGALITE.match(k)), None)
            if vl_key is not None:
                # Imported here: vl-convert is only needed when a chart was left interactive.
                from ..brief.charts import render_svg

                spec = data[vl_key]
                output["data"] = {"image/svg+xml": render_svg(dict(spec))}
                continue
            for key in ("text/html", "text/markdown"):
                if key in data:
                    data[key] = _SCRIPT.sub("", _as_text(data[key]))
        return cell, resources


class NumericCellPreprocessor(Preprocessor):
    """Mark the table cells of HTML outputs that hold an amount (see
    :func:`deptbudget.brief.html.mark_numeric_cells`), so the CSS right-aligns them."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Mark numeric ``<td>`` cells in one cell's HTML outputs."""
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if "text/html" in data:
                data["text/html"] = mark_numeric_cells(_as_text(data["text/html"]))
        return cell, resources


class TocPreprocessor(Preprocessor):
    """Collect h2/h3 headings of markdown cells and markdown outputs into ``briefing_toc``.

    Headings are rendered by the same mistune renderer nbconvert uses, so the ids we link to
    are the ids nbconvert writes on the headings.
    """

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Walk the notebook in order and store the headings in ``resources``."""
        toc: list[dict[str, Any]] = []
        for cell in nb.cells:
            if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
                continue
            sources: list[str] = []
            if cell.cell_type == "markdown":
                sources.append(cell.source)
            elif cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    md = (output.get("data") or {}).get("text/markdown")
                    if md:
                        sources.append(_as_text(md))
            for src in sources:
                toc.extend(_headings(src))
        resources["briefing_toc"] = toc
        return nb, resources


def _as_text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _headings(markdown: str) -> list[dict[str, Any]]:
    rendered = markdown2html_mistune(markdown)
    out = []
    for level, anchor, inner in _HEADING.findall(rendered):
        inner = re.sub(r"<a\b[^>]*class=\"anchor-link\".*?</a>", "", inner, flags=re.DOTALL)
        text = html.unescape(_TAG.sub("", inner)).strip()
        if text:
            out.append({"level": int(level), "id": html.unescape(anchor), "text": text})
    return out


def _number_sections(page: str, toc: list[dict[str, Any]]) -> str:
    # nbconvert's heading ids are percent-encoded titles: WeasyPrint decodes the link and then
    # finds no such id, and equal titles share one id. Give each TOC heading its own "sec-N".
    for n, item in enumerate(toc, 1):
        old = html.escape(item["id"], quote=True)
        new = f"sec-{n}"
        page = page.replace(f'id="{old}"', f'id="{new}"', 1)
        page = page.replace(f'<a href="#{old}">', f'<a href="#{new}">', 1)
    return page


def make_exporter() -> HTMLExporter:
    """Return an HTMLExporter set up for briefings.

    Returns
    -------
    nbconvert.HTMLExporter
        Template ``briefing``, inputs and prompts excluded, images embedded, our
        preprocessors registered.
    """
    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    c.TagRemovePreprocessor.enabled = True
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.embed_images = True
    exporter = HTMLExporter(
        config=c,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(p) for p in template_basedirs()],
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=c), enabled=True)
    exporter.register_preprocessor(StaticChartPreprocessor(), enabled=True)
    exporter.register_preprocessor(NumericCellPreprocessor(), enabled=True)
    exporter.register_preprocessor(TocPreprocessor(), enabled=True)
    return exporter


_exporters = threading.local()


def _exporter() -> HTMLExporter:
    # One per thread, kept: a new exporter compiles the Jinja templates again (~0.1 s a page),
    # and an exporter is not shareable between threads (each page registers its own filters).
    exporter = getattr(_exporters, "exporter", None)
    if exporter is None:
        exporter = _exporters.exporter = make_exporter()
    return exporter


def find_remote_references(page: str) -> list[str]:
    """Return the snippets of ``page`` that would make a browser fetch from the network.

    Parameters
    ----------
    page : str
        HTML text.

    Returns
    -------
    list of str
        Up to 60 characters around each remote ``src``, ``<link href>``, ``url()``,
        ``@import`` or ``<script src>``; empty when the page is self-contained.
    """
    return [page[max(0, m.start() - 20) : m.end() + 40] for m in _REMOTE.finditer(page)]


def render_html(nb: NotebookNode | str | Path, base_dir: str | Path | None = None) -> str:
    """Render an executed notebook as briefing HTML.

    Parameters
    ----------
    nb : NotebookNode or path
        The executed notebook (its ``metadata.deptbudget`` fills the title block).
    base_dir : str or Path, optional
        Folder that relative image paths in markdown cells are read from (and embedded);
        defaults to the notebook file's folder when ``nb`` is a path.

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    ValueError
        If the page would load anything from the network.
    """
    if isinstance(nb, NotebookNode):
        node = nb
    else:
        node = nbformat.read(str(nb), as_version=4)
        base_dir = base_dir if base_dir is not None else Path(nb).parent
    # Preprocessors mutate the notebook: work on a copy so callers keep theirs.
    node = nbformat.from_dict(node)
    res = {"metadata": {"path": str(base_dir)}} if base_dir is not None else None
    page, resources = _exporter().from_notebook_node(node, resources=res)
    page = _number_sections(page, resources.get("briefing_toc") or [])
    remote = find_remote_references(page)
    if remote:
        raise ValueError(f"briefing would load from the network: {remote[0]!r}")
    return page


def export_html(
    nb: NotebookNode | str | Path, out: str | Path, base_dir: str | Path | None = None
) -> Path:
    """Render ``nb`` and write the page to ``out`` atomically.

    Parameters
    ----------
    nb : NotebookNode or path
        The executed notebook.
    out : str or Path
        Destination ``.html`` file (its folder must exist).
    base_dir : str or Path, optional
        See :func:`render_html`.

    Returns
    -------
    Path
        ``out``.
    """
    return atomic_write_text(out, render_html(nb, base_dir))
