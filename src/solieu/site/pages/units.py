"""The units index and one page per administrative unit (its periods, series and table)."""

from __future__ import annotations

from collections import defaultdict

from .. import charts
from ..blocks import chart, cite, obs_table, unit_list
from ..context import Context
from ..data import Row, num, period_key
from ..labels import basis_label, date_label, level_label, period_label, sector_slug
from ..render import Run, link, text
from ..tables import Outputs
from ..urls import rel, url
from . import unit_period


def build(ctx: Context) -> None:
    d = "don-vi/"
    ctx.write(d, "units.md.j2", title="Đơn vị hành chính", units=unit_list(ctx, d))
    periods = ctx.sd.unit_periods()
    for u in sorted(ctx.sd.tables["units"], key=lambda u: u["unit_id"]):
        unit_page(ctx, u, periods.get(u["unit_id"], []))
        for p in periods.get(u["unit_id"], []):
            unit_period.build(ctx, u, p)


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
        runs.append(link(rel(d, f"don-vi/{target}/"), ctx.unit_name(target)))
    facts += list(grouped.items())
    if u.get("note"):
        facts.append(("Ghi chú", [text(u["note"])]))
    return facts


def _series(ctx: Context, uid: str, d: str, obs: list[Row], out: Outputs) -> list[dict]:
    """One small chart per indicator: its values over the unit's periods."""
    by_ind: dict[str, list[Row]] = defaultdict(list)
    for o in ctx.latest(obs):
        by_ind[o["indicator_id"]].append(o)
    order = sorted(
        by_ind.items(),
        key=lambda kv: (
            sector_slug(ctx.sd.indicators_by_id.get(kv[0], {}).get("sector", "")),
            kv[0],
        ),
    )
    out_charts = []
    for k, (iid, rows) in enumerate(order):
        unit = rows[0]["unit"]
        scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in rows])
        data = []
        for o in rows:
            b = basis_label(o.get("basis"))
            data.append(
                {
                    "period": period_label(o["period"]) + (f" · {b}" if b else ""),
                    "value": (num(o["value"]) or 0) / scale,
                }
            )
        spec = charts.period_bars(
            data, value_title=title, description=f"{ctx.ind_name(iid)} theo kỳ"
        )
        out_charts.append(
            chart(
                ctx,
                out,
                d,
                f"chi-tieu-{k + 1:02d}",
                spec,
                f"{ctx.ind_name(iid)} ({title})",
                rows,
                {"unit": unit, "unit_id": uid},
                small=True,
            )
        )
    return out_charts


def unit_page(ctx: Context, u: Row, periods: list[str]) -> None:
    sd, uid = ctx.sd, u["unit_id"]
    d = f"don-vi/{uid}/"
    out = Outputs()
    period_items = []
    for p in periods:
        item = [
            link(rel(d, f"don-vi/{uid}/{p}/"), period_label(p)),
            text(f" — {len(sd.obs_for(uid, p))} số liệu chỉ tiêu"),
        ]
        for i, x in enumerate(sd.docs_for(uid, p)):
            item.append(text(" · " if i == 0 else "; "))
            item.append(link(rel(d, url("van-ban", x["document_id"])), x.get("title") or ""))
        period_items.append(item)
    obs = sorted(
        sd.obs_by_unit.get(uid, []),
        key=lambda o: (o["indicator_id"], period_key(o["period"]), o["observation_id"]),
    )
    series, table = [], None
    if obs:
        series = _series(ctx, uid, d, obs, out)
        table = obs_table(
            ctx,
            d,
            "bang-chi-tieu",
            f"Số liệu chỉ tiêu của {u['name']}",
            obs,
            out,
            "chi-tieu.csv",
            show_unit=False,
        )
    last = sd.docs_for(uid, periods[-1]) if periods else []
    citation = cite(
        "Số liệu theo đơn vị hành chính",
        last[0].get("issuer", "") if last else "",
        u["name"],
        ", ".join(period_label(p) for p in periods),
        last[0].get("signed") or last[0].get("period_end", "") if last else "",
    )
    # a unit that still exists outranks the former unit of the same name in search
    ctx.write(
        d,
        "unit.md.j2",
        title=u["name"],
        out=out,
        boost=2 if u.get("valid_to") else 3,
        facts=_facts(ctx, u, d),
        periods=period_items,
        series=series,
        table=table,
        cite=citation,
    )
