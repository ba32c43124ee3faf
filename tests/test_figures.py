"""Stage 2: figure extraction (solieu.figures) on phrases of the genre."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.figures import extract_figures
from solieu.model import Block, Document, DocumentMeta

ROOT = Path(__file__).resolve().parents[1]


def doc_of(text: str, kind: str = "paragraph", footnote: int | None = None) -> Document:
    return Document(
        meta=DocumentMeta(document_id="t", file="t"),
        text=text,
        blocks=[Block(0, kind, 0, len(text), section="II > 1", footnote=footnote)],
    )


def figs(text: str):
    out = extract_figures(doc_of(text))
    for f in out:
        assert text[f.start : f.end] == f.text
    return out


def one(text: str, raw: str):
    """The figure whose raw text is ``raw``."""
    hits = [f for f in figs(text) if f.text == raw]
    assert len(hits) == 1, [(f.text, f.value, f.unit) for f in figs(text)]
    return hits[0]


# (sentence, raw text of the figure, expected attributes)
CASES = [
    (
        "Chỉ số giá tiêu dùng (CPI) bình quân 6 tháng tăng 3,27% so với cùng kỳ.",
        "3,27%",
        dict(value=3.27, unit="percent", kind="change", direction="increase", basis="same_period"),
    ),
    (
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ước đạt 17.345,6 tỷ đồng.",
        "17.345,6 tỷ đồng",
        dict(value=17345.6e9, unit="VND", scale=1e9, kind="level", estimate=True),
    ),
    (
        "Kim ngạch xuất nhập khẩu qua địa bàn tỉnh đạt 41.710,4 triệu USD, tăng 39,22%.",
        "41.710,4 triệu USD",
        dict(value=41710.4e6, unit="USD", unit_text="triệu USD"),
    ),
    (
        "Tổng thu ngân sách tính đến ngày 10/7/2025 đạt 10.909 triệu đồng.",
        "10.909 triệu đồng",
        dict(value=10909e6, unit="VND", as_of="2025-07-10"),
    ),
    (
        "Tổng sản phẩm (GRDP) 6 tháng đầu năm ước tăng 8,37%, trong đó dịch vụ tăng 7,45%.",
        "8,37%",
        dict(value=8.37, kind="change", direction="increase", estimate=True),
    ),
    (
        "Tổng sản phẩm (GRDP) 6 tháng đầu năm ước tăng 8,37%, trong đó dịch vụ tăng 7,45%.",
        "7,45%",
        dict(value=7.45, kind="change", direction="increase", estimate=True),
    ),
    (
        "Xảy ra 30 vụ tai nạn giao thông, giảm 23 vụ so với cùng kỳ.",
        "23 vụ",
        dict(value=23, unit="vụ", kind="change", direction="decrease", basis="same_period"),
    ),
    (
        "Số hộ nghèo bằng 70,51% cùng kỳ.",
        "70,51%",
        dict(value=70.51, kind="ratio", basis="same_period"),
    ),
    (
        "Giải ngân đạt 40,2% kế hoạch.",
        "40,2%",
        dict(value=40.2, kind="percent", basis="plan"),
    ),
    (
        "Tỷ lệ giải ngân tăng 10,4% điểm so với cùng kỳ.",
        "10,4% điểm",
        dict(value=10.4, unit="pp", kind="pp", direction="increase"),
    ),
    (
        "Khu vực dịch vụ đóng góp 1,43 điểm phần trăm vào mức tăng chung.",
        "1,43 điểm phần trăm",
        dict(value=1.43, unit="pp", kind="pp", direction=None),
    ),
    (
        "Thu ngân sách đạt 72,2% dự toán tỉnh giao; đạt 65,4% dự toán phấn đấu.",
        "72,2%",
        dict(kind="percent", basis="estimate_province"),
    ),
    (
        "Thu ngân sách đạt 72,2% dự toán tỉnh giao; đạt 65,4% dự toán phấn đấu.",
        "65,4%",
        dict(kind="percent", basis="target"),
    ),
    (
        "Thu ngân sách đạt 5.000 triệu đồng, bằng 120% dự toán Trung ương giao.",
        "120%",
        dict(kind="percent", basis="estimate_central"),
    ),
    (
        "Doanh thu đạt 111,7% so với cùng kỳ.",
        "111,7%",
        dict(kind="ratio", basis="same_period"),
    ),
    (
        "Số văn bản đến tăng 5% so với tháng trước.",
        "5%",
        dict(kind="change", basis="previous_month"),
    ),
    (
        "Diện tích gieo trồng ước thực hiện 43.028 ha, đạt 89,3% kế hoạch.",
        "43.028 ha",
        dict(value=43028, unit="ha", estimate=True),
    ),
    (
        "Trồng cây phân tán 1,2 triệu cây, đạt 54% kế hoạch.",
        "1,2 triệu cây",
        dict(value=1.2e6, unit="cây", scale=1e6),
    ),
    (
        "Đón 3,11 triệu lượt khách du lịch.",
        "3,11 triệu lượt khách",
        dict(value=3.11e6, unit="lượt khách"),
    ),
    (
        "Xi măng: 608,97 nghìn tấn, đạt 55,36% KH, tăng 39,18% so với cùng kỳ.",
        "608,97 nghìn tấn",
        dict(value=608970, unit="tonne"),
    ),
    (
        "Xi măng: 608,97 nghìn tấn, đạt 55,36% KH, tăng 39,18% so với cùng kỳ.",
        "55,36%",
        dict(kind="percent", basis="plan"),
    ),
    (
        "Sản lượng điện thương phẩm đạt 77,26 triệu kWh; lũy kế đạt 452,13 triệu kWh.",
        "452,13 triệu kWh",
        dict(value=452.13e6, unit="kWh", cumulative=True),
    ),
    (
        "Sản lượng điện thương phẩm đạt 77,26 triệu kWh; lũy kế đạt 452,13 triệu kWh.",
        "77,26 triệu kWh",
        dict(cumulative=False),
    ),
    (
        "Giá lợn hơi dao động 11.000 - 12.800 đồng/kg.",
        "11.000 - 12.800 đồng/kg",
        dict(value=11000, value_max=12800, unit="VND/kg", kind="range"),
    ),
    (
        "Các dự án giải ngân từ 20 - 80% kế hoạch.",
        "20 - 80%",
        dict(value=20, value_max=80, unit="percent", kind="range", basis="plan"),
    ),
    (
        "Hiệu suất thông quan trung bình khoảng 1.550 lượt xe/ngày.",
        "1.550 lượt xe/ngày",
        dict(value=1550, unit="lượt xe/ngày", qualifier="approx"),
    ),
    (
        "Cao điểm đạt trên 2.000 lượt xe/ngày.",
        "2.000 lượt xe/ngày",
        dict(qualifier="over"),
    ),
    (
        "Tập trung khoảng 1.000 người, gần 500 hộ.",
        "500 hộ",
        dict(value=500, unit="hộ", qualifier="nearly"),
    ),
    (
        "Chỉ tiêu tăng trưởng kinh tế từ 8% trở lên.",
        "8%",
        dict(value=8, qualifier="at_least"),
    ),
    (
        "Có 06 hộ được hỗ trợ.",
        "06 hộ",
        dict(value=6, unit="hộ"),
    ),
    (
        "Số tiêu chí bình quân đạt 15,18 tiêu chí/xã.",
        "15,18 tiêu chí/xã",
        dict(value=15.18, unit="tiêu chí/xã"),
    ),
    (
        "Tổng số tiền trợ cấp là 25.298.726 (nghìn đồng).",
        "25.298.726 (nghìn đồng)",
        dict(value=25298726e3, unit="VND"),
    ),
    (
        "Đã tạm giữ 5,4ha nuôi thuỷ sản.",
        "5,4ha",
        dict(value=5.4, unit="ha"),
    ),
    (
        "Tổng giá trị 73.162.408.000 đồng.",
        "73.162.408.000 đồng",
        dict(value=73162408000, unit="VND"),
    ),
    (
        "Đến hết 30/6/2025, thu được 515 tỷ đồng.",
        "515 tỷ đồng",
        dict(value=515e9, as_of="2025-06-30"),
    ),
    (
        "Tính đến ngày 18/06/2025, đã tiếp nhận 59 hồ sơ.",
        "59 hồ sơ",
        dict(as_of="2025-06-18"),
    ),
    (
        "Mức tăng trưởng cao hơn 7,7% điểm so với bình quân chung cả nước.",
        "7,7% điểm",
        dict(unit="pp", direction="increase", qualifier=None, basis="national_average"),
    ),
    (
        "Dự kiến tuyển 120 lao động.",
        "120 lao động",
        dict(estimate=True),
    ),
    (
        "Tỷ lệ hộ nghèo giảm còn 8,5%.",
        "8,5%",
        dict(kind="percent", direction=None),
    ),
    (
        "Số người chết giảm 3 người (-12,5%) so với cùng kỳ.",
        "12,5%",
        dict(value=12.5, kind="change", direction="decrease", basis="same_period"),
    ),
    (
        "Số người chết giảm 3 người (-12,5%) so với cùng kỳ.",
        "3 người",
        dict(kind="change", direction="decrease", basis="same_period"),
    ),
    (
        "CPI tháng 6 tăng 2,45% so với tháng 12 năm trước.",
        "2,45%",
        dict(kind="change", basis="previous_december"),
    ),
    (
        "Doanh thu du lịch ước đạt 1.410,3 tỷ đồng, gấp 1,5 lần cùng kỳ.",
        "1,5 lần",
        dict(value=1.5, kind="ratio", basis="same_period"),
    ),
    (
        "Tỷ lệ giải ngân cao hơn bình quân chung cả nước 32,5%.",
        "32,5%",
        dict(value=32.5),
    ),
    (
        "Giải ngân đạt 40,2% kế hoạch Trung ương giao.",
        "40,2%",
        dict(kind="percent", basis="plan_central"),
    ),
    (
        "Tổng thu ngân sách đạt 52.035 triệu đồng, bằng 464,6% dự toán tỉnh giao.",
        "464,6%",
        dict(kind="percent", basis="estimate_province"),
    ),
    (
        "Tỷ lệ tiêm chủng đạt 98,5 % (chỉ tiêu ≥ 95 %).",
        "95 %",
        dict(value=95, unit="percent", qualifier="at_least"),
    ),
    (
        "Xác nhận thông tin cư trú 773 TH; liên thông khai sinh 104TH.",
        "104TH",
        dict(value=104, unit="trường hợp"),
    ),
    (
        "Số cán bộ tiếp tục công tác: 74 đồng chí.",
        "74 đồng chí",
        dict(value=74, unit="đồng chí"),
    ),
    (
        "Nhiệt độ trung bình 28 độ C.",
        "28 độ C",
        dict(value=28, unit="celsius"),
    ),
    (
        "Luân chuyển hàng hóa đạt 42,3 triệu tấn.km.",
        "42,3 triệu tấn.km",
        dict(value=42.3e6, unit="tonne.km"),
    ),
    (
        "Giá vàng bình quân là 11,5 triệu đồng/chỉ.",
        "11,5 triệu đồng/chỉ",
        dict(value=11.5e6, unit="VND/chỉ"),
    ),
    (
        "Mật độ dân số 95 người/km2.",
        "95 người/km2",
        dict(unit="người/km2"),
    ),
    (
        "Lũy kế từ đầu năm cấp 12 giấy phép xây dựng.",
        "12 giấy phép",
        dict(cumulative=True, unit="giấy phép"),
    ),
]


@pytest.mark.parametrize(("sentence", "raw", "expected"), CASES)
def test_grammar(sentence, raw, expected):
    f = one(sentence, raw)
    for key, want in expected.items():
        got = getattr(f, key)
        if isinstance(want, float) and want is not None:
            assert got == pytest.approx(want), key
        else:
            assert got == want, (key, got)


def test_fraction_shares_unit_and_scale():
    out = figs("Giải ngân đạt 53.218/384.514 triệu đồng, đạt 13,84%.")
    num, den = out[0], out[1]
    assert (num.value, num.unit, num.role) == (53218e6, "VND", "numerator")
    assert (den.value, den.unit, den.role) == (384514e6, "VND", "denominator")
    assert num.group == den.group and num.group is not None
    assert num.text == "53.218"


def test_fraction_counts():
    out = figs("Đã giải quyết 2.081/2.325 hồ sơ.")
    assert [(f.value, f.unit, f.role) for f in out] == [
        (2081, "hồ sơ", "numerator"),
        (2325, "hồ sơ", "denominator"),
    ]


def test_fraction_with_result():
    out = figs("Tỷ lệ hồ sơ giải quyết trước hạn 261/596 = 43,79%.")
    assert [(f.value, f.role) for f in out] == [
        (261, "numerator"),
        (596, "denominator"),
        (43.79, "result"),
    ]
    assert len({f.group for f in out}) == 1
    assert out[2].unit == "percent"


def test_result_keeps_its_basis():
    out = figs("Đã khởi công được 6.494/6.508 nhà, đạt 99,78% kế hoạch.")
    assert (out[2].role, out[2].basis) == ("result", "plan")


def test_cumulative_and_estimate_are_scoped_to_the_clause():
    out = figs("Tháng 6 ước đạt 512 tỷ đồng; tính chung 6 tháng đạt 1.850 tỷ đồng.")
    assert [(f.estimate, f.cumulative) for f in out] == [(True, False), (False, True)]


def test_fraction_with_bracketed_result():
    out = figs("Giải ngân đạt 1.139,4/3.409 triệu đồng (33,4%).")
    assert [f.role for f in out] == ["numerator", "denominator", "result"]
    assert out[0].value == pytest.approx(1139.4e6)


def test_achieved_against_target():
    out = figs("Giao quân đạt 44/43 thanh niên.")
    assert [(f.value, f.unit) for f in out] == [(44, "thanh niên"), (43, "thanh niên")]


def test_unit_inside_fraction():
    out = figs("Số hồ sơ xử lý đúng hạn được 32 việc/260 = 12,30%.")
    assert [(f.value, f.unit, f.role) for f in out] == [
        (32, "việc", "numerator"),
        (260, "việc", "denominator"),
        (12.3, "percent", "result"),
    ]


def test_fraction_with_two_units():
    out = figs("Làm việc với 80 đoàn/473 lượt người nước ngoài.")
    assert [(f.value, f.unit) for f in out] == [(80, "đoàn"), (473, "lượt người")]


def test_noun_written_before_bare_numbers():
    out = figs("Số hồ sơ đang giải quyết: 175 hồ sơ; hồ sơ hủy: 09; Hồ sơ tạm dừng: 0")
    assert [(f.value, f.unit) for f in out] == [(175, "hồ sơ"), (9, "hồ sơ"), (0, "hồ sơ")]
    assert "noun_before" in out[1].flags


def test_noun_before_carries_along_a_list():
    out = figs("Ghi nhận các trường hợp mắc sởi: (Tam Thanh: 04; Hoàng Đồng: 02).")
    assert [(f.value, f.unit) for f in out] == [(4, "trường hợp"), (2, "trường hợp")]


def test_fraction_takes_noun_written_before():
    text = "Số hồ sơ giải quyết trước hạn 261/596 = 43,79%; quá hạn 15/596 chiếm 2,52%."
    out = figs(text)
    assert [(f.value, f.unit, f.role) for f in out] == [
        (261, "hồ sơ", "numerator"),
        (596, "hồ sơ", "denominator"),
        (43.79, "percent", "result"),
        (15, "hồ sơ", "numerator"),
        (596, "hồ sơ", "denominator"),
        (2.52, "percent", "result"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mua sắm thiết bị dạy học lớp 7, lớp 10.",
        "Khu chế xuất 1, khu phi thuế quan.",
        "Xây mới trường tiểu học Chi Lăng 2 Đường Lương Văn Tri.",
        "Lĩnh vực phát triển nông thôn: 32 đề xuất.",
    ],
)
def test_noun_before_does_not_take_names(text):
    assert all(f.unit not in ("lớp", "khu", "trường", "thôn") for f in figs(text))


def test_rank_is_not_a_fraction():
    out = figs("Chỉ số PCI năm 2024 xếp thứ 16/63 tỉnh, thành phố.")
    assert len(out) == 1
    assert (out[0].kind, out[0].value, out[0].unit) == ("rank", 16, "rank")


# --------------------------------------------------------------------------- not figures

NOT_FIGURES = [
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.",
    "Theo Quyết định số 2273/QĐ-UBND ngày 20/10/2025 của UBND tỉnh.",
    "Kinh phí thực hiện NĐ 154/2025/NĐ-CP và NQ 07/2025/NQ-CP.",
    "Điều chỉnh quy hoạch chi tiết tỷ lệ 1/500 khu cửa khẩu.",
    "Nâng cấp Quốc lộ 4B đoạn qua thành phố.",
    "Sạt lở tại Km18 đường tỉnh.",
    "Đường chuyên dụng khu vực mốc 1119-1120 và mốc 1088/2-1089.",
    "Kỳ họp thứ 5 Hội đồng nhân dân tỉnh khóa XVII.",
    "Đại hội lần thứ XVIII của Đảng bộ tỉnh.",
    "Các chương trình giai đoạn 2021 - 2025 và nhiệm kỳ 2026-2031.",
    "Triển khai Đề án 06 của Chính phủ.",
    "Hoạt động theo mô hình chính quyền địa phương 02 cấp.",
    "Phát triển sản phẩm OCOP 3 sao.",
    "Trong tháng 6 năm 2025, tình hình ổn định.",
    "Báo cáo quý I năm 2025.",
    "Tổ chức vào lúc 14h30 ngày 10/7/2025.",
    "Sinh hoạt tại khối 7 phường Tam Thanh.",
    "Kỷ niệm ngày Giải phóng miền Nam (30/4).",
    "Duy trì hoạt động của Trung tâm tích hợp dữ liệu 24/24.",
    "Từ ngày 20-23/6/2025 có mưa lớn.",
    "Thông tin đối ngoại tháng 10-11/2025.",
    "Thông tư số 29/2024/TT-BGDĐT ngày 30/12/2024.",
    "Liên hệ số điện thoại 0205.3812.345 để được hỗ trợ.",
    "Kết quả 6 tháng đầu năm 2025.",
    "(1) Hỗ trợ lãi suất; (2) hỗ trợ thương hiệu.",
    "Tập trung thực hiện tốt 6 rõ: “rõ người, rõ việc”.",
    "Kỷ niệm 80 năm Ngày Cách mạng tháng Tám.",
    "Chỉ thị 15/CT-TTg của Thủ tướng.",
    "Dự án đường cao tốc Đồng Đăng - Trà Lĩnh (Cao Bằng) giai đoạn 1.",
    "Cách mạng công nghiệp 4.0 đang diễn ra.",
    "Phòng chống dịch Covid-19 hiệu quả.",
    "Phủ sóng 5G tại các khu dân cư.",
    "Khoản 3 Điều 12 Luật Ngân sách.",
    "Thủ tướng ký Quyết định 1234/QĐ-TTg.",
    "Tiêm chủng cho trẻ từ 18 tuổi đến 25 tuổi.",
    "Đạt chuẩn quốc gia mức độ 2 và cấp độ 3.",
    "Giá vàng 99,99 bình quân tháng 6.",
    "Cải tạo đường dây 110kV Bắc Giang.",
    "Khai trương CCN Hồ Sơn 1 và Na Dương 2.",
    "Tiếp công dân định kỳ vào ngày 01 và 16 hàng tháng.",
    "Thu phí tại bộ phận 1 cửa của phường.",
    "Cấp bản sao hộ tịch: 125; nhận cha, mẹ, con: 01.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_figures(sentence):
    assert figs(sentence) == [], [(f.text, f.value, f.unit) for f in figs(sentence)]


def test_real_figure_next_to_non_figures():
    text = "Theo Quyết định số 2273/QĐ-UBND ngày 20/10/2025, đã cấp 12 giấy phép xây dựng."
    assert [(f.value, f.unit) for f in figs(text)] == [(12, "giấy phép")]


def test_ambiguous_separator_is_flagged():
    out = figs("Sản lượng tăng 3.5% so với cùng kỳ.")
    assert out and "ambiguous_separator" in out[0].flags


def test_tile_is_not_a_scale():
    out = figs("Nộp ngân sách 12 tỷ đồng; tỷ lệ 45%.")
    assert [f.unit for f in out] == ["VND", "percent"]


# --------------------------------------------------------------------------- placement


def test_footnote_block_and_section():
    text = "Trong đó: 03 người bị thương."
    out = extract_figures(doc_of(text, kind="footnote", footnote=10))
    assert out[0].in_footnote and out[0].footnote == 10 and out[0].section == "II > 1"


def test_headings_are_skipped():
    text = "II. TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2025"
    assert extract_figures(doc_of(text, kind="heading")) == []


def test_sentence_and_ids():
    text = "Có 12 hộ. Có 12 hộ. Có 12 hộ và 12 hộ."
    out = figs(text)
    assert len(out) == 4
    assert out[0].sentence == "Có 12 hộ."
    assert out[1].sentence_start == text.index("Có 12 hộ.", 1)
    # identical sentences get distinct ids through the occurrence index
    assert len({f.figure_id for f in out}) == 4
    import hashlib

    digest = hashlib.sha1("Có 12 hộ.|12 hộ|1".encode()).hexdigest()[:10]
    assert out[1].figure_id == f"t.{digest}"
    assert all(f.figure_id.startswith("t.") and len(f.figure_id) == 12 for f in out)


def test_ids_are_stable_when_other_text_changes():
    a = figs("Mở đầu. Có 12 hộ được hỗ trợ.")[0]
    b = figs("Mở đầu khác hẳn, dài hơn. Có 12 hộ được hỗ trợ.")[0]
    assert a.figure_id == b.figure_id and a.start != b.start


def test_spans_index_document_text_with_offset_blocks():
    text = "I. KẾT QUẢ\n\nĐã tiếp nhận 2.081 hồ sơ.\n\n10 Trong đó 05 hồ sơ quá hạn."
    b0 = text.index("Đã")
    b1 = text.index("10 Trong")
    doc = Document(
        meta=DocumentMeta(document_id="d", file="d"),
        text=text,
        blocks=[
            Block(0, "heading", 0, 10, section="I"),
            Block(1, "paragraph", b0, b0 + len("Đã tiếp nhận 2.081 hồ sơ."), section="I"),
            Block(2, "footnote", b1, len(text), footnote=10),
        ],
    )
    out = extract_figures(doc)
    assert [(f.text, f.in_footnote) for f in out] == [("2.081 hồ sơ", False), ("05 hồ sơ", True)]


# --------------------------------------------------------------------------- properties

VI_CHARS = (
    "0123456789.,/%-–: ;()aăâđeêioôơuưyàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễ"
    "ìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ\n"
)
_WORD_LIST = (
    "tăng|giảm|đạt|bằng|khoảng|trên|triệu|tỷ|nghìn|đồng|hồ sơ|%|ha|so với cùng kỳ|kế hoạch|"
    "ngày|tháng|năm|số|/|-|=|(|)|;|.|,|Quyết định|lũy kế|ước|tính đến|điểm phần trăm|"
    "xếp thứ|tỷ lệ|Km|mốc|từ|đến|giảm còn|-|:|TH|đồng chí|Tam Thanh"
)
WORDS = st.sampled_from(_WORD_LIST.split("|"))
NUMS = st.builds(
    lambda a, b: f"{a:,}".replace(",", ".") + (f",{b}" if b else ""),
    st.integers(0, 10**9),
    st.integers(0, 99),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, NUMS, st.text(alphabet=VI_CHARS, max_size=8)), max_size=30))
def test_never_crashes_and_spans_hold(parts):
    text = " ".join(parts)
    for f in extract_figures(doc_of(text)):
        assert text[f.start : f.end] == f.text
        assert f.start < f.end
        assert f.value == f.value  # not NaN
        assert text[f.sentence_start : f.sentence_start + len(f.sentence)] == f.sentence


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_on_arbitrary_text(text):
    for f in extract_figures(doc_of(text)):
        assert text[f.start : f.end] == f.text


@given(st.integers(1, 10**7), st.sampled_from(["triệu đồng", "tỷ đồng", "ha", "hồ sơ"]))
def test_formatted_amount_round_trips_through_extraction(n, unit):
    from solieu.numbers import format_vi_number

    text = f"Kết quả đạt {format_vi_number(n)} {unit}."
    out = figs(text)
    scale = {"triệu đồng": 1e6, "tỷ đồng": 1e9}.get(unit, 1)
    assert len(out) == 1 and out[0].value == pytest.approx(n * scale)


# --------------------------------------------------------------------------- real reports


def _ingested(path: Path) -> Document:
    ingest = pytest.importorskip("solieu.ingest").ingest
    return ingest(
        path.read_text(encoding="utf-8"), DocumentMeta(document_id=path.stem, file=path.name)
    )


@pytest.mark.parametrize("path", sorted((ROOT / "sources").glob("*.txt")), ids=lambda p: p.stem)
def test_sources_extract_with_span_invariant(path):
    doc = _ingested(path)
    out = extract_figures(doc)
    for f in out:
        assert doc.text[f.start : f.end] == f.text
    ids = [f.figure_id for f in out]
    assert len(ids) == len(set(ids))
    if "chuong-trinh" not in path.stem:
        assert len(out) > 50
