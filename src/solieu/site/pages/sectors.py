"""The sectors index and one page per sector (Vietnamese slugs: ``/linh-vuc/tai-chinh-ngan-sach/``):
its indicators, how many units have each and the latest period, with links to them. A summary:
the values are on the indicator pages."""

from __future__ import annotations

from solieu import vi_format

from ..blocks import sector_list, sectors_map
from ..context import Context, Search
from ..data import Row, period_key
from ..labels import period_label, sector_description, sector_label, unit_label
from ..render import link
from ..tables import Column, data_table
from ..urls import rel, url


def build(ctx: Context) -> None:
    ctx.write(
        "linh-vuc/",
        "sectors.md.j2",
        title="Lĩnh vực",
        sectors=sector_list(ctx, "linh-vuc/"),
        search=Search("Các lĩnh vực kinh tế - xã hội", ["lĩnh vực"], boost=0.8),
    )
    for slug, inds in sectors_map(ctx).items():
        sector_page(ctx, slug, inds)


def sector_page(ctx: Context, slug: str, inds: list[Row]) -> None:
    sd = ctx.sd
    d = f"linh-vuc/{slug}/"
    name = sector_label(inds[0]["sector"])

    def obs(i: Row) -> list[Row]:
        return sd.obs_by_indicator.get(i["indicator_id"], [])

    def last(i: Row) -> str:
        ps = sorted({o["period"] for o in obs(i)}, key=period_key)
        return period_label(ps[-1]) if ps else "chưa có"

    cols = [
        Column(
            "Chỉ tiêu",
            lambda i: [link(rel(d, url("chi-tieu", i["indicator_id"])), i["name_vi"])],
            sort=lambda i: vi_format.fold(i["name_vi"]),
        ),
        Column("Đơn vị tính", lambda i: unit_label(i.get("unit") or "")),
        Column(
            "Đơn vị có số liệu",
            lambda i: vi_format.number(len({o["unit_id"] for o in obs(i)})),
            sort=lambda i: len({o["unit_id"] for o in obs(i)}),
            numeric=True,
        ),
        Column(
            "Số liệu",
            lambda i: vi_format.number(len(obs(i))),
            sort=lambda i: len(obs(i)),
            numeric=True,
        ),
        Column("Kỳ mới nhất", last),
    ]
    rows = sorted(inds, key=lambda i: (not obs(i), vi_format.fold(i["name_vi"])))
    table = data_table(
        table_id="bang-chi-tieu", caption=f"Chỉ tiêu — {name}", rows=rows, columns=cols
    )
    n = sum(len(obs(i)) for i in inds)
    ctx.write(
        d,
        "sector.md.j2",
        title=name,
        description=sector_description(inds[0]["sector"]),
        table=table,
        search=Search(
            f"Lĩnh vực · {len(inds)} chỉ tiêu, {n} số liệu",
            [name, *(i["name_vi"] for i in inds)],
            boost=1.5 if n else 0.2,
        ),
    )
