"""Stage 3: the indicator catalogue and the figure → observation mapping.

Most tests build figures by hand (as the figure stage would) from real sentences of the seed
reports, so that the mapping rules are tested on their own; the last tests run the whole
pipeline on ``sources/`` and compare with the hand-labelled ``tests/gold/indicators.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from solieu.indicators import (
    _sentence_at,
    compile_catalogue,
    flag_duplicates,
    load_catalogue,
    map_observations,
)
from solieu.model import Block, Document, DocumentMeta, Figure, FootnoteRef, Observation
from solieu.periods import parse_period, year_to_date_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "indicators.yaml"

CORE = [
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
]  # fmt: skip
CORE_UNITS = {
    "budget_revenue": "VND", "budget_revenue_pct_estimate": "percent",
    "budget_expenditure": "VND", "public_investment_disbursed": "VND",
    "public_investment_disbursed_pct_plan": "percent", "admin_dossiers_received": "dossiers",
    "documents_received": "documents", "construction_permits_issued": "permits",
    "land_use_certificates_issued": "certificates", "citizen_reception_visits": "visits",
    "petitions_received": "petitions", "poor_households": "households",
    "military_recruits": "persons", "grdp_growth": "percent", "trade_turnover": "USD",
    "tourist_arrivals": "visits", "tourism_revenue": "VND", "new_enterprises": "enterprises",
    "sown_area": "ha", "jobs_created": "persons", "traffic_accidents": "cases",
    "traffic_deaths": "persons",
}  # fmt: skip
SECTORS = {
    "finance", "investment", "administrative_reform", "land_construction",
    "agriculture_forestry", "industry", "trade_border", "tourism", "enterprises", "labour",
    "social_protection", "health", "education", "culture", "security_defence",
    "digital_transformation",
}  # fmt: skip
RULE_KEYS = {
    "figure", "former_unit", "basis", "basis_from", "keep_figure_basis", "signed",
    "derivation", "estimate_if", "period", "doc_period", "global_exclude", "allow_flags",
    "temporal",
} | {w for base in ("near", "clause", "before", "after", "sentence", "context", "paren",
                     "paragraph", "heading", "scope") for w in (base, f"not_{base}")}  # fmt: skip


# ----------------------------------------------------------------------------- builders


def build(
    body: str,
    specs: list[dict],
    *,
    unit_id: str = "tinh-lang-son",
    period: str = "2025-H1",
    heading: str | None = None,
    footnote: str | None = None,
    marker_after: str | None = None,
) -> tuple[Document, list[Figure]]:
    """A document and its figures, as the figure stage would give them.

    Each spec names the figure's ``text`` (its first occurrence after ``after``, if given, in
    the body or, with ``in_footnote``, in the footnote) and its parsed attributes.
    """
    parts, blocks, pos = [], [], 0
    if heading:
        parts.append(heading)
        blocks.append(Block(0, "heading", 0, len(heading), level=2))
        pos = len(heading) + 2
    body_start = pos
    parts.append(body)
    blocks.append(Block(len(blocks), "paragraph", body_start, body_start + len(body)))
    pos = body_start + len(body) + 2
    refs = []
    note_start = None
    if footnote is not None:
        note_start = pos
        parts.append(footnote)
        blocks.append(Block(len(blocks), "footnote", pos, pos + len(footnote), footnote=1))
        k = body.find(marker_after or body.rstrip(". ")) + len(marker_after or body.rstrip(". "))
        refs.append(FootnoteRef(number=1, offset=body_start + k, block=len(blocks) - 2))
    text = "\n\n".join(parts)
    meta = DocumentMeta(document_id="test-doc", file="test.txt", unit_id=unit_id, period=period)
    figs = []
    for i, s in enumerate(specs):
        in_note = s.get("in_footnote", False)
        base = note_start if in_note else body_start
        region = footnote if in_note else body
        k = region.find(s["text"], region.find(s["after"]) if s.get("after") else 0)
        assert k >= 0, s["text"]
        start = base + k
        end = start + len(s["text"])
        sentence = _sentence_at(region, k).strip()
        sent_start = base + region.find(sentence)
        figs.append(
            Figure(
                figure_id=f"test-doc.f{i:03d}",
                document_id="test-doc",
                value=s["value"],
                unit=s.get("unit", ""),
                text=s["text"],
                start=start,
                end=end,
                kind=s.get("kind", "level"),
                direction=s.get("direction"),
                basis=s.get("basis"),
                qualifier=s.get("qualifier"),
                estimate=s.get("estimate", False),
                cumulative=s.get("cumulative", False),
                as_of=s.get("as_of"),
                span=s.get("span"),
                flags=list(s.get("flags", [])),
                sentence=sentence,
                sentence_start=sent_start,
                in_footnote=in_note,
                footnote=1 if in_note else None,
                group=s.get("group"),
                role=s.get("role"),
                scale=s.get("scale", 1.0),
            )
        )
    doc = Document(meta=meta, text=text, blocks=blocks, footnote_refs=refs)
    for f in figs:
        assert doc.text[f.start : f.end] == f.text
    return doc, figs


def mapped(doc: Document, figs: list[Figure], catalogue: Path | None = None) -> dict[str, list]:
    """indicator_id -> [(figure text, value, basis, unit_id, period)] of the observations."""
    out: dict[str, list] = {}
    for o in map_observations(doc, figs, catalogue_path=catalogue):
        f = next(f for f in figs if f.figure_id == o.figure_id)
        out.setdefault(o.indicator_id, []).append((f.text, o.value, o.basis, o.unit_id, o.period))
    return out


def values(obs: dict, indicator: str) -> list[float]:
    return [v for _, v, *_ in obs.get(indicator, [])]


# ----------------------------------------------------------------------------- catalogue


def test_catalogue_has_60_well_formed_indicators():
    cat = load_catalogue()
    assert len(cat) >= 60
    ids = [c["id"] for c in cat]
    assert len(ids) == len(set(ids)), "indicator ids must be unique"
    for c in cat:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", c["id"]), c["id"]
        for key in ("name_vi", "name_en", "unit", "sector", "definition", "comparability"):
            assert isinstance(c.get(key), str) and c[key].strip(), (c["id"], key)
        assert c["sector"] in SECTORS | {"economy"}, (c["id"], c["sector"])
        assert c["measure"] in {"stock", "flow", "rate"}, c["id"]
        assert c["temporal"] in {"cumulative", "in_period", "as_of", "annual_rate"}, c["id"]
        assert c.get("takes") or c.get("rules"), f"{c['id']} takes no concept and has no rule"
        for rule in (c.get("takes") or []) + (c.get("rules") or []):
            assert set(rule) <= RULE_KEYS | {"concept"}, (c["id"], set(rule) - RULE_KEYS)
            assert rule.get("former_unit", "allow") in {"allow", "require", "forbid"}
            assert set(rule.get("figure", {})) <= {
                "unit", "kind", "role", "direction", "basis", "in_footnote", "cumulative"
            }  # fmt: skip
    compile_catalogue()  # every regex compiles
    assert {c["sector"] for c in cat} >= SECTORS, "every sector has an indicator"


def test_core_indicators_are_in_the_catalogue_with_their_units():
    cat = {c["id"]: c for c in load_catalogue()}
    for ind in CORE:
        assert ind in cat, ind
        assert cat[ind].get("core") is True, ind
    for ind, unit in CORE_UNITS.items():
        assert cat[ind]["unit"] == unit, ind


# ----------------------------------------------------------------------------- finance


def test_budget_revenue_and_its_bases():
    body = (
        "Công tác thu chi ngân sách được chỉ đạo triển khai quyết liệt, đồng bộ, kết quả: Tính "
        "đến hết ngày 18/06/2025 thu được 29.228 triệu đồng lũy kế đạt 281.355 triệu đồng đạt "
        "72,2% dự toán tỉnh giao; đạt 65,4% dự toán phấn đấu và đạt 111,7% so với cùng kỳ."
    )
    doc, figs = build(body, [
        {"text": "29.228 triệu đồng", "value": 29228e6, "unit": "VND", "scale": 1e6,
         "span": "2025-06"},  # the figure stage: X before "lũy kế đạt Y" is the month's
        {"text": "281.355 triệu đồng", "value": 281355e6, "unit": "VND", "scale": 1e6,
         "span": "2025-H1"},
        {"text": "72,2%", "value": 72.2, "unit": "percent", "kind": "percent",
         "basis": "estimate_province"},
        {"text": "65,4%", "value": 65.4, "unit": "percent", "kind": "percent", "basis": "target"},
        {"text": "111,7%", "value": 111.7, "unit": "percent", "kind": "ratio",
         "basis": "same_period"},
    ], unit_id="thanh-pho-lang-son", period="2025-06")  # fmt: skip
    obs = mapped(doc, figs)
    # the 29.228 collected this month is the month's, the 281.355 the running total's
    assert {p: v for _, v, _, _, p in obs["budget_revenue"]} == {
        "2025-06": 29228e6,
        "2025-H1": 281355e6,
    }
    pct = {b: v for _, v, b, *_ in obs["budget_revenue_pct_estimate"]}
    assert pct == {"estimate_province": 72.2, "target": 65.4}
    assert values(obs, "budget_revenue_pct_same_period") == [111.7]


def test_budget_revenue_central_and_province_estimates_not_domestic_revenue():
    body = (
        "Tiến độ thu ngân sách nhà nước thực hiện 6 tháng đầu năm đạt khá do với kế hoạch giao, "
        "ước thực hiện 7.339,7 tỷ đồng, đạt 80,6% dự toán Trung ương giao, đạt 73,9% dự toán "
        "tỉnh giao, tăng 47% so với cùng kỳ. Trong đó: Thu nội địa 1.898,6 tỷ đồng, đạt 71,6% dự "
        "toán Trung ương giao, tăng 28,4% so với cùng kỳ."
    )
    doc, figs = build(body, [
        {"text": "7.339,7 tỷ đồng", "value": 7339.7e9, "unit": "VND", "estimate": True},
        {"text": "80,6%", "value": 80.6, "unit": "percent", "kind": "percent",
         "basis": "estimate_central"},
        {"text": "73,9%", "value": 73.9, "unit": "percent", "kind": "percent",
         "basis": "estimate_province"},
        {"text": "47%", "value": 47, "unit": "percent", "kind": "change", "direction": "increase",
         "basis": "same_period"},
        {"text": "1.898,6 tỷ đồng", "value": 1898.6e9, "unit": "VND"},
        {"text": "71,6%", "value": 71.6, "unit": "percent", "kind": "percent",
         "basis": "estimate_central"},
        {"text": "28,4%", "value": 28.4, "unit": "percent", "kind": "change",
         "direction": "increase", "basis": "same_period"},
    ])  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "budget_revenue") == [7339.7e9]
    pct = {b: v for _, v, b, *_ in obs["budget_revenue_pct_estimate"]}
    assert pct == {"estimate_central": 80.6, "estimate_province": 73.9}
    assert values(obs, "budget_revenue_growth") == [47]
    o = map_observations(doc, figs)[0]
    assert o.estimate is True and o.derivation == "stated"


def test_whole_year_estimate_in_a_monthly_report_gets_the_year():
    body = (
        "Tổng thu ngân sách trên địa bàn tính đến ngày 10/11/2025 là 52.035 triệu đồng, bằng "
        "464,6% dự toán tỉnh giao, bằng 422,4% dự toán phường phấn đấu; Ước thực hiện 2025 ước "
        "đạt 60.470 triệu đồng, bằng 539,9% dự toán tỉnh giao."
    )
    doc, figs = build(body, [
        {"text": "52.035 triệu đồng", "value": 52035e6, "unit": "VND"},
        {"text": "464,6%", "value": 464.6, "unit": "percent", "kind": "percent",
         "basis": "estimate_province"},
        {"text": "422,4%", "value": 422.4, "unit": "percent", "kind": "percent",
         "basis": "target"},
        {"text": "60.470 triệu đồng", "value": 60470e6, "unit": "VND", "estimate": True},
        {"text": "539,9%", "value": 539.9, "unit": "percent", "kind": "percent",
         "basis": "estimate_province"},
    ], unit_id="phuong-tam-thanh", period="2025-11")  # fmt: skip
    obs = mapped(doc, figs)
    rev = {p: v for _, v, _, _, p in obs["budget_revenue"]}
    assert rev == {"2025-YTD11": 52035e6, "2025": 60470e6}
    pct = {(p, b): v for _, v, b, _, p in obs["budget_revenue_pct_estimate"]}
    assert pct == {
        ("2025-YTD11", "estimate_province"): 464.6,
        ("2025-YTD11", "target"): 422.4,
        ("2025", "estimate_province"): 539.9,
    }


def test_budget_expenditure_and_former_units_in_a_footnote():
    body = "Tổng chi ngân sách là 8.086 triệu đồng đảm bảo đáp ứng các yêu cầu nhiệm vụ."
    note = (
        "Tam Thanh: 4.269,7 triệu đồng/10.774 triệu đồng, đạt 39,6% chỉ tiêu giao; Hoàng Đồng: "
        "3.816 triệu đồng/16.423 triệu đồng, đạt 23,2% chỉ tiêu giao."
    )
    doc, figs = build(body, [
        {"text": "8.086 triệu đồng", "value": 8086e6, "unit": "VND"},
        {"text": "4.269,7 triệu đồng", "value": 4269.7e6, "unit": "VND", "in_footnote": True,
         "kind": "fraction", "role": "numerator", "group": "g1"},
        {"text": "10.774 triệu đồng", "value": 10774e6, "unit": "VND", "in_footnote": True,
         "kind": "fraction", "role": "denominator", "group": "g1"},
        {"text": "39,6%", "value": 39.6, "unit": "percent", "kind": "percent",
         "in_footnote": True},
        {"text": "3.816 triệu đồng", "value": 3816e6, "unit": "VND", "in_footnote": True},
        {"text": "23,2%", "value": 23.2, "unit": "percent", "kind": "percent",
         "in_footnote": True},
    ], unit_id="phuong-tam-thanh", footnote=note, marker_after="8.086 triệu đồng")  # fmt: skip
    obs = mapped(doc, figs)
    exp = {u: v for _, v, _, u, _ in obs["budget_expenditure"]}
    assert exp == {
        "phuong-tam-thanh": 8086e6,
        "phuong-tam-thanh-cu": 4269.7e6,
        "xa-hoang-dong": 3816e6,
    }
    pct = {u: (v, b) for _, v, b, u, _ in obs["budget_expenditure_pct_estimate"]}
    assert pct == {"phuong-tam-thanh-cu": (39.6, "target"), "xa-hoang-dong": (23.2, "target")}
    # a former unit's name outside a footnote label never moves a value
    doc2, figs2 = build(body, [{"text": "8.086 triệu đồng", "value": 8086e6, "unit": "VND"}],
                        unit_id="tinh-lang-son")  # fmt: skip
    assert {u for *_, u, _ in mapped(doc2, figs2)["budget_expenditure"]} == {"tinh-lang-son"}


# ----------------------------------------------------------------------------- investment


def test_public_investment_disbursement_two_plan_bases_not_national_average():
    body = (
        "Kết quả giải ngân kế hoạch đầu tư vốn ngân sách nhà nước trong 6 tháng đầu năm là "
        "2.297,8 tỷ đồng, đạt 40,2% kế hoạch Trung ương giao (tỷ lệ giải ngân tăng 10,4% điểm "
        "tương đối so với cùng kỳ năm 2024, cao hơn 7,7% điểm tương đối so với mức giải ngân "
        "bình quân chung cả nước), đạt 31,0% kế hoạch địa phương triển khai. Cụ thể: giải ngân "
        "kế hoạch vốn năm 2025 thuộc kế hoạch Trung ương giao 1.992,0 tỷ đồng, đạt 34,9%."
    )
    note = "Mức giải ngân bình quân chung cả nước theo Công văn số 9359/BTC-TH: 32,5%"
    doc, figs = build(body, [
        {"text": "2.297,8 tỷ đồng", "value": 2297.8e9, "unit": "VND"},
        {"text": "40,2%", "value": 40.2, "unit": "percent", "kind": "percent", "basis": "plan"},
        {"text": "10,4% điểm", "value": 10.4, "unit": "pp", "kind": "pp",
         "direction": "increase"},
        {"text": "7,7% điểm", "value": 7.7, "unit": "pp", "kind": "pp", "direction": "increase"},
        {"text": "31,0%", "value": 31.0, "unit": "percent", "kind": "percent", "basis": "plan"},
        {"text": "1.992,0 tỷ đồng", "value": 1992e9, "unit": "VND"},
        {"text": "34,9%", "value": 34.9, "unit": "percent", "kind": "percent"},
        {"text": "32,5%", "value": 32.5, "unit": "percent", "kind": "percent",
         "in_footnote": True},
    ], footnote=note, marker_after="bình quân chung cả nước")  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "public_investment_disbursed") == [2297.8e9]
    pct = {b: v for _, v, b, *_ in obs["public_investment_disbursed_pct_plan"]}
    assert pct == {"plan_central": 40.2, "plan_local": 31.0}
    all_values = [v for lst in obs.values() for _, v, *_ in lst]
    assert 32.5 not in all_values and 10.4 not in all_values and 7.7 not in all_values


def test_disbursement_fraction_gives_rate_and_implied_plan():
    body = (
        "Luỹ kế giải ngân vốn đầu tư tính đến ngày 12/06/2025 đạt 53.218/384.514 triệu đồng, "
        "tỷ lệ giải ngân đạt 13,84%. Giá trị giải ngân vốn chi thường xuyên ước đạt "
        "11.025/26.973 triệu đồng (40,9%)."
    )
    doc, figs = build(body, [
        {"text": "53.218", "value": 53218e6, "unit": "VND", "kind": "fraction",
         "role": "numerator", "group": "a"},
        {"text": "384.514 triệu đồng", "value": 384514e6, "unit": "VND", "kind": "fraction",
         "role": "denominator", "group": "a"},
        {"text": "13,84%", "value": 13.84, "unit": "percent", "kind": "percent"},
        {"text": "11.025", "value": 11025e6, "unit": "VND", "kind": "fraction",
         "role": "numerator", "group": "b"},
        {"text": "26.973 triệu đồng", "value": 26973e6, "unit": "VND", "kind": "fraction",
         "role": "denominator", "group": "b"},
        {"text": "40,9%", "value": 40.9, "unit": "percent", "kind": "percent"},
    ])  # fmt: skip
    obs = map_observations(doc, figs)
    got = {(o.indicator_id, o.value, o.derivation) for o in obs}
    assert got == {
        ("public_investment_disbursed", 53218e6, "stated"),
        ("public_investment_plan", 384514e6, "implied"),
        ("public_investment_disbursed_pct_plan", 13.84, "stated"),
    }


# ------------------------------------------------------------------- administrative reform


ADMIN_SENTENCE = (
    "Trong kỳ đã tiếp nhận 2.325 hồ sơ, đã giải quyết 2.081/2.325 hồ sơ, trong đó giải quyết "
    "trước hạn 1.807 hồ sơ, đúng hạn 263 hồ sơ, quá hạn 11 hồ sơ; đang giải quyết 94 hồ sơ, "
    "trong hạn 63 hồ sơ, quá hạn 31 hồ sơ."
)


def admin_doc(heading: str | None = "5.2. Cải cách hành chính"):
    return build(ADMIN_SENTENCE, [
        {"text": "2.325 hồ sơ", "value": 2325, "unit": "hồ sơ"},
        {"text": "2.081", "value": 2081, "unit": "hồ sơ", "kind": "fraction",
         "role": "numerator", "group": "g"},
        {"text": "2.325 hồ sơ", "value": 2325, "unit": "hồ sơ", "kind": "fraction",
         "role": "denominator", "group": "g", "after": "2.081"},
        {"text": "1.807 hồ sơ", "value": 1807, "unit": "hồ sơ"},
        {"text": "263 hồ sơ", "value": 263, "unit": "hồ sơ"},
        {"text": "11 hồ sơ", "value": 11, "unit": "hồ sơ"},
        {"text": "94 hồ sơ", "value": 94, "unit": "hồ sơ"},
        {"text": "63 hồ sơ", "value": 63, "unit": "hồ sơ", "after": "trong hạn"},
        {"text": "31 hồ sơ", "value": 31, "unit": "hồ sơ"},
    ], unit_id="phuong-tam-thanh", heading=heading)  # fmt: skip


def test_admin_dossiers_status_breakdown():
    obs = mapped(*admin_doc())
    assert values(obs, "admin_dossiers_received") == [2325]
    assert values(obs, "admin_dossiers_resolved") == [2081]
    assert values(obs, "admin_dossiers_resolved_early") == [1807]
    assert values(obs, "admin_dossiers_resolved_on_time") == [263]
    assert values(obs, "admin_dossiers_resolved_late") == [11]  # not the 31 pending overdue
    assert values(obs, "admin_dossiers_pending") == [94]


def test_admin_dossiers_need_an_administrative_scope():
    obs = mapped(*admin_doc(heading=None))  # no heading, no TTHC word: counts of anything
    assert "admin_dossiers_received" not in obs and "admin_dossiers_resolved" not in obs


def test_implied_resolved_dossiers_from_a_ratio():
    body = (
        "Trong tháng 6/2025, tổng số hồ sơ tiếp nhận tại Bộ phận “Tiếp nhận và trả kết quả” "
        "thành phố là 771 hồ sơ, trong đó số hồ sơ đã giải quyết trước hạn 261/596 = 43,79%; "
        "đúng hạn là 320/596 = 53,69%, quá hạn 15/596 chiếm 2,52%; số hồ sơ đang trong hạn "
        "giải quyết: 175 hồ sơ; hồ sơ hủy: 09."
    )
    specs = [{"text": "771 hồ sơ", "value": 771, "unit": "hồ sơ"}]
    for g, (num, res) in enumerate([("261", "43,79%"), ("320", "53,69%"), ("15", "2,52%")]):
        specs += [
            {"text": num, "value": float(num), "unit": "", "kind": "fraction",
             "role": "numerator", "group": f"r{g}", "after": "trong đó"},
            {"text": "596", "value": 596, "unit": "", "kind": "fraction", "role": "denominator",
             "group": f"r{g}", "after": num + "/"},
            {"text": res, "value": float(res[:-1].replace(",", ".")), "unit": "percent",
             "kind": "percent", "role": "result", "group": f"r{g}"},
        ]  # fmt: skip
    specs.append({"text": "175 hồ sơ", "value": 175, "unit": "hồ sơ"})
    doc, figs = build(body, specs, unit_id="thanh-pho-lang-son", period="2025-06")
    obs = map_observations(doc, figs)
    by = {}
    for o in obs:
        by.setdefault(o.indicator_id, set()).add((o.value, o.derivation))
    assert by["admin_dossiers_received"] == {(771, "stated")}
    assert by["admin_dossiers_resolved"] == {(596, "implied")}
    assert by["admin_dossiers_resolved_early"] == {(261, "stated")}
    assert by["admin_dossiers_resolved_on_time"] == {(320, "stated")}
    assert by["admin_dossiers_resolved_late"] == {(15, "stated")}
    assert by["admin_dossiers_pending"] == {(175, "stated")}
    resolved = [o for o in obs if o.indicator_id == "admin_dossiers_resolved"]
    assert all("duplicate_in_document" in o.flags for o in resolved)
    assert not any("contradiction" in o.flags for o in resolved)


def test_dossiers_of_other_procedures_are_not_admin_dossiers():
    body = (
        "Trong tháng 11/2025, UBND phường đã tiếp nhận 36 hồ sơ cấp giấy phép xây dựng (kỳ trước "
        "chuyển sang 16 hồ sơ), đã giải quyết 26 hồ sơ, đang giải quyết 04 hồ sơ."
    )
    doc, figs = build(body, [
        {"text": "36 hồ sơ", "value": 36, "unit": "hồ sơ"},
        {"text": "16 hồ sơ", "value": 16, "unit": "hồ sơ"},
        {"text": "26 hồ sơ", "value": 26, "unit": "hồ sơ"},
        {"text": "04 hồ sơ", "value": 4, "unit": "hồ sơ"},
    ], heading="5. Công tác cải cách hành chính", period="2025-11")  # fmt: skip
    obs = mapped(doc, figs)
    assert not {k for k in obs if k.startswith("admin_dossiers")}
    assert values(obs, "construction_permits_issued") == [26]


def test_documents_in_and_out_but_not_secret_ones():
    body = (
        "Trong tháng 6/2025 đã tiếp nhận 3.512 văn bản đến và phát hành 1.668 văn bản đi; tiếp "
        "nhận 164 văn bản mật đến, phát hành 55 văn bản mật đi."
    )
    doc, figs = build(body, [
        {"text": "3.512 văn bản", "value": 3512, "unit": "văn bản"},
        {"text": "1.668 văn bản", "value": 1668, "unit": "văn bản"},
        {"text": "164 văn bản", "value": 164, "unit": "văn bản"},
        {"text": "55 văn bản", "value": 55, "unit": "văn bản"},
    ], period="2025-06")  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "documents_received") == [3512]
    assert values(obs, "documents_issued") == [1668]


def test_citizen_reception_and_petitions_but_not_cumulative_petitions():
    body = (
        "Công tác tiếp công dân được triển khai tích cực, tổ chức tiếp công dân định kỳ vào thứ "
        "năm hàng tuần được 08 lượt/ 18 công dân. Tổng số đơn tiếp nhận trong kỳ: 07 đơn. Lũy "
        "kế từ ngày 01/7/2025 đến 14/11/2025, UBND phường đã tiếp nhận: 89 đơn."
    )
    doc, figs = build(body, [
        {"text": "08 lượt", "value": 8, "unit": "lượt", "kind": "fraction", "role": "numerator",
         "group": "v"},
        {"text": "18 công dân", "value": 18, "unit": "công dân", "kind": "fraction",
         "role": "denominator", "group": "v"},
        {"text": "07 đơn", "value": 7, "unit": "đơn"},
        {"text": "89 đơn", "value": 89, "unit": "đơn", "cumulative": True},
    ], period="2025-11")  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "citizen_reception_visits") == [8]
    assert values(obs, "petitions_received") == [7]


# ----------------------------------------------------------------------------- land


def test_permits_and_land_certificates():
    body = (
        "Trong tháng đã cấp 95 giấy phép xây dựng. Cấp 33 GCNQSD đất lần đầu/ 33 hộ gia đình. "
        "Cấp GCN cho tổ chức được 58/200 GCN, đạt 29% chỉ tiêu giao. Từ đầu năm UBND tỉnh cấp "
        "02 giấy phép khoáng sản."
    )
    doc, figs = build(body, [
        {"text": "95 giấy phép", "value": 95, "unit": "giấy phép"},
        {"text": "33 GCNQSD", "value": 33, "unit": "GCNQSD"},
        {"text": "58", "value": 58, "unit": "GCN", "kind": "fraction", "role": "numerator",
         "group": "c"},
        {"text": "200 GCN", "value": 200, "unit": "GCN", "kind": "fraction",
         "role": "denominator", "group": "c"},
        {"text": "02 giấy phép", "value": 2, "unit": "giấy phép"},
    ], period="2025-06")  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "construction_permits_issued") == [95]  # not mining permits
    assert values(obs, "land_use_certificates_issued") == [33]  # not the organisations' 58
    assert values(obs, "land_use_certificates_issued_organisations") == [58]


# ------------------------------------------------------------------- social, defence


def test_poor_households_stock_not_gift_recipients():
    body = (
        "CTĐ tặng quà cho 9 hộ nghèo, hộ cận nghèo với số tiền 4,5 triệu đồng. Hiện trên địa "
        "bàn còn 04 hộ nghèo, 13 hộ cận nghèo."
    )
    doc, figs = build(body, [
        {"text": "9 hộ nghèo", "value": 9, "unit": "hộ nghèo"},
        {"text": "04 hộ nghèo", "value": 4, "unit": "hộ nghèo"},
        {"text": "13 hộ cận nghèo", "value": 13, "unit": "hộ cận nghèo"},
    ])  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "poor_households") == [4]
    assert values(obs, "near_poor_households") == [13]


def test_military_recruits_total_not_parts_or_health_checks():
    body = "Tổ chức lễ giao quân năm 2025, hoàn thành chỉ tiêu 44/43 thanh niên lên đường nhập ngũ."
    doc, figs = build(body, [
        {"text": "44", "value": 44, "unit": "thanh niên", "kind": "fraction",
         "role": "numerator", "group": "m"},
        {"text": "43 thanh niên", "value": 43, "unit": "thanh niên", "kind": "fraction",
         "role": "denominator", "group": "m"},
    ])  # fmt: skip
    assert values(mapped(doc, figs), "military_recruits") == [44]
    body = "Đã tổ chức công tác tuyển quân, hoàn thành 100% chỉ tiêu tuyển quân."
    note = "Tổng 1.539 công dân, trong đó: Quân đội 1.300 công dân; Công an 239 công dân."
    doc, figs = build(body, [
        {"text": "1.539 công dân", "value": 1539, "unit": "công dân", "in_footnote": True},
        {"text": "1.300 công dân", "value": 1300, "unit": "công dân", "in_footnote": True},
        {"text": "239 công dân", "value": 239, "unit": "công dân", "in_footnote": True},
    ], footnote=note)  # fmt: skip
    assert values(mapped(doc, figs), "military_recruits") == [1539]
    body = (
        "Thực hiện khám sức khỏe sơ tuyển công dân thực hiện nghĩa vụ quân sự, kết quả: 44 công "
        "dân đạt sức khỏe theo yêu cầu, chuẩn bị giao quân năm 2026."
    )
    doc, figs = build(body, [{"text": "44 công dân", "value": 44, "unit": "công dân"}])
    assert "military_recruits" not in mapped(doc, figs)


def test_traffic_accidents_and_not_their_changes():
    body = "Công tác bảo đảm an toàn giao thông được triển khai quyết liệt."
    note = (
        "Toàn tỉnh xảy ra 218 vụ TNGT, làm chết 45 người, bị thương 205 người (giảm 23 vụ; 04 "
        "người chết, 19 người bị thương so với cùng kỳ)"
    )
    doc, figs = build(body, [
        {"text": "218 vụ", "value": 218, "unit": "vụ", "in_footnote": True},
        {"text": "45 người", "value": 45, "unit": "người", "in_footnote": True},
        {"text": "205 người", "value": 205, "unit": "người", "in_footnote": True},
        {"text": "23 vụ", "value": 23, "unit": "vụ", "kind": "change", "direction": "decrease",
         "in_footnote": True},
        {"text": "04 người", "value": 4, "unit": "người", "in_footnote": True},
        {"text": "19 người", "value": 19, "unit": "người", "in_footnote": True},
    ], footnote=note)  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "traffic_accidents") == [218]
    assert values(obs, "traffic_deaths") == [45]
    assert values(obs, "traffic_injuries") == [205]


# ----------------------------------------------------------------------------- economy


GRDP = (
    "Tổng sản phẩm trên địa bàn (GRDP) 6 tháng đầu năm ước tăng 8,37%, trong đó: nông, lâm "
    "nghiệp và thủy sản tăng 6,74%, công nghiệp và xây dựng tăng 11,89%, dịch vụ tăng 7,45%, "
    "thuế sản phẩm trừ trợ cấp sản phẩm tăng 7,78%."
)


def test_grdp_growth_and_its_sectors():
    specs = [
        {"text": t, "value": float(t[:-1].replace(",", ".")), "unit": "percent",
         "kind": "change", "direction": "increase", "estimate": True}
        for t in ("8,37%", "6,74%", "11,89%", "7,45%", "7,78%")
    ]  # fmt: skip
    obs = mapped(*build(GRDP, specs))
    assert values(obs, "grdp_growth") == [8.37]
    assert values(obs, "grdp_growth_agriculture") == [6.74]
    assert values(obs, "grdp_growth_industry_construction") == [11.89]
    assert values(obs, "grdp_growth_services") == [7.45]
    assert values(obs, "grdp_growth_product_taxes") == [7.78]


@pytest.mark.parametrize(
    "body,text,kind,unit",
    [
        ("Khu vực nông, lâm nghiệp và thủy sản tăng 3,2%, đóng góp 1,43 điểm phần trăm vào "
         "mức tăng chung.", "1,43 điểm phần trăm", "pp", "pp"),
        ("GRDP cả nước 6 tháng tăng 7,52%, tỉnh phấn đấu đạt mức bình quân chung cả nước.",
         "7,52%", "change", "percent"),
        ("Điều chỉnh mục tiêu, chỉ tiêu tăng trưởng kinh tế năm 2025 từ 8% trở lên.", "8%",
         "percent", "percent"),
        ("Tỷ lệ giải ngân cao hơn 7,7% điểm so với mức bình quân chung cả nước 32,5%.",
         "32,5%", "percent", "percent"),
    ],
)  # fmt: skip
def test_look_alikes_never_become_growth_rates(body, text, kind, unit):
    value = float(re.match(r"[\d,]+", text).group(0).replace(",", "."))
    doc, figs = build(body, [{"text": text, "value": value, "unit": unit, "kind": kind,
                              "direction": "increase"}])  # fmt: skip
    obs = mapped(doc, figs)
    assert not {k for k in obs if k.startswith("grdp_growth")}, obs
    assert "public_investment_disbursed_pct_plan" not in obs


def test_trade_prices_retail_tourism():
    body = (
        "Trong 6 tháng đầu năm, tổng kim ngạch xuất nhập khẩu hàng hóa của tất cả các loại hình "
        "qua địa bàn tỉnh đạt 41.710,4 triệu USD, tăng 39,22% so với cùng kỳ năm 2024. Trong đó, "
        "riêng kim ngạch hàng hóa mở tờ khai tại Chi cục Hải quan khu vực VI đạt 2.757,4 triệu "
        "USD, tăng 4,3% so với cùng kỳ. Chỉ số sản xuất công nghiệp (IIP) tăng 5,72% so với cùng "
        "kỳ. Chỉ số giá tiêu dùng bình quân (CPI) tăng 1,93% so với cùng kỳ; tổng mức bán lẻ hàng "
        "hóa và doanh thu dịch vụ 6 tháng năm 2025 đạt 21.450,7 tỷ đồng, tăng 16,07% so với cùng "
        "kỳ. Thu hút khách du lịch ước 3,11 triệu lượt khách, đạt 70,7% kế hoạch; doanh thu "
        "2.931 tỷ đồng, đạt 65,1% kế hoạch."
    )
    ch = {"unit": "percent", "kind": "change", "direction": "increase", "basis": "same_period"}
    doc, figs = build(body, [
        {"text": "41.710,4 triệu USD", "value": 41710.4e6, "unit": "USD"},
        {"text": "39,22%", "value": 39.22, **ch},
        {"text": "2.757,4 triệu USD", "value": 2757.4e6, "unit": "USD"},
        {"text": "4,3%", "value": 4.3, **ch},
        {"text": "5,72%", "value": 5.72, **ch},
        {"text": "1,93%", "value": 1.93, **ch},
        {"text": "21.450,7 tỷ đồng", "value": 21450.7e9, "unit": "VND"},
        {"text": "16,07%", "value": 16.07, **ch},
        {"text": "3,11 triệu lượt khách", "value": 3.11e6, "unit": "lượt khách"},
        {"text": "70,7%", "value": 70.7, "unit": "percent", "kind": "percent"},
        {"text": "2.931 tỷ đồng", "value": 2931e9, "unit": "VND"},
        {"text": "65,1%", "value": 65.1, "unit": "percent", "kind": "percent"},
    ])  # fmt: skip
    obs = mapped(doc, figs)
    assert values(obs, "trade_turnover") == [41710.4e6]
    assert values(obs, "trade_turnover_growth") == [39.22]
    assert values(obs, "iip_growth") == [5.72]
    assert values(obs, "cpi_growth") == [1.93]
    assert values(obs, "retail_sales") == [21450.7e9]
    assert values(obs, "retail_sales_growth") == [16.07]
    assert values(obs, "tourist_arrivals") == [3.11e6]
    assert values(obs, "tourism_revenue") == [2931e9]


def test_enterprises_sown_area_jobs():
    body = (
        "Toàn tỉnh đăng ký thành lập mới 396 doanh nghiệp, đạt 56,6% kế hoạch. Có 205 doanh "
        "nghiệp hoạt động trở lại. Tổng diện tích gieo trồng ước thực hiện 43.028 ha, đạt 89,3% "
        "kế hoạch. Cây lúa 14.562 ha. Ước 6 tháng đầu năm giải quyết việc làm mới cho khoảng "
        "13.000 lao động."
    )
    doc, figs = build(body, [
        {"text": "396 doanh nghiệp", "value": 396, "unit": "doanh nghiệp"},
        {"text": "205 doanh nghiệp", "value": 205, "unit": "doanh nghiệp"},
        {"text": "43.028 ha", "value": 43028, "unit": "ha", "estimate": True},
        {"text": "14.562 ha", "value": 14562, "unit": "ha"},
        {"text": "13.000 lao động", "value": 13000, "unit": "lao động", "qualifier": "approx",
         "estimate": True},
    ])  # fmt: skip
    obs = map_observations(doc, figs)
    got = {o.indicator_id: (o.value, o.qualifier, o.estimate) for o in obs}
    assert got["new_enterprises"] == (396, None, False)
    assert got["sown_area"] == (43028, None, True)
    assert got["jobs_created"] == (13000, "approx", True)
    assert len([o for o in obs if o.indicator_id == "sown_area"]) == 1


# ----------------------------------------------------------------------------- mechanics


def test_observation_fields_and_ids():
    doc, figs = admin_doc()
    temporal = {c["id"]: c["temporal"] for c in load_catalogue()}
    for o in map_observations(doc, figs):
        f = next(f for f in figs if f.figure_id == o.figure_id)
        assert o.observation_id == f"{f.figure_id}.{o.indicator_id}"
        assert (o.unit_id, o.period) == ("phuong-tam-thanh", "2025-H1")
        if temporal[o.indicator_id] == "as_of":  # a stock (dossiers pending) is read at the end
            assert (o.period_start, o.period_end) == ("2025-06-30", "2025-06-30")
        else:
            assert (o.period_start, o.period_end) == ("2025-01-01", "2025-06-30")
        assert o.quote == f.sentence and (o.start, o.end) == (f.start, f.end)
        assert o.unit == "dossiers"


def test_duplicates_are_kept_and_contradictions_flagged():
    def obs(v, est=False, as_of=None, fid="f"):
        return Observation(fid, "health_insurance_coverage", "tinh-lang-son", "2025-H1", v,
                           "percent", "d", fid, "q", 0, 1, estimate=est, as_of=as_of)  # fmt: skip

    a, b = obs(95, fid="a"), obs(85.35, fid="b")
    flag_duplicates([a, b])
    assert "contradiction" in a.flags and "contradiction" in b.flags
    c, d = obs(53218e6, fid="c"), obs(58218e6, est=True, fid="d")
    flag_duplicates([c, d])
    assert "differs" in c.flags and "contradiction" not in c.flags
    e, f = obs(596, fid="e"), obs(596, fid="f2")
    flag_duplicates([e, f])
    assert e.flags == ["duplicate_in_document"]


def test_adding_an_indicator_is_data_only(tmp_path):
    body = "Trong kỳ đã tiêm phòng dại chó, mèo 290 con."
    doc, figs = build(body, [{"text": "290 con", "value": 290, "unit": "con"}])
    assert "rabies_vaccinations" not in mapped(doc, figs)
    data = yaml.safe_load((ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8"))
    data["indicators"].append({
        "id": "rabies_vaccinations", "name_vi": "Vật nuôi được tiêm phòng dại",
        "name_en": "Animals vaccinated against rabies", "unit": "animals",
        "sector": "agriculture_forestry", "measure": "flow", "temporal": "in_period",
        "definition": "Số chó, mèo được tiêm phòng dại trong kỳ.", "comparability": "Trong kỳ.",
        "rules": [{"figure": {"unit": "con"}, "near": "tiêm\\s+phòng\\s+dại"}],
    })  # fmt: skip
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert mapped(doc, figs, catalogue=path)["rabies_vaccinations"][0][1] == 290
    assert "rabies_vaccinations" in {c["id"] for c in load_catalogue(path)}


# ----------------------------------------------------------------------------- real pipeline


def _pipeline():
    ingest = pytest.importorskip("solieu.ingest")
    figures = pytest.importorskip("solieu.figures")
    catalog = yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
    out = {}
    for e in catalog["documents"]:
        meta = DocumentMeta(document_id=e["id"], file=e["file"], unit_id=e["unit_id"],
                            period=str(e["period"]), kind=e.get("kind"))  # fmt: skip
        raw = (ROOT / "sources" / e["file"]).read_text(encoding="utf-8")
        doc = ingest.ingest(raw, meta)
        figs = figures.extract_figures(doc)
        out[e["id"]] = (doc, figs, map_observations(doc, figs))
    return out


@pytest.fixture(scope="module")
def pipeline():
    return _pipeline()


def _gold():
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["values"]


def _key(d) -> tuple:
    return (d["document_id"], d["indicator_id"], d["unit_id"], str(d["period"]))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def evaluate(pipeline) -> dict:
    """Recall (gold values found) and precision (observations of gold keys that are right)."""
    obs = [o for _, _, lst in pipeline.values() for o in lst]
    gold = _gold()
    missed = []
    for g in gold:
        hits = [
            o
            for o in obs
            if (o.document_id, o.indicator_id, o.unit_id, o.period) == _key(g)
            and _same(o.value, g["value"])
            and o.unit == g["unit"]
            and (g.get("basis") is None or o.basis == g["basis"])
        ]
        if not hits:
            missed.append(g)
    gold_keys = {_key(g) for g in gold}
    judged, wrong = 0, []
    for o in obs:
        k = (o.document_id, o.indicator_id, o.unit_id, o.period)
        if k not in gold_keys:
            continue
        judged += 1
        ok = [
            g
            for g in gold
            if _key(g) == k
            and _same(o.value, g["value"])
            and (g.get("basis") is None or g["basis"] == o.basis)
        ]
        if not ok:
            wrong.append(o)
    return {
        "gold": len(gold),
        "missed": missed,
        "judged": judged,
        "wrong": wrong,
        "unlisted": [
            o for o in obs if (o.document_id, o.indicator_id, o.unit_id, o.period) not in gold_keys
        ],  # fmt: skip
    }


def test_gold_list_is_well_formed():
    cat = {c["id"]: c for c in load_catalogue()}
    catalog = yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
    docs = {e["id"]: e for e in catalog["documents"]}
    for g in _gold():
        assert g["document_id"] in docs, g
        assert g["indicator_id"] in cat, g
        assert g["unit"] == cat[g["indicator_id"]]["unit"], g
        report = str(docs[g["document_id"]]["period"])
        # the report's period, its running total's span (2025-YTD11, 2025-H1) or the year
        assert str(g["period"]) in {report, year_to_date_of(parse_period(report)), "2025"}, g
        assert g["quote"], g
    core_docs = {g["document_id"] for g in _gold() if g.get("core")}
    assert len(core_docs) == 4  # every report with figures states core indicators


def test_every_gold_value_is_found(pipeline):
    r = evaluate(pipeline)
    missed = [(g["document_id"], g["indicator_id"], g["value"]) for g in r["missed"]]
    assert not missed, missed


def test_no_observation_contradicts_the_gold_list(pipeline):
    r = evaluate(pipeline)
    wrong = [(o.document_id, o.indicator_id, o.value, o.quote[:80]) for o in r["wrong"]]
    assert not wrong, wrong
    print(
        f"\nindicators: gold {r['gold']}, found {r['gold'] - len(r['missed'])}, "
        f"judged observations {r['judged']}, wrong {len(r['wrong'])}, "
        f"unlisted {len(r['unlisted'])}"
    )


def test_core_indicators_only_from_gold_listed_keys(pipeline):
    """A core indicator observed for a key the hand list does not have is a suspect value."""
    core = {c["id"] for c in load_catalogue() if c.get("core")}
    r = evaluate(pipeline)
    stray = [(o.document_id, o.indicator_id, o.value) for o in r["unlisted"]
             if o.indicator_id in core]  # fmt: skip
    assert not stray, stray


def test_observations_keep_their_provenance(pipeline):
    for _, (doc, figs, obs) in pipeline.items():
        by_id = {f.figure_id: f for f in figs}
        for o in obs:
            f = by_id[o.figure_id]
            assert doc.text[o.start : o.end] == f.text
            assert o.quote == f.sentence and o.document_id == doc.meta.document_id
    assert not pipeline["thanh-pho-lang-son-2025-05-chuong-trinh"][2]  # a work programme


@pytest.mark.parametrize(
    "body,indicator,periods",
    [
        # one month's CPI against the same month is not the average of the months so far
        ("Chỉ số giá tiêu dùng (CPI) tháng 6/2025 tăng 3,5% so với cùng kỳ.", "cpi_growth", set()),
        # against last month it is no growth rate at all
        ("Chỉ số sản xuất công nghiệp (IIP) tháng 6 ước tăng 2,5% so với tháng trước.",
         "iip_growth", set()),
        # a quarter's growth is the quarter's, not the half year's
        ("GRDP quý II ước tăng 8,9% so với cùng kỳ.", "grdp_growth", {"2025-Q2"}),
    ],
)  # fmt: skip
def test_a_month_or_quarter_is_not_the_cumulative_rate(body, indicator, periods):
    got = {o.period for o in _extract(body, "2025-H1").observations if o.indicator_id == indicator}
    assert got == periods


def test_monthly_revenue_is_not_the_cumulative_total():
    text = (
        "Thu ngân sách trong tháng ước đạt 500 tỷ đồng. Tổng thu ngân sách nhà nước trên địa bàn "
        "6 tháng đầu năm ước đạt 7.339,7 tỷ đồng. Tính chung 6 tháng, IIP ước tăng 9,2% so với "
        "cùng kỳ; giảm 2,1% là chỉ số của ngành khai khoáng."
    )
    obs = _extract(text, "2025-06").observations
    revenue = {o.period: o.value for o in obs if o.indicator_id == "budget_revenue"}
    assert revenue == {"2025-06": 500e9, "2025-H1": 7339.7e9}  # the month's and the total
    assert [o.value for o in obs if o.indicator_id == "iip_growth"] == [9.2]


def test_catalogue_rows_carry_the_package_key():
    rows = load_catalogue()
    assert all(r["indicator_id"] == r["id"] for r in rows)
    rows[0]["name_vi"] = "changed"  # callers get copies: the cached catalogue is unchanged
    assert load_catalogue()[0]["name_vi"] != "changed"


def test_year_to_date_counts_of_a_monthly_report_are_not_the_month():
    text = (
        "Trong tháng, trên địa bàn tỉnh xảy ra 25 vụ tai nạn giao thông, làm chết 6 người. Tính "
        "chung 9 tháng, toàn tỉnh xảy ra 290 vụ tai nạn giao thông, làm chết 58 người."
    )

    def by_period(text: str, period: str, indicator: str) -> dict[str, float]:
        obs = _extract(text, period).observations
        return {o.period: o.value for o in obs if o.indicator_id == indicator}

    assert by_period(text, "2025-09", "traffic_accidents") == {"2025-09": 25, "2025-YTD09": 290}
    assert by_period(text, "2025-09", "traffic_deaths") == {"2025-09": 6, "2025-YTD09": 58}
    # in a half-year report "trong tháng" names no month: only the half year's 290 is kept
    text = text.replace("9 tháng", "6 tháng")
    assert by_period(text, "2025-H1", "traffic_accidents") == {"2025-H1": 290}
    assert by_period(text, "2025-H1", "traffic_deaths") == {"2025-H1": 58}


# ------------------------------------------------------------------ unseen genre sentences
#
# Realistic sentences of the genre that are NOT in sources/ (commune and ward monthly reports,
# province half-year reports, statistics-office monthly releases), run through the whole
# text pipeline (ingest, figures, indicators) as `solieu extract` runs them. Each row lists
# EVERY observation the sentence may give (indicator -> value, list of values, or
# {basis: value}); any other observation fails the row: precision first.

VN_TEXTS = [
    # ---- finance: revenue, whatever stands between the label and the amount
    ("Tổng thu ngân sách nhà nước trên địa bàn lũy kế đến hết tháng 10 ước đạt 10.909 triệu "
     "đồng, bằng 85,3% dự toán tỉnh giao, tăng 8,37% so với cùng kỳ.", "2025-10",
     {"budget_revenue": 10909e6, "budget_revenue_pct_estimate": {"estimate_province": 85.3},
      "budget_revenue_growth": 8.37}),
    ("Thu ngân sách nhà nước trên địa bàn ước thực hiện 10 tháng đạt 5.432,1 tỷ đồng, bằng "
     "78,2% dự toán Trung ương giao.", "2025-10",
     {"budget_revenue": 5432.1e9, "budget_revenue_pct_estimate": {"estimate_central": 78.2}}),
    ("Tổng thu ngân sách trên địa bàn tính đến ngày 15/10/2025 đạt 3.250 triệu đồng, đạt 65% "
     "dự toán giao.", "2025-10",
     {"budget_revenue": 3250e6, "budget_revenue_pct_estimate": {"estimate": 65}}),
    ("Thu ngân sách nhà nước trong tháng 10 ước đạt 520 tỷ đồng; lũy kế 10 tháng ước đạt "
     "6.120 tỷ đồng, bằng 88,5% dự toán.", "2025-10",
     {"budget_revenue": {"2025-10": 5.2e11, "2025-YTD10": 6.12e12},
      "budget_revenue_pct_estimate": {"estimate": 88.5}}),
    ("Thu ngân sách nhà nước trên địa bàn tỉnh 6 tháng đầu năm ước đạt 7.339,7 tỷ đồng, bằng "
     "80,6% dự toán Trung ương giao, bằng 73,9% dự toán HĐND tỉnh giao.", "2025-H1",
     {"budget_revenue": 7339.7e9,
      "budget_revenue_pct_estimate": {"estimate_central": 80.6, "estimate_province": 73.9}}),
    ("Thu ngân sách trên địa bàn xã tháng 10 đạt 350 triệu đồng, tăng 5% so với cùng kỳ.",
     "2025-10", {"budget_revenue": {"2025-10": 3.5e08}, "budget_revenue_growth": {"2025-10": 5.0}}),
    ("Dự toán thu ngân sách nhà nước năm 2025 là 12.800 triệu đồng.", "2025-10", {}),
    ("Kế hoạch thu ngân sách năm 2025 là 15.000 triệu đồng.", "2025-10", {}),
    ("Thu nội địa lũy kế đạt 4.100 tỷ đồng, bằng 80% dự toán.", "2025-10", {}),
    ("Tổng thu ngân sách nhà nước của cả nước 10 tháng ước đạt 1.700.000 tỷ đồng.", "2025-10",
     {}),
    ("Có 3/10 xã thu ngân sách đạt trên 100% dự toán.", "2025-10", {}),
    ("Tổng thu ngân sách trên địa bàn thành phố đạt 500.000 triệu đồng; trong đó phường Đông "
     "Kinh: 2.500 triệu đồng, phường Kỳ Lừa: 1.800 triệu đồng.", "2025-10",
     {"budget_revenue": 500000e6}),
    ("Tổng chi ngân sách địa phương lũy kế đến hết tháng 10 ước đạt 7.250,5 triệu đồng, bằng "
     "70,2% dự toán.", "2025-10",
     {"budget_expenditure": 7250.5e6, "budget_expenditure_pct_estimate": {"estimate": 70.2}}),
    ("Tổng chi ngân sách 7.250,5 triệu đồng.", "2025-10", {"budget_expenditure": 7250.5e6}),
    ("Tổng chi ngân sách trong tháng 10 là 650 triệu đồng.", "2025-10",
     {"budget_expenditure": {"2025-10": 6.5e08}}),
    ("Chi thường xuyên 5.100 triệu đồng.", "2025-10", {}),
    # ---- public investment
    ("Giải ngân vốn đầu tư công đến ngày 30/9/2025 đạt 1.234,5 tỷ đồng, bằng 55,6% kế hoạch "
     "vốn giao.", "2025-09",
     {"public_investment_disbursed": 1234.5e9,
      "public_investment_disbursed_pct_plan": {"plan": 55.6}}),
    ("Tỷ lệ giải ngân vốn đầu tư công của cả nước đạt 48,2%.", "2025-09", {}),
    ("Tỷ lệ giải ngân của tỉnh xếp thứ 15/63 tỉnh, thành phố, cao hơn mức bình quân chung cả "
     "nước (42,3%).", "2025-09", {}),
    ("Vốn đầu tư thực hiện từ nguồn ngân sách nhà nước do địa phương quản lý 9 tháng ước đạt "
     "3.500 tỷ đồng, bằng 62% kế hoạch năm.", "2025-09", {}),
    # ---- dossiers: "đã giải quyết a/b" (b = received) vs "x hạn a/b" (b = resolved)
    ("Trung tâm Phục vụ hành chính công tiếp nhận 2.325 hồ sơ; đã giải quyết 2.081/2.325 hồ "
     "sơ, trong đó trước hạn 1.500 hồ sơ, đúng hạn 570 hồ sơ, quá hạn 11 hồ sơ.", "2025-10",
     {"admin_dossiers_received": 2325, "admin_dossiers_resolved": 2081,
      "admin_dossiers_resolved_early": 1500, "admin_dossiers_resolved_on_time": 570,
      "admin_dossiers_resolved_late": 11}),
    ("Bộ phận Một cửa tiếp nhận 456 hồ sơ, đã giải quyết 430 hồ sơ (trước hạn 120 hồ sơ, đúng "
     "hạn 305 hồ sơ, quá hạn 5 hồ sơ), đang giải quyết 26 hồ sơ.", "2025-10",
     {"admin_dossiers_received": 456, "admin_dossiers_resolved": 430,
      "admin_dossiers_resolved_early": 120, "admin_dossiers_resolved_on_time": 305,
      "admin_dossiers_resolved_late": 5, "admin_dossiers_pending": 26}),
    ("Trong tháng, Bộ phận một cửa xã tiếp nhận 312 hồ sơ thủ tục hành chính, đã giải quyết "
     "298/312 hồ sơ, đạt 95,5%.", "2025-10",
     {"admin_dossiers_received": 312, "admin_dossiers_resolved": 298}),
    ("Số hồ sơ thủ tục hành chính giải quyết trước hạn 261/596 = 43,79%.", "2025-06",
     {"admin_dossiers_resolved_early": 261, "admin_dossiers_resolved": 596}),
    ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn và trước hạn đạt 98,5% (1.205/1.223 "
     "hồ sơ).", "2025-10", {"admin_dossiers_resolved": 1223}),
    ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn 412/430 hồ sơ, đạt 95,8%.", "2025-10",
     {"admin_dossiers_resolved": 430}),  # 412 may count the early ones too: not on_time
    ("Bộ phận Một cửa đã tiếp nhận 1.024 hồ sơ; đã giải quyết 1.000/1.024 hồ sơ, trong đó "
     "giải quyết trước hạn 800/1.000 hồ sơ.", "2025-10",
     {"admin_dossiers_received": 1024, "admin_dossiers_resolved": [1000, 1000],
      "admin_dossiers_resolved_early": 800}),
    ("Hồ sơ thủ tục hành chính đang giải quyết 94 hồ sơ, trong đó quá hạn 31/94 hồ sơ.",
     "2025-10", {"admin_dossiers_pending": 94}),
    ("Tỷ lệ hồ sơ TTHC giải quyết trước hạn, đúng hạn đạt 99,1%.", "2025-10", {}),
    ("Đã tiếp nhận 150 hồ sơ đăng ký khai sinh, chứng thực 2.300 bản sao.", "2025-10", {}),
    # ---- documents, permits, citizens, petitions
    ("Tiếp nhận 350 văn bản đến, ban hành 210 văn bản đi.", "2025-10",
     {"documents_received": 350, "documents_issued": 210}),
    ("Văn bản đến: 1.245 văn bản; văn bản đi: 678 văn bản.", "2025-10",
     {"documents_received": 1245, "documents_issued": 678}),
    ("Tiếp nhận 45 văn bản mật đến, phát hành 12 văn bản mật đi.", "2025-10", {}),
    ("Trong tháng cấp 15 giấy phép xây dựng nhà ở riêng lẻ.", "2025-10",
     {"construction_permits_issued": 15}),
    ("Tiếp 25 lượt công dân đến kiến nghị, phản ánh.", "2025-10",
     {"citizen_reception_visits": 25}),
    ("Trong tháng tiếp nhận 12 đơn thư kiến nghị, phản ánh; đã giải quyết 10 đơn.", "2025-10",
     {"petitions_received": 12}),
    # ---- social protection
    ("Tổng số hộ nghèo còn 1.234 hộ, chiếm 2,1%.", "2025-10", {"poor_households": 1234}),
    ("Hộ nghèo: 1.234 hộ, chiếm 2,1%; hộ cận nghèo: 2.345 hộ, chiếm 3,9%.", "2025-10",
     {"poor_households": 1234, "near_poor_households": 2345}),
    ("Trong năm có 150 hộ thoát nghèo, hỗ trợ 20 hộ nghèo xây nhà.", "2025-10", {}),
    ("Số hộ nghèo giảm 320 hộ so với đầu năm.", "2025-10", {}),
    ("Tổng số hộ nghèo toàn tỉnh cuối năm 2024 là 12.345 hộ.", "2025-H1", {}),
    ("Tỷ lệ hộ nghèo giảm còn 2,1%.", "2025-10", {}),
    # ---- defence and security
    ("Tổ chức lễ giao nhận quân, lên đường nhập ngũ 44/43 thanh niên, đạt 102,3% chỉ tiêu.",
     "2025-02", {"military_recruits": 44}),
    ("Tổ chức khám sức khỏe nghĩa vụ quân sự cho 120 công dân.", "2025-10", {}),
    ("Trong tháng, trên địa bàn xảy ra 5 vụ tai nạn giao thông, làm chết 3 người, bị thương 4 "
     "người; so với cùng kỳ giảm 2 vụ.", "2025-10",
     {"traffic_accidents": 5, "traffic_deaths": 3, "traffic_injuries": 4}),
    ("Tai nạn giao thông xảy ra 3 vụ, làm 2 người chết, 1 người bị thương.", "2025-10",
     {"traffic_accidents": 3, "traffic_deaths": 2, "traffic_injuries": 1}),
    ("Tính chung 10 tháng xảy ra 40 vụ tai nạn giao thông, làm chết 25 người.", "2025-10",
     {"traffic_accidents": {"2025-YTD10": 40}, "traffic_deaths": {"2025-YTD10": 25}}),
    ("So với cùng kỳ, số vụ tai nạn giao thông tăng 1 vụ, số người chết giảm 2 người.",
     "2025-10", {}),
    ("Tính chung 6 tháng, toàn tỉnh xảy ra 218 vụ tai nạn giao thông, làm chết 45 người, bị "
     "thương 205 người; so với cùng kỳ giảm 23 vụ, giảm 4 người chết.", "2025-H1",
     {"traffic_accidents": 218, "traffic_deaths": 45, "traffic_injuries": 205}),
    # ---- statistics-office releases: growth rates, never contributions in points
    ("Tốc độ tăng trưởng GRDP 9 tháng ước đạt 7,52% so với cùng kỳ năm trước; trong đó khu "
     "vực nông, lâm nghiệp và thủy sản tăng 3,1%, đóng góp 0,6 điểm phần trăm vào mức tăng "
     "trưởng chung; khu vực công nghiệp và xây dựng tăng 10,2%, đóng góp 3,5 điểm phần trăm; "
     "khu vực dịch vụ tăng 7,8%, đóng góp 3,1 điểm phần trăm; thuế sản phẩm trừ trợ cấp sản "
     "phẩm tăng 5,4%, đóng góp 0,32 điểm phần trăm.", "2025-09",
     {"grdp_growth": 7.52, "grdp_growth_agriculture": 3.1,
      "grdp_growth_industry_construction": 10.2, "grdp_growth_services": 7.8,
      "grdp_growth_product_taxes": 5.4}),
    ("Tổng sản phẩm trên địa bàn (GRDP) quý III ước tăng 8,1%, tính chung 9 tháng tăng "
     "7,52%.", "2025-09", {"grdp_growth": {"2025-Q3": 8.1, "2025-YTD09": 7.52}}),
    ("GRDP quý III ước tăng 8,1% so với cùng kỳ.", "2025-09", {"grdp_growth": {"2025-Q3": 8.1}}),
    ("GRDP cả nước 9 tháng tăng 7,85%.", "2025-09", {}),
    ("Khu vực công nghiệp và xây dựng đóng góp 3,5 điểm phần trăm; khu vực dịch vụ đóng góp "
     "3,1 điểm phần trăm.", "2025-09", {}),
    ("Mức đóng góp của khu vực dịch vụ vào tăng trưởng chung là 45,2%.", "2025-09", {}),
    ("Tăng trưởng GRDP của vùng trung du và miền núi phía Bắc đạt 8,1%.", "2025-09", {}),
    ("GRDP bình quân đầu người ước đạt 65,2 triệu đồng.", "2025-09", {}),
    ("Phấn đấu tốc độ tăng trưởng GRDP năm 2025 đạt 8% trở lên.", "2025-09", {}),
    ("Chỉ số sản xuất công nghiệp (IIP) tháng 9 tăng 5,2% so với tháng trước và tăng 9,1% so "
     "với cùng kỳ năm trước. Tính chung 9 tháng, IIP ước tăng 8,4% so với cùng kỳ.", "2025-09",
     {"iip_growth": {"2025-09": 9.1, "2025-YTD09": 8.4}}),
    ("Chỉ số sản xuất toàn ngành công nghiệp 9 tháng năm 2025 ước tăng 8,4% so với cùng kỳ "
     "năm trước, trong đó ngành khai khoáng giảm 2,1%, ngành chế biến, chế tạo tăng 10,3%.",
     "2025-09", {"iip_growth": 8.4}),
    ("CPI tháng 9 tăng 0,35% so với tháng trước; tăng 2,9% so với tháng 12 năm trước; bình "
     "quân 9 tháng tăng 3,12% so với cùng kỳ.", "2025-09", {"cpi_growth": 3.12}),
    ("Chỉ số giá tiêu dùng (CPI) tháng 6/2025 tăng 0,15% so với tháng trước, tăng 3,5% so với "
     "cùng kỳ năm trước; CPI bình quân 6 tháng đầu năm 2025 tăng 3,27% so với cùng kỳ.",
     "2025-06", {"cpi_growth": 3.27}),
    ("Kim ngạch xuất nhập khẩu hàng hóa qua địa bàn 9 tháng ước đạt 41.710,4 triệu USD, tăng "
     "35,2% so với cùng kỳ.", "2025-09",
     {"trade_turnover": 41710.4e6, "trade_turnover_growth": 35.2}),
    ("Kim ngạch xuất nhập khẩu tháng 9 ước đạt 4.500 triệu USD, tăng 12% so với cùng kỳ.",
     "2025-09",
     {"trade_turnover": {"2025-09": 4.5e09}, "trade_turnover_growth": {"2025-09": 12.0}}),
    ("Kim ngạch xuất khẩu đạt 20.100 triệu USD, nhập khẩu đạt 21.610,4 triệu USD.", "2025-09",
     {}),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tháng 9 ước đạt 3.800 tỷ đồng, "
     "tăng 1,2% so với tháng trước; tính chung 9 tháng ước đạt 32.500 tỷ đồng, tăng 12,3% so "
     "với cùng kỳ.", "2025-09",
     {"retail_sales": {"2025-09": 3.8e12, "2025-YTD09": 3.25e13},
      "retail_sales_growth": {"2025-YTD09": 12.3}}),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tháng 9 ước đạt 3.800 tỷ đồng, "
     "tăng 10,5% so với cùng kỳ.", "2025-09",
     {"retail_sales": {"2025-09": 3.8e12}, "retail_sales_growth": {"2025-09": 10.5}}),
    ("Khách du lịch đến tỉnh 9 tháng ước đạt 2,5 triệu lượt, tăng 10% so với cùng kỳ; doanh "
     "thu du lịch ước đạt 3.200 tỷ đồng.", "2025-09",
     {"tourist_arrivals": 2.5e6, "tourism_revenue": 3200e9}),
    ("Trong tháng, lượt khách du lịch ước đạt 250 nghìn lượt; doanh thu du lịch trong tháng ước "
     "đạt 300 tỷ đồng.", "2025-09",
     {"tourist_arrivals": {"2025-09": 250000.0}, "tourism_revenue": {"2025-09": 3e11}}),
    ("Doanh nghiệp thành lập mới 9 tháng: 320 doanh nghiệp, tăng 5% so với cùng kỳ.",
     "2025-09", {"new_enterprises": 320}),
    ("Toàn tỉnh có 205 doanh nghiệp hoạt động trở lại, 150 doanh nghiệp giải thể.", "2025-09",
     {}),
    ("Tổng diện tích gieo trồng cây hằng năm vụ Mùa đạt 5.600 ha.", "2025-09",
     {"sown_area": {"2025-YTD09": 5600.0}}),
    ("Tổng diện tích gieo trồng cây hằng năm ước đạt 43.028 ha, bằng 98% cùng kỳ.", "2025-H1",
     {"sown_area": 43028}),
    ("Giải quyết việc làm cho 1.250 lao động, đạt 104% kế hoạch.", "2025-H1",
     {"jobs_created": 1250}),
    ("Trong tháng, toàn xã tạo việc làm mới cho 25 lao động.", "2025-10",
     {"jobs_created": {"2025-10": 25.0}}),
    ("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95,2% (cả nước 93,5%).", "2025-10",
     {"health_insurance_coverage": 95.2}),
    ("Dân số trung bình năm 2025 ước 800.000 người.", "2025-10", {}),
    # the share named "tỷ lệ dân số tham gia …", not the count of participants
    ("Tỷ lệ dân số tham gia BHYT đạt 94,1%.", "2025", {"health_insurance_coverage": 94.1}),
    ("Số người tham gia BHYT tự nguyện là 12.400 người.", "2025", {}),
    # a sector's growth named "tăng trưởng khu vực …" and written as a level; the growth of a
    # kind of economy or of a region is not the GRDP's
    ("Tăng trưởng khu vực công nghiệp và xây dựng đạt 9,9%.", "2025",
     {"grdp_growth_industry_construction": 9.9}),
    ("Tăng trưởng kinh tế khu vực kinh tế tư nhân đạt 11%.", "2025", {}),
    ("Tăng trưởng kinh tế số đạt 18%.", "2025", {}),
    ("Tăng trưởng GRDP của vùng đạt 7,7%.", "2025", {}),
    # a term's total or a five-year average is not the year's value
    ("Giai đoạn 2021-2025, thu ngân sách nhà nước trên địa bàn đạt 21.000 tỷ đồng.", "2025", {}),
    ("Năm 2025 GRDP ước tăng 7,4%; bình quân 5 năm tăng 6,6%.", "2025", {"grdp_growth": 7.4}),
    # the two flows named in full, or by "tổng giá trị"; one flow alone is not the turnover
    ("Tổng kim ngạch xuất khẩu và nhập khẩu ước đạt 2,1 tỷ USD.", "2025",
     {"trade_turnover": 2.1e9}),
    ("Tổng giá trị xuất, nhập khẩu hàng hóa đạt 640 triệu USD.", "2025",
     {"trade_turnover": 640e6}),
    ("Kim ngạch xuất khẩu ước đạt 500 triệu USD.", "2025", {}),
    ("Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt 71,3%.",
     "2025-10", {"online_dossier_rate": 71.3}),
    # a running total from January, named without a verb after the month's value
    ("Bộ phận một cửa tiếp nhận 960 hồ sơ thủ tục hành chính; lũy kế từ đầu năm 8.150 hồ sơ.",
     "2025-10", {"admin_dossiers_received": {"2025-10": 960.0, "2025-YTD10": 8150.0}}),
    # a count whose noun is named before a copula ("Số … là N"), over the report's quarter
    ("Số doanh nghiệp thành lập mới trong quý là 87.", "2025-Q3",
     {"new_enterprises": {"2025-Q3": 87.0}}),
    ("Trong quý, có 87 doanh nghiệp thành lập mới.", "2025-09", {}),
    # ---- more look-alikes: local budgets, sub-parts, named border gates, enterprises' trade
    ("Tổng thu ngân sách nhà nước trên địa bàn ước đạt 10.909 triệu đồng, trong đó thu nội địa "
     "8.000 triệu đồng.", "2025-09", {"budget_revenue": 10909e6}),
    ("Thu ngân sách xã đạt 2.100 triệu đồng, đạt 105% dự toán.", "2025-09", {}),
    ("Tổng thu ngân sách địa phương 9 tháng đạt 8.500 tỷ đồng.", "2025-09", {}),
    ("GRDP 9 tháng ước tăng 7,52%, đứng thứ 20/63 tỉnh, thành phố.", "2025-09",
     {"grdp_growth": 7.52}),
    ("Tăng trưởng kinh tế quý III đạt 8,2%, cao nhất từ đầu nhiệm kỳ.", "2025-09",
     {"grdp_growth": {"2025-Q3": 8.2}}),
    ("GRDP 9 tháng tăng 7,52%, thấp hơn mức tăng 8,1% của cùng kỳ năm 2024.", "2025-09",
     {"grdp_growth": 7.52}),
    ("Tổng sản phẩm trên địa bàn tỉnh (GRDP) 6 tháng đầu năm 2025 ước tăng 8,37%; khu vực "
     "nông, lâm nghiệp và thủy sản giảm 1,2%.", "2025-H1",
     {"grdp_growth": 8.37, "grdp_growth_agriculture": -1.2}),
    ("CPI bình quân 9 tháng tăng 3,12% so với cùng kỳ, lạm phát cơ bản tăng 3,2%.", "2025-09",
     {"cpi_growth": 3.12}),
    ("Chỉ số giá vàng tăng 40,5% so với cùng kỳ; chỉ số giá đô la Mỹ tăng 3,5%.", "2025-09",
     {}),
    ("Tổng kim ngạch xuất nhập khẩu của doanh nghiệp trên địa bàn đạt 120 triệu USD.",
     "2025-09", {}),
    ("Kim ngạch xuất nhập khẩu qua cửa khẩu Hữu Nghị đạt 15.000 triệu USD.", "2025-09", {}),
    ("Lên đường nhập ngũ 44 công dân (quân đội 40, công an 4).", "2025-02",
     {"military_recruits": 44}),
    ("Toàn tỉnh có 1.539 công dân lên đường nhập ngũ, trong đó: Quân đội 1.300 công dân; Công "
     "an 239 công dân.", "2025-H1", {"military_recruits": 1539}),
    ("Hiện nay toàn xã có 25 hộ nghèo, 40 hộ cận nghèo.", "2025-10",
     {"poor_households": 25, "near_poor_households": 40}),
    ("Rà soát phát sinh mới 5 hộ nghèo, 3 hộ cận nghèo.", "2025-10", {}),
    ("Trong 9 tháng, toàn tỉnh có 1.250 doanh nghiệp thành lập mới với tổng vốn đăng ký 12.000 "
     "tỷ đồng.", "2025-09", {"new_enterprises": 1250}),
    ("Trong tháng có 35 doanh nghiệp thành lập mới.", "2025-09",
     {"new_enterprises": {"2025-09": 35.0}}),
    ("Giải ngân vốn đầu tư công 9 tháng đạt 2.100/3.500 tỷ đồng, đạt 60% kế hoạch.", "2025-09",
     {"public_investment_disbursed": 2100e9, "public_investment_plan": 3500e9,
      "public_investment_disbursed_pct_plan": {"plan": 60}}),
    ("Tổng diện tích gieo trồng lúa vụ Xuân đạt 14.562 ha.", "2025-H1", {}),
    # ---- one month inside a longer report is not the longer period's value
    ("Trong tháng 6, toàn tỉnh xảy ra 25 vụ tai nạn giao thông, làm chết 6 người.", "2025-H1",
     {"traffic_accidents": {"2025-06": 25.0}, "traffic_deaths": {"2025-06": 6.0}}),
    ("Trong tháng 6/2025, Bộ phận một cửa tiếp nhận 300 hồ sơ thủ tục hành chính.", "2025-H1",
     {"admin_dossiers_received": {"2025-06": 300.0}}),
    ("Trong tháng 6/2025, Bộ phận một cửa tiếp nhận 300 hồ sơ thủ tục hành chính.", "2025-06",
     {"admin_dossiers_received": 300}),
    # ---- a whole-year estimate is never filed under the report's month or half year
    ("Ước cả năm 2025, tổng thu ngân sách nhà nước trên địa bàn đạt 12.000 tỷ đồng, bằng 105% "
     "dự toán.", "2025-H1",
     {"budget_revenue": {"2025": 1.2e13}, "budget_revenue_pct_estimate": {"2025": 105.0}}),
    ("Ước thực hiện cả năm thu ngân sách đạt 12.000 tỷ đồng.", "2025-H1",
     {"budget_revenue": {"2025": 1.2e13}}),
    ("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng ước đạt 5.000 tỷ đồng, dự kiến cả năm "
     "đạt 11.000 tỷ đồng.", "2025-H1", {"budget_revenue": 5000e9}),
    ("Ước cả năm giải quyết việc làm cho 2.500 lao động.", "2025-H1",
     {"jobs_created": {"2025": 2500.0}}),
    # ---- label variants and breakdowns
    ("Tổng số hồ sơ tiếp nhận: 1.234 hồ sơ thủ tục hành chính (trực tuyến 1.000 hồ sơ, trực "
     "tiếp 234 hồ sơ).", "2025-09", {"admin_dossiers_received": 1234}),
    ("Tỷ lệ giải quyết hồ sơ thủ tục hành chính trước và đúng hạn đạt 99,5% (2.070/2.081 hồ "
     "sơ).", "2025-09", {"admin_dossiers_resolved": 2081}),
    ("Bộ phận một cửa đã giải quyết 2.081 hồ sơ, trong đó: đúng hạn 2.070 hồ sơ, quá hạn 11 hồ "
     "sơ.", "2025-09", {"admin_dossiers_resolved": 2081, "admin_dossiers_resolved_late": 11}),
    ("Xảy ra 02 vụ va chạm giao thông, không có thiệt hại về người.", "2025-09", {}),
    ("Tai nạn giao thông: xảy ra 5 vụ, chết 3 người, bị thương 2 người.", "2025-09",
     {"traffic_accidents": 5, "traffic_deaths": 3, "traffic_injuries": 2}),
    ("Số vụ tai nạn giao thông: 5 vụ, giảm 2 vụ so với cùng kỳ.", "2025-09",
     {"traffic_accidents": 5}),
    ("Chỉ số sản xuất công nghiệp quý III ước tăng 9,5% so với cùng kỳ.", "2025-09",
     {"iip_growth": {"2025-Q3": 9.5}}),
    ("Bình quân 9 tháng năm 2025, CPI tăng 3,12% so với cùng kỳ năm trước.", "2025-09",
     {"cpi_growth": 3.12}),
    ("CPI bình quân quý III tăng 3,3% so với cùng kỳ.", "2025-09",
     {"cpi_growth": {"2025-Q3": 3.3}}),
    ("Doanh thu dịch vụ lưu trú, ăn uống 9 tháng ước đạt 2.300 tỷ đồng.", "2025-09", {}),
    ("Số hộ nghèo đầu năm là 1.500 hộ.", "2025-09", {}),
    ("Thu ngân sách ước đạt 10.909 triệu đồng, tăng 1.200 triệu đồng so với cùng kỳ.",
     "2025-09", {"budget_revenue": 10909e6}),
    ("Giải ngân vốn đầu tư công đạt 1.234,5 tỷ đồng, bằng 55,6% kế hoạch vốn giao, cao hơn "
     "bình quân chung cả nước (46,8%).", "2025-09",
     {"public_investment_disbursed": 1234.5e9,
      "public_investment_disbursed_pct_plan": {"plan": 55.6}}),
    ("Tạo việc làm mới cho 1.250 lao động, trong đó xuất khẩu lao động 150 người.", "2025-H1",
     {"jobs_created": 1250}),
    # ---- a unit named in the label: the issuer's own (xa-van-nham) or another one's
    ("Bộ phận một cửa xã Văn Nham tiếp nhận 120 hồ sơ thủ tục hành chính.", "2025-10",
     {"admin_dossiers_received": 120}),
    ("Bộ phận một cửa xã Hữu Lũng tiếp nhận 120 hồ sơ thủ tục hành chính.", "2025-10", {}),
    ("Tốc độ tăng trưởng GRDP tỉnh Cao Bằng 9 tháng ước đạt 7,5%.", "2025-09", {}),
    ("Tổng thu ngân sách nhà nước trên địa bàn huyện Cao Lộc đạt 95 tỷ đồng.", "2025-09", {}),
    # ---- another year's value; look-alike growth rates; lists of eligible recruits
    ("Thu ngân sách nhà nước năm 2024 đạt 10.000 tỷ đồng.", "2025-09", {}),
    ("Tổng thu ngân sách nhà nước trên địa bàn 9 tháng năm 2025 ước đạt 8.000 tỷ đồng, tăng "
     "8,37% so với cùng kỳ năm 2024, bằng 85% dự toán.", "2025-09",
     {"budget_revenue": 8000e9, "budget_revenue_growth": 8.37,
      "budget_revenue_pct_estimate": {"estimate": 85}}),
    ("GRDP năm 2024 tăng 7,1%; 9 tháng năm 2025 GRDP ước tăng 7,52%.", "2025-09",
     {"grdp_growth": 7.52}),
    ("Doanh thu khu vực dịch vụ tăng 10,5% so với cùng kỳ.", "2025-09", {}),
    ("Dư nợ cho vay khu vực nông, lâm nghiệp và thủy sản tăng 5,2%.", "2025-09", {}),
    ("GRDP bình quân đầu người tăng 8,1% so với năm trước.", "2025-09", {}),
    ("GRDP theo giá hiện hành tăng 12,3%.", "2025-09", {}),
    ("Xét duyệt, chốt danh sách 50 công dân đủ điều kiện nhập ngũ năm 2026.", "2025-11", {}),
    ("Giao chỉ tiêu tuyển quân năm 2026 là 45 công dân nhập ngũ.", "2025-11", {}),
    # ---- contributions in points (or as a share) beside growth rates
    ("Tốc độ tăng GRDP 9 tháng ước đạt 7,2%, trong đó khu vực dịch vụ tăng 2,1 điểm % so với "
     "cùng kỳ, khu vực công nghiệp và xây dựng tăng 1,5 điểm.", "2025-09", {"grdp_growth": 7.2}),
    ("Khu vực dịch vụ đóng góp 0,9% vào mức tăng trưởng chung.", "2025-09", {}),
    ("GRDP ước tăng 7,2%, trong đó khu vực công nghiệp - xây dựng tăng 10,2% (đóng góp 3,5 "
     "điểm phần trăm).", "2025-09",
     {"grdp_growth": 7.2, "grdp_growth_industry_construction": 10.2}),
    # ---- banks: the policy bank's or a programme's loans are not the area's credit
    ("Dư nợ cho vay hộ nghèo đạt 1.200 tỷ đồng.", "2025-09", {}),
    ("Tổng dư nợ tín dụng đạt 45.000 tỷ đồng; dư nợ Ngân hàng Chính sách xã hội đạt 3.100 tỷ "
     "đồng.", "2025-09", {"bank_credit": 45000e9}),
    # ---- a quarter's own scope in a quarterly report; a quarter inside a half year
    ("Trong quý III, Bộ phận một cửa phường tiếp nhận 900 hồ sơ thủ tục hành chính, đã giải "
     "quyết 880 hồ sơ.", "2025-Q3",
     {"admin_dossiers_received": 900, "admin_dossiers_resolved": 880}),
    ("Trong quý II, Bộ phận một cửa phường tiếp nhận 900 hồ sơ thủ tục hành chính.", "2025-H1",
     {"admin_dossiers_received": {"2025-Q2": 900.0}}),
    ("Từ ngày 01/7/2025 đến ngày 30/9/2025, tổng thu ngân sách nhà nước trên địa bàn phường "
     "đạt 5.300 triệu đồng, đạt 55% dự toán.", "2025-Q3",
     {"budget_revenue": 5300e6, "budget_revenue_pct_estimate": {"estimate": 55}}),
    # ---- months written as words (statistics-office style)
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tháng Chín ước đạt 3.800 tỷ "
     "đồng, tăng 10,5% so với cùng kỳ; tính chung 9 tháng năm 2025 ước đạt 32.500 tỷ đồng, "
     "tăng 12,3% so với cùng kỳ.", "2025-09",
     {"retail_sales": {"2025-09": 3.8e12, "2025-YTD09": 3.25e13},
      "retail_sales_growth": {"2025-09": 10.5, "2025-YTD09": 12.3}}),
    ("Kim ngạch xuất nhập khẩu hàng hóa qua địa bàn tháng Chín ước đạt 4.500 triệu USD, tăng "
     "12% so với cùng kỳ.", "2025-09",
     {"trade_turnover": {"2025-09": 4.5e09}, "trade_turnover_growth": {"2025-09": 12.0}}),
    ("CPI tháng Chín tăng 0,4% so với tháng trước; CPI bình quân 9 tháng năm 2025 tăng 3,27% "
     "so với cùng kỳ năm trước.", "2025-09", {"cpi_growth": 3.27}),
    ("Tính chung 9 tháng năm 2025, IIP ước tính tăng 8,4% so với cùng kỳ năm trước.",
     "2025-09", {"iip_growth": 8.4}),
]  # fmt: skip


def _extract(text: str, period: str, unit_id: str = "xa-van-nham"):
    from solieu.pipeline import process_text

    meta = DocumentMeta(document_id="unseen", file="unseen.txt", unit_id=unit_id, period=period)
    return process_text(text, meta)


def _observed(result) -> dict:
    out: dict = {}
    for o in result.observations:
        out.setdefault(o.indicator_id, []).append(o)
    return out


def _is_period(key) -> bool:
    try:
        parse_period(str(key))
    except ValueError:
        return False
    return True


def _expected_matches(obs: list[Observation], want) -> bool:
    """``want``: a value, a list of values, {basis: value} or {period: value} (the span each
    value covers: a month's value and the running total of a monthly report are both kept)."""
    if isinstance(want, dict) and want and all(_is_period(k) for k in want):
        return {o.period: o.value for o in obs} == want and len(obs) == len(want)
    if isinstance(want, dict):
        return {o.basis: o.value for o in obs} == want and len(obs) == len(want)
    want = want if isinstance(want, list) else [want]
    return sorted(o.value for o in obs) == pytest.approx(sorted(want))


def test_the_unseen_table_is_big_enough():
    assert len(VN_TEXTS) >= 60
    assert sum(1 for *_, exp in VN_TEXTS if not exp) >= 25  # negatives: what must not map


@pytest.mark.parametrize("text,period,expected", VN_TEXTS, ids=[t[:40] for t, *_ in VN_TEXTS])
def test_unseen_genre_sentences(text, period, expected):
    got = _observed(_extract(text, period))
    shown = {k: [(o.value, o.basis) for o in v] for k, v in got.items()}
    assert set(got) == set(expected), shown
    for ind, want in expected.items():
        assert _expected_matches(got[ind], want), (ind, shown[ind])


def test_contributions_in_points_never_become_growth_rates():
    """Over the whole table: no observation of a percent indicator comes from a pp figure."""
    units = {c["id"]: c["unit"] for c in load_catalogue()}
    for text, period, _ in VN_TEXTS:
        res = _extract(text, period)
        figs = {f.figure_id: f for f in res.figures}
        for o in res.observations:
            f = figs[o.figure_id]
            assert f.unit != "pp" or units[o.indicator_id] == "pp", (o.indicator_id, text)
            assert "điểm" not in res.document.text[f.end : f.end + 8], (o.indicator_id, text)


# ------------------------------------------------------------------ dates of a value


def _one(text: str, period: str, indicator: str) -> Observation:
    (o,) = [o for o in _extract(text, period).observations if o.indicator_id == indicator]
    return o


def test_cumulative_values_run_from_january_and_keep_the_report_period():
    o = _one("Tổng thu ngân sách nhà nước trên địa bàn lũy kế đến hết tháng 10 ước đạt 10.909 "
             "triệu đồng.", "2025-10", "budget_revenue")  # fmt: skip
    assert (o.period, o.period_start, o.period_end) == ("2025-YTD10", "2025-01-01", "2025-10-31")
    assert o.estimate is True
    o = _one("Tính chung 9 tháng, IIP ước tăng 8,4% so với cùng kỳ.", "2025-09", "iip_growth")
    assert (o.period, o.period_start, o.period_end) == ("2025-YTD09", "2025-01-01", "2025-09-30")


def test_an_as_of_date_ends_a_running_total_and_dates_a_stock():
    o = _one("Tổng thu ngân sách trên địa bàn tính đến ngày 10/7/2025 đạt 10.909 triệu đồng.",
             "2025-H1", "budget_revenue")  # fmt: skip
    assert (o.period, o.period_start, o.period_end, o.as_of) == (
        "2025-H1", "2025-01-01", "2025-07-10", "2025-07-10")  # fmt: skip
    o = _one("Tổng số hộ nghèo còn 1.234 hộ, chiếm 2,1%.", "2025-H1", "poor_households")
    assert (o.period_start, o.period_end) == ("2025-06-30", "2025-06-30")


def test_a_stated_first_day_starts_the_running_total():
    o = _one("Từ ngày 01/7/2025 đến ngày 30/9/2025, tổng thu ngân sách nhà nước trên địa bàn "
             "phường đạt 5.300 triệu đồng.", "2025-Q3", "budget_revenue")  # fmt: skip
    assert (o.period, o.period_start, o.period_end) == ("2025-Q3", "2025-07-01", "2025-09-30")


def test_in_period_counts_cover_the_month_of_a_monthly_report():
    o = _one("Trong tháng, trên địa bàn xảy ra 5 vụ tai nạn giao thông.", "2025-10",
             "traffic_accidents")  # fmt: skip
    assert (o.period, o.period_start, o.period_end) == ("2025-10", "2025-10-01", "2025-10-31")


def test_a_whole_year_estimate_gets_the_year_and_its_bounds():
    text = (
        "Tổng thu ngân sách trên địa bàn tính đến ngày 10/11/2025 là 52.035 triệu đồng; Ước "
        "thực hiện 2025 ước đạt 60.470 triệu đồng."
    )
    obs = {o.period: o for o in _extract(text, "2025-11").observations
           if o.indicator_id == "budget_revenue"}  # fmt: skip
    assert set(obs) == {"2025-YTD11", "2025"}
    assert (obs["2025"].period_start, obs["2025"].period_end) == ("2025-01-01", "2025-12-31")
    assert obs["2025"].value == 60470e6 and obs["2025"].estimate


def test_catalogue_wide_guards_are_data_and_checked(tmp_path):
    cat = compile_catalogue()
    for name in ("exclude", "named_unit", "other_year", "whole_year", "goal_words", "concepts"):
        assert getattr(cat, name), name
    data = yaml.safe_load((ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8"))
    data["exclude"] = {"nowhere": "x"}
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="nowhere"):
        compile_catalogue(str(path))
    # without the guards the national value and the other unit's value would be mapped
    data = yaml.safe_load((ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8"))
    for key in ("exclude", "named_unit"):
        data.pop(key)
    path = tmp_path / "unguarded.yaml"  # (catalogues are cached by path)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    body = "Tổng thu ngân sách nhà nước của cả nước ước đạt 1.700.000 tỷ đồng."
    doc, figs = build(body, [{"text": "1.700.000 tỷ đồng", "value": 1.7e15, "unit": "VND"}])
    assert "budget_revenue" in mapped(doc, figs, catalogue=path)
    assert "budget_revenue" not in mapped(doc, figs)


# ----------------------------------------------------------------------------- targets


def build_flagged(body: str, specs: list[dict], **kw) -> tuple[Document, list[Figure]]:
    """``build``, with figure flags given by a spec's ``flags``."""
    doc, figs = build(body, [{k: v for k, v in s.items() if k != "flags"} for s in specs], **kw)
    for f, s in zip(figs, specs, strict=True):
        f.flags = list(s.get("flags", []))
    return doc, figs


# (body, figure spec, indicator): the same figure maps as an actual and, flagged target, does not
TARGET_CASES = [
    ("Tổng thu ngân sách nhà nước trên địa bàn đạt 13.500 tỷ đồng.",
     {"text": "13.500 tỷ đồng", "value": 13500e9, "unit": "VND"}, "budget_revenue"),
    ("Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5%.",
     {"text": "8,5%", "value": 8.5, "unit": "percent", "kind": "change",
      "direction": "increase"}, "grdp_growth"),
    ("Giải ngân vốn đầu tư công đạt 95% kế hoạch.",
     {"text": "95%", "value": 95, "unit": "percent", "kind": "percent", "basis": "plan"},
     "public_investment_disbursed_pct_plan"),
]  # fmt: skip


@pytest.mark.parametrize("body,spec,indicator", TARGET_CASES)
def test_target_flagged_figures_are_not_actual_values(body, spec, indicator):
    doc, figs = build_flagged(body, [spec])
    assert indicator in mapped(doc, figs), "the rule must fire on the actual"
    doc, figs = build_flagged(body, [{**spec, "flags": ["target"]}])
    assert indicator not in mapped(doc, figs)
    doc, figs = build_flagged(body, [{**spec, "flags": ["previous_period_value"]}])
    assert indicator not in mapped(doc, figs), "last period's value is not this period's"
    doc, figs = build_flagged(body, [{**spec, "flags": ["unit_inferred"]}])
    assert indicator in mapped(doc, figs), "only the catalogue's excluded flags count"


def test_a_rule_about_targets_opts_in(tmp_path):
    body = "Phấn đấu thu ngân sách nhà nước năm 2025 đạt 13.500 tỷ đồng."
    spec = {"text": "13.500 tỷ đồng", "value": 13500e9, "unit": "VND", "flags": ["target"]}
    doc, figs = build_flagged(body, [spec])
    data = yaml.safe_load((ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8"))
    assert "target" in data["exclude_figure_flags"]
    data["indicators"].append({
        "id": "budget_revenue_target", "name_vi": "Mục tiêu thu ngân sách",
        "name_en": "Budget revenue target", "unit": "VND", "sector": "finance",
        "measure": "flow", "temporal": "annual_rate", "definition": "Mục tiêu.",
        "comparability": "Mục tiêu, không phải số thực hiện.",
        "rules": [{"figure": {"unit": "VND"}, "near": "phấn\\s+đấu\\s+thu",
                   "allow_flags": ["target"]}],
    })  # fmt: skip
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    got = mapped(doc, figs, catalogue=path)
    assert values(got, "budget_revenue_target") == [13500e9]
    assert "budget_revenue" not in got


def _sectioned(parts: list[tuple[str, str, int | None]], period: str = "2025-H1") -> Document:
    text, blocks = "", []
    for i, (kind, body, level) in enumerate(parts):
        if text:
            text += "\n\n"
        blocks.append(Block(i, kind, len(text), len(text) + len(body), level=level))  # type: ignore[arg-type]
        text += body
    meta = DocumentMeta(document_id="test-doc", file="t", unit_id="tinh-lang-son", period=period)
    return Document(meta=meta, text=text, blocks=blocks)


def test_task_part_and_intent_sentences_do_not_become_observations():
    from solieu.figures import extract_figures

    doc = _sectioned([
        ("heading", "Phần I", 1),
        ("heading", "II. TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2025", 2),
        ("paragraph", "Tổng thu ngân sách nhà nước trên địa bàn đạt 3.200 tỷ đồng, bằng 52% dự "
                      "toán. Phấn đấu cả năm thu ngân sách nhà nước đạt 6.500 tỷ đồng.", None),
        ("heading", "Phần II", 1),
        ("heading", "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025", 1),
        ("paragraph", "Tổng thu ngân sách nhà nước trên địa bàn đạt 6.800 tỷ đồng; tốc độ tăng "
                      "trưởng kinh tế (GRDP) đạt 8,5%.", None),
    ])  # fmt: skip
    figs = extract_figures(doc)
    flagged = {f.text for f in figs if "target" in f.flags}
    assert flagged == {"6.500 tỷ đồng", "6.800 tỷ đồng", "8,5%"}
    obs = mapped(doc, figs)
    assert values(obs, "budget_revenue") == [3200e9]
    assert "grdp_growth" not in obs


# "doanh thu du lịch" is the total; its parts are not
TOURISM_REVENUE = [
    ("Doanh thu du lịch ước đạt 2.931 tỷ đồng.", True),
    ("Tổng doanh thu du lịch đạt 2.931 tỷ đồng.", True),
    ("Doanh thu từ hoạt động du lịch đạt 2.931 tỷ đồng.", True),
    ("Doanh thu du lịch lữ hành ước đạt 2.931 tỷ đồng.", False),
    ("Doanh thu du lịch lưu trú, ăn uống đạt 2.931 tỷ đồng.", False),
    ("Thu hút khách du lịch tăng, doanh thu dịch vụ lữ hành đạt 2.931 tỷ đồng.", False),
    ("Doanh thu du lịch cộng đồng đạt 2.931 tỷ đồng.", False),
]


@pytest.mark.parametrize("body,is_total", TOURISM_REVENUE)
def test_tourism_revenue_is_the_total_not_a_part(body, is_total):
    doc, figs = build(body, [{"text": "2.931 tỷ đồng", "value": 2931e9, "unit": "VND"}])
    assert ("tourism_revenue" in mapped(doc, figs)) is is_total


# ----------------------------------------------------------------------------- unseen phrasings
# Sentences written the way commune/ward/province reports and statistics-office releases
# phrase these indicators (not copied from the seeds), run through the real ingest and figure
# stages. Each row: (period, sentence, {figure text: indicator or None}); None means the figure
# must map to NO indicator of the table's family; a figure not listed is not checked.


def _run_text(text: str, period: str, unit_id: str = "xa-yen-trach") -> dict[str, list]:
    """figure text -> [(indicator, value, period_start, period_end)] for one sentence."""
    ingest = pytest.importorskip("solieu.ingest")
    figures = pytest.importorskip("solieu.figures")
    meta = DocumentMeta(document_id="t", file="t.txt", unit_id=unit_id, period=period)
    doc = ingest.ingest(text + "\n", meta)
    figs = figures.extract_figures(doc)
    by_id = {f.figure_id: f for f in figs}
    out: dict[str, list] = {f.text: [] for f in figs}
    for o in map_observations(doc, figs):
        out[by_id[o.figure_id].text].append((o.indicator_id, o.value, o.period_start, o.period_end))
    return out


UNSEEN = [
    # GRDP by sector: the rate maps, the contribution in percentage points never does
    ("2025-H1", "Tốc độ tăng trưởng kinh tế (GRDP) 6 tháng đầu năm 2025 ước đạt 7,2%; trong đó "
     "khu vực nông, lâm nghiệp và thủy sản tăng 4,36% (đóng góp 0,87 điểm %); khu vực công "
     "nghiệp và xây dựng tăng 10,2% (đóng góp 3,1 điểm phần trăm); khu vực dịch vụ tăng 8,5%, "
     "đóng góp 3,9 điểm %; thuế sản phẩm trừ trợ cấp sản phẩm tăng 6,1%.",
     {"7,2%": "grdp_growth", "4,36%": "grdp_growth_agriculture", "0,87 điểm %": None,
      "10,2%": "grdp_growth_industry_construction", "3,1 điểm phần trăm": None,
      "8,5%": "grdp_growth_services", "3,9 điểm %": None, "6,1%": "grdp_growth_product_taxes"}),
    ("2025-09", "GRDP 9 tháng năm 2025 ước tăng 7,9% so với cùng kỳ năm trước.",
     {"7,9%": "grdp_growth"}),
    ("2025-Q3", "Tổng sản phẩm trên địa bàn (GRDP) quý III năm 2025 ước tăng 8,1% so với cùng kỳ "
     "năm trước; khu vực nông, lâm nghiệp và thủy sản tăng 3,2%.",
     {"8,1%": "grdp_growth", "3,2%": "grdp_growth_agriculture"}),
    # a quarter's growth in a monthly release, another quarter in a quarterly report: not mapped
    ("2025-09", "GRDP quý III năm 2025 ước tăng 8,1% so với cùng kỳ; trong đó khu vực dịch vụ "
     "tăng 8,5%.", {"8,1%": "grdp_growth", "8,5%": "grdp_growth_services"}),
    ("2025-Q3", "GRDP quý II tăng 7,1% so với cùng kỳ.", {"7,1%": None}),
    ("2025-Q3", "Mục tiêu GRDP quý IV tăng 9%.", {"9%": None}),
    # IIP: year to date, never the month on the previous month
    ("2025-09", "Chỉ số sản xuất công nghiệp (IIP) 9 tháng năm 2025 ước tăng 7,78% so với cùng kỳ.",
     {"7,78%": "iip_growth"}),
    ("2025-09", "Chỉ số sản xuất công nghiệp tháng 9 ước tăng 2,1% so với tháng trước và tăng "
     "8,3% so với cùng kỳ; tính chung 9 tháng, IIP tăng 7,78%.",
     {"2,1%": None, "8,3%": "iip_growth", "7,78%": "iip_growth"}),
    ("2025-Q3", "Chỉ số sản xuất công nghiệp quý III ước tăng 8,5% so với cùng kỳ; tính chung 9 "
     "tháng tăng 7,78%.", {"8,5%": "iip_growth", "7,78%": "iip_growth"}),
    # new enterprises (cumulative): the month's count of a monthly report is not the indicator
    ("2025-09", "Trong tháng có 61 doanh nghiệp thành lập mới với tổng vốn đăng ký 512 tỷ đồng; "
     "lũy kế 9 tháng 609 doanh nghiệp thành lập mới.",
     {"61 doanh nghiệp": "new_enterprises", "512 tỷ đồng": None,
      "609 doanh nghiệp": "new_enterprises"}),
    ("2025-09", "Trong tháng, thành lập mới 61 doanh nghiệp với tổng vốn đăng ký 512 tỷ đồng; "
     "lũy kế 9 tháng thành lập mới 609 doanh nghiệp.",
     {"61 doanh nghiệp": "new_enterprises", "609 doanh nghiệp": "new_enterprises"}),
    ("2025-09", "Tính chung 9 tháng năm 2025, toàn tỉnh có 609 doanh nghiệp đăng ký thành lập "
     "mới, tăng 12% so với cùng kỳ.", {"609 doanh nghiệp": "new_enterprises", "12%": None}),
    ("2025-H1", "Có 350 doanh nghiệp thành lập mới với tổng vốn đăng ký 2.512 tỷ đồng.",
     {"350 doanh nghiệp": "new_enterprises", "2.512 tỷ đồng": None}),
    ("2025-H1", "Trong tháng 6 có 61 doanh nghiệp thành lập mới.",
     {"61 doanh nghiệp": "new_enterprises"}),
    ("2025-09", "Lũy kế 9 tháng có 120 doanh nghiệp giải thể.", {"120 doanh nghiệp": None}),
    ("2025-H1", "Hỗ trợ thành lập mới 5 doanh nghiệp.", {"5 doanh nghiệp": None}),
    ("2025-H1", "Trong 6 tháng đầu năm, có 350 doanh nghiệp đăng ký thành lập mới với tổng vốn "
     "đăng ký 2.100 tỷ đồng.", {"350 doanh nghiệp": "new_enterprises"}),
    # sown area: the total of all crops, not one crop, not a plan
    ("2025-09", "Tổng diện tích gieo trồng vụ mùa năm 2025 đạt 1.236,5 ha, đạt 101% kế hoạch.",
     {"1.236,5 ha": "sown_area", "101%": None}),
    ("2025-09", "Diện tích gieo trồng cây hằng năm ước đạt 45.678 ha, tăng 1,2% so với cùng kỳ.",
     {"45.678 ha": "sown_area", "1,2%": None}),
    ("2025-09", "Toàn xã đã gieo trồng được 1.236,5 ha lúa và rau màu các loại.",
     {"1.236,5 ha": "sown_area"}),
    ("2025-09", "Diện tích gieo trồng lúa đạt 800 ha.", {"800 ha": None}),
    ("2025-09", "Đã gieo trồng được 800 ha lúa.", {"800 ha": None}),
    ("2025-09", "Kế hoạch gieo trồng vụ mùa 1.300 ha.", {"1.300 ha": None}),
    ("2025-09", "Tổng diện tích gieo trồng vụ đông xuân đạt 500 ha, vụ mùa 700 ha.",
     {"500 ha": None, "700 ha": None}),
    ("2025-09", "Tổng diện tích gieo trồng vụ mùa năm 2024 đạt 1.200 ha.", {"1.200 ha": None}),
    ("2025-09", "Tổng diện tích gieo trồng vụ mùa đạt 1.236,5 ha, trong đó lúa 800 ha, ngô 200 ha.",
     {"1.236,5 ha": "sown_area", "800 ha": None, "200 ha": None}),
    # budget expenditure: the total, not a spending line, an estimate or a month
    ("2025-H1", "Chi ngân sách địa phương đạt 14.052,7 tỷ đồng, đạt 45% dự toán.",
     {"14.052,7 tỷ đồng": "budget_expenditure", "45%": "budget_expenditure_pct_estimate"}),
    ("2025-H1", "Tổng chi ngân sách xã đạt 9.318,2 triệu đồng, đạt 68,9% dự toán.",
     {"9.318,2 triệu đồng": "budget_expenditure", "68,9%": "budget_expenditure_pct_estimate"}),
    ("2025-H1", "Thu ngân sách xã đạt 10.000 triệu đồng; chi ngân sách xã ước thực hiện 9.318,2 "
     "triệu đồng.", {"9.318,2 triệu đồng": "budget_expenditure"}),
    ("2025-H1", "Chi ngân sách cho giáo dục đạt 500 triệu đồng.", {"500 triệu đồng": None}),
    ("2025-H1", "Chi thường xuyên ngân sách xã đạt 500 triệu đồng.", {"500 triệu đồng": None}),
    ("2025-H1", "Dự toán chi ngân sách năm 2025 là 20.000 triệu đồng.",
     {"20.000 triệu đồng": None}),
    ("2025-09", "Chi ngân sách tháng 9 đạt 900 triệu đồng.",
     {"900 triệu đồng": "budget_expenditure"}),
    # trade turnover and its growth: year to date, not the month
    ("2025-10", "Tổng kim ngạch xuất nhập khẩu qua địa bàn 10 tháng ước đạt 65.118,7 triệu USD, "
     "tăng 15,2% so với cùng kỳ.",
     {"65.118,7 triệu USD": "trade_turnover", "15,2%": "trade_turnover_growth"}),
    ("2025-10", "Kim ngạch xuất nhập khẩu tháng 10 đạt 700 triệu USD, tăng 5% so với cùng kỳ; "
     "lũy kế 10 tháng đạt 6.118,7 triệu USD, tăng 15,2% so với cùng kỳ.",
     {"700 triệu USD": "trade_turnover", "5%": "trade_turnover_growth",
      "6.118,7 triệu USD": "trade_turnover",
      "15,2%": "trade_turnover_growth"}),
    ("2025-10", "Kim ngạch xuất nhập khẩu tháng 10 đạt 700 triệu USD; lũy kế 10 tháng xuất khẩu "
     "đạt 3.000 triệu USD.", {"3.000 triệu USD": None}),
    ("2025-10", "Kim ngạch xuất nhập khẩu của doanh nghiệp địa phương tháng 10 đạt 70 triệu USD; "
     "lũy kế đạt 600 triệu USD.", {"70 triệu USD": None, "600 triệu USD": None}),
    ("2025-10", "Tổng kim ngạch XNK qua địa bàn tỉnh 10 tháng đạt 6.118,7 triệu USD, tăng 15,2% "
     "so với cùng kỳ.", {"6.118,7 triệu USD": "trade_turnover", "15,2%": "trade_turnover_growth"}),
    ("2025-10", "Kim ngạch XNK qua cửa khẩu Hữu Nghị đạt 3.000 triệu USD.",
     {"3.000 triệu USD": None}),
    # tourism revenue: the total, year to date
    ("2025-09", "Doanh thu du lịch tháng 9 ước đạt 250 tỷ đồng; lũy kế 9 tháng ước đạt 2.345 tỷ "
     "đồng, tăng 12,5% so với cùng kỳ.",
     {"250 tỷ đồng": "tourism_revenue", "2.345 tỷ đồng": "tourism_revenue"}),
    ("2025-09", "Tổng thu từ khách du lịch 9 tháng ước đạt 2.345 tỷ đồng.",
     {"2.345 tỷ đồng": "tourism_revenue"}),
    ("2025-09", "Tổng thu từ khách du lịch tháng 9 ước đạt 245 tỷ đồng.",
     {"245 tỷ đồng": "tourism_revenue"}),
    ("2025-09", "Doanh thu du lịch lữ hành tháng 9 đạt 45 tỷ đồng; lũy kế 9 tháng đạt 345 tỷ "
     "đồng.", {"45 tỷ đồng": None, "345 tỷ đồng": None}),
    # poor and near-poor households: the stock, not households helped or leaving poverty
    ("2025-09", "Đến nay, toàn xã còn 118 hộ nghèo, chiếm 2,1%; 146 hộ cận nghèo, chiếm 2,6%.",
     {"118 hộ": "poor_households", "146 hộ": "near_poor_households", "2,1%": None}),
    ("2025-09", "Toàn xã còn 118 hộ nghèo và 146 hộ cận nghèo.",
     {"118 hộ": "poor_households", "146 hộ": "near_poor_households"}),
    ("2025-09", "Số hộ nghèo còn 118 hộ.", {"118 hộ": "poor_households"}),
    ("2025-09", "Hộ cận nghèo: 146 hộ.", {"146 hộ": "near_poor_households"}),
    ("2025-09", "Đầu năm còn 130 hộ nghèo, đến nay toàn xã còn 118 hộ nghèo.",
     {"130 hộ": None, "118 hộ": "poor_households"}),
    ("2025-09", "Toàn xã còn 25 hộ nghèo chưa được hỗ trợ nhà ở.", {"25 hộ": None}),
    ("2025-09", "Còn 12 hộ nghèo, 30 hộ cận nghèo cần hỗ trợ sửa nhà.",
     {"12 hộ": None, "30 hộ": None}),
    ("2025-09", "Có 10 hộ nghèo, 20 hộ cận nghèo được tặng quà.", {"10 hộ": None, "20 hộ": None}),
    ("2025-09", "Trong kỳ có 12 hộ thoát nghèo, 5 hộ nghèo phát sinh mới.",
     {"12 hộ": None, "5 hộ": None}),
    # administrative dossiers: received and resolved; a sub-status is not the resolved total
    ("2025-09", "Bộ phận một cửa tiếp nhận 1.500 hồ sơ TTHC (trực tuyến 1.320 hồ sơ), đã giải "
     "quyết 1.234/1.500 hồ sơ.",
     {"1.500 hồ sơ": "admin_dossiers_received", "1.320 hồ sơ": None,
      "1.234": "admin_dossiers_resolved"}),
    ("2025-09", "Trung tâm Phục vụ hành chính công xã tiếp nhận 1.500 hồ sơ thủ tục hành chính; "
     "giải quyết 1.234 hồ sơ đúng và trước hạn.",
     {"1.500 hồ sơ thủ tục hành chính": "admin_dossiers_received", "1.234 hồ sơ": None}),
    ("2025-09", "Số hồ sơ TTHC tiếp nhận 1.500 hồ sơ, số hồ sơ đã giải quyết 1.234 hồ sơ.",
     {"1.500 hồ sơ": "admin_dossiers_received", "1.234 hồ sơ": "admin_dossiers_resolved"}),
    ("2025-09", "Tiếp nhận và giải quyết 1.500 hồ sơ TTHC.", {"1.500 hồ sơ": None}),
    ("2025-09", "Bộ phận một cửa đã giải quyết 1.234/1.500 hồ sơ, đạt 82,3%.",
     {"1.234": "admin_dossiers_resolved"}),
]  # fmt: skip


@pytest.mark.parametrize("period,text,expect", UNSEEN)
def test_unseen_phrasings_map_precisely(period, text, expect):
    got = _run_text(text, period)
    for fig, indicator in expect.items():
        assert fig in got, f"figure {fig!r} not extracted from {text!r}: {list(got)}"
        ids = [o[0] for o in got[fig]]
        if indicator is None:
            assert ids == [], f"{fig!r} must not map, got {ids}"
        else:
            assert ids == [indicator], f"{fig!r} should map to {indicator}, got {ids}"


def test_denominator_of_resolved_dossiers_is_received_only_when_worded_so():
    got = _run_text("Bộ phận một cửa đã giải quyết 1.234/1.500 hồ sơ tiếp nhận.", "2025-09")
    denominator = [k for k in got if k.startswith("1.500")][0]
    assert [o[0] for o in got[denominator]] == ["admin_dossiers_received"]
    got = _run_text("Bộ phận một cửa đã giải quyết 1.234/1.500 hồ sơ, đạt 82,3%.", "2025-09")
    denominator = [k for k in got if k.startswith("1.500")][0]
    assert got[denominator] == []


def test_quarter_and_year_to_date_growth_of_a_quarterly_report_keep_their_spans():
    got = _run_text("Tổng sản phẩm trên địa bàn (GRDP) quý III năm 2025 ước tăng 8,1% so với "
                    "cùng kỳ năm trước. Tính chung 9 tháng năm 2025, GRDP ước tăng 7,52% so "
                    "với cùng kỳ.", "2025-Q3", "tinh-lang-son")  # fmt: skip
    assert got["8,1%"] == [("grdp_growth", 8.1, "2025-07-01", "2025-09-30")]
    assert got["7,52%"] == [("grdp_growth", 7.52, "2025-01-01", "2025-09-30")]


def test_spans_differing_are_not_duplicates():
    def obs(oid: str, value: float, start: str) -> Observation:
        return Observation(oid, "grdp_growth", "u", "2025-Q3", value, "percent", "d", oid, "q",
                           0, 1, period_start=start, period_end="2025-09-30",
                           basis="same_period")  # fmt: skip

    a, b, c = obs("a", 8.1, "2025-07-01"), obs("b", 7.5, "2025-01-01"), obs("c", 7.9, "2025-01-01")
    flag_duplicates([a, b, c])
    assert a.flags == []
    assert "contradiction" in b.flags and "contradiction" in c.flags


# ----------------------------------------------------------------------------- bounds


def _pipeline_doc(text: str, period: str = "2025-06"):
    from solieu.figures import extract_figures
    from solieu.ingest import ingest

    doc = ingest(text, DocumentMeta("t", "t.txt", unit_id="tinh-lang-son", period=period))
    return doc, extract_figures(doc)


def test_a_number_with_a_plain_space_inside_is_read_whole_before_its_unit():
    doc, figs = _pipeline_doc("Tổng thu ngân sách nhà nước trên địa bàn đạt 5 120 tỷ đồng.")
    assert [o.value for o in map_observations(doc, figs)] == [5120e9]


def test_a_number_read_apart_after_a_name_is_no_indicator():
    doc, figs = _pipeline_doc("Trong tháng 6 150 hồ sơ thủ tục hành chính được tiếp nhận.")
    assert figs and not map_observations(doc, figs)


def test_a_number_with_a_no_break_space_inside_is_read_whole():
    doc, figs = _pipeline_doc("Tổng thu ngân sách nhà nước trên địa bàn đạt 5\u00a0120 tỷ đồng.")
    assert [o.value for o in map_observations(doc, figs)] == [5120e9]


def test_many_duplicates_are_flagged_like_few():
    a = [_obs(v) for v in (10, 10, 10, 12)]
    flag_duplicates(a)
    assert a[0].flags == ["duplicate_in_document", "contradiction"]
    assert a[3].flags == ["duplicate_in_document", "contradiction"]
    b = [_obs(10), _obs(10, estimate=True)]
    flag_duplicates(b)
    assert b[0].flags == ["duplicate_in_document"]  # same value: nothing to explain
    c = [_obs(10), _obs(11, estimate=True), _obs(10)]
    flag_duplicates(c)
    assert c[0].flags == ["duplicate_in_document", "differs"]
    assert c[1].flags == ["duplicate_in_document", "differs"]


def _obs(value: float, estimate: bool = False) -> Observation:
    return Observation(
        observation_id=f"o{value}",
        indicator_id="budget_revenue",
        unit_id="u",
        period="2025-06",
        value=value,
        unit="VND",
        document_id="d",
        figure_id="f",
        quote="",
        start=0,
        end=0,
        period_start="2025-01-01",
        estimate=estimate,
    )


@pytest.mark.parametrize(
    ("shape", "n"),
    [("report", 40_000), ("one_sentence", 8_000), ("brackets", 8_000), ("repeated", 8_000),
     ("headings", 8_000)],
)  # fmt: skip
def test_indicator_stage_time_grows_linearly(shape, n, synthetic_text, growth_ratio):
    compile_catalogue()
    docs = {k: _pipeline_doc(synthetic_text(shape, k)) for k in (n, 4 * n)}
    assert growth_ratio(lambda k: map_observations(*docs[k]), n) < 6


# ----------------------------------------------------------------- general disambiguation
#
# Each class of look-alike the issue names, in phrases written for these tests: the figure is
# kept, and no indicator (or the right one) takes it.


def _by(text: str, period: str = "2025-09") -> dict[str, list[tuple[float, str]]]:
    out: dict[str, list[tuple[float, str]]] = {}
    for o in _extract(text, period).observations:
        out.setdefault(o.indicator_id, []).append((o.value, o.period))
    return out


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        # a plan in brackets after the plan a share is measured against
        ("Thu ngân sách trên địa bàn đạt 512 tỷ đồng, bằng 64% dự toán (800 tỷ đồng).",
         "budget_revenue", 800e9),
        # last period's value, before or after the number
        ("Tổng sản phẩm trên địa bàn 9 tháng tăng 6,6%, thấp hơn mức 7,1% của cùng kỳ năm trước.",
         "grdp_growth", 7.1),
        ("Thu ngân sách trên địa bàn đạt 90 tỷ đồng (cùng kỳ năm trước đạt 75 tỷ đồng).",
         "budget_revenue", 75e9),
        # another unit's value, the country's value
        ("Trong đó, xã Bình Minh thu ngân sách 12 tỷ đồng.", "budget_revenue", 12e9),
        ("GRDP cả nước 9 tháng tăng 7,4%.", "grdp_growth", 7.4),
        # a contribution in percentage points
        ("Khu vực dịch vụ tăng 6,9%, đóng góp 3,1 điểm phần trăm vào mức tăng chung.",
         "grdp_growth_services", 3.1),
        # by how much the estimate was exceeded is not the share of it
        ("Thu ngân sách đạt 41 tỷ đồng, vượt 12,5% dự toán.", "budget_revenue_pct_estimate", 12.5),
        # a total with the transfers from the level above
        ("Tổng thu ngân sách nhà nước đạt 96 tỷ đồng; trong đó thu trên địa bàn 21 tỷ đồng.",
         "budget_revenue", 96e9),
        ("Tổng thu ngân sách xã đạt 14 tỷ đồng, trong đó bổ sung từ ngân sách cấp trên 11 tỷ "
         "đồng.", "budget_revenue", 14e9),
        # a sub-count by channel
        ("Trung tâm phục vụ hành chính công tiếp nhận 800 hồ sơ, trong đó tiếp nhận trực tuyến "
         "650 hồ sơ.", "admin_dossiers_received", 650),
        # a sub-sector is not its sector
        ("Tổng sản phẩm tăng 7%; ngành công nghiệp chế biến, chế tạo tăng 11%.",
         "grdp_growth_industry_construction", 11),
        # guests staying and guest-nights are not arrivals
        ("Các cơ sở lưu trú phục vụ 120 nghìn lượt khách lưu trú, 300 nghìn ngày khách.",
         "tourist_arrivals", 120000),
        # household businesses are not enterprises
        ("Trong kỳ có 85 hộ kinh doanh đăng ký mới.", "new_enterprises", 85),
        # a goal is not a result
        ("Mục tiêu năm 2025 tăng trưởng kinh tế đạt 8%.", "grdp_growth", 8),
    ],
)  # fmt: skip
def test_look_alikes_never_become_the_indicator(text, indicator, value):
    got = _by(text)
    assert value not in [v for v, _ in got.get(indicator, [])], got


def test_a_months_value_and_the_running_total_are_kept_apart():
    got = _by("Thu ngân sách trong tháng đạt 3 tỷ đồng; lũy kế 9 tháng đạt 25 tỷ đồng.")
    assert sorted(got["budget_revenue"]) == [(3e9, "2025-09"), (25e9, "2025-YTD09")]


def test_exceeding_the_estimate_by_x_is_100_plus_x_of_it():
    (o,) = [
        o
        for o in _extract("Thu ngân sách đạt 41 tỷ đồng, vượt 12,5% dự toán.", "2025").observations
        if o.indicator_id == "budget_revenue_pct_estimate"
    ]
    assert (o.value, o.derivation, o.basis) == (112.5, "implied", "estimate")
    assert "100 + 12.5" in o.why


def test_every_observation_says_why():
    text = (
        "Thu ngân sách nhà nước trên địa bàn 9 tháng đạt 1.200 tỷ đồng, bằng 80% dự toán. "
        "Có 150 doanh nghiệp thành lập mới."
    )
    obs = _extract(text, "2025-09").observations
    assert {o.indicator_id for o in obs} >= {"budget_revenue", "new_enterprises"}
    for o in obs:
        assert o.why and o.concept and o.concept in o.why, o
    why = {o.indicator_id: o.why for o in obs}
    assert "“thu ngân sách nhà nước trên địa bàn”" in why["budget_revenue"].lower()
    assert "right after the number" in why["new_enterprises"]


def test_observations_in_the_package_carry_why():
    from solieu.package import descriptor_template

    fields = {
        r["name"]: [f["name"] for f in r["fields"]] for r in descriptor_template()["resources"]
    }
    assert "why" in fields["observations"] and "span" in fields["figures"]


# ----------------------------------------------------------------- no place in the catalogue


def _place_names() -> set[str]:
    """Every province and commune of vietnam-provinces, and the pre-2025 provinces and districts
    of vietnamadminunits, without their level word ("Phường", "Xã", "Huyện" ...)."""
    import json
    from pathlib import Path

    import vietnamadminunits
    from vietnam_provinces import Province, Ward

    level = re.compile(r"^(?:Thành phố|Tỉnh|Phường|Xã|Đặc khu|Thị trấn|Huyện|Quận|Thị xã)\s+")
    names = {level.sub("", p.name) for p in Province.iter_all()}
    names |= {level.sub("", w.name) for w in Ward.iter_all()}
    data = Path(vietnamadminunits.__file__).parent / "data" / "parser_legacy.json"
    legacy = json.loads(data.read_text(encoding="utf-8"))
    names |= {p["provinceShort"] for p in legacy["DICT_PROVINCE"].values()}
    for districts in legacy["DICT_PROVINCE_DISTRICT"].values():
        names |= {d["districtShort"] for d in districts.values()}
    return {n for n in names if n and not n.isdigit()}


def test_no_rule_names_a_place():
    """The catalogue (rules, vocabulary, comments) names no province, commune or district: its
    rules must hold for every unit of the country."""
    import regex

    from solieu.concepts import fold

    names = _place_names()
    assert len(names) > 2500
    text = fold((ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8"))
    found = [
        n
        for n in sorted(names)
        if regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(fold(n))}(?![\p{{L}}\p{{M}}])", text)
    ]
    assert not found, found


def test_no_rule_names_a_person_or_a_document():
    """Nor a person (a family name followed by a given name, an office holder's title and name)
    nor a document (its number and symbol: "57-NQ/TW", "Quyết định số 12"): a rule about one
    report's signatories or sources would not hold for another."""
    import regex

    text = (ROOT / "src/solieu/data/indicators.yaml").read_text(encoding="utf-8")
    families = (
        "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Lương|Hà|Lò"
    )
    person = regex.compile(rf"\b(?:{families})\s+\p{{Lu}}\p{{Ll}}+\s+\p{{Lu}}\p{{Ll}}+")
    titled = regex.compile(r"\b(?:ông|bà|đồng chí)\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+")
    document = regex.compile(
        r"\b\d+\s*[-/]\s*(?:NQ|QĐ|CT|KH|TB|BC|NĐ|TT|CV|KL)(?:[-/]\p{Lu}+)*\b"
        r"|\b(?:Nghị quyết|Quyết định|Chỉ thị|Kế hoạch|Thông tư|Nghị định|Kết luận|Công văn)"
        r"\s+(?:số\s+)?\d+"
    )
    for pat in (person, titled, document):
        assert not pat.findall(text), pat.findall(text)[:5]
