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
import yaml

DATA = Path(__file__).parent / "data" / "vi" / "numbers.yaml"

# One numeral as written: grouped thousands with optional decimal comma, plain digits with
# optional decimal comma, or a dotted form that is not valid grouping (flagged, e.g. "3.5").
NUMERAL = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}])"
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"
    r"|\d+\.\d+(?:,\d+)?(?![.,]?\d)"
    r"|\d+,\d{3}(?:,\d{3})+(?!\d)"
    r"|\d+(?:,\d+)?(?![.,]?\d))"
)


@dataclass(frozen=True)
class ParsedNumber:
    """A numeral's value, its count of decimals as written, and doubts about it."""

    value: float
    decimals: int = 0
    flags: tuple[str, ...] = ()


def parse_vi_number(s: str) -> ParsedNumber:
    """Parse one Vietnamese numeral ("10.909", "8,37", "1.073,664", "06").

    A dotted form that is not thousands grouping ("3.5", "12.34") is read as an English
    decimal but flagged ``ambiguous_separator``, so a caller can decline to publish it;
    English-style comma grouping ("1,234,567") is read as grouping and flagged too.
    """
    s = s.strip()
    if not s or not regex.fullmatch(r"[\d.,]+", s) or not s[0].isdigit():
        raise ValueError(f"not a numeral: {s!r}")
    flags: list[str] = []
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        int_part, _, dec = s.partition(",")
        digits = int_part.replace(".", "")
    elif regex.fullmatch(r"\d+(?:,\d+)?", s):
        digits, _, dec = s.partition(",")
        if len(digits) > 1 and digits.startswith("0") and not dec:
            flags.append("leading_zero")
    elif regex.fullmatch(r"\d+,\d{3}(?:,\d{3})+", s):
        digits, dec = s.replace(",", ""), ""
        flags.append("english_grouping")
    elif regex.fullmatch(r"\d+\.\d+", s):
        digits, _, dec = s.partition(".")
        flags.append("ambiguous_separator")
    else:
        raise ValueError(f"not a Vietnamese numeral: {s!r}")
    value = float(f"{int(digits)}.{dec}") if dec else float(int(digits))
    return ParsedNumber(value=value, decimals=len(dec), flags=tuple(flags))


def format_vi_number(value: float, decimals: int = 0) -> str:
    """Write a number the Vietnamese way (inverse of :func:`parse_vi_number`)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


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

    def phrases(self, key: str) -> list[str]:
        v = self.raw.get(key) or []
        return list(v.keys()) if isinstance(v, dict) else list(v)


@lru_cache(maxsize=1)
def load_vocab(path: str | None = None) -> Vocab:
    raw = yaml.safe_load(Path(path or DATA).read_text(encoding="utf-8"))
    raw = _nfc_tree(raw)
    return Vocab(
        raw=raw,
        scales={k: float(v) for k, v in raw["scales"].items()},
        units=raw["units"],
        count_nouns=sorted(set(raw["count_nouns"]), key=len, reverse=True),
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
    ordered = sorted(set(phrases), key=len, reverse=True)
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
    key = " ".join(written.split())
    for p in phrases:
        if p == key or (ignore_case and p.lower() == key.lower()):
            return p
    return None


def match_phrase_before(text: str, end: int, phrases: list[str], ignore_case: bool = True):
    """Longest phrase of ``phrases`` ending at ``end`` (trailing spaces allowed)."""
    if not phrases:
        return None
    ordered = tuple(sorted(set(phrases), key=len, reverse=True))
    key = ("before",) + ordered
    pat = _before_cache.get((key, ignore_case))
    if pat is None:
        flags = regex.IGNORECASE if ignore_case else 0
        alt = "|".join(f"(?:{words_pattern(p)})" for p in ordered)
        pat = regex.compile(f"(?:{alt})\\s*$", flags)
        _before_cache[(key, ignore_case)] = pat
    window = text[max(0, end - 80) : end]
    m = pat.search(window)
    if not m:
        return None
    found = _canonical(m.group(0).rstrip(), list(ordered), ignore_case)
    if found is None:
        return None
    off = end - len(window)
    return (found, off + m.start(), off + m.end())


_before_cache: dict[Any, regex.Pattern[str]] = {}


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


_SPACE = regex.compile(r"[ \t\u00a0]*")


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
    sensitive = [k for k, s in v.units.items() if s.get("case")]
    insensitive = [k for k, s in v.units.items() if not s.get("case")]
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
