"""The indicator catalogue and one page per indicator: what it measures, then one panel per
level of unit (province, district, commune): the latest value of each unit compared on one
axis, a time series of the units a reader picks, and a table of the latest values whose long
tail loads on demand. Never a ward and a province on one linear axis."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from solieu import vi_format

from .. import charts
from ..blocks import (
    ALL_VALUES_DROP,
    ChartSet,
    card,
    chart_caption,
    dedupe_dates,
    doc_cite,
    obs_table,
    series_spec,
    unit_json,
)
from ..context import Context, Search, is_estimate
from ..data import Row, num, period_key
from ..labels import (
    labels,
    measure_label,
    period_label,
    sector_label,
    sector_slug,
    temporal_label,
    unit_label,
)
from ..render import link, text
from ..spans import KINDS, when
from ..tables import PAGE_ROWS, Column, Outputs
from ..urls import rel

LEVELS = ("province", "district", "commune")
MAX_BARS = 30  # a level's comparison shows this many units (the largest values)
PICKED = 5  # units drawn in a level's time series until the reader picks others


def build(ctx: Context) -> None:
    sd, d = ctx.sd, "chi-tieu/"
    out = Outputs()

    def n_obs(i: Row) -> int:
        return len(sd.obs_by_indicator.get(i["indicator_id"], []))

    def n_units(i: Row) -> int:
        return len({o["unit_id"] for o in sd.obs_by_indicator.get(i["indicator_id"], [])})

    cols = [
        Column(
            "Chỉ tiêu",
            lambda i: [link(rel(d, f"chi-tieu/{i['indicator_id']}/"), i["name_vi"])],
            sort=lambda i: vi_format.fold(i["name_vi"]),
        ),
        Column(
            "Lĩnh vực",
            lambda i: sector_label(i.get("sector") or ""),
            sort=lambda i: sector_label(i.get("sector") or ""),
        ),
        Column("Đơn vị tính", lambda i: unit_label(i.get("unit") or "")),
        Column(
            "Đơn vị có số liệu", lambda i: vi_format.number(n_units(i)), sort=n_units, numeric=True
        ),
        Column("Số liệu", lambda i: vi_format.number(n_obs(i)), sort=n_obs, numeric=True),
    ]
    rows = sorted(
        sd.tables["indicators"],
        key=lambda i: (sector_slug(i.get("sector") or ""), i["indicator_id"]),
    )
    table = ctx.table(
        "indicators",
        table_id="bang-danh-muc",
        caption="Danh mục chỉ tiêu",
        rows=rows,
        columns=cols,
        out=out,
        csv_name="chi-tieu.csv",
        filterable=True,
    )
    ctx.write(
        d,
        "indicators.md.j2",
        title="Danh mục chỉ tiêu",
        out=out,
        table=table,
        search=Search("Danh mục chỉ tiêu và định nghĩa", ["danh mục chỉ tiêu"], boost=0.8),
    )
    for i in rows:
        indicator_page(ctx, i)


def _latest_per_unit(ctx: Context, rows: list[Row]) -> list[Row]:
    """Each unit's newest value (the most common basis first: one kind of number per table)."""
    bases = Counter(o.get("basis") or "" for o in rows)
    best: dict[str, Row] = {}
    for o in rows:
        key = (-bases[o.get("basis") or ""], when(o, ctx.span(o)), o["observation_id"])
        cur = best.get(o["unit_id"])
        if cur is None or key > (
            -bases[cur.get("basis") or ""],
            when(cur, ctx.span(cur)),
            cur["observation_id"],
        ):
            best[o["unit_id"]] = o
    return sorted(best.values(), key=lambda o: vi_format.fold(ctx.unit_name(o["unit_id"])))


def _panel(
    ctx: Context, i: Row, level: str, rows: list[Row], d: str, out: Outputs, cs: ChartSet
) -> dict[str, Any]:
    iid = i["indicator_id"]
    name = labels()["level_groups"][level]
    series_key = Counter((ctx.span(o), o.get("basis") or "") for o in rows).most_common(1)[0][0]
    kind, basis = series_key
    same = [o for o in rows if (ctx.span(o), o.get("basis") or "") == series_key]
    panel: dict[str, Any] = {"name": name, "anchor": f"cap-{level}", "charts": [], "card": None}
    # the comparison: the date most units have a value at, the latest of those
    dates = Counter(when(o, kind) for o in dedupe_dates(ctx, same))
    top = max(dates.items(), key=lambda kv: (kv[1], kv[0]))[0] if dates else ""
    at = sorted(
        (o for o in dedupe_dates(ctx, same) if when(o, kind) == top),
        key=lambda o: -(num(o["value"]) or 0.0),
    )
    unit = same[0]["unit"]
    if len(at) >= 2:
        scale, unit_title = charts.display_scale(unit, [num(o["value"]) or 0 for o in at])
        shown = at[:MAX_BARS]
        bars = [
            {
                "name": ctx.unit_name(o["unit_id"]),
                "value": round((num(o["value"]) or 0.0) / scale, 6),
                "label": ctx.span_text(o),
                "est": charts.ESTIMATE if is_estimate(o) else charts.REPORTED,
            }
            for o in shown
        ]
        label = ctx.span_text(at[0])
        caption = (
            f"{ctx.name_with_basis(at[0])}, {name.lower()}: {label} "
            f"— {KINDS[kind].title.lower()} ({unit_title})"
        )
        if len(at) > MAX_BARS:
            caption += f"; {MAX_BARS} đơn vị có giá trị lớn nhất trên {len(at)}"
        spec = charts.level_bars(
            bars,
            value_title=unit_title,
            description=caption,
            count=vi_format.is_count(unit),
            rule_at=100.0 if iid.endswith(("_pct_plan", "_pct_estimate")) else None,
        )
        panel["charts"].append(cs.add(ctx, f"{level}-so-sanh", spec, caption=caption, rows=shown))
    elif at:
        panel["card"] = at[0]
    series = dedupe_dates(ctx, same)
    per_unit = Counter(o["unit_id"] for o in series)
    if per_unit and max(per_unit.values()) >= 2:
        caption0 = chart_caption(ctx, iid, kind, basis, "")
        spec, unit_title = series_spec(ctx, series, kind, caption0, by_unit=True)
        caption = chart_caption(ctx, iid, kind, basis, unit_title) + f" — {name.lower()}"
        ranked = sorted(per_unit, key=lambda u: (-per_unit[u], vi_format.fold(ctx.unit_name(u))))
        picker = None
        if len(per_unit) > 1:  # a reader picks among several units
            picker = {
                "units": sorted((ctx.unit_name(u) for u in per_unit), key=vi_format.fold),
                "default": [ctx.unit_name(u) for u in ranked[:PICKED]],
            }
        panel["charts"].append(
            cs.add(
                ctx, f"{level}-theo-thoi-gian", spec, caption=caption, rows=series, picker=picker
            )
        )
    latest = _latest_per_unit(ctx, rows)
    panel["table"] = obs_table(
        ctx,
        d,
        f"bang-{level}",
        f"{i['name_vi']} — giá trị mới nhất của từng đơn vị, {name.lower()}",
        latest,
        out,
        f"moi-nhat-{level}.csv",
        show_ind=False,
        quotes=True,
        page_rows=PAGE_ROWS,
    )
    panel["n_units"] = len(latest)
    return panel


def indicator_page(ctx: Context, i: Row) -> None:
    sd, iid = ctx.sd, i["indicator_id"]
    d = f"chi-tieu/{iid}/"
    out = Outputs()
    sector = i.get("sector") or ""
    facts = [
        ("Đơn vị tính", [text(unit_label(i.get("unit") or ""))]),
        ("Lĩnh vực", [link(rel(d, f"linh-vuc/{sector_slug(sector)}/"), sector_label(sector))]),
        ("Định nghĩa", [text(i.get("definition") or "")]),
        ("Loại số liệu", [text(measure_label(i.get("measure")))]),
        ("Kỳ tính", [text(temporal_label(i.get("temporal")))]),
    ]
    if i.get("comparability"):
        facts.append(("Lưu ý khi so sánh", [text(i["comparability"])]))
    obs = sorted(
        sd.obs_by_indicator.get(iid, []),
        key=lambda o: (
            period_key(o["period"]),
            o["unit_id"],
            o.get("basis") or "",
            o["observation_id"],
        ),
    )
    cs = ChartSet(d)
    panels = []
    by_level: dict[str, list[Row]] = defaultdict(list)
    for o in ctx.latest(obs):
        by_level[sd.level_group(o["unit_id"])].append(o)
    for level in LEVELS:
        if by_level.get(level):
            panels.append(_panel(ctx, i, level, by_level[level], d, out, cs))
    for p in panels:
        if p["card"] is not None:
            p["card"] = card(ctx, d, p["card"])
    cs.write(ctx, out, i["name_vi"])
    if obs:
        out.add("so-lieu.csv", ctx.csv("observations", obs, drop=ALL_VALUES_DROP))
        out.add("so-lieu.json", unit_json(ctx, obs))
    docs = [sd.docs_by_id[x] for x in sorted({o["document_id"] for o in obs}) if x in sd.docs_by_id]
    periods = sorted({o["period"] for o in obs}, key=period_key)
    citation = doc_cite(
        ctx,
        d,
        docs,
        i["name_vi"],
        f"{len({o['unit_id'] for o in obs})} đơn vị hành chính",
        f"{period_label(periods[0])} – {period_label(periods[-1])}" if periods else "",
    )
    ctx.write(
        d,
        "indicator.md.j2",
        title=i["name_vi"],
        out=out,
        facts=[(k, v) for k, v in facts if v[0].text],
        panels=panels,
        n_obs=len(obs),
        csv={"all": "so-lieu.csv", "json": "so-lieu.json"} if obs else None,
        cite=citation,
        search=Search(
            f"Chỉ tiêu · {sector_label(sector)} · {len(obs)} số liệu",
            [i["name_vi"], sector_label(sector), unit_label(i.get("unit") or "")],
            boost=2.5 if obs else 0.2,
        ),
    )
