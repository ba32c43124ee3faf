"""Pure parsing of Vietnamese numerals, scale words and units.

The reports write numbers the Vietnamese way ("10.909" is ten thousand nine hundred
and nine, "8,37" is eight point three seven) and follow them with scale words and units
("10.909 triệu đồng"). This module turns such text into values in base units. It knows
no words itself: the vocabulary is in ``data/vi/numbers.yaml`` so that a new unit or
count noun is a data change.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from solieu import vi_format
from solieu.paths import load_data

DATA = Path(__file__).parent / "data" / "vi" / "numbers.yaml"

# Characters that only ever separate digit groups inside a number ("5 120" typeset with a
# no-break, narrow no-break or thin space): a numeral may contain them between 3-digit groups.
GROUP_SPACES = "\u00a0\u202f\u2009"
_GS = f"[{GROUP_SPACES}]"

# One numeral as written: grouped thousands with optional decimal comma, grouped with a
# no-break space, plain digits with optional decimal comma, a dotted form that is not
# valid grouping (flagged, e.g. "3.5"), thousands typed with commas before a decimal comma
# ("7,710,3", flagged) or English comma grouping ("1,234,567", flagged).
NUMERAL = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}])"
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"
    rf"|\d{{1,3}}(?:{_GS}\d{{3}})+(?:,\d+)?(?![.,]?\d|{_GS}\d)"
    r"|\d{1,3}(?: \d{3})+(?:,\d+)?(?![.,]?\d| \d)"
    r"|\d+\.\d+(?:,\d+)?(?![.,]?\d)"
    r"|\d{1,3}(?:,\d{3})+,\d{1,2}(?![.,]?\d)"
    r"|\d+,\d{3}(?:,\d{3})+(?!\d)"
    r"|\d+(?:,\d+)?(?![.,]?\d))"
)

# "5 120" with a plain space: one number typeset with a space, or two numbers side by side
# ("Tổ 5 120 hộ", a table row "15 120 135")? NUMERAL reads the groups as one number (flag
# ``space_grouping_plain``): never 120. The figure stage reads them apart after a word that
# names things by number ("tổ 5"), and flags ``space_grouping_ambiguous`` (no indicator takes
# it) what no unit follows.
PLAIN_SPACE_GROUPS = regex.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![.,]?\d)")

# Longest digit string read as a number (``bounds: max_numeral_digits`` in numbers.yaml):
# no quantity in a report needs more (10^18 đồng is a hundred times the national GDP); a
# longer one is not a figure (``NumberTooLarge``).
MAX_DIGITS_DEFAULT = 18
# Largest product of stacked scale words ("nghìn tỷ" = 10^12, "triệu tỷ" = 10^15).
MAX_SCALE = 1.0e15

_DOTTED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACED = regex.compile(rf"\d{{1,3}}(?:{_GS}\d{{3}})+(?:,\d+)?")
_SPACED_PLAIN = regex.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
_PLAIN = regex.compile(r"\d+(?:,\d+)?")
_EN_GROUPED = regex.compile(r"\d+,\d{3}(?:,\d{3})+")
_COMMA_GROUPED_DECIMAL = regex.compile(r"\d{1,3}(?:,\d{3})+,\d{1,2}")
_EN_DECIMAL = regex.compile(r"\d+\.\d+")
_NUMERAL_CHARS = regex.compile(rf"[\d.,{GROUP_SPACES} ]+")


class NumberTooLarge(ValueError):
    """A digit string longer than any quantity (``max_numeral_digits``): not a number."""


def _max_digits() -> int:
    return int((load_vocab().raw.get("bounds") or {}).get("max_numeral_digits", MAX_DIGITS_DEFAULT))


@dataclass(frozen=True)
class ParsedNumber:
    """A numeral's value, its count of decimals as written, and doubts about it."""

    value: float
    decimals: int = 0
    flags: tuple[str, ...] = ()


def parse_vi_number(s: str) -> ParsedNumber:
    """Parse one Vietnamese numeral ("10.909", "8,37", "1.073,664", "06", "5 120").

    A dotted form that is not thousands grouping ("3.5", "12.34") is read as an English
    decimal but flagged ``ambiguous_separator``, so a caller can decline to publish it;
    English-style comma grouping ("1,234,567") is read as grouping and flagged too. Groups
    separated by a no-break space are thousands (flagged ``space_grouping``); by a plain space,
    read the same way but flagged ``space_grouping_plain`` (the caller decides). Raises
    ``ValueError`` for anything else, ``NumberTooLarge`` (a ``ValueError``) for more digits
    before the decimal comma than the ``max_numeral_digits`` bound; never another exception.
    """
    s = s.strip()
    if not s or not _NUMERAL_CHARS.fullmatch(s) or not s[0].isdigit():
        raise ValueError(f"not a numeral: {s!r}")
    flags: list[str] = []
    if _DOTTED.fullmatch(s):
        int_part, _, dec = s.partition(",")
        digits = int_part.replace(".", "")
    elif _SPACED.fullmatch(s):
        int_part, _, dec = s.partition(",")
        digits = regex.sub(_GS, "", int_part)
        flags.append("space_grouping")
    elif _SPACED_PLAIN.fullmatch(s):
        int_part, _, dec = s.partition(",")
        digits = int_part.replace(" ", "")
        flags.append("space_grouping_plain")
    elif _PLAIN.fullmatch(s):
        digits, _, dec = s.partition(",")
        if len(digits) > 1 and digits.startswith("0") and not dec:
            flags.append("leading_zero")
    elif _COMMA_GROUPED_DECIMAL.fullmatch(s):
        # "7,710,3": a thousands separator typed as a comma before the decimal comma
        *groups, dec = s.split(",")
        digits = "".join(groups)
        flags.append("mistyped_separator")
    elif _EN_GROUPED.fullmatch(s):
        digits, dec = s.replace(",", ""), ""
        flags.append("english_grouping")
    elif _EN_DECIMAL.fullmatch(s):
        digits, _, dec = s.partition(".")
        flags.append("ambiguous_separator")
    else:
        raise ValueError(f"not a Vietnamese numeral: {s!r}")
    max_digits = _max_digits()
    if len(digits.lstrip("0")) > max_digits:
        raise NumberTooLarge(f"{len(digits)}-digit number is too large to be a quantity")
    dec = dec[:max_digits]  # more decimals than a float holds carry no information
    value = float(f"{int(digits)}.{dec}") if dec else float(int(digits))
    return ParsedNumber(value=value, decimals=len(dec), flags=tuple(flags))


def format_vi_number(value: float, decimals: int = 0) -> str:
    """Write a number the Vietnamese way (inverse of :func:`parse_vi_number`)."""
    return vi_format.number(value, decimals)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def words_pattern(phrase: str) -> str:
    """A phrase as a regex: syllables separated by any whitespace, whole words only."""
    parts = [regex.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    lead = r"(?<![\p{L}\p{M}])" if phrase[:1].isalnum() else ""
    tail = r"(?![\p{L}\p{M}\p{N}])" if phrase[-1:].isalnum() else ""
    return lead + body + tail


@dataclass
class Vocab:
    """The YAML vocabulary, compiled once."""

    raw: dict[str, Any]
    scales: dict[str, float] = field(default_factory=dict)
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    count_nouns: list[str] = field(default_factory=list)

    _phrases: dict[str, list[str]] = field(default_factory=dict)
    _unit_forms: tuple[list[str], list[str]] | None = None

    def phrases(self, key: str) -> list[str]:
        """The phrases listed under ``key`` (a list, or a mapping's keys), computed once."""
        hit = self._phrases.get(key)
        if hit is None:
            v = self.raw.get(key) or []
            hit = self._phrases[key] = list(v.keys()) if isinstance(v, dict) else list(v)
        return hit

    def unit_forms(self) -> tuple[list[str], list[str]]:
        """Written unit forms matched case-sensitively, and the others."""
        if self._unit_forms is None:
            self._unit_forms = (
                [k for k, s in self.units.items() if s.get("case")],
                [k for k, s in self.units.items() if not s.get("case")],
            )
        return self._unit_forms


@lru_cache(maxsize=1)
def load_vocab(path: str | None = None) -> Vocab:
    raw = load_data(path or DATA)
    raw = _nfc_tree(raw)
    return Vocab(
        raw=raw,
        scales={k: float(v) for k, v in raw["scales"].items()},
        units=raw["units"],
        count_nouns=sorted(set(raw["count_nouns"]), key=lambda n: (-len(n), n)),
    )


def _nfc_tree(obj: Any) -> Any:
    if isinstance(obj, str):
        return nfc(obj)
    if isinstance(obj, dict):
        return {_nfc_tree(k): _nfc_tree(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_nfc_tree(v) for v in obj]
    return obj


@lru_cache(maxsize=4096)
def _compile_alternation(phrases: tuple[str, ...], ignore_case: bool) -> regex.Pattern[str]:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    flags = regex.IGNORECASE if ignore_case else 0
    return regex.compile("|".join(f"(?:{words_pattern(p)})" for p in ordered), flags)


def match_phrase_at(text: str, pos: int, phrases: list[str], ignore_case: bool = True):
    """Longest phrase of ``phrases`` starting exactly at ``pos`` (after optional spaces).

    Returns (phrase as listed, match start, match end) or None.
    """
    if not phrases:
        return None
    pat = _compile_alternation(tuple(phrases), ignore_case)
    m = pat.match(text, pos)
    if not m:
        return None
    found = _canonical(m.group(0), phrases, ignore_case)
    return (found, m.start(), m.end()) if found is not None else None


def _canonical(written: str, phrases: list[str], ignore_case: bool) -> str | None:
    """The listed phrase a match spells (first listed wins, as the lists are ordered)."""
    key = " ".join(written.split())
    exact, folded = _phrase_keys(tuple(phrases))
    if ignore_case:
        return folded.get(key.lower())
    return key if key in exact else None


@lru_cache(maxsize=4096)
def _phrase_keys(phrases: tuple[str, ...]) -> tuple[frozenset[str], dict[str, str]]:
    folded: dict[str, str] = {}
    for p in phrases:
        folded.setdefault(p.lower(), p)
    return frozenset(phrases), folded


def match_phrase_before(text: str, end: int, phrases: list[str], ignore_case: bool = True):
    """Longest phrase of ``phrases`` ending at ``end`` (trailing spaces allowed).

    The pattern runs backwards (``(?r)``) from ``end`` over a window of 80 characters, so
    the cost does not depend on how much text precedes.
    """
    if not phrases:
        return None
    pat, ordered = _before_pattern(tuple(phrases), ignore_case)
    window = text[max(0, end - 80) : end]
    m = pat.match(window)  # a backward pattern: anchored at the window's end
    if not m:
        return None
    found = _canonical(m.group(0).rstrip(), ordered, ignore_case)
    if found is None:
        return None
    off = end - len(window)
    return (found, off + m.start(), off + m.end())


def _before_pattern(phrases: tuple[str, ...], ignore_case: bool):
    hit = _before_cache.get((phrases, ignore_case))
    if hit is None:
        ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
        alt = "|".join(f"(?:{words_pattern(p)})" for p in ordered)
        flags = regex.IGNORECASE if ignore_case else 0
        hit = (regex.compile(f"(?r)(?:{alt})\\s*$", flags), ordered)
        _before_cache[(phrases, ignore_case)] = hit
    return hit


_before_cache: dict[Any, tuple[regex.Pattern[str], list[str]]] = {}


@dataclass
class UnitMatch:
    """What follows a numeral: scale, unit as written and its base unit."""

    unit: str  # base unit code or count noun
    unit_text: str  # as written, whitespace-normalised
    scale: float  # product of scale words
    factor: float  # unit conversion to the base unit (tạ -> tonne = 0.1)
    end: int  # end offset in the text
    kind: str | None = None  # "pp" when the unit itself says percentage points
    flags: tuple[str, ...] = ()


_SPACE = regex.compile(rf"[ \t{GROUP_SPACES}]*")


def match_unit(text: str, pos: int, vocab: Vocab | None = None, guess: bool = True):
    """Read scale words and a unit starting at ``pos`` (just after a numeral).

    Returns a :class:`UnitMatch` (unit "" when only a scale word follows) or None when no
    unit follows. A unit glued to the numeral ("5,4ha") is accepted.
    """
    v = vocab or load_vocab()
    p = _SPACE.match(text, pos).end()
    if text[p : p + 1] == "(":
        inner = _parenthesised_unit(text, p, v)
        if inner is not None:
            return inner
    scale = 1.0
    written: list[str] = []
    unit_end = pos
    while True:
        m = match_phrase_at(text, p, list(v.scales))
        if not m or match_phrase_at(
            text, _SPACE.match(text, m[2]).end(), v.phrases("scale_not_before")
        ):
            break
        if scale * v.scales[m[0]] > MAX_SCALE:
            break  # "tỷ tỷ tỷ ...": no stack of scale words beyond "nghìn tỷ" means anything
        scale *= v.scales[m[0]]
        written.append(text[m[1] : m[2]])
        unit_end = m[2]
        p = _SPACE.match(text, m[2]).end()
    # compound units written with words
    m = match_phrase_at(text, p, v.phrases("compound_units"))
    if m:
        written.append(text[m[1] : m[2]])
        return UnitMatch(
            v.raw["compound_units"][m[0]], " ".join(" ".join(written).split()), scale, 1.0, m[2]
        )
    glued = p == pos and not written
    measure = _match_measure(text, p, v)
    noun = None if glued else match_phrase_at(text, p, v.count_nouns)
    abbr = match_phrase_at(text, p, v.phrases("abbreviation_nouns"), ignore_case=False)
    best = max(
        (h for h in (measure, noun, abbr) if h),
        key=lambda h: (h[2], h is measure),
        default=None,
    )
    if best is not None and best is measure:
        name, s, e = measure
        spec = v.units[name]
        written.append(text[s:e])
        base, end, per_written = _per_suffix(text, e, spec["unit"], v)
        return UnitMatch(
            base,
            " ".join((" ".join(written) + per_written).split()),
            scale,
            float(spec.get("factor", 1.0)),
            end,
            spec.get("kind"),
        )
    flags: tuple[str, ...] = ()
    if best is not None:
        unit = v.raw["abbreviation_nouns"][best[0]] if best is abbr else best[0].lower()
        end = best[2]
    else:
        g = None if glued or not guess else _guess_noun(text, p, v)
        if g is None:
            if written:
                return UnitMatch("", " ".join(written), scale, 1.0, unit_end, None, ("no_unit",))
            return None
        unit, end = g
        flags = ("noun_guess",)
    written.append(text[p:end])
    unit, end, per_written = _per_suffix(text, end, unit, v)
    return UnitMatch(
        unit, " ".join((" ".join(written) + per_written).split()), scale, 1.0, end, None, flags
    )


def _match_measure(text: str, p: int, v: Vocab):
    sensitive, insensitive = v.unit_forms()
    hits = [
        h
        for h in (
            match_phrase_at(text, p, sensitive, ignore_case=False),
            match_phrase_at(text, p, insensitive, ignore_case=True),
        )
        if h
    ]
    if not hits:
        return None
    best = max(hits, key=lambda h: h[2] - h[1])
    # "m" must not be the start of a word ("mới"); words_pattern already guards letters.
    return best


def _per_suffix(text: str, end: int, base: str, v: Vocab) -> tuple[str, int, str]:
    """Extend a unit with "/kg", "/ngày", "/người/tháng" (compound units keep the slash)."""
    per = v.phrases("per_words") + list(v.units)
    written = ""
    while end < len(text) and text[end] == "/":
        m = match_phrase_at(text, end + 1, per)
        if not m or m[1] != end + 1:
            break
        name = m[0]
        piece = v.units[name]["unit"] if name in v.units else name.lower()
        base = f"{base}/{piece}"
        written += "/" + text[m[1] : m[2]]
        end = m[2]
    return base, end, written


_SYLLABLE = regex.compile(r"[\p{Ll}][\p{L}\p{M}]*")


def _guess_noun(text: str, p: int, v: Vocab) -> tuple[str, int] | None:
    """Fallback count noun: the next one or two lower-case syllables.

    Only taken when the first syllable is not a function word, a verb we know, or a word
    that makes the number a period or label; the second syllable is kept unless it is a
    function word. Flagged ``noun_guess`` by the caller.
    """
    m1 = _SYLLABLE.match(text, p)
    if not m1:
        return None
    stop = {w.lower() for w in v.phrases("noun_stop_words")}
    stop |= {w.lower() for w in v.phrases("not_unit_words")}
    stop |= {w.lower() for w in v.phrases("change_words")}
    stop |= set(v.scales)
    w1 = m1.group(0).lower()
    if w1 in stop or len(w1) < 2:
        return None
    two = regex.match(r"[\p{L}\p{M}]+\s+[\p{L}\p{M}]+", text[p : p + 30])
    if two and " ".join(two.group(0).lower().split()) in stop:
        return None
    end = m1.end()
    sp = _SPACE.match(text, end).end()
    m2 = _SYLLABLE.match(text, sp) if sp > end else None
    if m2 and m2.group(0).lower() not in stop and f"{w1} {m2.group(0).lower()}" not in stop:
        return f"{w1} {m2.group(0).lower()}", m2.end()
    return w1, end


def _parenthesised_unit(text: str, p: int, v: Vocab) -> UnitMatch | None:
    """A unit in brackets right after the number: "25.298.726 (nghìn đồng)"."""
    close = text.find(")", p, p + 40)
    if close < 0:
        return None
    inner = match_unit(text[:close], p + 1, v, guess=False)
    if inner is None or not inner.unit or inner.end != close:
        return None
    if inner.unit not in {spec["unit"] for spec in v.units.values()}:
        return None
    inner.end = close + 1
    inner.unit_text = f"({inner.unit_text})"
    return inner
