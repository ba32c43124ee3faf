"""One page per unit × period: sources, headline numbers, charts, sector tables, the tasks of
a work programme, the arithmetic checks and every figure of the period's reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .. import charts
from ..blocks import bar_rows, cards, chart, cite, obs_table
from ..context import Context
from ..data import Row, num
from ..fmt import exact_value, fmt_num
from ..labels import (
    basis_label,
    check_kind_label,
    date_label,
    kind_label,
    period_label,
    sector_label,
    sector_slug,
    unit_label,
    verdict_label,
)
from ..render import Run, link, text
from ..tables import Column, Outputs
from ..urls import rel, url

FIGURE_KINDS = {
    "level": "mức",
    "percent": "phần trăm",
    "change": "thay đổi",
    "pp": "điểm %",
    "ratio": "tỷ lệ",
    "range": "khoảng",
    "fraction": "phân số",
    "rank": "thứ hạng",
}


def build(ctx: Context, u: Row, period: str) -> None:
    sd, uid = ctx.sd, u["unit_id"]
    d = f"don-vi/{uid}/{period}/"
    out = Outputs()
    docs = sd.docs_for(uid, period)
    obs = sorted(sd.obs_for(uid, period), key=lambda o: (o["indicator_id"], o["observation_id"]))
    sources = [
        [
            link(rel(d, url("van-ban", x["document_id"])), x.get("title") or ""),
            text(
                f" ({kind_label(x.get('kind'))}; {x.get('issuer') or ''}"
                f"{'; ký ngày ' + date_label(x['signed']) if x.get('signed') else ''})"
            ),
        ]
        for x in docs
    ]
    where = f"{u['name']}, {period_label(period)}"
    data: dict[str, Any] = {"sources": sources, "obs": bool(obs)}
    if obs:
        data["cards"] = cards(ctx, d, obs)
        data["charts"] = period_charts(ctx, d, uid, period, obs, out)
        by_sector: dict[str, list[Row]] = defaultdict(list)
        for o in obs:
            sec = sd.indicators_by_id.get(o["indicator_id"], {}).get("sector") or "other"
            by_sector[sec].append(o)
        data["sectors"] = [
            {
                "name": sector_label(sec),
                "anchor": f"lv-{sector_slug(sec)}",
                "table": obs_table(
                    ctx,
                    d,
                    f"bang-{sector_slug(sec)}",
                    f"{sector_label(sec)} — {where}",
                    by_sector[sec],
                    out,
                    f"{sector_slug(sec)}.csv",
                    show_unit=False,
                ),
            }
            for sec in sorted(by_sector, key=sector_slug)
        ]
    data["no_indicators"] = not obs and any(sd.figures_by_doc.get(x["document_id"]) for x in docs)
    programmes = [
        x
        for x in docs
        if x.get("kind") == "work_programme" or not sd.figures_by_doc.get(x["document_id"])
    ]
    data["tasks"] = [t for t in (tasks(ctx, d, x) for x in programmes) if t]
    checks = [c for x in docs for c in sd.checks_by_doc.get(x["document_id"], [])]
    data["checks"] = checks_table(ctx, d, checks, out) if checks else None
    figs = [f for x in docs for f in sd.figures_by_doc.get(x["document_id"], [])]
    caption = f"Các con số trích từ văn bản — {where}"
    data["figures"] = figures_table(ctx, d, figs, out, caption) if figs else None
    src = docs[0] if docs else {}
    data["cite"] = cite(
        src.get("title", ""),
        src.get("issuer", ""),
        u["name"],
        period_label(period),
        src.get("signed") or src.get("period_end", ""),
    )
    title = f"{u['name']} — {period_label(period)}"
    ctx.write(d, "unit_period.md.j2", title=title, out=out, boost=1.5, **data)


def _is_progress(o: Row) -> bool:
    basis = o.get("basis") or ""
    return o["unit"] == "percent" and (
        "_pct_" in o["indicator_id"]
        or o["indicator_id"].endswith("_pct")
        or basis.startswith(("plan", "estimate"))
        or "estimate" in basis
    )


def period_charts(
    ctx: Context, d: str, unit_id: str, period: str, rows: Sequence[Row], out: Outputs
) -> list[dict]:
    """Progress against plan, dossiers by status, GRDP growth; else the largest same-unit group."""
    rows = ctx.latest(rows)
    where = f"{ctx.unit_name(unit_id)}, {period_label(period)}"
    found: list[dict] = []

    def add(chart_id: str, group: list[Row], spec: dict, caption: str, unit: str) -> None:
        meta = {"unit": unit, "period": period}
        found.append(chart(ctx, out, d, chart_id, spec, caption, group, meta))

    progress = [o for o in rows if _is_progress(o)]
    if progress:
        spec = charts.hbar(
            bar_rows(progress, ctx.name_with_basis, 1.0),
            value_title="%",
            description=f"Tiến độ so với kế hoạch, dự toán — {where}",
            rule_at=100.0,
        )
        caption = f"Tiến độ so với kế hoạch / dự toán (%) — {where}"
        add("bieu-do-tien-do", progress, spec, caption, "percent")
    dossiers = [
        o
        for o in rows
        if o["indicator_id"].startswith(("admin_dossiers_resolved_", "admin_dossiers_pending"))
    ]
    if dossiers:
        u = dossiers[0]["unit"]
        spec = charts.hbar(
            bar_rows(dossiers, lambda o: ctx.ind_name(o["indicator_id"]), 1.0),
            value_title=unit_label(u) or "hồ sơ",
            description=f"Tình trạng giải quyết hồ sơ — {where}",
            decimals=0,
        )
        caption = f"Hồ sơ thủ tục hành chính theo tình trạng ({unit_label(u)}) — {where}"
        add("bieu-do-ho-so", dossiers, spec, caption, u)
    grdp = [o for o in rows if o["indicator_id"].startswith("grdp_growth")]
    if grdp:
        spec = charts.hbar(
            bar_rows(grdp, lambda o: ctx.ind_name(o["indicator_id"]), 1.0),
            value_title="% so với cùng kỳ",
            description=f"Tăng trưởng GRDP theo khu vực — {where}",
        )
        caption = f"Tăng trưởng GRDP theo khu vực (% so với cùng kỳ) — {where}"
        add("bieu-do-grdp", grdp, spec, caption, "percent")
    if not found and rows:
        by_unit: dict[str, list[Row]] = defaultdict(list)
        for o in rows:
            by_unit[o["unit"]].append(o)
        unit, group = sorted(by_unit.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0]
        group = group[:12]
        scale, title = charts.display_scale(unit, [num(o["value"]) or 0 for o in group])
        spec = charts.hbar(
            bar_rows(group, ctx.name_with_basis, scale),
            value_title=title,
            description=f"Các chỉ tiêu tính bằng {title} — {where}",
        )
        add("bieu-do-chi-tieu", group, spec, f"Các chỉ tiêu ({title}) — {where}", unit)
    return found


def tasks(ctx: Context, d: str, doc: Row) -> dict[str, Any] | None:
    """A work programme: its tasks (paragraphs) grouped under its section headings.

    A group is ``{"level", "text", "anchor", "items"}``; the first group has no heading
    (level 0) when tasks come before the first heading.
    """
    ing = ctx.sd.ingest.get(doc["document_id"])
    if not ing:
        return None
    groups: list[dict[str, Any]] = []
    n = 0
    for b in ing.blocks:
        txt = ing.text[b.start : b.end]
        if b.kind == "heading" and (b.level or 1) <= 3:
            n += 1
            level = min(6, 2 + (b.level or 1))
            groups.append({"level": level, "text": txt, "anchor": f"nv-{n}", "items": []})
        elif b.kind == "paragraph":
            if not groups:
                groups.append({"level": 0, "text": "", "anchor": "", "items": []})
            href = rel(d, f"van-ban/{doc['document_id']}/#b-{b.index}")
            groups[-1]["items"].append({"text": " ".join(txt.split()), "href": href})
    return {"kind": kind_label(doc.get("kind")), "groups": groups}


def checks_table(ctx: Context, d: str, checks: Sequence[Row], out: Outputs) -> dict[str, Any]:
    def quote(c: Row) -> list[Run]:
        fids = [f for f in (c.get("figure_ids") or "").split(";") if f]
        runs = [text(c.get("quote") or "")]
        if fids:
            runs += [text(" "), link(ctx.fig_href(d, c["document_id"], fids[0]), "↗")]
        return runs

    def computed(c: Row) -> str:
        v = num(c.get("computed"))
        return fmt_num(v) if v is None else fmt_num(round(v, 4))

    cols = [
        Column(
            "Kết quả",
            lambda c: [
                Run(verdict_label(c["verdict"]), cls=f"sl-verdict sl-verdict--{c['verdict']}")
            ],
            sort=lambda c: c["verdict"],
        ),
        Column("Loại", lambda c: check_kind_label(c.get("kind"))),
        Column("Phép tính", lambda c: c.get("claim") or ""),
        Column("Báo cáo ghi", lambda c: fmt_num(num(c.get("stated"))), numeric=True),
        Column("Tính lại", computed, numeric=True),
        Column("Câu trích", quote),
        Column("Ghi chú", lambda c: c.get("note") or ""),
    ]
    order = {"fail": 0, "cannot_check": 1, "pass": 2}
    rows = sorted(checks, key=lambda c: (order.get(c["verdict"], 3), c["check_id"]))
    return ctx.table(
        "checks",
        table_id="bang-kiem-tra",
        caption="Kiểm tra số học",
        rows=rows,
        columns=cols,
        out=out,
        csv_name="kiem-tra.csv",
    )


def figures_table(
    ctx: Context, d: str, figs: Sequence[Row], out: Outputs, caption: str
) -> dict[str, Any]:
    def indicators(f: Row) -> list[Run]:
        runs: list[Run] = []
        for o in ctx.sd.obs_by_figure.get(f["figure_id"], []):
            if runs:
                runs.append(text(", "))
            runs.append(
                link(rel(d, f"chi-tieu/{o['indicator_id']}/"), ctx.ind_name(o["indicator_id"]))
            )
        return runs

    def value(f: Row) -> str:
        s = exact_value(num(f["value"]), f["unit"])
        return s + (f" – {fmt_num(num(f['value_max']))}" if f.get("value_max") else "")

    cols = [
        Column(
            "Như văn bản ghi",
            lambda f: [link(ctx.fig_href(d, f["document_id"], f["figure_id"]), f["text"])],
            sort=lambda f: f"{int(f.get('start') or 0):09d}",
        ),
        Column("Giá trị chuẩn hóa", value, sort=lambda f: num(f["value"]) or 0.0, numeric=True),
        Column(
            "Loại",
            lambda f: FIGURE_KINDS.get(f.get("kind") or "", f.get("kind") or ""),
            sort=lambda f: f.get("kind") or "",
        ),
        Column("So với", lambda f: basis_label(f.get("basis"))),
        Column("Chỉ tiêu", indicators),
        Column(
            "Mục",
            lambda f: (
                ("chú thích " + f["footnote"]) if f.get("footnote") else f.get("section") or ""
            ),
            sort=lambda f: f.get("section") or "",
        ),
    ]
    return ctx.table(
        "figures",
        table_id="bang-con-so",
        caption=caption,
        rows=figs,
        columns=cols,
        out=out,
        csv_name="con-so.csv",
        filterable=True,
        search_exclude=True,
    )
