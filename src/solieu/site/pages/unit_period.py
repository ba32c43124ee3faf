"""One page per unit × period: headline cards, the values by sector (each with a permalink),
the tasks of a work programme, the arithmetic checks and the sources. Every figure of a report
is on its document's page, not here: this page's weight is one period's values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from solieu import vi_format

from ..blocks import by_sector_order, cards, doc_cite, obs_table
from ..context import Context, Search, digest
from ..data import Row, num, period_key
from ..labels import (
    check_kind_label,
    date_label,
    kind_label,
    labels,
    period_label,
    sector_label,
    verdict_label,
)
from ..render import Run, link, text
from ..tables import Column, Outputs
from ..urls import rel, url


def build_cached(ctx: Context, u: Row, period: str) -> None:
    """The page, or the same page of the previous build when none of its inputs changed."""
    sd, uid = ctx.sd, u["unit_id"]
    obs = sd.obs_for(uid, period)
    own = sd.docs_for(uid, period)
    doc_ids = sorted({x["document_id"] for x in own} | {o["document_id"] for o in obs})
    key = digest(
        ctx.settings.model_dump_json(),
        u,
        ctx.unit_name(sd.province.get(uid, uid)),
        obs,
        [ctx.doc_digest(d) for d in doc_ids],
        [ctx.ind_key(i) for i in sorted({o["indicator_id"] for o in obs})],
    )
    ctx.cached("don-vi", f"{uid}/{period}", key, lambda: build(ctx, u, period))


def build(ctx: Context, u: Row, period: str) -> None:
    sd, uid = ctx.sd, u["unit_id"]
    d = f"don-vi/{uid}/{period}/"
    out = Outputs()
    obs = by_sector_order(ctx, sd.obs_for(uid, period))
    own = sd.docs_for(uid, period)
    doc_ids = {x["document_id"] for x in own} | {o["document_id"] for o in obs}
    docs = sorted(
        (sd.docs_by_id[i] for i in doc_ids if i in sd.docs_by_id),
        key=lambda x: (period_key(x.get("period") or "0000"), x["document_id"]),
    )
    sources = [
        {
            "link": link(rel(d, url("van-ban", x["document_id"])), x.get("title") or ""),
            "about": f"{kind_label(x.get('kind'))}; {x.get('issuer') or ''}"
            + (f"; ký ngày {date_label(x['signed'])}" if x.get("signed") else ""),
            "n_figures": vi_format.number(num(x.get("n_figures")) or 0),
        }
        for x in docs
    ]
    where = f"{u['name']}, {period_label(period)}"
    data: dict[str, Any] = {
        "sources": sources,
        "obs": bool(obs),
        "unit_href": rel(d, f"don-vi/{uid}/"),
    }
    data["unit_name"] = u["name"]
    if obs:
        data["cards"] = cards(ctx, d, obs)
        data["table"] = obs_table(
            ctx,
            d,
            "bang-so-lieu",
            f"Số liệu theo lĩnh vực — {where}",
            obs,
            out,
            "so-lieu.csv",
            show_unit=False,
            permalink=True,
            by_sector=True,
        )
    data["no_indicators"] = not obs and any(sd.n_figures(x["document_id"]) for x in own)
    programmes = [
        x for x in own if x.get("kind") == "work_programme" or not sd.n_figures(x["document_id"])
    ]
    data["tasks"] = [t for t in (tasks(ctx, d, x) for x in programmes) if t]
    checks = [c for x in own for c in sd.checks_by_doc.get(x["document_id"], [])]
    data["checks"] = checks_table(ctx, d, checks, out) if checks else None
    data["cite"] = doc_cite(ctx, d, docs, "Số liệu", u["name"], period_label(period))
    title = f"{u['name']} — {period_label(period)}"
    names = search_terms(ctx, obs)
    province = ctx.unit_name(sd.province.get(uid, uid))
    ctx.write(
        d,
        "unit_period.md.j2",
        title=title,
        out=out,
        **data,
        search=Search(
            (f"{province} · " if ctx.namesake(uid) else "")
            + f"{len(obs)} số liệu, {len(docs)} văn bản",
            names,
            boost=2.0 if obs else 0.3,
        ),
    )


def search_terms(ctx: Context, obs: Sequence[Row]) -> list[str]:
    """What a page of values is found by: its headline indicators and its sectors (not every
    indicator: lunr matches word prefixes, and a long list would match any short query)."""
    headline = set(labels().get("headline", []))
    with_data = sorted({o["indicator_id"] for o in obs})
    sectors = {
        sector_label(ctx.sd.indicators_by_id.get(i, {}).get("sector", "")) for i in with_data
    }
    return [*(ctx.ind_name(i) for i in with_data if i in headline), *sorted(sectors)]


def tasks(ctx: Context, d: str, doc: Row) -> dict[str, Any] | None:
    """A work programme: its tasks (paragraphs) grouped under its section headings.

    A group is ``{"level", "text", "anchor", "items"}``; the first group has no heading
    (level 0) when tasks come before the first heading.
    """
    ing = ctx.sd.ingest(doc["document_id"])
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
            runs += [
                text(" "),
                link(
                    ctx.fig_href(d, c["document_id"], fids[0]),
                    "↗",
                    cls="sl-src",
                    label="Câu gốc trong văn bản",
                ),
            ]
        return runs

    def computed(c: Row) -> str:
        v = num(c.get("computed"))
        return vi_format.number(v if v is None else round(v, 4))

    cols = [
        Column(
            "Kết quả",
            lambda c: [
                Run(verdict_label(c["verdict"]), cls=f"sl-verdict sl-verdict--{c['verdict']}")
            ],
            sort=lambda c: c["verdict"],
        ),
        Column("Loại", lambda c: check_kind_label(c.get("kind"))),
        # long digit strings ("1.589.000.000.000/6.580.820.000.000") break rather than overflow
        Column("Phép tính", lambda c: ctx.named(c.get("claim") or ""), css="sl-break"),
        Column("Báo cáo ghi", lambda c: vi_format.number(num(c.get("stated"))), numeric=True),
        Column("Tính lại", computed, numeric=True),
        Column("Câu trích", quote, wide=True),
        Column("Ghi chú", lambda c: ctx.named(c.get("note") or "")),
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
