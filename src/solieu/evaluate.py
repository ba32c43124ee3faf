"""Precision and recall of the extractor against hand-built gold sets.

Why: the extractor must be built for the genre, not tuned until five files look right, so its
quality has to be measured against something it did not produce. The gold sets in
``tests/gold/`` were read by hand from the reports: every figure of two whole reports
(``tests/gold/figures/<document_id>.yaml``) and indicator values (``tests/gold/indicators.yaml``).

Matching a gold figure to an extracted one needs value, unit and place to agree. Place is
given in the gold by a short ``context`` (words copied from the report around the number);
it is located in the document text, and the extracted figure must lie inside it. Where the
context cannot be found verbatim (ingest may join lines or drop markers differently), the
words of the context must mostly appear around the figure instead. Greedy assignment, best
placed pairs first, so two equal numbers in one sentence ("16/16 thôn") each find their own.
"""

from __future__ import annotations

import argparse
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from solieu.model import Figure, Observation

if TYPE_CHECKING:
    from solieu.paths import Paths

REL_TOL = 1e-9
WINDOW = 150  # characters either side of a figure searched for the gold context's words
MIN_WORD_OVERLAP = 0.7  # share of context words that must appear near the figure (fallback)

# Spellings of base units a gold file or an extractor may use for the same thing.
_UNIT_ALIASES = {
    "%": "percent",
    "phần trăm": "percent",
    "đồng": "VND",
    "vnd": "VND",
    "usd": "USD",
    "m²": "m2",
    "m³": "m3",
    "tấn": "tonne",
    "t": "tonne",
    "kwh": "kWh",
    "mét": "m",
    "điểm phần trăm": "pp",
    "tạ/ha": "quintal/ha",
}
BASE_UNITS = {
    "VND",
    "USD",
    "percent",
    "pp",
    "ha",
    "m2",
    "m3",
    "km",
    "m",
    "kg",
    "tonne",
    "kWh",
    "quintal/ha",
}

_WORD = re.compile(r"[\w%]+", re.UNICODE)


# --------------------------------------------------------------------------- helpers


def norm_space(s: str) -> str:
    """NFC and single spaces: the gold contexts join PDF lines with one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def norm_unit(u: str | None) -> str:
    """Canonical spelling of a unit: aliases mapped, count nouns lower-cased NFC."""
    if u is None:
        return ""
    u = norm_space(u)
    low = u.lower()
    if low in _UNIT_ALIASES:
        return _UNIT_ALIASES[low]
    for b in BASE_UNITS:
        if low == b.lower():
            return b
    return low


def units_agree(gold: str | None, got: str | None) -> bool:
    """Base units must be equal; count nouns may differ by trailing words.

    A count noun's "normal form" is a judgement call ("hộ" or "hộ gia đình", "văn bản" or
    "văn bản mật"): both name the same thing counted, so a word-prefix match is accepted.
    """
    a, b = norm_unit(gold), norm_unit(got)
    if a == b:
        return True
    if not a or not b or a in BASE_UNITS or b in BASE_UNITS:
        return False
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    return wa[:n] == wb[:n]


def values_agree(a: float | None, b: float | None, rel_tol: float = REL_TOL) -> bool:
    """Equal within a relative tolerance; sign ignored (a decrease may be stored negative)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(abs(float(a)), abs(float(b)), rel_tol=rel_tol, abs_tol=1e-12)


_GLUED_MARKER = re.compile(r"(?<=[^\W\d_])\d+$")


def _words(s: str) -> list[str]:
    """Lower-case words, footnote markers glued to a word dropped ("đồng1" -> "đồng")."""
    words = _WORD.findall(unicodedata.normalize("NFC", s))
    return [_GLUED_MARKER.sub("", w.lower()) for w in words]


class _NormText:
    """Whitespace-collapsed NFC text with a map back to offsets in the original.

    The original may be decomposed (NFD) in places; each base character and its combining
    marks are composed together so that offsets still point into the original.
    """

    def __init__(self, text: str):
        out: list[str] = []
        idx: list[int] = []  # original offset of each output character
        ends: list[int] = []  # original offset just after each output character
        prev_space = True
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            group = text[i:j]
            if group.isspace():
                if not prev_space:
                    out.append(" ")
                    idx.append(i)
                    ends.append(j)
                prev_space = True
            else:
                for ch in unicodedata.normalize("NFC", group):
                    out.append(ch)
                    idx.append(i)
                    ends.append(j)
                prev_space = False
            i = j
        self.text = "".join(out)
        self.idx = idx
        self.ends = ends

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Spans (original offsets) of every occurrence of ``needle``."""
        spans = []
        start = self.text.find(needle)
        while start >= 0:
            end = start + len(needle)
            spans.append((self.idx[start], self.ends[end - 1]))
            start = self.text.find(needle, start + 1)
        return spans


# --------------------------------------------------------------------------- figures


@dataclass
class _Pair:
    tier: int  # 0: inside the located context, 1: word overlap only
    distance: float
    gold: int
    fig: int


@dataclass
class FigureResult:
    """Scores of one document (or the total) against the figures gold."""

    document_id: str
    n_gold: int
    n_extracted: int
    n_matched: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_extracted if self.n_extracted else 0.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 0.0


def _fig_window(f: Figure, text: str | None) -> tuple[str, int]:
    """The text around a figure and the figure's offset in it."""
    if text:
        lo = max(0, f.start - WINDOW)
        return text[lo : f.end + WINDOW], f.start - lo
    if f.sentence:
        return f.sentence, f.start - f.sentence_start
    return f.text, 0


def _anchor(g: dict[str, Any], ctx_span: tuple[int, int], ctx: str) -> float:
    """Approximate offset of the gold number in the document, from its context span."""
    k = ctx.find(str(g.get("text", "")))
    return ctx_span[0] + (k if k >= 0 else len(ctx) / 2)


def _gold_value_ok(g: dict[str, Any], f: Figure) -> bool:
    if not values_agree(g["value"], f.value):
        return False
    if g.get("value_max") is not None:
        return values_agree(g["value_max"], f.value_max)
    return f.value_max is None


def _candidate_pairs(
    figures: Sequence[Figure], gold: Sequence[dict[str, Any]], text: str | None
) -> list[_Pair]:
    nt = _NormText(text) if text else None
    pairs: list[_Pair] = []
    for gi, g in enumerate(gold):
        ctx = norm_space(str(g.get("context", "")))
        spans = nt.find_all(ctx) if (nt and ctx) else []
        gwords = _words(ctx)
        for fi, f in enumerate(figures):
            if not _gold_value_ok(g, f) or not units_agree(g.get("unit"), f.unit):
                continue
            placed = False
            for span in spans:
                if span[0] - 2 <= f.start < span[1]:
                    d = abs(f.start - _anchor(g, span, ctx))
                    pairs.append(_Pair(0, d, gi, fi))
                    placed = True
                    break
            if placed:
                continue
            if not spans and not nt:
                # No document text: the context must sit in the figure's sentence.
                sent = norm_space(f.sentence)
                if ctx and ctx in sent:
                    off = f.start - f.sentence_start
                    k = sent.find(ctx)
                    if k - 2 <= off <= k + len(ctx) + 2:
                        pairs.append(_Pair(0, abs(off - k), gi, fi))
                        continue
            if spans:
                continue  # the context was found elsewhere: this figure is not the one
            window, off = _fig_window(f, text)
            wwords = set(_words(window))
            if gwords and sum(w in wwords for w in gwords) / len(gwords) >= MIN_WORD_OVERLAP:
                pairs.append(_Pair(1, 0.0, gi, fi))
    return pairs


def _fig_row(f: Figure, text: str | None) -> dict[str, Any]:
    window, off = _fig_window(f, text)
    lo = max(0, off - 50)
    return {
        "figure_id": f.figure_id,
        "text": f.text,
        "value": f.value,
        "value_max": f.value_max,
        "unit": f.unit,
        "kind": f.kind,
        "start": f.start,
        "context": norm_space(window[lo : off + len(f.text) + 50]),
    }


def evaluate_figures(
    doc_id: str,
    figures: Sequence[Figure],
    gold: Sequence[dict[str, Any]],
    text: str | None = None,
) -> dict[str, Any]:
    """Match extracted figures of one document to its gold figures.

    ``text`` (the document's normalised text) lets the gold contexts be located exactly;
    without it the figure's sentence is used. Returns counts, precision, recall, the gold
    items not found (``misses``, each with what the extractor produced at that place, if
    anything) and the extracted figures not in the gold (``false_positives``).
    """
    figures = [f for f in figures if f.document_id == doc_id] or list(figures)
    pairs = _candidate_pairs(figures, gold, text)
    pairs.sort(key=lambda p: (p.tier, p.distance, p.gold, p.fig))
    g_done: dict[int, int] = {}
    f_done: set[int] = set()
    for p in pairs:
        if p.gold in g_done or p.fig in f_done:
            continue
        g_done[p.gold] = p.fig
        f_done.add(p.fig)

    nt = _NormText(text) if text else None
    misses = []
    for gi, g in enumerate(gold):
        if gi in g_done:
            continue
        row = {k: g.get(k) for k in ("text", "value", "unit", "kind", "context")}
        # What did the extractor put there? Helps tell a wrong unit from a missed number.
        got = []
        ctx = norm_space(str(g.get("context", "")))
        for span in nt.find_all(ctx) if (nt and ctx) else []:
            anchor = _anchor(g, span, ctx)
            for f in figures:
                if abs(f.start - anchor) <= 3:
                    got.append(f"{f.text!r}={f.value:g} {f.unit}")
        row["extracted_here"] = "; ".join(got)
        misses.append(row)
    fps = [_fig_row(f, text) for i, f in enumerate(figures) if i not in f_done]
    res = FigureResult(doc_id, len(gold), len(figures), len(g_done), misses, fps)
    return {
        "document_id": doc_id,
        "n_gold": res.n_gold,
        "n_extracted": res.n_extracted,
        "n_matched": res.n_matched,
        "precision": res.precision,
        "recall": res.recall,
        "misses": misses,
        "false_positives": fps,
    }


def combine_figure_results(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged totals over documents."""
    results = list(results)
    n_gold = sum(r["n_gold"] for r in results)
    n_ext = sum(r["n_extracted"] for r in results)
    n_m = sum(r["n_matched"] for r in results)
    return {
        "n_gold": n_gold,
        "n_extracted": n_ext,
        "n_matched": n_m,
        "precision": n_m / n_ext if n_ext else 0.0,
        "recall": n_m / n_gold if n_gold else 0.0,
    }


def load_gold_figures(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """A gold file: ``document_id`` and its ``figures`` list."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data["document_id"], list(data["figures"])


# --------------------------------------------------------------------------- indicators


def _key(document_id: Any, indicator_id: Any, unit_id: Any, period: Any) -> tuple:
    return (str(document_id), str(indicator_id), str(unit_id), str(period))


def _basis(b: Any) -> str:
    return str(b) if b not in (None, "") else ""


def _obs_get(o: Observation | dict[str, Any], name: str) -> Any:
    return o.get(name) if isinstance(o, dict) else getattr(o, name, None)


def evaluate_indicators(
    observations: Sequence[Observation | dict[str, Any]],
    gold_indicators: Sequence[dict[str, Any]],
    documents: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Score observations against gold indicator rows, per indicator and overall.

    An observation is correct when a gold row has the same (document_id, indicator_id,
    unit_id, period, basis) and its value agrees (units are the catalogue's, not compared).
    A gold row without a basis (the indicator does not distinguish bases) accepts any;
    a different value for a gold key is wrong (a false positive: a wrong number published);
    an observation whose key is not in the gold is *unverified* — counted and listed apart,
    since the gold may simply not cover it. Recall is gold rows matched / gold rows.
    ``documents`` limits the scoring to those documents (default: all).
    """
    docs = set(documents) if documents is not None else None
    gold_rows = [g for g in gold_indicators if docs is None or g["document_id"] in docs]
    by_key: dict[tuple, list[int]] = {}
    for i, g in enumerate(gold_rows):
        k = _key(g["document_id"], g["indicator_id"], g["unit_id"], g["period"])
        by_key.setdefault(k, []).append(i)

    per: dict[str, dict[str, Any]] = {}

    def bucket(ind: str) -> dict[str, Any]:
        return per.setdefault(
            ind,
            {"gold": 0, "observed": 0, "correct": 0, "wrong": 0, "unverified": 0},
        )

    for g in gold_rows:
        bucket(str(g["indicator_id"]))["gold"] += 1

    matched_gold: set[int] = set()
    wrong, unverified = [], []
    for o in observations:
        if docs is not None and _obs_get(o, "document_id") not in docs:
            continue
        ind = str(_obs_get(o, "indicator_id"))
        b = bucket(ind)
        b["observed"] += 1
        k = _key(*(_obs_get(o, n) for n in ("document_id", "indicator_id", "unit_id", "period")))
        ob = _basis(_obs_get(o, "basis"))
        cands = [gi for gi in by_key.get(k, []) if _basis(gold_rows[gi].get("basis")) in ("", ob)]
        row = {
            n: _obs_get(o, n)
            for n in (
                "document_id",
                "indicator_id",
                "unit_id",
                "period",
                "basis",
                "value",
                "unit",
                "quote",
            )
        }
        if not cands:
            b["unverified"] += 1
            unverified.append(row)
            continue
        hit = None
        for gi in cands:
            g = gold_rows[gi]
            if values_agree(g["value"], _obs_get(o, "value")):
                hit = gi
                break
        if hit is None:
            b["wrong"] += 1
            row["gold_values"] = [gold_rows[gi]["value"] for gi in cands]
            wrong.append(row)
        else:
            b["correct"] += 1
            matched_gold.add(hit)

    for ind, b in per.items():
        found = sum(1 for gi in matched_gold if str(gold_rows[gi]["indicator_id"]) == ind)
        b["gold_found"] = found
        judged = b["correct"] + b["wrong"]
        b["precision"] = b["correct"] / judged if judged else None
        b["recall"] = found / b["gold"] if b["gold"] else None
    misses = [
        {
            k: g.get(k)
            for k in (
                "document_id",
                "indicator_id",
                "unit_id",
                "period",
                "basis",
                "value",
                "unit",
                "quote",
            )
        }
        for gi, g in enumerate(gold_rows)
        if gi not in matched_gold
    ]
    core = [gi for gi, g in enumerate(gold_rows) if g.get("core")]
    core_missing = sorted(
        {str(gold_rows[gi]["indicator_id"]) for gi in core if gi not in matched_gold}
    )
    n_correct = sum(b["correct"] for b in per.values())
    n_wrong = sum(b["wrong"] for b in per.values())
    return {
        "n_gold": len(gold_rows),
        "n_observed": sum(b["observed"] for b in per.values()),
        "n_correct": n_correct,
        "n_wrong": n_wrong,
        "n_unverified": len(unverified),
        "precision": n_correct / (n_correct + n_wrong) if (n_correct + n_wrong) else None,
        "recall": len(matched_gold) / len(gold_rows) if gold_rows else None,
        "n_core": len(core),
        "n_core_found": sum(1 for gi in core if gi in matched_gold),
        "core_missing": core_missing,
        "per_indicator": dict(sorted(per.items())),
        "misses": misses,
        "wrong": wrong,
        "unverified": unverified,
    }


def load_gold_indicators(path: Path) -> list[dict[str, Any]]:
    """Indicator gold rows: a list, or a mapping holding it under ``values``/``observations``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("values", data.get("observations", []))
    return list(data or [])


# --------------------------------------------------------------------------- pipeline run


@dataclass
class Run:
    """What the pipeline produced in memory for the catalogue's documents."""

    texts: dict[str, str] = field(default_factory=dict)
    figures: dict[str, list[Figure]] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def run_pipeline(root: Path, doc_ids: Iterable[str] | None = None) -> Run:
    """Stages 0–3 on the catalogue's reports, in memory, exactly as the build runs them.

    Uses the build's own catalogue loader and per-report stage chain (no copy of either), so
    what is scored is what would be published.
    """
    from solieu.catalog import load_catalog
    from solieu.pipeline import process_text
    from solieu.readers import read_report

    wanted = set(doc_ids) if doc_ids is not None else None
    metas, _ = load_catalog(root / "sources" / "catalog.yaml")
    run = Run()
    for meta in metas:
        if wanted is not None and meta.document_id not in wanted:
            continue
        try:
            result = process_text(read_report(root / "sources" / meta.file), meta)
        except Exception as exc:  # one broken report must not hide the others' scores
            run.errors[meta.document_id] = f"{type(exc).__name__}: {exc}"
            continue
        run.texts[meta.document_id] = result.document.text
        run.figures[meta.document_id] = result.figures
        run.observations.extend(result.observations)
    return run


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def main(paths: Paths | Sequence[str] | None = None) -> int:
    """Run the pipeline in memory and print figure and indicator precision/recall.

    ``paths``: the project's :class:`~solieu.paths.Paths` (as ``solieu eval`` passes it), or
    command-line style arguments — gold figure files (default: every file in
    ``tests/gold/figures/``), ``--root``, ``--indicators GOLD``, ``--limit N`` (how many
    misses and false positives to list per document). Returns 0: the floors are held by
    ``tests/test_eval.py``, not by this report.
    """
    from rich.console import Console
    from rich.table import Table

    from solieu.paths import Paths, project_root

    ap = argparse.ArgumentParser(prog="solieu eval")
    ap.add_argument("gold", nargs="*", help="gold figure files")
    ap.add_argument("--root", default=None)
    ap.add_argument("--indicators", default=None, help="indicator gold (YAML)")
    ap.add_argument("--limit", type=int, default=40)
    if isinstance(paths, Paths):
        args = ap.parse_args(["--root", str(paths.root)])
    else:
        args = ap.parse_args(list(paths) if paths is not None else None)

    root = Path(args.root).resolve() if args.root else project_root()
    gold_files = [Path(p) for p in args.gold] or sorted(
        (root / "tests" / "gold" / "figures").glob("*.yaml")
    )
    ind_gold_path = (
        Path(args.indicators) if args.indicators else (root / "tests" / "gold" / "indicators.yaml")
    )
    con = Console(width=max(Console().width, 160))
    run = run_pipeline(root)
    for doc_id, msg in run.errors.items():
        con.print(f"[red]pipeline error[/red] {doc_id}: {msg}")

    # Figures
    results = []
    for gf in gold_files:
        doc_id, gold = load_gold_figures(gf)
        figs = run.figures.get(doc_id, [])
        results.append(evaluate_figures(doc_id, figs, gold, run.texts.get(doc_id)))
    t = Table(title="Figures (value and unit right, at the right place)")
    for c in ("document", "gold", "extracted", "matched", "precision", "recall"):
        t.add_column(c, justify="left" if c == "document" else "right")
    for r in results:
        t.add_row(
            r["document_id"],
            str(r["n_gold"]),
            str(r["n_extracted"]),
            str(r["n_matched"]),
            _pct(r["precision"]),
            _pct(r["recall"]),
        )
    tot = combine_figure_results(results)
    t.add_row(
        "[b]overall[/b]",
        str(tot["n_gold"]),
        str(tot["n_extracted"]),
        str(tot["n_matched"]),
        _pct(tot["precision"]),
        _pct(tot["recall"]),
    )
    con.print(t)
    for r in results:
        if r["misses"]:
            con.print(f"\n[b]Misses[/b] {r['document_id']} ({len(r['misses'])})")
            for m in r["misses"][: args.limit]:
                got = m["extracted_here"] and f"  [dim]extracted: {m['extracted_here']}[/dim]"
                line = f"  {m['text']!s:>14} = {m['value']:g} {m['unit']}  «{m['context']}»"
                con.print(line + (got or ""), highlight=False)
        if r["false_positives"]:
            con.print(f"\n[b]False positives[/b] {r['document_id']} ({len(r['false_positives'])})")
            for f in r["false_positives"][: args.limit]:
                line = f"  {f['text']!s:>14} = {f['value']:g} {f['unit']}  «{f['context']}»"
                con.print(line, highlight=False)

    # Indicators
    if ind_gold_path.exists():
        ev = evaluate_indicators(run.observations, load_gold_indicators(ind_gold_path))
        t = Table(title="Indicators")
        for c in (
            "indicator",
            "gold",
            "observed",
            "correct",
            "wrong",
            "unverified",
            "precision",
            "recall",
        ):
            t.add_column(c, justify="left" if c == "indicator" else "right")
        for ind, b in ev["per_indicator"].items():
            t.add_row(
                ind,
                str(b["gold"]),
                str(b["observed"]),
                str(b["correct"]),
                str(b["wrong"]),
                str(b["unverified"]),
                _pct(b["precision"]),
                _pct(b["recall"]),
            )
        t.add_row(
            "[b]overall[/b]",
            str(ev["n_gold"]),
            str(ev["n_observed"]),
            str(ev["n_correct"]),
            str(ev["n_wrong"]),
            str(ev["n_unverified"]),
            _pct(ev["precision"]),
            _pct(ev["recall"]),
        )
        con.print(t)
        con.print(
            f"core gold rows found: {ev['n_core_found']}/{ev['n_core']}"
            + (
                f"; core indicators missing: {', '.join(ev['core_missing'])}"
                if ev["core_missing"]
                else ""
            )
        )
        for title, rows in (
            ("Wrong values", ev["wrong"]),
            ("Indicator misses", ev["misses"]),
            ("Unverified", ev["unverified"]),
        ):
            if rows:
                con.print(f"\n[b]{title}[/b] ({len(rows)})")
                for row in rows[: args.limit]:
                    con.print("  " + " | ".join(f"{v}" for v in row.values()), highlight=False)
    else:
        con.print(f"\n[yellow]no indicator gold at {ind_gold_path}[/yellow]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
