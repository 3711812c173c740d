"""What pdfium sees on a page, part 2: ruling lines among the path objects.

Lines and rectangles become horizontal and vertical :class:`Edge` objects in top-down
page coordinates (see :mod:`.pdf_chars`). The walk over the page objects also notes text
objects that pdfium left empty, which may be text of a font it failed to load (see
:mod:`.pdf_fallback`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .pdf_chars import _Transform, base_font_name

#: A filled rectangle at most this thick (pt) is a ruling line; thicker is a background.
THIN = 3.0
#: Segments shorter than this (pt) are ticks or glyph-like marks, not rules.
MIN_EDGE = 2.0
#: Colour channels at or above this on all three channels count as white (invisible on paper).
WHITE = 250

#: Latin fonts pdfium always has a substitute for (its base-14 fonts): empty text objects
#: in them are really empty (Word writes runs of spaces so), never lost text.
_BUILT_IN = ("times", "arial", "helvetica", "courier", "symbol", "zapfdingbats")


@dataclass(slots=True)
class Edge:
    """A horizontal (``"h"``) or vertical (``"v"``) ruling segment, top-down coordinates."""

    orientation: str
    x0: float
    x1: float
    top: float
    bottom: float


class _Walk:
    """Path objects with their matrices, and text objects pdfium could not read."""

    def __init__(self) -> None:
        self.paths: list = []
        self.unread: list = []
        self._m = raw.FS_MATRIX()
        self._box = [ctypes.c_float() for _ in range(4)]

    def visit(self, container, count_fn, get_fn, matrix) -> None:
        """Collect ``(path object, matrix to page space)`` for every path, entering forms."""
        get_type = raw.FPDFPageObj_GetType
        get_bounds = raw.FPDFPageObj_GetBounds
        left, bottom, right, top = self._box
        for i in range(count_fn(container)):
            obj = get_fn(container, i)
            kind = get_type(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                self.paths.append((obj, matrix))
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                # A text object with an empty box: its font may have failed to load.
                empty = get_bounds(obj, left, bottom, right, top) and left.value == right.value
                if empty and top.value == bottom.value:
                    self.unread.append(obj)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                m = self._m
                raw.FPDFPageObj_GetMatrix(obj, m)
                inner = (m.a, m.b, m.c, m.d, m.e, m.f)
                self.visit(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, _compose(inner, matrix))

    def suspect_fonts(self, textpage: pdfium.PdfTextPage) -> frozenset[str]:
        """Base names of fonts that are not embedded and have text objects that came out empty.

        Such a font may be one pdfium failed to load (it then drops the characters), or
        the objects may really be empty (Word writes empty runs): the caller checks.
        """
        name = ctypes.create_string_buffer(256)
        suspects: set[str] = set()
        for obj in self.unread:
            if raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0) > 2:
                continue  # it has text after all (a space, say)
            font = raw.FPDFTextObj_GetFont(obj)
            if not font or raw.FPDFFont_GetIsEmbedded(font):
                continue
            if raw.FPDFFont_GetBaseFontName(font, name, len(name)):
                base = base_font_name(name.value.decode("latin-1"))
                if not base.lower().startswith(_BUILT_IN):
                    suspects.add(base)
        return frozenset(suspects)


def _compose(inner, outer):
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Paint:
    """Reads whether a path's fill or stroke shows on white paper."""

    def __init__(self) -> None:
        self.r, self.g, self.b, self.a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()

    def visible(self, getter, obj) -> bool:
        if not getter(obj, self.r, self.g, self.b, self.a):
            return True
        if self.a.value == 0:
            return False
        return not (self.r.value >= WHITE and self.g.value >= WHITE and self.b.value >= WHITE)


def page_edges(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[list[Edge], frozenset[str]]:
    """Horizontal and vertical ruling segments drawn on the page, and fonts pdfium lost.

    Stroked paths give each of their straight axis-parallel segments (so a rectangle
    drawn as four segments or with ``re`` gives its four sides). Filled paths give an
    edge only when they are a thin rectangle (a rule drawn as a filled bar, as WPS and
    Word do); larger filled areas are cell backgrounds and give nothing. White or fully
    transparent paint is invisible and ignored. Curves are skipped.

    The second value names fonts that may have lost text: pdfium gives text objects
    with no characters and an empty box for a font it fails to load (see
    :mod:`.pdf_fallback`).
    """
    transform = _Transform(page)
    walk = _Walk()
    walk.visit(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, None)
    paths = walk.paths
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    m = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    bl, bb, br, bt = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    paint = _Paint()
    edges: list[Edge] = []
    get_segment = raw.FPDFPath_GetPathSegment
    get_point = raw.FPDFPathSegment_GetPoint
    get_type = raw.FPDFPathSegment_GetType
    get_close = raw.FPDFPathSegment_GetClose
    for obj, outer in paths:
        if not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        stroked = bool(stroke.value) and paint.visible(raw.FPDFPageObj_GetStrokeColor, obj)
        filled = bool(fill.value) and paint.visible(raw.FPDFPageObj_GetFillColor, obj)
        if not (stroked or filled):
            continue
        # Fast path: a path whose bounds are thin is one rule, whatever its segments
        # (a filled bar, or a stroked line whose bounds include the line width).
        if not raw.FPDFPageObj_GetBounds(obj, bl, bb, br, bt):
            continue
        x0, y0, x1, y1 = bl.value, bb.value, br.value, bt.value
        if outer is not None:
            x0, y0, x1, y1 = _bounds_through(outer, x0, y0, x1, y1)
        if min(x1 - x0, y1 - y0) <= THIN:
            if stroked or min(x1 - x0, y1 - y0) > 0.01:  # a filled area of no height paints nothing
                _bar_edge(x0, y0, x1, y1, transform, edges)
            continue
        segments = raw.FPDFPath_CountSegments(obj)
        if not stroked and segments <= 5:
            continue  # one large filled rectangle: a cell background
        raw.FPDFPageObj_GetMatrix(obj, m)
        a, b, c, d, e, f = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        # Subpaths as lists of points in page space; None marks a curve segment.
        subpaths: list[list] = []
        current: list = []
        start = None
        for s in range(segments):
            seg = get_segment(obj, s)
            get_point(seg, px, py)
            x, y = px.value, py.value
            point = (a * x + c * y + e, b * x + d * y + f)
            kind = get_type(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                if len(current) > 1:
                    subpaths.append(current)
                current = [point]
                start = point
                continue
            if kind == raw.FPDF_SEGMENT_BEZIERTO:
                current.append(None)
            current.append(point)
            if get_close(seg) and start is not None:
                current.append(start)
        if len(current) > 1:
            subpaths.append(current)
        for points in subpaths:
            if stroked:
                _stroke_edges(points, transform, edges)
            elif filled:
                _fill_edge(points, transform, edges)
    return edges, walk.suspect_fonts(textpage) if walk.unread else frozenset()


def _bounds_through(matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """The bounding box of a box mapped through a matrix."""
    a, b, c, d, e, f = matrix
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _bar_edge(x0: float, y0: float, x1: float, y1: float, transform: _Transform, edges: list[Edge]) -> None:
    """The edge along the long side of a thin box (user space), if it is long enough."""
    left, right, top, bottom = _clip(transform, *transform.box(x0, y0, x1, y1))
    width, height = right - left, bottom - top
    if width < 0 or height < 0:
        return
    if height <= THIN and width >= MIN_EDGE and width > height:
        mid = (top + bottom) / 2
        edges.append(Edge("h", left, right, mid, mid))
    elif width <= THIN and height >= MIN_EDGE and height > width:
        mid = (left + right) / 2
        edges.append(Edge("v", mid, mid, top, bottom))


def _stroke_edges(points: list, transform: _Transform, edges: list[Edge]) -> None:
    prev = None
    for point in points:
        if point is None:  # a curve: the next point ends it, so no straight segment
            prev = None
            continue
        if prev is not None:
            _add_segment(prev, point, transform, edges)
        prev = point


def _clip(transform: _Transform, left: float, right: float, top: float, bottom: float):
    """A box cut to the displayed page (it may become empty: right < left or bottom < top)."""
    return max(left, 0.0), min(right, transform.page_width), max(top, 0.0), min(bottom, transform.page_height)


def _add_segment(p, q, transform: _Transform, edges: list[Edge]) -> None:
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    left, right, top, bottom = _clip(transform, *transform.box(x0, y0, x1, y1))
    width, height = right - left, bottom - top
    if width < 0 or height < 0:  # off the page
        return
    if height <= 0.5 and width >= MIN_EDGE:
        mid = (top + bottom) / 2
        edges.append(Edge("h", left, right, mid, mid))
    elif width <= 0.5 and height >= MIN_EDGE:
        mid = (left + right) / 2
        edges.append(Edge("v", mid, mid, top, bottom))


def _fill_edge(points: list, transform: _Transform, edges: list[Edge]) -> None:
    """One subpath of a filled path with several: an edge when it is a thin box."""
    if None in points:
        return
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if min(max(xs) - min(xs), max(ys) - min(ys)) <= THIN:
        _bar_edge(min(xs), min(ys), max(xs), max(ys), transform, edges)
