"""Optional modules no briefing uses, kept from being imported (here and in our kernels).

jsonschema (imported by nbformat and by altair) imports the IRI checker ``rfc3987_syntax``
when it is installed (jupyterlab brings it); building its grammar costs about one second at
every import, in the CLI process and in every kernel, and no briefing validates an IRI.
Marking a module as absent in ``sys.modules`` makes ``import`` raise ``ImportError``, which
jsonschema takes as "checker not installed".
"""

from __future__ import annotations

import sys

#: Modules marked absent before nbformat, jsonschema or altair are imported.
UNUSED_MODULES: tuple[str, ...] = ("rfc3987_syntax",)

#: The same, as one line of Python for a kernel's ``exec_lines``.
KERNEL_LINE = "import sys; " + "; ".join(f"sys.modules.setdefault({m!r}, None)" for m in UNUSED_MODULES)


def skip_unused_modules() -> None:
    """Mark :data:`UNUSED_MODULES` absent in this process (modules already imported stay)."""
    for name in UNUSED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
