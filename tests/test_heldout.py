"""Floors on the regression corpus (tests/heldout, formerly "held-out"), run through
`solieu extract` as a user would. Sentences of these texts were used while tuning the rules, so
the floors guard against regressions; they do not measure generalisation (`make eval-corpus`
does, on real texts). Issue 3's bar: figures precision >= 98 %, recall >= 95 %, no wrong
indicator value, no percentage-point contribution taken for a growth rate."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "heldout"
FIGURES_PRECISION_FLOOR = 0.99  # measured 1.000 (issue 9)
FIGURES_RECALL_FLOOR = 0.99
# measured 0.878 when set, 0.990 after the vocabulary redesign (issue 9); no wrong value
INDICATORS_RECALL_FLOOR = 0.95


def _script():
    spec = importlib.util.spec_from_file_location("eval_heldout", ROOT / "scripts/eval_heldout.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores():
    ev = _script()
    out = {}
    for gold_path in sorted(HELDOUT.glob("*.yaml")):
        doc = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        txt = gold_path.with_suffix(".txt")
        assert ev.check_gold(txt, doc) == []
        res = ev.run_extract(txt, doc["document"])
        out[gold_path.stem] = (
            ev.score_figures(doc.get("figures") or [], res["figures"]),
            ev.score_indicators(doc, res["observations"]),
        )
    assert len(out) >= 4
    return out


def test_figures_on_unseen_reports(scores):
    tp = sum(f.tp for f, _ in scores.values())
    tp_ext = sum(f.tp_ext for f, _ in scores.values())
    n_gold = sum(f.n_gold for f, _ in scores.values())
    n_ext = sum(f.n_extracted for f, _ in scores.values())
    misses = [m for f, _ in scores.values() for m in f.misses + f.false_positives]
    assert tp_ext / n_ext >= FIGURES_PRECISION_FLOOR, misses
    assert tp / n_gold >= FIGURES_RECALL_FLOOR, misses


def test_no_wrong_indicator_value_on_unseen_reports(scores):
    wrong = [w for _, i in scores.values() for w in i.wrong + i.core_unexpected + i.violations]
    assert wrong == []


def test_indicator_recall_on_unseen_reports(scores):
    correct = sum(i.correct for _, i in scores.values())
    gold = sum(i.n_gold for _, i in scores.values())
    assert correct / gold >= INDICATORS_RECALL_FLOOR, [
        m for _, i in scores.values() for m in i.missed
    ]
