"""Charts for briefings: a CJK-ready Altair theme and static rendering with vl-convert.

An exported briefing must load nothing from the network, and Altair's interactive output
needs Vega from a CDN. The notebook therefore shows charts through :func:`show`, which returns
an SVG or PNG display object rendered here (in the kernel) when ``static`` is true.

vl-convert draws text with its own font database, which does not see fontconfig: the system
font folders are registered once (:func:`register_fonts`) so Chinese labels get real glyphs.
"""

from __future__ import annotations

import copy
import os
import threading
from typing import Any

import altair as alt
import vl_convert as vlc
from IPython.display import SVG, Image

from .theme import enable_theme, theme_config

#: Folders searched for fonts (those that exist are registered).
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"))

_fonts_lock = threading.Lock()
_fonts_done = False

def register_fonts() -> list[str]:
    """Give vl-convert the system fonts, once per process.

    Returns
    -------
    list of str
        The folders registered by this call (empty after the first call).
    """
    global _fonts_done
    with _fonts_lock:
        if _fonts_done:
            return []
        done = []
        for folder in FONT_DIRS:
            if os.path.isdir(folder):
                vlc.register_font_directory(folder)
                done.append(folder)
        _fonts_done = True
        return done


def warm_up() -> None:
    """Register fonts and render a tiny chart, so a warm kernel's first real chart is fast.

    vl-convert starts its JavaScript runtime on first use (about half a second).
    """
    render_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}})


def _vl_version() -> str | None:
    # Render with the Vega-Lite version Altair wrote the spec for, when vl-convert has it.
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def chart_spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """Return the chart's Vega-Lite spec with the briefing theme under its own config.

    Parameters
    ----------
    chart : altair chart or dict
        Any top-level Altair chart, or a Vega-Lite spec.

    Returns
    -------
    dict
        The spec; the chart's own ``config`` wins over the theme.
    """
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict()
    spec["config"] = _merge(theme_config(), spec.get("config") or {})
    return spec


def render_svg(chart: alt.TopLevelMixin | dict[str, Any]) -> str:
    """Render a chart to SVG text (no network: remote data URLs are refused).

    Parameters
    ----------
    chart : altair chart or dict
        The chart or Vega-Lite spec.

    Returns
    -------
    str
        The SVG document.
    """
    register_fonts()
    return vlc.vegalite_to_svg(chart_spec(chart), vl_version=_vl_version(), allowed_base_urls=[])


def render_png(chart: alt.TopLevelMixin | dict[str, Any], scale: float = 2.0) -> bytes:
    """Render a chart to PNG bytes at ``scale`` times its natural size.

    Parameters
    ----------
    chart : altair chart or dict
        The chart or Vega-Lite spec.
    scale : float
        Pixel density; 2 keeps text sharp in print.

    Returns
    -------
    bytes
        The PNG file.
    """
    register_fonts()
    return vlc.vegalite_to_png(
        chart_spec(chart), vl_version=_vl_version(), scale=scale, allowed_base_urls=[]
    )


def to_static(
    chart: alt.TopLevelMixin | dict[str, Any], fmt: str = "svg", scale: float = 2.0
) -> SVG | Image:
    """Return a static IPython display object for ``chart``.

    Parameters
    ----------
    chart : altair chart or dict
        The chart or Vega-Lite spec.
    fmt : {"svg", "png"}
        Output format. SVG stays sharp in the PDF; PNG is for viewers without CJK fonts.
    scale : float
        PNG pixel density (ignored for SVG).

    Returns
    -------
    IPython.display.SVG or IPython.display.Image
        An object whose display puts ``image/svg+xml`` or ``image/png`` in the notebook.
    """
    if fmt == "svg":
        return SVG(data=render_svg(chart))
    if fmt == "png":
        png = render_png(chart, scale=scale)
        # Shown at natural size: the PNG's pixel width divided by the scale.
        width = int.from_bytes(png[16:20], "big")
        return Image(data=png, format="png", width=max(1, round(width / scale)))
    raise ValueError(f"fmt must be 'svg' or 'png', got {fmt!r}")


def show(
    chart: alt.TopLevelMixin, static: bool = True, fmt: str = "svg"
) -> alt.TopLevelMixin | SVG | Image:
    """Return what the notebook should display for ``chart``.

    Parameters
    ----------
    chart : altair chart
        The chart.
    static : bool
        True (exported briefings): a static image from :func:`to_static`. False (working in
        Jupyter): the interactive chart itself.
    fmt : {"svg", "png"}
        Static format.

    Returns
    -------
    altair chart or IPython display object
    """
    return to_static(chart, fmt=fmt) if static else chart


def enable(interactive: bool = False) -> None:
    """Switch on the briefing's charts: the theme, and for JupyterLab the offline renderer.

    Parameters
    ----------
    interactive : bool
        True in JupyterLab: charts display as interactive widgets (tooltips, selections back
        in Python) that need no network. False (exported briefings): charts are shown through :func:`show`
        as static images and Altair's renderer is left alone.
    """
    enable_theme()
    if interactive:
        # Altair's ``jupyter`` renderer draws each chart as an anywidget (JupyterChart) whose
        # JavaScript JupyterLab loads once per page; offline, the Vega libraries come from
        # vl-convert's bundle instead of a CDN. (The ``html`` renderer inlines the bundle in every
        # output as a classic script: a second chart on the page fails to declare it again.)
        alt.renderers.enable("jupyter", offline=True)
