"""The sectors index and one page per sector: its indicators and their latest values."""

from __future__ import annotations

from ..blocks import obs_table, sector_list, sectors_map
from ..context import Context
from ..data import period_key
from ..labels import sector_description, sector_label
from ..render import Run, link
from ..tables import Outputs
from ..urls import rel, url


def build(ctx: Context) -> None:
    sd = ctx.sd
    ctx.write("linh-vuc/", "sectors.md.j2", title="Lĩnh vực", sectors=sector_list(ctx, "linh-vuc/"))
    for slug, inds in sectors_map(ctx).items():
        d = f"linh-vuc/{slug}/"
        out = Outputs()
        name = sector_label(inds[0]["sector"])
        obs = sorted(
            (o for i in inds for o in ctx.latest(sd.obs_by_indicator.get(i["indicator_id"], []))),
            key=lambda o: (
                o["indicator_id"],
                o["unit_id"],
                period_key(o["period"]),
                o["observation_id"],
            ),
        )
        indicators = [
            [
                link(rel(d, url("chi-tieu", i["indicator_id"])), i["name_vi"]),
                Run(f" ({len(sd.obs_by_indicator.get(i['indicator_id'], []))} số liệu)"),
            ]
            for i in sorted(inds, key=lambda i: i["indicator_id"])
        ]
        table = None
        if obs:
            table = obs_table(ctx, d, "bang-linh-vuc", f"{name} — số liệu", obs, out, "so-lieu.csv")
        ctx.write(
            d,
            "sector.md.j2",
            title=name,
            out=out,
            boost=2,
            description=sector_description(inds[0]["sector"]),
            indicators=indicators,
            table=table,
        )
