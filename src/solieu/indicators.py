"""Stage 3: map figures to catalogue indicators, by rules kept in ``data/indicators.yaml``.

A figure is a number as written; an observation says *what* it measures, for *which* unit and
*which* period. The mapping is deliberately generic: every indicator-specific word lives in
the YAML catalogue, and this module only evaluates the rule vocabulary (text windows around
the figure, figure attributes, basis and period refinements). Adding an indicator is a YAML
change. Precision beats recall: a rule that is not sure does not fire, and the figure stays a
figure.

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

Catalogue-wide guards (top-level YAML keys, each ``window: pattern``), applied to every rule so
that no indicator needs its own copy: ``exclude`` (national or regional values, shares of
sub-units), ``named_unit`` (a unit named in the label that is not the issuer), ``other_year``
(a label naming another year), ``sub_period`` (one month inside a longer report), and
``whole_year`` (a whole-year estimate, mapped only by a rule whose ``period`` refinement files
it under the year), and ``exclude_figure_flags`` (figures flagged ``target`` by the figure
stage: the next period's tasks and "Phấn đấu ..." intents, mapped only by a rule that lists the
flag in ``allow_flags``), and ``other_quarter`` (a label naming another quarter than a quarterly
report's own). In a monthly report an in-period indicator takes no year-to-date figure and a
cumulative indicator no figure scoped to the month. A rule's own ``temporal`` overrides the
indicator's for the dates of its values (the quarter's growth of a quarterly report).
Observation dates follow the indicator's ``temporal``: a cumulative flow
runs from 1 January to the period's end (or to the sentence's as-of date); ``period`` stays the
report's label.

Closed parenthetical asides are removed from ``near`` and ``after`` ("đạt 40,2% kế hoạch (tỷ lệ
... cả nước), đạt 31,0%" labels 31,0% with ", đạt"). The parts of a fraction or ratio (one
``group``) share their windows: the denominator of "đã giải quyết 261/596" is labelled by the
words before 261, and the words after 596 follow the whole group.
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
import yaml
from slugify import slugify

from solieu.model import Document, Figure, Observation
from solieu.paths import DATA_DIR
from solieu.periods import parse_period, year_start

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


def _flatten(p: Any) -> list[str]:
    """Patterns as a flat list: YAML aliases of shared lists (``*month_scope``) nest lists."""
    if isinstance(p, list):
        return [x for item in p for x in _flatten(item)]
    return [str(p)]


def _compile(p: str | list) -> re.Pattern:
    items = _flatten(p)
    joined = items[0] if len(items) == 1 else "|".join(f"(?:{x})" for x in items)
    return re.compile(_nfc(joined), _FLAGS)


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
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
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
    # window -> pattern scoping a figure to one month (or quarter) of a longer report
    sub_period: dict[str, dict[str, re.Pattern]] = field(default_factory=dict)
    # window -> pattern of a whole-year estimate ("ước cả năm"): only a rule whose ``period``
    # refinement files it under the year may map it
    whole_year: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with a ``name`` group: a unit named there that is not the issuer's
    # own ("huyện Cao Lộc tiếp nhận 500 hồ sơ" in the province's report) owns the value
    named_unit: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with a ``year`` group: a label naming another year than the report's
    other_year: dict[str, re.Pattern] = field(default_factory=dict)
    # window -> pattern with d, m, y groups: the first day a flow counts from ("từ ngày 01/7/2025")
    span_start: dict[str, re.Pattern] = field(default_factory=dict)
    # figure flags no rule maps unless it opts in (``target``: a plan, not an actual value)
    exclude_flags: set[str] = field(default_factory=set)
    # window -> pattern with a ``q`` group: a label naming another quarter than a quarterly
    # report's own ("GRDP quý II" in the Q3 report)
    other_quarter: dict[str, re.Pattern] = field(default_factory=dict)
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
    former = []
    for fu in data.get("former_units") or []:
        former.append({**fu, "_re": _compile(fu["label"])})
    rules: list[Rule] = []
    for ind in data["indicators"]:
        for i, spec in enumerate(ind.get("rules") or []):
            rules.append(_compile_rule(ind, i, spec, bases))
    exclude = {w: _compile(p) for w, p in (data.get("exclude") or {}).items() if p}
    unknown = set(exclude) - set(WINDOWS)
    if unknown:
        raise ValueError(f"{path or CATALOGUE_PATH}: exclude names unknown windows {unknown}")
    sub_period = {
        span: {w: _compile(p) for w, p in (windows or {}).items() if p}
        for span, windows in (data.get("sub_period") or {}).items()
    }
    if set(sub_period) - set(_SPAN_ORDER):
        raise ValueError(f"{path or CATALOGUE_PATH}: sub_period spans are {list(_SPAN_ORDER)}")
    whole_year = {w: _compile(p) for w, p in (data.get("whole_year") or {}).items() if p}
    named_unit = {w: _compile(p) for w, p in (data.get("named_unit") or {}).items() if p}
    other_year = {w: _compile(p) for w, p in (data.get("other_year") or {}).items() if p}
    span_start = {w: _compile(p) for w, p in (data.get("span_start") or {}).items() if p}
    other_quarter = {w: _compile(p) for w, p in (data.get("other_quarter") or {}).items() if p}
    spans = {w for windows in sub_period.values() for w in windows}
    spans |= set(whole_year) | set(named_unit) | set(other_year) | set(span_start)
    spans |= set(other_quarter)
    unknown |= spans - set(WINDOWS)
    if unknown:
        raise ValueError(f"{path or CATALOGUE_PATH}: unknown windows {unknown}")
    return Catalogue(
        data["indicators"],
        rules,
        former,
        bases,
        exclude,
        sub_period,
        whole_year,
        named_unit,
        other_year,
        span_start,
        {str(x) for x in data.get("exclude_figure_flags") or []},
        other_quarter,
    )


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
    return _figure_ok(rule, f) and _text_ok(rule, w)


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


def _flag_excluded(cat: Catalogue, rule: Rule, f: Figure) -> bool:
    """A figure flagged with a catalogue-excluded flag (``target``: a figure of the next
    period's tasks or of a "Phấn đấu ..." sentence) is not an actual value; only a rule that
    lists the flag in ``allow_flags`` (an indicator about targets) may map it."""
    return any(fl in cat.exclude_flags and fl not in rule.allow_flags for fl in f.flags)


def _wrong_span(cat: Catalogue, rule: Rule, f: Figure, w: Windows, granularity: str) -> bool:
    """A monthly report's month count and its year-to-date count are not interchangeable.

    The figure stage marks "lũy kế", "từ đầu năm", "tính chung" as cumulative; in a monthly
    report such a count covers January to the month, not the month an in-period observation
    is for. Conversely a count the clause scopes to the month ("Trong tháng có 61 doanh
    nghiệp thành lập mới", "tháng 9 ...") is not a cumulative indicator's year-to-date value.
    """
    temporal = rule.indicator.get("temporal")
    if granularity != "month":
        return False
    if temporal == "in_period":
        return bool(f.cumulative)
    if temporal == "cumulative" and not f.cumulative:
        month = cat.sub_period.get("month", {})
        return any(pat.search(w.texts[name]) for name, pat in month.items())
    return False


_SPAN_ORDER = {"month": 0, "quarter": 1, "half": 2, "year": 3}


def _sub_period(cat: Catalogue, rule: Rule, w: Windows, granularity: str) -> bool:
    """A flow a longer report gives for one of its months ("Trong tháng 6, ...") is not the
    value of the report's period; it is left a figure rather than filed under the half year.
    A scope as long as the report's own ("quý III" in a Q3 report) is the report's period."""
    if rule.indicator.get("temporal") == "as_of":
        return False
    rank = _SPAN_ORDER.get(granularity, 0)
    return any(
        pat.search(w.texts[name])
        for span, windows in cat.sub_period.items()
        if _SPAN_ORDER[span] < rank
        for name, pat in windows.items()
    )


def _year_estimate_unfiled(
    cat: Catalogue, rule: Rule, w: Windows, doc_period: str, granularity: str
) -> bool:
    """A whole-year estimate ("Ước cả năm 2025 ...") must not be filed under a month or half.

    Only a rule whose ``period`` refinement moves the value to the year may map it.
    """
    if granularity == "year" or _period(rule, doc_period, w) != doc_period:
        return False
    return any(pat.search(w.texts[name]) for name, pat in cat.whole_year.items())


def _other_year(cat: Catalogue, rule: Rule, w: Windows, doc_period: str) -> bool:
    """The label names a year that is not the report's (and no period rule moved it there)."""
    period = _period(rule, doc_period, w)
    if not period[:4].isdigit():
        return False
    for window, pat in cat.other_year.items():
        for m in pat.finditer(w.texts[window]):
            if m.group("year") != period[:4]:
                return True
    return False


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _other_quarter(cat: Catalogue, rule: Rule, w: Windows, doc_period: str) -> bool:
    """In a quarterly report, the label names another quarter than the report's own."""
    period = _period(rule, doc_period, w)
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
    """Dates the value covers: a cumulative flow runs from 1 January to the period's end.

    ``period`` stays the report's label (the key users compare by), while the bounds say what
    the number measures: "lũy kế đến hết tháng 10" in an October report is 01-01 to 10-31; a
    count "trong tháng" is the month; a stock (``as_of``) is read at the period's end unless the
    sentence gives its own date (kept in ``as_of``).
    """
    try:
        p = parse_period(period)
    except ValueError:
        return None, None
    if temporal == "cumulative":
        return year_start(p).isoformat(), p.end.isoformat()
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
    for f in figures:
        rules = cat.rules_for(f.unit)
        if not rules:
            continue
        w = ctx.windows(f, cat.former_units)
        taken: set[str] = set()
        for rule in rules:
            ind_id = rule.indicator["id"]
            if ind_id in taken or (rule.doc_periods and granularity not in rule.doc_periods):
                continue
            if not rule_matches(rule, f, w) or _excluded(cat, rule, w, doc.meta.unit_id):
                continue
            if _flag_excluded(cat, rule, f):
                continue
            if _wrong_span(cat, rule, f, w, granularity) or _sub_period(cat, rule, w, granularity):
                continue
            if _year_estimate_unfiled(cat, rule, w, doc_period, granularity):
                continue
            if _other_year(cat, rule, w, doc_period) or _other_quarter(cat, rule, w, doc_period):
                continue
            taken.add(ind_id)
            out.append(_observation(doc, f, w, rule, doc_period, cat.span_start))
    flag_duplicates(out)
    return out


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
    period = _period(rule, doc_period, w)
    temporal = rule.temporal or ind.get("temporal")
    start, end = _bounds(period, temporal)
    if f.as_of and period == doc_period and start and f.as_of >= start:
        # "tính đến ngày 10/7/2025": a stock is read on that day, a running total ends there
        end = f.as_of
        if temporal == "as_of":
            start = f.as_of
    first = _explicit_start(span_start or {}, w)
    if first and temporal != "as_of" and start and end and start <= first <= end:
        start = first  # "từ ngày 01/7/2025 đến nay": counted since that day, not 1 January
    estimate = bool(f.estimate) or bool(
        rule.estimate_if and rule.estimate_if.search(w.texts["clause"])
    )
    derivation = rule.derivation or ("implied" if f.role == "denominator" else "stated")
    if f.in_footnote:
        flags.append("in_footnote")
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
        basis=_basis(rule, f, w),
        qualifier=f.qualifier,
        estimate=estimate,
        derivation=derivation,
        flags=flags,
    )


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
