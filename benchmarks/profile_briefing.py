"""Where one briefing's time goes: each phase of ``deptbudget brief`` timed in one process.

Phases, in the order the command runs them: our imports (the CLI, then the runner side:
papermill, nbformat, nbconvert), kernel start, the notebook's cells (the slowest listed: reading,
charts), HTML export, and the PDF split into WeasyPrint's import and font loading (the warm-up
``deptbudget brief`` now runs while the kernel works), layout and writing. Process start is the
difference between ``python -c pass`` and nothing.

Usage: python benchmarks/profile_briefing.py [DISCLOSURE]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "bj-xicheng-foreign-affairs-office-2024.txt"


def phase(name: str, since: float) -> float:
    """Print the seconds since ``since`` under ``name``; return now."""
    now = time.perf_counter()
    print(f"{now - since:7.2f} s  {name}")
    return now


def main() -> None:
    disclosure = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    t = phase("process start (python -c pass)", t)

    import deptbudget.cli.app  # noqa: F401

    t = phase("import the CLI (deptbudget, pandas)", t)
    from deptbudget.render import export, pdf
    from deptbudget.render.build import default_notebook
    from deptbudget.render.execute import WarmKernel, execute_notebook

    t = phase("import the runner (papermill, nbformat, nbconvert)", t)
    kernel = WarmKernel(warm_imports=())
    kernel.prepare()
    t = phase("kernel start", t)
    summary = Path(tempfile.mkdtemp()) / "summary.json"
    params = {"disclosure_path": str(disclosure), "static_charts": True, "summary_path": str(summary)}
    nb = execute_notebook(default_notebook(), params, None, kernel)
    t = phase("notebook executed (its slowest cells below)", t)
    kernel.shutdown()
    cells = [(c.metadata.get("papermill", {}).get("duration") or 0.0, c.source) for c in nb.cells]
    for seconds, source in sorted(cells, key=lambda c: -c[0])[:8]:
        print(f"          {seconds:5.2f} s  cell: {source.splitlines()[0][:70] if source else ''}")
    print(f"          {sum(s for s, _ in cells):5.2f} s  all {len(cells)} cells")
    page = export.render_html(nb, base_dir=default_notebook().parent)
    t = phase("HTML export (nbconvert, our template)", t)
    pdf.warm_up()
    t = phase("PDF: import WeasyPrint, load the CJK fonts", t)
    from weasyprint import HTML

    document = HTML(string=page).render()
    t = phase(f"PDF: layout ({len(document.pages)} pages)", t)
    document.write_pdf()
    t = phase("PDF: write (font subsetting, compression)", t)
    phase("total in this process", START)


if __name__ == "__main__":
    main()
