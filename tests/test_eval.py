"""The evaluation harness: the matcher on synthetic figures, the gold files' own sanity, and
floors that the real extractor must keep on the hand-built gold (so quality cannot silently
drop). Raise the floors when the extractor improves; never lower them to make a test pass.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from solieu.evaluate import (
    combine_figure_results,
    evaluate_figures,
    evaluate_indicators,
    load_gold_figures,
    load_gold_indicators,
    units_agree,
    values_agree,
)
from solieu.model import Figure, Observation

# Floors reached by the extractor when the harness was finished (2026-11-23, 308 gold figures:
# P 99.7 %, R 100 %; the first run of the harness measured P 95.0 %, R 86.4 %), rounded down
# to half a percent. Raise them as the extractor improves; never lower them to pass.
FIGURES_PRECISION_FLOOR = 1.0
FIGURES_RECALL_FLOOR = 1.0
# Indicators (tests/gold/indicators.yaml, 123 rows over the five reports): P 100 %, R 100 %.
INDICATORS_PRECISION_FLOOR = 1.0
INDICATORS_RECALL_FLOOR = 1.0

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold" / "figures"
GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))
UNITS = {"VND", "USD", "percent", "pp", "ha", "m2", "m3", "km", "m", "kg", "tonne", "kWh"}


def fig(text: str, body: str, value: float, unit: str, nth: int = 0, **kw) -> Figure:
    """A synthetic figure at the nth occurrence of ``text`` in ``body``."""
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Figure(
        figure_id=f"d.{start}",
        document_id="d",
        value=value,
        unit=unit,
        text=text,
        start=start,
        end=start + len(text),
        sentence=body,
        sentence_start=0,
        **kw,
    )


BODY = (
    "Trong tháng 6/2025 đã tiếp nhận 3.512 văn bản đến và phát hành 1.668 văn bản đi; "
    "thu được 29.228 triệu đồng, đạt 72,2% dự toán. Kiểm tra 16/16 thôn với 2.076 người."
)
GOLD = [
    {"text": "3.512", "value": 3512, "unit": "văn bản", "context": "đã tiếp nhận 3.512 văn bản"},
    {"text": "1.668", "value": 1668, "unit": "văn bản", "context": "phát hành 1.668 văn bản đi"},
    {"text": "29.228", "value": 29228e6, "unit": "VND", "context": "thu được 29.228 triệu đồng"},
    {"text": "72,2%", "value": 72.2, "unit": "percent", "context": "đạt 72,2% dự toán"},
    {"text": "16", "value": 16, "unit": "thôn", "context": "Kiểm tra 16/16 thôn"},
    {"text": "16", "value": 16, "unit": "thôn", "context": "Kiểm tra 16/16 thôn"},
    {"text": "2.076", "value": 2076, "unit": "người", "context": "với 2.076 người"},
]


def perfect() -> list[Figure]:
    return [
        fig("3.512", BODY, 3512, "văn bản"),
        fig("1.668", BODY, 1668, "văn bản"),
        fig("29.228", BODY, 29228e6, "VND"),
        fig("72,2%", BODY, 72.2, "percent"),
        fig("16", BODY, 16, "thôn", nth=0),
        fig("16", BODY, 16, "thôn", nth=1),
        fig("2.076", BODY, 2076, "người"),
    ]


# ----------------------------------------------------------------------------- matcher


@pytest.mark.parametrize("text", [None, BODY])
def test_perfect_extraction_scores_one(text):
    r = evaluate_figures("d", perfect(), GOLD, text)
    assert (r["precision"], r["recall"]) == (1.0, 1.0)
    assert r["misses"] == [] and r["false_positives"] == []


@pytest.mark.parametrize("text", [None, BODY])
def test_wrong_scale_is_a_miss_and_a_false_positive(text):
    figs = perfect()
    figs[2].value = 29228  # scale word "triệu" not applied
    r = evaluate_figures("d", figs, GOLD, text)
    assert r["n_matched"] == 6
    assert [m["text"] for m in r["misses"]] == ["29.228"]
    assert [f["text"] for f in r["false_positives"]] == ["29.228"]
    assert r["precision"] == pytest.approx(6 / 7) and r["recall"] == pytest.approx(6 / 7)


def test_wrong_unit_does_not_match():
    figs = perfect()
    figs[3].unit = "pp"
    r = evaluate_figures("d", figs, GOLD, BODY)
    assert [m["text"] for m in r["misses"]] == ["72,2%"]
    assert "72,2%" in r["misses"][0]["extracted_here"]


def test_right_value_wrong_place_does_not_match():
    # 1.668 reported at the position of 3.512: value and unit right, place wrong.
    body = BODY
    figs = [f for f in perfect() if f.text != "1.668"]
    misplaced = fig("3.512", body, 1668, "văn bản")
    r = evaluate_figures("d", [*figs, misplaced], GOLD, body)
    assert [m["text"] for m in r["misses"]] == ["1.668"]
    assert len(r["false_positives"]) == 1


def test_equal_numbers_in_one_context_each_need_their_own_figure():
    figs = [f for f in perfect() if not (f.text == "16" and f.start > BODY.index("16/") + 1)]
    r = evaluate_figures("d", figs, GOLD, BODY)
    assert r["n_matched"] == 6 and len(r["misses"]) == 1 and r["misses"][0]["text"] == "16"


def test_extra_figure_is_a_false_positive():
    figs = [*perfect(), fig("6/2025", BODY, 6, "tháng")]
    r = evaluate_figures("d", figs, GOLD, BODY)
    assert r["recall"] == 1.0 and r["precision"] == pytest.approx(7 / 8)
    assert r["false_positives"][0]["text"] == "6/2025"


def test_context_with_line_breaks_and_word_overlap_fallback():
    body = "Tổng thu ngân sách\ntính đến ngày 10/7/2025   đạt 10.909 triệu\nđồng đạt 97% dự toán."
    gold = [
        {"text": "10.909", "value": 10909e6, "unit": "VND",
         "context": "ngày 10/7/2025 đạt 10.909 triệu đồng"},
        # context paraphrased (e.g. a footnote marker left in): found by word overlap
        {"text": "97%", "value": 97, "unit": "percent", "context": "đồng1 đạt 97% dự toán giao"},
    ]  # fmt: skip
    figs = [fig("10.909", body, 10909e6, "VND"), fig("97%", body, 97, "percent")]
    r = evaluate_figures("d", figs, gold, body)
    assert r["recall"] == 1.0 and r["precision"] == 1.0


def test_figure_text_may_run_past_the_context():
    body = "Tổng số tiền xử lý vi phạm hành chính: 72.000.000 đồng. Công tác thu chi"
    gold = [{"text": "72.000.000", "value": 72e6, "unit": "VND",
             "context": "vi phạm hành chính: 72.000.000"}]  # fmt: skip
    f = fig("72.000.000 đồng", body, 72e6, "VND")
    assert evaluate_figures("d", [f], gold, body)["recall"] == 1.0


def test_decomposed_text_keeps_offsets():
    import unicodedata

    body = unicodedata.normalize("NFD", "Thu ngân sách đạt 10.909 triệu đồng, đạt 97% dự toán.")
    gold = [{"text": "97%", "value": 97, "unit": "percent", "context": "đồng, đạt 97% dự toán"}]
    good = fig("97%", body, 97, "percent")
    elsewhere = fig("10.909", body, 97, "percent")  # right value, wrong place
    assert evaluate_figures("d", [good], gold, body)["recall"] == 1.0
    assert evaluate_figures("d", [elsewhere], gold, body)["recall"] == 0.0


def test_ranges_need_both_ends():
    body = "giá lợn hơi từ 11.000 - 12.800 đồng/kg"
    gold = [{"text": "11.000 - 12.800", "value": 11000, "value_max": 12800, "unit": "VND/kg",
             "context": "từ 11.000 - 12.800 đồng/kg"}]  # fmt: skip
    ok = fig("11.000 - 12.800", body, 11000, "VND/kg", value_max=12800, kind="range")
    bad = fig("11.000 - 12.800", body, 11000, "VND/kg", value_max=12000, kind="range")
    assert evaluate_figures("d", [ok], gold, body)["recall"] == 1.0
    assert evaluate_figures("d", [bad], gold, body)["recall"] == 0.0


def test_units_and_values():
    assert units_agree("hộ", "hộ gia đình") and units_agree("văn bản mật", "văn bản")
    assert units_agree("percent", "%") and units_agree("VND", "đồng")
    assert units_agree("m2", "m²") and units_agree("Hồ sơ", "hồ sơ")
    assert not units_agree("m", "m2") and not units_agree("percent", "pp")
    assert not units_agree("hộ", "người") and not units_agree("VND", "VND/kg")
    assert values_agree(10909e6, 10909000000.0000001) and values_agree(-7685.8, 7685.8)
    assert not values_agree(29228, 29228e6) and not values_agree(8.37, 8.38)


def test_combine_is_micro_average():
    a = {"n_gold": 10, "n_extracted": 5, "n_matched": 5}
    b = {"n_gold": 10, "n_extracted": 15, "n_matched": 5}
    tot = combine_figure_results([a, b])
    assert tot["precision"] == 0.5 and tot["recall"] == 0.5


# ----------------------------------------------------------------------------- indicators


def obs(ind: str, value: float, basis: str | None = None, doc: str = "d") -> Observation:
    return Observation(
        observation_id=f"{doc}.{ind}.{value}",
        indicator_id=ind,
        unit_id="u",
        period="2025-06",
        value=value,
        unit="VND",
        document_id=doc,
        figure_id="f",
        quote="q",
        start=0,
        end=1,
        basis=basis,
    )


IND_GOLD = [
    {"document_id": "d", "indicator_id": "budget_revenue", "unit_id": "u", "period": "2025-06",
     "value": 281355e6, "unit": "VND", "basis": None, "quote": "q"},
    {"document_id": "d", "indicator_id": "budget_revenue_vs_plan", "unit_id": "u",
     "period": "2025-06", "value": 72.2, "unit": "percent", "basis": "plan", "quote": "q"},
]  # fmt: skip


def test_indicators_correct_wrong_unverified_and_missed():
    ev = evaluate_indicators(
        [obs("budget_revenue", 281355e6), obs("budget_revenue", 29228e6, doc="d"),
         obs("documents_received", 3512)],
        IND_GOLD,
    )  # fmt: skip
    assert ev["n_correct"] == 1 and ev["n_wrong"] == 1 and ev["n_unverified"] == 1
    assert ev["precision"] == 0.5 and ev["recall"] == 0.5
    assert [m["indicator_id"] for m in ev["misses"]] == ["budget_revenue_vs_plan"]
    assert ev["wrong"][0]["gold_values"] == [281355e6]
    assert ev["per_indicator"]["budget_revenue"]["recall"] == 1.0
    assert ev["per_indicator"]["budget_revenue_vs_plan"]["recall"] == 0.0


def test_gold_without_basis_accepts_any_basis():
    o = obs("budget_revenue", 281355e6, basis="estimate")
    assert evaluate_indicators([o], IND_GOLD)["n_correct"] == 1


def test_indicator_basis_is_part_of_the_key():
    o = obs("budget_revenue_vs_plan", 72.2, basis="same_period")
    o.unit = "percent"
    ev = evaluate_indicators([o], IND_GOLD)
    assert ev["n_unverified"] == 1 and ev["n_correct"] == 0
    o.basis = "plan"
    assert evaluate_indicators([o], IND_GOLD)["n_correct"] == 1


# ----------------------------------------------------------------------------- gold sanity


def _source_text(doc_id: str) -> str:
    raw = (ROOT / "sources" / f"{doc_id}.txt").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", raw)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(path):
    doc_id, gold = load_gold_figures(path)
    assert path.stem == doc_id and len(gold) >= 100
    src = _source_text(doc_id)
    # Markers removed from the context may leave it unfindable verbatim; allow very few.
    not_found = [g["context"] for g in gold if g["context"] not in src]
    assert len(not_found) <= 3, not_found
    for g in gold:
        assert g["text"] in g["context"], g
        assert isinstance(g["value"], int | float), g
        u = g["unit"]
        assert u in UNITS or (u == u.lower() and u not in {"%", "đồng", "tấn"}), g
        assert 4 <= len(g["context"].split()) <= 14, g


def test_gold_covers_two_reports():
    assert {p.stem for p in GOLD_FILES} >= {
        "thanh-pho-lang-son-2025-06-bao-cao",
        "phuong-tam-thanh-2025-h1-bao-cao",
    }


# ----------------------------------------------------------------------------- floors

_MISSING = [
    m
    for m in ("solieu.ingest", "solieu.figures")
    if importlib.util.find_spec(m) is None
]  # fmt: skip


@pytest.fixture(scope="module")
def measured():
    if _MISSING:
        pytest.skip(f"pipeline stages not written yet: {', '.join(_MISSING)}")
    from solieu.evaluate import run_pipeline

    docs = {load_gold_figures(p)[0]: load_gold_figures(p)[1] for p in GOLD_FILES}
    run = run_pipeline(ROOT, docs)
    broken = {d: e for d, e in run.errors.items() if e.startswith("figures:")}
    assert not broken, broken
    results = [evaluate_figures(d, run.figures[d], gold, run.texts[d]) for d, gold in docs.items()]
    return combine_figure_results(results)


def test_figures_precision_floor(measured):
    assert measured["precision"] >= FIGURES_PRECISION_FLOOR, measured


def test_figures_recall_floor(measured):
    assert measured["recall"] >= FIGURES_RECALL_FLOOR, measured


@pytest.fixture(scope="module")
def measured_indicators():
    path = ROOT / "tests" / "gold" / "indicators.yaml"
    if _MISSING or importlib.util.find_spec("solieu.indicators") is None:
        pytest.skip("pipeline stages not written yet")
    if not path.exists():
        pytest.skip("tests/gold/indicators.yaml not written yet")
    from solieu.evaluate import run_pipeline

    run = run_pipeline(ROOT)
    assert not run.errors, run.errors
    return evaluate_indicators(run.observations, load_gold_indicators(path))


def test_indicators_precision_floor(measured_indicators):
    ev = measured_indicators
    assert ev["precision"] is not None and ev["precision"] >= INDICATORS_PRECISION_FLOOR, ev[
        "wrong"
    ]


def test_indicators_recall_floor(measured_indicators):
    ev = measured_indicators
    assert ev["recall"] >= INDICATORS_RECALL_FLOOR, ev["misses"]
    assert not ev["core_missing"], ev["core_missing"]


def test_indicator_gold_is_readable_when_present():
    path = ROOT / "tests" / "gold" / "indicators.yaml"
    if not path.exists():
        pytest.skip("tests/gold/indicators.yaml not written yet")
    rows = load_gold_indicators(path)
    assert rows and all({"document_id", "indicator_id", "value"} <= set(r) for r in rows)
