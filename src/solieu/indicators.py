"""Stage 3: map figures to catalogue indicators (vocabulary and rules: ``data/indicators.yaml``).

A figure is a number as written; an observation says *what* it measures, for *which* unit and
*which* span of time. The mapping is deliberately generic: every indicator-specific word lives
in the YAML catalogue, and this module only evaluates it. Precision beats recall: when unsure,
no indicator is published and the figure stays a figure.

Three steps, for each figure:

1. *What it is about*: the concept named closest to the number (``concepts`` in the YAML,
   resolved by :mod:`solieu.concepts`). An indicator ``takes`` a concept with a figure of a
   given unit, kind and basis ("thu ngân sách trên địa bàn" + an amount in VND). Indicators not
   yet described by vocabulary keep legacy ``rules``: regexes over text windows (below).
2. *General disambiguation*, the same for every indicator: targets and plans (figures flagged
   ``target`` by the figure stage, goals named in the figure's words), last period's values,
   "vượt X%" (published as 100 + X % of the basis), values of the whole country, a region or
   another unit (``exclude``, ``named_unit``), another year or quarter (``other_year``,
   ``other_quarter``), a whole-year estimate in a shorter report (``whole_year``); a sentence's
   preferred concept (``prefer``: revenue collected in the area over a total with transfers).
3. *The span the value covers* (:func:`value_period`): the figure's own words (``Figure.span``:
   "tháng 10", "quý III", "9 tháng đầu năm", "lũy kế", "ước cả năm"), else the report's period
   (year-to-date for a cumulative indicator: ``2025-YTD10``). A span the report does not hold
   is not published; an as-of date in the sentence ends the span (or dates a stock).

Every observation records ``why``: the concept and the words that named it (or the rule and
the windows it tested), the figure's kind, unit and basis.

Text windows a rule can test (all regexes, case-insensitive, NFC):

- ``near``: from the end of the previous figure in the clause (or the clause start) to this
  figure — the words that label the number ("tiếp nhận", "đúng hạn", "Tổng chi ngân sách là").
- ``clause``: from the last ``;`` (or the sentence start) to this figure.
- ``before``: from the sentence start to this figure.
- ``after``: from the end of this figure to the next figure or the end of the clause
  ("văn bản đến", "dự toán tỉnh giao", "vụ TNGT").
- ``sentence``: the figure's sentence.
- ``context``: the sentence, plus — for a figure in a footnote — the body sentence that cites
  the footnote (a footnote "Tổng 1.539 công dân" only says what it counts through its caller).
- ``paren``: the text inside the open parenthesis that holds the figure, if any.
- ``paragraph``: the figure's paragraph (block) up to the figure — the topic is often named
  one sentence earlier ("Chương trình xóa nhà tạm ... Trong 6 tháng đã khởi công 6.494 nhà").
- ``heading``: the titles of the headings enclosing the figure.
- ``scope``: context, paragraph and heading together.

Closed parenthetical asides are removed from ``near`` and ``after`` ("đạt 40,2% kế hoạch (tỷ lệ
... cả nước), đạt 31,0%" labels 31,0% with ", đạt"). The parts of a fraction or ratio (one
``group``) share their windows: the denominator of "đã giải quyết 261/596" is labelled by the
words before 261, and the words after 596 follow the whole group. A footnote clause that opens
with the name of a unit the issuer was formed from (the names and the clause pattern from the
unit lineage, ``solieu.units.former_unit_labels``) gives that unit's value.
"""

from __future__ import annotations

import bisect
import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex as re
from slugify import slugify

from solieu.concepts import (
    Concept,
    ConceptHit,
    Grammar,
    Texts,
    compile_concepts,
    compile_vi,
    fold,
    name_regex,
    resolve,
)
from solieu.model import Document, Figure, Observation
from solieu.paths import DATA_DIR, load_data
from solieu.periods import canonical, parse_period, year_to_date_of

CATALOGUE_PATH = DATA_DIR / "indicators.yaml"

WINDOWS = (
    "near",
    "clause",
    "before",
    "after",
    "sentence",
    "context",
    "paren",
    "paragraph",
    "heading",
    "scope",
)
_FLAGS = re.IGNORECASE | re.VERSION1
_AFTER_BREAK = re.compile(r"[;,.]|\s-\s")
_PAREN_GROUP = re.compile(r"\([^()]*\)")
_SENT_BREAK = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n\s*\n")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ----------------------------------------------------------------------------- catalogue


@dataclass
class Rule:
    """One compiled recognition rule of an indicator (see module docstring for windows)."""

    indicator: dict[str, Any]
    index: int
    must: dict[str, re.Pattern] = field(default_factory=dict)
    must_not: dict[str, re.Pattern] = field(default_factory=dict)
    units: set[str] | None = None
    kinds: set[str] | None = None
    roles: set[str | None] | None = None
    directions: set[str | None] | None = None
    figure_bases: set[str | None] | None = None
    in_footnote: bool | None = None
    cumulative: bool | None = None
    former_unit: str = "allow"  # allow | require | forbid
    basis: str | None = None
    basis_from: list[tuple[re.Pattern, str]] = field(default_factory=list)
    keep_figure_basis: bool = True
    signed: bool = False
    derivation: str | None = None
    estimate_if: re.Pattern | None = None
    period_rules: list[tuple[str, re.Pattern, str]] = field(default_factory=list)
    doc_periods: set[str] | None = None  # month | quarter | half | year: report kinds it fits
    global_exclude: bool = True  # the catalogue-wide ``exclude`` patterns apply
    # figure flags this rule accepts although the catalogue excludes them (``allow_flags``)
    allow_flags: set[str] = field(default_factory=set)
    # the span this rule's value covers, when it differs from the indicator's ``temporal``
    # ("GRDP quý III tăng 8,1%" in a Q3 report covers the quarter, not January to September)
    temporal: str | None = None
    # a vocabulary rule (``takes``): the figure must be about this concept (solieu.concepts)
    concept: str | None = None
    kind_of_rule: str = "rule"  # takes | rule: where it stands in the catalogue, for ``why``


def _flatten(p: Any) -> list[str]:
    """Patterns as a flat list: YAML aliases of shared lists (``*month_scope``) nest lists."""
    if isinstance(p, list):
        return [x for item in p for x in _flatten(item)]
    return [str(p)]


def _compile(p: str | list) -> re.Pattern:
    items = _flatten(p)
    joined = items[0] if len(items) == 1 else "|".join(f"(?:{x})" for x in items)
    return compile_vi(_nfc(joined))


def _opt_set(v: Any) -> set | None:
    if v is None:
        return None
    items = v if isinstance(v, list) else [v]
    return {None if x in (None, "none", "null") else _nfc(str(x)) for x in items}


def load_catalogue(path: Path | None = None) -> list[dict[str, Any]]:
    """The catalogue as a list of indicator dicts (for the package and site stages).

    Each dict is a copy of the YAML entry with ``indicator_id`` (the package's column name)
    beside ``id``; ``rules`` are included for tools that document them.
    """
    return [
        {**ind, "indicator_id": ind["id"]}
        for ind in _read_yaml(str(path or CATALOGUE_PATH))["indicators"]
    ]


@lru_cache(maxsize=8)
def _read_yaml(path: str) -> dict[str, Any]:
    data = load_data(path)
    if not isinstance(data, dict) or "indicators" not in data:
        raise ValueError(f"{path}: expected a mapping with an 'indicators' list")
    return data


@dataclass
class Catalogue:
    indicators: list[dict[str, Any]]
    rules: list[Rule]
    former_units: list[dict[str, Any]]
    bases: dict[str, list[tuple[re.Pattern, str]]]
    # window -> pattern that no observation's text may match (national averages, sub-units)
    exclude: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern of a whole-year estimate ("ước cả năm"): only a rule whose ``period``
    # refinement files it under the year may map it
    whole_year: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with a ``name`` group: a unit named there that is not the issuer's
    # own ("huyện X tiếp nhận 500 hồ sơ" in the province's report) owns the value
    named_unit: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with a ``year`` group: a label naming another year than the report's
    other_year: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with d, m, y groups: the first day a flow counts from ("từ ngày 01/7/2025")
    span_start: dict[str, re.Pattern] = field(default_factory=dict)
    # figure flags no rule maps unless it opts in (``target``: a plan, not an actual value)
    exclude_flags: set[str] = field(default_factory=set)
    # window -> pattern: a goal or forecast named in a figure's words makes it a ``target``
    goal_words: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with a ``q`` group: a label naming another quarter than a quarterly
    # report's own ("GRDP quý II" in the Q3 report)
    other_quarter: dict[str, re.Pattern] = field(default_factory=dict)
    # the vocabulary: concept id → names (solieu.concepts)
    concepts: dict[str, Concept] = field(default_factory=dict)
    # (preferred, other): in a sentence where a figure maps through the preferred concept,
    # figures mapped through the other one are dropped ("Tổng thu ngân sách nhà nước X; trong
    # đó thu trên địa bàn Y": X includes transfers from the level above)
    prefer: list[tuple[str, str]] = field(default_factory=list)
    # the words that steer concept resolution: clauses without a subject of their own, amounts
    # that continue the one before, breakdown words, office names (solieu.concepts.Grammar)
    grammar: Grammar = field(default_factory=Grammar)
    _by_unit: dict[str, list[Rule]] = field(default_factory=dict)

    def rules_for(self, unit: str | None) -> list[Rule]:
        """The rules (in catalogue order) whose figure constraint admits ``unit``: a figure
        is tested only against rules that can take it."""
        key = _nfc(unit or "")
        if key not in self._by_unit:
            self._by_unit[key] = [r for r in self.rules if r.units is None or key in r.units]
        return self._by_unit[key]


@lru_cache(maxsize=8)
def compile_catalogue(path: str | None = None) -> Catalogue:
    """Compile every rule of the catalogue once (regexes, sets)."""
    data = _read_yaml(path or str(CATALOGUE_PATH))
    bases = {
        name: [(_compile(item["pattern"]), item["basis"]) for item in items]
        for name, items in (data.get("bases") or {}).items()
    }
    former = [{**fu, "_re": _compile(fu["label"])} for fu in data.get("former_units") or []]
    concepts = compile_concepts(data.get("concepts") or {})
    rules: list[Rule] = []
    for ind in data["indicators"]:
        for i, spec in enumerate(ind.get("takes") or []):
            if spec.get("concept") not in concepts:
                raise ValueError(
                    f"{path or CATALOGUE_PATH}: {ind['id']} takes unknown concept "
                    f"{spec.get('concept')!r}"
                )
            rule = _compile_rule(ind, i, spec, bases)
            rule.concept, rule.kind_of_rule = str(spec["concept"]), "takes"
            rules.append(rule)
        for i, spec in enumerate(ind.get("rules") or []):
            rules.append(_compile_rule(ind, i, spec, bases))
    prefer = [(str(x["concept"]), str(x["over"])) for x in data.get("prefer") or []]
    for a, b in prefer:
        if a not in concepts or b not in concepts:
            raise ValueError(f"{path or CATALOGUE_PATH}: prefer names unknown concepts {a}, {b}")
    grammar = Grammar(
        carry_leads=_leads(data.get("carry_over_leads")),
        level_leads=_any_of(data.get("continuation_leads")),
        part_leads=_leads(data.get("part_leads")),
        transparent=_any_of(data.get("transparent_names"), words=True),
        copula=_any_of(data.get("after_copula")),
    )
    exclude = {w: _compile(p) for w, p in (data.get("exclude") or {}).items() if p}
    unknown = set(exclude) - set(WINDOWS)
    if unknown:
        raise ValueError(f"{path or CATALOGUE_PATH}: exclude names unknown windows {unknown}")
    whole_year = {w: _compile(p) for w, p in (data.get("whole_year") or {}).items() if p}
    named_unit = {w: _compile(p) for w, p in (data.get("named_unit") or {}).items() if p}
    other_year = {w: _compile(p) for w, p in (data.get("other_year") or {}).items() if p}
    span_start = {w: _compile(p) for w, p in (data.get("span_start") or {}).items() if p}
    other_quarter = {w: _compile(p) for w, p in (data.get("other_quarter") or {}).items() if p}
    goal_words = {w: _compile(p) for w, p in (data.get("goal_words") or {}).items() if p}
    spans = set(whole_year) | set(named_unit) | set(other_year) | set(span_start)
    spans |= set(other_quarter) | set(goal_words)
    unknown |= spans - set(WINDOWS)
    if unknown:
        raise ValueError(f"{path or CATALOGUE_PATH}: unknown windows {unknown}")
    return Catalogue(
        indicators=data["indicators"],
        rules=rules,
        former_units=former,
        bases=bases,
        exclude=exclude,
        whole_year=whole_year,
        named_unit=named_unit,
        other_year=other_year,
        span_start=span_start,
        exclude_flags={str(x) for x in data.get("exclude_figure_flags") or []},
        other_quarter=other_quarter,
        goal_words=goal_words,
        concepts=concepts,
        prefer=prefer,
        grammar=grammar,
    )


def _any_of(items: list[str] | None, words: bool = False) -> re.Pattern | None:
    """Catalogue regexes (space = any whitespace, tone marks folded) as one alternation."""
    if not items:
        return None
    alt = "|".join(f"(?:{name_regex(x)})" for x in items)
    if words:
        alt = rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alt})(?![\p{{L}}\p{{M}}\p{{N}}])"
    return compile_vi(alt)


def _leads(words: list[str] | None) -> re.Pattern | None:
    """Words that open a text (after punctuation), as one pattern."""
    if not words:
        return None
    alt = "|".join(fold(w).replace(" ", r"\s+") for w in words)
    return compile_vi(rf"^\W*(?:{alt})(?![\p{{L}}\p{{M}}])")


def _compile_rule(ind: dict, i: int, spec: dict, bases: dict) -> Rule:
    r = Rule(indicator=ind, index=i)
    for w in WINDOWS:
        if spec.get(w):
            r.must[w] = _compile(spec[w])
        if spec.get(f"not_{w}"):
            r.must_not[w] = _compile(spec[f"not_{w}"])
    fig = spec.get("figure") or {}
    r.units = _opt_set(fig.get("unit"))
    r.kinds = _opt_set(fig.get("kind"))
    r.roles = _opt_set(fig.get("role", ["none"]))
    r.directions = _opt_set(fig.get("direction")) if "direction" in fig else None
    r.figure_bases = _opt_set(fig.get("basis")) if "basis" in fig else None
    r.in_footnote = fig.get("in_footnote")
    r.cumulative = fig.get("cumulative")
    r.former_unit = spec.get("former_unit", "allow")
    r.basis = spec.get("basis")
    bf = spec.get("basis_from")
    if isinstance(bf, str):
        r.basis_from = bases[bf]
    elif isinstance(bf, list):
        r.basis_from = [(_compile(x["pattern"]), x["basis"]) for x in bf]
    r.keep_figure_basis = spec.get("keep_figure_basis", True)
    r.signed = bool(spec.get("signed", False))
    r.global_exclude = bool(spec.get("global_exclude", True))
    r.allow_flags = {str(x) for x in spec.get("allow_flags") or []}
    r.derivation = spec.get("derivation")
    r.temporal = spec.get("temporal")
    if spec.get("estimate_if"):
        r.estimate_if = _compile(spec["estimate_if"])
    if spec.get("doc_period"):
        dp = spec["doc_period"]
        r.doc_periods = set(dp if isinstance(dp, list) else [dp])
    for pr in spec.get("period") or []:
        r.period_rules.append((pr.get("window", "clause"), _compile(pr["pattern"]), pr["period"]))
    return r


# ----------------------------------------------------------------------------- windows


@dataclass
class Windows:
    texts: dict[str, str]
    former_unit: dict[str, Any] | None = None
    concept: ConceptHit | None = None  # what the figure is about (vocabulary rules)


class _SentenceFinder:
    """The sentence of a text that holds an offset (approximate, for footnote callers).

    The breaks are found once per document and bisected, so a report with thousands of
    footnotes does not rescan its text from the start for each.
    """

    def __init__(self, text: str):
        self.text = text
        self.breaks = [(m.start(), m.end()) for m in _SENT_BREAK.finditer(text)]
        self.break_ends = [e for _, e in self.breaks]

    def at(self, offset: int) -> str:
        i = bisect.bisect_right(self.break_ends, offset)
        start = self.breaks[i - 1][1] if i else 0
        # the first break that ends after ``offset`` and starts at or after it
        j = i
        while j < len(self.breaks) and self.breaks[j][0] < offset:
            j += 1
        end = self.breaks[j][0] if j < len(self.breaks) else len(self.text)
        return self.text[start:end]


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds ``offset`` (one lookup; see ``_SentenceFinder``)."""
    return _SentenceFinder(text).at(offset)


def _drop_parens(text: str) -> str:
    """Remove closed parenthetical asides, innermost first."""
    prev = None
    while prev != text:
        prev, text = text, _PAREN_GROUP.sub(" ", text)
    if ")" in text:  # the window began inside an aside: keep what follows its end
        text = text[text.rfind(")") + 1 :]
    return text


@dataclass
class _Siblings:
    """The figures of one sentence in text order, with their offsets for bisection."""

    figs: list[Figure]
    starts: list[int]
    ends: list[int]
    monotone: bool  # ends never decrease (figures do not overlap): ends can be bisected


# The paragraph window reaches this far back at most: the topic is named a sentence or two
# before a figure, and an unbounded window made a one-paragraph report quadratic.
PARAGRAPH_LOOKBACK = 2000


class DocContext:
    """Per-document lookups shared by all figures: neighbours, footnote callers, headings.

    Every lookup is a bisection or a bounded slice, so the indicator stage stays linear in
    the size of a report (a long sentence, paragraph or run of headings included).
    """

    def __init__(self, doc: Document, figures: list[Figure]):
        self.doc = doc
        by_sentence: dict[tuple[int, str], list[Figure]] = defaultdict(list)
        self.groups: dict[tuple[int, str, str], list[Figure]] = defaultdict(list)
        for f in figures:
            by_sentence[(f.sentence_start, f.sentence)].append(f)
            if f.group:
                self.groups[(f.sentence_start, f.sentence, f.group)].append(f)
        self.by_sentence: dict[tuple[int, str], _Siblings] = {}
        for k, v in by_sentence.items():
            v.sort(key=lambda f: f.start)
            ends = [f.end for f in v]
            monotone = all(a <= b for a, b in zip(ends, ends[1:], strict=False))
            self.by_sentence[k] = _Siblings(v, [f.start for f in v], ends, monotone)
        self.callers: dict[int, str] = {}
        finder = _SentenceFinder(doc.text) if doc.footnote_refs else None
        for ref in doc.footnote_refs:
            if finder is not None and ref.number not in self.callers:
                self.callers[ref.number] = finder.at(max(ref.offset - 1, 0))
        self.blocks = sorted(doc.blocks, key=lambda b: b.start)
        self.block_starts = [b.start for b in self.blocks]
        heads = [b for b in doc.blocks if b.kind == "heading"]
        self.head_starts = [b.start for b in heads]
        self.heads = heads
        self.top_level = min((b.level or 1 for b in heads), default=1)

    def headings(self, pos: int) -> str:
        """Titles of the headings before ``pos`` that enclose it (one per level)."""
        i = bisect.bisect_right(self.head_starts, pos)
        seen: dict[int, str] = {}
        for j in range(i - 1, -1, -1):
            b = self.heads[j]
            lvl = b.level or 1
            if all(lvl < k for k in seen) or not seen:
                seen[lvl] = self.doc.text[b.start : b.end]
            if lvl <= self.top_level:
                break
        return " > ".join(seen[k] for k in sorted(seen))

    def block_text(self, pos: int) -> str:
        """The paragraph (block) text from its start up to ``pos`` (at most
        ``PARAGRAPH_LOOKBACK`` characters)."""
        i = bisect.bisect_right(self.block_starts, pos) - 1
        if i < 0:
            return ""
        b = self.blocks[i]
        return self.doc.text[max(b.start, pos - PARAGRAPH_LOOKBACK) : min(pos, b.end)]

    def previous_block_text(self, pos: int) -> str:
        """The body block before the one holding ``pos`` (its last ``PARAGRAPH_LOOKBACK``
        characters): "Trong đó, khu vực dịch vụ tăng 7%" continues the paragraph before."""
        i = bisect.bisect_right(self.block_starts, pos) - 2
        while i >= 0 and self.blocks[i].kind != "paragraph":
            i -= 1
        if i < 0:
            return ""
        b = self.blocks[i]
        return self.doc.text[max(b.start, b.end - PARAGRAPH_LOOKBACK) : b.end]

    def _neighbours(
        self, sib: _Siblings, in_group: set[int], lo: int, hi: int, base: int
    ) -> tuple[int | None, int | None]:
        """End of the last other figure ending by ``lo`` and start of the first other one
        starting from ``hi`` (offsets in the text; ``base`` is the sentence start)."""
        prev_end = next_start = None
        if sib.monotone:
            j = bisect.bisect_right(sib.ends, lo + base) - 1
            while j >= 0 and id(sib.figs[j]) in in_group:
                j -= 1
            prev_end = sib.ends[j] if j >= 0 else None
        else:
            cands = [g.end for g in sib.figs if id(g) not in in_group and g.end <= lo + base]
            prev_end = max(cands, default=None)
        k = bisect.bisect_left(sib.starts, hi + base)
        while k < len(sib.figs) and id(sib.figs[k]) in in_group:
            k += 1
        next_start = sib.starts[k] if k < len(sib.figs) else None
        return prev_end, next_start

    def windows(self, f: Figure, former_units: list[dict]) -> Windows:
        sent = f.sentence or ""
        sib = self.by_sentence.get((f.sentence_start, f.sentence)) or _Siblings([], [], [], True)
        group = (self.groups.get((f.sentence_start, f.sentence, f.group)) if f.group else None) or [
            f
        ]
        in_group = {id(g) for g in group}  # identity: dataclass equality compares every field
        g_start = min(g.start for g in group)
        g_end = max(g.end for g in group)
        rel_s = max(g_start - f.sentence_start, 0)
        rel_e = max(g_end - f.sentence_start, rel_s)
        if not (0 <= f.start - f.sentence_start <= len(sent)) or (
            sent[f.start - f.sentence_start : f.end - f.sentence_start] != f.text
        ):  # sentence offsets unreliable: find the text
            k = sent.find(f.text)
            if k >= 0:
                rel_s, rel_e = k, k + len(f.text)
        before = sent[:rel_s]
        clause_start = before.rfind(";") + 1
        clause = before[clause_start:]
        prev_end = clause_start
        next_start = len(sent)
        p_end, n_start = self._neighbours(sib, in_group, rel_s, rel_e, f.sentence_start)
        if p_end is not None and prev_end < p_end - f.sentence_start <= rel_s:
            prev_end = p_end - f.sentence_start
        if n_start is not None and rel_e <= n_start - f.sentence_start < next_start:
            next_start = n_start - f.sentence_start
        prior = sent[: min(prev_end, rel_s)]
        if not prior.strip():  # "Trong đó: …" opens a sentence: the whole is in the one before
            if f.in_footnote and f.footnote is not None and f.footnote in self.callers:
                prior = self.callers[f.footnote]  # or in the body sentence that calls the note
            else:
                prior = self.block_text(f.sentence_start)[-400:]
        near = sent[prev_end:rel_s] if prev_end <= rel_s else clause
        near = _drop_parens(near)
        tail = _drop_parens(sent[rel_e:next_start])
        m = _AFTER_BREAK.search(tail)
        after = tail[: m.start()] if m else tail
        opened = before.rfind("(")
        paren = before[opened + 1 :] if opened > before.rfind(")") else ""
        context = sent
        if f.in_footnote and f.footnote is not None and f.footnote in self.callers:
            context = sent + " \n " + self.callers[f.footnote]
        paragraph = self.block_text(f.start)
        heading = self.headings(f.start)
        texts = {
            "near": near,
            "clause": clause,
            "before": before,
            "after": after,
            "sentence": sent,
            "context": context,
            "paren": paren,
            "paragraph": paragraph,
            "heading": heading,
            "scope": " \n ".join((context, paragraph, heading)),
            "prior": prior,
            "wide_scope": " \n ".join(
                (context, paragraph, heading, self.previous_block_text(f.start))
            ),
        }
        fu = None
        if f.in_footnote:
            for cand in former_units:
                issuers = cand.get("issuers") or []
                if issuers and self.doc.meta.unit_id not in issuers:
                    continue
                if cand["_re"].search(clause):
                    fu = cand
                    break
        return Windows(texts, fu)


# ----------------------------------------------------------------------------- matching


def _figure_ok(rule: Rule, f: Figure) -> bool:
    if rule.units is not None and _nfc(f.unit or "") not in rule.units:
        return False
    if rule.kinds is not None and f.kind not in rule.kinds:
        return False
    if rule.roles is not None and f.role not in rule.roles:
        return False
    if rule.directions is not None and f.direction not in rule.directions:
        return False
    if rule.figure_bases is not None and f.basis not in rule.figure_bases:
        return False
    if rule.in_footnote is not None and bool(f.in_footnote) != rule.in_footnote:
        return False
    return rule.cumulative is None or bool(f.cumulative) == rule.cumulative


def _text_ok(rule: Rule, w: Windows) -> bool:
    for name, pat in rule.must.items():
        if not pat.search(w.texts[name]):
            return False
    for name, pat in rule.must_not.items():
        if pat.search(w.texts[name]):
            return False
    if rule.former_unit == "require" and w.former_unit is None:
        return False
    return not (rule.former_unit == "forbid" and w.former_unit is not None)


def rule_matches(rule: Rule, f: Figure, w: Windows) -> bool:
    """Whether ``rule`` maps figure ``f`` (with its text windows ``w``)."""
    if rule.concept is not None and (w.concept is None or w.concept.concept != rule.concept):
        return False
    return _figure_ok(rule, f) and _text_ok(rule, w)


def _is_level(f: Figure) -> bool:
    """An amount or a count (it names itself), as opposed to a rate of one."""
    return f.kind in ("level", "fraction", "range") and f.role != "result"


def concept_of(cat: Catalogue, f: Figure, w: Windows) -> ConceptHit | None:
    """The concept figure ``f`` is about (see solieu.concepts)."""
    sent = w.texts["sentence"]
    clause = _drop_parens(w.texts["clause"])
    earlier = sent[: max(0, len(w.texts["before"]) - len(w.texts["clause"]))]
    t = Texts.of(
        near=w.texts["near"],
        clause=clause,
        earlier=_drop_parens(earlier),
        after=w.texts["after"],
        scope=w.texts["wide_scope"],
        sentence=sent,
        prior=w.texts["prior"],
    )
    return resolve(cat.concepts, t, level=_is_level(f), grammar=cat.grammar)


def _excluded(cat: Catalogue, rule: Rule, w: Windows, own_unit: str | None) -> bool:
    """Catalogue-wide exclusions: a value of the whole country, a region or another unit.

    A rule that maps a former unit's value from its footnote label opts out by its nature
    (``former_unit: require``) or explicitly (``global_exclude: false``). A unit named in the
    label is another unit's unless its name is part of the issuer's id ("phường Tam Thanh"
    in the report of ``phuong-tam-thanh``).
    """
    if not rule.global_exclude or rule.former_unit == "require" or w.former_unit is not None:
        return False
    if any(pat.search(w.texts[name]) for name, pat in cat.exclude.items()):
        return True
    own = f"-{own_unit or ''}-"
    for window, pat in cat.named_unit.items():
        for m in pat.finditer(w.texts[window]):
            if f"-{slugify(m.group('name'))}-" not in own:
                return True
    return False


def _flag_excluded(cat: Catalogue, rule: Rule, f: Figure, w: Windows | None = None) -> bool:
    """A figure flagged with a catalogue-excluded flag (``target``: a figure of the next
    period's tasks or of a "Phấn đấu ..." sentence) is not an actual value; only a rule that
    lists the flag in ``allow_flags`` (an indicator about targets) may map it. A goal named in
    the figure's own words (``goal_words``) counts as the flag ``target``."""
    flags = list(f.flags)
    if w is not None and any(p.search(w.texts[n]) for n, p in cat.goal_words.items()):
        flags.append("target")
    return any(fl in cat.exclude_flags and fl not in rule.allow_flags for fl in flags)


def value_period(rule: Rule, f: Figure, w: Windows, doc_period: str) -> str | None:
    """The period a value covers (its label), or None when the report's period does not hold it.

    The figure's own words decide (``Figure.span``: "tháng 10", "quý III", "9 tháng",
    "lũy kế", "ước cả năm 2025"); with none, a cumulative indicator's value runs from 1 January
    to the end of the report's period (``2025-YTD10`` in an October report) and any other the
    report's period. A span is held when it ends with the report's period (the month, quarter
    and year-to-date of a monthly release) or lies inside it (one month of a half-year report);
    a whole-year estimate ("ước cả năm") is filed under the year; an earlier running total or
    the last quarter of the same year is the latest statistics the report quotes. A span the
    words leave unsaid but shorter than the report's ("?") is not published. A rule's
    ``period`` refinement wins.
    """
    refined = _period(rule, doc_period, w)
    if refined != doc_period:
        return refined
    temporal = rule.temporal or rule.indicator.get("temporal")
    try:
        report = parse_period(doc_period)
    except ValueError:
        return doc_period
    if temporal in ("as_of", "annual_rate"):
        return doc_period
    span = f.span
    if span == "?":
        return None
    if span:
        try:
            p = parse_period(span)
        except ValueError:
            return None
        if p.end == report.end or report.contains(p):
            return canonical(span)
        if p.granularity == "year" and p.start.year == report.start.year and f.estimate:
            return span
        if (
            p.granularity in ("ytd", "quarter", "half")
            and p.start.year == report.start.year
            and p.end < report.end
            and (p.granularity != "quarter" or p.end.month > report.end.month - 3)
        ):
            # the latest quarterly statistics a monthly report quotes ("GRDP 9 tháng đầu năm
            # tăng 8,25%" in the October report): filed under their own span
            return canonical(span)
        return None
    if temporal == "cumulative":
        return year_to_date_of(report)
    return doc_period


def _year_estimate_unfiled(cat: Catalogue, w: Windows, period: str, granularity: str) -> bool:
    """A whole-year estimate ("Ước cả năm 2025 ...") must not be filed under a month or half:
    only as the year (its span, or a rule's ``period`` refinement)."""
    if granularity == "year" or re.fullmatch(r"\d{4}", period):
        return False
    return any(pat.search(w.texts[name]) for name, pat in cat.whole_year.items())


def _other_year(cat: Catalogue, w: Windows, period: str) -> bool:
    """The label names a year that is not the value's."""
    if not period[:4].isdigit():
        return False
    for window, pat in cat.other_year.items():
        for m in pat.finditer(w.texts[window]):
            if m.group("year") != period[:4]:
                return True
    return False


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _other_quarter(cat: Catalogue, w: Windows, period: str) -> bool:
    """A quarter's value whose label names another quarter."""
    if not re.fullmatch(r"\d{4}-Q[1-4]", period):
        return False
    own = int(period[-1])
    for window, pat in cat.other_quarter.items():
        for m in pat.finditer(w.texts[window]):
            if _QUARTERS.get(m.group("q").lower()) != own:
                return True
    return False


def _basis(rule: Rule, f: Figure, w: Windows) -> str | None:
    if rule.basis:
        return rule.basis
    for pat, basis in rule.basis_from:
        if pat.search(w.texts["after"]):
            return basis
    return f.basis if rule.keep_figure_basis else None


def _period(rule: Rule, doc_period: str, w: Windows) -> str:
    for window, pat, target in rule.period_rules:
        if pat.search(w.texts[window]):
            if target == "year":
                return doc_period[:4]
            return target
    return doc_period


def _bounds(period: str, temporal: str | None = None) -> tuple[str | None, str | None]:
    """Dates the value covers: those of its period label (``value_period`` chose it: a
    year-to-date label for a running total); a stock (``as_of``) is read at the period's end
    unless the sentence gives its own date (kept in ``as_of``)."""
    try:
        p = parse_period(period)
    except ValueError:
        return None, None
    if temporal == "as_of":
        return p.end.isoformat(), p.end.isoformat()
    return p.start.isoformat(), p.end.isoformat()


def map_observations(
    doc: Document, figures: list[Figure], catalogue_path: Path | str | None = None
) -> list[Observation]:
    """Observations of catalogue indicators found among ``figures`` of ``doc``.

    unit_id is the issuer's unit unless a footnote clause names a former unit (``former_units``
    in the YAML); period is the document's unless a rule's period refinement fires (a whole-year
    estimate in a monthly report). Duplicates within a document are kept and flagged.
    """
    cat = compile_catalogue(str(catalogue_path) if catalogue_path else None)
    ctx = DocContext(doc, figures)
    doc_period = doc.meta.period or ""
    try:
        granularity = parse_period(doc_period).granularity
    except ValueError:  # no period given: take the strictest (monthly) variant of a rule
        granularity = "month"
    out: list[Observation] = []
    former = _former_units(cat, doc.meta.unit_id)
    for f in figures:
        rules = cat.rules_for(f.unit)
        if not rules:
            continue
        w = ctx.windows(f, former)
        if any(r.concept is not None for r in rules):
            w.concept = concept_of(cat, f, w)
        taken: set[str] = set()
        for rule in rules:
            ind_id = rule.indicator["id"]
            if ind_id in taken or (rule.doc_periods and granularity not in rule.doc_periods):
                continue
            if not rule_matches(rule, f, w) or _excluded(cat, rule, w, doc.meta.unit_id):
                continue
            if _flag_excluded(cat, rule, f, w):
                continue
            period = value_period(rule, f, w, doc_period)
            if period is None:
                continue  # the value covers a span the report's period does not hold
            if _year_estimate_unfiled(cat, w, period, granularity):
                continue
            if _other_year(cat, w, period) or _other_quarter(cat, w, period):
                continue
            taken.add(ind_id)
            out.append(_observation(doc, f, w, rule, doc_period, period, cat.span_start))
    out = _apply_preferences(cat, out)
    flag_duplicates(out)
    return out


def _apply_preferences(cat: Catalogue, obs: list[Observation]) -> list[Observation]:
    """Within a sentence, a figure mapped through a preferred concept overrules the figures
    mapped through the concept it is preferred over (``prefer`` in the catalogue)."""
    if not cat.prefer:
        return obs
    by_quote: dict[str, set[str]] = defaultdict(set)
    for o in obs:
        if o.concept:
            by_quote[o.quote].add(o.concept)
    dropped = {
        (quote, other)
        for quote, found in by_quote.items()
        for preferred, other in cat.prefer
        if preferred in found and other in found
    }
    return [o for o in obs if (o.quote, o.concept) not in dropped]


def _former_units(cat: Catalogue, unit_id: str | None) -> list[dict[str, Any]]:
    """The units the issuer was formed from, each with the pattern of a footnote clause that
    gives its value ("<name> (cũ): …"), from the unit lineage (`solieu.units`); plus any the
    catalogue lists in ``former_units`` (none: no rule names a place)."""
    from solieu.units import former_unit_labels

    return [
        *cat.former_units,
        *({**fu, "issuers": [unit_id]} for fu in former_unit_labels(unit_id)),
    ]


def _explicit_start(span_start: dict[str, re.Pattern], w: Windows) -> str | None:
    """ISO date of a "từ ngày 01/7/2025" the clause gives as the first day of a flow."""
    for window, pat in span_start.items():
        for m in pat.finditer(w.texts[window]):
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
            except ValueError:
                continue
    return None


def _observation(
    doc: Document,
    f: Figure,
    w: Windows,
    rule: Rule,
    doc_period: str,
    period: str,
    span_start: dict[str, re.Pattern] | None = None,
) -> Observation:
    ind = rule.indicator
    value = float(f.value)
    if rule.signed and f.direction == "decrease":
        value = -value
    unit_id = doc.meta.unit_id or ""
    flags: list[str] = []
    if w.former_unit is not None:
        unit_id = w.former_unit["unit_id"]
        flags.append("former_unit")
    temporal = rule.temporal or ind.get("temporal")
    start, end = _bounds(period, temporal)
    year_estimate = bool(re.fullmatch(r"\d{4}", period)) and period != doc_period
    if f.as_of and start and f.as_of >= start and not year_estimate:
        # "tính đến ngày 10/7/2025": a stock is read on that day, a running total ends there
        end = f.as_of
        if temporal == "as_of":
            start = f.as_of
    first = _explicit_start(span_start or {}, w)
    if first and temporal != "as_of" and start and end and start <= first <= end:
        # "từ ngày 01/7/2025 đến nay": counted since that day, not 1 January; no standard span
        # names that, so the value is filed under the report's period with its own dates
        start = first
        if not f.span:
            period = doc_period
    estimate = bool(f.estimate) or bool(
        rule.estimate_if and rule.estimate_if.search(w.texts["clause"])
    )
    derivation = rule.derivation or ("implied" if f.role == "denominator" else "stated")
    if f.in_footnote:
        flags.append("in_footnote")
    basis = _basis(rule, f, w)
    why = _why(rule, f, w, basis)
    if "over_basis" in f.flags:
        # "vượt 23,2% dự toán": the estimate exceeded by 23,2 % is 123,2 % of it
        value = 100.0 + value
        derivation = "implied"
        why += f"; “vượt {f.text}” = 100 + {f.value:g} %"
    return Observation(
        observation_id=f"{f.figure_id}.{ind['id']}",
        indicator_id=ind["id"],
        unit_id=unit_id,
        period=period,
        value=value,
        unit=ind["unit"],
        document_id=doc.meta.document_id,
        figure_id=f.figure_id,
        quote=f.sentence,
        start=f.start,
        end=f.end,
        period_start=start,
        period_end=end,
        as_of=f.as_of,
        basis=basis,
        qualifier=f.qualifier,
        estimate=estimate,
        derivation=derivation,
        flags=flags,
        why=why,
        concept=rule.concept,
    )


def _why(rule: Rule, f: Figure, w: Windows, basis: str | None) -> str:
    """Why a figure was mapped, for a reviewer: the concept and the words that named it (or
    the rule and the windows it tested), then the figure's kind, unit and basis."""
    if rule.concept is not None and w.concept is not None:
        head = w.concept.describe()
    else:
        tested = sorted({*rule.must, *(f"not_{k}" for k in rule.must_not)})
        head = f"rule {rule.index + 1} of {rule.indicator['id']}"
        if tested:
            head += f" (windows: {', '.join(tested)})"
    parts = [head, f"figure: {f.kind} {f.unit or '(no unit)'}"]
    if basis:
        parts.append(f"basis: {basis}")
    if w.former_unit is not None:
        parts.append(f"former unit: {w.former_unit['unit_id']}")
    return "; ".join(parts)


def flag_duplicates(obs: list[Observation]) -> None:
    """Flag several values for one (indicator, unit, period, basis, start) within a document.

    All are kept; values that start on different days (a quarter's growth and the year-to-date
    one of a quarterly report) are not duplicates; two as-of dates of one span are.
    ``contradiction`` is added when values differ and nothing the report says explains the
    difference (same estimate flag and same as-of date); an estimate beside an actual value,
    or two as-of dates, is a revision, flagged ``differs`` instead.

    Linear in the number of observations: each group keeps the smallest and largest value per
    footing (estimate, as-of date), and an observation is compared with those extremes, not
    with every other member (a report repeating one sentence made the pairwise way quadratic).
    """
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in obs:
        key = (o.document_id, o.indicator_id, o.unit_id, o.period, o.basis)
        groups[(*key, o.period_start)].append(o)
    for group in groups.values():
        if len(group) < 2:
            continue
        footings: dict[tuple, tuple[float, float]] = {}
        for o in group:
            k = (o.estimate, o.as_of)
            lo, hi = footings.get(k, (o.value, o.value))
            footings[k] = (min(lo, o.value), max(hi, o.value))
        by_min = sorted(footings.items(), key=lambda kv: kv[1][0])[:2]
        by_max = sorted(footings.items(), key=lambda kv: -kv[1][1])[:2]
        for o in group:
            k = (o.estimate, o.as_of)
            tol = 1e-9 * max(1.0, abs(o.value))
            if "duplicate_in_document" not in o.flags:
                o.flags.append("duplicate_in_document")
            lo, hi = footings[k]
            if (hi - o.value > tol or o.value - lo > tol) and "contradiction" not in o.flags:
                o.flags.append("contradiction")
            other_lo = next((mm[0] for kk, mm in by_min if kk != k), o.value)
            other_hi = next((mm[1] for kk, mm in by_max if kk != k), o.value)
            if (other_hi - o.value > tol or o.value - other_lo > tol) and "differs" not in o.flags:
                o.flags.append("differs")
