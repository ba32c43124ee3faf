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
        signed="2025-07-18",
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
        "Trong tháng 6 năm 2025, UBND phường Hoa Sữa tiếp tục chỉ đạo. Trên địa bàn phường "
        "ổn định. UBND phường đã giải quyết 20 hồ sơ. Đảng ủy phường Hoa Sữa lãnh đạo. "
        "Phối hợp với phường Tam Thanh tổ chức hội nghị."
    )
    found = detect(_report("Tình hình kinh tế - xã hội tháng 6 năm 2025", body))
    assert found["unit_id"] is None and found["issuer"] is None
    assert any("Hoa Sữa" in d for d in found["doubts"])
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


# ---------------------------------------------------------------------------------------------
# Any unit of the country: header shapes of several provinces (sentences invented for the tests)


def _header(issuer_lines: str, title: str, body: str, date_line: str = "") -> str:
    return (
        f"{issuer_lines}\nSố: 77/BC-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"Độc lập - Tự do - Hạnh phúc\n{date_line}\nBÁO CÁO\n{title}\n\n"
        f"I. KẾT QUẢ THỰC HIỆN\n{body}\n"
    )


COMMUNE_BODY = (
    "UBND xã tập trung chỉ đạo thu hoạch lúa mùa. Trên địa bàn xã an ninh ổn định. "
    "UBND xã đã tiếp nhận 140 hồ sơ, trả kết quả đúng hạn 139 hồ sơ."
)
WARD_BODY_2 = (
    "UBND phường chỉ đạo chỉnh trang đô thị. Trên địa bàn phường có 14 doanh nghiệp thành lập "
    "mới. Đảng ủy phường lãnh đạo thực hiện nhiệm vụ."
)
PROVINCE_BODY = (
    "UBND tỉnh chỉ đạo các sở, ngành. Trên địa bàn tỉnh tăng trưởng khá. Toàn tỉnh thu hút "
    "12 dự án đầu tư mới."
)


@pytest.mark.parametrize(
    ("text", "unit_id", "level", "issuer"),
    [
        (
            _header(
                "ỦY BAN NHÂN DÂN\nXÃ SÓC SƠN",
                "Tình hình kinh tế - xã hội tháng 11 năm 2025",
                COMMUNE_BODY,
                "Sóc Sơn, ngày 26 tháng 11 năm 2025",
            ),
            "xa-soc-son",
            "commune",
            "UBND xã Sóc Sơn",
        ),
        (
            _header(
                "THÀNH PHỐ HẢI PHÒNG\nỦY BAN NHÂN DÂN PHƯỜNG TÂN HƯNG",
                "Kết quả thực hiện nhiệm vụ tháng 10 năm 2025",
                WARD_BODY_2,
            ),
            "phuong-tan-hung-hai-phong",
            "ward",
            "UBND phường Tân Hưng",
        ),
        (
            _header(
                "ỦY BAN NHÂN DÂN PHƯỜNG TÂN HƯNG",
                "Kết quả thực hiện nhiệm vụ tháng 10 năm 2025",
                WARD_BODY_2 + " Phối hợp với Sở Tài chính Thành phố Hồ Chí Minh rà soát.",
            ),
            "phuong-tan-hung-ho-chi-minh",
            "ward",
            "UBND phường Tân Hưng",
        ),
        (
            _header(
                "UBND TỈNH PHÚ THỌ", "Tình hình kinh tế - xã hội quý III năm 2025", PROVINCE_BODY
            ),
            "tinh-phu-tho",
            "province",
            "UBND tỉnh Phú Thọ",
        ),
        (
            _header(
                "UBND THÀNH PHỐ HÀ NỘI",
                "Tình hình kinh tế - xã hội tháng 10 năm 2025",
                "UBND Thành phố chỉ đạo. Trên địa bàn Thành phố thu ngân sách đạt 90%. "
                "Toàn thành phố có 3.000 doanh nghiệp mới.",
            ),
            "thanh-pho-ha-noi",
            "province",
            "UBND thành phố Hà Nội",
        ),
        (
            _header(
                "UBND HUYỆN CAO LỘC",
                "Tình hình kinh tế - xã hội tháng 5 năm 2024",
                "UBND huyện chỉ đạo các xã. Trên địa bàn huyện trồng 300 ha rừng. "
                "Toàn huyện có 22 xã, thị trấn.",
            ),
            "huyen-cao-loc",
            "district",
            "UBND huyện Cao Lộc",
        ),
        (
            _header(
                "CỤC THỐNG KÊ TỈNH NINH THUẬN",
                "Tình hình kinh tế - xã hội tháng 4 năm 2024",
                "Chỉ số sản xuất công nghiệp trên địa bàn tỉnh tăng 6,1%. Toàn tỉnh có "
                "1.250 ha lúa.",
            ),
            "tinh-ninh-thuan",
            "province",
            "Thống kê tỉnh Ninh Thuận",
        ),
        (
            _header(
                "CHI CỤC THỐNG KÊ HUYỆN ĐỒNG XUÂN",
                "Tình hình kinh tế - xã hội 6 tháng đầu năm 2024",
                "Trên địa bàn huyện giá trị sản xuất tăng 7%. Toàn huyện có 10 xã.",
            ),
            "huyen-dong-xuan",
            "district",
            "Thống kê huyện Đồng Xuân",
        ),
    ],
    ids=[
        "xa-soc-son",
        "tan-hung-hp",
        "tan-hung-hcm",
        "phu-tho",
        "ha-noi",
        "huyen-2024",
        "cuc-thong-ke",
        "chi-cuc-thong-ke",
    ],
)
def test_reports_of_any_unit(text, unit_id, level, issuer):
    found = detect(text)
    assert (found["unit_id"], found["level"], found["issuer"]) == (unit_id, level, issuer), found


def test_the_period_decides_former_or_current_unit():
    title_2024 = "Tình hình kinh tế - xã hội 6 tháng đầu năm 2024"
    title_2025 = "Tình hình kinh tế - xã hội tháng 11 năm 2025"
    assert detect(_header("UBND TỈNH PHÚ THỌ", title_2024, PROVINCE_BODY))["unit_id"] == (
        "tinh-phu-tho-cu"
    )
    # a commune of Thanh Hóa whose name a former commune of the same province bore
    old = detect(_header("UBND XÃ BA ĐÌNH", title_2024, COMMUNE_BODY + " Tỉnh Thanh Hóa."))
    new = detect(_header("UBND XÃ BA ĐÌNH", title_2025, COMMUNE_BODY + " Tỉnh Thanh Hóa."))
    assert (old["unit_id"], new["unit_id"]) == ("xa-ba-dinh-cu-thanh-hoa", "xa-ba-dinh-thanh-hoa")


def test_a_shared_name_without_province_is_refused_with_the_candidates():
    found = detect(
        _header("ỦY BAN NHÂN DÂN PHƯỜNG TÂN HƯNG", "Kết quả tháng 10 năm 2025", WARD_BODY_2)
    )
    assert found["unit_id"] is None
    assert found["unit_candidates"] == ["phuong-tan-hung-hai-phong", "phuong-tan-hung-ho-chi-minh"]
    (doubt,) = found["doubts_by_field"]["unit_id"]
    assert "phuong-tan-hung-hai-phong (10537, Thành phố Hải Phòng" in doubt
    assert "phuong-tan-hung-ho-chi-minh (27475, Thành phố Hồ Chí Minh" in doubt
    assert "--unit" in doubt


@pytest.mark.parametrize(
    ("clue", "unit_id"),
    [
        ("Phối hợp với Sở Nông nghiệp tỉnh Đắk Lắk tập huấn cho 50 hộ.", "xa-hoa-phu-dak-lak"),
        ("Thực hiện chỉ đạo của UBND thành phố, xã rà soát 30 hộ.", "xa-hoa-phu-ha-noi"),
        ("Thực hiện chỉ đạo của UBND tỉnh, xã rà soát 30 hộ.", "xa-hoa-phu-dak-lak"),
    ],
)
def test_a_shared_name_is_placed_by_the_province_the_text_names(clue, unit_id):
    text = _header(
        "UBND XÃ HÒA PHÚ", "Tình hình kinh tế - xã hội tháng 9 năm 2025", COMMUNE_BODY + " " + clue
    )
    assert detect(text)["unit_id"] == unit_id


def test_tone_placement_does_not_matter():
    text = _header(
        "UBND XÃ HOÀ PHÚ",
        "Tình hình kinh tế - xã hội tháng 9 năm 2025",
        COMMUNE_BODY + " Phối hợp với tỉnh Đắk Lắk.",
    )
    assert detect(text)["unit_id"] == "xa-hoa-phu-dak-lak"


def test_report_dated_before_its_unit_existed_gets_a_warning():
    text = _header(
        "UBND PHƯỜNG KỲ LỪA", "Tình hình kinh tế - xã hội tháng 10 năm 2024", WARD_BODY_2
    )
    found = detect(text)
    assert found["unit_id"] == "phuong-ky-lua"
    (doubt,) = found["doubts_by_field"]["unit_id"]
    assert "phuong-ky-lua exists from 2025-07-01" in doubt and "was formed from" in doubt


def test_compare_warns_when_the_catalogue_unit_did_not_exist_then():
    def meta(unit_id, period, signed=None):
        return DocumentMeta(
            document_id="d",
            file="d.txt",
            unit_id=unit_id,
            period=period,
            kind="monthly_report",
            signed=signed,
        )

    (msg,) = compare(meta("phuong-tam-thanh", "2024-12"), {})
    assert msg.startswith("d: phuong-tam-thanh exists from 2025-07-01")
    assert "phuong-tam-thanh-cu" in msg and "xa-hoang-dong" in msg
    (msg,) = compare(meta("huyen-soc-son", "2025-11"), {})
    assert "ceased after 2025-06-30" in msg and "xa-soc-son" in msg
    # the new ward's report on the half-year before it existed, signed after: fine
    assert compare(meta("phuong-tam-thanh", "2025-H1", "2025-07-18"), {}) == []
    assert compare(meta("a-label-not-a-unit", "2025-11"), {}) == []
