"""The home page: headline numbers of the province, latest reports, ways into the data."""

from __future__ import annotations

from ..blocks import cards, sector_list, unit_list
from ..context import Context
from ..data import period_key
from ..labels import kind_label, period_label
from ..render import Run, link
from ..urls import rel, url


def build(ctx: Context) -> None:
    sd, d = ctx.sd, ""
    headline = None
    prov = [u for u in sd.tables["units"] if u.get("level") == "province"]
    if prov:
        pid = prov[0]["unit_id"]
        with_obs = [p for p in sd.unit_periods().get(pid, []) if sd.obs_for(pid, p)]
        if with_obs:
            p = with_obs[-1]
            headline = {
                "title": f"Số liệu nổi bật: {ctx.unit_name(pid)}, {period_label(p)}",
                "cards": cards(ctx, d, sd.obs_for(pid, p)),
                "more": link(rel(d, f"don-vi/{pid}/{p}/"), "Xem toàn bộ số liệu kỳ này →"),
            }
    docs = sorted(
        sd.tables["documents"],
        key=lambda x: (
            x.get("period_end") or "",
            period_key(x.get("period") or "0000"),
            x["document_id"],
        ),
        reverse=True,
    )
    latest = [
        [
            link(rel(d, url("van-ban", x["document_id"])), x.get("title") or ""),
            Run(
                f" — {x.get('issuer') or ''}, {period_label(x.get('period') or '')}"
                f" ({kind_label(x.get('kind'))}) · "
            ),
            link(rel(d, url("don-vi", x["unit_id"], x["period"])), "số liệu"),
        ]
        for x in docs
    ]
    with_data = [i for i in sd.tables["indicators"] if sd.obs_by_indicator.get(i["indicator_id"])]
    ctx.write(
        d,
        "home.md.j2",
        title=ctx.settings.name or "Số liệu",
        hide_toc=True,
        headline=headline,
        latest=latest,
        units=unit_list(ctx, d),
        sectors=sector_list(ctx, d),
        n_with_data=len(with_data),
        n_indicators=len(sd.tables["indicators"]),
        links={
            "indicators": rel(d, "chi-tieu/"),
            "downloads": rel(d, "tai-ve/"),
            "methods": rel(d, "phuong-phap/"),
        },
    )
