"""Stage 1: turn the extracted text of a report into a normalised :class:`Document`.

The text layer of a signed PDF keeps the PDF's lines, not the report's paragraphs: every
line is followed by a blank line, each page's footnotes sit where the page ended (after a
line of spaces), the page's body then resumes mid-sentence, footnote markers are glued to
the word or number they follow ("triệu đồng1", "năm 202428" = "năm 2024" + note 28) and the
signature block and digital-signature stamps trail the text. Every later stage indexes
``Document.text``, so this stage fixes all of that once: paragraphs rejoined across lines
and pages, footnotes separated and linked to their markers, markers removed without touching
the numbers they were glued to, and an outline (``I.``, ``1.``, ``1.1.``, ``a)``) so every
figure knows its section.

Layout knowledge (separator width, outline styles, signature lines, marker rules) lives in
``data/vi/ingest.yaml``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex as re

from solieu.model import Block, Document, DocumentMeta, FootnoteRef, SourceBlock
from solieu.paths import DATA_DIR, load_data

_INVISIBLE = {
    0x00A0: " ",  # no-break space
    0x2007: " ",
    0x202F: " ",
    0x0009: " ",
    0x000B: " ",
    0x00AD: None,  # soft hyphen
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0xFEFF: None,
}


# A no-break space between digit groups ("5 120" typeset with U+00A0 / U+202F / U+2007) is a
# thousands separator: it is kept, as U+202F, so that the figure stage reads one number
# (every other no-break space becomes a plain space).
_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2007](?=\d{3}(?!\d))")
_STRAY_GROUP_SPACE = re.compile(r"(?<!\d)\u202f|\u202f(?!\d{3}(?!\d))")
_INVISIBLE_BUT_GROUPS = {k: v for k, v in _INVISIBLE.items() if k != 0x202F}


@cache
def _cfg() -> dict[str, Any]:
    """The layout rules, with their patterns compiled once."""
    raw = load_data(DATA_DIR / "vi" / "ingest.yaml")
    mk = raw["markers"]
    return {
        "sep_min": int(raw["footnote_separator_min_spaces"]),
        "note_line_ratio": float(raw["note_line_ratio"]),
        "fn_start": re.compile(raw["footnote_start"]),
        "page_number": re.compile(raw["page_number_line"]),
        "sentence_end": raw["sentence_end"],
        "closing": raw["closing"],
        "bullet": re.compile(raw["bullet"]),
        "short_ratio": float(raw["short_line_ratio"]),
        "paragraph_line_min": int(raw.get("paragraph_line_min_chars", 250)),
        "headings": [
            (h["style"], int(h["rank"]), re.compile(h["pattern"])) for h in raw["headings"]
        ],
        "heading_max": int(raw["heading_max_chars"]),
        "sig_start": [re.compile(p) for p in raw["signature_start"]],
        "sig_from": float(raw["signature_search_from"]),
        "timestamp": re.compile(raw["signature_timestamp"]),
        "signer": re.compile(raw["signer_name"]),
        "glued_after": re.compile(mk["glued_after"]),
        "unit_exp_before": re.compile(mk["unit_exponent_before"]),
        "unit_exps": {int(x) for x in mk["unit_exponents"]},
        "not_marker_words": [re.compile(p) for p in mk["not_marker_words"]],
        "number_prefix_ok": [re.compile(p) for p in mk["number_prefix_ok"]],
        "spaced": re.compile(mk["spaced"]),
        "spaced_not_after": re.compile(mk["spaced_not_after"]),
    }


# ---------------------------------------------------------------------------------------------
# Records used while parsing


@dataclass
class _Line:
    """One non-empty line of the body, cleaned; ``markers`` are (column, footnote number)."""

    text: str
    src: int
    markers: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Footnote:
    number: int
    src: int
    region: int
    parts: list[str] = field(default_factory=list)


@dataclass
class _Region:
    """A run of footnote lines at the end of a page (source line numbers)."""

    start: int
    end: int


@dataclass
class _Draft:
    """A block being assembled from lines."""

    lines: list[_Line]
    label: str | None = None
    rank: int | None = None
    heading: bool = False  # an unlabelled all-capitals title line


# ---------------------------------------------------------------------------------------------
# Small text helpers


def _clean(s: str) -> str:
    """Collapse runs of whitespace inside a line (columns of markers refer to this form);
    a digit-group space (U+202F, see ``_DIGIT_GROUP_SPACE``) is part of a number and stays."""
    return _WS_RUN.sub(" ", s).strip()


_WS_RUN = re.compile(r"[^\S\u202f]+")


def _join(a: str, b: str) -> str:
    """Join two wrapped lines: no space after a hyphen glued to a word or number ("2026-2031")."""
    if not a:
        return b
    if not b:
        return a
    return a + b if _hyphen_glued(a) else a + " " + b


def _hyphen_glued(a: str) -> bool:
    return len(a) >= 2 and a[-1] in "-–" and not a[-2].isspace()


def _strip_closing(s: str) -> str:
    return s.rstrip(_cfg()["closing"] + " ")


def _ends_sentence(s: str) -> bool:
    t = _strip_closing(s)
    return bool(t) and (t[-1] in _cfg()["sentence_end"] or s.endswith("./."))


def _starts_upper(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.isupper()
        if ch.isdigit():
            return True
        if ch in "\"“'‘(*[":
            continue
        return False
    return False


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


# ---------------------------------------------------------------------------------------------
# 1. Signature block and stamps


def _cut_signature(lines: list[str]) -> tuple[int, str | None, list[str]]:
    """Where the signature/distribution block starts, the signer's name and the stamp times.

    The block ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", the name, the VGCA timestamps)
    is not report text: figures must not be read from it, but who signed and when is metadata.
    """
    cfg = _cfg()
    times: list[str] = []
    for line in lines:
        for m in cfg["timestamp"].finditer(line):
            if m["ts"] not in times:
                times.append(m["ts"])
    cut = len(lines)
    first = int(len(lines) * cfg["sig_from"])
    for i in range(first, len(lines)):
        s = _clean(lines[i])
        if s and any(p.search(s) for p in cfg["sig_start"]):
            cut = i
            break
    signer = None
    for line in lines[cut:]:
        s = _clean(line)
        if not s or cfg["timestamp"].search(s) or any(p.search(s) for p in cfg["sig_start"]):
            continue
        if cfg["signer"].match(s) and not s.startswith("-"):
            signer = s
    return cut, signer, times


# ---------------------------------------------------------------------------------------------
# 2. Body lines, footnotes, page numbers


def _split(
    lines: list[str], stop: int
) -> tuple[list[_Line], list[_Footnote], list[_Region], list[str]]:
    """Separate body lines from footnote lines (state machine over the PDF lines)."""
    cfg = _cfg()
    body: list[_Line] = []
    notes: list[_Footnote] = []
    regions: list[_Region] = []
    warnings: list[str] = []
    in_notes = False
    await_text = False  # a footnote number stood alone; its text is on the next line
    first_in_region = False
    timestamp = cfg["timestamp"]
    # The seed texts indent the first line of each page, which ends a page's footnotes. Text
    # from other extractors may not: then a footnote line that is no longer than a body line
    # ended its note, and a following line that starts no new note is the body again
    # (footnotes are set smaller, so their full lines are longer than the body's).
    indented = sum(1 for ln in lines[:stop] if ln[:1].isspace() and ln.strip())
    separators = sum(1 for ln in lines[:stop] if len(ln) >= cfg["sep_min"] and ln.isspace())
    indent_mode = indented >= max(1, separators // 2)
    lengths = sorted(len(ln.strip()) for ln in lines[:stop] if ln.strip())
    full_note_line = cfg["note_line_ratio"] * (
        lengths[int(0.8 * (len(lengths) - 1))] if lengths else 80
    )
    for src in range(stop):
        raw = lines[src]
        stripped = raw.strip()
        if not stripped:
            if len(raw) >= cfg["sep_min"] and raw.isspace():
                in_notes, await_text, first_in_region = True, False, True
                regions.append(_Region(src, src))
            continue
        if timestamp.fullmatch(stripped):
            continue
        if in_notes and not indent_mode and not await_text and not first_in_region and notes:
            m = cfg["fn_start"].match(stripped)
            starts_note = m is not None and int(m["n"]) == notes[-1].number + 1
            last = notes[-1].parts[-1] if notes[-1].parts else ""
            if not starts_note and len(last) < full_note_line:
                in_notes = False
        if in_notes:
            if raw[0].isspace() and not await_text:
                in_notes = False  # a page resumes: its first line is indented
            else:
                handled = _footnote_line(
                    stripped, src, notes, regions, first_in_region, await_text, warnings
                )
                if handled is None:
                    in_notes = False
                else:
                    await_text = handled
                    first_in_region = False
                    regions[-1].end = src
                    continue
        if cfg["page_number"].match(stripped):
            continue
        body.append(_Line(_clean(stripped), src))
    return body, notes, regions, warnings


def _footnote_line(
    s: str,
    src: int,
    notes: list[_Footnote],
    regions: list[_Region],
    first_in_region: bool,
    await_text: bool,
    warnings: list[str],
) -> bool | None:
    """Consume one line of a footnote region; return whether a text line is awaited, or None
    when the line is not footnote material (the separator was not a footnote separator)."""
    cfg = _cfg()
    expected = notes[-1].number + 1 if notes else 1
    m = cfg["fn_start"].match(s)
    if m and not await_text:
        n = int(m["n"])
        rest = m["rest"] or m["glued"] or ""
        jump = first_in_region and expected < n <= expected + 3
        if (n == expected or jump) and _plausible_note_start(rest, notes, first_in_region):
            if jump:
                warnings.append(f"footnotes {expected}–{n - 1} not found before footnote {n}")
            notes.append(_Footnote(n, src, len(regions) - 1, [_clean(rest)] if rest else []))
            return not rest
    if await_text and notes:
        notes[-1].parts.append(_clean(s))
        return False
    if cfg["page_number"].match(s):
        return False
    if notes:
        notes[-1].parts.append(_clean(s))
        return False
    return None


def _plausible_note_start(rest: str, notes: list[_Footnote], first_in_region: bool) -> bool:
    """A line "12 hồ sơ ..." may continue the previous note rather than start note 12: a new
    note starts with a capital, or follows a note that ended its sentence."""
    if first_in_region or not notes or not rest or _starts_upper(rest):
        return True
    last = notes[-1].parts[-1] if notes[-1].parts else ""
    return _ends_sentence(last) or not last


# ---------------------------------------------------------------------------------------------
# 3. Footnote markers glued in the body


def _find_markers(
    body: list[_Line], notes: list[_Footnote], regions: list[_Region], warnings: list[str]
) -> None:
    """Remove each note's marker from the body and record where it stood.

    Markers appear in increasing order, on the page whose foot carries the note: note N's
    marker is searched after note N-1's marker and after the previous page's notes, and
    before the notes of its own page. Markers glued to a word win over markers glued to a
    number, which must leave a plausible number behind; a number after a space is the last
    resort. A real number is never shortened unless its note exists and nothing better fits.
    """
    pos = (0, 0)  # (body line index, column) after the previous marker
    srcs = [ln.src for ln in body]
    # markers the file itself placed (a DOCX's references, a PDF's raised numbers)
    placed = {n: i for i, ln in enumerate(body) for _, n in ln.markers}
    for note in notes:
        if note.number in placed:
            i = placed[note.number]
            pos = max(pos, (i, next(c for c, n in body[i].markers if n == note.number)))
            continue
        region = regions[note.region]
        prev_end = regions[note.region - 1].end if note.region > 0 else -1
        lo_line = next((i for i, s in enumerate(srcs) if s > prev_end), len(body))
        hi_line = max((i for i, s in enumerate(srcs) if s < region.start), default=-1)
        start = max(pos, (lo_line, 0))
        found = _search_marker(body, note.number, start, hi_line)
        if found is None and start != pos:
            found = _search_marker(body, note.number, pos, hi_line)
        if found is None:
            warnings.append(f"no marker found in the text for footnote {note.number}")
            continue
        i, col, length, how = found
        ln = body[i]
        ln.text = ln.text[:col] + ln.text[col + length :]
        ln.markers = [(c - length if c > col else c, n) for c, n in ln.markers]
        ln.markers.append((col, note.number))
        if how == "spaced":
            warnings.append(
                f"footnote {note.number}: marker taken from a number standing after a space "
                f"(“…{ln.text[max(0, col - 20) : col]}⟨{note.number}⟩…”)"
            )
        pos = (i, col)


def _search_marker(
    body: list[_Line], n: int, start: tuple[int, int], hi: int
) -> tuple[int, int, int, str] | None:
    """First marker of the best kind for note ``n`` in body[start..hi]: (line, col, len, kind)."""
    best: dict[str, tuple[int, int, int, str]] = {}
    digits = str(n)
    num_pat = re.compile(r"(?<![\d.,])(\d[\d.,]*?)" + digits + r"(?![\d])")
    glued_pat = re.compile(r"(?<=\S)" + digits + r"(?![\d\p{L}])")
    cfg = _cfg()
    for i in range(start[0], hi + 1):
        text = body[i].text
        col0 = start[1] if i == start[0] else 0
        if "glued" not in best:
            for m in glued_pat.finditer(text, col0):
                if _glued_ok(text, m.start(), n):
                    best["glued"] = (i, m.start(), len(digits), "glued")
                    break
        if "number" not in best:
            for m in num_pat.finditer(text, col0):
                prefix = m.group(1)
                after = text[m.end() : m.end() + 1]
                if after and not (after.isspace() or after in ".,;:)"):
                    continue
                if any(p.match(prefix) for p in cfg["number_prefix_ok"]):
                    best["number"] = (i, m.start() + len(prefix), len(digits), "number")
                    break
        if "spaced" not in best:
            for m in cfg["spaced"].finditer(text, col0):
                if m["n"] == digits and not cfg["spaced_not_after"].search(text[: m.start()]):
                    best["spaced"] = (i, m.start("n") - 1, len(digits) + 1, "spaced")
                    break
        if "glued" in best:
            break
    for kind in ("glued", "number", "spaced"):
        if kind in best:
            return best[kind]
    return None


def _glued_ok(text: str, col: int, n: int) -> bool:
    """Is the number at ``col`` glued to a word (not an exponent, road code or acronym+digit)?"""
    cfg = _cfg()
    if not cfg["glued_after"].match(text[col - 1]):
        return False
    before = text[:col]
    if n in cfg["unit_exps"] and cfg["unit_exp_before"].search(before):
        return False
    word = re.search(r"\p{L}+$", before)
    return not (word and any(p.search(word.group(0)) for p in cfg["not_marker_words"]))


# ---------------------------------------------------------------------------------------------
# 4. Paragraphs and outline


def _line_width(body: list[_Line]) -> float:
    """The usual length of a full line (lines are justified, so most are near it)."""
    lengths = sorted(len(ln.text) for ln in body)
    if not lengths:
        return 80.0
    return float(lengths[int(0.8 * (len(lengths) - 1))])


def _heading_match(text: str) -> tuple[str, int, str] | None:
    for _style, rank, pat in _cfg()["headings"]:
        m = pat.match(text)
        if m:
            return m["label"], rank, (m.groupdict().get("text") or "")
    return None


def _build_drafts(body: list[_Line]) -> list[_Draft]:
    """Group lines into blocks: a new block at a label, a bullet, or a paragraph end."""
    cfg = _cfg()
    width = _line_width(body)
    short = cfg["short_ratio"] * width
    # a text with one paragraph per line (a web page, a DOCX): no line is wrapped, each is a block
    per_line = max((len(ln.text) for ln in body), default=0) >= cfg["paragraph_line_min"]
    drafts: list[_Draft] = []
    prev: _Line | None = None
    for ln in body:
        t = ln.text
        cur = drafts[-1] if drafts else None
        prev_t = prev.text if prev else ""
        boundary = (
            prev is None
            or per_line
            or _ends_sentence(prev_t)
            or _strip_closing(prev_t)[-1:] in ":;"
            or len(prev_t) < short
            or (cur is not None and cur.label is not None and len(cur.lines) == 1)
            or (cur is not None and cur.heading)
        )
        h = _heading_match(t) if boundary and not _hyphen_glued(prev_t) else None
        glued = per_line and _hyphen_glued(prev_t)
        if (
            cur is not None
            and h is None
            and (glued or (not per_line and _continues(cur, prev_t, t, short, boundary)))
        ):
            cur.lines.append(ln)
        elif h is not None:
            drafts.append(_Draft([ln], label=h[0], rank=h[1]))
        else:
            heading = (prev is None or boundary) and _is_caps(t) and len(t) <= cfg["heading_max"]
            drafts.append(_Draft([ln], heading=heading))
        prev = ln
    return _merge_numbered_items(drafts, width)


def _continues(cur: _Draft, prev_t: str, t: str, short: float, boundary: bool) -> bool:
    """Does line ``t`` continue the block ``cur`` whose last line is ``prev_t``?"""
    cfg = _cfg()
    if _hyphen_glued(prev_t):
        return True
    if boundary and cfg["bullet"].match(t):
        return False
    if cur.heading or (cur.label is not None and _is_caps(_draft_text(cur))):
        # an all-capitals title wraps onto all-capitals lines
        return _is_caps(t) and not _ends_sentence(prev_t)
    if not _starts_upper(t):
        return True
    if _ends_sentence(prev_t):
        return False
    if len(prev_t) < short:
        return False
    single_item = cur.label is not None or cfg["bullet"].match(cur.lines[0].text)
    # a labelled or bulleted line that does not end a sentence is a (sub)heading; the text
    # under it starts with a capital
    return not (single_item and len(cur.lines) == 1 and ": " not in prev_t)


def _merge_numbered_items(drafts: list[_Draft], width: float) -> list[_Draft]:
    """Rejoin a numbered item cut after its first line when its siblings are paragraphs.

    "1. Tiếp tục tập trung chỉ đạo ... cụ thể hóa 04" / "Nghị quyết được ..." looks like a
    heading followed by a paragraph; when the items "2.", "3.", ... under the same parent are
    numbered paragraphs (a list of tasks), it is one too.
    """
    parents: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    for d in drafts:
        if d.rank is not None:
            stack = [(r, lab) for r, lab in stack if r < d.rank]
            parents.append(tuple(lab for _, lab in stack) + (str(d.rank),))
            stack.append((d.rank, d.label or ""))
        else:
            parents.append(())
    votes: dict[tuple[str, ...], list[int]] = {}
    for d, key in zip(drafts, parents, strict=True):
        if d.label is not None:
            votes.setdefault(key, [0, 0])[0 if _is_heading(d, _draft_text(d)) else 1] += 1
    out: list[_Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        out.append(d)
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        key = parents[i]
        if (
            d.label is not None
            and nxt is not None
            and nxt.label is None
            and not nxt.heading
            and key in votes
            and votes[key][1] > votes[key][0]
            and _is_heading(d, _draft_text(d))
            and len(d.lines[-1].text) >= 0.85 * width
            and not _cfg()["bullet"].match(nxt.lines[0].text)
        ):
            d.lines.extend(nxt.lines)
            i += 2
            continue
        i += 1
    return out


def _draft_text(d: _Draft) -> str:
    out = ""
    for ln in d.lines:
        out = _join(out, ln.text)
    return out


def _is_heading(d: _Draft, text: str) -> bool:
    """A labelled block is a heading when short and not prose (else a numbered paragraph)."""
    if d.heading:
        return True
    if d.label is None:
        return False
    body = text[len(d.label) :]
    if len(text) > _cfg()["heading_max"] or _ends_sentence(body):
        return False
    return not re.search(r"[.!?…]\s+\p{Lu}", body)


# ---------------------------------------------------------------------------------------------
# 5. Assembly


def ingest(raw: str, meta: DocumentMeta, structure: list[SourceBlock] | None = None) -> Document:
    """Normalise a report's text into body and footnote blocks with linked markers.

    With ``structure`` (what a PDF or DOCX reader knows: paragraphs, footnotes, references,
    list labels) the document is built from those blocks (:func:`ingest_structured`) and
    ``raw`` is not read; without it, from the layout of ``raw``.

    The signer and the digital-signature times found in the text go to ``meta.detected``
    (keys ``signer``, ``signature_times``), and anything doubtful (a footnote without a
    marker, a marker found only as a spaced number) to ``meta.warnings``.
    """
    if structure is not None:
        return ingest_structured(structure, meta)
    lines = _normalise(raw).split("\n")
    cut, signer, times = _cut_signature(lines)
    body, notes, regions, warnings = _split(lines, cut)
    _find_markers(body, notes, regions, warnings)
    drafts = _build_drafts(body)
    return _assemble(meta, drafts, notes, (signer, times), warnings)


def _normalise(raw: str) -> str:
    """NFC, digit-group spaces kept as U+202F, other invisible characters and no-break spaces
    made plain, line ends as ``\\n``: the text every later stage indexes."""
    text = _DIGIT_GROUP_SPACE.sub("\u202f", unicodedata.normalize("NFC", raw))
    text = _STRAY_GROUP_SPACE.sub(" ", text.translate(_INVISIBLE_BUT_GROUPS))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def _assemble(
    meta: DocumentMeta,
    drafts: list[_Draft],
    notes: list[_Footnote],
    signature: tuple[str | None, list[str]],
    warnings: list[str],
) -> Document:
    """The document from its body drafts and footnotes: text, blocks, sections, references."""
    blocks: list[Block] = []
    refs: list[FootnoteRef] = []
    pieces: list[str] = []
    offset = 0
    ranks = sorted(
        {d.rank for d in drafts if d.rank is not None}
        | ({1} if any(d.heading for d in drafts) else set())
    )
    level_of = {r: i + 1 for i, r in enumerate(ranks)}
    stack: list[tuple[int, str]] = []  # (rank, label) of the enclosing outline entries
    note_section: dict[int, str] = {}

    for d in drafts:
        block_text = ""
        marks: list[tuple[int, int]] = []
        for ln in d.lines:
            joined = _join(block_text, ln.text)
            line_start = len(joined) - len(ln.text)
            marks.extend((line_start + col, n) for col, n in ln.markers)
            block_text = joined
        stripped = block_text.strip()
        if not stripped:
            continue
        lead = len(block_text) - len(block_text.lstrip())
        block_text = stripped
        heading = _is_heading(d, block_text)
        if d.rank is not None:
            stack = [(r, lab) for r, lab in stack if r < d.rank]
            stack.append((d.rank, d.label.rstrip(".") if d.label else ""))
        section = " > ".join(lab for _, lab in stack)
        if pieces:
            offset += 2
        start = offset
        index = len(blocks)
        blocks.append(
            Block(
                index=index,
                kind="heading" if heading else "paragraph",
                start=start,
                end=start + len(block_text),
                section=section,
                label=d.label,
                level=(level_of.get(d.rank, 1) if d.rank is not None else 1) if heading else None,
            )
        )
        for col, n in marks:
            refs.append(FootnoteRef(number=n, offset=start + max(0, col - lead), block=index))
            note_section.setdefault(n, section)
        pieces.append(block_text)
        offset += len(block_text)

    for note in notes:
        note_text = ""
        for part in note.parts:
            note_text = _join(note_text, part)
        note_text = note_text.strip()
        if not note_text:
            warnings.append(f"footnote {note.number} has no text")
            continue
        if pieces:
            offset += 2
        start = offset
        blocks.append(
            Block(
                index=len(blocks),
                kind="footnote",
                start=start,
                end=start + len(note_text),
                section=note_section.get(note.number, ""),
                footnote=note.number,
            )
        )
        pieces.append(note_text)
        offset += len(note_text)

    # The pipeline keeps this same meta object for the data package, so it is updated in place
    # (idempotently: a second ingest of the same text adds nothing).
    meta.detected["signer"], meta.detected["signature_times"] = signature
    meta.warnings.extend(w for w in warnings if w not in meta.warnings)
    refs.sort(key=lambda r: (r.offset, r.number))
    return Document(meta=meta, text="\n\n".join(pieces), blocks=blocks, footnote_refs=refs)


# ---------------------------------------------------------------------------------------------
# 6. Documents whose reader kept the structure (PDF, DOCX)

# Rank of a list label the file gives in a style the outline patterns do not know ("Điều 1.",
# "(1)"): below every known style, ordered by the file's list level.
_SOURCE_RANK = 10


def ingest_structured(structure: list[SourceBlock], meta: DocumentMeta) -> Document:
    """A document from the blocks a PDF or DOCX reader found, with the same rules as the text.

    Paragraphs, footnotes and the references the file marks are taken as given; what the
    text path does after it has guessed them is done the same way, by the same functions:
    normalisation, the signature block, outline labels and levels, sections, and the search
    for a marker the file does not mark (a PDF whose footnote numbers are not raised), bounded
    by the pages as on the text path.
    """
    warnings: list[str] = []
    body = [(b, *_block_lines(b)) for b in structure if b.kind != "footnote"]
    body = [(b, lines, pages) for b, lines, pages in body if lines]
    flat = [_draft_text(_Draft(lines)) for _, lines, _ in body]
    cut, signer, times = _cut_signature(flat)
    kept = [
        (b, lines, pages, text)
        for (b, lines, pages), text in zip(body[:cut], flat[:cut], strict=True)
        if not _cfg()["timestamp"].fullmatch(text)
    ]
    notes = [(b, [ln.text for ln in _block_lines(b)[0]]) for b in structure if b.kind == "footnote"]
    lines = [ln for _, block_lines, _, _ in kept for ln in block_lines]
    pages = [pg for _, _, block_pages, _ in kept for pg in block_pages]
    footnotes, regions = _number_lines(lines, pages, notes)
    _find_markers(lines, footnotes, regions, warnings)
    drafts = [_source_draft(b, ls, text) for b, ls, _, text in kept]
    return _assemble(meta, drafts, footnotes, (signer, times), warnings)


def _block_lines(block: SourceBlock) -> tuple[list[_Line], list[float]]:
    """A source block's lines, normalised and cleaned as the text path's lines are, each with
    the references on it as (column, number), and the page of each (0 when unknown).

    The text between two references is normalised on its own, so a reference stays where its
    marker stood; one that stood after a space moves before it, next to its word.
    """
    text, marks, last = "", [], 0
    for ref in sorted(block.refs, key=lambda r: r.offset):
        at = min(max(ref.offset, last), len(block.text))
        while at < len(block.text) and unicodedata.combining(block.text[at]):
            at += 1  # a marker stands after a whole letter, tone marks and all
        text += _normalise(block.text[last:at])
        marks.append((len(text), ref.number))
        last = at
    text += _normalise(block.text[last:])
    raw_lines = text.split("\n")
    pages = block.pages if block.pages and len(block.pages) == len(raw_lines) else None
    out: list[_Line] = []
    out_pages: list[float] = []
    start = 0
    pending: list[tuple[int, int]] = []  # references on an empty line: to the next line
    for k, raw in enumerate(raw_lines):
        end = start + len(raw)
        clean = _clean(raw)
        cols = [(_clean_column(raw, at - start, clean), n) for at, n in marks if start <= at <= end]
        marks = [(at, n) for at, n in marks if at > end]
        start = end + 1
        if not clean:
            if out:
                out[-1].markers.extend((len(out[-1].text), n) for _, n in cols)
            else:
                pending.extend((0, n) for _, n in cols)
            continue
        out.append(_Line(clean, -1, [*pending, *cols]))
        out_pages.append(pages[k] if pages else 0)
        pending = []
    return out, out_pages


def _clean_column(raw: str, col: int, clean: str) -> int:
    """Where column ``col`` of a line lands once the line is cleaned (:func:`_clean`)."""
    at = min(len(_WS_RUN.sub(" ", raw[:col]).lstrip()), len(clean))
    return at - 1 if at and clean[at - 1] == " " else at


def _number_lines(
    lines: list[_Line], pages: list[float], notes: list[tuple[SourceBlock, list[str]]]
) -> tuple[list[_Footnote], list[_Region]]:
    """Number the body lines (``src``) and the footnote regions in reading order, as the text
    path sees them: each page's body lines, then the notes printed at its foot (the notes of a
    file without pages after all the body). :func:`_find_markers` looks for a note's marker
    only between the notes of the page before and its own."""
    note_pages = sorted({_page_of(b) for b, _ in notes})
    region_of: dict[float, int] = {}
    regions: list[_Region] = []
    src = 0

    def open_region(page: float) -> None:
        nonlocal src
        region_of[page] = len(regions)
        regions.append(_Region(src, src))
        src += 1

    waiting = iter(note_pages)
    upcoming = next(waiting, None)
    for ln, page in zip(lines, pages, strict=True):
        while upcoming is not None and upcoming < page:
            open_region(upcoming)
            upcoming = next(waiting, None)
        ln.src, src = src, src + 1
    while upcoming is not None:
        open_region(upcoming)
        upcoming = next(waiting, None)
    footnotes = []
    for b, parts in notes:
        region = region_of[_page_of(b)]
        footnotes.append(_Footnote(b.footnote or 0, regions[region].start, region, parts))
    return footnotes, regions


def _page_of(block: SourceBlock) -> float:
    """The page a note starts on; a note of a file without pages follows every page."""
    return block.pages[0] if block.pages else float("inf")


def _source_draft(block: SourceBlock, lines: list[_Line], text: str) -> _Draft:
    """A block as the text path's draft: its outline label and rank, or a title.

    The file's own list label ranks by its style ("I.", "1.", "a)"), as a typed one does (the
    outline patterns want a capitalised word after a label: one is put there to match it); a
    label typed in the text is found by the same patterns as on the text path.
    """
    cfg = _cfg()
    if block.label:
        styled = _heading_match(block.label + " X")
        rank = styled[1] if styled else _SOURCE_RANK + (block.level or 1)
        label: str | None = block.label
    else:
        typed = _heading_match(text)
        label, rank = (typed[0], typed[1]) if typed else (None, None)
    heading = block.kind == "heading" or (
        label is None and _is_caps(text) and len(text) <= cfg["heading_max"]
    )
    return _Draft(lines, label=label, rank=rank, heading=heading)
