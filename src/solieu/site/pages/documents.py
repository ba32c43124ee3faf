"""The documents index (the latest reports, then every unit's count) and one page per document:
its facts, citation, whole text with every extracted figure marked, anchored and explained,
and the table of all its figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from solieu import vi_format

from ..blocks import cite
from ..context import Context, Search, digest
from ..data import Row, is_true, num, period_key
from ..document import document_blocks
from ..labels import basis_label, date_label, kind_label, labels, period_label, qualifier_label
from ..render import Run, link, text
from ..tables import Outputs, csv_text
from ..urls import rel, url

LATEST = 30  # reports listed on the index; every unit's list is on its own page


def newest_first(docs: Sequence[Row]) -> list[Row]:
    return sorted(
        docs,
        key=lambda x: (
            x.get("period_end") or "",
            period_key(x.get("period") or "0000"),
            x["document_id"],
        ),
        reverse=True,
    )


def doc_item(ctx: Context, d: str, x: Row) -> list[Run]:
    return [
        link(rel(d, url("van-ban", x["document_id"])), x.get("title") or x["document_id"]),
        Run(
            f" — {ctx.unit_name(x['unit_id'])}, {period_label(x.get('period') or '')}"
            f" ({kind_label(x.get('kind'))})"
        ),
    ]


def build(ctx: Context) -> None:
    sd, d = ctx.sd, "van-ban/"
    docs = newest_first(sd.tables["documents"])
    by_unit: dict[str, list[Row]] = defaultdict(list)
    for x in docs:
        by_unit[x["unit_id"]].append(x)
    provinces: dict[str, list[list[Run]]] = defaultdict(list)
    for uid in sorted(by_unit, key=lambda u: vi_format.fold(ctx.unit_name(u))):
        n = len(by_unit[uid])
        provinces[sd.province.get(uid, uid)].append(
            [
                link(rel(d, f"don-vi/{uid}/#van-ban"), ctx.unit_name(uid)),
                Run(
                    f" — {n} văn bản, mới nhất {period_label(by_unit[uid][0].get('period') or '')}"
                ),
            ]
        )
    ctx.write(
        d,
        "documents.md.j2",
        title="Văn bản nguồn",
        latest=[doc_item(ctx, d, x) for x in docs[:LATEST]],
        n_docs=len(docs),
        provinces=[
            {"name": ctx.unit_name(p), "items": provinces[p]}
            for p in sorted(provinces, key=lambda p: vi_format.fold(ctx.unit_name(p)))
        ],
        search=Search(
            f"{len(docs)} văn bản nguồn: báo cáo tình hình kinh tế - xã hội",
            ["văn bản nguồn", "báo cáo"],
            boost=0.8,
        ),
    )
    settings = ctx.settings.model_dump_json()
    for x in sorted(docs, key=lambda x: x["document_id"]):
        doc_id = x["document_id"]
        obs = sd.obs_by_doc.get(doc_id, [])
        key = digest(
            settings,
            sd.units_by_id.get(x["unit_id"], {}),
            ctx.doc_digest(doc_id),
            [ctx.ind_key(i) for i in sorted({o["indicator_id"] for o in obs})],
        )
        ctx.cached("van-ban", doc_id, key, lambda x=x: document_page(ctx, x))
        sd.forget_ingest(doc_id)


def tip(ctx: Context, f: Row) -> str:
    """The tooltip of a marked figure: normalised value, basis, qualifier, indicators."""
    parts = [f"Giá trị: {vi_format.exact(num(f['value']), f['unit'])}"]
    if f.get("value_max"):
        parts[0] += f" – {vi_format.exact(num(f['value_max']), f['unit'])}"
    if f.get("basis"):
        parts.append(basis_label(f["basis"]))
    if f.get("qualifier"):
        parts.append(qualifier_label(f["qualifier"]))
    if is_true(f.get("estimate")):
        parts.append("ước tính")
    obs = ctx.sd.obs_by_figure.get(f["figure_id"], [])
    if obs:
        parts.append("Chỉ tiêu: " + ", ".join(ctx.ind_name(o["indicator_id"]) for o in obs))
    return " · ".join(parts)


def _facts(ctx: Context, x: Row, d: str) -> list[tuple[str, list[Run]]]:
    period = x.get("period") or ""
    licence = x.get("licence") or ""
    counts = (
        f"{vi_format.number(num(x.get('n_figures')) or 0)} con số, "
        f"{vi_format.number(num(x.get('n_observations')) or 0)} số liệu chỉ tiêu, "
        f"{vi_format.number(num(x.get('n_checks')) or 0)} phép kiểm tra"
    )
    facts = [
        ("Cơ quan ban hành", [text(x.get("issuer") or "")]),
        ("Số hiệu", [text(x.get("number") or "")]),
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
        ("Trích được", [text(counts)]),
    ]
    return [(k, v) for k, v in facts if v[0].text]


def figures_table(ctx: Context, figs: Sequence[Row], out: Outputs) -> dict[str, Any]:
    """The table of every figure, drawn in the browser from its CSV when a reader asks for it.

    Why not in the page: the text above already marks and explains each figure; the table
    of a long report is as heavy as the text, and a thousand reports' tables would double
    the site. The CSV (Excel-ready, Vietnamese names beside codes) is the one copy.
    """
    fields = [f for f in ctx.sd.fields["figures"] if f != "sentence"]  # the sentence: the page
    out.add("con-so.csv", csv_text(fields, figs, ctx.sd.types.get("figures", {}), ctx.csv_names))
    return {
        "id": "bang-con-so",
        "caption": "Mọi con số trích từ văn bản",
        "csv": "con-so.csv",
        "n_rows": len(figs),
        "columns": ["Như văn bản ghi", "Giá trị chuẩn hóa", "So với", "Chỉ tiêu"],
    }


def document_page(ctx: Context, x: Row) -> None:
    d = f"van-ban/{x['document_id']}/"
    out = Outputs()
    ing = ctx.sd.ingest(x["document_id"])
    figs = ctx.sd.figures_of(x["document_id"])
    blocks, notes = [], []
    if ing:
        blocks, notes = document_blocks(ing, figs, lambda f: tip(ctx, f))
    unit = ctx.unit_name(x["unit_id"])
    ctx.write(
        d,
        "document.md.j2",
        title=x.get("title") or x["document_id"],
        out=out,
        facts=_facts(ctx, x, d),
        cite=cite(
            ctx,
            d,
            what="Văn bản",
            issuer=x.get("issuer") or "",
            title=x.get("title") or "",
            number=x.get("number") or "",
            signed=x.get("signed") or "",
            unit=unit,
            period=period_label(x.get("period") or ""),
        ),
        ingested=bool(ing),
        blocks=blocks,
        notes=notes,
        figures=figures_table(ctx, figs, out) if figs else None,
        period_href=rel(d, f"don-vi/{x['unit_id']}/{x['period']}/"),
        search=Search(
            f"{x.get('issuer') or unit} · {period_label(x.get('period') or '')} · "
            f"{kind_label(x.get('kind'))}",
            [unit, period_label(x.get("period") or ""), x.get("issuer") or ""],
            boost=0.5,
        ),
    )
