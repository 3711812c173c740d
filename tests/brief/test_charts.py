"""Charts: the CJK theme, and static rendering that really draws Chinese glyphs."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from deptbudget.brief import charts, theme


def _chart(title: str) -> alt.Chart:
    data = pd.DataFrame({"项目": ["甲", "乙"], "金额": [1.0, 2.0]})
    return alt.Chart(data, title=title).mark_bar().encode(x="金额:Q", y="项目:N")


def test_theme_uses_the_cjk_font_everywhere() -> None:
    cfg = theme.theme_config()
    assert cfg["font"] == theme.CJK_FONT
    for part in ("axis", "legend", "header"):
        assert cfg[part]["labelFont"] == theme.CJK_FONT
    assert cfg["title"]["font"] == theme.CJK_FONT
    theme.enable_theme()
    assert alt.theme.active == theme.THEME_NAME


def test_chart_config_wins_over_theme() -> None:
    spec = charts.chart_spec(_chart("标题").configure_axis(labelFontSize=20))
    assert spec["config"]["axis"]["labelFontSize"] == 20
    assert spec["config"]["axis"]["labelFont"] == theme.CJK_FONT


@pytest.mark.slow
def test_svg_output_names_the_font_and_keeps_the_text() -> None:
    svg = charts.to_static(_chart("支出结构"), fmt="svg")
    assert theme.CJK_FONT in svg.data and "支出结构" in svg.data
    assert "http" not in svg.data.replace("http://www.w3.org", "")


@pytest.mark.slow
def test_png_draws_distinct_cjk_glyphs() -> None:
    # Missing fonts draw every CJK character as the same box (or nothing): titles that differ
    # only in their Chinese characters would then give identical images.
    a = charts.to_static(_chart("收入预算"), fmt="png")
    b = charts.to_static(_chart("支出决算"), fmt="png")
    assert a.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert a.data != b.data
    assert a.width and a.width < int.from_bytes(a.data[16:20], "big")


def test_show_returns_interactive_chart_when_not_static() -> None:
    chart = _chart("x")
    assert charts.show(chart, static=False) is chart
    with pytest.raises(ValueError):
        charts.to_static(chart, fmt="gif")


def test_every_chart_builder_draws_in_the_theme_palette() -> None:
    from deptbudget.brief import figures

    frame = pd.DataFrame({"label": ["甲", "乙"], "amount_yuan": [None, None]})
    colours = set()
    for spec in (figures.BASIC_PROJECT_COLOURS.to_dict(), figures.amounts_bar(frame, "label").to_dict()):
        text = str(spec)
        colours |= {c for c in (*theme.PALETTE, theme.PALE_BLUE) if c in text}
    assert theme.BLUE in colours
    assert "#2f6f9f" not in str(figures.BASIC_PROJECT_COLOURS.to_dict())
