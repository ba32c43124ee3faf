"""Stage 1b: read a report's issuer, period and kind from its own text.

A maintainer may add next month's report without writing its catalogue entry, and the PDF
headers that name the issuer and the date are often lost in extraction. The body still says
who speaks ("UBND phường đã ...", "trên địa bàn phường"), names the unit somewhere ("phường
Tam Thanh", "Lạng Sơn, ngày ..."), and states its period in the title or first sentence
("6 tháng đầu năm 2025", "Trong tháng 6 năm 2025"). :func:`detect` weighs these clues,
keeps the quote that decided each field, and says when it is unsure; it returns
``unit_id=None`` rather than guess a unit it does not know, or one of several that share a name
(there are many Tân Hưng, Hòa Phú) when the text names no province to tell them apart.

Vocabulary and patterns live in ``data/vi/metadata.yaml``; unit names come from
:mod:`solieu.units` (every unit of the country, before and after the 2025 reform).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex as re

from solieu import units as units_mod
from solieu.model import DocumentMeta
from solieu.paths import DATA_DIR, load_data
from solieu.periods import parse_period
from solieu.units import Unit

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_FIELDS = ("unit_id", "period", "kind", "signed")


@cache
def _cfg() -> dict[str, Any]:
    return load_data(DATA_DIR / "vi" / "metadata.yaml")


@cache
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@dataclass
class _Mention:
    value: str
    start: int
    end: int
    weight: int
    granularity: str = ""
    doubt: str | None = None


# ---------------------------------------------------------------------------------------------
# Text regions


def _flatten(text: str) -> tuple[str, list[str]]:
    """The text with lines joined by single spaces, and its non-empty lines."""
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    return " ".join(lines), lines


def _head_lines(lines: list[str]) -> list[str]:
    """Lines before the first section label ("I.", "1."): header, title, part label."""
    cfg = _cfg()
    out = []
    for line in lines[: int(cfg["head_max_lines"])]:
        if _rx(cfg["outline_start"]).match(line) and not line.startswith(("Phần", "PHẦN")):
            break
        if len(line) > int(cfg["head_max_line_chars"]):
            break  # prose, not a header line (and a text with no line breaks stays linear)
        out.append(line)
    return out


def _title(head: list[str]) -> tuple[str | None, list[str]]:
    """The document title among the head lines (not the motto, number or date line)."""
    cfg = _cfg()
    not_title = _rx(cfg["not_title"])
    for i, line in enumerate(head):
        if re.match(r"(?i)^(?:báo\s+cáo|chương\s+trình|kế\s+hoạch)\b", line):
            parts = [line] + [x for x in head[i + 1 : i + 3] if not not_title.match(x)]
            return " ".join(parts), parts
    titles = []
    for i, line in enumerate(head):
        if not_title.match(line) or re.fullmatch(r"(?i)phần\s+\S+(?:\s+\S+)?", line):
            continue
        letters = [c for c in line if c.isalpha()]
        caps = len(letters) >= 3 and all(c.isupper() for c in letters)
        first_short = i == 0 and len(line) < 100 and not line.rstrip().endswith(".")
        if (caps or first_short) and not _is_unit_name(line):
            titles.append(line)
        elif titles:
            break
    return (" ".join(titles) if titles else None), titles


def _is_unit_name(line: str) -> bool:
    return units_mod.name_key(line) in units_mod.table().by_name


def _region_weight(pos: int, head_end: int, opening_end: int) -> int:
    w = _cfg()["weights"]
    if pos < head_end:
        return int(w["head"])
    if pos < opening_end:
        return int(w["opening"])
    return int(w["body"])


def _quote(flat: str, start: int, end: int, pad: int = 30) -> str:
    a, b = max(0, start - pad), min(len(flat), end + pad)
    return ("…" if a else "") + flat[a:b].strip() + ("…" if b < len(flat) else "")


# ---------------------------------------------------------------------------------------------
# Period and kind


def _period_mentions(
    flat: str, title_span: tuple[int, int], head_end: int, opening_end: int, forward_filter: bool
) -> list[_Mention]:
    cfg = _cfg()
    window = int(cfg["not_this_period_window"])
    not_this = _rx(cfg["not_this_period"])
    # the signing date ("Lạng Sơn, ngày 18 tháng 7 năm 2025") is not the period
    taken: list[tuple[int, int]] = [m.span() for m in _rx(cfg["place_date"]).finditer(flat)]
    out: list[_Mention] = []
    for spec in cfg["periods"]:
        for m in _rx(spec["pattern"]).finditer(flat):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            in_title = title_span[0] <= m.start() < title_span[1]
            if spec.get("title_only") and not in_title:
                continue
            before = flat[max(0, m.start() - window) : m.start()]
            if forward_filter and not_this.search(before):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "quarter" in groups:
                q = groups["quarter"].upper()
                groups["quarter"] = str(_ROMAN.get(q, q))
            fmt = {k: int(v) if v.isdigit() else v for k, v in groups.items()}
            value = spec["period"].format(**fmt)
            weight = (
                int(cfg["weights"]["head"])
                if in_title
                else _region_weight(m.start(), head_end, opening_end)
            )
            out.append(
                _Mention(value, m.start(), m.end(), weight, spec["granularity"], spec.get("doubt"))
            )
            taken.append((m.start(), m.end()))
    return out


def _decide_period(
    mentions: list[_Mention], flat: str, evidence: dict[str, str], doubts: list[str]
) -> _Mention | None:
    if not mentions:
        doubts.append("no period expression found in the text")
        return None
    score: dict[str, int] = defaultdict(int)
    first: dict[str, _Mention] = {}
    for m in mentions:
        score[m.value] += m.weight
        best = first.get(m.value)
        if best is None or m.weight > best.weight:
            first[m.value] = m
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], first[kv[0]].start))
    value, top = ranked[0]
    chosen = first[value]
    if len(ranked) > 1 and ranked[1][1] * 2 > top:
        doubts.append(
            f"period {value} (score {top}) is close to {ranked[1][0]} (score {ranked[1][1]})"
        )
    if chosen.doubt:
        doubts.append(chosen.doubt)
    evidence["period"] = _quote(flat, chosen.start, chosen.end)
    return chosen


# ---------------------------------------------------------------------------------------------
# Unit


@dataclass(frozen=True)
class _Level:
    type: str  # the word opening official names: "xã", "thành phố"
    levels: tuple[str, ...]
    rank: int  # lowest level first


@cache
def _levels() -> tuple[_Level, ...]:
    return tuple(
        _Level(spec["type"], tuple(spec["levels"]), i)
        for i, spec in enumerate(_cfg()["level_words"])
    )


@cache
def _level_rx() -> str:
    """Alternation of every level word, longest first ("thị xã" before "xã")."""
    words = [w for spec in _cfg()["level_words"] for w in spec["words"]]
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _level_of(word: str) -> _Level | None:
    """The level a level word as written stands for ("TP." → thành phố)."""
    for spec, level in zip(_cfg()["level_words"], _levels(), strict=True):
        if any(re.fullmatch(f"(?i:{w})", word) for w in spec["words"]):
            return level
    return None


def _kin(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _cfg()["level_kin"])


@dataclass
class _Named:
    """A unit named in the text: a level word and a name, or an alias."""

    start: int
    end: int
    weight: int
    type: str  # the level word's type word
    ids: tuple[str, ...]  # units carrying the name; empty when no unit does
    text: str  # as written ("xã Sóc Sơn"), for evidence and doubts


def _mention_weight(flat: str, start: int, head_end: int, opening_end: int) -> int:
    """Weight of a unit mention: where it stands, and whether it follows "UBND", "Đảng ủy"."""
    w = _region_weight(start, head_end, opening_end)
    if _rx(rf"(?i)(?:{_cfg()['self_reference']})\s+$").search(flat[max(0, start - 30) : start]):
        w *= int(_cfg()["weights"]["self_named"])  # "UBND phường Tam Thanh"
    return w


def _named(flat: str, head_end: int, opening_end: int) -> list[_Named]:
    """Every unit the text names, known or not, in one pass over the text.

    The name after a level word is looked up by its longest known prefix ("xã Sóc Sơn tổ
    chức" → Xã Sóc Sơn; "UBND XÃ SÓC SƠN BÁO CÁO" in a header as well).
    """
    cfg = _cfg()
    by_name = units_mod.table().by_name
    stop = {w.casefold() for w in cfg["not_a_name"]}
    out: list[_Named] = []
    taken: list[tuple[int, int]] = []
    for uid, aliases in (cfg.get("aliases") or {}).items():
        for alias in aliases:
            for m in re.finditer(r"(?<![\p{L}\d])" + re.escape(alias) + r"(?![\p{L}\d])", flat):
                w = _mention_weight(flat, m.start(), head_end, opening_end)
                kind = units_mod.table().kind[uid]
                out.append(_Named(m.start(), m.end(), w, kind, (uid,), m.group(0)))
                taken.append(m.span())
    office = _rx(cfg["statistical_release"]).search(flat)
    if office and office["place"]:  # "Cục Thống kê Đồng Nai": the office's province, unnamed
        ids = _provinces_by_short().get(units_mod.name_key(office["place"]), ())
        if ids:
            w = _region_weight(office.start(), head_end, opening_end)
            w *= int(cfg["weights"]["self_named"])
            kind = units_mod.table().kind[ids[0]]
            out.append(_Named(office.start("place"), office.end(), w, kind, ids, office[0]))
            taken.append(office.span("place"))
    pat = _rx(rf"(?<![\p{{L}}\d])(?P<lvl>(?i:{_level_rx()}))\s+(?P<name>{cfg['unit_name']})")
    for m in pat.finditer(flat):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        level = _level_of(m["lvl"])
        words = re.split(r"\s+|\s*(?=[-–])|(?<=[-–])\s*", m["name"])
        if level is None or words[0].casefold() in stop:
            continue
        ids: tuple[str, ...] = ()
        end = m.end()
        for k in range(len(words), 0, -1):
            ids = by_name.get(units_mod.name_key(f"{level.type} {' '.join(words[:k])}"), ())
            if ids:
                end = _name_end(flat, m.start("name"), words[:k])
                break
        text = flat[m.start() : end] if ids else f"{m['lvl']} {' '.join(words[:3])}"
        w = _mention_weight(flat, m.start(), head_end, opening_end)
        out.append(_Named(m.start(), end, w, level.type, ids, text))
    return out


def _name_end(flat: str, start: int, words: list[str]) -> int:
    """End offset in ``flat`` of the first ``words`` of a name starting at ``start``."""
    pos = start
    for w in words:
        pos = flat.index(w, pos) + len(w)
    return pos


def _self_references(flat: str, enumerations: bool = False) -> dict[str, list[tuple[int, int]]]:
    """Generic mentions of the issuer's own level ("UBND phường đã", "trên địa bàn tỉnh."),
    by type word. With ``enumerations``, also those in a list ("UBND tỉnh, các sở"), which
    name a superior as often as the issuer."""
    tail = r"(?!\p{L})(?!\s+\p{Lu}|\s+\d)"
    if not enumerations:
        tail += r"(?!\s*[,/&+]|\s+(?:và|hoặc)\s)"
    pat = _rx(
        rf"(?i:(?<!\p{{L}})(?:{_cfg()['self_reference']}))\s+(?P<lvl>(?i:{_level_rx()}))" + tail
    )
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in pat.finditer(flat):
        level = _level_of(m["lvl"])
        if level:
            found[level.type].append((m.start(), m.end()))
    return found


def _decide_level(
    refs: dict[str, list[tuple[int, int]]], flat: str, evidence: dict[str, str], doubts: list[str]
) -> str | None:
    """The type word of the lowest level the report speaks as often enough."""
    cfg = _cfg()
    if not refs:
        return None
    top = max(len(v) for v in refs.values())
    floor = max(int(cfg["self_reference_min_count"]), cfg["self_reference_min_share"] * top)
    for level in _levels():
        hits = refs.get(level.type, [])
        if len(hits) >= floor:
            s, e = hits[0]
            evidence["level"] = _quote(flat, s, e) + f" ({len(hits)} self-references)"
            return level.type
    doubts.append("too few self-references (“UBND phường”, “trên địa bàn tỉnh”) to tell the level")
    return None


def _level_name(type_word: str | None) -> str | None:
    """The level a type word means, when it means one ("thành phố" may be two)."""
    for level in _levels():
        if level.type == type_word and len(level.levels) == 1:
            return level.levels[0]
    return None


def _fit(mention_type: str, issuer_type: str | None) -> float:
    """How much a mention counts for the issuer: its own level word fully, a kin word
    (ward for commune) half, another level not at all."""
    if issuer_type is None or mention_type == issuer_type:
        return 1.0
    return 0.5 if _kin(mention_type, issuer_type) else 0.0


def _province_votes(
    named: list[_Named], skip: tuple[str, ...], flat: str, head_end: int, opening_end: int
) -> dict[str, float]:
    """Provinces the text places itself in: every other unit it names whose namesakes all lie
    in one province (then or now), the place of the date line, the statistics office's place."""
    t = units_mod.table()
    votes: dict[str, float] = defaultdict(float)
    for m in named:
        if not m.ids or m.ids == skip:
            continue
        common = frozenset.intersection(*(t.provinces[u] for u in m.ids))
        for p in common:
            votes[p] += m.weight
    cfg = _cfg()
    for pattern in (cfg["place_date"], cfg["statistical_release"]):
        m = _rx(pattern).search(flat)
        if m and m["place"]:
            key = units_mod.name_key(m["place"])
            if key in _provinces_by_short():
                votes[key] += _region_weight(m.start(), head_end, opening_end)
    return votes


@cache
def _provinces_by_short() -> dict[str, tuple[str, ...]]:
    """Provinces (current and former) by the name key of their name without "tỉnh"."""
    t = units_mod.table()
    out: dict[str, list[str]] = defaultdict(list)
    for u in t.units.values():
        if u.level == "province":
            out[units_mod.name_key(t.short[u.unit_id])].append(u.unit_id)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _by_province(candidates: list[Unit], votes: dict[str, float]) -> Unit | None:
    """The one candidate whose province the text names most, if one does."""
    t = units_mod.table()
    score = {
        u.unit_id: max((votes.get(p, 0.0) for p in t.provinces[u.unit_id]), default=0.0)
        for u in candidates
    }
    ranked = sorted(score.values(), reverse=True)
    if ranked[0] > 0 and (len(ranked) == 1 or ranked[0] > ranked[1]):
        return max(candidates, key=lambda u: score[u.unit_id])
    return None


def _by_superior(candidates: list[Unit], refs: dict[str, list[tuple[int, int]]]) -> Unit | None:
    """The one candidate whose superior the text refers to by its level word: a commune's
    report that obeys "UBND thành phố" lies in a centrally-run city, one that obeys "UBND tỉnh"
    in a province; before the reform, "UBND huyện" or "UBND quận" was the superior."""
    t = units_mod.table()
    score = {
        u.unit_id: len(refs.get(t.kind[u.parent_id], ())) if u.parent_id else 0 for u in candidates
    }
    ranked = sorted(score.values(), reverse=True)
    if ranked[0] > 0 and ranked[1] < ranked[0]:
        return max(candidates, key=lambda u: score[u.unit_id])
    return None


def unit_existence_problem(unit: Unit, period: str, signed: str | None = None) -> str | None:
    """Why a report of `unit` for `period` (signed on `signed`) looks impossible, or None.

    A unit formed on 2025-07-01 may report on the first half of 2025 (its territory's months
    before it was formed), so the signing date decides when it is known; without one, a
    period that ended before the unit existed, or began after it ceased, is doubtful. A
    warning, not a refusal: the maintainer knows whether the unit is the right one.
    """
    try:
        p = parse_period(period)
        day = dt.date.fromisoformat(signed) if signed else None
    except (TypeError, ValueError):
        return None
    born = dt.date.fromisoformat(unit.valid_from) if unit.valid_from else None
    ended = dt.date.fromisoformat(unit.valid_to) if unit.valid_to else None
    older = ", ".join(unit.formed_from) or "the unit it was formed from"
    if born and day and day < born:
        return (
            f"{unit.unit_id} exists from {born.isoformat()}, but the report is signed "
            f"{day.isoformat()}; the issuer is probably {older}"
        )
    if born and not day and p.end < born:
        return (
            f"{unit.unit_id} exists from {born.isoformat()}, after the period {period} ended; "
            f"the issuer is probably {older} (or, if the new unit reports on its first months, "
            "give the signing date)"
        )
    if ended and p.start > ended:
        successor = unit.merged_into or "its successor"
        return (
            f"{unit.unit_id} ceased on {ended.isoformat()}, before the period {period} began; "
            f"the issuer is probably {successor}"
        )
    return None


def _decide_unit(
    flat: str,
    issuer_type: str | None,
    head_end: int,
    opening_end: int,
    ref_day: dt.date | None,
    evidence: dict[str, str],
    doubts: list[str],
    candidates: list[str],
) -> Unit | None:
    """The issuing unit: the name the text gives most weight at the issuer's level; among units
    sharing that name, the one in force on the report's date, then the one in the province the
    text names. None, with the reason in ``doubts`` (and in ``candidates`` the units it could
    not choose between), rather than a guess."""
    units = units_mod.load_units()
    named = _named(flat, head_end, opening_end)
    scores: dict[tuple[str, ...], float] = defaultdict(float)
    best: dict[tuple[str, ...], _Named] = {}
    unknown: dict[str, float] = defaultdict(float)
    for m in named:
        fit = _fit(m.type, issuer_type)
        if not fit:
            continue
        if not m.ids:
            unknown[m.text] += m.weight * fit
            continue
        scores[m.ids] += m.weight * fit
        if m.ids not in best or m.weight > best[m.ids].weight:
            best[m.ids] = m
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], best[kv[0]].start))
    top_unknown = max(unknown.items(), key=lambda kv: kv[1]) if unknown else None
    if not ranked:
        if top_unknown:
            doubts.append(f"the issuer seems to be {top_unknown[0]!r}, which is not a known unit")
        elif issuer_type:
            doubts.append(f"the text speaks as a {issuer_type} but never names it")
        else:
            doubts.append("no issuing unit could be read from the text")
        return None
    ids, score = ranked[0]
    mention = best[ids]
    if top_unknown and top_unknown[1] >= score:
        doubts.append(
            f"the issuer seems to be {top_unknown[0]!r} (weight {top_unknown[1]:g}), which is "
            f"not a known unit; {mention.text!r} weighs only {score:g}"
        )
        return None
    if len(ranked) > 1 and ranked[1][1] == score:
        doubts.append(
            f"{mention.text!r} and {best[ranked[1][0]].text!r} are named equally often; "
            "no unit chosen"
        )
        return None
    chosen = _one_of(
        [units[u] for u in ids],
        mention,
        named,
        flat,
        (head_end, opening_end),
        ref_day,
        doubts,
    )
    if chosen is None:
        candidates.extend(u for u in ids if ref_day is None or units_mod.valid_on(u, ref_day))
    else:
        n = sum(1 for m in named if m.ids == ids)
        evidence["unit_id"] = _quote(flat, mention.start, mention.end) + f" (named {n}×)"
    return chosen


def _one_of(
    candidates: list[Unit],
    mention: _Named,
    named: list[_Named],
    flat: str,
    regions: tuple[int, int],
    ref_day: dt.date | None,
    doubts: list[str],
) -> Unit | None:
    """One unit among those that share the name the text gives its issuer."""
    head_end, opening_end = regions
    if ref_day is not None:
        valid = [u for u in candidates if units_mod.valid_on(u.unit_id, ref_day)]
        if valid:
            candidates = valid
        elif len(candidates) == 1:
            warning = units_mod.validity_warning(
                candidates[0].unit_id, ref_day, "the report's date"
            )
            doubts.append(warning or f"{candidates[0].unit_id} did not exist on {ref_day}")
    if len(candidates) == 1:
        return candidates[0]
    votes = _province_votes(named, mention.ids, flat, head_end, opening_end)
    chosen = _by_province(candidates, votes)
    if chosen is not None:
        return chosen
    chosen = _by_superior(candidates, _self_references(flat, enumerations=True))
    if chosen is not None:
        return chosen
    if ref_day is None and len({units_mod.province_of(u.unit_id) for u in candidates}) == 1:
        # the same place before and after the reform, and no date to choose: the current one
        chosen = sorted(candidates, key=lambda u: (u.valid_to is None, u.valid_from or ""))[-1]
        doubts.append(
            f"{mention.text!r} names {', '.join(u.unit_id for u in candidates)}; "
            f"no signing date or period to choose, took {chosen.unit_id}"
        )
        return chosen
    listed = "; ".join(units_mod.describe(u.unit_id) for u in candidates[:12])
    more = f" and {len(candidates) - 12} more" if len(candidates) > 12 else ""
    doubts.append(
        f"{mention.text!r} is the name of several units and the text names no province that "
        f"tells them apart: {listed}{more}; pass --unit"
    )
    return None


# ---------------------------------------------------------------------------------------------
# Signing date


def _signed(flat: str, evidence: dict[str, str]) -> str | None:
    cfg = _cfg()
    m = _rx(cfg["signature_timestamp"]).search(flat)
    if m:
        evidence["signed"] = m.group(0)
        return m["date"]
    m = _rx(cfg["place_date"]).search(flat)
    if m:
        try:
            day = dt.date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return None
        evidence["signed"] = m.group(0)
        return day.isoformat()
    return None


# ---------------------------------------------------------------------------------------------
# Public API


def detect(text: str) -> dict[str, Any]:
    """What the report's own text says about its issuer, period and kind.

    Returns ``unit_id``, ``unit_name``, ``level``, ``period``, ``kind``, ``title``,
    ``issuer``, ``signed`` (ISO date), ``evidence`` (field → the quote that decided it) and
    ``doubts`` (why a field is missing or uncertain; ``doubts_by_field`` the same, by field).
    A unit that cannot be named with confidence is ``None``; when several units bear the name
    the text gives its issuer, ``unit_candidates`` lists them.
    """
    cfg = _cfg()
    flat, lines = _flatten(text)
    evidence: dict[str, str] = {}
    period_doubts: list[str] = []
    unit_doubts: list[str] = []
    head = _head_lines(lines)
    head_end = len(" ".join(head)) if head else 0
    opening_end = head_end + int(cfg["opening_chars"])
    title, title_lines = _title(head)
    title_span = (0, 0)
    if title_lines:
        s = flat.find(title_lines[0])
        title_span = (s, s + len(title or "")) if s >= 0 else (0, 0)
        evidence["title"] = title or ""

    # kind: a work programme names itself; a report is named by its period
    wp = _rx(cfg["work_programme"])
    head_text = " ".join(head)
    wp_match = wp.search(head_text) or _rx(
        r"(?i)(?:thông\s+báo|ban\s+hành|gửi)\s+chương\s+trình\s+công\s+tác"
    ).search(flat)
    is_programme = wp_match is not None

    mentions = _period_mentions(
        flat, title_span, head_end, opening_end, forward_filter=not is_programme
    )
    chosen = _decide_period(mentions, flat, evidence, period_doubts)
    period = chosen.value if chosen else None
    if period is not None:
        try:
            parse_period(period)
        except ValueError:
            period_doubts.append(f"period {period!r} read from the text is not valid")
            period = None
    stat_match = _rx(cfg["statistical_release"]).search(head_text)
    if is_programme:
        kind = "work_programme"
        evidence["kind"] = _quote(wp_match.string, wp_match.start(), wp_match.end())
    elif stat_match is not None and chosen is not None:
        kind = "statistical_release"
        evidence["kind"] = _quote(stat_match.string, stat_match.start(), stat_match.end())
    elif chosen is not None:
        kind = cfg["kind_by_granularity"][chosen.granularity]
        evidence["kind"] = evidence.get("period", "")
    else:
        kind = None

    signed = _signed(flat, evidence)
    ref_day = (
        dt.date.fromisoformat(signed) if signed else (parse_period(period).end if period else None)
    )

    refs = _self_references(flat)
    issuer_type = _decide_level(refs, flat, evidence, unit_doubts)
    candidates: list[str] = []
    unit = _decide_unit(
        flat, issuer_type, head_end, opening_end, ref_day, evidence, unit_doubts, candidates
    )
    level = _level_name(issuer_type)

    unit_name = issuer = None
    if unit is not None:
        unit_name = units_mod.plain_name(unit)
        level = unit.level
        office = kind == "statistical_release" and stat_match is not None
        issuer = issuer_of(unit, office)
    return {
        "unit_id": unit.unit_id if unit else None,
        "unit_name": unit_name,
        "level": level,
        "period": period,
        "kind": kind,
        "title": title,
        "issuer": issuer,
        "signed": signed,
        "evidence": evidence,
        "doubts": period_doubts + unit_doubts,
        "doubts_by_field": {"period": period_doubts, "unit_id": unit_doubts},
        "unit_candidates": candidates,
    }


def compare(catalog_meta: DocumentMeta, detected: dict[str, Any]) -> list[str]:
    """Human-readable disagreements between the catalogue entry and the detected metadata.

    The catalogue wins (a maintainer read the report); a disagreement is shown so that a
    wrong entry, or a detector mistake, gets looked at.
    """
    out = []
    warning = unit_validity(catalog_meta.unit_id, catalog_meta.period, catalog_meta.signed)
    if warning:
        out.append(f"{catalog_meta.document_id}: {warning}")
    names = {"unit_id": "unit", "period": "period", "kind": "kind", "signed": "signing date"}
    evidence = detected.get("evidence") or {}
    for field in _FIELDS:
        ours = getattr(catalog_meta, field, None)
        theirs = detected.get(field)
        if ours in (None, "") or theirs in (None, ""):
            continue
        if str(ours) != str(theirs):
            quote = evidence.get(field)
            msg = f"catalogue says {names[field]} {ours}, the text says {theirs}"
            if quote:
                msg += f" (quote: {quote})"
            out.append(f"{catalog_meta.document_id}: {msg}")
    return out


def issuer_of(unit: Unit, statistics_office: bool = False) -> str:
    """Who issues a unit's reports: "UBND phường Tam Thanh", "Thống kê tỉnh Phú Thọ"."""
    words = _cfg()["issuer_words"]
    prefix = words["statistics_office" if statistics_office else "people_committee"]
    return f"{prefix} {units_mod.in_sentence(unit)}"


def unit_validity(unit_id: str | None, period: str | None, signed: str | None) -> str | None:
    """A warning when the unit did not exist when the report was issued: on its signing date,
    or (unsigned) at the end of its period. Names the unit's dates and the units that held its
    territory then. None when all is well or when there is nothing to check."""
    if not unit_id or unit_id not in units_mod.load_units():
        return None
    try:
        if signed:
            return units_mod.validity_warning(
                unit_id, dt.date.fromisoformat(str(signed)), "its signing date"
            )
        if period:
            return units_mod.validity_warning(unit_id, parse_period(period).end, "its period's end")
    except ValueError:
        return None
    return None
