"""Stage 1b (metadata): issuer unit, period and kind read from the report text itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.metadata import compare, detect
from solieu.model import DocumentMeta
from solieu.periods import parse_period
from solieu.units import load_units

ROOT = Path(__file__).resolve().parents[1]
CATALOG = yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
ENTRIES = {e["id"]: e for e in CATALOG["documents"]}


def _raw(doc_id: str) -> str:
    return (ROOT / "sources" / ENTRIES[doc_id]["file"]).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def detected() -> dict[str, dict]:
    return {doc_id: detect(_raw(doc_id)) for doc_id in ENTRIES}


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_seed_reports_placed_like_the_catalogue(detected, doc_id):
    entry, found = ENTRIES[doc_id], detected[doc_id]
    assert (found["unit_id"], found["period"], found["kind"]) == (
        entry["unit_id"],
        entry["period"],
        entry["kind"],
    )
    assert found["issuer"] == entry["issuer"]
    assert found["doubts"] == []
    for field in ("unit_id", "period", "kind"):
        assert found["evidence"][field]


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_catalogue_and_text_agree(detected, doc_id):
    e = ENTRIES[doc_id]
    meta = DocumentMeta(
        document_id=doc_id,
        file=e["file"],
        unit_id=e["unit_id"],
        period=e["period"],
        kind=e["kind"],
        signed=e.get("signed"),
    )
    assert compare(meta, detected[doc_id]) == []


def test_signed_and_title(detected):
    ward = detected["phuong-tam-thanh-2025-h1-bao-cao"]
    assert ward["signed"] == "2025-07-18"
    assert ward["title"] == "TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2025"
    assert ward["level"] == "ward" and ward["unit_name"] == "Phường Tam Thanh"
    assert detected["thanh-pho-lang-son-2025-06-bao-cao"]["signed"] is None


def test_compare_reports_a_disagreement(detected):
    meta = DocumentMeta(
        document_id="x",
        file="x.txt",
        unit_id="phuong-tam-thanh",
        period="2025-06",
        kind="monthly_report",
    )
    msgs = compare(meta, detected["phuong-tam-thanh-2025-h1-bao-cao"])
    assert len(msgs) == 2
    assert msgs[0].startswith("x: catalogue says period 2025-06, the text says 2025-H1 (quote: ")
    assert "6 THÁNG ĐẦU NĂM 2025" in msgs[0]
    assert "catalogue says kind monthly_report, the text says half_year_report" in msgs[1]


# ---------------------------------------------------------------------------------------------
# Synthetic snippets, one per period and kind form


def _report(title: str, body: str) -> str:
    return f"BÁO CÁO\n\n{title}\n\nI. KẾT QUẢ THỰC HIỆN\n\n{body}\n"


WARD_BODY = (
    "UBND phường Tam Thanh tiếp tục chỉ đạo. Trên địa bàn phường tình hình ổn định. "
    "UBND phường đã giải quyết 20 hồ sơ; HĐND phường họp thường kỳ."
)


@pytest.mark.parametrize(
    ("title", "body", "period", "kind"),
    [
        (
            "Tình hình kinh tế - xã hội 6 tháng đầu năm 2025",
            WARD_BODY,
            "2025-H1",
            "half_year_report",
        ),
        (
            "Tình hình kinh tế - xã hội sáu tháng cuối năm 2025",
            WARD_BODY,
            "2025-H2",
            "half_year_report",
        ),
        ("Tình hình kinh tế - xã hội tháng 6 năm 2025", WARD_BODY, "2025-06", "monthly_report"),
        ("Tình hình kinh tế - xã hội tháng 10/2025", WARD_BODY, "2025-10", "monthly_report"),
        ("Tình hình kinh tế - xã hội quý I năm 2025", WARD_BODY, "2025-Q1", "quarterly_report"),
        ("Kết quả quý 3/2025", WARD_BODY, "2025-Q3", "quarterly_report"),
        (
            "Tình hình kinh tế - xã hội năm 2025 và phương hướng năm 2026",
            WARD_BODY,
            "2025",
            "annual_report",
        ),
    ],
)
def test_period_and_kind_forms(title, body, period, kind):
    found = detect(_report(title, body))
    assert (found["period"], found["kind"]) == (period, kind)
    parse_period(found["period"])


def test_work_programme():
    text = (
        "CHƯƠNG TRÌNH\n\nCông tác tháng 5/2025\n\nI. TRỌNG TÂM CÔNG TÁC THÁNG 5/2025\n\n"
        "UBND thành phố Lạng Sơn tập trung chỉ đạo trên địa bàn thành phố. Họp UBND thành phố "
        "thường kỳ tháng 5/2025. UBND thành phố thông báo Chương trình công tác tháng 5/2025."
    )
    found = detect(text)
    assert (found["unit_id"], found["period"], found["kind"]) == (
        "thanh-pho-lang-son",
        "2025-05",
        "work_programme",
    )


def test_monthly_report_mentions_other_months():
    text = (
        "I. CÔNG TÁC CHỈ ĐẠO\n\nTrong tháng 6 năm 2025, UBND thành phố tiếp tục chỉ đạo. So với "
        "tháng 05/2025 thu tăng; lũy kế từ đầu năm đến tháng 12/2024 ... Trên địa bàn thành phố "
        "Lạng Sơn ổn định. III. NHIỆM VỤ TRỌNG TÂM CÔNG TÁC THÁNG 7/2025. Để triển khai nhiệm "
        "vụ trọng tâm tháng 7 năm 2025, UBND thành phố sẽ tập trung. Nhiệm vụ trọng tâm tháng "
        "7/2025 gồm ... nhiệm vụ trọng tâm tháng 7/2025."
    )
    found = detect(text)
    assert (found["unit_id"], found["period"], found["kind"]) == (
        "thanh-pho-lang-son",
        "2025-06",
        "monthly_report",
    )


def test_half_year_report_mentions_second_half_tasks():
    text = _report(
        "Tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2025, nhiệm vụ trọng tâm 6 tháng cuối "
        "năm 2025",
        "Trên địa bàn tỉnh ổn định. UBND tỉnh Lạng Sơn chỉ đạo; toàn tỉnh tăng trưởng. "
        "Phần II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025. Trong 6 tháng cuối năm "
        "2025 UBND tỉnh tập trung. Nhiệm vụ trọng tâm 6 tháng cuối năm 2025.",
    )
    found = detect(text)
    assert (found["unit_id"], found["period"], found["kind"]) == (
        "tinh-lang-son",
        "2025-H1",
        "half_year_report",
    )


def test_signing_date_line_is_not_the_period():
    text = "Lạng Sơn, ngày 18 tháng 7 năm 2025\n\n" + _report(
        "Tình hình kinh tế - xã hội 6 tháng đầu năm 2025", WARD_BODY
    )
    found = detect(text)
    assert found["signed"] == "2025-07-18"
    assert found["period"] == "2025-H1"


def test_nine_months_is_q3_with_a_doubt():
    found = detect(_report("Tình hình kinh tế - xã hội 9 tháng năm 2025", WARD_BODY))
    assert found["period"] == "2025-Q3"
    assert any("9 tháng" in d for d in found["doubts"])


@pytest.mark.parametrize(
    ("signed_line", "unit_id"),
    [
        ("2025-06-20T08:00:00+0700", "phuong-tam-thanh-cu"),
        ("2025-07-18T08:00:00+0700", "phuong-tam-thanh"),
    ],
)
def test_former_or_new_ward_by_signing_date(signed_line, unit_id):
    text = _report("Tình hình kinh tế - xã hội tháng 5 năm 2025", WARD_BODY) + signed_line
    assert detect(text)["unit_id"] == unit_id


def test_other_commune_of_the_province():
    commune = next(
        u
        for u in load_units().values()
        if u.level == "commune" and u.valid_from == "2025-07-01" and u.unit_id.startswith("xa-")
    )
    name = commune.name.split(" ", 1)[1]
    body = (
        f"UBND xã {name} tiếp tục chỉ đạo. Trên địa bàn xã ổn định. UBND xã đã giải quyết "
        f"30 hồ sơ. Đảng ủy xã {name} lãnh đạo."
    )
    found = detect(_report("Tình hình kinh tế - xã hội tháng 10 năm 2025", body))
    assert (found["unit_id"], found["level"]) == (commune.unit_id, "commune")


def test_unknown_unit_is_none_with_a_doubt():
    body = (
        "Trong tháng 6 năm 2025, UBND phường Hoàng Mai tiếp tục chỉ đạo. Trên địa bàn phường "
        "ổn định. UBND phường đã giải quyết 20 hồ sơ. Đảng ủy phường Hoàng Mai lãnh đạo. "
        "Phối hợp với phường Tam Thanh tổ chức hội nghị."
    )
    found = detect(_report("Tình hình kinh tế - xã hội tháng 6 năm 2025", body))
    assert found["unit_id"] is None and found["issuer"] is None
    assert any("Hoàng Mai" in d for d in found["doubts"])
    assert found["period"] == "2025-06"


def test_unnamed_unit_is_none_with_a_doubt():
    body = "UBND phường tiếp tục chỉ đạo. Trên địa bàn phường ổn định. UBND phường đã làm."
    found = detect(_report("Tình hình kinh tế - xã hội tháng 6 năm 2025", body))
    assert found["unit_id"] is None
    assert found["level"] == "ward"
    assert found["doubts"]


def test_nothing_to_detect():
    found = detect("Hôm nay trời đẹp.")
    assert all(found[k] is None for k in ("unit_id", "period", "kind", "signed"))
    assert len(found["doubts"]) == 2


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("phường xã tỉnh thành phố UBND Tam Thanh Lạng Sơn tháng năm quý 6 1 2025 / , . \n")
        ),
        max_size=300,
    )
)
def test_detect_never_crashes(text):
    found = detect(text)
    assert set(found) >= {"unit_id", "period", "kind", "evidence", "doubts"}
    if found["period"]:
        parse_period(found["period"])
    if found["unit_id"]:
        assert found["unit_id"] in load_units()


def test_statistics_office_monthly_release_is_a_month_not_a_quarter():
    text = (
        "CỤC THỐNG KÊ\n\nTHỐNG KÊ TỈNH LẠNG SƠN\n\nSố: 215/BC-TKLS\n\n"
        "Lạng Sơn, ngày 06 tháng 10 năm 2025\n\nBÁO CÁO\n\n"
        "Tình hình kinh tế - xã hội tháng 9 và 9 tháng năm 2025\n\n"
        "1. Sản xuất công nghiệp\n\nChỉ số sản xuất công nghiệp trên địa bàn tỉnh tháng 9 "
        "ước tăng 5,2% so với tháng trước; tính chung 9 tháng năm 2025 tăng 9,8%.\n"
    )
    d = detect(text)
    assert d["period"] == "2025-09"
    assert d["kind"] == "statistical_release"
    assert d["unit_id"] == "tinh-lang-son"
    assert d["issuer"] == "Thống kê tỉnh Lạng Sơn"
