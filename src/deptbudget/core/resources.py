"""Files the package ships: the notebooks, the report templates and the reference code tables.

They live at the repository's top level (``notebooks/``, ``report_templates/``,
``data/reference/``) and are linked into the package folder ``deptbudget/resources/``, so that an
editable install and a wheel find them the same way: as package resources (:func:`path`), never
by counting parent folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(*parts: str) -> Path:
    """Return the file system path of a shipped file or folder.

    Parameters
    ----------
    *parts : str
        Path parts under the resources, e.g. ``("notebooks", "briefing.ipynb")``.

    Returns
    -------
    Path
        The resolved path (it may not exist; callers check).
    """
    return Path(str(resources.files("deptbudget").joinpath("resources", *parts))).resolve()
