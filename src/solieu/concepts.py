"""What a number is about: the concept named closest to it (part of stage 3, indicators).

Reports name a quantity before it ("Tổng thu ngân sách nhà nước trên địa bàn ước đạt X",
"tiếp nhận X hồ sơ") or, for some counts and shares, right after it ("X doanh nghiệp thành lập
mới", "X% người dân tham gia bảo hiểm y tế"). The catalogue (``concepts`` in
``data/indicators.yaml``) lists, per concept, the ways reports name it. Concepts that no
indicator publishes are listed too ("thu nội địa", "giá trị sản xuất", one crop's area, a
contribution to growth...): they claim their own numbers, so that a number is never given to
the nearest *published* concept when the words right before it name another thing.

Resolution, for one figure:

1. a name matched at the start of the words right after the figure (``after``) wins: it is
   glued to the number;
2. else the name that ends closest before the figure in its ``near`` window (since the previous
   figure), then — for a rate or a change that qualifies an amount ("…X tỷ đồng, đạt 70% dự
   toán, tăng 5%") or a count joined by "và" — in its clause, then, when the clause has no
   subject of its own ("…; đạt 33% so với dự toán huyện giao"), in the clauses before it;
3. the chosen concept must find its ``context`` in the figure's scope (sentence, paragraph,
   headings) and none of its ``unless`` patterns in the sentence; otherwise the figure has no
   concept (precision first: no fallback to a farther name).

Names are regular expressions (case-insensitive, NFC) in which a space stands for any run of
whitespace; they match whole words. Ties: the match that ends later wins, then the longer one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex as re

from solieu import literals

_FLAGS = re.IGNORECASE | re.VERSION1
# Simple case folding: Vietnamese letters fold one to one, and full folding (the VERSION1
# default) makes the catalogue's large alternations several times slower.
_SIMPLE_CASE = "(?-f)"
_BOUND_L = r"(?<![\p{L}\p{M}\p{N}])"
_BOUND_R = r"(?![\p{L}\p{M}\p{N}])"


@dataclass(frozen=True)
class Concept:
    """One concept of the catalogue, its names compiled."""

    id: str
    names: re.Pattern | None  # searched backwards: the match that ends last
    sure: re.Pattern | None  # names that need no context ("khu vực công nghiệp và xây dựng")
    after: re.Pattern | None  # anchored at the start of the words after the figure
    context: re.Pattern | None
    unless: re.Pattern | None
    # the name is the complement of another noun right before it ("doanh thu khu vực dịch vụ",
    # "dư nợ cho vay khu vực nông nghiệp"): then it does not name this concept
    not_preceded_by: re.Pattern | None = None
    # each name (of ``names``, then of ``sure``) as a regex, and whether it is a sure name:
    # searched one by one, only those whose literal words a text holds (`solieu.literals`)
    each_name: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class ConceptHit:
    """The concept a figure is about, and the words that named it."""

    concept: str
    name: str  # the name as written in the report
    where: str  # after | before | clause | earlier clause
    sure: bool = False  # named by a name that needs no context
    lead: str = ""  # the words right before the name (up to 40 characters)

    def describe(self) -> str:
        place = {
            "after": "right after the number",
            "before": "right before the number",
            "clause": "in its clause",
            "earlier clause": "in the clause it continues",
        }[self.where]
        return f"{self.concept}: “{' '.join(self.name.split())}” {place}"


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# Old and new placement of the tone mark ("thuỷ sản" / "thủy sản", "hoá" / "hóa"): both are
# written; names and texts are compared in the new placement. Same length, so offsets hold.
_TONES = {
    **{f"o{a}": f"{b}a" for a, b in zip("àáảãạ", "òóỏõọ", strict=True)},
    **{f"o{a}": f"{b}e" for a, b in zip("èéẻẽẹ", "òóỏõọ", strict=True)},
    **{f"u{a}": f"{b}y" for a, b in zip("ỳýỷỹỵ", "ùúủũụ", strict=True)},
}
_TONES.update({k.upper(): v.upper() for k, v in list(_TONES.items())})
_TONE_RE = re.compile("|".join(map(re.escape, _TONES)))


@lru_cache(maxsize=256)
def fold(s: str) -> str:
    """NFC text with tone marks in the new placement ("thuỷ" → "thủy"). Cached: the figures
    of one sentence fold the same sentence and scope."""
    return _TONE_RE.sub(lambda m: _TONES[m.group(0)], _nfc(s))


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, list):
        return [x for item in v for x in _as_list(item)]
    return [str(v)]


def compile_vi(src: str, reverse: bool = False) -> re.Pattern:
    """A catalogue regex compiled the one way the catalogue is matched: case-insensitive with
    simple case folding, VERSION1 syntax; ``reverse`` searches backwards (the last match)."""
    return re.compile(_SIMPLE_CASE + ("(?r)" if reverse else "") + src, _FLAGS)


def name_regex(name: str) -> str:
    """A catalogue name as a regex: a space is any run of whitespace, whole words only."""
    out = re.sub(r"(?<!\\) \?", r"\\s*", fold(name.strip()))
    return re.sub(r"(?<!\\) +", r"\\s+", out)


def _alternation(names: list[str], reverse: bool, anchored: bool = False) -> re.Pattern | None:
    if not names:
        return None
    body = "|".join(f"(?:{name_regex(n)})" for n in sorted(set(names), key=lambda n: (-len(n), n)))
    lead = r"^\W*" if anchored else _BOUND_L
    return compile_vi(f"{lead}(?:{body}){_BOUND_R}", reverse=reverse)


def compile_concepts(raw: dict[str, Any]) -> dict[str, Concept]:
    """The ``concepts`` mapping of the catalogue, compiled (id → Concept)."""
    out: dict[str, Concept] = {}
    for cid, spec in (raw or {}).items():
        spec = spec or {}
        context = _as_list(spec.get("context"))
        unless = _as_list(spec.get("unless"))
        names, sure = _as_list(spec.get("names")), _as_list(spec.get("sure_names"))
        out[str(cid)] = Concept(
            id=str(cid),
            names=_alternation(names, reverse=True),
            sure=_alternation(sure, reverse=True),
            after=_alternation(_as_list(spec.get("after")), reverse=False, anchored=True),
            context=compile_vi("|".join(f"(?:{fold(c)})" for c in context)) if context else None,
            unless=compile_vi("|".join(f"(?:{fold(c)})" for c in unless)) if unless else None,
            not_preceded_by=compile_vi("(?:" + "|".join(name_regex(x) for x in preceded) + r")\W*$")
            if (preceded := _as_list(spec.get("not_preceded_by")))
            else None,
            each_name=tuple(
                (name_regex(n), is_sure)
                for group, is_sure in ((names, False), (sure, True))
                for n in sorted(set(group))
            ),
        )
    return out


class Texts:
    """The windows of one figure that concept resolution reads, folded (see ``fold``) when
    first read: most figures are settled by their nearest words, and folding the long ones
    (the clauses before, the paragraph) for every figure would cost more than resolving.

    near: since the previous figure of the clause; clause: since the clause start (";" or the
    sentence start); earlier: the sentence before the clause; after: right after the figure,
    to the next figure or punctuation; scope: sentence, paragraph, headings; sentence; prior:
    the sentence before ``near``.
    """

    _NAMES = ("near", "clause", "earlier", "after", "scope", "sentence", "prior")

    def __init__(self, raw: dict[str, str]):
        self._raw = raw
        self._folded: dict[str, str] = {}

    @classmethod
    def of(cls, **texts: str) -> Texts:
        unknown = set(texts) - set(cls._NAMES)
        if unknown:
            raise TypeError(f"unknown windows {sorted(unknown)}")
        return cls(texts)

    def __getattr__(self, name: str) -> str:
        if name not in Texts._NAMES:
            raise AttributeError(name)
        if name not in self._folded:
            self._folded[name] = fold(self._raw.get(name, ""))
        return self._folded[name]


# A level (an amount, a count) takes its concept from its own words; only a connector stands
# between it and the figure it shares a verb with ("cấp 19 giấy chứng nhận và 17 giấy phép"),
# maybe after the end of that figure's noun phrase ("… 19 giấy chứng nhận quyền sử dụng đất và").
_CONNECTOR_ONLY = compile_vi(r"^[^.;:!?]*?(?:^|[\s,])(?:và|hoặc|cùng|với)\W*$|^[\W\d]*$")


@dataclass(frozen=True)
class Grammar:
    """The catalogue-wide words that steer resolution (see ``indicators.yaml``)."""

    carry_leads: re.Pattern | None = None  # a clause with no subject of its own opens so
    level_leads: re.Pattern | None = None  # an amount that continues the one before ("lũy kế")
    part_leads: re.Pattern | None = None  # "trong đó", "riêng": a part of a whole named before
    transparent: re.Pattern | None = None  # names of offices, places: say where, not what
    copula: re.Pattern | None = None  # "… 2,1% là chỉ số của ngành khai khoáng": named after


def blank(pattern: re.Pattern | None, text: str) -> str:
    """``text`` with the matches of ``pattern`` replaced by spaces (offsets kept)."""
    if pattern is None or not text:
        return text
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def resolve(
    concepts: dict[str, Concept], t: Texts, *, level: bool, grammar: Grammar | None = None
) -> ConceptHit | None:
    """The concept figure windows ``t`` are about (see the module docstring), or None.

    A figure introduced by a breakdown word ("trong đó", "riêng") whose concept the sentence
    already named before is a part of that whole, not the whole: no concept. An amount whose
    own words only say it continues the one before ("…X đồng, lũy kế đạt Y đồng"; "…; ước
    thực hiện cả năm đạt Z") takes the concept of its clause, or of the clause before.
    """
    g = grammar or Grammar()
    tr = g.transparent
    near = blank(tr, t.near)
    hit = _after(concepts, t.after) or _after_copula(concepts, t.after, g.copula)
    if hit is None:
        hit = _last_name(concepts, near, "before")
        if (
            hit is not None
            and g.part_leads is not None
            and g.part_leads.match(near)
            and names_concept(concepts[hit.concept], blank(tr, t.prior))
        ):
            return None
    continues = g.level_leads is not None and g.level_leads.fullmatch(near.strip())
    if hit is None and (not level or continues or _CONNECTOR_ONLY.search(near)):
        clause = blank(tr, t.clause)
        hit = _last_name(concepts, clause, "clause")
        opens = g.carry_leads is not None and g.carry_leads.match(clause)
        if hit is None and (opens or continues):
            hit = _last_name(concepts, blank(tr, t.earlier), "earlier clause")
    if hit is None:
        return None
    c = concepts[hit.concept]
    if c.context is not None and not hit.sure and not c.context.search(t.scope):
        return None
    if c.not_preceded_by is not None and c.not_preceded_by.search(hit.lead):
        return None
    if c.unless is not None and c.unless.search(t.sentence):
        return None
    return hit


def _after(concepts: dict[str, Concept], text: str) -> ConceptHit | None:
    """A name glued right after the figure; an aside in brackets ("1.057 hồ sơ (trực tuyến
    892 …)") breaks a figure down and does not name it."""
    text = text.split("(", 1)[0]
    best: tuple[int, str, str] | None = None
    for c in concepts.values():
        if c.after is None:
            continue
        m = c.after.match(text)
        if m and (best is None or m.end() > best[0]):
            best = (m.end(), c.id, m.group(0))
    return ConceptHit(best[1], best[2].strip(" ,:;"), "after") if best else None


def _after_copula(
    concepts: dict[str, Concept], text: str, copula: re.Pattern | None
) -> ConceptHit | None:
    """ "giảm 2,1% là chỉ số của ngành khai khoáng": the words after a copula name it."""
    m = copula.match(text) if copula is not None else None
    if m is None:
        return None
    rest = text[m.end() :].split("(", 1)[0]
    hit = _last_name(concepts, rest, "after")
    if hit is None or rest[: rest.find(hit.name)].strip():
        return None  # the name must follow the copula directly
    return hit


# The longest text a name can span (names are a few words): bounds the search of each
# concept to the end of the text once the last name's end is known.
_NAME_SPAN = 400
# a concept, its names or sure names (all), sure, one of those names as a regex
_Name = tuple[Concept, re.Pattern, bool, str]
_PREFILTER: dict[int, tuple[dict[str, Concept], literals.Prefilter[_Name]]] = {}


def _name_prefilter(concepts: dict[str, Concept]) -> literals.Prefilter[_Name]:
    """Every name of every concept (in catalogue order, names before sure names), each with
    the literals a text must hold for it to match."""
    cached = _PREFILTER.get(id(concepts))
    if cached is not None and cached[0] is concepts:
        return cached[1]
    items = [
        ((c, pat, sure, src), literals.required(src))
        for c in concepts.values()
        for src, sure in c.each_name
        if (pat := c.sure if sure else c.names) is not None
    ]
    pre = literals.Prefilter(items)
    _PREFILTER[id(concepts)] = (concepts, pre)
    return pre


@lru_cache(maxsize=4096)
def _one_name(src: str) -> re.Pattern:
    """One name, searched backwards as its concept's alternation searches it (compiled when
    first needed: most names are never in a given text)."""
    return compile_vi(f"{_BOUND_L}(?:(?:{src})){_BOUND_R}", reverse=True)


@lru_cache(maxsize=1024)
def _peeks_ahead(pat: re.Pattern) -> bool:
    """Whether a name has a lookahead of its own (beyond the word boundary every name ends
    with): cut at the name's end, the text would hide what it looks at."""
    src = pat.pattern.replace(_BOUND_R, "")
    return "(?!" in src or "(?=" in src


def _last_name(concepts: dict[str, Concept], text: str, where: str) -> ConceptHit | None:
    """The concept whose name ends last in ``text`` (then the longer name).

    Only the names whose literal words the text holds can match it (`solieu.literals`). A
    backward search of each (alone: a small pattern, quick to search) finds where it ends
    last; the last of these ends is where the last name ends (where the alternation of all
    the names would find it). Each concept is then matched only over the end of the text
    (the words from that name on), so the work per figure does not grow with the number of
    concepts times the length of its clause.
    """
    cands = _name_prefilter(concepts).candidates(text)
    end = _last_end(cands, text)
    if end is None:
        return None
    lo = max(0, end - _NAME_SPAN)
    best: tuple[int, int, str, str, bool] | None = None
    tried: set[int] = set()  # each concept's names (then sure names) once, in catalogue order
    for c, pat, sure, _ in cands:
        if id(pat) in tried:
            continue
        tried.add(id(pat))
        # a backward match anchored where the last name ends, unless the name has a
        # lookahead of its own, which must see the words after it
        m = pat.search(text, lo) if _peeks_ahead(pat) else pat.match(text, lo, end)
        if m is None or m.end() != end:
            continue
        key = (m.end(), m.end() - m.start())
        if best is None or key > best[:2]:
            best = (*key, c.id, m.group(0), sure, text[max(0, m.start() - 40) : m.start()])
    return ConceptHit(best[2], best[3], where, best[4], best[5]) if best else None


def _last_end(names: list[_Name], text: str) -> int | None:
    """Where the last match of any of ``names`` ends in ``text``."""
    ends = [m.end() for *_, src in names if (m := _one_name(src).search(text)) is not None]
    return max(ends, default=None)


def names_concept(concept: Concept, text: str) -> bool:
    """Whether ``text`` names ``concept`` anywhere."""
    return any(p is not None and p.search(text) for p in (concept.names, concept.sure))
