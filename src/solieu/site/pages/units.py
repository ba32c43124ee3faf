"""The units index and one page per administrative unit: headline numbers and the period
selector first, then compact sector tables of the latest values, then one chart per indicator
and kind of span, then its documents and lineage."""

from __future__ import annotations

from collections import defaultdict

from ..blocks import (
    ALL_VALUES_DROP,
    ChartSet,
    by_sector_order,
    cards,
    chart_caption,
    dedupe_dates,
    doc_cite,
    latest_per_series,
    obs_table,
    series_groups,
    series_spec,
    unit_groups,
    unit_json,
)
from ..context import Context, Search, digest
from ..data import Row, period_key
from ..labels import (
    date_label,
    kind_label,
    level_label,
    period_label,
    sector_slug,
)
from ..render import Run, link, text
from ..spans import KINDS, when
from ..tables import Outputs
from ..urls import rel, url
from . import unit_period


def build(ctx: Context) -> None:
    d = "don-vi/"
    groups = unit_groups(ctx, d)
    ctx.write(
        d,
        "units.md.j2",
        title="Đơn vị hành chính",
        groups=groups,
        n_units=sum(g["n"] for g in groups),
        search=Search(
            "Danh sách đơn vị hành chính có số liệu, theo tỉnh",
            ["đơn vị hành chính", "xã phường tỉnh", *(g["name"] for g in groups)],
            boost=0.8,
        ),
    )
    periods = ctx.sd.unit_periods()
    for u in sorted(ctx.sd.tables["units"], key=lambda u: u["unit_id"]):
        unit_cached(ctx, u, periods.get(u["unit_id"], []))
        for p in periods.get(u["unit_id"], []):
            unit_period.build_cached(ctx, u, p)


def unit_cached(ctx: Context, u: Row, periods: list[str]) -> None:
    """The unit's page, or the previous build's when its values, reports, names and lineage
    are the same (a report of another unit changes nothing here)."""
    sd, uid = ctx.sd, u["unit_id"]
    obs = sd.obs_by_unit.get(uid, [])
    related = [
        x
        for x in sd.tables["units"]
        if x["unit_id"] in (u.get("parent_id"), *(u.get("formed_from") or "").split(";"))
        or uid in (x.get("merged_into") or "").split(";")
    ]
    key = digest(
        ctx.settings.model_dump_json(),
        u,
        related,
        ctx.unit_name(sd.province.get(uid, uid)),
        str(ctx.namesake(uid)),
        periods,
        [len(sd.obs_for(uid, p)) for p in periods],
        obs,
        [ctx.doc_digest(d) for d in sorted({o["document_id"] for o in obs})],
        [sd.docs_by_id.get(x["document_id"], {}) for x in sd.docs_by_unit.get(uid, [])],
        [ctx.ind_key(i) for i in sorted({o["indicator_id"] for o in obs})],
    )
    ctx.cached("don-vi-trang", uid, key, lambda: unit_page(ctx, u, periods))


def _facts(ctx: Context, u: Row, d: str) -> list[tuple[str, list[Run]]]:
    facts: list[tuple[str, list[Run]]] = [
        ("Cấp", [text(level_label(u.get("level")))]),
        ("Mã đơn vị hành chính", [text(u.get("code") or "không có mã chính thức")]),
    ]
    if u.get("parent_id"):
        parent = link(rel(d, f"don-vi/{u['parent_id']}/"), ctx.unit_name(u["parent_id"]))
        facts.append(("Trực thuộc", [parent]))
    if u.get("valid_from"):
        facts.append(("Hoạt động từ", [text(date_label(u["valid_from"]))]))
    if u.get("valid_to"):
        facts.append(("Chấm dứt hoạt động sau", [text(date_label(u["valid_to"]))]))
    uid = u["unit_id"]
    formed_from = [x for x in (u.get("formed_from") or "").split(";") if x]
    lineage = [("Hình thành từ", x) for x in formed_from]
    lineage += [("Sáp nhập vào", x) for x in (u.get("merged_into") or "").split(";") if x]
    for other in ctx.sd.tables["units"]:
        if uid in (other.get("merged_into") or "").split(";") and other["unit_id"] not in (
            formed_from
        ):
            lineage.append(("Tiếp nhận", other["unit_id"]))
    grouped: dict[str, list[Run]] = {}
    for label, target in lineage:  # one row per relation, its units joined
        runs = grouped.setdefault(label, [])
        if runs:
            runs.append(text(", "))
        if target in ctx.sd.units_by_id:
            runs.append(link(rel(d, f"don-vi/{target}/"), ctx.unit_name(target)))
        else:
            runs.append(text(ctx.unit_name(target)))
    facts += list(grouped.items())
    if u.get("note"):
        facts.append(("Ghi chú", [text(u["note"])]))
    return facts


def period_selector(ctx: Context, uid: str, d: str, periods: list[str]) -> list[dict]:
    """Periods by year, newest year first: each a link with how many values it holds."""
    years: dict[str, list[dict]] = defaultdict(list)
    for p in periods:
        n = len(ctx.sd.obs_for(uid, p))
        years[p[:4]].append(
            {
                "href": rel(d, f"don-vi/{uid}/{p}/"),
                "label": period_label(p).removesuffix(f"/{p[:4]}").removesuffix(f" năm {p[:4]}"),
                "title": f"{period_label(p)}: {n} số liệu",
                "empty": n == 0,
            }
        )
    return [{"year": y, "periods": years[y]} for y in sorted(years, reverse=True)]


def _charts(ctx: Context, uid: str, d: str, obs: list[Row], charts: ChartSet) -> list[dict]:
    """One chart per indicator, kind of span and basis with values at two dates or more."""
    out = []
    groups = series_groups(ctx, ctx.latest(obs))
    order = sorted(
        groups,
        key=lambda k: (
            sector_slug(ctx.sd.indicators_by_id.get(k[0], {}).get("sector", "")),
            k[0],
            KINDS[k[1]].order,
            k[2],
        ),
    )
    for iid, kind, basis in order:
        rows = dedupe_dates(ctx, groups[(iid, kind, basis)])
        if len({when(o, kind) for o in rows}) < 2:
            continue  # one value: the table says it; a chart of one point says nothing more
        caption0 = chart_caption(ctx, iid, kind, basis, "")
        spec, unit_title = series_spec(ctx, rows, kind, caption0)
        caption = chart_caption(ctx, iid, kind, basis, unit_title)
        chart_id = chart_slug(iid, kind, basis)
        out.append(charts.add(ctx, chart_id, spec, caption=caption, rows=rows))
    return out


def chart_slug(indicator_id: str, kind: str, basis: str) -> str:
    """A chart's id, stable from build to build (its embed address): "budget-revenue-ytd"."""
    parts = [indicator_id, kind, basis] if basis else [indicator_id, kind]
    return "-".join(p.replace("_", "-") for p in parts).lower()


def unit_page(ctx: Context, u: Row, periods: list[str]) -> None:
    sd, uid = ctx.sd, u["unit_id"]
    d = f"don-vi/{uid}/"
    out = Outputs()
    obs = sorted(
        sd.obs_by_unit.get(uid, []),
        key=lambda o: (o["indicator_id"], period_key(o["period"]), o["observation_id"]),
    )
    docs = sorted(
        sd.docs_by_unit.get(uid, []),
        key=lambda x: (period_key(x.get("period") or "0000"), x["document_id"]),
        reverse=True,
    )
    charts = ChartSet(d)
    data: dict = {"cards": [], "table": None, "charts": [], "n_single": 0}
    if obs:
        data["cards"] = cards(ctx, d, obs)
        latest = by_sector_order(ctx, latest_per_series(ctx, obs))
        data["table"] = obs_table(
            ctx,
            d,
            "bang-moi-nhat",
            f"Số liệu mới nhất của {u['name']}, theo lĩnh vực",
            latest,
            out,
            "so-lieu-moi-nhat.csv",
            show_unit=False,
            by_sector=True,
        )
        data["charts"] = _charts(ctx, uid, d, obs, charts)
        out.add("so-lieu.csv", ctx.csv("observations", obs, drop=ALL_VALUES_DROP))
        out.add("so-lieu.json", unit_json(ctx, obs))
    charts.write(ctx, out, u["name"])
    doc_items = [
        [
            link(rel(d, url("van-ban", x["document_id"])), x.get("title") or x["document_id"]),
            Run(f" — {kind_label(x.get('kind'))}, {period_label(x.get('period') or '')}"),
        ]
        for x in docs
    ]
    citation = doc_cite(
        ctx,
        d,
        docs,
        "Số liệu theo đơn vị hành chính",
        u["name"],
        (
            f"{period_label(periods[0])} – {period_label(periods[-1])}"
            if len(periods) > 1
            else period_label(periods[0])
            if periods
            else ""
        ),
    )
    has_data = bool(obs)
    with_data = sorted({o["indicator_id"] for o in obs})
    province = ctx.unit_name(sd.province.get(uid, uid))
    ctx.write(
        d,
        "unit.md.j2",
        title=u["name"],
        out=out,
        facts=_facts(ctx, u, d),
        periods=period_selector(ctx, uid, d, periods),
        documents=doc_items,
        cite=citation,
        csv={"all": "so-lieu.csv", "json": "so-lieu.json"} if has_data else None,
        **data,
        search=Search(
            (f"{province} · " if ctx.namesake(uid) else "")
            + f"{len(periods)} kỳ, {len(with_data)} chỉ tiêu có số liệu",
            unit_period.search_terms(ctx, obs),
            # a unit with data outranks one without; a current unit a former one of its name
            boost=(3.0 if not u.get("valid_to") else 2.0) if has_data else 0.3,
        ),
    )
