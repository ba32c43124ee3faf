"""Stage 1 (ingest): paragraphs, footnotes, markers, outline and signature on the five seeds."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest
import regex as re
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.ingest import ingest
from solieu.model import Document, DocumentMeta, SourceBlock, SourceRef, to_jsonable

ROOT = Path(__file__).resolve().parents[1]
CATALOG = yaml.safe_load((ROOT / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
ENTRIES = {e["id"]: e for e in CATALOG["documents"]}

WARD_H1 = "phuong-tam-thanh-2025-h1-bao-cao"
WARD_11 = "phuong-tam-thanh-2025-11-bao-cao"
CITY_06 = "thanh-pho-lang-son-2025-06-bao-cao"
CITY_05 = "thanh-pho-lang-son-2025-05-chuong-trinh"
PROVINCE = "tinh-lang-son-2025-h1-bao-cao"

# Footnotes printed in each report (counted by reading the texts).
N_FOOTNOTES = {WARD_H1: 4, WARD_11: 11, CITY_06: 19, CITY_05: 1, PROVINCE: 70}


def _raw(doc_id: str) -> str:
    return (ROOT / "sources" / ENTRIES[doc_id]["file"]).read_text(encoding="utf-8")


def _ingest(doc_id: str) -> Document:
    return ingest(_raw(doc_id), DocumentMeta(document_id=doc_id, file=ENTRIES[doc_id]["file"]))


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {doc_id: _ingest(doc_id) for doc_id in ENTRIES}


def _body(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind != "footnote"]


def _block_with(doc: Document, needle: str):
    hits = [b for b in doc.blocks if needle in doc.text[b.start : b.end]]
    assert hits, f"{needle!r} not found in any block"
    return hits[0]


# ---------------------------------------------------------------------------------------------
# Invariants on all five sources


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_blocks_tile_the_text(docs, doc_id):
    doc = docs[doc_id]
    assert doc.blocks
    pieces = []
    prev_end = -2
    for i, b in enumerate(doc.blocks):
        assert b.index == i
        piece = doc.text[b.start : b.end]
        assert piece and piece == piece.strip(), b
        assert b.start == prev_end + 2
        prev_end = b.end
        pieces.append(piece)
    assert "\n\n".join(pieces) == doc.text
    assert "\n\n" not in "".join(pieces)


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_text_is_nfc_and_clean(docs, doc_id):
    text = docs[doc_id].text
    assert unicodedata.is_normalized("NFC", text)
    assert "\t" not in text and "\xa0" not in text and "  " not in text


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_footnotes_complete_and_after_body(docs, doc_id):
    doc = docs[doc_id]
    kinds = [b.kind for b in doc.blocks]
    first_note = kinds.index("footnote")
    assert all(k != "footnote" for k in kinds[:first_note])
    assert all(k == "footnote" for k in kinds[first_note:])
    numbers = [b.footnote for b in doc.blocks if b.kind == "footnote"]
    assert numbers == list(range(1, N_FOOTNOTES[doc_id] + 1))


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_every_footnote_linked_to_one_marker_in_order(docs, doc_id):
    doc = docs[doc_id]
    numbers = [r.number for r in doc.footnote_refs]
    assert numbers == list(range(1, N_FOOTNOTES[doc_id] + 1))  # in text order = number order
    for r in doc.footnote_refs:
        block = doc.blocks[r.block]
        assert block.kind != "footnote"
        assert block.start <= r.offset <= block.end
    note_sections = {b.footnote: b.section for b in doc.blocks if b.kind == "footnote"}
    for r in doc.footnote_refs:
        assert note_sections[r.number] == doc.blocks[r.block].section


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_no_glued_marker_left_in_body(docs, doc_id):
    """Digits glued to a word in the body are only units and road codes, never markers."""
    glued = set()
    for piece in _body(docs[doc_id]):
        glued |= {m.group(0) for m in re.finditer(r"[\p{L})”]+\d{1,2}(?![\d\p{L}])", piece)}
    assert glued <= {"m2", "m3", "Km18", "Km80"}


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_no_footnote_text_in_body(docs, doc_id):
    doc = docs[doc_id]
    body = "\n".join(_body(doc))
    for b in doc.blocks:
        if b.kind == "footnote":
            note = doc.text[b.start : b.end]
            assert note[:40] not in body, b.footnote
            assert len(note) > 10


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
def test_every_block_has_a_section_once_the_outline_starts(docs, doc_id):
    doc = docs[doc_id]
    first_label = next(i for i, b in enumerate(doc.blocks) if b.label)
    for b in doc.blocks[first_label:]:
        if b.kind != "footnote":
            assert b.section, b


def test_ingest_is_fast_and_deterministic():
    start = time.perf_counter()
    first = [_ingest(doc_id) for doc_id in sorted(ENTRIES)]
    assert time.perf_counter() - start < 1.0
    second = [_ingest(doc_id) for doc_id in sorted(ENTRIES)]
    dump = json.dumps(to_jsonable(first), ensure_ascii=False)
    assert dump == json.dumps(to_jsonable(second), ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Markers glued to words and numbers


@pytest.mark.parametrize(
    ("doc_id", "number", "before", "after"),
    [
        (PROVINCE, 28, "tương đối so với cùng kỳ năm 2024", ", cao hơn 7,7% điểm"),  # năm 202428
        (PROVINCE, 4, "tiêm phòng cho gia súc, gia cầm đợt 1 năm 2025", ". Tổng"),  # năm 20254
        (PROVINCE, 25, "giao thông nông thôn giai đoạn 2021 - 2025", "; Đề án"),  # 202525
        (PROVINCE, 27, "nhiệm kỳ 2025 - 2030", "."),  # 203027
        (PROVINCE, 55, "liên thông theo Đề án 06", ". Nền tảng"),  # Đề án 0655
        (PROVINCE, 30, "1.992,0 tỷ đồng, đạt 34,9%", "; giải ngân"),  # 34,9%30
        (WARD_H1, 1, "Tổng chi ngân sách là 8.086 triệu đồng", " đảm bảo"),  # triệu đồng1
        (WARD_H1, 2, "Tiếp nhận 111 hồ sơ cấp giấy CNQSD đất", ". Tiếp nhận"),  # CNQSD đất2
        (WARD_11, 4, "tổng số tiền 36.618.000đ", ". Kiểm tra"),  # 36.618.000đ4
        (WARD_11, 8, "3498 hồ sơ trực tuyến, 0 hồ sơ trực tiếp)", "; tổng số"),  # tiếp)8
        (CITY_06, 18, "đã tiếp được 41 lượt", "/60 công dân"),  # lượt18/60
        (CITY_06, 1, "tổng số tiền 5.185.225.000 đồng", "."),
        (CITY_06, 3, "điều chỉnh cục bộ quy hoạch chi tiết", "; Hoàn thành"),  # "chi tiết 3;"
    ],
)
def test_marker_removed_and_linked(docs, doc_id, number, before, after):
    doc = docs[doc_id]
    ref = next(r for r in doc.footnote_refs if r.number == number)
    assert doc.text[: ref.offset].endswith(before)
    assert doc.text[ref.offset :].startswith(after)


def test_spaced_marker_is_reported(docs):
    assert any("footnote 3" in w and "space" in w for w in docs[CITY_06].meta.warnings)
    assert not docs[PROVINCE].meta.warnings


def test_numbers_next_to_markers_are_intact(docs):
    text = docs[PROVINCE].text
    assert "năm 202428" not in text and "năm 2024, cao hơn" in text
    assert "1.073,664/1.763,814 tỷ đồng" in text
    ward = docs[WARD_H1].text
    assert "8.086 triệu đồng đảm bảo" in ward
    assert "106.220m2" in ward  # an exponent is not footnote 2


def test_body_line_starting_with_a_number_stays_in_body(docs):
    doc = docs[WARD_H1]
    block = _block_with(doc, "48 hộ khó khăn nhận quà")
    assert block.kind == "paragraph"


# ---------------------------------------------------------------------------------------------
# Footnote layout


def test_footnote_continues_over_a_page_break(docs):
    doc = docs[PROVINCE]
    note = next(b for b in doc.blocks if b.footnote == 15)
    text = doc.text[note.start : note.end]
    assert text.startswith("UBND tỉnh đã phối hợp")
    assert text.endswith("khu vực mốc 1088/2-1089 cửa khẩu quốc tế Hữu Nghị.")


def test_footnote_number_alone_on_its_line(docs):
    doc = docs[PROVINCE]
    notes = {b.footnote: doc.text[b.start : b.end] for b in doc.blocks if b.kind == "footnote"}
    assert notes[9].startswith("Kết quả Tết trồng cây")
    assert notes[16].startswith("Cụ thể: Xi măng: 608,97 nghìn tấn")
    assert notes[63].startswith("Tổng 1.539 công dân")  # "63Tổng" glued in the source


def test_footnote_with_lowercase_start(docs):
    doc = docs[WARD_H1]
    note = next(b for b in doc.blocks if b.footnote == 2)
    assert doc.text[note.start : note.end].startswith("trong đó có 78 hồ sơ")


# ---------------------------------------------------------------------------------------------
# Paragraphs


@pytest.mark.parametrize(
    ("doc_id", "joined"),
    [
        # body resumes mid-sentence after a page's footnotes
        (WARD_H1, "bảo vệ nguồn nước trong quá trình sinh hoạt, sản xuất"),
        (PROVINCE, "biên giới Việt Nam - Trung Quốc lần thứ 9. Bảo đảm an ninh"),
        (CITY_06, "Hoàn thành phê duyệt điều chỉnh Báo cáo KT-KT"),
        # page numbers ("9", "24") dropped between the lines they interrupt
        (WARD_H1, "các hộ dân đều đã xây dựng nhà ở và nhà tạm"),
        (PROVINCE, "công nhận thôn đặc biệt khó khăn"),
        # hyphenated ranges and codes split over two lines
        (WARD_H1, "nhiệm kỳ 2026-2031"),
        (WARD_H1, "Thông tư số 29/2024/TT-BGDĐT"),
        (WARD_11, "Kết luận số 76-KL/TW"),
        # a wrapped line starting with "- " is not a list item
        (WARD_H1, "Dự án Khách sạn - sân Golf Hoàng Đồng"),
    ],
)
def test_lines_rejoined(docs, doc_id, joined):
    block = _block_with(docs[doc_id], joined)
    assert block.kind == "paragraph"


def test_paragraph_counts_are_plausible(docs):
    for doc_id, doc in docs.items():
        paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
        lines = sum(1 for line in _raw(doc_id).splitlines() if line.strip())
        # several lines per paragraph, but never a whole section in one block
        assert lines / 12 < len(paragraphs) < lines / 2, doc_id


def test_bullets_are_separate_paragraphs(docs):
    doc = docs[WARD_H1]
    bullets = [b for b in doc.blocks if doc.text[b.start : b.end].startswith("- ")]
    assert len(bullets) == 12  # 6 under 2.1, 3 under 2.2.1, 3 under 2.2.2
    assert all(b.section.startswith("II > 2 > 2.") for b in bullets)


# ---------------------------------------------------------------------------------------------
# Outline


def test_province_outline(docs):
    doc = docs[PROVINCE]
    heads = {doc.text[b.start : b.end]: b for b in doc.blocks if b.kind == "heading"}
    assert heads["Phần I"].level == 1
    assert heads["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"].level == 2
    assert heads["1. Về phát triển kinh tế"].level == 3
    b = heads["1.6. Quản lý, điều hành ngân sách nhà nước"]
    assert (b.label, b.level, b.section) == ("1.6.", 4, "Phần I > II > 1 > 1.6")
    assert heads["Phần II"].section == "Phần II"
    revenue = _block_with(doc, "ước thực hiện 7.339,7 tỷ đồng")
    assert revenue.section == "Phần I > II > 1 > 1.6"


def test_wrapped_headings(docs):
    doc = docs[WARD_11]
    b = _block_with(doc, "II. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU")
    assert b.kind == "heading"
    assert doc.text[b.start : b.end].endswith("BẢO ĐẢM QUỐC PHÒNG, AN NINH")
    ward = docs[WARD_H1]
    b = _block_with(ward, "2. Công tác quản lý đô thị, đất đai")
    assert b.kind == "heading" and ward.text[b.start : b.end].endswith("đầu tư xây dựng cơ bản")


def test_letter_headings(docs):
    doc = docs[WARD_11]
    b = _block_with(doc, "a) Về sản xuất nông lâm nghiệp")
    assert (b.kind, b.label, b.level, b.section) == ("heading", "a)", 3, "II > 1 > a)")
    revenue = _block_with(doc, "52.035 triệu đồng")
    assert revenue.section == "II > 1 > e)"


def test_numbered_tasks_are_paragraphs(docs):
    doc = docs[PROVINCE]
    b = _block_with(doc, "1. Tiếp tục tập trung chỉ đạo thực hiện đồng bộ")
    assert b.kind == "paragraph" and b.label == "1."
    assert "Nghị quyết được Bộ Chính trị xác định" in doc.text[b.start : b.end]
    city = docs[CITY_06]
    b = _block_with(city, "1. Rà soát, hoàn thiện các văn bản")
    assert (b.kind, b.section) == ("paragraph", "III > 1")


# ---------------------------------------------------------------------------------------------
# Signature block


def test_signature_block_cut_and_recorded(docs):
    doc = docs[WARD_H1]
    assert doc.meta.detected["signer"] == "Vũ Hồng Trung"
    assert doc.meta.detected["signature_times"][0] == "2025-07-18T07:27:53+0700"
    for gone in ("Nơi nhận", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vũ Hồng Trung", "2025-07-18T"):
        assert gone not in doc.text
    assert docs[CITY_06].meta.detected["signer"] == "Nguyễn Văn Hạnh"
    assert docs[CITY_05].meta.detected["signer"] == "Hoàng Tuấn Anh"
    assert "Lưu: VT" not in docs[CITY_05].text
    assert docs[PROVINCE].meta.detected["signer"] is None
    last_body = [b for b in docs[PROVINCE].blocks if b.kind != "footnote"][-1]
    assert docs[PROVINCE].text[last_body.start : last_body.end].endswith("năm 2026./.")


# ---------------------------------------------------------------------------------------------
# Small synthetic texts and property tests


def _doc(raw: str) -> Document:
    return ingest(raw, DocumentMeta(document_id="t", file="t.txt"))


SEPARATOR = " " * 40  # the line of spaces before a page's footnotes


def test_synthetic_page_with_footnote():
    raw = (
        "I. KẾT QUẢ\n\n"
        "Tổng chi ngân sách là 8.086 triệu đồng1 đảm bảo đáp ứng các yêu cầu nhiệm\n\n"
        "vụ trong năm 20242 theo quy định của pháp luật và hướng dẫn của cấp trên trong\n\n"
        f"{SEPARATOR}\n1 Tam Thanh: 4.269,7 triệu đồng.\n2 Cùng kỳ năm 2024.\n"
        " quá trình thực hiện.\n"
    )
    doc = _doc(raw)
    body = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "paragraph"]
    assert body == [
        "Tổng chi ngân sách là 8.086 triệu đồng đảm bảo đáp ứng các yêu cầu nhiệm vụ trong năm"
        " 2024 theo quy định của pháp luật và hướng dẫn của cấp trên trong quá trình thực hiện."
    ]
    assert [(r.number, doc.text[r.offset - 4 : r.offset]) for r in doc.footnote_refs] == [
        (1, "đồng"),
        (2, "2024"),
    ]


def test_real_number_without_its_footnote_is_untouched():
    doc = _doc("Năm 202428 hộ dân. Diện tích 106.220m2 và 5 ha3.\n")
    assert "202428 hộ" in doc.text and "m2" in doc.text and "ha3" in doc.text
    assert doc.footnote_refs == []


_ALPHABET = st.sampled_from(
    list('abcđêôưăĐÀẢÃÁẠẰẮẲẴẶ0123456789.,;:-/()%"“” ')
    + [
        "\n",
        "\n\n",
        " " * 43 + "\n",
        "1 ",
        "2 ",
        "I. ",
        "1.1. ",
        "a) ",
        "- ",
        "Nơi nhận:\n",
        "CHỦ TỊCH\n",
        "năm 2024",
        "đồng1",
        "\t",
        "\xa0",
        "\r\n",
        "9\n",
        "2025-07-18T07:27:53+0700",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_ingest_never_crashes_and_spans_are_consistent(raw):
    doc = _doc(raw)
    assert "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks) == doc.text
    for b in doc.blocks:
        assert 0 <= b.start < b.end <= len(doc.text)
        assert doc.text[b.start : b.end].strip() == doc.text[b.start : b.end]
    for r in doc.footnote_refs:
        assert doc.blocks[r.block].start <= r.offset <= doc.blocks[r.block].end
    assert unicodedata.is_normalized("NFC", doc.text)


# ---------------------------------------------------------------------------------------------
# Other layouts of the same reports (DOCX paragraphs, PDF text without page indents)


def _paragraph_per_line(doc: Document, with_markers: bool) -> str:
    """The report as a DOCX reader gives it: one paragraph per line, notes after a separator."""
    refs = {r.offset: r.number for r in doc.footnote_refs} if with_markers else {}
    body = []
    for b in doc.blocks:
        if b.kind == "footnote":
            continue
        text, cuts = doc.text[b.start : b.end], sorted(o for o in refs if b.start <= o <= b.end)
        for o in reversed(cuts):
            text = text[: o - b.start] + str(refs[o]) + text[o - b.start :]
        body.append(text)
    notes = [f"{b.footnote} {doc.text[b.start : b.end]}" for b in doc.blocks if b.footnote]
    return "\n\n".join(body + [SEPARATOR] + notes) + "\n"


@pytest.mark.parametrize("doc_id", sorted(ENTRIES))
@pytest.mark.parametrize("with_markers", [True, False])
def test_paragraph_per_line_layout(docs, doc_id, with_markers):
    doc = docs[doc_id]
    again = _doc(_paragraph_per_line(doc, with_markers))
    assert _body(again) == _body(doc)  # no number is cut when its marker is missing
    assert len(again.footnote_refs) == (len(doc.footnote_refs) if with_markers else 0)


@pytest.mark.parametrize("doc_id", [WARD_H1, PROVINCE])
def test_pages_without_indent_still_give_every_footnote(doc_id):
    raw = "\n".join(line.lstrip() if line.strip() else line for line in _raw(doc_id).split("\n"))
    doc = _doc(raw)
    numbers = [b.footnote for b in doc.blocks if b.kind == "footnote"]
    assert numbers == list(range(1, N_FOOTNOTES[doc_id] + 1))
    assert len(doc.footnote_refs) >= 0.95 * N_FOOTNOTES[doc_id]


# ---------------------------------------------------------------------------------------------
# Documents whose reader kept the structure (PDF, DOCX): blocks and references as data


def _blocks(*specs: SourceBlock) -> Document:
    return ingest("", DocumentMeta(document_id="t", file="t.docx"), list(specs))


def _para(text: str, *refs: tuple[int, int], **kw) -> SourceBlock:
    return SourceBlock("paragraph", text, refs=[SourceRef(n, at) for n, at in refs], **kw)


def _note(n: int, text: str, **kw) -> SourceBlock:
    return SourceBlock("footnote", text, footnote=n, **kw)


def test_structured_references_stay_where_the_file_put_them():
    """Normalising a block (NFC, no-break spaces, line breaks, spaces) moves each reference
    along with the word it follows; a marker glued to a bare number is not part of it."""
    nfd = unicodedata.normalize("NFD", "Thu ngân sách đạt 5\u00a0120 triệu đồng")
    text = nfd + ", tiếp nhận 120 hồ sơ ,\ngiải quyết  118  hồ sơ trong năm 2021-\n2025."
    refs = (1, len(nfd)), (2, text.index(" hồ sơ ,")), (3, text.index(" hồ sơ trong") + 1)
    doc = _blocks(_para(text, *refs), _note(1, "a"), _note(2, "b"), _note(3, "c"))
    body = doc.text[: doc.blocks[0].end]
    assert body == (
        "Thu ngân sách đạt 5\u202f120 triệu đồng, tiếp nhận 120 hồ sơ , giải quyết 118 hồ sơ"
        " trong năm 2021-2025."
    )
    assert [(r.number, r.block) for r in doc.footnote_refs] == [(1, 0), (2, 0), (3, 0)]
    offsets = {r.number: r.offset for r in doc.footnote_refs}
    assert body[: offsets[1]].endswith("5\u202f120 triệu đồng")
    assert body[: offsets[2]].endswith("tiếp nhận 120")
    assert body[: offsets[3]].endswith("giải quyết 118")  # it stood after the space
    assert [doc.text[b.start : b.end] for b in doc.blocks[1:]] == ["a", "b", "c"]
    assert not doc.meta.warnings


def test_structured_outline_from_the_files_labels():
    """A list label the file gives is an outline label whatever the text after it; its style
    ranks it ("I." over "1." over "a)"); a style no pattern knows ranks below them all; a
    heading the file styles is a heading; footnotes take the section of their reference."""
    doc = _blocks(
        SourceBlock("heading", "Tình hình chung", level=1),
        SourceBlock("paragraph", "I. kết quả", label="I.", level=1),
        SourceBlock("paragraph", "1. kinh tế", label="1.", level=2),
        _para("Thu đạt 5.120 triệu đồng.", (1, 24)),
        SourceBlock("paragraph", "Điều 1. Phạm vi", label="Điều 1.", level=3),
        _para("Áp dụng cho 12 xã."),
        SourceBlock("paragraph", "2. văn hóa", label="2.", level=2),
        _para("Tiếp 18 lượt công dân."),
        _note(1, "Thu nội địa 4.000 triệu đồng."),
    )
    rows = [(doc.text[b.start : b.end], b.kind, b.label, b.section) for b in doc.blocks]
    assert rows == [
        ("Tình hình chung", "heading", None, ""),
        ("I. kết quả", "heading", "I.", "I"),
        ("1. kinh tế", "heading", "1.", "I > 1"),
        ("Thu đạt 5.120 triệu đồng.", "paragraph", None, "I > 1"),
        ("Điều 1. Phạm vi", "heading", "Điều 1.", "I > 1 > Điều 1"),
        ("Áp dụng cho 12 xã.", "paragraph", None, "I > 1 > Điều 1"),
        ("2. văn hóa", "heading", "2.", "I > 2"),
        ("Tiếp 18 lượt công dân.", "paragraph", None, "I > 2"),
        ("Thu nội địa 4.000 triệu đồng.", "footnote", None, "I > 1"),
    ]
    assert [b.level for b in doc.blocks if b.kind == "heading"] == [1, 2, 3, 4, 3]


def test_structured_signature_is_cut_and_recorded():
    doc = _blocks(
        _para("Tổng thu ngân sách đạt 5.120 triệu đồng."),
        _para("Tiếp nhận 120 hồ sơ."),
        _para("Giải quyết đúng hạn 118 hồ sơ."),
        _para("Tiếp 18 lượt công dân."),
        _para("Nơi nhận:"),
        _para("- Lưu: VT."),
        _para("CHỦ TỊCH"),
        _para("Nguyễn Văn An"),
        _para("2025-07-18T07:27:53+0700"),
    )
    assert "Nơi nhận" not in doc.text and "Nguyễn" not in doc.text
    assert doc.meta.detected["signer"] == "Nguyễn Văn An"
    assert doc.meta.detected["signature_times"] == ["2025-07-18T07:27:53+0700"]


def test_structured_unmarked_reference_is_searched_within_its_pages():
    """A PDF that does not raise its footnote numbers leaves them glued in the text: ingest
    finds them as on the text path, between the notes of the page before and the note's own
    page, and says so when a note's marker is not there."""
    doc = _blocks(
        _para("Thu ngân sách đạt 800 triệu đồng1, tăng 5%.", pages=[1]),
        _para("Chi ngân sách 600 triệu đồng3 và", (2, 8), pages=[2]),  # "2" is the file's
        _para("vốn đầu tư 300 tỷ đồng4.", pages=[3]),
        _note(1, "Thu nội địa.", pages=[1]),
        _note(2, "Chi thường xuyên.", pages=[2]),
        _note(3, "Chi đầu tư.", pages=[2]),
        _note(4, "Vốn tỉnh.", pages=[2]),  # its marker is only on page 3: not linked
    )
    linked = {r.number: doc.text[: r.offset] for r in doc.footnote_refs}
    assert sorted(linked) == [1, 2, 3]
    assert linked[1].endswith("800 triệu đồng")
    assert linked[2].endswith("Chi ngân")  # where the file put it
    assert linked[3].endswith("600 triệu đồng")
    assert "300 tỷ đồng4" in doc.text
    assert doc.meta.warnings == ["no marker found in the text for footnote 4"]


def test_structured_empty_and_footnote_only():
    assert _blocks().text == ""
    doc = _blocks(_note(1, "Chỉ có chú thích 12 hộ."))
    assert [b.kind for b in doc.blocks] == ["footnote"]
    assert doc.meta.warnings == ["no marker found in the text for footnote 1"]


_WORDS = st.sampled_from(
    [
        "Thu",
        "ngân sách",
        unicodedata.normalize("NFD", "đạt"),
        "5.120",
        "5\u00a0120",
        "triệu đồng",
        "120",
        "hồ sơ",
        "12,5%",
        "năm 2024",
        "I.",
        "1.",
        "a)",
        "-",
        "CHỦ TỊCH",
        "Nơi nhận:",
        "2021-",
        "\n",
        " ",
        "\u00ad",
        "\t",
        ".",
        ",",
    ]
)


@st.composite
def _source_blocks(draw) -> list[SourceBlock]:
    blocks: list[SourceBlock] = []
    numbers = iter(range(1, 1000))
    for _ in range(draw(st.integers(0, 6))):
        text = " ".join(draw(st.lists(_WORDS, max_size=14)))
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
        refs = [SourceRef(next(numbers), at) for at in cuts]
        label = draw(st.sampled_from([None, "I.", "1.", "a)", "Điều 1."]))
        kind = draw(st.sampled_from(["paragraph", "paragraph", "heading"]))
        lines = text.count("\n") + 1
        pages = draw(st.sampled_from([None, [1] * lines, [2] * lines]))
        text = f"{label} {text}" if label else text
        refs = [SourceRef(r.number, r.offset + (len(label) + 1 if label else 0)) for r in refs]
        blocks.append(SourceBlock(kind, text, label=label, level=1, refs=refs, pages=pages))
    n_notes = draw(st.integers(0, 4))
    for n in range(1, n_notes + 1):
        text = " ".join(draw(st.lists(_WORDS, min_size=1, max_size=6)))
        blocks.append(
            SourceBlock("footnote", text, footnote=n, pages=draw(st.sampled_from([None, [1]])))
        )
    return blocks


@settings(max_examples=200, deadline=None)
@given(_source_blocks())
def test_structured_ingest_keeps_every_invariant(blocks):
    from solieu.figures import extract_figures

    doc = ingest("", DocumentMeta(document_id="t", file="t.pdf"), blocks)
    assert "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks) == doc.text
    for i, b in enumerate(doc.blocks):
        piece = doc.text[b.start : b.end]
        assert b.index == i and piece and piece == piece.strip() and "\n" not in piece
    for r in doc.footnote_refs:
        assert doc.blocks[r.block].start <= r.offset <= doc.blocks[r.block].end
    assert unicodedata.is_normalized("NFC", doc.text)
    assert "\u00ad" not in doc.text and "\t" not in doc.text
    for f in extract_figures(doc):
        assert doc.text[f.start : f.end] == f.text


def test_a_text_with_one_paragraph_per_line_keeps_each_line_a_block():
    """A web page or a DOCX has no wrapped lines: a short title line is its own block even
    when its line is not much shorter than the others."""
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    long_line = "Tổng thu ngân sách đạt 120 tỷ đồng, " + "tăng so với cùng kỳ và đạt kế hoạch; " * 8
    raw = (
        f"Tình hình kinh tế - xã hội tháng 6 năm 2025\n\n{long_line.strip()}\n\nĐoạn thứ ba ngắn.\n"
    )
    doc = ingest(raw, DocumentMeta("t", "t"))
    texts = [doc.text[b.start : b.end] for b in doc.blocks]
    assert texts[0] == "Tình hình kinh tế - xã hội tháng 6 năm 2025"
    assert len(texts) == 3


def test_a_no_break_space_between_digit_groups_survives_ingest():
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    doc = ingest("Thu đạt 5\u00a0120 tỷ đồng,\u00a0tăng 3%.", DocumentMeta("t", "t"))
    assert "5\u202f120" in doc.text and "đồng, tăng" in doc.text
