"""Stage 2: every quantitative number in a report, parsed and placed.

``extract_figures`` walks the body and footnote blocks of a :class:`Document`, finds
numerals, drops the ones that are dates, document numbers, names, labels or years, reads
the scale word and unit after each, and the words around it that say what it is (a change,
a ratio to a reference, a share of a plan, percentage points), its comparison basis,
qualifier, and whether it is an estimate, a cumulative total or a value as of a date.

The grammar is deliberately conservative: a number whose reading is doubtful is dropped
or flagged rather than guessed, because a wrong public number does more harm than a
missing one. All words come from ``data/vi/numbers.yaml`` through :mod:`solieu.numbers`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import regex

from .model import Block, Document, Figure
from .numbers import (
    NUMERAL,
    UnitMatch,
    Vocab,
    load_vocab,
    match_phrase_at,
    match_phrase_before,
    match_unit,
    parse_vi_number,
    words_pattern,
)

_DASH = regex.compile(r"[ \t]*[-–—][ \t]*")
_TO = regex.compile(r"\s+(?:đến|tới)\s+", regex.IGNORECASE)
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_DATE = regex.compile(r"(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})")
_MONTH = regex.compile(r"tháng\s+(\d{1,2})\s*/\s*((?:19|20)\d{2})", regex.IGNORECASE)
_SENT_END = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}\d(“\"‘'*\-–+])")
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
    v = load_vocab()
    text = doc.text
    blocks = doc.blocks or [Block(0, "paragraph", 0, len(text))]
    out: list[Figure] = []
    seen: Counter[tuple[str, str]] = Counter()
    for block in blocks:
        if block.kind == "heading":
            continue
        excluded = _excluded_spans(text, block.start, block.end, v)
        for s_start, s_end in _sentences(text, block.start, block.end, v):
            sentence = text[s_start:s_end]
            drafts = _sentence_figures(text, s_start, s_end, excluded, v)
            ids: dict[int, str] = {}
            for d in drafts:
                raw = text[d.start : d.end]
                occ = seen[(sentence, raw)]
                seen[(sentence, raw)] += 1
                digest = hashlib.sha1(f"{sentence}|{raw}|{occ}".encode()).hexdigest()[:10]
                fid = f"{doc.meta.document_id}.{digest}"
                group = None
                if d.group is not None:
                    group = ids.setdefault(d.group, fid)
                ctx = _context(text, s_start, d.start, v)
                out.append(
                    Figure(
                        figure_id=fid,
                        document_id=doc.meta.document_id,
                        value=d.value,
                        unit=d.unit,
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
                        sentence=sentence,
                        sentence_start=s_start,
                        section=block.section,
                        in_footnote=block.kind == "footnote",
                        footnote=block.footnote if block.kind == "footnote" else None,
                        group=group,
                        role=d.role,
                        flags=list(d.flags),
                    )
                )
    return out


# --------------------------------------------------------------------------- sentences


def _sentences(text: str, start: int, end: int, v: Vocab) -> list[tuple[int, int]]:
    """Split a block into sentences at ". " + capital/digit, ignoring abbreviations."""
    abbrevs = tuple(v.phrases("abbreviations"))
    cuts = [start]
    for m in _SENT_END.finditer(text, start, end):
        before = text[max(start, m.start() - 8) : m.start()]
        if before.endswith(abbrevs):
            continue
        cuts.append(m.end())
    cuts.append(end)
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


# --------------------------------------------------------------------------- exclusions


def _excluded_spans(text: str, start: int, end: int, v: Vocab) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pat in _not_figure_patterns(v):
        for m in pat.finditer(text, start, end, overlapped=False):
            spans.append((m.start(), m.end()))
    return spans


_PATTERN_CACHE: list[regex.Pattern[str]] = []


def _not_figure_patterns(v: Vocab) -> list[regex.Pattern[str]]:
    if not _PATTERN_CACHE:
        _PATTERN_CACHE.extend(regex.compile(p) for p in v.raw["not_figure_patterns"].values())
    return _PATTERN_CACHE


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


def _name_before(text: str, s: int, s_start: int, v: Vocab) -> bool:
    """A number right after a word that makes it a name, label, date part or ordinal."""
    hit = match_phrase_before(text, s, v.phrases("not_figure_before"))
    if not hit:
        return False
    if match_phrase_before(text, s, v.phrases("figure_before_override")):
        return False
    return hit[1] >= s_start


# --------------------------------------------------------------------------- per sentence


def _sentence_figures(
    text: str, s_start: int, s_end: int, excluded: list[tuple[int, int]], v: Vocab
) -> list[_Draft]:
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
        if _in_spans(s, e, excluded) or _is_label(text, s, e, s_start):
            continue
        rank = match_phrase_before(text, s, v.phrases("rank_before"))
        if rank and not _numeral_after(text, e, s_end, regex.compile(r"/")):
            num = parse_vi_number(m.group(0))
            drafts.append(_Draft(num.value, "rank", s, e, kind="rank", flags=list(num.flags)))
            continue
        if not rank and _name_before(text, s, s_start, v):
            # skip the whole x/y or x-y chain so the second part is not read alone
            pos = _skip_chain(text, e, s_end)
            continue
        try:
            num = parse_vi_number(m.group(0))
        except ValueError:
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
    return drafts


@dataclass
class _State:
    """What the sentence loop remembers between numerals."""

    s_start: int = 0
    s_end: int = 0
    prev_end: int = 0
    prev_noun: str | None = None


def _skip_chain(text: str, e: int, s_end: int) -> int:
    chain = regex.compile(r"(?:\s*[/\-–]\s*[\d.,]+\p{Lu}?)+")
    m = chain.match(text, e, s_end)
    return m.end() if m else e


def _read_at(
    text: str,
    s: int,
    e: int,
    value: float,
    flags: list[str],
    s_end: int,
    excluded: list[tuple[int, int]],
    v: Vocab,
    group: int,
    state: _State,
) -> tuple[list[_Draft], int]:
    """Read the figure(s) starting with the numeral at [s, e): fraction, range or single."""
    # fraction / ratio "a/b unit" (possibly "= c%" or "(c%)")
    second = _numeral_after(text, e, s_end, regex.compile(r"/"))
    if second:
        return _read_fraction(text, s, e, value, flags, second, s_end, v, group, state)
    # range "a - b unit" / "từ a đến b unit"
    rng = _read_range(text, s, e, value, flags, s_end, excluded, v)
    if rng:
        return [rng], rng.end
    unit = match_unit(text, e, v)
    if unit is None or unit.unit in _not_unit_words(v) or _unit_is_period(text, e, v):
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
    second = _numeral_after(text, d.end, s_end, regex.compile(r"[ \t]*/[ \t]*"))
    if second and not _DATE.match(text, second.start()):
        return _unit_inside_fraction(text, d, unit, second, s_end, v, group)
    _classify(text, s, d, unit, v)
    return [d], d.end


def _unit_inside_fraction(text, d, unit, second, s_end, v, group):
    den = parse_vi_number(second.group(0))
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
    pv = parse_vi_number(n.group(0))
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
    if not regex.match(r"[ \t]*(?:[;.,)/=:]|chiếm|$)", text[e : min(e + 8, state.s_end)]):
        return None
    fraction = "/" in text[s:e]
    colon = regex.search(r":[ \t]*$", text[max(0, s - 3) : s])
    if not (fraction or colon or text[s] == "0"):
        return None  # "khu chế xuất 1", "lớp 10": without ":" a plain number names a thing
    lo = max(state.s_start, state.prev_end, s - 80)
    window = text[lo:s]
    last_digit = max((m.end() for m in regex.finditer(r"[\d%]", window)), default=0)
    window = window[last_digit:]
    pat = _noun_finder(v)
    friend_spans = [(f.start(), f.end()) for f in _false_friends(v).finditer(window)]
    ignore = {w.lower() for w in v.phrases("noun_before_ignore")}

    def usable(m: regex.Match[str]) -> bool:
        key = " ".join(m.group(0).split()).lower()
        return not _in_spans(m.start(), m.end(), friend_spans) and key not in ignore

    found = None
    # (1) the label starts with the noun: "hồ sơ hủy: 09", "đơn khiếu nại 01"
    label = regex.sub(r"[\s:]+$", "", window)
    seg_start = max(label.rfind(c) for c in ";(:\n") + 1
    seg_start += len(label[seg_start:]) - len(label[seg_start:].lstrip())
    m = pat.match(label, seg_start)
    if m and usable(m) and label[m.end() :].strip():
        found = m
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
    # (3) a list right after a number that took its noun this way
    if state.prev_noun and regex.search(r"[;,]", window):
        return state.prev_noun
    return None


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


def _unit_is_period(text: str, e: int, v: Vocab) -> bool:
    """ "6 tháng đầu năm", "05 năm", "3 sao", "18 tuổi": the number is not a quantity."""
    p = regex.compile(r"\s*").match(text, e).end()
    return match_phrase_at(text, p, v.phrases("not_unit_words")) is not None


def _after_proper_name(text: str, s: int) -> bool:
    """ "Chi Lăng 2", "Hồ Sơn 1": a number right after a capitalised word is part of a name."""
    return bool(regex.search(r"\p{Lu}[\p{L}\p{M}]*[ \t]+$", text[max(0, s - 30) : s]))


def _is_bare_figure(text: str, s: int, e: int, value: float, v: Vocab) -> bool:
    """A unitless number is kept only after a cue such as "đạt", "tăng", "tổng số"."""
    if _YEAR.fullmatch(text[s:e]) or _after_proper_name(text, s):
        return False
    after = text[e : e + 1]
    if after and (after.isalpha() or after in "/-–"):
        return False
    nxt = regex.match(r"\s*(\p{L}[\p{L}\p{M}]*)", text[e : e + 30])
    if nxt and nxt.group(1)[:1].isupper():
        return False
    return match_phrase_before(text, s, v.phrases("bare_cues")) is not None


def _draft_with_unit(text: str, s: int, value: float, u: UnitMatch, flags: list[str]) -> _Draft:
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
    if regex.match(r"[/\-–]\d", text[e2 : e2 + 2]):
        return [], _skip_chain(text, e2, s_end)
    rank = match_phrase_before(text, s, v.phrases("rank_before"))
    unit = match_unit(text, e2, v)
    if unit is not None and unit.unit.lower() in _not_unit_words(v):
        unit = None
    if rank:
        d = _Draft(value, "rank", s, e2, kind="rank", flags=flags + [f"rank_of:{den.value:g}"])
        return [d], e2
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
    if not n or _in_spans(n.start(), n.end(), excluded):
        return None
    try:
        hi = parse_vi_number(n.group(0))
    except ValueError:
        return None
    if hi.value <= value:
        return None
    unit = match_unit(text, n.end(), v)
    if unit is None or unit.unit.lower() in _not_unit_words(v) or _unit_is_period(text, n.end(), v):
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
    post = match_phrase_at(
        text, regex.compile(r"\s*").match(text, d.end).end(), v.phrases("post_qualifiers")
    )
    if post:
        d.qualifier = v.raw["post_qualifiers"][post[0]]
    is_pct = d.unit == "percent"
    is_times = d.unit in v.phrases("ratio_units")
    if is_pct or is_times or d.kind == "pp" or d.direction:
        # a basis qualifies a comparison; after a count it is part of a name
        # ("02 chương trình mục tiêu quốc gia")
        d.basis = _basis_after(text, d.end, v)
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
        if d.basis in _PERIOD_BASES:
            d.kind = "ratio"
        elif d.basis is not None:
            d.kind = "percent"
        elif match_phrase_before(text, left, v.phrases("ratio_words")):
            d.kind = "ratio"
        else:
            d.kind = "percent"


_PERIOD_BASES = {"same_period", "previous_month", "previous_year"}


def _minus_before(text: str, s: int) -> bool:
    """A minus sign glued to the number, after "(", ":", "=" or a space."""
    return bool(regex.search(r"(?:^|[\s(:=])[-−]$", text[max(0, s - 2) : s]))


def _pp_after(text: str, end: int) -> bool:
    return bool(regex.match(r"\s+điểm\s+phần\s+trăm", text[end : end + 25], regex.IGNORECASE))


def _same_clause(text: str, a: int, b: int) -> bool:
    return not regex.search(r"[;:.]", text[a:b])


_BASIS_LEAD = regex.compile(
    r"(?:[ \t]*\([^()\n]{0,25}\))?"  # a short aside: "giảm 3 người (-12,5%) so với ..."
    r"[ \t]*\)?[ \t]*,?[ \t]*"
    r"(?:(?:so\s+với|so|của|với|vượt|bằng)\s+)?"
    r"(?:(?:mức|cùng\s+thời\s+điểm)\s+)?",
    regex.IGNORECASE,
)


def _basis_after(text: str, end: int, v: Vocab) -> str | None:
    p = _BASIS_LEAD.match(text, end).end()
    hit = match_phrase_at(text, p, v.phrases("bases"), ignore_case=False)
    if hit is None:
        hit = match_phrase_at(text, p, [b for b in v.phrases("bases") if not b.isupper()])
    return v.raw["bases"][hit[0]] if hit else None


# --------------------------------------------------------------------------- context


def _context(text: str, s_start: int, fig_start: int, v: Vocab) -> dict[str, object]:
    """Estimate / cumulative flags and as-of date from the clause and sentence before."""
    sent_before = text[s_start:fig_start]
    clause_start = max(sent_before.rfind(";"), -1) + 1
    clause = sent_before[clause_start:]
    return {
        "estimate": _has_marker(clause, v.phrases("estimate_markers")),
        "cumulative": _has_marker(clause, v.phrases("cumulative_markers")),
        "as_of": _as_of(clause) or _as_of(sent_before, v),
    }


_MARKER_CACHE: dict[tuple[str, ...], regex.Pattern[str]] = {}


def _has_marker(s: str, phrases: list[str]) -> bool:
    key = tuple(phrases)
    pat = _MARKER_CACHE.get(key)
    if pat is None:
        alt = "|".join(words_pattern(p) for p in sorted(phrases, key=len, reverse=True))
        guard = "|".join(regex.escape(w) for w in load_vocab().phrases("marker_not_after"))
        pat = regex.compile(rf"(?<!(?:{guard})\s)(?:{alt})", regex.IGNORECASE)
        _MARKER_CACHE[key] = pat
    return bool(pat.search(s))


_AS_OF_CACHE: list[regex.Pattern[str]] = []


def _as_of(s: str, v: Vocab | None = None) -> str | None:
    """ISO date of the last as-of phrase in ``s`` ("tính đến ngày 10/7/2025")."""
    if not _AS_OF_CACHE:
        vv = v or load_vocab()
        alt = "|".join(
            words_pattern(p) for p in sorted(vv.phrases("as_of_markers"), key=len, reverse=True)
        )
        _AS_OF_CACHE.append(
            regex.compile(
                rf"(?:{alt})\s+(?:ngày\s+)?(?:(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*((?:19|20)\d{{2}})"
                rf"|tháng\s+(\d{{1,2}})\s*/\s*((?:19|20)\d{{2}}))",
                regex.IGNORECASE,
            )
        )
    found = None
    for m in _AS_OF_CACHE[0].finditer(s):
        found = m
    if not found:
        return None
    import calendar
    import datetime as dt

    try:
        if found.group(1):
            day, month, year = int(found.group(1)), int(found.group(2)), int(found.group(3))
        else:
            month, year = int(found.group(4)), int(found.group(5))
            day = calendar.monthrange(year, month)[1]
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
