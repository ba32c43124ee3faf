"""Data for the blocks several page types share: observation tables, charts, cards, citations,
unit and sector lists. Each function returns plain data for a macro of ``ui.html.j2``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from .context import Context
from .data import Row, num, period_key
from .fmt import exact_value, human_value
from .labels import (
    basis_label,
    date_label,
    labels,
    level_label,
    period_label,
    sector_label,
    sector_slug,
)
from .render import Run, link
from .tables import Column, Outputs
from .urls import rel, url


def obs_columns(ctx: Context, page_dir: str, show_unit: bool, show_ind: bool) -> list[Column]:
    cols: list[Column] = []
    if show_ind:
        cols.append(
            Column(
                "Chỉ tiêu",
                lambda o: [
                    link(
                        rel(page_dir, f"chi-tieu/{o['indicator_id']}/"),
                        ctx.ind_name(o["indicator_id"]),
                    )
                ],
                sort=lambda o: ctx.ind_name(o["indicator_id"]),
            )
        )
    if show_unit:
        cols.append(
            Column(
                "Đơn vị hành chính",
                lambda o: [
                    link(rel(page_dir, f"don-vi/{o['unit_id']}/"), ctx.unit_name(o["unit_id"]))
                ],
                sort=lambda o: ctx.unit_name(o["unit_id"]),
            )
        )
    cols += [
        Column(
            "Kỳ",
            lambda o: [
                link(
                    rel(page_dir, f"don-vi/{o['unit_id']}/{o['period']}/"),
                    period_label(o["period"]),
                )
            ],
            sort=lambda o: "{}-{:02d}-{}".format(*period_key(o["period"])),
        ),
        Column(
            "Giá trị",
            lambda o: exact_value(num(o["value"]), o["unit"]),
            sort=lambda o: num(o["value"]) or 0.0,
            numeric=True,
        ),
        Column("So với / cơ sở", lambda o: basis_label(o.get("basis"))),
        Column("Ghi chú", ctx.obs_note),
        Column(
            "Nguồn",
            lambda o: [link(ctx.fig_href(page_dir, o["document_id"], o["figure_id"]), "câu gốc")],
        ),
    ]
    return cols


def obs_table(
    ctx: Context,
    page_dir: str,
    table_id: str,
    caption: str,
    rows: Sequence[Row],
    out: Outputs | None,
    csv_name: str,
    show_unit: bool = True,
    show_ind: bool = True,
    quotes: bool = False,
) -> dict[str, Any]:
    cols = obs_columns(ctx, page_dir, show_unit, show_ind)
    if quotes:
        cols.insert(-1, Column("Câu trích", lambda o: o.get("quote", "")))
    return ctx.table(
        "observations",
        table_id=table_id,
        caption=caption,
        rows=rows,
        columns=cols,
        out=out,
        csv_name=csv_name,
        filterable=len(rows) > 12,
    )


def chart(
    ctx: Context,
    out: Outputs,
    page_dir: str,
    chart_id: str,
    spec: dict[str, Any],
    caption: str,
    rows: Sequence[Row],
    meta_extra: dict[str, Any],
    small: bool = False,
) -> dict[str, Any]:
    """A chart: its spec, a caption, downloads (CSV, PNG, SVG, spec, metadata), a table."""
    sd = ctx.sd
    name = f"{chart_id}.csv"
    stem = chart_id
    meta = {
        "title": caption,
        "indicators": [
            {
                k: sd.indicators_by_id.get(i, {}).get(k, "")
                for k in ("indicator_id", "name_vi", "name_en", "unit", "definition")
            }
            for i in sorted({r["indicator_id"] for r in rows})
        ],
        "sources": [
            {
                k: sd.docs_by_id.get(d, {}).get(k, "")
                for k in ("document_id", "title", "issuer", "period", "signed", "licence")
            }
            for d in sorted({r["document_id"] for r in rows})
        ],
        "licence": sd.package.get("licenses", []),
        **meta_extra,
    }
    table = obs_table(
        ctx, page_dir, f"{chart_id}-bang", f"Số liệu của biểu đồ: {caption}", rows, out, name
    )
    out.add(
        f"{stem}.vl.json", json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    out.add(
        f"{stem}.meta.json", json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    return {
        "id": chart_id,
        "caption": caption,
        "spec": spec,
        "name": stem,
        "csv": name,
        "spec_file": f"{stem}.vl.json",
        "meta_file": f"{stem}.meta.json",
        "table": table,
        "small": small,
    }


def bar_rows(rows: Sequence[Row], label_fn: Callable[[Row], str], scale: float) -> list[dict]:
    """Chart rows (label, value ÷ scale, period) with repeated labels numbered."""
    out, seen = [], defaultdict(int)
    for o in rows:
        label = label_fn(o)
        seen[label] += 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        out.append(
            {
                "label": label,
                "value": (num(o["value"]) or 0.0) / scale,
                "period": period_label(o["period"]),
            }
        )
    return out


def cite(title: str, issuer: str, unit: str, period: str, date: str) -> dict[str, str]:
    """ "Trích dẫn": a ready citation; page URL and access date are filled in by the browser."""
    return {
        "source": ". ".join(p for p in (issuer, title) if p),
        "date": date_label(date),
        "unit": unit,
        "period": period,
    }


def cards(ctx: Context, page_dir: str, rows: Sequence[Row], limit: int = 6) -> list[dict]:
    """Headline numbers: one card per indicator, in the order ``labels.yaml`` gives."""
    order = {k: i for i, k in enumerate(labels().get("headline", []))}
    pick: dict[str, Row] = {}
    for o in sorted(
        ctx.latest(rows),
        key=lambda o: (order.get(o["indicator_id"], 999), o["indicator_id"], o["observation_id"]),
    ):
        pick.setdefault(o["indicator_id"], o)
    out = []
    for o in list(pick.values())[:limit]:
        v = num(o["value"])
        human = human_value(v, o["unit"])
        exact = exact_value(v, o["unit"])
        out.append(
            {
                "name": link(
                    rel(page_dir, f"chi-tieu/{o['indicator_id']}/"),
                    ctx.ind_name(o["indicator_id"]),
                ),
                "value": o["value"],
                "human": human,
                "exact": exact if exact != human else "",
                "comparisons": ctx.comparisons(o),
                "unit": ctx.unit_name(o["unit_id"]),
                "period": period_label(o["period"]),
                "note": ctx.obs_note(o),
                "source": link(ctx.fig_href(page_dir, o["document_id"], o["figure_id"]), "nguồn"),
            }
        )
    return out


def unit_list(ctx: Context, d: str) -> dict[str, list[list[Run]]]:
    """Units with data first; then the other communes and wards, in a compact list."""
    periods = ctx.sd.unit_periods()
    units = sorted(ctx.sd.tables["units"], key=lambda u: (u.get("valid_to") != "", u["unit_id"]))
    items, others = [], []
    for u in units:
        name = link(rel(d, url("don-vi", u["unit_id"])), u["name"])
        if periods.get(u["unit_id"]):
            status = f" (đến {date_label(u['valid_to'])})" if u.get("valid_to") else ""
            n = len(periods[u["unit_id"]])
            items.append(
                [name, Run(f" — {level_label(u.get('level'))}{status}; {n} kỳ có số liệu")]
            )
        else:
            others.append([name])
    return {"items": items, "others": others}


def sectors_map(ctx: Context) -> dict[str, list[Row]]:
    """Sector slug → its indicators."""
    out: dict[str, list[Row]] = defaultdict(list)
    for i in ctx.sd.tables["indicators"]:
        out[sector_slug(i.get("sector") or "other")].append(i)
    return dict(sorted(out.items()))


def sector_list(ctx: Context, d: str) -> list[list[Run]]:
    items = []
    for slug, inds in sectors_map(ctx).items():
        n = sum(len(ctx.sd.obs_by_indicator.get(i["indicator_id"], [])) for i in inds)
        items.append(
            [
                link(rel(d, f"linh-vuc/{slug}/"), sector_label(inds[0]["sector"])),
                Run(f" — {len(inds)} chỉ tiêu, {n} số liệu"),
            ]
        )
    return items
