#!/usr/bin/env python3
"""Measure `solieu extract` on the regression reports of ``tests/heldout/`` (issue 3, point 2).

They were held out once; sentences of them were used while tuning, so the numbers are in-sample
(a regression check), not a measure of generalisation (``make eval-corpus`` is).

The reports and their hand-made gold labels live in ``tests/heldout/`` (see its README). Each
report is run through the command line exactly as a user would::

    .venv/bin/solieu extract <file> --unit <unit_id> --period <period> --format json

and scored against ``<name>.yaml``:

* figures: precision and recall. A gold figure and an extracted figure match when
  (1) the values agree (relative tolerance 1e-9; for a range both ends, either as one figure
  with ``value_max`` or as two figures, one per end), (2) the units agree (the gold ``unit`` or
  one of its ``unit_alt`` spellings), and (3) they sit at the same place in the text (below).
  A value-and-place match with another unit is reported as a *unit error* (it counts as one
  false positive and one miss).
* indicators: per gold row correct / missed; per observation wrong value (a value the gold
  does not give for that indicator and unit), unexpected core indicator (a core indicator the
  gold says the text does not state for that unit) or unlabelled (non-core, not judged).
* ``not_indicators``: values that must never become a given indicator (contributions in
  percentage points as growth rates, national averages, month-on-month CPI, targets...).

Locating a figure. ``start``/``end`` in the JSON index the normalised document text, which the
command does not print, so the place is compared through the figure's ``sentence`` instead.
Whitespace is removed from both the gold ``context`` and the sentence (PDF line breaks and
blank lines then cannot matter). The gold number's position in its context is the first
occurrence of its ``text``; the extracted number's position in its sentence is
``start - sentence_start`` (falling back to the first occurrence of its text). Aligning the two
positions overlays the context on the sentence; the figure is at the gold place when every
overlaid character agrees (one slip per 15 characters is tolerated for small normalisation
differences such as dashes) and at least 8 characters of context beyond the number agree (or
the whole context, when it is shorter). Contexts that run past a sentence boundary therefore
still match on the part inside the sentence. Each extracted figure matches at most one gold
figure (first come, first served in gold order, unit-correct candidates first).

This is a measurement, not a test: it always exits 0. ``--json PATH`` also writes the
results; ``--check-gold`` only verifies that every gold context occurs in its report.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "heldout"
SOLIEU = ROOT / ".venv" / "bin" / "solieu"

CORE = {
    "budget_revenue", "budget_revenue_pct_estimate", "budget_expenditure",
    "public_investment_disbursed", "public_investment_disbursed_pct_plan",
    "admin_dossiers_received", "admin_dossiers_resolved", "admin_dossiers_resolved_early",
    "admin_dossiers_resolved_on_time", "admin_dossiers_resolved_late", "admin_dossiers_pending",
    "documents_received", "documents_issued", "construction_permits_issued",
    "land_use_certificates_issued", "citizen_reception_visits", "petitions_received",
    "poor_households", "near_poor_households", "military_recruits", "grdp_growth",
    "grdp_growth_agriculture", "grdp_growth_industry_construction", "grdp_growth_services",
    "grdp_growth_product_taxes", "trade_turnover", "iip_growth", "cpi_growth", "retail_sales",
    "tourist_arrivals", "tourism_revenue", "new_enterprises", "sown_area", "jobs_created",
    "traffic_accidents", "traffic_deaths", "traffic_injuries",
}  # fmt: skip

MIN_CONTEXT_AGREE = 8  # characters of context beyond the number that must agree
SLIP_EVERY = 15  # one disagreeing character tolerated per this many agreeing ones
_WS = re.compile(r"\s+")


def squash(s: str) -> str:
    """NFC, no whitespace at all: makes PDF line breaks and blank lines irrelevant."""
    return _WS.sub("", unicodedata.normalize("NFC", s))


def same(a: float | None, b: float | None) -> bool:
    """Values equal within 1e-9 relative (both None counts as equal)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or a == b


def norm_unit(u: str | None) -> str:
    return unicodedata.normalize("NFC", (u or "").strip().lower())


@dataclass
class Placed:
    """An extracted figure prepared for locating: squashed sentence and number offset."""

    fig: dict[str, Any]
    sent: str
    pos: int  # offset of the number in `sent`
    text: str  # squashed figure text
    used: bool = False


def place(fig: dict[str, Any]) -> Placed:
    sentence = fig.get("sentence") or ""
    text = fig.get("text") or ""
    off = (fig.get("start") or 0) - (fig.get("sentence_start") or 0)
    if not (0 <= off <= len(sentence) and sentence[off : off + len(text)] == text):
        off = sentence.find(text)
    if off < 0:  # no usable sentence: the figure's own text stands in for it
        return Placed(fig, squash(text), 0, squash(text))
    return Placed(fig, squash(sentence), len(squash(sentence[:off])), squash(text))


def at_place(context: str, gold_text: str, p: Placed) -> bool:
    """Is the extracted figure `p` at the place the gold context points to?"""
    c, t = squash(context), squash(gold_text)
    g0 = c.find(t)
    if g0 < 0:
        return False
    if t in p.text:
        anchor = p.pos + p.text.find(t)
    elif p.text and p.text in t:
        anchor = p.pos - t.find(p.text)
    else:
        return False
    shift = anchor - g0
    agree = slips = 0
    for i, ch in enumerate(c):
        k = shift + i
        if 0 <= k < len(p.sent):
            if p.sent[k] == ch:
                agree += 1
            else:
                slips += 1
    beyond = agree - len(t)
    need = min(MIN_CONTEXT_AGREE, len(c) - len(t))
    return beyond >= need and slips <= agree // SLIP_EVERY


def range_ends(text: str) -> tuple[str, str]:
    """The written low and high ends of a gold range ("55.000 - 62.000", "14.000 đến 16.500")."""
    nums = re.findall(r"\d[\d.,]*", text)
    return nums[0], nums[-1]


@dataclass
class FigureScore:
    tp: int = 0  # gold figures found
    tp_ext: int = 0  # extracted figures that found their gold figure (2 for a range in 2 parts)
    n_gold: int = 0
    n_extracted: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    unit_errors: list[str] = field(default_factory=list)


def describe(fig: dict[str, Any]) -> str:
    sent = _WS.sub(" ", fig.get("sentence") or "")
    off = sent.find(fig.get("text") or "\0")
    lo, hi = max(0, off - 45), off + len(fig.get("text") or "") + 35
    excerpt = ("…" if lo else "") + sent[lo:hi] + ("…" if hi < len(sent) else "")
    vmax = f"–{fig['value_max']:g}" if fig.get("value_max") is not None else ""
    where = " [fn]" if fig.get("in_footnote") else ""
    return (
        f"{fig.get('text')!r} = {fig.get('value'):g}{vmax} {fig.get('unit')} "
        f"({fig.get('kind')}){where} | {excerpt}"
    )


def score_figures(gold: list[dict[str, Any]], figures: list[dict[str, Any]]) -> FigureScore:
    placed = [place(f) for f in figures]
    sc = FigureScore(n_gold=len(gold), n_extracted=len(figures))
    unit_err_figs: set[int] = set()
    for g in gold:
        units = {norm_unit(g["unit"])} | {norm_unit(u) for u in g.get("unit_alt", [])}
        ctx, text = g["context"], str(g["text"])

        def located(p: Placed, value: float, written: str, ctx=ctx) -> bool:
            return same(p.fig.get("value"), value) and at_place(ctx, written, p)

        if g.get("value_max") is not None:  # a range: one figure, or one per end
            lo_t, hi_t = range_ends(text)
            one = [
                p
                for p in placed
                if not p.used
                and same(p.fig.get("value"), g["value"])
                and same(p.fig.get("value_max"), g["value_max"])
                and at_place(ctx, lo_t, p)
            ]
            lows = [p for p in placed if not p.used and located(p, g["value"], lo_t)]
            highs = [p for p in placed if not p.used and located(p, g["value_max"], hi_t)]
            if one:
                cands: list[list[Placed]] = [[p] for p in one]
            elif lows and highs:
                cands = [[lows[0], highs[0]]]
            else:
                cands = []
        else:
            cands = [[p] for p in placed if not p.used and located(p, g["value"], text)]
        good = [ps for ps in cands if all(norm_unit(p.fig.get("unit")) in units for p in ps)]
        label = f"{text!r} = {g['value']:g} {g['unit']} ({g['kind']}) | {ctx}"
        if good:
            for p in good[0]:
                p.used = True
            sc.tp += 1
            sc.tp_ext += len(good[0])
        elif cands:
            for p in cands[0]:
                p.used = True
                unit_err_figs.add(id(p))
            got = ", ".join(str(p.fig.get("unit")) for p in cands[0])
            sc.unit_errors.append(f"{label}  -> extracted unit {got}")
            sc.misses.append(label + "  [unit]")
        else:
            sc.misses.append(label)
    for p in placed:
        if not p.used or id(p) in unit_err_figs:
            sc.false_positives.append(describe(p.fig) + ("  [unit]" if p.used else ""))
    return sc


@dataclass
class IndicatorScore:
    n_gold: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    core_unexpected: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    period_notes: list[str] = field(default_factory=list)


def accepted(row: dict[str, Any]) -> list[float]:
    return [row["value"], *row.get("also_accept", [])]


def obs_ok(o: dict[str, Any], row: dict[str, Any]) -> bool:
    if not any(same(o.get("value"), v) for v in accepted(row)):
        return False
    return row.get("basis") is None or o.get("basis") == row["basis"]


def score_indicators(doc: dict[str, Any], observations: list[dict[str, Any]]) -> IndicatorScore:
    rows = doc.get("indicators") or []
    sc = IndicatorScore(n_gold=len(rows))
    for row in rows:
        hits = [
            o
            for o in observations
            if o.get("indicator_id") == row["indicator_id"]
            and o.get("unit_id") == row["unit_id"]
            and obs_ok(o, row)
        ]
        label = f"{row['indicator_id']} {row['unit_id']} = {row['value']:g}"
        if row.get("basis"):
            label += f" (basis {row['basis']})"
        if hits:
            sc.correct += 1
            if not any(h.get("period") == row["period"] for h in hits):
                got = hits[0].get("period")
                sc.period_notes.append(f"{label}: period {got} vs {row['period']}")
        else:
            sc.missed.append(f"{label} | {row['quote']}")
    for o in observations:
        ind, unit = o.get("indicator_id"), o.get("unit_id")
        mine = [r for r in rows if r["indicator_id"] == ind and r["unit_id"] == unit]
        quote = _WS.sub(" ", o.get("quote") or "")[:160]
        label = f"{ind} {unit} {o.get('period')} = {o.get('value'):g} basis={o.get('basis')}"
        label += f" | {quote}"
        if mine:
            if not any(obs_ok(o, r) for r in mine):
                sc.wrong.append(label)
        elif ind in CORE:
            sc.core_unexpected.append(label)
        else:
            sc.unlabelled.append(label)
        for n in doc.get("not_indicators") or []:
            if n["indicator_id"] == ind and same(o.get("value"), n["value"]):
                sc.violations.append(f"{label}  <- {n['why']}")
    return sc


def run_extract(txt: Path, d: dict[str, Any]) -> dict[str, Any]:
    cmd = [str(SOLIEU), "extract", str(txt), "--unit", d["unit_id"], "--period", str(d["period"])]
    cmd += ["--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0:
        print(f"  ! solieu extract failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
        return {"figures": [], "observations": []}
    return json.loads(proc.stdout)


def check_gold(txt: Path, doc: dict[str, Any]) -> list[str]:
    """Gold contexts that do not occur in the report (markers glued to words are tolerated)."""
    text = unicodedata.normalize("NFC", txt.read_text(encoding="utf-8"))
    raw = squash(text)
    # footnote markers glued to a letter or "%": drop a 1-2 digit run before punctuation/space
    unmarked = squash(re.sub(r"(?<=[^\W\d_]|%)\d{1,2}(?=[.,;:)\s]|$)", "", text))
    problems = []
    for g in doc.get("figures") or []:
        c = squash(g["context"])
        if c not in raw and c not in unmarked:
            problems.append(f"context not in text: {g['context']!r}")
        if squash(str(g["text"])) not in c:
            problems.append(f"text {g['text']!r} not in its context {g['context']!r}")
    return problems


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    ap.add_argument("--check-gold", action="store_true", help="only check gold contexts")
    ap.add_argument("names", nargs="*", help="report names (default: all in tests/heldout)")
    args = ap.parse_args()
    names = args.names or sorted(p.stem for p in HELDOUT.glob("*.yaml"))
    totals = {"tp": 0, "tp_ext": 0, "gold": 0, "ext": 0, "unit": 0, "ind_gold": 0, "ind_ok": 0}
    totals |= {"wrong": 0, "core_unexpected": 0, "violations": 0}
    out: dict[str, Any] = {}
    for name in names:
        txt, gold_path = HELDOUT / f"{name}.txt", HELDOUT / f"{name}.yaml"
        doc = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        problems = check_gold(txt, doc)
        if args.check_gold:
            print(f"{name}: {len(doc['figures'])} gold figures, {len(problems)} problems")
            for p in problems:
                print("   ", p)
            continue
        d = doc["document"]
        res = run_extract(txt, d)
        fs = score_figures(doc["figures"], res.get("figures", []))
        ins = score_indicators(doc, res.get("observations", []))
        print(f"\n=== {name}  ({d['unit_id']}, {d['period']}, {d['kind']})")
        for p in problems:
            print("  ! gold:", p)
        prec, rec = pct(fs.tp_ext, fs.n_extracted), pct(fs.tp, fs.n_gold)
        print(
            f"  figures: precision {prec} ({fs.tp_ext}/{fs.n_extracted}), recall {rec} "
            f"({fs.tp}/{fs.n_gold}), unit errors {len(fs.unit_errors)}"
        )
        print(
            f"  indicators: {ins.correct}/{ins.n_gold} correct, {len(ins.missed)} missed, "
            f"{len(ins.wrong)} wrong value, {len(ins.core_unexpected)} unexpected core, "
            f"{len(ins.unlabelled)} unlabelled non-core, {len(ins.violations)} not_indicator "
            "violations"
        )
        for title, items in [
            ("missed figures", fs.misses),
            ("false-positive figures", fs.false_positives),
            ("unit errors", fs.unit_errors),
            ("missed indicators", ins.missed),
            ("WRONG indicator values", ins.wrong),
            ("unexpected core indicators", ins.core_unexpected),
            ("NOT_INDICATOR violations", ins.violations),
            ("unlabelled non-core observations", ins.unlabelled),
            ("period differences (info)", ins.period_notes),
        ]:
            if items:
                print(f"  -- {title} ({len(items)}):")
                for it in items:
                    print(f"     {it}")
        totals["tp"] += fs.tp
        totals["tp_ext"] += fs.tp_ext
        totals["gold"] += fs.n_gold
        totals["ext"] += fs.n_extracted
        totals["unit"] += len(fs.unit_errors)
        totals["ind_gold"] += ins.n_gold
        totals["ind_ok"] += ins.correct
        totals["wrong"] += len(ins.wrong)
        totals["core_unexpected"] += len(ins.core_unexpected)
        totals["violations"] += len(ins.violations)
        out[name] = {"figures": fs.__dict__, "indicators": ins.__dict__}
    if args.check_gold:
        return 0
    t = totals
    print("\n=== overall")
    print(
        f"  figures: precision {pct(t['tp_ext'], t['ext'])} ({t['tp_ext']}/{t['ext']}), "
        f"recall {pct(t['tp'], t['gold'])} ({t['tp']}/{t['gold']}), unit errors {t['unit']}"
    )
    print(
        f"  indicators: recall {pct(t['ind_ok'], t['ind_gold'])} ({t['ind_ok']}/{t['ind_gold']}), "
        f"wrong values {t['wrong']}, unexpected core {t['core_unexpected']}, "
        f"not_indicator violations {t['violations']}"
    )
    print(
        "  targets (issue 3): figures precision >= 98%, recall >= 95%, no wrong indicator "
        "value, no contribution (pp) taken for a growth rate"
    )
    if args.json:
        out["overall"] = totals
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a measurement: report, never fail the caller
        print(f"eval_heldout: error: {exc!r}", file=sys.stderr)
    sys.exit(0)
