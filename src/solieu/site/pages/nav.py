"""The navigation: written to ``site-nav.json``, handed to mkdocs by ``docs/hooks/site_nav.py``."""

from __future__ import annotations

from typing import Any

from solieu.escaping import safe_title

from ..blocks import sectors_map
from ..context import Context
from ..labels import kind_label, period_label, sector_label


def build(ctx: Context, methods: bool) -> list[Any]:
    sd = ctx.sd
    periods = sd.unit_periods()
    units = []
    for u in sorted(sd.tables["units"], key=lambda u: (u.get("valid_to") != "", u["unit_id"])):
        uid = u["unit_id"]
        if not periods.get(uid):
            continue  # units without reports are listed on the "Đơn vị" page only
        units.append(
            {
                safe_title(u["name"]): [f"don-vi/{uid}/index.md"]
                + [
                    {safe_title(period_label(p)): f"don-vi/{uid}/{p}/index.md"}
                    for p in periods.get(uid, [])
                ]
            }
        )
    inds = [
        {safe_title(i["name_vi"]): f"chi-tieu/{i['indicator_id']}/index.md"}
        for i in sorted(sd.tables["indicators"], key=lambda i: i["indicator_id"])
    ]
    secs = [
        {safe_title(sector_label(v[0]["sector"])): f"linh-vuc/{k}/index.md"}
        for k, v in sectors_map(ctx).items()
    ]
    docs = [
        {
            safe_title(
                f"{ctx.unit_name(x['unit_id'])} — {period_label(x.get('period') or '')} "
                f"({kind_label(x.get('kind')).lower()})"
            ): f"van-ban/{x['document_id']}/index.md"
        }
        for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"])
    ]
    nav: list[Any] = [
        {"Trang chủ": "index.md"},
        {"Đơn vị": ["don-vi/index.md", *units]},
        {"Chỉ tiêu": ["chi-tieu/index.md", *inds]},
        {"Lĩnh vực": ["linh-vuc/index.md", *secs]},
        {"Văn bản": ["van-ban/index.md", *docs]},
        {"Tải về": "tai-ve/index.md"},
    ]
    if methods:
        nav.append({"Phương pháp": "phuong-phap.md"})
    return nav
