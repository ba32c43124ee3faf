"""The indicator catalogue and one page per indicator: definition, comparison chart, every value
with the sentence it was read from."""

from __future__ import annotations

from .. import charts
from ..blocks import bar_rows, chart, cite, obs_table
from ..context import Context
from ..data import Row, num, period_key
from ..labels import (
    basis_label,
    measure_label,
    period_label,
    sector_label,
    sector_slug,
    temporal_label,
    unit_label,
)
from ..render import link, text
from ..tables import Column, Outputs
from ..urls import rel


def build(ctx: Context) -> None:
    sd, d = ctx.sd, "chi-tieu/"
    out = Outputs()

    def n_obs(i: Row) -> int:
        return len(sd.obs_by_indicator.get(i["indicator_id"], []))

    cols = [
        Column(
            "Chỉ tiêu",
            lambda i: [link(rel(d, f"chi-tieu/{i['indicator_id']}/"), i["name_vi"])],
            sort=lambda i: i["name_vi"],
        ),
        Column(
            "Lĩnh vực",
            lambda i: sector_label(i.get("sector") or ""),
            sort=lambda i: sector_label(i.get("sector") or ""),
        ),
        Column("Đơn vị tính", lambda i: unit_label(i.get("unit") or "")),
        Column("Số liệu", lambda i: str(n_obs(i)), sort=n_obs, numeric=True),
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
    ctx.write(d, "indicators.md.j2", title="Danh mục chỉ tiêu", out=out, table=table)
    for i in rows:
        indicator_page(ctx, i)


def indicator_page(ctx: Context, i: Row) -> None:
    sd, iid = ctx.sd, i["indicator_id"]
    d = f"chi-tieu/{iid}/"
    out = Outputs()
    sector = i.get("sector") or ""
    facts = [
        ("Mã", [text(iid)]),
        ("Tên tiếng Anh", [text(i.get("name_en") or "")]),
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
    compare, table = None, None
    if obs:
        latest = ctx.latest(obs)
        unit = latest[0]["unit"] if latest else obs[0]["unit"]
        scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in latest])
        rows = bar_rows(
            latest,
            lambda o: (
                f"{ctx.unit_name(o['unit_id'])} · {period_label(o['period'])}"
                + (f" · {basis_label(o['basis'])}" if o.get("basis") else "")
            ),
            scale,
        )
        for r, o in zip(rows, latest, strict=True):
            r["unit"] = ctx.unit_name(o["unit_id"])
        spec = charts.hbar(
            rows,
            value_title=title,
            color="unit",
            color_title="Đơn vị hành chính",
            description=f"{i['name_vi']} theo đơn vị và kỳ",
            rule_at=100.0 if iid.endswith(("_pct_plan", "_pct_estimate")) else None,
        )
        caption = f"{i['name_vi']} ({title}) theo đơn vị và kỳ"
        compare = chart(ctx, out, d, "bieu-do-so-sanh", spec, caption, latest, {"unit": unit})
        table = obs_table(
            ctx,
            d,
            "bang-so-lieu",
            f"{i['name_vi']} — mọi số liệu",
            obs,
            out,
            "so-lieu.csv",
            show_ind=False,
            quotes=True,
        )
    src = [sd.docs_by_id[o["document_id"]] for o in obs if o["document_id"] in sd.docs_by_id]
    citation = cite(
        i["name_vi"],
        "; ".join(sorted({s.get("issuer", "") for s in src})),
        ", ".join(sorted({ctx.unit_name(o["unit_id"]) for o in obs})) or "—",
        ", ".join(period_label(p) for p in sorted({o["period"] for o in obs}, key=period_key))
        or "—",
        max((s.get("signed") or s.get("period_end") or "" for s in src), default=""),
    )
    ctx.write(
        d,
        "indicator.md.j2",
        title=i["name_vi"],
        out=out,
        boost=3,
        facts=[(k, v) for k, v in facts if v[0].text],
        chart=compare,
        table=table,
        cite=citation,
    )
