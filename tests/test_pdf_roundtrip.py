"""A seed report printed to a paged PDF with footnotes at the page feet reads back as the seed.

The seed texts are the text layers of signed PDFs: each page's body lines, then (after a line
of spaces) that page's footnotes, then the next page, whose first line is indented by a space.
Ingest relies on that indent to know where a page's footnotes end. Here each seed page is drawn
as a PDF page (body in 13 pt, footnotes in 10 pt under a short rule at the foot, as Word does),
read back with :func:`read_report` and ingested: footnotes, their links, the body blocks and the
figures must be those of the original text.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import regex as re
import yaml

from solieu.figures import extract_figures
from solieu.ingest import ingest
from solieu.model import Document, DocumentMeta
from solieu.readers import read_report_full

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))
import make_corpus  # noqa: E402

ENTRIES = {
    e["id"]: e
    for e in yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))[
        "documents"
    ]
}
PROVINCE = "tinh-lang-son-2025-h1-bao-cao"  # 70 footnotes, notes running on across pages
CITY_06 = "thanh-pho-lang-son-2025-06-bao-cao"  # 19 footnotes, several pages of notes
SEP_MIN = 10  # a line of at least this many spaces separates a page's body from its notes
BODY_PT, NOTE_PT = 13, 10


def seed_pages(text: str) -> list[tuple[list[str], list[str]]]:
    """The pages of a seed text as (body lines, footnote lines).

    A page starts at an indented line; a footnote number alone on its line (its text on the
    next, indented line) is put back in front of its text, as a PDF prints it.
    """
    pages: list[tuple[list[str], list[str]]] = []
    body: list[str] = []
    notes: list[str] = []
    in_notes, lone = False, None
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            if len(raw) >= SEP_MIN and raw.isspace():
                in_notes = True
            continue
        if in_notes and lone is None and re.fullmatch(r"\d{1,3}", line):
            lone = line
            continue
        if lone is not None:
            notes.append(f"{lone} {line}")
            lone = None
            continue
        if raw[:1] == " " and (body or notes):
            pages.append((body, notes))
            body, notes, in_notes = [], [], False
        (notes if in_notes else body).append(line)
    pages.append((body, notes))
    return pages


def render(pages: list[tuple[list[str], list[str]]], path: Path) -> None:
    """One PDF page per seed page: body from the top, footnotes under a rule at the foot."""
    c, _ = make_corpus._pdf_canvas(path)
    for body, notes in pages:
        widths = [c.stringWidth(t, "DejaVuSans", BODY_PT) for t in body]
        widths += [c.stringWidth(t, "DejaVuSans", NOTE_PT) for t in notes]
        w = max([300.0, *widths]) + 120
        h = (18 * len(body) + (12 * len(notes) + 24 if notes else 0)) / 0.7 + 100
        c.setPageSize((w, h))
        y = h * 0.86
        c.setFont("DejaVuSans", BODY_PT)
        for t in body:
            c.drawString(60, y, t)
            y -= 18
        if notes:
            y = h * 0.12 + 12 * (len(notes) - 1)
            c.line(60, y + 14, 200, y + 14)
            c.setFont("DejaVuSans", NOTE_PT)
            for t in notes:
                c.drawString(60, y, t)
                y -= 12
        c.showPage()
    c.save()


def _meta(doc_id: str) -> DocumentMeta:
    e = ENTRIES[doc_id]
    period = e.get("period")
    return DocumentMeta(document_id=doc_id, file=e["file"], period=str(period) if period else None)


@cache
def _both(doc_id: str, tmp: Path) -> tuple[str, str, int, Document, Document]:
    seed = (ROOT / "sources" / ENTRIES[doc_id]["file"]).read_text(encoding="utf-8")
    pages = seed_pages(seed)
    pdf = tmp / f"{doc_id}.pdf"
    render(pages, pdf)
    result = read_report_full(pdf)
    assert result.format == "pdf" and result.pages == len(pages)
    return (
        seed,
        result.text,
        len(pages),
        ingest(seed, _meta(doc_id)),
        ingest(result.text, _meta(doc_id)),
    )


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdf_roundtrip")


def _body(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind != "footnote"]


def _notes(doc: Document) -> list[tuple[int | None, str]]:
    return [(b.footnote, doc.text[b.start : b.end]) for b in doc.blocks if b.kind == "footnote"]


@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_pdf_text_has_the_seed_layout(doc_id, tmp):
    seed, text, n_pages, _, _ = _both(doc_id, tmp)
    lines = text.split("\n")
    # every page's first line is indented by one space, and no other line is
    starts = [ln for ln in lines if ln[:1] == " " and ln.strip()]
    assert len(starts) == n_pages
    # the lines are the seed's, in order (a footnote number alone on its line in the seed is
    # printed in front of its text, so those lines differ)
    a = [" ".join(ln.split()) for ln in seed.split("\n") if ln.strip()]
    b = [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(m.size for m in matcher.get_matching_blocks())
    lone = sum(1 for ln in a if re.fullmatch(r"\d{1,3}", ln))
    assert same >= len(a) - 2 * lone, (same, len(a), lone)
    # and the separators are lines of spaces only, followed by a note or a continued note
    seps = [i for i, ln in enumerate(lines) if len(ln) >= SEP_MIN and ln.isspace()]
    assert seps and all(lines[i + 1].strip() for i in seps)


@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_pdf_ingests_like_the_seed_text(doc_id, tmp):
    _, _, _, want, got = _both(doc_id, tmp)
    assert len(_notes(got)) == len(_notes(want)) > 0
    assert _notes(got) == _notes(want)
    numbers = {n for n, _ in _notes(got)}
    assert {r.number for r in got.footnote_refs} == numbers  # every note linked to its marker
    assert len(got.footnote_refs) == len(want.footnote_refs)
    assert _body(got) == _body(want)
    assert [b.section for b in got.blocks] == [b.section for b in want.blocks]


@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_pdf_gives_the_same_figures(doc_id, tmp):
    _, _, _, want, got = _both(doc_id, tmp)

    def values(doc: Document) -> Counter[tuple[float, str, str]]:
        return Counter((f.value, f.unit, f.text) for f in extract_figures(doc))

    w, g = values(want), values(got)
    assert sum(w.values()) > 100
    assert g == w, (w - g, g - w)
