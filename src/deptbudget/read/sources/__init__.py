"""Sources: a disclosure file turned into numbered, paged lines.

:mod:`.text` reads text files (UTF-8, GB18030, UTF-16); :mod:`.pdf` reads text-based PDFs
with pypdfium2 into lines and ruled grids (:mod:`.pdf_types`), the grids' cells found by
pdfplumber's geometry (:mod:`.pdf_paths`, :mod:`.pdf_cells`, :mod:`.pdf_grid`).
"""
