"""The home page: headline numbers of the largest unit with data, the latest reports, the ways
into the data (units, indicators, sectors, documents, downloads). Never every report: the
documents index lists them by unit."""

from __future__ import annotations

from collections import Counter

from ..blocks import cards, sector_list
from ..context import Context, Search
from ..data import period_key
from ..labels import period_label
from ..render import link
from ..urls import rel
from .documents import doc_item, newest_first

LATEST = 8
LEVEL_RANK = {"province": 0, "district": 1}


def _headline_unit(ctx: Context) -> str | None:
    """The unit of the headline: the highest level with data, then the most values."""
    counts = Counter(o["unit_id"] for o in ctx.sd.tables["observations"])
    if not counts:
        return None
    return min(
        counts,
        key=lambda u: (
            LEVEL_RANK.get(ctx.sd.units_by_id.get(u, {}).get("level") or "", 2),
            -counts[u],
            u,
        ),
    )


def build(ctx: Context) -> None:
    sd, d = ctx.sd, ""
    headline = None
    uid = _headline_unit(ctx)
    if uid:
        with_obs = [p for p in sd.unit_periods().get(uid, []) if sd.obs_for(uid, p)]
        p = max(with_obs, key=lambda p: (len(sd.obs_for(uid, p)) > 3, period_key(p)))
        headline = {
            "title": f"Số liệu nổi bật: {ctx.unit_name(uid)}, {period_label(p)}",
            "cards": cards(ctx, d, sd.obs_for(uid, p)),
            "more": link(rel(d, f"don-vi/{uid}/{p}/"), "Toàn bộ số liệu kỳ này"),
            "unit": link(rel(d, f"don-vi/{uid}/"), f"Trang của {ctx.unit_name(uid)}"),
        }
    docs = newest_first(sd.tables["documents"])
    with_data = [i for i in sd.tables["indicators"] if sd.obs_by_indicator.get(i["indicator_id"])]
    units_with_data = {o["unit_id"] for o in sd.tables["observations"]}
    ctx.write(
        d,
        "home.md.j2",
        title=ctx.settings.name or "Số liệu",
        hide_toc=True,
        headline=headline,
        latest=[doc_item(ctx, d, x) for x in docs[:LATEST]],
        n_docs=len(docs),
        n_units=len(units_with_data),
        sectors=sector_list(ctx, d),
        n_with_data=len(with_data),
        n_indicators=len(sd.tables["indicators"]),
        n_values=len(sd.tables["observations"]),
        links={
            "units": rel(d, "don-vi/"),
            "indicators": rel(d, "chi-tieu/"),
            "sectors": rel(d, "linh-vuc/"),
            "documents": rel(d, "van-ban/"),
            "downloads": rel(d, "tai-ve/"),
            "methods": rel(d, "phuong-phap/"),
        },
        search=Search(ctx.settings.description or "", ["trang chủ"], boost=0.5),
    )
