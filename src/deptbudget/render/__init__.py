"""The briefing's runner side: notebooks executed, exported and committed to disk.

:mod:`.execute` (papermill, warm kernels), :mod:`.export` (nbconvert HTML with our template),
:mod:`.pdf` (WeasyPrint), :mod:`.slug` (file names), :mod:`.build` (one briefing, staged then
committed), :mod:`.pool` (worker processes), :mod:`.status` (the batch's record),
:mod:`.index` (the batch's index page), :mod:`.batch` (a folder of disclosures).

Layer: may import every layer below (``core`` … ``brief``); never ``cli``. Submodules are
imported on demand: importing this package stays cheap.
"""

from .lean import skip_unused_modules

# Before any submodule imports nbformat or papermill (and so jsonschema): see :mod:`.lean`.
skip_unused_modules()
