"""Stage 3b: recompute the arithmetic a report states, and say whether it holds.

Reports state ratios ("261/596 = 43,79%", "53.218/384.514 triệu đồng, tỷ lệ giải ngân đạt
13,84%"), changes with their two terms ("giảm 24,5% so với cùng kỳ (1.651/2.188 lượt)") and
parts of a whole (trước hạn + đúng hạn + quá hạn = đã giải quyết; a total in the body broken
down in its footnote). Each becomes a ``Check``: pass when the recomputed value equals the stated
one within the rounding of the numbers as written, fail otherwise, cannot_check when a term is
missing. A failing check is published as it is: the report's contradiction must surface, never
be "fixed".

Tolerance: a number written with d decimals in scale s ("10.909 triệu" → d=0, s=10⁶) is exact to
half a unit of its last digit; the tolerance of a result adds the stated value's half-unit and
the effect of its inputs' half-units.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict
from pathlib import Path

import regex as re

from solieu import vi_format
from solieu.indicators import _read_yaml, compile_catalogue, map_observations
from solieu.model import Check, Document, Figure, Observation

_NUM = re.compile(r"\d[\d.]*(?:,(\d+))?")
_BETWEEN_SHARE = re.compile(
    r"^[^\d;]{0,60}$",
)
_SHARE_CUE = re.compile(r"đạt|chiếm|bằng|tương\s+đương|=|\(|tỷ\s+lệ|là", re.IGNORECASE)
_BREAKDOWN_CUE = re.compile(r"^\W*(?:trong\s+đó|gồm|bao\s+gồm|cụ\s+thể)\b", re.IGNORECASE)
_SENT_END = re.compile(r"[.!?](?:\s|$)")
_CHANGE_PAREN = re.compile(r"^[^;()]{0,50}\(\s*$")
_MEASURE_UNITS = {"ha", "m2", "m3", "km", "km2", "m", "kg", "tonne", "kWh", "percent", "pp"}


def _half_step(f: Figure) -> float:
    """Half a unit of the last written digit of ``f`` in its base unit.

    A whole count or an amount written in full ("73.162.408.000 đồng", "41 đơn") is exact; a
    scaled amount ("10.909 triệu đồng"), a decimal or a measure is rounded.
    """
    m = _NUM.search(f.text or "")
    decimals = len(m.group(1)) if m and m.group(1) else 0
    scale = f.scale or 1.0
    if decimals == 0 and scale == 1.0 and f.unit not in _MEASURE_UNITS and not f.qualifier:
        return 0.0
    return 0.5 * 10.0 ** (-decimals) * scale


def _fmt(v: float) -> str:
    """Vietnamese number for claims: 1.234,56 (at most four decimals)."""
    return vi_format.number(round(v, 4))


def _check_id(document_id: str, quote: str, claim: str) -> str:
    digest = hashlib.sha1((quote + claim).encode("utf-8")).hexdigest()[:10]
    return f"{document_id}.{digest}"


def _make(
    doc: Document,
    kind: str,
    claim: str,
    stated: float | None,
    computed: float | None,
    tol: float,
    figs: list[Figure],
    note: str = "",
    verdict: str | None = None,
) -> Check:
    if verdict is None:
        if stated is None or computed is None:
            verdict = "cannot_check"
        else:
            verdict = "pass" if abs(stated - computed) <= tol + 1e-9 else "fail"
    quote = figs[0].sentence if figs else ""
    return Check(
        check_id=_check_id(doc.meta.document_id, quote, claim),
        document_id=doc.meta.document_id,
        kind=kind,
        claim=claim,
        stated=stated,
        computed=None if computed is None else round(computed, 6),
        verdict=verdict,  # type: ignore[arg-type]
        quote=quote,
        start=min(f.start for f in figs) if figs else 0,
        end=max(f.end for f in figs) if figs else 0,
        figure_ids=[f.figure_id for f in figs],
        note=note,
    )


# ----------------------------------------------------------------------------- ratios


def _groups(figures: list[Figure]) -> dict[str, list[Figure]]:
    groups: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.group and f.role in ("numerator", "denominator", "result"):
            groups[f.group].append(f)
    return groups


class _BySentence:
    """Figures of each sentence in text order, to find "the next figure" by bisection."""

    def __init__(self, figures: list[Figure]):
        self.figs: dict[int, list[Figure]] = defaultdict(list)
        for f in sorted(figures, key=lambda f: f.start):
            self.figs[f.sentence_start].append(f)
        self.starts = {k: [f.start for f in v] for k, v in self.figs.items()}

    def next_after(self, f_end: Figure) -> Figure | None:
        figs = self.figs.get(f_end.sentence_start, [])
        i = bisect.bisect_left(self.starts.get(f_end.sentence_start, []), f_end.end)
        while i < len(figs) and figs[i] is f_end:
            i += 1
        return figs[i] if i < len(figs) else None


def _following_percent(f_end: Figure, index: _BySentence, doc: Document) -> Figure | None:
    """The percentage that states a fraction's share, right after it in the same clause."""
    g = index.next_after(f_end)
    if g is None:
        return None
    if g.unit != "percent" or g.kind not in ("percent", "ratio", "level") or g.group:
        return None
    between = doc.text[f_end.end : g.start]
    if not _BETWEEN_SHARE.match(between) or not _SHARE_CUE.search(between):
        return None
    return g


def _ratio_checks(doc: Document, figures: list[Figure]) -> list[Check]:
    out: list[Check] = []
    ordered = sorted(figures, key=lambda f: f.start)
    index = _BySentence(ordered)
    for parts in _groups(ordered).values():
        num = next((f for f in parts if f.role == "numerator"), None)
        den = next((f for f in parts if f.role == "denominator"), None)
        res = next((f for f in parts if f.role == "result"), None)
        if num is None or den is None:
            continue
        last = max(parts, key=lambda f: f.end)
        if res is None:
            res = _following_percent(last, index, doc)
        if res is None:
            continue
        figs = [num, den, res]
        claim = f"{_fmt(num.value)}/{_fmt(den.value)} = {res.text.strip()}"
        if den.value == 0:
            out.append(_make(doc, "ratio", claim, res.value, None, 0, figs, "mẫu số bằng 0"))
            continue
        computed = num.value / den.value * 100
        tol = _half_step(res) + computed * (
            _half_step(num) / max(abs(num.value), 1e-12) + _half_step(den) / abs(den.value)
        )
        note = ""
        if abs(res.value - computed) > tol + 1e-9:
            trunc = int(computed * 10 ** _decimals(res)) / 10 ** _decimals(res)
            note = f"tính lại được {_fmt(round(computed, 4))}%"
            if abs(trunc - res.value) < 1e-9:
                note += " (khớp nếu cắt bỏ thay vì làm tròn)"
        kind = "ratio" if res.role == "result" else "share"
        verdict = None
        if note and (num.qualifier or den.qualifier):
            verdict = "cannot_check"
            note += "; số hạng là số ước (khoảng, trên, gần), không đủ chính xác để kết luận"
        out.append(_make(doc, kind, claim, res.value, computed, tol, figs, note, verdict))
    return out


def _decimals(f: Figure) -> int:
    m = _NUM.search(f.text or "")
    return len(m.group(1)) if m and m.group(1) else 0


def _change_checks(doc: Document, figures: list[Figure]) -> list[Check]:
    """'giảm 24,5% so với cùng kỳ (1.651/2.188 lượt)': the change recomputed from its terms."""
    out: list[Check] = []
    ordered = sorted(figures, key=lambda f: f.start)
    groups = _groups(ordered)
    for i, f in enumerate(ordered):
        if f.kind != "change" or f.unit != "percent" or f.direction not in ("increase", "decrease"):
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if nxt is None or nxt.role != "numerator" or nxt.sentence_start != f.sentence_start:
            continue
        if not _CHANGE_PAREN.match(doc.text[f.end : nxt.start]):
            continue
        parts = groups.get(nxt.group or "", [])
        den = next((g for g in parts if g.role == "denominator"), None)
        if den is None:
            continue
        stated = f.value if f.direction == "increase" else -f.value
        figs = [f, nxt, den]
        if nxt.unit == "percent":  # "giảm 8,1% (88,7/96,8%)": a difference of two rates
            computed = nxt.value - den.value
            claim = f"{_fmt(nxt.value)}% − {_fmt(den.value)}% = {_fmt(stated)} điểm %"
            tol = _half_step(f) + _half_step(nxt) + _half_step(den)
        else:
            if den.value == 0:
                continue
            computed = (nxt.value / den.value - 1) * 100
            claim = f"{_fmt(nxt.value)}/{_fmt(den.value)} − 1 = {_fmt(stated)}%"
            tol = _half_step(f) + abs(nxt.value / den.value) * 100 * (
                _half_step(nxt) / max(abs(nxt.value), 1e-12) + _half_step(den) / abs(den.value)
            )
        out.append(_make(doc, "change", claim, stated, computed, tol, figs))
    return out


# ----------------------------------------------------------------------------- sums


def _identity_checks(
    doc: Document, observations: list[Observation], figures: list[Figure], path: str | None
) -> list[Check]:
    """Parts and wholes declared in the catalogue (``identities``), on this report's values."""
    data = _read_yaml(path) if path else _read_yaml(str(_default_path()))
    by_fig = {f.figure_id: f for f in figures}
    groups: dict[tuple, dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for o in observations:
        groups[(o.unit_id, o.period, o.basis)][o.indicator_id].append(o)
    out: list[Check] = []
    for ident in data.get("identities") or []:
        whole_id, part_ids = ident["whole"], ident["parts"]
        for inds in groups.values():
            wholes = inds.get(whole_id) or []
            present = [p for p in part_ids if inds.get(p)]
            if not wholes or len(present) < min(2, len(part_ids)):
                continue
            parts = [inds[p][0] for p in present]
            missing = [p for p in part_ids if p not in present]
            # every distinct value the report gives for the whole (a stated total and one
            # implied by a ratio's denominator may disagree: each is checked, stated first)
            distinct: dict[float, Observation] = {}
            for o in sorted(wholes, key=lambda o: o.derivation != "stated"):
                distinct.setdefault(round(o.value, 6), o)
            for whole in distinct.values():
                out.append(_sum_check(doc, whole, whole_id, parts, missing, by_fig))
    return out


def _sum_check(
    doc: Document,
    whole: Observation,
    whole_id: str,
    parts: list[Observation],
    missing: list[str],
    by_fig: dict[str, Figure],
) -> Check:
    figs = [by_fig[o.figure_id] for o in [whole, *parts] if o.figure_id in by_fig]
    total = sum(o.value for o in parts)
    claim = " + ".join(f"{_fmt(o.value)} ({o.indicator_id})" for o in parts)
    claim += f" = {_fmt(whole.value)} ({whole_id})"
    tol = sum(_half_step(f) for f in figs)
    note = ""
    verdict = None
    if missing:
        note = "không nêu: " + ", ".join(missing)
        if abs(total - whole.value) > tol + 1e-9:
            verdict = "cannot_check"
        else:
            note += " (các phần đã nêu cộng lại đủ tổng)"
    return _make(doc, "sum", claim, whole.value, total, tol, figs, note, verdict)


def _default_path() -> Path:
    from solieu.indicators import CATALOGUE_PATH

    return CATALOGUE_PATH


def _footnote_sum_checks(doc: Document, figures: list[Figure]) -> list[Check]:
    """A body total followed by a footnote that breaks it down into parts of the same unit."""
    out: list[Check] = []
    body = sorted((f for f in figures if not f.in_footnote), key=lambda f: f.start)
    totals = _Totals(body)
    notes: dict[int, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.in_footnote and f.footnote is not None:
            notes[f.footnote].append(f)
    note_text = {b.footnote: doc.text[b.start : b.end] for b in doc.blocks if b.kind == "footnote"}
    seen: set[int] = set()
    for ref in doc.footnote_refs:
        if ref.number in seen or ref.number not in notes:
            continue
        seen.add(ref.number)
        limit = _before_aside(doc.text, ref.offset)
        total = totals.last_before(limit)
        if total is None or total.kind != "level" or total.role or total.direction:
            continue
        in_sentence = total.sentence_start + len(total.sentence) + 2 >= ref.offset
        if ";" in doc.text[total.end : limit] or not in_sentence:
            continue
        parts_all = sorted(
            (
                g
                for g in notes[ref.number]
                if g.unit == total.unit and g.kind == "level" and not g.role and not g.direction
            ),
            key=lambda g: g.start,
        )
        if len(parts_all) < 2:
            continue
        text = note_text.get(ref.number, "")
        cue = bool(_BREAKDOWN_CUE.search(text))
        tol_whole = _half_step(total)
        match = _matching_prefix(parts_all, total, tol_whole, doc)
        if match is not None:
            parts = match
            verdict = "pass"
        else:
            parts = _first_sentence_parts(parts_all, doc)
            unitless = [g for g in notes[ref.number] if not g.unit]
            verdict = "cannot_check" if unitless else "fail"
        s = sum(g.value for g in parts)
        tol = tol_whole + sum(_half_step(g) for g in parts)
        if verdict == "pass" and abs(s - total.value) > tol + 1e-9:
            verdict = "fail"
        claim = " + ".join(_fmt(g.value) for g in parts)
        claim += f" = {_fmt(total.value)} {total.unit} (chú thích {ref.number})"
        note = (
            ""
            if verdict == "pass"
            else f"các phần ở chú thích {ref.number} cộng lại được {_fmt(s)}"
        )
        if verdict == "cannot_check":
            note += "; chú thích có số không rõ đơn vị"
        elif verdict == "fail" and not cue:
            note += " (chú thích liệt kê các phần, không ghi 'trong đó')"
        out.append(_make(doc, "sum", claim, total.value, s, tol, [total, *parts], note, verdict))
    return out


class _Totals:
    """Body figures that can be a total (not a percentage), found by bisection.

    ``prev[i]`` is the last candidate at or before ``i``: a report with many footnotes does
    not rescan every figure for each marker.
    """

    def __init__(self, body: list[Figure]):
        self.body = body
        self.starts = [f.start for f in body]
        self.prev: list[int] = []
        last = -1
        for i, f in enumerate(body):
            if f.unit not in ("percent", "pp"):
                last = i
            self.prev.append(last)

    def last_before(self, limit: int) -> Figure | None:
        """The last candidate that ends by ``limit``."""
        i = bisect.bisect_left(self.starts, limit) - 1
        j = self.prev[i] if i >= 0 else -1
        while j >= 0 and self.body[j].end > limit:
            j = self.prev[j - 1] if j > 0 else -1
        return self.body[j] if j >= 0 else None


_ASIDE_LOOKBACK = 2000


def _before_aside(text: str, offset: int) -> int:
    """Where a marker's own phrase ends: before a parenthesis the marker closes, if any.

    "3.498 hồ sơ TTHC (Trong đó: 3498 hồ sơ trực tuyến, 0 hồ sơ trực tiếp)8" — footnote 8
    breaks down the 3.498, not the 0 inside the aside.
    """
    k = offset
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == 0 or text[k - 1] != ")":
        return offset
    depth = 0
    for i in range(k - 1, max(-1, k - 1 - _ASIDE_LOOKBACK), -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return offset


def _matching_prefix(
    parts: list[Figure], total: Figure, tol_whole: float, doc: Document
) -> list[Figure] | None:
    """The shortest run of leading parts (cut at ';' or a sentence end) that adds up."""
    cuts = []
    for i in range(1, len(parts)):
        between = doc.text[parts[i - 1].end : parts[i].start]
        if ";" in between or _SENT_END.search(between):
            cuts.append(i)
    cuts.append(len(parts))
    for n in cuts:
        if n < 2:
            continue
        sub = parts[:n]
        tol = tol_whole + sum(_half_step(g) for g in sub)
        if abs(sum(g.value for g in sub) - total.value) <= tol + 1e-9:
            return sub
    return None


def _first_sentence_parts(parts: list[Figure], doc: Document) -> list[Figure]:
    for i in range(1, len(parts)):
        if _SENT_END.search(doc.text[parts[i - 1].end : parts[i].start]):
            return parts[:i] if i >= 2 else parts
    return parts


# ----------------------------------------------------------------------------- entry point


def run_checks(
    doc: Document,
    figures: list[Figure],
    catalogue_path: Path | str | None = None,
    observations: list[Observation] | None = None,
) -> list[Check]:
    """Every arithmetic claim of ``doc`` that its figures let us recompute.

    ``observations``: the indicator stage's output for the same figures, when the caller has
    it (the pipeline does), so the mapping is not run twice.
    """
    path = str(catalogue_path) if catalogue_path else None
    compile_catalogue(path)  # validate early: a broken catalogue fails here, with its path
    if observations is None:
        observations = map_observations(doc, figures, catalogue_path=path)
    checks = (
        _ratio_checks(doc, figures)
        + _change_checks(doc, figures)
        + _identity_checks(doc, observations, figures, path)
        + _footnote_sum_checks(doc, figures)
    )
    unique: dict[str, Check] = {}
    for c in checks:
        unique.setdefault(c.check_id, c)
    return sorted(unique.values(), key=lambda c: (c.start, c.kind, c.check_id))
