"""Altair chart builders → Vega-Lite specs (dicts) embedded in the pages.

Why Altair: the specs are plain JSON that vega-embed renders in the browser with a Vietnamese
d3 locale (set in ``docs/assets/js/charts.js``), so axes read "10.000" and tooltips "8,37";
the same JSON is offered as a download for journalists who re-use the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from .labels import unit_label

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
BAR = "#1f6f8b"
PALETTE = ["#1f6f8b", "#c2571a", "#4c7a34", "#7b4f9d", "#9c6b00", "#b3365b", "#2b6cb0"]


def display_scale(unit: str, values: Sequence[float]) -> tuple[float, str]:
    """Divide money by 10⁹ or 10⁶ so the axis reads like the reports ("tỷ đồng")."""
    label = unit_label(unit)
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


def wrap(label: str, width: int = 30) -> str:
    """Break a long axis label into lines (joined by newlines) so it is never cut off."""
    out: list[str] = []
    for word in label.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    return "\n".join(out[:4])


def _base(chart: alt.Chart, description: str) -> dict[str, Any]:
    spec = chart.properties(width="container", description=description).to_dict()
    spec["config"] = {
        "font": FONT,
        "view": {"stroke": None, "continuousHeight": 200},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "autosize": {"type": "fit-x", "contains": "padding"},
    }
    spec.pop("$schema", None)  # nothing refers to the network, even as a string
    return spec


def hbar(
    rows: Sequence[dict[str, Any]],
    *,
    value_title: str,
    description: str,
    color: str | None = None,
    color_title: str = "",
    rule_at: float | None = None,
    decimals: int = 2,
) -> dict[str, Any]:
    """Horizontal bars, one per row, in the given order; rows carry label, value, shown."""
    rows = [{**r, "label": wrap(str(r["label"]))} for r in rows]
    df = pd.DataFrame(rows)
    lines = max((r["label"].count("\n") + 1 for r in rows), default=1)
    fmt = f",.{decimals}~f"
    enc: dict[str, Any] = dict(
        y=alt.Y(
            "label:N",
            sort=None,
            title=None,
            axis=alt.Axis(labelLimit=240, labelExpr="split(datum.label, '\\n')"),
        ),
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=",~r", tickCount=5)),
        tooltip=[
            alt.Tooltip("label:N", title="Chỉ tiêu"),
            alt.Tooltip("value:Q", title=value_title, format=fmt),
            alt.Tooltip("period:N", title="Kỳ"),
        ],
    )
    if color:
        enc["color"] = alt.Color(
            f"{color}:N", title=color_title, scale=alt.Scale(range=PALETTE), sort=None
        )
    bars = (alt.Chart(df).mark_bar() if color else alt.Chart(df).mark_bar(color=BAR)).encode(**enc)
    text = (
        alt.Chart(df)
        .mark_text(align="left", dx=3, fontSize=11)
        .encode(y=alt.Y("label:N", sort=None), x="value:Q", text=alt.Text("value:Q", format=fmt))
    )
    layers: list[alt.Chart] = [bars, text]
    if rule_at is not None:
        rule = (
            alt.Chart(pd.DataFrame([{"v": rule_at}]))
            .mark_rule(color="#b3365b", strokeDash=[4, 3])
            .encode(x="v:Q")
        )
        layers.append(rule)
    n = max(len(df), 1)
    chart = alt.layer(*layers).properties(height=max(60, (14 * lines + 12) * n))
    return _base(chart, description)


def period_bars(
    rows: Sequence[dict[str, Any]], *, value_title: str, description: str, decimals: int = 2
) -> dict[str, Any]:
    """Small multiple: one indicator of one unit over its periods (vertical bars)."""
    df = pd.DataFrame(list(rows))
    fmt = f",.{decimals}~f"
    chart = (
        alt.Chart(df)
        .mark_bar(color=BAR)
        .encode(
            x=alt.X("period:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=value_title, axis=alt.Axis(format=",~r", tickCount=4)),
            tooltip=[
                alt.Tooltip("period:N", title="Kỳ"),
                alt.Tooltip("value:Q", title=value_title, format=fmt),
            ],
        )
        .properties(height=140)
    )
    return _base(chart, description)
