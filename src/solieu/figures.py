"""Stage 2: every quantitative number in a report, parsed and placed.

``extract_figures`` walks the body and footnote blocks of a :class:`Document`, finds
numerals, drops the ones that are dates, document numbers, names, labels or years, reads
the scale word and unit after each, and the words around it that say what it is (a change,
a ratio to a reference, a share of a plan, percentage points), its comparison basis,
qualifier, and whether it is an estimate, a cumulative total or a value as of a date.
A figure in a part on the next period's tasks, or governed by an intent ("Phấn đấu ...",
"mục tiêu ... là"), is flagged ``target``: a plan, not a result. Count units are the head
noun ("lượt" for "lượt người"); the phrase as written stays in ``unit_text``.

The grammar is deliberately conservative: a number whose reading is doubtful is dropped
or flagged rather than guessed, because a wrong public number does more harm than a
missing one. All words come from ``data/vi/numbers.yaml`` through :mod:`solieu.numbers`.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import hashlib
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from .literals import Prefilter, required
from .model import Block, Document, Figure
from .numbers import (
    NUMERAL,
    PLAIN_SPACE_GROUPS,
    NumberTooLarge,
    UnitMatch,
    Vocab,
    load_vocab,
    match_phrase_at,
    match_phrase_before,
    match_unit,
    parse_vi_number,
    words_pattern,
)
from .periods import parse_period, year_to_date, year_to_date_of

_DASH = regex.compile(r"[ \t]*[-–—][ \t]*")
_TO = regex.compile(r"\s+(?:đến|tới)\s+", regex.IGNORECASE)
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_DATE = regex.compile(r"(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})")
_MONTH = regex.compile(r"tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d{2})", regex.IGNORECASE)
_SENT_END = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}\d(“\"‘'*\-–+])")
# The report's year (from ``doc.meta.period``) while one document is being read: it dates
# "đến hết tháng 10" and decides whether "so với năm 2024" is the previous year.
_DOC_YEAR: ContextVar[int | None] = ContextVar("solieu_doc_year", default=None)
# The report's period ("2025-09", "2025-Q3"): it decides whether "so với tháng 8/2025" is
# the previous month and "so với quý II/2025" the previous quarter.
_DOC_PERIOD: ContextVar[str | None] = ContextVar("solieu_doc_period", default=None)
# How far back the words that qualify a figure (its clause, an intent, an as-of date) are
# looked for: longer than any real sentence, and a bound on the work per figure.
CONTEXT_LOOKBACK = 1200
# How far before a figure, inside its clause, the words that give its span ("9 tháng đầu
# năm", "quý III") are looked for: a phrase fronted before the sentence's first figure is
# read once per sentence instead.
SPAN_LOOKBACK = 400
_SLASH = regex.compile(r"/")
_SPACED_SLASH = regex.compile(r"[ \t]*/[ \t]*")
_WS = regex.compile(r"\s*")
_PHRASE_END = regex.compile(r"[ \t]*(?:[;.,)/=:]|chiếm|$)")
_COLON_END = regex.compile(r":[ \t]*$")
_DIGIT_PCT = regex.compile(r"[\d%]")
_TRAIL_COLON = regex.compile(r"[\s:]+$")
_SEMI_COMMA = regex.compile(r"[;,]")
_CAPITAL_WORD_END = regex.compile(r"\p{Lu}[\p{L}\p{M}]*[ \t]+$")
_NEXT_WORD = regex.compile(r"\s*(\p{L}[\p{L}\p{M}]*)")
_THIRD_PART = regex.compile(r"[/\-–]\d")
_MINUS_END = regex.compile(r"(?:^|[\s(:=])[-−]$")
_PLUS_END = regex.compile(r"(?:^|[\s(:=])\+$")
_PP_WORDS = regex.compile(r"\s+điểm\s+phần\s+trăm", regex.IGNORECASE)
_CLAUSE_PUNCT = regex.compile(r"[;:.]")
_STOP = regex.compile(r"[.!?](?:\s|$)")
_ANY_DIGIT = regex.compile(r"\d")
_LABEL_START = regex.compile(r"\s*(?:\(?\d+(?:\.\d+)*[.)]|\d+\.\d+(?:\.\d+)*)(?=\s|$)")


@dataclass
class _Draft:
    """A figure before its id is known."""

    value: float
    unit: str
    start: int
    end: int
    value_max: float | None = None
    unit_text: str = ""
    scale: float = 1.0
    kind: str = "level"
    direction: str | None = None
    basis: str | None = None
    qualifier: str | None = None
    group: int | None = None
    role: str | None = None
    flags: list[str] = field(default_factory=list)


def extract_figures(doc: Document) -> list[Figure]:
    """Figures of one document, in text order; spans index ``doc.text``."""
    token = _DOC_YEAR.set(_year_of(doc))
    ptoken = _DOC_PERIOD.set(
        str(doc.meta.period or (doc.meta.detected or {}).get("period") or "") or None
    )
    try:
        return _extract(doc)
    finally:
        _DOC_YEAR.reset(token)
        _DOC_PERIOD.reset(ptoken)


def _year_of(doc: Document) -> int | None:
    """The report's year: catalogue period first, then the period detected from its text."""
    for period in (doc.meta.period, (doc.meta.detected or {}).get("period")):
        m = regex.match(r"((?:19|20)\d{2})", str(period or ""))
        if m:
            return int(m.group(1))
    return None


def _extract(doc: Document) -> list[Figure]:
    v = load_vocab()
    text = doc.text
    blocks = doc.blocks or [Block(0, "paragraph", 0, len(text))]
    out: list[Figure] = []
    seen: Counter[tuple[str, str]] = Counter()
    in_tasks = _task_blocks(doc, blocks, v)
    n_cut = 0
    too_large: list[int] = []
    cut_off = _cut_off_end(text, blocks)
    for block in blocks:
        if block.kind == "heading":
            continue
        excluded = _excluded_spans(text, block.start, block.end, v)
        for s_start, s_end, cut in _sentences(text, block.start, block.end, v):
            sentence = text[s_start:s_end]
            drafts = _sentence_figures(text, s_start, s_end, excluded, v, too_large)
            if cut_off is not None:
                drafts = [d for d in drafts if not _unit_cut_off(d, cut_off)]
            n_cut += cut
            ids: dict[int, str] = {}
            clauses = _ClauseIndex(text, s_start, s_end, [d.end for d in drafts], v)
            first_start = min((d.start for d in drafts), default=s_end)
            spans = _sentence_spans(text, s_start, first_start, drafts, clauses, v)
            for d, span in zip(drafts, spans, strict=True):
                raw = text[d.start : d.end]
                occ = seen[(sentence, raw)]
                seen[(sentence, raw)] += 1
                digest = hashlib.sha1(f"{sentence}|{raw}|{occ}".encode()).hexdigest()[:10]
                fid = f"{doc.meta.document_id}.{digest}"
                group = None
                if d.group is not None:
                    group = ids.setdefault(d.group, fid)
                ctx = _context(text, s_start, d.start, v, clauses, first_start)
                if ctx["as_of"] is None:
                    ctx["as_of"] = _as_of_after(text, d.end, sentence, v)
                flags = list(d.flags)
                if cut:
                    flags.append("sentence_cut")
                if block.index in in_tasks or _target_intent(text, s_start, d.start, v):
                    flags.append("target")
                if _previous_value(text, s_start, d.start, v) or _previous_value_after(
                    text, d.end, v
                ):
                    flags.append("previous_period_value")
                if "target" not in flags and _plan_in_brackets(text, s_start, d.start, v):
                    flags.append("target")
                out.append(
                    Figure(
                        figure_id=fid,
                        document_id=doc.meta.document_id,
                        value=d.value,
                        unit=_head_noun(d.unit, v),
                        text=raw,
                        start=d.start,
                        end=d.end,
                        value_max=d.value_max,
                        unit_text=d.unit_text,
                        scale=d.scale,
                        kind=d.kind,
                        direction=d.direction,
                        basis=d.basis,
                        qualifier=d.qualifier,
                        estimate=ctx["estimate"],
                        cumulative=ctx["cumulative"],
                        as_of=ctx["as_of"],
                        span=span,
                        sentence=sentence,
                        sentence_start=s_start,
                        section=block.section,
                        in_footnote=block.kind == "footnote",
                        footnote=block.footnote if block.kind == "footnote" else None,
                        group=group,
                        role=d.role,
                        flags=flags,
                    )
                )
    if too_large:
        doc.meta.warnings.append(
            f"{len(too_large)} number(s) longer than {_max_digits_bound(v)} digits (first at "
            f"character {too_large[0]}) were not read as figures: no quantity is that large"
        )
    if n_cut:
        max_chars, max_nums = _bounds(v)
        doc.meta.warnings.append(
            f"{n_cut} piece(s) of sentences longer than {max_chars} characters or "
            f"{max_nums} numbers were read separately; their figures are flagged sentence_cut"
        )
    return out


# --------------------------------------------------------------------------- truncation

_TERMINAL = regex.compile(r"[.!?…;:)\]”\"»]\s*$")
# A text that stops mid-sentence (a copy cut off, a page missing) may have cut the unit of
# its last numbers ("đạt 12,5 t", "khai thác 790 nghì"): within this many characters of such
# an end, a number whose unit is missing or only guessed is not taken.
CUT_OFF_REACH = 20


def _cut_off_end(text: str, blocks: list[Block]) -> int | None:
    """End offset of the last body block when it stops without closing punctuation."""
    body = [b for b in blocks if b.kind == "paragraph"]
    if not body:
        return None
    last = max(body, key=lambda b: b.end)
    if _TERMINAL.search(text, last.start, last.end):
        return None
    return last.end


def _unit_cut_off(d: _Draft, cut_off: int) -> bool:
    return (not d.unit or "noun_guess" in d.flags) and cut_off - d.end <= CUT_OFF_REACH


# --------------------------------------------------------------------------- heads


def _head_noun(unit: str, v: Vocab) -> str:
    """A count noun with a listed modifier ("lượt người", "con gia súc") is its head noun.

    Compound units ("lượt xe/ngày", "passenger.km") are other measures and stay as they are.
    """
    if not unit or "/" in unit or "." in unit or " " not in unit:
        return unit
    for head, modifiers in (v.raw.get("count_noun_heads") or {}).items():
        if unit.startswith(head + " ") and unit[len(head) + 1 :] in modifiers:
            return head
    return unit


# --------------------------------------------------------------------------- targets


@dataclass
class _TargetGrammar:
    label: regex.Pattern[str]
    start: regex.Pattern[str]
    cue: regex.Pattern[str]
    markers: list[regex.Pattern[str]]
    not_after: regex.Pattern[str]
    breakers: list[regex.Pattern[str]]


_TARGET: list[_TargetGrammar] = []


def _target_grammar(v: Vocab) -> _TargetGrammar:
    if not _TARGET:
        sec = v.raw["target_sections"]
        ic = regex.IGNORECASE | regex.VERSION1

        def comp(p: str) -> regex.Pattern[str]:
            return regex.compile(p, ic)

        _TARGET.append(
            _TargetGrammar(
                label=comp(sec["label"]),
                start=comp(sec["start"]),
                cue=comp(sec["cue"]),
                markers=[comp(p) for p in v.raw.get("target_markers") or []],
                not_after=comp(v.raw["target_marker_not_after"]),
                breakers=[comp(p) for p in v.raw.get("target_breakers") or []],
            )
        )
    return _TARGET[0]


def is_task_heading(title: str, v: Vocab | None = None) -> bool:
    """Whether a heading opens a part on the next period's tasks, plans or targets.

    "III. NHIỆM VỤ TRỌNG TÂM THÁNG 12/2025" and "Phần II: PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI
    NĂM" do; "I. CÔNG TÁC CHỈ ĐẠO" and "II. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU, NHIỆM VỤ ..."
    (results measured against the tasks) do not.
    """
    g = _target_grammar(v or load_vocab())
    t = " ".join(title.split())
    t = g.label.sub("", t, count=1)
    m = g.start.search(t)
    return m is not None and g.cue.search(t, m.end()) is not None


def _task_blocks(doc: Document, blocks: list[Block], v: Vocab) -> set[int]:
    """Indices of the blocks that stand under a task heading (at any enclosing level).

    Headings are walked in text order (section paths repeat: a report may have two "II."),
    keeping one open heading per level. A footnote is in a task part when a body block of
    that part calls it.
    """
    open_heads: dict[int, bool] = {}
    out: set[int] = set()
    for b in sorted(blocks, key=lambda b: b.start):
        if b.kind == "heading":
            lvl = b.level or 1
            open_heads = {k: t for k, t in open_heads.items() if k < lvl}
            open_heads[lvl] = is_task_heading(doc.text[b.start : b.end], v)
        elif b.kind != "footnote" and any(open_heads.values()):
            out.add(b.index)
    called = {r.number for r in doc.footnote_refs if r.block in out}
    for b in blocks:
        if b.kind == "footnote" and b.footnote in called:
            out.add(b.index)
    return out


def _target_intent(text: str, s_start: int, fig_start: int, v: Vocab) -> bool:
    """Whether an intent ("Phấn đấu", "mục tiêu ... là", "chỉ tiêu giao ... là") governs
    the figure: a marker earlier in the sentence that is not the basis of an actual ("đạt 95%
    kế hoạch đề ra") and no results phrase ("đến nay", "đã đạt") between it and the figure.
    """
    g = _target_grammar(v)
    before = text[max(s_start, fig_start - CONTEXT_LOOKBACK) : fig_start]
    last = None
    for pat in g.markers:
        for m in pat.finditer(before):
            if g.not_after.search(before, 0, m.start()):
                continue
            if last is None or m.end() > last:
                last = m.end()
    if last is None:
        return False
    return not any(b.search(before, last) for b in g.breakers)


# --------------------------------------------------------------------------- sentences


def _sentences(text: str, start: int, end: int, v: Vocab) -> list[tuple[int, int, bool]]:
    """Split a block into sentences at ". " + capital/digit, ignoring abbreviations.

    Each span is ``(start, end, cut)``: a sentence longer than the bounds of
    ``vi/numbers.yaml`` (``bounds``: characters, numerals) is cut into pieces at its last
    ";" / "," / space before the bound, ``cut`` True, so that no sentence costs more than a
    bounded amount of work (a text with no full stops is not one sentence of megabytes).
    """
    abbrevs = tuple(v.phrases("abbreviations"))
    cuts = [start]
    for m in _SENT_END.finditer(text, start, end):
        before = text[max(start, m.start() - 8) : m.start()]
        if before.endswith(abbrevs):
            continue
        cuts.append(m.end())
    cuts.append(end)
    spans: list[tuple[int, int, bool]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.extend(_bounded(text, a, b, v))
    return spans


def _bounds(v: Vocab) -> tuple[int, int]:
    raw = v.raw.get("bounds") or {}
    return int(raw.get("max_sentence_chars", 3000)), int(raw.get("max_sentence_numerals", 200))


def _max_digits_bound(v: Vocab) -> int:
    return int((v.raw.get("bounds") or {}).get("max_numeral_digits", 18))


_CUT_AT = (regex.compile(r";"), regex.compile(r",(?!\d)"), regex.compile(r"\s"))


def _bounded(text: str, a: int, b: int, v: Vocab) -> list[tuple[int, int, bool]]:
    """``[a, b)`` as one sentence, or as pieces within the bounds (flagged ``cut``)."""
    max_chars, max_nums = _bounds(v)
    if b - a <= max_chars and (
        b - a <= max_nums or _numeral_count(text, a, b, max_nums) <= max_nums
    ):
        return [(a, b, False)]
    out: list[tuple[int, int, bool]] = []
    while a < b:
        limit = min(b, a + max_chars)
        if limit < b or _numeral_count(text, a, limit, max_nums) > max_nums:
            nth = _nth_numeral_start(text, a, limit, max_nums)
            if nth is not None:
                limit = nth
        cut = b if limit >= b else _cut_point(text, a, limit)
        out.append((a, cut, True))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    return out


def _numeral_count(text: str, a: int, b: int, stop: int) -> int:
    n = 0
    for _ in NUMERAL.finditer(text, a, b):
        n += 1
        if n > stop:
            break
    return n


def _nth_numeral_start(text: str, a: int, b: int, nth: int) -> int | None:
    """Start of the numeral after the first ``nth`` ones in ``[a, b)``, if there is one."""
    for i, m in enumerate(NUMERAL.finditer(text, a, b)):
        if i == nth:
            return m.start()
    return None


def _cut_point(text: str, a: int, limit: int) -> int:
    """After the last ";" (else "," not in a numeral, else space) in the second half of
    ``[a, limit)``; at ``limit`` when there is none."""
    lo = a + max(1, (limit - a) // 2)
    for pat in _CUT_AT:
        last = None
        for m in pat.finditer(text, lo, limit):
            last = m
        if last is not None:
            return last.end()
    return limit


# --------------------------------------------------------------------------- exclusions


class _SpanIndex:
    """Spans that are not figures, queried by bisection: a block of any length costs
    O(log n) per numeral (a list scanned per numeral made one long paragraph quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end: list[int] = list(accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        """Whether a span [a, b) with a < e and s < b exists."""
        i = bisect.bisect_left(self.starts, e)
        return i > 0 and self.max_end[i - 1] > s


def _excluded_spans(text: str, start: int, end: int, v: Vocab) -> _SpanIndex:
    spans: list[tuple[int, int]] = []
    for pat in _not_figure_patterns(v).candidates(text[start:end]):
        for m in pat.finditer(text, start, end, overlapped=False):
            spans.append((m.start(), m.end()))
    return _SpanIndex(spans)


_PATTERN_CACHE: list[Prefilter[regex.Pattern[str]]] = []


def _not_figure_patterns(v: Vocab) -> Prefilter[regex.Pattern[str]]:
    """The ``not_figure_patterns``, each tried only on a block that holds its literal words."""
    if not _PATTERN_CACHE:
        pats = [regex.compile(p) for p in v.raw["not_figure_patterns"].values()]
        _PATTERN_CACHE.append(Prefilter((p, required(p.pattern)) for p in pats))
    return _PATTERN_CACHE[0]


def _in_spans(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for a, b in spans)


def _is_label(text: str, s: int, e: int, s_start: int) -> bool:
    """List labels and outline numbers: "(1)", "1)", "2." at a sentence start, "1.2."."""
    before = text[max(s_start, s - 2) : s]
    after = text[e : e + 1]
    if before.endswith("(") and after == ")":
        return True
    if text[s_start:s].strip() in ("", "(", "-", "+", "*") and after in (")", "."):
        nxt = text[e + 1 : e + 2]
        return nxt == "" or nxt.isspace() or after == ")"
    return False


def _name_before(text: str, s: int, s_start: int, v: Vocab, e: int | None = None) -> bool:
    """A number right after a word that makes it a name, label, date part or ordinal.

    The overrides (a count after "số lượng", a total after "lũy kế 9 tháng" or "từ đầu năm")
    never apply to a bare year: "từ đầu năm 2025" names the year.
    """
    hit = match_phrase_before(text, s, v.phrases("not_figure_before"))
    if not hit:
        return False
    if e is not None and _YEAR.fullmatch(text, s, e):
        return hit[1] >= s_start
    if match_phrase_before(text, s, v.phrases("figure_before_override")):
        return False
    if any(p.search(text, max(s_start, s - 160), s) for p in _override_patterns(v)):
        return False
    return hit[1] >= s_start


_OVERRIDE_CACHE: list[regex.Pattern[str]] = []


def _override_patterns(v: Vocab) -> list[regex.Pattern[str]]:
    if not _OVERRIDE_CACHE:
        raw = v.raw.get("figure_before_override_patterns") or []
        _OVERRIDE_CACHE.extend(regex.compile(p) for p in raw)
    return _OVERRIDE_CACHE


# --------------------------------------------------------------------------- per sentence


def _sentence_figures(
    text: str,
    s_start: int,
    s_end: int,
    excluded: _SpanIndex,
    v: Vocab,
    too_large: list[int] | None = None,
) -> list[_Draft]:
    """Figures of one sentence; numerals too long to be quantities go to ``too_large``."""
    if too_large is None:
        too_large = []
    drafts: list[_Draft] = []
    pos = s_start
    group = 0
    state = _State(s_start=s_start, s_end=s_end, prev_end=s_start)
    while True:
        m = NUMERAL.search(text, pos, s_end)
        if not m:
            break
        s, e = m.span()
        pos = e
        if excluded.overlaps(s, e) or _is_label(text, s, e, s_start):
            continue
        try:
            num = parse_vi_number(m.group(0))
        except NumberTooLarge:
            too_large.append(s)
            continue
        except ValueError:
            continue
        rank = match_phrase_before(text, s, v.phrases("rank_before"))
        if rank and not _numeral_after(text, e, s_end, _SLASH):
            continue  # a rank ("xếp thứ 16") places the unit among others: not a quantity
        if " " in m.group(0) and _name_before(text, s, s_start, v, s + m.group(0).index(" ")):
            # "Tổ 5 120 hộ": the first group names the team, the rest is read on its own
            pos = s + m.group(0).index(" ")
            continue
        if not rank and _name_before(text, s, s_start, v, e):
            # skip the whole x/y or x-y chain so the second part is not read alone
            pos = _skip_chain(text, e, s_end)
            continue
        group += 1
        state.s_start = s_start
        made, pos = _read_at(
            text, s, e, num.value, list(num.flags), s_end, excluded, v, group, state
        )
        drafts.extend(made)
        state.prev_end = pos
        if made:
            state.prev_noun = made[0].unit if "noun_before" in made[0].flags else None
    _flag_plain_space_groups(text, s_start, s_end, drafts)
    return drafts


def _flag_plain_space_groups(text: str, s_start: int, s_end: int, drafts: list[_Draft]) -> None:
    """ "5 120" with a plain space is one number or two. Read as one (``space_grouping_plain``)
    it is trusted when a unit follows ("5 120 hồ sơ", "5 120 tỷ đồng"); bare groups (a
    flattened table row "15 120 135") and a part read apart after a name ("Tổ 5 120 hộ") are
    flagged ``space_grouping_ambiguous``: kept as figures, taken by no indicator."""
    if not drafts:
        return
    ambiguous = "space_grouping_ambiguous"
    for d in drafts:
        if "space_grouping_plain" in d.flags and (not d.unit or "no_unit" in d.flags):
            d.flags.append(ambiguous)
    for m in PLAIN_SPACE_GROUPS.finditer(text, s_start, s_end):
        for d in drafts:
            if m.start() < d.start < m.end() and ambiguous not in d.flags:
                d.flags.append(ambiguous)


@dataclass
class _State:
    """What the sentence loop remembers between numerals."""

    s_start: int = 0
    s_end: int = 0
    prev_end: int = 0
    prev_noun: str | None = None


_CHAIN = regex.compile(r"(?:\s*[/\-–]\s*[\d.,]+\p{Lu}?)+")


def _skip_chain(text: str, e: int, s_end: int) -> int:
    m = _CHAIN.match(text, e, s_end)
    return m.end() if m else e


def _read_at(
    text: str,
    s: int,
    e: int,
    value: float,
    flags: list[str],
    s_end: int,
    excluded: _SpanIndex,
    v: Vocab,
    group: int,
    state: _State,
) -> tuple[list[_Draft], int]:
    """Read the figure(s) starting with the numeral at [s, e): fraction, range or single."""
    # fraction / ratio "a/b unit" (possibly "= c%" or "(c%)")
    second = _numeral_after(text, e, s_end, _SLASH)
    if second:
        return _read_fraction(text, s, e, value, flags, second, s_end, v, group, state)
    # range "a - b unit" / "từ a đến b unit"
    rng = _read_range(text, s, e, value, flags, s_end, excluded, v)
    if rng:
        return [rng], rng.end
    unit = match_unit(text, e, v)
    if unit is not None and unit.unit == "" and _money_context(text, s, unit, v):
        unit = UnitMatch("VND", unit.unit_text, unit.scale, 1.0, unit.end, None, ("unit_inferred",))
    if unit is None or unit.unit in _not_unit_words(v) or _unit_is_period(text, e, v, unit):
        noun = None if unit is not None else _noun_before(text, s, e, state, v)
        if noun is not None:
            d = _Draft(value, noun, s, e, unit_text="", flags=flags + ["noun_before"])
            _classify(text, s, d, None, v)
            return [d], e
        if _is_bare_figure(text, s, e, value, v):
            d = _Draft(value, "", s, e, flags=flags + ["no_unit"])
            _classify(text, s, d, None, v)
            return [d], e
        return [], e
    if _YEAR.fullmatch(text[s:e]) and (not unit.unit or "noun_guess" in unit.flags):
        return [], e
    d = _draft_with_unit(text, s, value, unit, flags)
    # "32 việc/260 = 12,30%", "41 lượt/60 công dân": a fraction with the unit inside
    second = _numeral_after(text, d.end, s_end, _SPACED_SLASH)
    if second and not _DATE.match(text, second.start()):
        return _unit_inside_fraction(text, d, unit, second, s_end, v, group)
    _shared_per(text, d, s_end, v)
    _classify(text, s, d, unit, v)
    return [d], d.end


def _shared_per(text: str, d: _Draft, s_end: int, v: Vocab) -> None:
    """ "11,5 bác sỹ và 34 giường bệnh trên vạn dân": the first count is per 10,000 too."""
    if "/" in d.unit or d.unit in _base_units(v) or not d.unit:
        return
    suffixes = v.raw.get("shared_per_suffixes") or {}
    if not suffixes:
        return
    m = _shared_per_regex(v).match(text[d.end : min(s_end, d.end + 70)])
    if not m:
        return
    per = suffixes[next(k for k in suffixes if k.lower() == m.group(1).lower())]
    written = f"{d.unit} trên {per}" if not m.group(1).startswith("/") else f"{d.unit}/{per}"
    compound = v.raw.get("compound_units") or {}
    d.unit = compound.get(written, f"{d.unit}/{per}")
    d.flags.append("shared_per")


_SHARED_PER: list[regex.Pattern[str]] = []


def _shared_per_regex(v: Vocab) -> regex.Pattern[str]:
    """ "… và 34 giường bệnh trên vạn dân": a count that shares the suffix (compiled once)."""
    if not _SHARED_PER:
        suffixes = v.raw.get("shared_per_suffixes") or {}
        alt = "|".join(regex.escape(k) for k in sorted(suffixes, key=len, reverse=True))
        _SHARED_PER.append(
            regex.compile(
                rf"[ \t]+(?:và|,)[ \t]+\d[\d.,]*[ \t]+[\p{{L}}\p{{M}} ]{{1,30}}?[ \t]*"
                rf"({alt})(?![\p{{L}}\p{{M}}])",
                regex.IGNORECASE,
            )
        )
    return _SHARED_PER[0]


def _base_units(v: Vocab) -> set[str]:
    cached = _BASE_UNITS.get(id(v))
    if cached is None or cached[0] is not v:
        cached = _BASE_UNITS[id(v)] = (v, {spec["unit"] for spec in v.units.values()})
    return cached[1]


_BASE_UNITS: dict[int, tuple[Vocab, set[str]]] = {}


_MONEY: list[regex.Pattern[str]] = []


def _money_context(text: str, s: int, unit: UnitMatch, v: Vocab) -> bool:
    """A bare "tỷ" after a money word of the same clause ("thu ngân sách đạt 456 tỷ")."""
    scales = {w.lower() for w in v.phrases("money_scales")}
    if " ".join(unit.unit_text.lower().split()) not in scales:
        return False
    if not _MONEY:
        cues = "|".join(words_pattern(w) for w in v.phrases("money_cues"))
        friends = "|".join(words_pattern(w) for w in v.phrases("money_false_friends"))
        _MONEY.append(regex.compile(f"(?i:{friends})"))
        _MONEY.append(regex.compile(f"(?i:{cues})"))
    floor = max(s - 120, 0)
    lo = max(text.rfind(";", floor, s), text.rfind(".", floor, max(floor, s - 1)), floor)
    window = text[lo:s]
    window = _MONEY[0].sub(lambda m: " " * len(m.group(0)), window)
    return bool(_MONEY[1].search(window))


def _unit_inside_fraction(text, d, unit, second, s_end, v, group):
    try:
        den = parse_vi_number(second.group(0))
    except ValueError:
        _classify(text, d.start, d, unit, v)
        return [d], d.end
    u2 = match_unit(text, second.end(), v)
    if u2 is not None and u2.unit and u2.unit.lower() not in _not_unit_words(v):
        den_d = _draft_with_unit(text, second.start(), den.value, u2, list(den.flags))
    else:
        den_d = _draft_with_unit(text, second.start(), den.value, unit, list(den.flags))
        den_d.end = second.end()
        den_d.unit_text = ""
    d.kind = den_d.kind = "fraction"
    d.role, den_d.role = "numerator", "denominator"
    d.group = den_d.group = group
    drafts = [d, den_d]
    end = den_d.end
    res = _result_after(text, end, s_end, v, group)
    if res is not None:
        drafts.append(res)
        end = res.end
    _classify(text, d.start, d, unit, v)
    return drafts, end


_RESULT_LEAD = regex.compile(r"\s*(?:=|\(|:|,?\s*(?:chiếm|bằng|đạt|tương\s+đương))\s*")


def _result_after(text, end, s_end, v, group) -> _Draft | None:
    """The stated ratio after a fraction: "= 43,79%", "(33,4%)", "chiếm 2,52%"."""
    res = _RESULT_LEAD.match(text, end, s_end)
    if not res:
        return None
    n = NUMERAL.match(text, res.end(), s_end)
    if not n:
        return None
    u = match_unit(text, n.end(), v)
    if u is None or u.unit != "percent":
        return None
    try:
        pv = parse_vi_number(n.group(0))
    except ValueError:
        return None
    r = _draft_with_unit(text, n.start(), pv.value, u, list(pv.flags))
    r.kind, r.role, r.group = "percent", "result", group
    r.basis = _basis_after(text, r.end, v)
    return r


def _noun_before(text: str, s: int, e: int, state: _State, v: Vocab) -> str | None:
    """A count noun written before a bare number: "hồ sơ hủy: 09", "đơn khiếu nại 01;".

    Only for a number that ends its phrase (punctuation, "/", "=" or end follows). The
    noun is the last listed count noun since the previous numeral; with none there, a
    number in a list right after one that took its noun this way takes the same noun
    ("(Tam Thanh: 04; Hoàng Đồng: 02)").
    """
    if _YEAR.fullmatch(text[s:e]) or _after_proper_name(text, s):
        return None
    if not _PHRASE_END.match(text[e : min(e + 8, state.s_end)]):
        return None
    fraction = "/" in text[s:e]
    colon = _COLON_END.search(text[max(0, s - 3) : s])
    # "khu chế xuất 1", "lớp 10": without ":" a small plain number names a thing; a number of
    # three digits or more after a count noun ("văn bản đi 282;") counts it
    lo = max(state.s_start, state.prev_end, s - 80)
    window = text[lo:s]
    last_digit = max((m.end() for m in _DIGIT_PCT.finditer(window)), default=0)
    window = window[last_digit:]
    # "Số doanh nghiệp thành lập mới là 145": the counted noun, then a copula right before
    # the number — the count is of that noun, whatever its size
    marked = bool(fraction or colon or text[s] == "0" or _copula_end(v).search(window))
    if not marked and sum(c.isdigit() for c in text[s:e].split(",")[0]) < 3:
        return None
    pat = _noun_finder(v)
    friend_spans = [(f.start(), f.end()) for f in _false_friends(v).finditer(window)]
    ignore = {w.lower() for w in v.phrases("noun_before_ignore")}

    def usable(m: regex.Match[str]) -> bool:
        key = " ".join(m.group(0).split()).lower()
        return not _in_spans(m.start(), m.end(), friend_spans) and key not in ignore

    found = None
    # (1) the label starts with the noun: "hồ sơ hủy: 09", "đơn khiếu nại 01"
    label = _TRAIL_COLON.sub("", window)
    seg_start = max(label.rfind(c) for c in ";(:\n") + 1
    seg_start += len(label[seg_start:]) - len(label[seg_start:].lstrip())
    m = pat.match(label, seg_start)
    if m and usable(m) and label[m.end() :].strip():
        found = m
    # (1b) a number of three digits or more right after the noun and at most two short
    # words ("ban hành văn bản đi 282", "tiếp nhận hồ sơ mới 1.234")
    if found is None and not marked:
        found = _noun_right_before(label, pat, usable)
        if found is None:
            return None
    # (2) "số hồ sơ ...", "các trường hợp ...": the noun counted, anywhere before
    if found is None:
        for q in _quantified_noun(v).finditer(window):
            m = pat.match(window, q.end())
            if m and usable(m):
                found = m
    if found is not None:
        key = " ".join(found.group(0).split())
        abbr = v.raw.get("abbreviation_nouns") or {}
        return abbr.get(key, key.lower())
    # (2b) a list label of the civil registry and the like ("khai tử: 25"): the noun of the
    # enclosing total ("802 hồ sơ (trong đó: ...") or the label's own noun
    if colon:
        listed = _list_label_noun(label[seg_start:], v)
        if listed is not None:
            return _enclosing_noun(text, state.s_start, s, v) or listed
    # (3) a list right after a number that took its noun this way
    if state.prev_noun and _SEMI_COMMA.search(window):
        return state.prev_noun
    return None


_TAIL_WORDS = regex.compile(r"^(?:\s+[\p{Ll}][\p{L}\p{M}]{0,5}){0,2}\s*$")


def _noun_right_before(label: str, pat: regex.Pattern[str], usable) -> regex.Match[str] | None:
    """The last count noun of ``label`` followed by at most two short lower-case words."""
    found = None
    for m in pat.finditer(label):
        if usable(m) and _TAIL_WORDS.match(label[m.end() :]):
            found = m
    return found


_LIST_LABELS: list[regex.Pattern[str]] = []


def _list_label_noun(segment: str, v: Vocab) -> str | None:
    """The noun a list label counts ("khai tử" -> "trường hợp"), from the YAML."""
    labels = v.raw.get("list_label_nouns") or {}
    if not labels:
        return None
    if not _LIST_LABELS:
        alt = "|".join(words_pattern(k) for k in sorted(labels, key=len, reverse=True))
        _LIST_LABELS.append(regex.compile(rf"(?i:{alt})\s*$"))
    m = _LIST_LABELS[0].search(segment.strip())
    if not m:
        return None
    key = " ".join(m.group(0).split()).lower()
    return next((n for k, n in labels.items() if k.lower() == key), None)


def _enclosing_noun(text: str, s_start: int, s: int, v: Vocab) -> str | None:
    """The count noun of a total whose breakdown is in brackets: "802 hồ sơ (trong đó: "."""
    lo = max(s_start, s - 400)
    opened = text.rfind("(", lo, s)
    if opened < 0 or ")" in text[opened:s]:
        return None
    m = regex.search(
        r"(\d[\d.,]*)[ \t]+([^()\d]{1,40}?)[ \t,]*$", text[max(lo, opened - 60) : opened]
    )
    if not m:
        return None
    u = match_unit(" " + m.group(2), 0, v, guess=False)
    if u is None or not u.unit or u.unit in _base_units(v):
        return None
    return u.unit


_COPULA_END: list[regex.Pattern[str]] = []


def _copula_end(v: Vocab) -> regex.Pattern[str]:
    """A copula that ends a label right before its number ("… là 145")."""
    if not _COPULA_END:
        alt = "|".join(words_pattern(w) for w in v.phrases("noun_copulas"))
        _COPULA_END.append(regex.compile(rf"(?i:\s(?:{alt}))[ \t]*$"))
    return _COPULA_END[0]


_QUANTIFIED: list[regex.Pattern[str]] = []


def _quantified_noun(v: Vocab) -> regex.Pattern[str]:
    """Words that introduce the noun being counted ("số", "tổng số", "các")."""
    if not _QUANTIFIED:
        alt = "|".join(words_pattern(w) for w in v.phrases("noun_quantifiers"))
        _QUANTIFIED.append(regex.compile(f"(?i:{alt})\\s+"))
    return _QUANTIFIED[0]


_NOUN_FINDER: list[regex.Pattern[str]] = []
_FRIENDS: list[regex.Pattern[str]] = []


def _false_friends(v: Vocab) -> regex.Pattern[str]:
    """Verbs and other words that start with a count noun ("giải quyết", "đơn giản")."""
    if not _FRIENDS:
        alt = "|".join(words_pattern(w) for w in v.phrases("noun_false_friends"))
        _FRIENDS.append(regex.compile(f"(?i:{alt})"))
    return _FRIENDS[0]


def _noun_finder(v: Vocab) -> regex.Pattern[str]:
    if not _NOUN_FINDER:
        nouns = sorted(v.count_nouns, key=len, reverse=True)
        alt = "|".join(words_pattern(n) for n in nouns)
        abbr = "|".join(words_pattern(a) for a in v.phrases("abbreviation_nouns"))
        _NOUN_FINDER.append(regex.compile(f"(?i:{alt})|{abbr}"))
    return _NOUN_FINDER[0]


def _not_unit_words(v: Vocab) -> set[str]:
    return {w.lower() for w in v.phrases("not_unit_words")}


def _unit_is_period(text: str, e: int, v: Vocab, unit: UnitMatch | None = None) -> bool:
    """ "6 tháng đầu năm", "05 năm", "3 sao", "18 tuổi": the number is not a quantity.

    A listed count noun that is longer than the not-a-unit word wins ("8 nhóm hàng" counts
    groups of goods although "nhóm 2" is a label).
    """
    p = _WS.match(text, e).end()
    hit = match_phrase_at(text, p, v.phrases("not_unit_words"))
    if hit is None:
        return False
    return not (
        unit is not None and unit.unit and "noun_guess" not in unit.flags and unit.end > hit[2]
    )


def _after_proper_name(text: str, s: int) -> bool:
    """ "Chi Lăng 2", "Hồ Sơn 1": a number right after a capitalised word is part of a name."""
    return bool(_CAPITAL_WORD_END.search(text[max(0, s - 30) : s]))


def _is_bare_figure(text: str, s: int, e: int, value: float, v: Vocab) -> bool:
    """A unitless number is kept only after a cue such as "đạt", "tăng", "tổng số"."""
    if _YEAR.fullmatch(text[s:e]) or _after_proper_name(text, s):
        return False
    after = text[e : e + 1]
    if after and (after.isalpha() or after in "/-–"):
        return False
    nxt = _NEXT_WORD.match(text[e : e + 30])
    if nxt and nxt.group(1)[:1].isupper():
        return False
    return match_phrase_before(text, s, v.phrases("bare_cues")) is not None


def _draft_with_unit(text: str, s: int, value: float, u: UnitMatch, flags: list[str]) -> _Draft:
    base = u.unit.split("/", 1)[0]
    if "/" in u.unit and base in load_vocab().phrases("per_kept_in_text_only"):
        # "7,5%/năm": still a percentage; the period stays in unit_text
        u = UnitMatch(base, u.unit_text, u.scale, u.factor, u.end, u.kind, (*u.flags, "per_period"))
    d = _Draft(
        value=_scaled(value, u),
        unit=u.unit,
        start=s,
        end=u.end,
        unit_text=u.unit_text,
        scale=u.scale,
        flags=flags + list(u.flags),
    )
    if u.kind == "pp":
        d.kind = "pp"
    return d


def _scaled(value: float, u: UnitMatch) -> float:
    out = value * u.scale * u.factor
    return float(round(out, 6)) if out != int(out) else float(int(out))


def _numeral_after(text: str, e: int, s_end: int, sep: regex.Pattern[str]):
    m = sep.match(text, e, s_end)
    if not m:
        return None
    n = NUMERAL.match(text, m.end(), s_end)
    return n


# --------------------------------------------------------------------------- fractions


def _read_fraction(text, s, e, value, flags, second, s_end, v, group, state):
    try:
        den = parse_vi_number(second.group(0))
    except ValueError:
        return [], second.end()
    e2 = second.end()
    # a third part ("1088/2-1089", "10/7/2025") means this is not a fraction
    if _THIRD_PART.match(text[e2 : e2 + 2]):
        return [], _skip_chain(text, e2, s_end)
    rank = match_phrase_before(text, s, v.phrases("rank_before")) or _peer_rank(text, s, e2, v)
    unit = match_unit(text, e2, v)
    if unit is not None and unit.unit.lower() in _not_unit_words(v):
        unit = None
    if rank:
        return [], e2  # "xếp thứ 16/63", "cao 12/63 tỉnh": a rank, not a quantity
    if unit is None and value <= 31 and 1 <= den.value <= 12 and "," not in text[s:e2]:
        return [], e2  # a day/month date without year ("(30/4)")
    drafts: list[_Draft] = []
    has_result = _result_after(text, e2, s_end, v, group) is not None
    noun = _noun_before(text, s, e2, state, v) if unit is None else None
    if (
        unit is None
        and noun is None
        and not has_result
        and not match_phrase_before(text, s, v.phrases("bare_cues"))
    ):
        return [], e2
    if unit is None and noun is not None:
        num_d = _Draft(value, noun, s, e, kind="fraction", flags=flags + ["noun_before"])
        den_d = _Draft(
            den.value,
            noun,
            second.start(),
            e2,
            kind="fraction",
            flags=list(den.flags) + ["noun_before"],
        )
        end = e2
    elif unit is None:
        num_d = _Draft(value, "", s, e, kind="fraction", flags=flags + ["no_unit"])
        den_d = _Draft(den.value, "", second.start(), e2, kind="fraction", flags=["no_unit"])
        end = e2
    else:
        num_d = _Draft(
            _scaled(value, unit),
            unit.unit,
            s,
            e,
            unit_text=unit.unit_text,
            scale=unit.scale,
            kind="fraction",
            flags=flags + list(unit.flags),
        )
        den_d = _draft_with_unit(text, second.start(), den.value, unit, list(den.flags))
        den_d.kind = "fraction"
        end = unit.end
        if unit.unit == "percent" or unit.kind == "pp":
            # "20/80%" is not a fraction of a percent we can trust
            num_d.flags.append("fraction_of_percent")
    num_d.role, den_d.role = "numerator", "denominator"
    num_d.group = den_d.group = group
    drafts += [num_d, den_d]
    # result: "= 43,79%", "(33,4%)", "chiếm 2,52%"
    r = _result_after(text, end, s_end, v, group)
    if r is not None:
        drafts.append(r)
        end = r.end
    _classify(text, s, num_d, unit, v)
    return drafts, end


def _peer_rank(text: str, s: int, e2: int, v: Vocab) -> bool:
    """ "cao 12/63 tỉnh, thành phố": a place among peer units, written as a fraction."""
    if not match_phrase_before(text, s, v.phrases("rank_fraction_before")):
        return False
    return (
        match_phrase_at(text, _WS.match(text, e2).end(), v.phrases("rank_fraction_after"))
        is not None
    )


# --------------------------------------------------------------------------- ranges


def _read_range(text, s, e, value, flags, s_end, excluded, v) -> _Draft | None:
    first_unit = None
    p = e
    m = _DASH.match(text, e, s_end)
    if not m:
        first_unit = match_unit(text, e, v, guess=False)
        p2 = first_unit.end if first_unit else e
        m = _TO.match(text, p2, s_end)
        if not m or not match_phrase_before(text, s, ["từ"]):
            return None
    p = m.end()
    n = NUMERAL.match(text, p, s_end)
    if not n or excluded.overlaps(n.start(), n.end()):
        return None
    try:
        hi = parse_vi_number(n.group(0))
    except ValueError:
        return None
    if hi.value <= value:
        return None
    unit = match_unit(text, n.end(), v)
    if (
        unit is None
        or unit.unit.lower() in _not_unit_words(v)
        or _unit_is_period(text, n.end(), v, unit)
    ):
        return None
    if first_unit is not None and first_unit.unit != unit.unit:
        return None
    d = _draft_with_unit(text, s, value, unit, flags + list(hi.flags))
    d.value_max = _scaled(hi.value, unit)
    d.kind = "range"
    _classify(text, s, d, unit, v)
    d.kind = "range"
    return d


# --------------------------------------------------------------------------- meaning


def _classify(text: str, s: int, d: _Draft, unit: UnitMatch | None, v: Vocab) -> None:
    """Qualifier, change direction, kind and basis from the words around the figure."""
    left = s
    to = match_phrase_before(text, left, v.phrases("change_to_words"))
    if to and match_phrase_before(text, to[1], v.phrases("change_words")):
        # "giảm còn 8,5%": the new level, not the size of the change
        d.flags.append("changed_to")
        left = match_phrase_before(text, to[1], v.phrases("change_words"))[1]
    # a change word right before the number wins over a qualifier ("cao hơn 7,7%")
    ch = match_phrase_before(text, left, v.phrases("change_words"))
    if not ch:
        q = match_phrase_before(text, left, v.phrases("qualifiers"))
        if q:
            d.qualifier = v.raw["qualifiers"][q[0]]
            left = q[1]
            ch = match_phrase_before(text, left, v.phrases("change_words"))
    if ch and _same_clause(text, ch[1], s) and "changed_to" not in d.flags:
        d.direction = v.raw["change_words"][ch[0]]
    if _minus_before(text, s) and d.kind not in ("range", "fraction", "rank"):
        # "(-8,0%)": a fall written with a sign; kept as a positive magnitude
        d.flags.append("minus_sign")
        d.direction = "decrease"
    elif _plus_before(text, s) and d.kind not in ("range", "fraction", "rank"):
        # "(+1,2%)": a rise written with a sign
        d.flags.append("plus_sign")
        d.direction = "increase"
    post = match_phrase_at(text, _WS.match(text, d.end).end(), v.phrases("post_qualifiers"))
    if post:
        d.qualifier = v.raw["post_qualifiers"][post[0]]
    is_pct = d.unit == "percent"
    is_times = d.unit in v.phrases("ratio_units")
    if is_pct or is_times or d.kind == "pp" or d.direction:
        # a basis qualifies a comparison; after a count it is part of a name
        # ("02 chương trình mục tiêu quốc gia")
        d.basis = _basis_after(text, d.end, v) or _basis_before(text, s, v)
    if (
        is_pct
        and _is_plan_basis(d.basis)
        and match_phrase_before(text, left, v.phrases("over_words"))
    ):
        # "vượt 23,2% dự toán": by how much the plan was exceeded, not the share of it
        d.flags.append("over_basis")
    if d.basis == "previous_year" and regex.fullmatch(r"\d{4}", _DOC_PERIOD.get() or ""):
        d.basis = "same_period"  # in a year's report, last year is the same period last year
    if d.kind == "pp":
        d.unit = "pp"
        return
    if d.kind in ("fraction", "range", "rank"):
        return
    if is_pct and _pp_after(text, d.end):
        d.kind, d.unit = "pp", "pp"
        return
    if d.direction:
        d.kind = "change"
        return
    if is_times and (d.basis or match_phrase_before(text, left, v.phrases("ratio_words"))):
        d.kind = "ratio"
        return
    if is_pct:
        # the reference decides: against an earlier period it is a ratio ("bằng 70,51% cùng
        # kỳ", "đạt 111,7% so với cùng kỳ"); against a plan or estimate it is a completion
        # percentage ("bằng 464,6% dự toán"); with no reference the verb decides.
        if _is_period_basis(d.basis):
            d.kind = "ratio"
        elif d.basis is not None:
            d.kind = "percent"
        elif match_phrase_before(text, left, v.phrases("ratio_words")):
            d.kind = "ratio"
        else:
            d.kind = "percent"


_PERIOD_BASES = {"same_period", "previous_month", "previous_year", "previous_quarter"}


def _is_plan_basis(basis: str | None) -> bool:
    """A plan, an estimate or a target (not an earlier period, not another unit)."""
    return bool(basis and basis.startswith(("plan", "estimate", "target")))


def _is_period_basis(basis: str | None) -> bool:
    """An earlier period (not a plan): a percentage of it is a ratio."""
    return basis in _PERIOD_BASES or bool(basis and basis.startswith(("month_", "quarter_")))


def _minus_before(text: str, s: int) -> bool:
    """A minus sign glued to the number, after "(", ":", "=" or a space."""
    return bool(_MINUS_END.search(text[max(0, s - 2) : s]))


def _plus_before(text: str, s: int) -> bool:
    """A plus sign glued to the number, after "(", ":", "=" or a space."""
    return bool(_PLUS_END.search(text[max(0, s - 2) : s]))


def _pp_after(text: str, end: int) -> bool:
    return bool(_PP_WORDS.match(text[end : end + 25]))


def _same_clause(text: str, a: int, b: int) -> bool:
    return not _CLAUSE_PUNCT.search(text[a:b])


_BASIS_LEAD = regex.compile(
    r"(?:[ \t]*\([^()\n]{0,25}\))?"  # a short aside: "giảm 3 người (-12,5%) so với ..."
    r"[ \t]*\)?[ \t]*,?[ \t]*"
    r"(?:(?:so\s+với|so|của|với|vượt|bằng)\s+)?"
    r"(?:(?:mức|cùng\s+thời\s+điểm)\s+)?",
    regex.IGNORECASE,
)


_COMMA_OVER = regex.compile(r",\s*vượt\b", regex.IGNORECASE)


def _basis_after(text: str, end: int, v: Vocab) -> str | None:
    lead = _BASIS_LEAD.match(text, end)
    if _COMMA_OVER.search(lead.group(0)):
        return None  # "đạt 8,5%, vượt mục tiêu": the plan is what was exceeded, not the basis
    p = lead.end()
    hit = match_phrase_at(text, p, v.phrases("bases"), ignore_case=False)
    if hit is None:
        hit = match_phrase_at(text, p, [b for b in v.phrases("bases") if not b.isupper()])
    if hit is not None:
        # "cùng kỳ năm 2024" / "năm học trước": a longer dated form may follow the phrase
        return v.raw["bases"][hit[0]]
    return _basis_pattern_at(text, p, v)


_BASIS_PATS: list[tuple[regex.Pattern[str], str, bool, bool]] = []
_LEAD_SO = regex.compile(r"\bso(?:\s+với)?\s+$", regex.IGNORECASE)


def _basis_pattern_at(text: str, p: int, v: Vocab) -> str | None:
    """ "so với năm 2024", "so với vụ mùa năm 2024": a basis written with a year."""
    if not _BASIS_PATS:
        for spec in v.raw.get("basis_patterns") or []:
            _BASIS_PATS.append(
                (
                    regex.compile(spec["pattern"], regex.IGNORECASE),
                    spec["basis"],
                    spec.get("year") == "previous",
                    bool(spec.get("needs_lead")),
                )
            )
    for pat, basis, only_last, needs_lead in _BASIS_PATS:
        m = pat.match(text, p)
        if not m:
            continue
        if needs_lead and not _LEAD_SO.search(text, max(0, p - 10), p):
            continue
        year = int(m.group("year")) if "year" in pat.groupindex and m.group("year") else None
        doc_year = _DOC_YEAR.get()
        if basis == "dated_period":
            dated = _dated_period_basis(m, year, doc_year)
            if dated is None:
                continue
            return dated
        last_year = not (year and doc_year and year != doc_year - 1)
        if basis == "previous_year" and not last_year:
            return f"year_{year}"
        if only_last and not last_year:
            continue
        return basis
    return None


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _report_month_quarter(period: str | None) -> tuple[int | None, int | None]:
    """Month and quarter of the report's period ("2025-09" → 9, 3; "2025-Q3" → None, 3)."""
    m = regex.fullmatch(r"(?:19|20)\d{2}-(?:(\d{2})|Q([1-4]))", period or "")
    if not m:
        return None, None
    if m.group(1):
        month = int(m.group(1))
        return month, (month - 1) // 3 + 1
    return None, int(m.group(2))


def _dated_period_basis(m: regex.Match[str], year: int | None, doc_year: int | None) -> str | None:
    """Basis of "so với tháng 8/2025" / "so với quý II/2025" against the report's period.

    The month (quarter) right before the report's is previous_month (previous_quarter); a
    month or quarter of last year is the same period (as before: a report quoting last year's
    month compares like with like); any other one is named by its date, as written.
    """
    q_raw = m.groupdict().get("quarter")
    month = int(m.group("month")) if m.groupdict().get("month") else None
    quarter = (_ROMAN.get(q_raw.upper()) or int(q_raw)) if q_raw else None
    if month is not None and not 1 <= month <= 12:
        return None
    if year is None:
        year = doc_year
    if year is None:
        return None
    r_month, r_quarter = _report_month_quarter(_DOC_PERIOD.get())
    if doc_year is not None:
        if month is not None and r_month is not None:
            prev = (doc_year, r_month - 1) if r_month > 1 else (doc_year - 1, 12)
            if (year, month) == prev:
                return "previous_month"
        if quarter is not None and r_quarter is not None:
            prev = (doc_year, r_quarter - 1) if r_quarter > 1 else (doc_year - 1, 4)
            if (year, quarter) == prev:
                return "previous_quarter"
        if year == doc_year - 1 and m.groupdict().get("year"):
            return "same_period"
    elif m.groupdict().get("year"):
        return "same_period"
    if month is not None:
        return f"month_{year}_{month:02d}"
    return f"quarter_{year}_Q{quarter}"


_BASIS_BEFORE: list[regex.Pattern[str]] = []


def _basis_before(text: str, s: int, v: Vocab) -> str | None:
    """A basis written before the number.

    Right before it ("cao hơn bình quân chung cả nước: 32,5%", "so với cùng kỳ giảm 3
    vụ"), or fronted for the clause ("So với cùng kỳ năm trước, ... tăng 4,2%, ... tăng
    10,3%") or for a list after a colon ("tăng so với cùng kỳ: xi măng tăng 12,3%; ...").
    """
    if not _BASIS_BEFORE:
        leads = "|".join(
            words_pattern(w) for w in sorted(v.phrases("basis_lead_before"), key=len, reverse=True)
        )
        bases = "|".join(
            words_pattern(b) for b in sorted(v.phrases("bases"), key=len, reverse=True)
        )
        changes = "|".join(
            words_pattern(w) for w in sorted(v.phrases("change_words"), key=len, reverse=True)
        )
        _BASIS_BEFORE.append(
            regex.compile(
                rf"(?:{leads})\s+(?P<b>{bases})(?:\s+(?:năm\s+)?(?:19|20)\d{{2}})?"
                rf"(?P<tail>\s*[,:(]|\s+(?:{changes})(?![\p{{L}}\p{{M}}])|\s*$)",
                regex.IGNORECASE,
            )
        )
    floor = max(s - 250, 0)  # a bounded look-back: rfind over the whole text was quadratic
    lo = max(text.rfind(". ", floor, s) + 1, text.rfind("\n", floor, s) + 1, floor)
    found = None
    for m in _BASIS_BEFORE[0].finditer(text, lo, s):
        between = text[m.end() : s]
        if ";" in between and ":" not in m.group("tail"):
            continue
        if _STOP.search(between):
            continue
        if m.group("tail").strip() == "(" and regex.search(
            r"[)\d]", text[m.end() : s].rstrip("-−")
        ):
            continue  # "(39,2%)" must follow the basis directly
        if m.group("tail").strip() == ",":
            # fronted only when no figure precedes it in its clause; otherwise it is the
            # basis of that earlier figure ("tăng 9,1% so với cùng kỳ, trong đó ...")
            head = text[lo : m.start()]
            head = head[head.rfind(";") + 1 :]
            if _ANY_DIGIT.search(head):
                continue
        found = m
    if found is None:
        return None
    key = " ".join(found.group("b").split())
    for b, code in v.raw["bases"].items():
        if b == key or (not b.isupper() and b.lower() == key.lower()):
            return code
    return None


# --------------------------------------------------------------------------- spans


_SPAN_PATS: list[Prefilter[tuple[str, regex.Pattern[str]]]] = []


def _span_grammar(v: Vocab) -> Prefilter[tuple[str, regex.Pattern[str]]]:
    """The span phrases (kind, pattern), each with the literal words it needs."""
    if not _SPAN_PATS:
        pats = [(s["kind"], regex.compile(s["pattern"])) for s in v.raw.get("spans") or []]
        _SPAN_PATS.append(Prefilter((kp, required(kp[1].pattern)) for kp in pats))
    return _SPAN_PATS[0]


def _span_in(
    text: str,
    lo: int,
    hi: int,
    v: Vocab,
    grammar: list[tuple[str, regex.Pattern[str]]] | None = None,
) -> str | None:
    """The span named by the phrase that ends closest to ``hi`` in ``text[lo:hi]``;
    ``grammar``: the span phrases that may occur there (default: all)."""
    best: tuple[tuple[int, int], str, regex.Match[str]] | None = None
    base = _span_not_after(v)
    if grammar is None:
        grammar = _span_grammar(v).items
    for kind, pat in grammar:
        for m in pat.finditer(text, lo, hi):
            if base.search(text, max(lo, m.start() - 40), m.start()):
                continue  # "so với 6 tháng đầu năm 2024": the base of a comparison
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[0]:
                best = (key, kind, m)
    return _span_label(best[1], best[2]) if best else None


_SPAN_NOT_AFTER: list[regex.Pattern[str]] = []


def _span_not_after(v: Vocab) -> regex.Pattern[str]:
    """Words that make the span phrase after them a comparison's base (``span_not_after``)."""
    if not _SPAN_NOT_AFTER:
        _SPAN_NOT_AFTER.append(regex.compile(v.raw["span_not_after"]))
    return _SPAN_NOT_AFTER[0]


def _span_label(kind: str, m: regex.Match[str]) -> str | None:
    """A span phrase as a period label, its year and month taken from the report if unsaid."""
    report = _DOC_PERIOD.get()
    try:
        rp = parse_period(report) if report else None
    except ValueError:
        rp = None
    g = {k: x for k, x in m.groupdict().items() if x}
    year = int(g.get("y") or g.get("y2") or 0) or (rp.end.year if rp else None) or _DOC_YEAR.get()
    if year is None:
        return None
    if kind == "ytd_months":
        return year_to_date(year, int(g["n"]))
    if kind == "last_half":
        return f"{year}-H2"
    if kind == "ytd":
        return year_to_date_of(rp) if rp else None
    if kind == "ytd_to_month":
        return year_to_date(year, int(g["n"]))
    if kind == "quarter":
        q = g["q"].upper()
        return f"{year}-Q{_ROMAN.get(q) or int(q)}"
    if kind == "month":
        if "name" in g:
            names = load_vocab().raw.get("month_names") or {}
            n = names.get(" ".join(g["name"].split()))
            return f"{year}-{n:02d}" if n else None
        return f"{year}-{int(g['n']):02d}"
    if kind == "this_month":
        return rp.label if rp and rp.granularity == "month" else "?"
    if kind == "this_quarter":
        return rp.label if rp and rp.granularity == "quarter" else "?"
    if kind == "whole_year":
        return str(year)
    if kind == "years":
        return "?"  # several years: no one period holds the value
    return None


def _sentence_spans(
    text: str, s_start: int, first_start: int, drafts: list[_Draft], clauses: _ClauseIndex, v: Vocab
) -> list[str | None]:
    """The span of each figure of a sentence (see ``spans`` in vi/numbers.yaml).

    A figure's own clause decides; a phrase fronted before the sentence's first figure
    ("Tính chung 9 tháng, …") governs the figures that name none; a breakdown ("…; trong đó
    khu vực dịch vụ tăng 8,5%") has the span of the figure it breaks down. In "thu được X;
    lũy kế đạt Y", X is the report's own month (or, in a longer report, a span it does not
    name: "?"), because Y is the running total beside it.
    """
    last = max((d.start for d in drafts), default=first_start)
    grammar = _span_grammar(v).candidates(text[s_start:last])  # the phrases it may hold
    fronted = _span_in(text, s_start, first_start, v, grammar)
    breakdown = _breakdown(v)
    out: list[str | None] = []
    prev: str | None = None
    for d in drafts:
        lo = clauses.start_for(d.start)
        span = _span_in(text, max(lo, d.start - SPAN_LOOKBACK), d.start, v, grammar)
        if span is None and prev is not None and breakdown.match(text, lo):
            span = prev
        out.append(span)
        prev = span or prev
    running = [
        i
        for i, d in enumerate(drafts)
        if i and out[i] and _running_lead(v).fullmatch(text, drafts[i - 1].end, d.start)
    ]
    if running:
        first = running[0]
        units = {d.unit for d in drafts[:first]}
        if drafts[first].unit in units:
            report = _DOC_PERIOD.get() or ""
            month = report if regex.fullmatch(r"\d{4}-\d{2}", report) else "?"
            out[:first] = [x if x is not None else month for x in out[:first]]
    return [x if x is not None else fronted for x in out]


_RUNNING: list[regex.Pattern[str]] = []


def _running_lead(v: Vocab) -> regex.Pattern[str]:
    """The words between two figures that make the second the running total of the first's
    measure ("…X đồng; lũy kế đạt Y đồng"): ``running_total_lead`` in vi/numbers.yaml."""
    if not _RUNNING:
        _RUNNING.append(regex.compile(v.raw["running_total_lead"], regex.IGNORECASE))
    return _RUNNING[0]


# --------------------------------------------------------------------------- context


_PLAN_BRACKET: list[regex.Pattern[str]] = []


def _plan_in_brackets(text: str, s_start: int, fig_start: int, v: Vocab) -> bool:
    """ "đạt 51% so với dự toán (2.300 tỷ đồng)": the amount in brackets right after the plan
    it measures against is the plan's, not a result (vocabulary ``plan_in_brackets``)."""
    if not _PLAN_BRACKET:
        _PLAN_BRACKET.append(regex.compile(v.raw["plan_in_brackets"], regex.IGNORECASE))
    lo = max(s_start, fig_start - 100)
    return bool(_PLAN_BRACKET[0].search(text, lo, fig_start))


_PREV_VALUE: list[regex.Pattern[str]] = []


def _previous_value(text: str, s_start: int, fig_start: int, v: Vocab) -> bool:
    """ "(cùng kỳ năm trước tăng 8,1%)": last year's value quoted for comparison, not this
    period's; the subject must end right before the figure."""
    if not _PREV_VALUE:
        _PREV_VALUE.extend(
            regex.compile(p, regex.IGNORECASE) for p in v.raw.get("previous_value_patterns") or []
        )
    lo = max(s_start, fig_start - 120)
    return any(p.search(text, lo, fig_start) for p in _PREV_VALUE)


_PREV_AFTER: list[regex.Pattern[str]] = []


def _previous_value_after(text: str, fig_end: int, v: Vocab) -> bool:
    """ "thấp hơn mức tăng 8,1% của cùng kỳ năm trước": a value the words after it give to an
    earlier period (``previous_value_after`` in vi/numbers.yaml)."""
    if not _PREV_AFTER:
        _PREV_AFTER.append(regex.compile(v.raw["previous_value_after"], regex.IGNORECASE))
    return bool(_PREV_AFTER[0].match(text, fig_end, fig_end + 60))


def _context(
    text: str,
    s_start: int,
    fig_start: int,
    v: Vocab,
    clauses: _ClauseIndex | None = None,
    first_start: int | None = None,
) -> dict[str, object]:
    """Estimate / cumulative flags and as-of date from the clause that governs the figure.

    The clause runs from the last ";" (or from a comma that closes an earlier figure and is
    not followed by a comparison) up to the figure, so "lũy kế ... ước đạt X, bằng Y% dự
    toán, tăng Z%" flags X, Y and Z alike, while "..., luân chuyển 45,6 triệu lượt khách.km"
    starts afresh. An as-of phrase fronted before the sentence's first figure ("Tính đến
    ngày 15/9/2025, toàn tỉnh có ...") governs the whole sentence.
    """
    sent_before = text[max(s_start, fig_start - CONTEXT_LOOKBACK) : fig_start]
    if clauses is None:
        clauses = _ClauseIndex(text, s_start, fig_start, [], v)
    clause_start = max(clauses.start_for(fig_start), fig_start - CONTEXT_LOOKBACK)
    head_end = fig_start if first_start is None else min(first_start, fig_start)
    as_of_pat = _as_of_regex(v)
    found = clauses.last_in(as_of_pat, clause_start, fig_start) or clauses.last_in(
        as_of_pat, s_start, head_end
    )
    cumulative = clauses.any_in(
        _marker_regex(v.phrases("cumulative_markers")), clause_start, fig_start
    )
    return {
        "estimate": clauses.any_in(
            _marker_regex(v.phrases("estimate_markers")), clause_start, fig_start
        ),
        "cumulative": cumulative
        or any(clauses.any_in(p, clause_start, fig_start) for p in _cumulative_regexes(v)),
        "as_of": _as_of_date(found, sent_before) if found is not None else None,
    }


@dataclass
class _ClauseState:
    start: int
    last_fig: int | None = None
    in_breakdown: bool = False
    depth: int = 0  # "(" minus ")" since ``start``


_CLAUSE_MARKS = regex.compile(r"[(),;]")


class _ClauseIndex:
    """Where the clause governing each figure of one sentence starts, in one pass.

    ";" always ends a clause. A comma ends it only when it is the first comma after an
    earlier figure and what follows is not a continuation ("bằng", "tăng", "so với" ...);
    after a breakdown word ("trong đó", "gồm") the items listed share the clause; a comma
    inside brackets ("(106 sản phẩm 3 sao, 14 sản phẩm 4 sao)") ends nothing. The state after
    each mark is recorded once, so a figure's clause is found by bisection instead of
    rescanning the sentence for every figure (which made a long sentence cubic).
    """

    def __init__(self, text: str, s_start: int, s_end: int, ends: list[int], v: Vocab):
        self.text, self.v = text, v
        self.ends = sorted(ends)
        self.cont, self.breakdown = _continuation(v), _breakdown(v)
        state = _ClauseState(s_start)
        self.positions: list[int] = []
        self.states: list[_ClauseState] = []
        for m in _CLAUSE_MARKS.finditer(text, s_start, s_end):
            c = m.start()
            if text[c] == "," and text[c + 1 : c + 2].isdigit():
                continue  # a decimal comma; see ``start_for`` for one glued to a figure
            state = self._step(state, c)
            self.positions.append(c)
            self.states.append(state)
        self.s_start, self.s_end = s_start, s_end
        self._found: dict[int, tuple[list[int], list[int], list]] = {}

    def _step(self, st: _ClauseState, c: int) -> _ClauseState:
        ch = self.text[c]
        if ch == ";":
            return _ClauseState(c + 1)
        if ch == "(":
            return _ClauseState(st.start, st.last_fig, st.in_breakdown, st.depth + 1)
        if ch == ")":
            return _ClauseState(st.start, st.last_fig, st.in_breakdown, st.depth - 1)
        if st.depth > 0:
            return st
        i = bisect.bisect_right(self.ends, c) - 1
        if i < 0 or self.ends[i] < st.start or self.ends[i] == st.last_fig:
            return st
        fig_end = self.ends[i]
        if self.breakdown.match(self.text, c + 1):
            return _ClauseState(st.start, fig_end, True, st.depth)
        if st.in_breakdown or self.cont.match(self.text, c + 1):
            return _ClauseState(st.start, fig_end, st.in_breakdown, st.depth)
        return _ClauseState(c + 1, fig_end, False, 0)

    def _matches(self, pat: regex.Pattern[str]) -> tuple[list[int], list[int], list]:
        """The matches of ``pat`` in the sentence, found once (starts, ends, matches)."""
        key = id(pat)
        if key not in self._found:
            ms = list(pat.finditer(self.text, self.s_start, self.s_end))
            self._found[key] = ([m.start() for m in ms], [m.end() for m in ms], ms)
        return self._found[key]

    def any_in(self, pat: regex.Pattern[str], lo: int, hi: int) -> bool:
        """Whether a match of ``pat`` lies within ``text[lo:hi]`` (a bisection per figure
        instead of a search of its clause)."""
        starts, ends, _ = self._matches(pat)
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and ends[i] <= hi

    def last_in(self, pat: regex.Pattern[str], lo: int, hi: int) -> regex.Match[str] | None:
        """The last match of ``pat`` within ``text[lo:hi]``."""
        starts, ends, ms = self._matches(pat)
        j = bisect.bisect_right(ends, hi) - 1
        return ms[j] if j >= 0 and starts[j] >= lo else None

    def start_for(self, fig_start: int) -> int:
        i = bisect.bisect_left(self.positions, fig_start)
        st = self.states[i - 1] if i else _ClauseState(self.s_start)
        c = fig_start - 1
        if c >= st.start and self.text[c : c + 1] == ",":
            st = self._step(st, c)  # "…,5 hồ sơ": a comma glued to the figure still counts
        return st.start


_BREAKDOWN: list[regex.Pattern[str]] = []


def _breakdown(v: Vocab) -> regex.Pattern[str]:
    if not _BREAKDOWN:
        alt = "|".join(words_pattern(w) for w in v.phrases("clause_breakdown_words"))
        _BREAKDOWN.append(regex.compile(rf"\s*(?:{alt})", regex.IGNORECASE))
    return _BREAKDOWN[0]


_CONT: list[regex.Pattern[str]] = []


def _continuation(v: Vocab) -> regex.Pattern[str]:
    if not _CONT:
        alt = "|".join(
            words_pattern(w)
            for w in sorted(v.phrases("clause_continuations"), key=len, reverse=True)
        )
        _CONT.append(regex.compile(rf"\s*(?:{alt})", regex.IGNORECASE))
    return _CONT[0]


_CUM_PATS: list[regex.Pattern[str]] = []


def _cumulative_regexes(v: Vocab) -> list[regex.Pattern[str]]:
    """Periods counted from January ("9 tháng"): ``cumulative_patterns`` in vi/numbers.yaml."""
    if not _CUM_PATS:
        _CUM_PATS.extend(regex.compile(p) for p in v.raw.get("cumulative_patterns") or [])
    return _CUM_PATS


_MARKER_CACHE: dict[tuple[str, ...], regex.Pattern[str]] = {}


def _marker_regex(phrases: list[str]) -> regex.Pattern[str]:
    """One pattern for a list of marker phrases, not read inside a longer word ("quy ước")."""
    key = tuple(phrases)
    pat = _MARKER_CACHE.get(key)
    if pat is None:
        alt = "|".join(words_pattern(p) for p in sorted(phrases, key=len, reverse=True))
        guard = "|".join(regex.escape(w) for w in load_vocab().phrases("marker_not_after"))
        pat = regex.compile(rf"(?<!(?:{guard})\s)(?:{alt})", regex.IGNORECASE)
        _MARKER_CACHE[key] = pat
    return pat


_AS_OF_CACHE: list[regex.Pattern[str]] = []
_YEAR_IN = regex.compile(r"năm\s+((?:19|20)\d{2})(?!\s*[-–])", regex.IGNORECASE)


def _as_of(s: str, v: Vocab | None = None, sentence: str = "") -> str | None:
    """ISO date of the last as-of phrase in ``s`` ("tính đến ngày 10/7/2025").

    "đến hết tháng 10" and "đến ngày 30/9" carry no year: it comes from the sentence
    ("năm 2025") or the report's period; with neither, no date is claimed.
    """
    found = None
    for m in _as_of_regex(v).finditer(s):
        found = m
    return _as_of_date(found, sentence) if found else None


def _as_of_regex(v: Vocab | None = None) -> regex.Pattern[str]:
    """An as-of phrase and its date (``as_of_markers`` and the month/quarter words)."""
    if not _AS_OF_CACHE:
        vv = v or load_vocab()
        alt = "|".join(
            words_pattern(p) for p in sorted(vv.phrases("as_of_markers"), key=len, reverse=True)
        )
        months = "|".join(words_pattern(w) for w in vv.phrases("as_of_month_words"))
        quarters = "|".join(words_pattern(w) for w in vv.phrases("as_of_quarter_words"))
        _AS_OF_CACHE.append(
            regex.compile(
                rf"(?:{alt})\s+(?:ngày\s+)?(?:(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})"
                rf"(?:\s*[/.-]\s*((?:19|20)\d{{2}}))?(?![\d/]|[.-]\d)"
                rf"|(?:{months})\s+(\d{{1,2}})(?:\s*/\s*((?:19|20)\d{{2}})"
                rf"|\s+năm\s+((?:19|20)\d{{2}}))?(?![\d/])"
                rf"|(?:{quarters})\s+(?P<q>IV|III|II|I|[1-4])(?![\p{{L}}\p{{M}}\d])"
                rf"(?:\s*/\s*(?P<qy>(?:19|20)\d{{2}})|\s+năm\s+(?P<qy2>(?:19|20)\d{{2}}))?"
                rf"(?![\d/]))",
                regex.IGNORECASE,
            )
        )
    return _AS_OF_CACHE[0]


def _as_of_date(found: regex.Match[str], sentence: str) -> str | None:
    """The ISO date an as-of match names (the year from the sentence or the report if unsaid)."""
    try:
        if found.group(1):
            day, month = int(found.group(1)), int(found.group(2))
            year = _year_for(found.group(3), sentence)
        elif found.group("q"):
            q = found.group("q").upper()
            month = 3 * (_ROMAN.get(q) or int(q))
            year = _year_for(found.group("qy") or found.group("qy2"), sentence)
            day = calendar.monthrange(year, month)[1] if year else 0
        else:
            month = int(found.group(4))
            year = _year_for(found.group(5) or found.group(6), sentence)
            day = calendar.monthrange(year, month)[1] if year else 0
        if year is None:
            return None
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_AS_OF_AFTER: list[regex.Pattern] = []


def _as_of_after(text: str, fig_end: int, sentence: str, v: Vocab) -> str | None:
    """The as-of date of a bracket that follows the figure ("1.200 hồ sơ (tính đến ngày
    15/10/2025)"): writers add the date after the value as often as before it."""
    if not _AS_OF_AFTER:
        _AS_OF_AFTER.append(regex.compile(v.raw["as_of_bracket_after"], regex.IGNORECASE))
    m = _AS_OF_AFTER[0].match(text, fig_end, fig_end + 80)
    if m is None:
        return None
    close = text.find(")", m.end(), m.end() + 81)
    inside = text[m.end() : close]
    found = _as_of(inside, v, sentence)
    return found if found and _as_of_regex(v).match(inside.lstrip()) else None


def _year_for(written: str | None, sentence: str) -> int | None:
    if written:
        return int(written)
    m = _YEAR_IN.search(sentence)
    return int(m.group(1)) if m else _DOC_YEAR.get()
