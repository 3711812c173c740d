"""The briefing's one chart theme and palette: fonts (CJK first), sizes and colours.

Every chart (static in exports, interactive in JupyterLab) and every chart builder in
:mod:`.figures` takes its colours from here.
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt

#: First font of every text in charts and in the HTML/PDF template.
CJK_FONT = "Noto Sans CJK SC"
#: Name the theme is registered under in ``alt.theme``.
THEME_NAME = "deptbudget"
#: The categorical palette: blue, amber, green, red, violet, teal, brown, grey.
PALETTE: tuple[str, ...] = (
    "#2f5d8a", "#d08c35", "#5b8e4f", "#a84a4a", "#7a6aa8", "#4f9a9a", "#b0795a", "#8a8f98",
)
#: The main colour (one series), and its pale partner for a second, lesser series.
BLUE = PALETTE[0]
PALE_BLUE = "#9fb7c9"
#: The second colour of two-part charts (project against basic, 定性 against 定量).
AMBER = PALETTE[1]

_THEME_CONFIG: dict[str, Any] = {
    "font": CJK_FONT,
    "background": "white",
    "view": {"continuousWidth": 480, "continuousHeight": 280, "stroke": None},
    "title": {"font": CJK_FONT, "fontSize": 15, "anchor": "start", "color": "#1f2933"},
    "axis": {
        "labelFont": CJK_FONT,
        "titleFont": CJK_FONT,
        "labelFontSize": 11,
        "titleFontSize": 12,
        "gridColor": "#e4e7eb",
        "domainColor": "#9aa5b1",
    },
    "legend": {"labelFont": CJK_FONT, "titleFont": CJK_FONT, "labelFontSize": 11},
    "header": {"labelFont": CJK_FONT, "titleFont": CJK_FONT},
    "text": {"font": CJK_FONT},
    "mark": {"font": CJK_FONT, "color": BLUE},
    "range": {"category": list(PALETTE)},
    "bar": {"discreteBandSize": {"band": 0.7}},
}


def theme_config() -> dict[str, Any]:
    """Return a copy of the Vega-Lite ``config`` of the briefing theme.

    Returns
    -------
    dict
        Fonts (CJK first), sizes, colours.
    """
    return copy.deepcopy(_THEME_CONFIG)


def enable_theme() -> None:
    """Register the briefing theme with Altair and make it the active one.

    Returns nothing, so that a notebook cell ending with this call shows no output; the theme
    is registered as :data:`THEME_NAME`.
    """
    def _theme() -> alt.theme.ThemeConfig:
        return alt.theme.ThemeConfig(config=theme_config())  # type: ignore[typeddict-item]

    alt.theme.register(THEME_NAME, enable=True)(_theme)
