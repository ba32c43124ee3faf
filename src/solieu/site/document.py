"""One report's normalised text, as data: blocks of text with every extracted figure marked.

Why spans: figures and footnote markers are positions in ``Document.text``; walking each block
once and cutting it at those positions keeps the page text exactly the report's text, so a
reader sees what the report says. The ``spans`` macro of ``ui.html.j2`` writes the marks.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from solieu.model import Document

from .data import Row
from .urls import anchor_id

Segment = dict[str, Any]  # kind: text | mark (with children) | anchor | fnref


def _segments(
    text: str,
    start: int,
    end: int,
    figs: Sequence[Row],
    refs: Sequence[tuple[int, int, str]],
    tip: Callable[[Row], str],
) -> list[Segment]:
    """text[start:end] cut into text, figure marks, anchors and footnote calls.

    Figures do not nest: a figure inside an earlier one only leaves an anchor (so links to it
    still land), and a footnote call inside a figure moves to the figure's end.
    """
    events: list[tuple[int, int, int, Segment]] = []  # (pos, order, seq, segment)
    last_end = -1
    for f in figs:
        fs, fe = int(f["start"]), int(f["end"])
        aid = anchor_id(f["figure_id"])
        if fs < last_end:
            events.append((fs, 1, len(events), {"kind": "anchor", "id": aid}))
            continue
        events.append((fs, 2, len(events), {"kind": "open", "id": aid, "tip": tip(f)}))
        events.append((fe, 0, len(events), {"kind": "close"}))
        last_end = fe
    marks = [(int(f["start"]), int(f["end"])) for f in figs]
    for number, offset, ref_id in refs:
        pos = offset
        for fs, fe in marks:
            if fs < pos < fe:
                pos = fe
        events.append((pos, 0, len(events), {"kind": "fnref", "id": ref_id, "n": number}))
    events.sort(key=lambda e: e[:3])

    top: list[Segment] = []
    stack = [top]
    pos = start
    for p, _, _, seg in events:
        p = min(max(p, start), end)
        if p > pos:
            stack[-1].append({"kind": "text", "text": text[pos:p]})
        pos = max(pos, p)
        if seg["kind"] == "open":
            mark = {"kind": "mark", "id": seg["id"], "tip": seg["tip"], "children": []}
            stack[-1].append(mark)
            stack.append(mark["children"])
        elif seg["kind"] == "close":
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].append(seg)
    if end > pos:
        stack[-1].append({"kind": "text", "text": text[pos:end]})
    return top


def document_blocks(
    doc: Document, figs: Sequence[Row], tip: Callable[[Row], str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The document's blocks for the document template, and its footnotes.

    A block is ``{"kind": "heading", "level", "text", "anchor"}`` (a Markdown heading, so it
    reaches the table of contents) or ``{"kind": "heading_p" | "para", "id", "segments"}``;
    a footnote is ``{"n", "id", "segments", "back"}``.
    """
    starts = [int(f["start"]) for f in figs]
    refs_by_block: dict[int, list[tuple[int, int, str]]] = {}
    first_ref: dict[int, str] = {}
    for i, r in enumerate(doc.footnote_refs):
        ref_id = f"fnref-{r.number}-{i}"
        refs_by_block.setdefault(r.block, []).append((r.number, r.offset, ref_id))
        first_ref.setdefault(r.number, ref_id)

    blocks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for b in doc.blocks:
        lo, hi = bisect.bisect_left(starts, b.start), bisect.bisect_left(starts, b.end)
        bf = [f for f in figs[lo:hi] if int(f["end"]) <= b.end]
        refs = refs_by_block.get(b.index, [])
        level = min(6, 2 + (b.level or 1))
        if b.kind == "heading" and not bf and not refs:
            text = doc.text[b.start : b.end]
            blocks.append(
                {"kind": "heading", "level": level, "text": text, "anchor": f"b-{b.index}"}
            )
            continue
        segs = _segments(doc.text, b.start, b.end, bf, refs, tip)
        if b.kind == "footnote":
            n = b.footnote if b.footnote is not None else b.index
            notes.append(
                {"n": n, "id": f"b-{b.index}", "segments": segs, "back": first_ref.get(n, "")}
            )
        else:
            kind = "heading_p" if b.kind == "heading" else "para"
            blocks.append({"kind": kind, "id": f"b-{b.index}", "segments": segs})
    return blocks, notes
