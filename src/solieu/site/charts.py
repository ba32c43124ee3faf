"""Vega-Lite specs of the site's two kinds of chart, built from templates (plain dicts).

Why no Altair here: a spec per chart through Altair's schema validation cost 15 ms a chart
(18 s of 37 s of the site stage at 50 reports); the two kinds below are written once, checked
by the tests against vega-lite in the browser, and filled with data per chart.

- ``series``: one indicator over time for one kind of span (``spans.py``): a time axis, a line
  and a point per value; estimates are hollow points with a legend. With several units (the
  indicator page's unit picker) a line per unit, coloured.
- ``level_bars``: the latest value of each unit of one level, one period and one span,
  horizontal bars sorted by value; estimates lighter, with a legend.

Specs are rendered by ``docs/assets/js/charts.js`` with a Vietnamese d3 locale, so axes read
"10.000" and tooltips "8,37".
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from solieu import vi_format

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
BAR = "#1f6f8b"
PALETTE = ["#1f6f8b", "#c2571a", "#4c7a34", "#7b4f9d", "#9c6b00", "#b3365b", "#2b6cb0"]
REPORTED, ESTIMATE = "Số liệu báo cáo", "Ước tính"

CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 160},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
    "autosize": {"type": "fit-x", "contains": "padding"},
}

_SERIES: dict[str, Any] = {
    "width": "container",
    "height": 180,
    "data": {"values": []},
    "encoding": {
        "x": {
            "field": "date",
            "type": "temporal",
            "axis": {"labelAngle": 0, "labelOverlap": True, "tickCount": 5, "grid": False},
            "scale": {"padding": 14},  # points at the ends are drawn whole
        },
        "y": {"field": "value", "type": "quantitative", "axis": {"tickCount": 4}},
    },
    "layer": [
        {"mark": {"type": "line", "strokeWidth": 2, "color": BAR, "interpolate": "linear"}},
        {
            "mark": {"type": "point", "size": 70, "strokeWidth": 2, "color": BAR, "filled": False},
            "encoding": {
                "fill": {
                    "field": "est",
                    "type": "nominal",
                    "scale": {"domain": [REPORTED, ESTIMATE], "range": [BAR, "#ffffff"]},
                    "legend": {"title": None, "symbolStrokeColor": BAR},
                },
                "tooltip": [],
            },
        },
    ],
    "config": CONFIG,
}

_BARS: dict[str, Any] = {
    "width": "container",
    "data": {"values": []},
    "mark": {"type": "bar", "color": BAR},
    "encoding": {
        "y": {
            "field": "name",
            "type": "nominal",
            "sort": None,
            "title": None,
            "axis": {"labelLimit": 140},
        },
        "x": {"field": "value", "type": "quantitative", "axis": {"tickCount": 4}},
        "opacity": {
            "field": "est",
            "type": "nominal",
            "scale": {"domain": [REPORTED, ESTIMATE], "range": [1, 0.4]},
            "legend": {"title": None},
        },
        "tooltip": [],
    },
    "config": CONFIG,
}


def display_scale(unit: str, values: Sequence[float]) -> tuple[float, str]:
    """Divide money by 10⁹ or 10⁶ so the axis reads like the reports ("tỷ đồng")."""
    label = vi_format.unit_label(unit)
    if unit == "percent":
        return 1.0, "%"
    if unit == "pp":
        return 1.0, "điểm %"
    big = max((abs(v) for v in values), default=0.0)
    if unit in ("VND", "USD"):
        if big >= 1e9:
            return 1e9, f"tỷ {label}"
        if big >= 1e6:
            return 1e6, f"triệu {label}"
    return 1.0, label


def _datetime(iso: str) -> dict[str, int]:
    """An ISO date as a Vega-Lite DateTime (month 1-12), local time like the data's dates."""
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return {"year": y, "month": m, "date": d}


def _value_axis(enc: dict[str, Any], title: str, count: bool) -> None:
    enc["title"] = title
    if count:  # whole things: "1, 2, 3 hồ sơ", never a 0,5 tick
        enc["axis"]["tickMinStep"] = 1
        enc["axis"]["format"] = ",d"
    else:
        enc["axis"]["format"] = ",~r"


def _tooltip(value_title: str, decimals: int, *first: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        *first,
        {
            "field": "value",
            "type": "quantitative",
            "title": value_title,
            "format": f",.{decimals}~f",
        },
        {"field": "est", "type": "nominal", "title": "Loại số liệu"},
    ]


def series(
    points: Sequence[dict[str, Any]],
    *,
    value_title: str,
    time_title: str,
    description: str,
    count: bool,
    time_format: str = "%-m/%Y",
    by_unit: bool = False,
    decimals: int = 2,
    rule_at: float | None = None,
) -> dict[str, Any]:
    """A time series: points carry ``date`` (ISO), ``value``, ``label`` (the span said in
    words), ``est`` and, with ``by_unit``, ``name`` (one line per unit)."""
    spec = copy.deepcopy(_SERIES)
    spec["description"] = description
    spec["data"]["values"] = list(points)
    enc = spec["encoding"]
    enc["x"]["title"] = time_title
    enc["x"]["axis"]["format"] = time_format
    # a tick at each value's date, never between (no "12/2025" under four weeks of nothing)
    dates = sorted({p["date"] for p in points})
    enc["x"]["axis"]["values"] = [_datetime(d) for d in dates]
    enc["x"]["axis"].pop("tickCount", None)
    _value_axis(enc["y"], value_title, count)
    first = [{"field": "label", "type": "nominal", "title": "Kỳ"}]
    if by_unit:
        first.insert(0, {"field": "name", "type": "nominal", "title": "Đơn vị"})
        colour = {
            "field": "name",
            "type": "nominal",
            "title": None,
            "scale": {"range": PALETTE},
            "legend": {"orient": "bottom", "columns": 2, "labelLimit": 150},
        }
        spec["layer"][0]["encoding"] = {"color": colour}
        spec["layer"][0]["mark"].pop("color")
        spec["layer"][1]["encoding"]["stroke"] = colour
        spec["layer"][1]["mark"].pop("color")
        spec["layer"][1]["encoding"]["fill"]["scale"]["range"] = ["#555555", "#ffffff"]
        spec["layer"][1]["encoding"]["fill"]["legend"]["symbolStrokeColor"] = "#555555"
    spec["layer"][1]["encoding"]["tooltip"] = _tooltip(value_title, decimals, *first)
    if not any(p.get("est") == ESTIMATE for p in points):
        spec["layer"][1]["encoding"]["fill"]["legend"] = None  # nothing to tell apart
    if rule_at is not None:
        spec["layer"].append(
            {
                "data": {"values": [{"v": rule_at}]},
                "mark": {"type": "rule", "color": "#b3365b", "strokeDash": [4, 3]},
                "encoding": {"y": {"field": "v", "type": "quantitative"}},
            }
        )
    return spec


def level_bars(
    rows: Sequence[dict[str, Any]],
    *,
    value_title: str,
    description: str,
    count: bool,
    decimals: int = 2,
    rule_at: float | None = None,
) -> dict[str, Any]:
    """Bars of units of one level: rows carry ``name``, ``value``, ``label``, ``est``."""
    spec = copy.deepcopy(_BARS)
    spec["description"] = description
    spec["data"]["values"] = list(rows)
    spec["height"] = {"step": 22}
    enc = spec["encoding"]
    if not any(r.get("est") == ESTIMATE for r in rows):
        enc["opacity"]["legend"] = None
    _value_axis(enc["x"], value_title, count)
    enc["tooltip"] = _tooltip(
        value_title,
        decimals,
        {"field": "name", "type": "nominal", "title": "Đơn vị"},
        {"field": "label", "type": "nominal", "title": "Kỳ"},
    )
    if rule_at is not None:
        bars = {k: spec.pop(k) for k in ("mark", "encoding")}
        spec["layer"] = [
            bars,
            {
                "data": {"values": [{"v": rule_at}]},
                "mark": {"type": "rule", "color": "#b3365b", "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "v", "type": "quantitative"}},
            },
        ]
    return spec
