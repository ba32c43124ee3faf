"""Stage 3b: the report's own arithmetic, recomputed (ratios, changes, parts and wholes)."""

from __future__ import annotations

import pytest

from solieu.checks import _half_step, run_checks
from test_indicators import ADMIN_SENTENCE, admin_doc, build


def by_claim(checks):
    return {c.claim: c for c in checks}


def ratio_doc(num: str, den: str, res: str, body: str | None = None):
    body = body or f"Chứng thực bản sao điện tử được {num} việc/{den} = {res}."
    n, d = (float(x.replace(".", "").replace(",", ".")) for x in (num, den))
    r = float(res.rstrip("%").replace(",", "."))
    return build(body, [
        {"text": num, "value": n, "unit": "việc", "kind": "fraction", "role": "numerator",
         "group": "g"},
        {"text": den, "value": d, "unit": "việc", "kind": "fraction", "role": "denominator",
         "group": "g", "after": num + " việc/"},
        {"text": res, "value": r, "unit": "percent", "kind": "percent", "role": "result",
         "group": "g"},
    ])  # fmt: skip


def test_ratio_passes_within_rounding():
    (c,) = run_checks(*ratio_doc("261", "596", "43,79%"))
    assert (c.kind, c.verdict, c.stated) == ("ratio", "pass", 43.79)
    assert c.computed == pytest.approx(43.791946, abs=1e-6)
    assert c.claim == "261/596 = 43,79%"


def test_ratio_truncated_instead_of_rounded_fails_with_a_note():
    (c,) = run_checks(*ratio_doc("32", "260", "12,30%"))
    assert c.verdict == "fail"
    assert "cắt bỏ" in c.note  # 12,3077 written as 12,30: surfaced, not corrected


def test_ratio_with_wrong_result_fails():
    (c,) = run_checks(*ratio_doc("261", "596", "45,79%"))
    assert c.verdict == "fail" and c.stated == 45.79


def test_share_stated_after_a_fraction():
    body = (
        "Luỹ kế giải ngân vốn đầu tư tính đến ngày 12/06/2025 đạt 53.218/384.514 triệu đồng, "
        "tỷ lệ giải ngân đạt 13,84%."
    )
    doc, figs = build(body, [
        {"text": "53.218", "value": 53218e6, "unit": "VND", "kind": "fraction",
         "role": "numerator", "group": "a", "scale": 1e6},
        {"text": "384.514 triệu đồng", "value": 384514e6, "unit": "VND", "kind": "fraction",
         "role": "denominator", "group": "a", "scale": 1e6},
        {"text": "13,84%", "value": 13.84, "unit": "percent", "kind": "percent"},
    ])  # fmt: skip
    (c,) = run_checks(doc, figs)
    assert (c.kind, c.verdict) == ("share", "pass")
    assert c.figure_ids == [f.figure_id for f in figs]


def test_change_recomputed_from_its_two_terms():
    body = (
        "Các cơ quan đã tiếp 1.651 lượt công dân, giảm 24,5% so với cùng kỳ năm 2024 "
        "(1.651/2.188 lượt); đã giải quyết 47/53 đơn, đạt tỷ lệ 88,7%, giảm 8,1% (88,7/96,8%) "
        "so với cùng kỳ."
    )
    doc, figs = build(body, [
        {"text": "24,5%", "value": 24.5, "unit": "percent", "kind": "change",
         "direction": "decrease"},
        {"text": "1.651", "value": 1651, "unit": "lượt", "kind": "fraction", "role": "numerator",
         "group": "a", "after": "(1"},
        {"text": "2.188 lượt", "value": 2188, "unit": "lượt", "kind": "fraction",
         "role": "denominator", "group": "a"},
        {"text": "8,1%", "value": 8.1, "unit": "percent", "kind": "change",
         "direction": "decrease"},
        {"text": "88,7", "value": 88.7, "unit": "percent", "kind": "fraction",
         "role": "numerator", "group": "b", "after": "(88"},
        {"text": "96,8%", "value": 96.8, "unit": "percent", "kind": "fraction",
         "role": "denominator", "group": "b"},
    ])  # fmt: skip
    checks = [c for c in run_checks(doc, figs) if c.kind == "change"]
    assert len(checks) == 2 and all(c.verdict == "pass" for c in checks)
    assert {c.stated for c in checks} == {-24.5, -8.1}


def test_status_breakdown_adds_up():
    checks = [c for c in run_checks(*admin_doc()) if c.kind == "sum"]
    (c,) = checks
    assert c.verdict == "pass" and c.stated == 2081 and c.computed == 2081


def test_status_breakdown_that_does_not_add_up_fails():
    body = ADMIN_SENTENCE.replace("quá hạn 11 hồ sơ", "quá hạn 12 hồ sơ")
    doc, figs = admin_doc()
    text_doc, text_figs = build(body, [
        {"text": f.text.replace("11 hồ sơ", "12 hồ sơ"),
         "value": 12 if f.text == "11 hồ sơ" else f.value, "unit": f.unit, "kind": f.kind,
         "role": f.role, "group": f.group, "after": "2.081" if f.role == "denominator" else None}
        for f in figs
    ], unit_id="phuong-tam-thanh", heading="5.2. Cải cách hành chính")  # fmt: skip
    (c,) = [c for c in run_checks(text_doc, text_figs) if c.kind == "sum"]
    assert c.verdict == "fail" and c.computed == 2082 and c.stated == 2081


def test_footnote_breakdown_of_a_body_total():
    body = "Thu giá dịch vụ vệ sinh môi trường với tổng số tiền 36.618.000đ."
    note = (
        "Trong đó: Thu 19 công trình: 18.560.000 đồng; thu 01 công trình miễn phép: 720.000 đồng; "
        "Khối uỷ nhiệm thu trên địa bàn: 19.338.000 đồng"
    )
    specs = [
        {"text": "36.618.000đ", "value": 36618000, "unit": "VND"},
        {"text": "19 công trình", "value": 19, "unit": "công trình", "in_footnote": True},
        {"text": "18.560.000 đồng", "value": 18560000, "unit": "VND", "in_footnote": True},
        {"text": "01 công trình", "value": 1, "unit": "công trình", "in_footnote": True},
        {"text": "720.000 đồng", "value": 720000, "unit": "VND", "in_footnote": True},
        {"text": "19.338.000 đồng", "value": 19338000, "unit": "VND", "in_footnote": True},
    ]
    doc, figs = build(body, specs, footnote=note, marker_after="36.618.000đ")
    (c,) = run_checks(doc, figs)
    assert (c.kind, c.verdict, c.stated, c.computed) == ("sum", "fail", 36618000, 38618000)
    good = [dict(s, value=16560000, text="16.560.000 đồng") if s["value"] == 18560000 else s
            for s in specs]  # fmt: skip
    doc, figs = build(body, good, footnote=note.replace("18.560", "16.560"),
                      marker_after="36.618.000đ")  # fmt: skip
    (c,) = run_checks(doc, figs)
    assert c.verdict == "pass"


def test_footnote_that_is_not_a_breakdown_is_not_summed():
    body = "Thu giá dịch vụ vệ sinh môi trường trên địa bàn với tổng số tiền 5.185.225.000 đồng."
    note = "Tổng số thu giá dịch vụ vệ sinh môi trường (Từ ngày 16/11/2024): 8.069.275.000 đồng"
    doc, figs = build(body, [
        {"text": "5.185.225.000 đồng", "value": 5185225000, "unit": "VND"},
        {"text": "8.069.275.000 đồng", "value": 8069275000, "unit": "VND", "in_footnote": True},
    ], footnote=note, marker_after="5.185.225.000 đồng")  # fmt: skip
    assert run_checks(doc, figs) == []


def test_half_steps_follow_the_written_precision():
    doc, figs = build("Thu 10.909 triệu đồng, 41 đơn, 43.028 ha, 3,11 triệu lượt.", [
        {"text": "10.909 triệu đồng", "value": 10909e6, "unit": "VND", "scale": 1e6},
        {"text": "41 đơn", "value": 41, "unit": "đơn"},
        {"text": "43.028 ha", "value": 43028, "unit": "ha"},
        {"text": "3,11 triệu lượt", "value": 3.11e6, "unit": "lượt", "scale": 1e6},
    ])  # fmt: skip
    assert [_half_step(f) for f in figs] == [0.5e6, 0.0, 0.5, 5000.0]


def test_check_ids_are_stable():
    a = run_checks(*ratio_doc("261", "596", "43,79%"))
    b = run_checks(*ratio_doc("261", "596", "43,79%"))
    assert [c.check_id for c in a] == [c.check_id for c in b]
    assert a[0].check_id.startswith("test-doc.") and len(a[0].check_id) == len("test-doc.") + 10


# ----------------------------------------------------------------------------- real pipeline


@pytest.fixture(scope="module")
def real_checks():
    from test_indicators import _pipeline

    return {d: run_checks(doc, figs) for d, (doc, figs, _) in _pipeline().items()}


def test_contradictions_in_the_reports_surface(real_checks):
    province = real_checks["tinh-lang-son-2025-h1-bao-cao"]
    fails = {c.claim for c in province if c.verdict == "fail"}
    # footnote 3: the six crops add up to 43.289 ha, the body says 43.028 ha
    assert any("43.028" in c and "chú thích 3" in c for c in fails), fails
    ward = real_checks["phuong-tam-thanh-2025-11-bao-cao"]
    # footnote 4: 18.560.000 + 720.000 + 19.338.000 = 38.618.000, not 36.618.000
    assert any(c.verdict == "fail" and c.computed == 38618000 for c in ward)


def test_the_reports_own_ratios_pass(real_checks):
    city = real_checks["thanh-pho-lang-son-2025-06-bao-cao"]
    passed = {c.claim for c in city if c.verdict == "pass"}
    assert "261/596 = 43,79%" in passed
    assert any(c.startswith("53.218.000.000/384.514.000.000") for c in passed)
    sums = [c for c in city if c.kind == "sum" and "admin_dossiers_resolved" in c.claim]
    assert sums and sums[0].verdict == "pass" and sums[0].stated == 596
    assert not real_checks["thanh-pho-lang-son-2025-05-chuong-trinh"]
    for checks in real_checks.values():
        for c in checks:
            assert c.verdict in {"pass", "fail", "cannot_check"}
            assert c.quote and c.figure_ids


def test_parts_are_checked_against_every_distinct_total_the_report_gives():
    """A stated total and one implied by a ratio's denominator may disagree: both surface."""
    body = (
        "Bộ phận một cửa đã giải quyết 600 hồ sơ thủ tục hành chính, trong đó giải quyết trước "
        "hạn 261/596 hồ sơ, đúng hạn 320 hồ sơ, quá hạn 15 hồ sơ."
    )
    doc, figs = build(body, [
        {"text": "600 hồ sơ", "value": 600, "unit": "hồ sơ"},
        {"text": "261", "value": 261, "unit": "hồ sơ", "kind": "fraction", "role": "numerator",
         "group": "g"},
        {"text": "596 hồ sơ", "value": 596, "unit": "hồ sơ", "kind": "fraction",
         "role": "denominator", "group": "g"},
        {"text": "320 hồ sơ", "value": 320, "unit": "hồ sơ"},
        {"text": "15 hồ sơ", "value": 15, "unit": "hồ sơ"},
    ], period="2025-06")  # fmt: skip
    sums = {c.stated: c.verdict for c in run_checks(doc, figs) if c.kind == "sum"}
    assert sums == {600: "fail", 596: "pass"}


@pytest.mark.parametrize(
    ("shape", "n"), [("report", 40_000), ("one_sentence", 8_000), ("repeated", 8_000)]
)
def test_checks_time_grows_linearly(shape, n, synthetic_text, growth_ratio):
    from solieu.figures import extract_figures
    from solieu.indicators import map_observations
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    runs = {}
    for k in (n, 4 * n):
        doc = ingest(synthetic_text(shape, k), DocumentMeta("t", "t", "tinh-lang-son", "2025-06"))
        figs = extract_figures(doc)
        runs[k] = (doc, figs, map_observations(doc, figs))
    assert growth_ratio(lambda k: run_checks(*runs[k][:2], observations=runs[k][2]), n) < 6
