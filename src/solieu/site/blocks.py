"""Data for the blocks several page types share: value tables, headline cards, charts with their
embed pages, citations, unit and sector lists. Each function returns plain data for a macro of
``ui.html.j2``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from solieu import vi_format

from . import charts
from .context import Context, is_estimate, value_anchor
from .data import Row, is_true, num, period_key
from .labels import (
    date_label,
    labels,
    level_label,
    period_label,
    sector_label,
    sector_slug,
    why_label,
)
from .render import Run, link, render, text
from .spans import KINDS, axis_format, position, when
from .tables import Column, Outputs
from .urls import rel, url

CHARTS_FILE = "bieu-do.json"


# ------------------------------------------------------------------ values
def value_runs(ctx: Context, o: Row, anchor: str = "") -> list[Run]:
    """A value as readers read it, marked when the report gives it as an estimate."""
    out = [text(ctx.human(o))]
    if is_estimate(o):
        out.append(Run("ước tính", cls="sl-est"))
    if anchor:
        out.append(Run("#", href=f"#{anchor}", cls="sl-perma", label="Liên kết tới số liệu này"))
    return out


def note_text(ctx: Context, o: Row) -> str:
    bits = [*ctx.comparisons(o), ctx.obs_note(o)]
    if o.get("why"):
        bits.append("vì sao gán: " + why_label(o["why"], ctx.unit_name))
    return "; ".join(b for b in bits if b)


def obs_columns(
    ctx: Context,
    page_dir: str,
    *,
    show_unit: bool,
    show_ind: bool,
    quotes: bool = False,
    permalink: bool = False,
) -> list[Column]:
    cols: list[Column] = []
    if show_ind:
        cols.append(
            Column(
                "Chỉ tiêu",
                lambda o: [
                    link(
                        rel(page_dir, f"chi-tieu/{o['indicator_id']}/"),
                        ctx.name_with_basis(o),
                    )
                ],
                text_sort=True,
                css="sl-name",
            )
        )
    if show_unit:
        cols.append(
            Column(
                "Đơn vị hành chính",
                lambda o: [
                    link(rel(page_dir, f"don-vi/{o['unit_id']}/"), ctx.unit_name(o["unit_id"]))
                ],
                text_sort=True,
                css="sl-name",
            )
        )
    cols += [
        Column(
            "Giá trị",
            lambda o: value_runs(ctx, o, value_anchor(o) if permalink else ""),
            sort=lambda o: num(o["value"]) or 0.0,
            numeric=True,
        ),
        Column(
            "Kỳ",
            lambda o: [link(ctx.value_href(page_dir, o), ctx.span_text(o))],
            sort=lambda o: "{}-{:02d}-{:02d}-{}".format(*period_key(o["period"])),
            css="sl-span",
        ),
        Column("Ghi chú", lambda o: note_text(ctx, o), css="sl-note"),
    ]
    if quotes:
        cols.append(Column("Câu trích", lambda o: o.get("quote", ""), wide=True))
    cols.append(
        Column(
            "Nguồn",
            lambda o: [link(ctx.fig_href(page_dir, o["document_id"], o["figure_id"]), "câu gốc")],
            css="sl-nowrap",
        )
    )
    return cols


def obs_table(
    ctx: Context,
    page_dir: str,
    table_id: str,
    caption: str,
    rows: Sequence[Row],
    out: Outputs | None,
    csv_name: str,
    *,
    show_unit: bool = True,
    show_ind: bool = True,
    quotes: bool = False,
    permalink: bool = False,
    by_sector: bool = False,
    page_rows: int | None = None,
) -> dict[str, Any]:
    cols = obs_columns(
        ctx, page_dir, show_unit=show_unit, show_ind=show_ind, quotes=quotes, permalink=permalink
    )
    return ctx.table(
        "observations",
        table_id=table_id,
        caption=caption,
        rows=rows,
        columns=cols,
        out=out,
        csv_name=csv_name,
        filterable=len(rows) > 12,
        anchor=value_anchor if permalink else None,
        groups=(lambda o: sector_label(ctx_sector(ctx, o))) if by_sector else None,
        page_rows=page_rows,
    )


def ctx_sector(ctx: Context, o: Row) -> str:
    return ctx.sd.indicators_by_id.get(o["indicator_id"], {}).get("sector") or "other"


def by_sector_order(ctx: Context, rows: Sequence[Row]) -> list[Row]:
    """Rows grouped by sector (sectors in slug order), indicators in catalogue order."""
    return sorted(
        rows,
        key=lambda o: (
            sector_slug(ctx_sector(ctx, o)),
            o["indicator_id"],
            o.get("basis") or "",
            period_key(o["period"]),
            o["observation_id"],
        ),
    )


def latest_per_series(ctx: Context, rows: Sequence[Row]) -> list[Row]:
    """The newest value of each (indicator, span kind, basis): a unit's compact tables."""
    best: dict[tuple[str, str, str], Row] = {}
    for o in ctx.latest(rows):
        key = (o["indicator_id"], ctx.span(o), o.get("basis") or "")
        cur = best.get(key)
        if cur is None or (when(o, ctx.span(o)), o["observation_id"]) > (
            when(cur, ctx.span(cur)),
            cur["observation_id"],
        ):
            best[key] = o
    return list(best.values())


def cards(ctx: Context, page_dir: str, rows: Sequence[Row], limit: int = 6) -> list[dict]:
    """Headline numbers: one card per indicator, in the order ``labels.yaml`` gives, the newest
    value first."""
    order = {k: i for i, k in enumerate(labels().get("headline", []))}
    pick: dict[str, Row] = {}
    for o in sorted(
        ctx.latest(rows),
        key=lambda o: (
            order.get(o["indicator_id"], 999),
            o["indicator_id"],
            is_estimate(o),  # a reported value before an estimate of a later date
            o.get("basis") or "",
            tuple(-ord(c) for c in when(o, ctx.span(o))),
            o["observation_id"],
        ),
    ):
        pick.setdefault(o["indicator_id"], o)
    return [card(ctx, page_dir, o) for o in list(pick.values())[:limit]]


def card(ctx: Context, page_dir: str, o: Row, title: str = "") -> dict[str, Any]:
    human, exact = ctx.human(o), ctx.exact(o)
    return {
        "name": link(
            rel(page_dir, f"chi-tieu/{o['indicator_id']}/"),
            title or ctx.ind_name(o["indicator_id"]),
        ),
        "value": o["value"],
        "human": human,
        "exact": exact if exact != human else "",
        "estimate": is_estimate(o),
        "comparisons": ctx.comparisons(o),
        "unit": ctx.unit_name(o["unit_id"]),
        "period": ctx.span_text(o),
        "note": ctx.obs_note(o),
        "source": link(ctx.fig_href(page_dir, o["document_id"], o["figure_id"]), "câu gốc"),
        "permalink": ctx.value_href(page_dir, o),
    }


# ------------------------------------------------------------------ charts
@dataclass
class ChartSet:
    """The charts of one page: specs in ``bieu-do.json`` beside it (fetched when a chart
    scrolls into view), an embeddable page per chart under ``bieu-do/<id>/``."""

    page_dir: str
    charts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(
        self,
        ctx: Context,
        chart_id: str,
        spec: dict[str, Any],
        *,
        caption: str,
        rows: Sequence[Row],
        picker: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        docs = sorted({r["document_id"] for r in rows})
        issuers = sorted({ctx.sd.docs_by_id.get(d, {}).get("issuer") or "" for d in docs} - {""})
        units = sorted({ctx.unit_name(r["unit_id"]) for r in rows})
        periods = sorted({r["period"] for r in rows}, key=period_key)
        kinds = sorted({ctx.span(r) for r in rows})
        lines = [
            "Đơn vị: " + (units[0] if len(units) == 1 else f"{len(units)} đơn vị hành chính"),
            "Kỳ: "
            + (
                period_label(periods[0])
                if len(periods) == 1
                else f"{period_label(periods[0])} – {period_label(periods[-1])}"
            ),
            "Nguồn: "
            + (
                "; ".join(issuers[:3])
                + (f" và {len(issuers) - 3} cơ quan khác" if len(issuers) > 3 else "")
                if issuers
                else "báo cáo của các đơn vị"
            ),
        ]
        entry = {
            "spec": spec,
            "title": caption,
            "lines": lines,
            "url": ctx.url(f"{self.page_dir}bieu-do/{chart_id}/"),
            "kinds": kinds,  # one kind of span per chart (tests check it)
        }
        if picker:
            entry["picker"] = picker
        self.charts[chart_id] = entry
        return {
            "id": chart_id,
            "caption": caption,
            "src": CHARTS_FILE,
            "embed": f"bieu-do/{chart_id}/",
            "picker": bool(picker),
            "lines": lines,
        }

    def write(self, ctx: Context, out: Outputs, title: str) -> None:
        if not self.charts:
            return
        out.add(
            CHARTS_FILE,
            json.dumps(self.charts, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        )
        assets = rel(f"{self.page_dir}bieu-do/x/", "assets/")
        for chart_id, c in self.charts.items():
            ctx.files[f"{self.page_dir}bieu-do/{chart_id}/index.html"] = render(
                "embed.html.j2",
                chart={
                    "id": chart_id,
                    "caption": c["title"],
                    "lines": c["lines"],
                    "picker": "picker" in c,
                },
                src=f"../../{CHARTS_FILE}",
                assets=assets,
                page="../../",
                page_title=title,
                site=ctx.settings,
                canonical=c["url"],
                csp=ctx.csp,
            )


def series_points(ctx: Context, rows: Sequence[Row], scale: float, by_unit: bool) -> list[dict]:
    out = []
    for o in sorted(rows, key=lambda o: (when(o, ctx.span(o)), o["unit_id"], o["observation_id"])):
        p = {
            "date": position(o, ctx.span(o)),
            "value": round((num(o["value"]) or 0.0) / scale, 6),
            "label": ctx.span_text(o),
            "est": charts.ESTIMATE if is_estimate(o) else charts.REPORTED,
        }
        if by_unit:
            p["name"] = ctx.unit_name(o["unit_id"])
        out.append(p)
    return out


def dedupe_dates(ctx: Context, rows: Sequence[Row]) -> list[Row]:
    """One value per unit and date (two reports giving the same span: the newest report's)."""
    best: dict[tuple[str, str], Row] = {}
    for o in sorted(
        rows, key=lambda o: (o.get("is_latest") == "true", o["document_id"], o["observation_id"])
    ):
        best[(o["unit_id"], when(o, ctx.span(o)))] = o
    return list(best.values())


def series_groups(ctx: Context, rows: Sequence[Row]) -> dict[tuple[str, str, str], list[Row]]:
    """(indicator, span kind, basis) → its values: one chart each, never two kinds of span."""
    out: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for o in rows:
        out[(o["indicator_id"], ctx.span(o), o.get("basis") or "")].append(o)
    return dict(out)


def chart_caption(ctx: Context, indicator_id: str, kind: str, basis: str, unit_title: str) -> str:
    name = ctx.name_with_basis({"indicator_id": indicator_id, "basis": basis})
    return f"{name} — {KINDS[kind].title.lower()} ({unit_title})"


def series_spec(
    ctx: Context,
    rows: Sequence[Row],
    kind: str,
    caption: str,
    *,
    by_unit: bool = False,
) -> tuple[dict[str, Any], str]:
    unit = rows[0]["unit"]
    scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in rows])
    iid = rows[0]["indicator_id"]
    spec = charts.series(
        series_points(ctx, rows, scale, by_unit),
        value_title=title,
        time_title=KINDS[kind].axis,
        description=caption,
        count=vi_format.is_count(unit),
        time_format=axis_format(kind),
        by_unit=by_unit,
        rule_at=100.0 if iid.endswith(("_pct_plan", "_pct_estimate")) else None,
    )
    return spec, title


# ------------------------------------------------------------------ citations
def cite(
    ctx: Context,
    page_dir: str,
    *,
    what: str,
    issuer: str = "",
    title: str = "",
    number: str = "",
    signed: str = "",
    unit: str = "",
    period: str = "",
) -> dict[str, str]:
    """ "Trích dẫn": issuer, title, number and signing date when known, unit, period, the page's
    address and the date of access (the build's, filled in by the site script)."""
    parts = [p for p in (issuer, title) if p]
    if number:
        parts.append(f"Số {number}")
    if signed:
        parts.append(f"ký ngày {date_label(signed)}")
    return {
        "what": what,
        "source": ". ".join(parts),
        "unit": unit,
        "period": period,
        "url": ctx.url(page_dir),
    }


def doc_cite(ctx: Context, page_dir: str, docs: Sequence[Row], what: str, unit: str, period: str):
    """The citation of a page whose values come from these documents (one named, else counted)."""
    if len(docs) == 1:
        d = docs[0]
        return cite(
            ctx,
            page_dir,
            what=what,
            issuer=d.get("issuer") or "",
            title=d.get("title") or "",
            number=d.get("number") or "",
            signed=d.get("signed") or "",
            unit=unit,
            period=period,
        )
    issuers = sorted({d.get("issuer") or "" for d in docs} - {""})
    source = "; ".join(issuers[:3])
    if len(issuers) > 3:
        source += f" và {len(issuers) - 3} cơ quan khác"
    return {
        "what": what,
        "source": (f"{len(docs)} văn bản của " + source) if docs else "",
        "unit": unit,
        "period": period,
        "url": ctx.url(page_dir),
    }


# ------------------------------------------------------------------ lists
def unit_groups(ctx: Context, d: str) -> list[dict[str, Any]]:
    """Units with a page, grouped by province (the province first), for the units index."""
    periods = ctx.sd.unit_periods()
    groups: dict[str, list[Row]] = defaultdict(list)
    for u in ctx.sd.tables["units"]:
        groups[ctx.sd.province.get(u["unit_id"], u["unit_id"])].append(u)
    out = []
    for prov in sorted(groups, key=lambda p: vi_format.fold(ctx.unit_name(p))):
        items = []
        level_order = {"province": 0, "district": 1}
        for u in sorted(
            groups[prov],
            key=lambda u: (
                level_order.get(u.get("level") or "", 2),
                u.get("valid_to") != "",
                vi_format.fold(u["name"]),
            ),
        ):
            ps = periods.get(u["unit_id"], [])
            status = f", đến {date_label(u['valid_to'])}" if u.get("valid_to") else ""
            info = f"{level_label(u.get('level'))}{status}"
            if ps:
                info += f"; {len(ps)} kỳ, mới nhất {period_label(ps[-1])}"
            else:
                info += "; chưa có số liệu riêng"
            items.append([link(rel(d, url("don-vi", u["unit_id"])), u["name"]), Run(f" — {info}")])
        out.append({"name": ctx.unit_name(prov), "items": items, "n": len(items)})
    return out


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
                Run(f" — {len(inds)} chỉ tiêu, {vi_format.number(n)} số liệu"),
            ]
        )
    return items


ALL_VALUES_DROP = ("quote", "start", "end")  # the sentence: in the tables, package and text


API_COLUMNS = (
    "indicator_id",
    "unit_id",
    "period",
    "period_start",
    "period_end",
    "as_of",
    "span_kind",
    "value",
    "unit",
    "unit_label_vi",
    "basis",
    "estimate",
    "is_latest",
    "document_id",
    "figure_id",
)


def unit_json(ctx: Context, rows: Sequence[Row]) -> str:
    """The site's JSON API of a table of values, as columns and rows (pandas' "split" form:
    ``pd.DataFrame(j["data"], columns=j["columns"])``), with the Vietnamese names of the
    indicators, units and periods once each (the sentence of a value is on its document's
    page, at ``figure_id``)."""
    data = [
        [
            o["indicator_id"],
            o["unit_id"],
            o["period"],
            o.get("period_start") or None,
            o.get("period_end") or None,
            o.get("as_of") or None,
            ctx.span(o),
            num(o["value"]),
            o["unit"],
            ctx.noun(o),
            o.get("basis") or None,
            is_true(o.get("estimate")),
            o.get("is_latest") != "false",
            o["document_id"],
            o["figure_id"],
        ]
        for o in rows
    ]
    inds = sorted({o["indicator_id"] for o in rows})
    out = {
        "columns": list(API_COLUMNS),
        "data": data,
        "indicators": {
            i: {
                "name_vi": ctx.ind_name(i),
                "unit": ctx.sd.indicators_by_id.get(i, {}).get("unit") or "",
            }
            for i in inds
        },
        "units": {u: ctx.unit_name(u) for u in sorted({o["unit_id"] for o in rows})},
        "periods": {p: period_label(p) for p in sorted({o["period"] for o in rows})},
    }
    return json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
