"""Stage 1b: read a report's issuer, period and kind from its own text.

A maintainer may add next month's report without writing its catalogue entry, and the PDF
headers that name the issuer and the date are often lost in extraction. The body still says
who speaks ("UBND phường đã ...", "trên địa bàn phường"), names the unit somewhere ("phường
Tam Thanh", "Lạng Sơn, ngày ..."), and states its period in the title or first sentence
("6 tháng đầu năm 2025", "Trong tháng 6 năm 2025"). :func:`detect` weighs these clues,
keeps the quote that decided each field, and says when it is unsure; it returns
``unit_id=None`` rather than guess a unit it does not know.

Vocabulary and patterns live in ``data/vi/metadata.yaml``; unit names come from
:func:`solieu.units.load_units` (current communes and wards plus the former units).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex as re
import yaml

from solieu.model import DocumentMeta
from solieu.paths import DATA_DIR
from solieu.periods import parse_period
from solieu.units import Unit, load_units

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_FIELDS = ("unit_id", "period", "kind", "signed")


@cache
def _cfg() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "vi" / "metadata.yaml").read_text(encoding="utf-8"))


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
    key = line.casefold().strip()
    return any(key == name for name, _ in _name_patterns())


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


@cache
def _name_patterns() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(casefolded name as written in reports, unit ids carrying that name)."""
    names: dict[str, set[str]] = defaultdict(set)
    for uid, unit in load_units().items():
        name = re.sub(r"\s*\((?:cũ|mới)\)\s*$", "", unit.name).strip()
        names[name.casefold()].add(uid)
    for uid, aliases in (_cfg().get("aliases") or {}).items():
        for alias in aliases:
            names[alias.casefold()].add(uid)
    return tuple(sorted((k, tuple(sorted(v))) for k, v in names.items()))


def _level_of(word: str) -> str | None:
    for level, words in _cfg()["levels"].items():
        if any(_rx(f"(?i)^(?:{w})$").match(word) for w in words):
            return level
    return None


def _self_references(flat: str) -> dict[str, list[tuple[int, int]]]:
    """Generic mentions of the issuer's own level ("UBND phường đã", "trên địa bàn tỉnh.")."""
    cfg = _cfg()
    words = "|".join(w for ws in cfg["levels"].values() for w in ws)
    pat = _rx(
        rf"(?<!\p{{L}})(?:{cfg['self_reference']})\s+(?P<lvl>{words})"
        r"(?!\p{L})(?!\s*[,/&+]|\s+\p{Lu}|\s+(?:và|hoặc)\s)"
    )
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in pat.finditer(flat):
        level = _level_of(m["lvl"])
        if level:
            found[level].append((m.start(), m.end()))
    return found


def _decide_level(
    refs: dict[str, list[tuple[int, int]]], flat: str, evidence: dict[str, str], doubts: list[str]
) -> str | None:
    cfg = _cfg()
    if not refs:
        return None
    top = max(len(v) for v in refs.values())
    floor = max(int(cfg["self_reference_min_count"]), cfg["self_reference_min_share"] * top)
    for level in cfg["levels"]:
        hits = refs.get(level, [])
        if len(hits) >= floor:
            s, e = hits[0]
            evidence["level"] = _quote(flat, s, e) + f" ({len(hits)} self-references)"
            return level
    doubts.append("too few self-references (“UBND phường”, “trên địa bàn tỉnh”) to tell the level")
    return None


def _named_mentions(
    flat: str, head_end: int, opening_end: int
) -> dict[tuple[str, ...], list[_Mention]]:
    """Mentions of known unit names, keyed by the ids that carry the name."""
    folded = flat.casefold()
    out: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
    for name, uids in _name_patterns():
        pat = _rx(r"(?<!\p{L})" + re.escape(name).replace(r"\ ", r"\s+") + r"(?!\p{L})")
        for m in pat.finditer(folded):
            w = _mention_weight(flat, m.start(), head_end, opening_end)
            out[uids].append(_Mention(name, m.start(), m.end(), w))
    return out


def _mention_weight(flat: str, start: int, head_end: int, opening_end: int) -> int:
    """Weight of a unit mention: where it stands, and whether it follows "UBND", "Đảng ủy"."""
    w = _region_weight(start, head_end, opening_end)
    if _rx(rf"(?i)(?:{_cfg()['self_reference']})\s+$").search(flat[max(0, start - 30) : start]):
        w *= int(_cfg()["weights"]["self_named"])  # "UBND phường Tam Thanh"
    return w


def _unknown_names(flat: str, level: str, head_end: int, opening_end: int) -> dict[str, int]:
    """Names written after the level word that match no known unit ("phường Hoàng Mai"),
    weighted like known names so that the two can be compared."""
    cfg = _cfg()
    known = {name for name, _ in _name_patterns()}
    scores: dict[str, int] = defaultdict(int)
    for m in _rx(cfg["named_unit"]).finditer(flat):
        if _level_of(m["level"]) != level:
            continue
        words = m["name"].split()
        # the longest prefix of the name that is known, else the whole name is unknown
        if any(
            " ".join([m["level"], *words[:k]]).casefold() in known for k in range(1, len(words) + 1)
        ):
            continue
        scores[f"{m['level']} {' '.join(words[:3])}"] += _mention_weight(
            flat, m.start(), head_end, opening_end
        )
    return scores


def _valid_at(unit: Unit, day: dt.date) -> bool:
    lo = dt.date.fromisoformat(unit.valid_from) if unit.valid_from else dt.date.min
    hi = dt.date.fromisoformat(unit.valid_to) if unit.valid_to else dt.date.max
    return lo <= day <= hi


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
    level: str | None,
    head_end: int,
    opening_end: int,
    ref_day: dt.date | None,
    evidence: dict[str, str],
    doubts: list[str],
) -> Unit | None:
    units = load_units()
    named = _named_mentions(flat, head_end, opening_end)
    scored: list[tuple[int, tuple[str, ...], _Mention]] = []
    for uids, mentions in named.items():
        levels = {units[u].level for u in uids}
        if (
            level is not None
            and level not in levels
            and not (level in ("ward", "commune") and levels & {"ward", "commune"})
        ):
            continue
        score = sum(m.weight for m in mentions)
        if level is not None and level not in levels:
            score = score // 2  # a commune's name in a ward's report, or the reverse
        best = max(mentions, key=lambda m: (m.weight, -m.start))
        scored.append((score, uids, best))
    scored.sort(key=lambda t: (-t[0], t[2].start))
    unknown = _unknown_names(flat, level, head_end, opening_end) if level else {}
    top_unknown = max(unknown.items(), key=lambda kv: kv[1]) if unknown else None
    if not scored:
        if top_unknown:
            doubts.append(f"the issuer seems to be {top_unknown[0]!r}, which is not a known unit")
        elif level:
            doubts.append(f"the text speaks as a {level} but never names it")
        else:
            doubts.append("no issuing unit could be read from the text")
        return None
    score, uids, best = scored[0]
    if top_unknown and top_unknown[1] >= score:
        doubts.append(
            f"the issuer seems to be {top_unknown[0]!r} (weight {top_unknown[1]}), which is "
            f"not a known unit; {best.value!r} weighs only {score}"
        )
        return None
    if len(scored) > 1 and scored[1][0] == score:
        doubts.append(
            f"{best.value!r} and {scored[1][2].value!r} are named equally often; no unit chosen"
        )
        return None
    candidates = [units[u] for u in uids]
    if len(candidates) > 1:
        valid = [u for u in candidates if ref_day and _valid_at(u, ref_day)]
        if len(valid) == 1:
            chosen = valid[0]
            doubts_note = None
        else:
            chosen = sorted(candidates, key=lambda u: u.valid_from or "")[-1]
            doubts_note = (
                f"{best.value!r} names {', '.join(u.unit_id for u in candidates)}; "
                f"no signing date or period to choose, took {chosen.unit_id}"
            )
        if doubts_note:
            doubts.append(doubts_note)
    else:
        chosen = candidates[0]
        if ref_day is not None and not _valid_at(chosen, ref_day):
            doubts.append(f"{chosen.unit_id} did not exist on {ref_day.isoformat()}")
    evidence["unit_id"] = _quote(flat, best.start, best.end) + f" (named {len(named[uids])}×)"
    return chosen


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
    ``doubts`` (why a field is missing or uncertain). A unit that cannot be named with
    confidence is ``None``.
    """
    cfg = _cfg()
    flat, lines = _flatten(text)
    evidence: dict[str, str] = {}
    doubts: list[str] = []
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
    chosen = _decide_period(mentions, flat, evidence, doubts)
    period = chosen.value if chosen else None
    if period is not None:
        try:
            parse_period(period)
        except ValueError:
            doubts.append(f"period {period!r} read from the text is not valid")
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
    level = _decide_level(refs, flat, evidence, doubts)
    unit = _decide_unit(flat, level, head_end, opening_end, ref_day, evidence, doubts)

    unit_name = issuer = None
    if unit is not None:
        unit_name = re.sub(r"\s*\((?:cũ|mới)\)\s*$", "", unit.name)
        level = unit.level
        issuer = "UBND " + unit_name[:1].lower() + unit_name[1:]
        if kind == "statistical_release" and stat_match is not None:
            issuer = "Thống kê " + unit_name[:1].lower() + unit_name[1:]
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
        "doubts": doubts,
    }


def compare(catalog_meta: DocumentMeta, detected: dict[str, Any]) -> list[str]:
    """Human-readable disagreements between the catalogue entry and the detected metadata.

    The catalogue wins (a maintainer read the report); a disagreement is shown so that a
    wrong entry, or a detector mistake, gets looked at.
    """
    out = []
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
