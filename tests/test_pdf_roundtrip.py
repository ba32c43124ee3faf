"""A seed report printed to a paged PDF, or written as a Word file, reads back as the seed.

The seed texts are the text layers of signed PDFs: each page's body lines, then (after a line
of spaces) that page's footnotes, then the next page, whose first line is indented by a space.
Here each seed page is drawn as a PDF page the way Word prints a report: body in 13 pt, each
paragraph's first line indented and its other lines justified to the right edge, footnote
references as raised 8 pt numbers, footnotes in 10 pt under a short rule at the foot. Which
lines form a paragraph and where the markers stand is what the text path reads from the seed.

Read back, the PDF goes two ways, and both must give the seed's document (footnotes, their
links, the body blocks, the sections, the figures):

- the text path: :func:`read_report`'s seed layout, ingested by its heuristics;
- the structured path: the reader's blocks (:attr:`ReadResult.structure`: paragraphs from the
  page geometry, raised numbers as references) ingested as data.

The Word file holds the seed's document as Word would: one paragraph a block, each reference a
``w:footnoteReference`` run, the notes in the footnotes part, outline labels as Word's
automatic multi-level numbering; its structured reading must be the seed's document again.
"""

from __future__ import annotations

import difflib
import itertools
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
import pytest
import regex as re
import yaml

from solieu import ingest as ingest_stage
from solieu.figures import extract_figures
from solieu.ingest import ingest
from solieu.model import Document, DocumentMeta
from solieu.readers import ReadResult, read_report, read_report_full

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
N_NOTES = {PROVINCE: 70, CITY_06: 19}


@dataclass
class Printed:
    """One body line as it is printed: its text, the spans of raised footnote numbers in it,
    and its place in its paragraph (a first line is indented, a line other than the last is
    justified)."""

    text: str
    raised: list[tuple[int, int]] = field(default_factory=list)
    first: bool = True
    last: bool = True
    page_number: bool = False  # printed in the bottom margin


def seed_pages(text: str) -> list[tuple[list[Printed], list[str]]]:
    """The pages of a seed text as (body lines, footnote lines).

    A page starts at an indented line; a footnote number alone on its line (its text on the
    next, indented line) is put back in front of its text, as a PDF prints it. Paragraphs and
    markers of the body lines are the text path's reading of the seed (:func:`paragraphs`).
    """
    layout = paragraphs(text)
    pages: list[tuple[list[Printed], list[str]]] = []
    body: list[Printed] = []
    notes: list[str] = []
    in_notes, lone = False, None
    for src, raw in enumerate(text.split("\n")):
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
        if in_notes:
            notes.append(line)
        else:
            page_number = src not in layout and re.fullmatch(r"\d{1,3}", line) is not None
            body.append(layout.get(src, Printed(line, page_number=page_number)))
    pages.append((body, notes))
    return pages


def paragraphs(text: str) -> dict[int, Printed]:
    """How the text path reads the seed's body lines: for each source line in a paragraph, the
    line with its footnote markers (raised) and its place in the paragraph."""
    raw = text.split("\n")
    lines = ingest_stage._normalise(text).split("\n")
    assert len(lines) == len(raw)
    cut, _, _ = ingest_stage._cut_signature(lines)
    body, notes, regions, _ = ingest_stage._split(lines, cut)
    ingest_stage._find_markers(body, notes, regions, [])
    out: dict[int, Printed] = {}
    for draft in ingest_stage._build_drafts(body):
        for k, ln in enumerate(draft.lines):
            printed = _with_markers(ln, lines[ln.src], raw[ln.src])
            printed.first, printed.last = k == 0, k == len(draft.lines) - 1
            out[ln.src] = printed
    return out


def _with_markers(ln, normalised: str, raw: str) -> Printed:
    """The seed line, and where its markers stand: the markers ingest took out of the
    (normalised) line are put back, last taken first, each glued or after a space as in the
    seed (a line without markers is printed as it is in the seed)."""
    seed_line = " ".join(normalised.split())
    if not ln.markers:
        return Printed(" ".join(raw.split()))
    for spaced in itertools.product((False, True), repeat=len(ln.markers)):
        text, raised = ln.text, []
        for (col, n), space in zip(reversed(ln.markers), spaced, strict=True):
            token = (" " if space else "") + str(n)
            text = text[:col] + token + text[col:]
            raised = [(a + len(token), b + len(token)) if a >= col else (a, b) for a, b in raised]
            raised.append((col + len(token) - len(str(n)), col + len(token)))
        if text == seed_line:
            return Printed(text, sorted(raised))
    return Printed(" ".join(raw.split()))


def render(pages: list[tuple[list[Printed], list[str]]], path: Path, *, raised: bool) -> None:
    """One PDF page per seed page: body from the top, footnotes under a rule at the foot.

    With ``raised`` False the footnote numbers are printed as plain digits glued to the text,
    as a PDF that does not mark its references shows them.
    """
    c, _ = make_corpus._pdf_canvas(path)
    for body, notes in pages:
        width = max([300.0, *(c.stringWidth(p.text, "DejaVuSans", BODY_PT) for p in body)])
        notes_w = [c.stringWidth(t, "DejaVuSans", NOTE_PT) for t in notes]
        w = max([width, *notes_w]) + 120
        h = (18 * len(body) + (12 * len(notes) + 24 if notes else 0)) / 0.7 + 100
        c.setPageSize((w, h))
        y = h * 0.86
        for line in body:
            if line.page_number:
                c.setFont("DejaVuSans", 9)
                c.drawCentredString(w / 2, h * 0.03, line.text)
                continue
            _draw_line(c, line, 60, y, width, raised=raised)
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


INDENT = 24  # a paragraph's first line, in points
MAX_STRETCH = 12  # at most this much space added between two words to justify a line


def _draw_line(c, line: Printed, x: float, y: float, width: float, *, raised: bool) -> None:
    """Draw one body line word by word: indented when it starts a paragraph, justified to
    ``width`` when it does not end one, its markers raised and small."""
    runs = []  # (text, raised?)
    last = 0
    for a, b in line.raised if raised else []:
        runs += [(line.text[last:a], False), (line.text[a:b], True)]
        last = b
    runs.append((line.text[last:], False))
    x += INDENT if line.first else 0
    natural = sum(_width(c, t, up) for t, up in runs)
    gaps = sum(t.count(" ") for t, up in runs if not up)
    stretch = (width - (x - 60) - natural) / gaps if gaps and not line.last else 0.0
    stretch = stretch if 0 < stretch <= MAX_STRETCH else 0.0
    for text, up in runs:
        for token in re.split("( )", text):
            if not token:
                continue
            c.setFont("DejaVuSans", 8 if up else BODY_PT)
            if token != " ":
                c.drawString(x, y + (4 if up else 0), token)
            x += _width(c, token, up) + (stretch if token == " " and not up else 0.0)


def _width(c, text: str, up: bool) -> float:
    return c.stringWidth(text, "DejaVuSans", 8 if up else BODY_PT)


def _meta(doc_id: str) -> DocumentMeta:
    e = ENTRIES[doc_id]
    period = e.get("period")
    return DocumentMeta(document_id=doc_id, file=e["file"], period=str(period) if period else None)


@cache
def _read(doc_id: str, tmp: Path, raised: bool = True) -> tuple[str, int, ReadResult]:
    seed = (ROOT / "sources" / ENTRIES[doc_id]["file"]).read_text(encoding="utf-8")
    pages = seed_pages(seed)
    pdf = tmp / f"{doc_id}{'' if raised else '-flat'}.pdf"
    render(pages, pdf, raised=raised)
    result = read_report_full(pdf)
    assert result.format == "pdf" and result.pages == len(pages)
    return seed, len(pages), result


@cache
def _both(doc_id: str, tmp: Path) -> tuple[str, str, int, Document, Document]:
    seed, n_pages, result = _read(doc_id, tmp)
    return (
        seed,
        result.text,
        n_pages,
        ingest(seed, _meta(doc_id)),
        ingest(result.text, _meta(doc_id)),
    )


@cache
def _structured(doc_id: str, tmp: Path, raised: bool = True) -> tuple[Document, Document]:
    """The seed's document by the text path, and the PDF's by the structured path."""
    seed, _, result = _read(doc_id, tmp, raised)
    assert result.structure is not None
    return ingest(seed, _meta(doc_id)), ingest(result.text, _meta(doc_id), result.structure)


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


def _outline(doc: Document) -> list[tuple[str, str | None, int | None, str]]:
    return [(b.kind, b.label, b.level, b.section) for b in doc.blocks]


def _refs(doc: Document) -> list[tuple[int, int, int]]:
    return [(r.number, r.offset, r.block) for r in doc.footnote_refs]


@pytest.mark.parametrize("raised", [True, False], ids=["raised-markers", "flat-markers"])
@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_structured_pdf_is_the_seed_document(doc_id, raised, tmp):
    """Paragraphs from the page geometry and the references the PDF raises give the seed's
    document: the same footnotes, every one linked at the same place, the same body blocks,
    outline and sections. Unraised markers are found by ingest's search, bounded by pages."""
    want, got = _structured(doc_id, tmp, raised)
    assert len(_notes(want)) == N_NOTES[doc_id]
    assert _notes(got) == _notes(want)
    assert {r.number for r in got.footnote_refs} == {n for n, _ in _notes(got)}
    assert _refs(got) == _refs(want)
    assert _body(got) == _body(want)
    assert _outline(got) == _outline(want)
    assert got.text == want.text


def test_structured_pdf_references_come_from_the_file(tmp):
    """With raised markers every reference is the PDF's own (none searched in the text)."""
    _, _, result = _read(CITY_06, tmp)
    body = [b for b in result.structure or [] if b.kind != "footnote"]
    notes = [b for b in result.structure or [] if b.kind == "footnote"]
    assert sum(len(b.refs) for b in body) == len(notes) == N_NOTES[CITY_06]
    for b in body:
        for r in b.refs:  # the marker is out of the text, and stood right after a word
            assert b.text[r.offset - 1 : r.offset].strip() and not b.text[r.offset :][:1].isdigit()
    # a paragraph's lines are kept as lines, each with its page
    assert all(b.pages and len(b.pages) == b.text.count("\n") + 1 for b in result.structure)
    _, _, flat = _read(CITY_06, tmp, raised=False)
    assert not any(b.refs for b in flat.structure or [])


@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_structured_pdf_gives_the_same_figures(doc_id, tmp):
    want, got = _structured(doc_id, tmp)
    w, g = extract_figures(want), extract_figures(got)
    assert len(w) > 100
    assert [(f.value, f.unit, f.text, f.start, f.section, f.footnote) for f in g] == [
        (f.value, f.unit, f.text, f.start, f.section, f.footnote) for f in w
    ]
    assert all(got.text[f.start : f.end] == f.text for f in g)


# ---------------------------------------------------------------------------------------------
# The same reports as Word files

# Word's multi-level list for the outline: list level, number format, label text
LEVELS = [
    (0, "upperRoman", "Phần %1"),
    (1, "upperRoman", "%2."),
    (2, "decimal", "%3."),
    (3, "decimal", "%3.%4."),
    (4, "lowerLetter", "%5)"),
]
STYLE_LEVEL = {"part": 0, "roman": 1, "decimal1": 2, "decimal2": 3, "letter": 4}
NUM_ID = "90"


def _label_style(label: str) -> str | None:
    styles = yaml.safe_load((ROOT / "src/solieu/data/vi/ingest.yaml").read_text("utf-8"))
    for h in styles["headings"]:
        m = re.match(h["pattern"], label + " X")
        if m and m["label"] == label:
            return h["style"]
    return None


def _word_label(counters: dict[int, int], ilvl: int) -> str:
    """The label Word prints for the next item at list level ``ilvl`` (deeper levels restart)."""
    counters[ilvl] = counters.get(ilvl, 0) + 1
    for deeper in [k for k in counters if k > ilvl]:
        del counters[deeper]
    text = LEVELS[ilvl][2]
    for k, fmt, _ in LEVELS:
        n = counters.get(k, 1)
        shown = {"upperRoman": _roman(n), "lowerLetter": chr(96 + n)}.get(fmt, str(n))
        text = text.replace(f"%{k + 1}", shown)
    return text


def _roman(n: int) -> str:
    out = ""
    for value, letters in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        count, n = divmod(n, value)
        out += letters * count
    return out


def write_docx(doc_id: str, path: Path) -> tuple[Document, int]:
    """The text path's document of a seed, written as a Word file; how many of its labels are
    Word's automatic numbering (a label Word would print otherwise, "đ)", stays typed)."""
    seed = (ROOT / "sources" / ENTRIES[doc_id]["file"]).read_text(encoding="utf-8")
    want = ingest(seed, _meta(doc_id))
    d = docx.Document()
    make_corpus.add_list_numbering(d, LEVELS, NUM_ID)
    counters: dict[int, int] = {}
    n_auto = 0
    for b in want.blocks:
        if b.kind == "footnote":
            continue
        text = want.text[b.start : b.end]
        refs = [(r.offset - b.start, r.number) for r in want.footnote_refs if r.block == b.index]
        p = d.add_paragraph()
        style = _label_style(b.label) if b.label else None
        if style in STYLE_LEVEL and text[len(b.label) : len(b.label) + 1] in (" ", ""):
            trial = dict(counters)
            if _word_label(trial, STYLE_LEVEL[style]) == b.label:
                counters = trial
                make_corpus.number_paragraph(p, STYLE_LEVEL[style], NUM_ID)
                n_auto += 1
                cut = min(len(b.label) + 1, len(text))
                text, refs = text[cut:], [(at - cut, n) for at, n in refs]
        last = 0
        for at, n in refs:
            p.add_run(text[last:at])
            make_corpus.add_footnote_reference(p, n)
            last = at
        p.add_run(text[last:])
    lines = ingest_stage._normalise(seed).split("\n")
    cut, _, _ = ingest_stage._cut_signature(lines)
    for line in lines[cut:]:  # the signature block, which ingest cuts
        if line.strip() and not (len(line) >= SEP_MIN and line.isspace()):
            d.add_paragraph(" ".join(line.split()))
    notes = {b.footnote: [want.text[b.start : b.end]] for b in want.blocks if b.kind == "footnote"}
    make_corpus.add_footnotes(d, notes)
    d.save(str(path))
    return want, n_auto


@pytest.mark.parametrize("doc_id", [PROVINCE, CITY_06])
def test_docx_is_the_seed_document(doc_id, tmp):
    """Footnote references land where their runs stand, the notes are numbered as Word numbers
    them, automatic list labels become the outline and sections; the signature is cut."""
    path = tmp / f"{doc_id}.docx"
    want, n_auto = write_docx(doc_id, path)
    assert n_auto >= 0.8 * sum(1 for b in want.blocks if b.label)
    result = read_report_full(path)
    got = ingest(result.text, _meta(doc_id), result.structure)
    assert _notes(got) == _notes(want) and len(_notes(got)) == N_NOTES[doc_id]
    assert _refs(got) == _refs(want)
    assert _body(got) == _body(want)
    assert _outline(got) == _outline(want)
    assert got.text == want.text
    assert got.meta.detected["signer"] == want.meta.detected["signer"]
    figures = extract_figures(got)
    assert len(figures) > 100 and all(got.text[f.start : f.end] == f.text for f in figures)
    assert [(f.value, f.unit, f.start) for f in figures] == [
        (f.value, f.unit, f.start) for f in extract_figures(want)
    ]
    # the same file read as text (the layout `solieu add` stores) finds every note too
    text_doc = ingest(read_report(path), _meta(doc_id))
    assert len(_notes(text_doc)) == N_NOTES[doc_id]
