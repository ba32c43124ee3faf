"""Render one report's normalised text with every extracted figure marked and anchored.

Why spans: figures and footnote markers are positions in ``Document.text``; walking each
block once and inserting marks at those positions keeps the page text byte-for-byte the
report's text (escaped), so a reader sees exactly what the report says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from solieu.model import Block, Document

from .components import anchor_id
from .data import Row, num
from .fmt import exact_value
from .labels import basis_label, qualifier_label

if TYPE_CHECKING:
    from .pages import SiteBuilder


def _tip(sb: SiteBuilder, f: Row) -> str:
    parts = [f"Giá trị: {exact_value(num(f['value']), f['unit'])}"]
    if f.get("value_max"):
        parts[0] += f" – {exact_value(num(f['value_max']), f['unit'])}"
    if f.get("basis"):
        parts.append(basis_label(f["basis"]))
    if f.get("qualifier"):
        parts.append(qualifier_label(f["qualifier"]))
    if f.get("estimate") in ("true", "True", "1"):
        parts.append("ước tính")
    obs = sb.sd.obs_by_figure.get(f["figure_id"], [])
    if obs:
        parts.append("Chỉ tiêu: " + ", ".join(sb.ind_name(o["indicator_id"]) for o in obs))
    return " · ".join(parts)


def _render_span(
    sb: SiteBuilder, text: str, start: int, end: int, figs: list[Row], refs: list[tuple[int, int]]
) -> str:
    """Escaped text[start:end] with <mark> per figure and <sup> per footnote marker."""
    events: list[tuple[int, int, str]] = []  # (pos, order, html)
    last_end = -1
    for f in figs:
        fs, fe = int(f["start"]), int(f["end"])
        aid = anchor_id(f["figure_id"])
        if fs < last_end:  # overlapping figure: keep an anchor so links still land here
            events.append((fs, 1, f'<span id="{aid}" class="sl-anchor"></span>'))
            continue
        tip = escape(_tip(sb, f))
        events.append((fs, 2, f'<mark class="sl-fig" id="{aid}" tabindex="0">'))
        events.append(
            (fe, 0, f'<span class="sl-tip" role="tooltip" data-search-exclude>{tip}</span></mark>')
        )
        last_end = fe
    marks = [(int(f["start"]), int(f["end"])) for f in figs]
    for n, (num_, off) in enumerate(refs):
        pos = off
        for fs, fe in marks:
            if fs < pos < fe:
                pos = fe
        events.append(
            (
                pos,
                0 if pos != off else 0,
                f'<sup class="sl-fnref" id="fnref-{num_}-{n}">'
                f'<a href="#fn-{num_}" aria-label="Chú thích {num_}">{num_}</a></sup>',
            )
        )
    events.sort(key=lambda e: (e[0], e[1]))
    out, pos = [], start
    for p, _, html in events:
        p = min(max(p, start), end)
        out.append(str(escape(text[pos:p])))
        out.append(html)
        pos = p
    out.append(str(escape(text[pos:end])))
    return "".join(out)


def document_body(sb: SiteBuilder, page_dir: str, doc_id: str, doc: Document) -> list[Markup]:
    """Headings, paragraphs and footnotes of a document as page blocks."""
    from .pages import h

    figs = sb.sd.figures_by_doc.get(doc_id, [])
    refs_by_block: dict[int, list[tuple[int, int]]] = {}
    for r in doc.footnote_refs:
        refs_by_block.setdefault(r.block, []).append((r.number, r.offset))
    first_ref: dict[int, str] = {}
    for r_i, r in enumerate(doc.footnote_refs):
        first_ref.setdefault(r.number, f"fnref-{r.number}-{r_i}")
    # refs are numbered in document order: recompute their index per block for stable ids
    idx = {id(r): i for i, r in enumerate(doc.footnote_refs)}

    def block_figs(b: Block) -> list[Row]:
        return [f for f in figs if b.start <= int(f["start"]) and int(f["end"]) <= b.end]

    out: list[Markup] = []
    notes: list[str] = []
    for b in doc.blocks:
        bf = block_figs(b)
        refs = [(r.number, r.offset) for r in doc.footnote_refs if r.block == b.index]
        ids = [idx[id(r)] for r in doc.footnote_refs if r.block == b.index]
        body = _render_span(sb, doc.text, b.start, b.end, bf, refs)
        # _render_span numbers refs locally; make the ids global and unique
        for local, global_ in enumerate(ids):
            num_ = refs[local][0]
            body = body.replace(f'id="fnref-{num_}-{local}"', f'id="fnref-{num_}-{global_}"', 1)
        if b.kind == "heading" and not bf and not refs:
            out.append(h(min(6, 2 + (b.level or 1)), doc.text[b.start : b.end], f"b-{b.index}"))
        elif b.kind == "heading":
            out.append(Markup(f'<p class="sl-h" id="b-{b.index}"><strong>{body}</strong></p>'))
        elif b.kind == "footnote":
            n = b.footnote if b.footnote is not None else b.index
            back = first_ref.get(n)
            back_html = (
                f' <a href="#{back}" class="sl-back" aria-label="Quay lại chỗ gọi chú '
                f'thích {n}">↩</a>'
                if back
                else ""
            )
            notes.append(
                f'<li id="fn-{n}" value="{n}"><span id="b-{b.index}">{body}</span>{back_html}</li>'
            )
        else:
            out.append(Markup(f'<p id="b-{b.index}">{body}</p>'))
    if notes:
        out.append(h(2, "Chú thích", "chu-thich"))
        out.append(Markup(f'<ol class="sl-footnotes">{"".join(notes)}</ol>'))
    return out
