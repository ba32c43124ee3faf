"""The list of source documents and one page per document: its facts and its whole text, every
figure marked, anchored and explained in a tooltip."""

from __future__ import annotations

from ..blocks import cite
from ..context import Context
from ..data import Row, num
from ..document import document_blocks
from ..fmt import exact_value
from ..labels import basis_label, date_label, kind_label, labels, period_label, qualifier_label
from ..render import Run, link, text
from ..urls import rel, url


def build(ctx: Context) -> None:
    sd, d = ctx.sd, "van-ban/"
    docs = sorted(sd.tables["documents"], key=lambda x: x["document_id"])
    items = [
        [
            link(rel(d, url("van-ban", x["document_id"])), x.get("title") or ""),
            Run(f" — {x.get('issuer') or ''}, {period_label(x.get('period') or '')}"),
        ]
        for x in docs
    ]
    ctx.write(d, "documents.md.j2", title="Văn bản nguồn", documents=items)
    for x in docs:
        document_page(ctx, x)


def tip(ctx: Context, f: Row) -> str:
    """The tooltip of a marked figure: normalised value, basis, qualifier, indicators."""
    parts = [f"Giá trị: {exact_value(num(f['value']), f['unit'])}"]
    if f.get("value_max"):
        parts[0] += f" – {exact_value(num(f['value_max']), f['unit'])}"
    if f.get("basis"):
        parts.append(basis_label(f["basis"]))
    if f.get("qualifier"):
        parts.append(qualifier_label(f["qualifier"]))
    if f.get("estimate") in ("true", "True", "1"):
        parts.append("ước tính")
    obs = ctx.sd.obs_by_figure.get(f["figure_id"], [])
    if obs:
        parts.append("Chỉ tiêu: " + ", ".join(ctx.ind_name(o["indicator_id"]) for o in obs))
    return " · ".join(parts)


def _facts(ctx: Context, x: Row, d: str) -> list[tuple[str, list[Run]]]:
    period = x.get("period") or ""
    licence = x.get("licence") or ""
    counts = " / ".join(str(x.get(k, "")) for k in ("n_figures", "n_observations", "n_checks"))
    facts = [
        ("Cơ quan ban hành", [text(x.get("issuer") or "")]),
        ("Đơn vị", [link(rel(d, f"don-vi/{x['unit_id']}/"), ctx.unit_name(x["unit_id"]))]),
        (
            "Kỳ báo cáo",
            [link(rel(d, f"don-vi/{x['unit_id']}/{x['period']}/"), period_label(period))],
        ),
        ("Loại văn bản", [text(kind_label(x.get("kind")))]),
        ("Ngày ký", [text(date_label(x.get("signed")) or "không ghi trong văn bản")]),
        ("Giấy phép", [text(labels().get("licences", {}).get(licence, licence))]),
        ("Tệp gốc", [text(x.get("file") or "")]),
        ("SHA-256", [Run(x.get("sha256") or "", code=True)]),
        ("Con số / chỉ tiêu / kiểm tra", [text(counts)]),
    ]
    return [(k, v) for k, v in facts if v[0].text]


def document_page(ctx: Context, x: Row) -> None:
    d = f"van-ban/{x['document_id']}/"
    ing = ctx.sd.ingest.get(x["document_id"])
    blocks, notes = [], []
    if ing:
        figs = ctx.sd.figures_by_doc.get(x["document_id"], [])
        blocks, notes = document_blocks(ing, figs, lambda f: tip(ctx, f))
    ctx.write(
        d,
        "document.md.j2",
        title=x.get("title") or x["document_id"],
        boost=0.5,
        facts=_facts(ctx, x, d),
        cite=cite(
            x.get("title") or "",
            x.get("issuer") or "",
            ctx.unit_name(x["unit_id"]),
            period_label(x.get("period") or ""),
            x.get("signed") or x.get("period_end") or "",
        ),
        ingested=bool(ing),
        blocks=blocks,
        notes=notes,
    )
