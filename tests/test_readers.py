"""Stage 0: every bad file gets one clear message; good PDF/DOCX/text read as the seeds look."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.errors import InputError
from solieu.readers import decode_text, read_report, read_report_full

HERE = Path(__file__).resolve().parent
CORPUS_DIR = HERE / "bad_inputs"
sys.path.insert(0, str(CORPUS_DIR))
import make_corpus  # noqa: E402

READ_CASES = [c for c in make_corpus.CASES if c.stage == "read"]
WARN_CASES = [c for c in make_corpus.CASES if c.stage == "warn"]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bad_inputs")
    make_corpus.build_corpus(out)
    return out


def test_corpus_is_big_and_documented():
    bad = [c for c in make_corpus.CASES if c.stage != "good"]
    assert len(bad) >= 30
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    for case in make_corpus.CASES:
        assert f"`{case.name}`" in readme, f"{case.name} missing from README.md"
    committed = {p.name for p in CORPUS_DIR.iterdir() if p.is_file()} - {
        "README.md",
        "make_corpus.py",
    }
    named = {c.name for c in make_corpus.CASES if c.make is None}
    assert committed == named, "committed files and CASES disagree"


@pytest.mark.parametrize("case", READ_CASES, ids=[c.name for c in READ_CASES])
def test_bad_file_gets_a_clear_message(corpus, case):
    path = corpus / case.name
    with pytest.raises(InputError) as info:
        read_report(path)
    err = info.value
    message = str(err)
    assert case.name in message, "the message must name the file"
    for needle in case.expect:
        assert needle.lower() in message.lower(), (needle, message)
    assert err.hint, "the message must say what to do"
    if case.where:
        assert case.where in (err.where or ""), (case.where, err.where)


@pytest.mark.parametrize("case", WARN_CASES, ids=[c.name for c in WARN_CASES])
def test_suspect_file_reads_with_a_warning(corpus, case):
    result = read_report_full(corpus / case.name)
    said = "\n".join(result.warnings)
    for needle in case.expect:
        assert needle.lower() in said.lower(), (needle, result.warnings)
    assert "5.120" in result.text or "5120" in result.text


def test_seed_texts_read_unchanged(paths):
    for path in sorted(paths.sources.glob("*.txt")):
        assert read_report(path) == path.read_text(encoding="utf-8"), path.name


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + make_corpus.GOOD_TEXT.replace("\n", "\r\n").encode())
    text = read_report(p)
    assert text == make_corpus.GOOD_TEXT


def test_valid_pdf_reads_like_a_seed_text(corpus):
    result = read_report_full(corpus / "valid.pdf")
    text = result.text
    assert result.format == "pdf" and result.pages == 2
    lines = [ln.strip() for ln in text.split("\n")]
    # body kept, in order, one PDF line per line followed by a blank line (seed layout) ...
    assert "Tình hình kinh tế - xã hội tháng 10 năm 2025" in lines
    assert text.index("I. CÔNG TÁC") < text.index("2. Cải cách hành chính")
    raw = text.split("\n")
    assert raw[-1] == "" and all(ln.endswith(" ") for ln in raw[:-1] if ln)
    # ... except that a page's last line (here a footnote's) is followed directly by the next
    # page, whose first line is indented by one space, as in the seeds
    starts = [i for i, ln in enumerate(raw) if ln[:1] == " " and ln.strip()]
    assert len(starts) == 2 and starts[0] == 0 and raw[starts[1] - 1].strip()
    assert raw[0].startswith(" ỦY BAN NHÂN DÂN")
    blank_after = [raw[k + 1] == "" for k, ln in enumerate(raw[:-1]) if ln.strip()]
    assert blank_after.count(False) == 1  # the footnote's last line, before page 2
    # the superscript footnote marker stays glued to what it follows, as in the seeds
    assert "5.120 triệu đồng1, đạt 47,5%" in text
    # footnote after a line of spaces, starting with its number
    raw_lines = text.split("\n")
    sep = next(i for i, ln in enumerate(raw_lines) if ln and not ln.strip())
    assert raw_lines[sep + 1].startswith("1 Tam Thanh (cũ): 3.100 triệu đồng")
    # running header, page numbers and the signature timestamp are gone
    assert "Báo cáo KT-XH tháng 10/2025" not in text
    assert "2025-11-05T09:38:36" not in text
    for stamp in make_corpus.SIGNATURE_STAMP:
        assert stamp.split(":")[1].strip() not in text, stamp
    assert not any(ln in {"1", "2"} for ln in lines)
    assert any("running headers" in w for w in result.warnings)


def test_valid_docx_keeps_paragraphs_tables_and_footnotes(corpus):
    result = read_report_full(corpus / "valid.docx")
    text = result.text
    assert result.format == "docx"
    assert "Tình hình kinh tế - xã hội tháng 4 năm 2025" in text
    assert "5.120 triệu đồng1, đạt 47,5% dự toán" in text
    assert "Hồ sơ tiếp nhận | 596 hồ sơ" in text
    raw_lines = text.split("\n")
    sep = next(i for i, ln in enumerate(raw_lines) if ln and not ln.strip())
    assert raw_lines[sep + 2].startswith("1 Phường Đông Kinh: 1.200 triệu đồng")


def test_docx_without_footnotes_part_still_reads(tmp_path):
    import docx

    d = docx.Document()
    for line in make_corpus.GOOD_TEXT.split("\n"):
        d.add_paragraph(line)
    p = tmp_path / "plain.docx"
    d.save(str(p))
    assert "5.120 triệu đồng, đạt 47,5%" in read_report(p)


def test_pdf_with_one_scanned_page_warns(tmp_path):
    """A PDF with text on most pages but one image-only page: read, with a warning."""
    from pypdf import PdfReader, PdfWriter

    make_corpus.make_valid_pdf(tmp_path / "a.pdf")
    make_corpus.make_image_only_pdf(tmp_path / "b.pdf")
    w = PdfWriter()
    for name in ("a.pdf", "b.pdf"):
        for page in PdfReader(tmp_path / name).pages:
            w.add_page(page)
    out = tmp_path / "mixed.pdf"
    with out.open("wb") as fh:
        w.write(fh)
    result = read_report_full(out)
    assert any("page 3 has no text layer" in msg for msg in result.warnings)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_report(tmp_path / "khong-co.txt")
    with pytest.raises(InputError, match="folder"):
        read_report(tmp_path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_text_or_a_clear_error(data):
    try:
        text = decode_text(data, Path("x.txt"))
    except InputError as exc:
        assert exc.problem and exc.hint
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_arbitrary_unicode_text_never_crashes(text):
    try:
        decode_text(text.encode("utf-8"), Path("x.txt"))
    except InputError as exc:
        assert exc.problem


def test_small_numbered_lines_mid_page_are_not_footnotes(tmp_path):
    """A table row in small type, followed by body text, stays body; a run of small numbered
    lines ending the page without a rule is taken as footnotes."""
    path = tmp_path / "table.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    y = h - 80
    body = make_corpus.GOOD_TEXT.strip().split("\n")
    for line in body[:14]:
        c.setFont("DejaVuSans", 13)
        c.drawString(72, y, line)
        y -= 20
    c.setFont("DejaVuSans", 10)
    c.drawString(72, y, "1 Tam Thanh | 4.269,7 triệu đồng | 39,6%")
    y -= 20
    for line in body[14:]:
        c.setFont("DejaVuSans", 13)
        c.drawString(72, y, line)
        y -= 20
    c.setFont("DejaVuSans", 10)
    c.drawString(72, 90, "2 Số liệu ước tính đến ngày 25 tháng 10 năm 2025.")
    c.showPage()
    c.save()
    text = read_report(path)
    lines = text.split("\n")
    sep = next(i for i, ln in enumerate(lines) if ln and not ln.strip())
    assert "1 Tam Thanh | 4.269,7 triệu đồng" in "\n".join(lines[:sep])
    assert lines[sep + 1].startswith("2 Số liệu ước tính")


def test_docx_automatic_numbering_is_written_out(tmp_path):
    """Headings numbered by Word (not typed) still carry their labels for the ingest outline."""
    import docx

    d = docx.Document()
    d.add_paragraph("BÁO CÁO tình hình kinh tế - xã hội tháng 4 năm 2025")
    d.add_paragraph("Tài chính, ngân sách: thu đạt 5.120 triệu đồng", style="List Number")
    d.add_paragraph("Cải cách hành chính: tiếp nhận 596 hồ sơ", style="List Number")
    d.add_paragraph("trong đó trực tuyến 420 hồ sơ", style="List Bullet")
    d.add_paragraph("Văn hóa - xã hội: tiếp 18 lượt công dân", style="List Number")
    p = tmp_path / "numbered.docx"
    d.save(str(p))
    text = read_report(p)
    assert "1. Tài chính, ngân sách" in text
    assert "2. Cải cách hành chính" in text
    assert "- trong đó trực tuyến" in text
    assert "3. Văn hóa - xã hội" in text


def test_roman_and_letter_labels():
    from solieu.readers import _format_number

    assert [_format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == [
        "I",
        "IV",
        "IX",
        "XIV",
        "XL",
    ]
    assert _format_number(2, "lowerLetter") == "b" and _format_number(3, "decimal") == "3"


def test_seed_text_survives_a_round_trip_through_pdf(tmp_path, paths):
    """Print 300 lines of the province report into a paged PDF (page numbers, no footnotes):
    the reader gives back every line, in order, with nothing lost or invented."""
    seed = (paths.sources / "tinh-lang-son-2025-h1-bao-cao.txt").read_text(encoding="utf-8")
    lines = [" ".join(ln.split())[:110] for ln in seed.split("\n") if ln.strip()][:300]
    path = tmp_path / "tinh.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    y, page = h - 80, 1
    for ln in lines:
        if y < 80:
            c.setFont("DejaVuSans", 9)
            c.drawCentredString(w / 2, 30, str(page))
            c.showPage()
            y, page = h - 80, page + 1
        c.setFont("DejaVuSans", 11)
        c.drawString(50, y, ln)
        y -= 16
    c.showPage()
    c.save()
    result = read_report_full(path)
    got = [" ".join(ln.split()) for ln in result.text.split("\n") if ln.strip()]
    assert got == [ln.strip() for ln in lines]
    assert f"removed {page - 1} page numbers" in result.warnings


def test_docx_footnotes_stand_before_the_signature_block(tmp_path, monkeypatch):
    """Ingest cuts everything after "Nơi nhận:"; a DOCX's notes must not be cut with it."""
    import docx

    from solieu import readers
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    d = docx.Document()
    for text in [
        "BÁO CÁO",
        "Tình hình kinh tế - xã hội tháng 10 năm 2025",
        "I. KẾT QUẢ",
        "Tổng thu ngân sách nhà nước trên địa bàn đạt 1.234 triệu đồng, tăng 5% so với cùng kỳ.",
        "Tiếp nhận 120 hồ sơ thủ tục hành chính, đã giải quyết 118 hồ sơ.",
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "- Lưu: VT.",
        "CHỦ TỊCH",
    ]:
        d.add_paragraph(text)
    path = tmp_path / "bao-cao.docx"
    d.save(path)
    monkeypatch.setattr(
        readers, "_docx_footnotes", lambda *a: [(1, ["Trong đó thu thuế 800 triệu đồng."])]
    )
    text = readers.read_report(path)
    assert text.index("1 Trong đó thu thuế") < text.index("Nơi nhận")
    doc = ingest(text, DocumentMeta(document_id="t", file=str(path)))
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert len(notes) == 1 and "800 triệu đồng" in doc.text[notes[0].start : notes[0].end]
    assert "Nơi nhận" not in doc.text


# --------------------------------------------------------------------------- structure kept

OUTLINE = [(0, "upperRoman", "%1."), (1, "decimal", "%2."), (2, "lowerLetter", "%3)")]


def _docx_with_structure(path: Path) -> None:
    """A Word report with automatic outline numbering, a heading style, footnote references
    (one right after a bare number, two in one paragraph, one in a table cell), a note of two
    paragraphs and a signature block."""
    import docx

    d = docx.Document()
    make_corpus.add_list_numbering(d, OUTLINE, "91")

    def para(*parts: str | int, ilvl: int | None = None, style: str | None = None) -> None:
        p = d.add_paragraph(style=style)
        if ilvl is not None:
            make_corpus.number_paragraph(p, ilvl, "91")
        for part in parts:
            if isinstance(part, int):
                make_corpus.add_footnote_reference(p, part)
            else:
                p.add_run(part)

    para("BÁO CÁO")
    para("Tình hình chung", style="Heading 1")
    para("Kết quả thực hiện", ilvl=0)
    para("Kinh tế", ilvl=1)
    para("Thu ngân sách đạt 5.120 triệu đồng", 7, ", tăng 12% so với cùng kỳ.")
    para("Tiếp nhận 120", 3, " hồ sơ; giải quyết đúng hạn 118 hồ sơ", 5, ".")
    para("Trồng trọt", ilvl=2)
    para("Diện tích gieo trồng 1.250 ha, đạt 101,2% kế hoạch năm 2025", 9, ".")
    para("Văn hóa", ilvl=1)
    para("Xã hội", ilvl=0)
    para("Y tế", ilvl=1)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Lượt khách"
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("3.400 lượt")
    make_corpus.add_footnote_reference(cell, 11)
    for line in ("Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn An"):
        para(line)
    make_corpus.add_footnotes(
        d,
        {
            7: ["Thu nội địa 4.000 triệu đồng."],
            3: ["Trực tuyến 100 hồ sơ.", "Trực tiếp 20 hồ sơ."],
            5: ["Trễ hạn 2 hồ sơ."],
            9: ["Lúa 800 ha."],
            11: ["Khách quốc tế 400 lượt."],
        },
    )
    d.save(str(path))


def test_docx_structure_keeps_references_labels_and_notes(tmp_path):
    path = tmp_path / "cau-truc.docx"
    _docx_with_structure(path)
    result = read_report_full(path)
    blocks = result.structure
    assert blocks is not None
    body = [b for b in blocks if b.kind != "footnote"]
    notes = [b for b in blocks if b.kind == "footnote"]
    # Word's automatic labels, shown in front of the text, with their list level
    assert [(b.label, b.level, b.text) for b in body if b.label] == [
        ("I.", 1, "I. Kết quả thực hiện"),
        ("1.", 2, "1. Kinh tế"),
        ("a)", 3, "a) Trồng trọt"),
        ("2.", 2, "2. Văn hóa"),
        ("II.", 1, "II. Xã hội"),
        ("1.", 2, "1. Y tế"),
    ]
    heading = next(b for b in body if b.text == "Tình hình chung")
    assert (heading.kind, heading.level, heading.label) == ("heading", 1, None)
    # each reference stands where its run stood, numbered in the order Word numbers notes
    placed = [
        (r.number, b.text[: r.offset][-12:], b.text[r.offset :][:4]) for b in body for r in b.refs
    ]
    assert placed == [
        (1, "0 triệu đồng", ", tă"),
        (2, "iếp nhận 120", " hồ "),
        (3, "ạn 118 hồ sơ", "."),
        (4, "ạch năm 2025", "."),
        (5, "| 3.400 lượt", ""),
    ]
    assert [(b.footnote, b.text) for b in notes] == [
        (1, "Thu nội địa 4.000 triệu đồng."),
        (2, "Trực tuyến 100 hồ sơ.\nTrực tiếp 20 hồ sơ."),
        (3, "Trễ hạn 2 hồ sơ."),
        (4, "Lúa 800 ha."),
        (5, "Khách quốc tế 400 lượt."),
    ]
    # the text beside it keeps the seed layout (what `solieu add` stores): numbers glued
    assert "Tiếp nhận 1202 hồ sơ" in result.text and "3.400 lượt5" in result.text


def test_docx_structure_gives_exact_links_and_outline(tmp_path):
    """Ingested from the structure, a marker glued to a bare number is no part of it, every
    note is linked, and Word's labels are the outline (the text path guesses the first wrong:
    "1202 hồ sơ")."""
    from solieu.figures import extract_figures
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    path = tmp_path / "cau-truc.docx"
    _docx_with_structure(path)
    result = read_report_full(path)
    doc = ingest(result.text, DocumentMeta(document_id="t", file=str(path)), result.structure)
    assert not doc.meta.warnings
    before = {
        1: "5.120 triệu đồng",
        2: "Tiếp nhận 120",
        3: "đúng hạn 118 hồ sơ",
        4: "kế hoạch năm 2025",
        5: "Lượt khách | 3.400 lượt",
    }
    assert sorted(r.number for r in doc.footnote_refs) == sorted(before)
    for r in doc.footnote_refs:
        assert doc.text[: r.offset].endswith(before[r.number]), r
    sections = {doc.text[b.start : b.end]: (b.kind, b.section) for b in doc.blocks}
    assert sections["a) Trồng trọt"] == ("heading", "I > 1 > a)")
    assert (
        sections["Diện tích gieo trồng 1.250 ha, đạt 101,2% kế hoạch năm 2025."][1] == "I > 1 > a)"
    )
    assert sections["1. Y tế"] == ("heading", "II > 1")
    assert sections["Tình hình chung"][0] == "heading"
    assert "Nơi nhận" not in doc.text and doc.meta.detected["signer"] == "Nguyễn Văn An"
    figures = extract_figures(doc)
    assert all(doc.text[f.start : f.end] == f.text for f in figures)
    assert ("120 hồ sơ", 120.0) in [(f.text, f.value) for f in figures]
    assert not any(f.value == 1202 for f in figures)


def _pdf_page(
    c, lines: list[tuple[float, float, list[tuple[str, bool]]]], size: float = 12
) -> None:
    """Draw (x, y, runs) lines; a run marked True is a raised 7 pt number."""
    for x, y, runs in lines:
        for text, up in runs:
            c.setFont("DejaVuSans", 7 if up else size)
            c.drawString(x, y + (4 if up else 0), text)
            x += c.stringWidth(text, "DejaVuSans", 7 if up else size)


def test_pdf_raised_numbers_are_references_but_unit_exponents_stay(tmp_path):
    """A raised 2 after "m" is the square metre, not note 2; the raised 2 after a word, on
    the page that prints note 2, is its reference; a raised number no note on the page
    carries stays in the text."""
    path = tmp_path / "mu.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    body = make_corpus.GOOD_TEXT.strip().split("\n")
    lines = [(72, h - 80 - 18 * i, [(t, False)]) for i, t in enumerate(body)]
    y = h - 80 - 18 * len(body)
    lines += [
        (72, y, [("Nhà văn hóa rộng 250 m", False), ("2", True), (", xây mới", False)]),
        (72, y - 18, [("Thu ngân sách 800 triệu đồng", False), ("1", True), (".", False)]),
        (72, y - 36, [("Kè suối dài 40 m", False), ("9", True), (" và đường", False)]),
        (72, y - 54, [("Hồ sơ trực tuyến 420 hồ sơ", False), ("2", True), (".", False)]),
    ]
    _pdf_page(c, lines)
    c.line(72, 130, 200, 130)
    c.setFont("DejaVuSans", 9)
    c.drawString(72, 115, "1 Thu nội địa 600 triệu đồng.")
    c.drawString(72, 103, "2 Trực tiếp 176 hồ sơ.")
    c.showPage()
    c.save()
    result = read_report_full(path)
    blocks = result.structure or []
    texts = {b.text.replace("\n", " "): b for b in blocks if b.kind != "footnote"}
    assert "Nhà văn hóa rộng 250 m2, xây mới" in texts
    assert "Kè suối dài 40 m9 và đường" in texts
    money = texts["Thu ngân sách 800 triệu đồng."]
    assert [(r.number, r.offset) for r in money.refs] == [(1, len("Thu ngân sách 800 triệu đồng"))]
    files = texts["Hồ sơ trực tuyến 420 hồ sơ."]
    assert [(r.number, r.offset) for r in files.refs] == [(2, len("Hồ sơ trực tuyến 420 hồ sơ"))]
    assert [(b.footnote, b.text) for b in blocks if b.kind == "footnote"] == [
        (1, "Thu nội địa 600 triệu đồng."),
        (2, "Trực tiếp 176 hồ sơ."),
    ]


def test_pdf_paragraphs_come_from_the_geometry(tmp_path):
    """Indented first lines and lines ending short of the right edge make the paragraphs: a
    line that ends a sentence at the right edge runs on (the text path would break it), a
    short line ends its paragraph even when the next starts in lower case, a paragraph runs
    on across a page break, and a centred title is a block of its own."""
    path = tmp_path / "doan.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    left, right, size = 72.0, w - 72.0, 12

    def justified(x: float, y: float, text: str) -> None:
        words = text.split(" ")
        natural = sum(c.stringWidth(t, "DejaVuSans", size) for t in words)
        gap = (right - x - natural) / (len(words) - 1)
        c.setFont("DejaVuSans", size)
        for word in words:
            c.drawString(x, y, word)
            x += c.stringWidth(word, "DejaVuSans", size) + gap

    def plain(x: float, y: float, text: str) -> None:
        c.setFont("DejaVuSans", size)
        c.drawString(x, y, text)

    c.setFont("DejaVuSans", size)
    title = "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI"
    c.drawCentredString(w / 2, h - 80, title)
    y = h - 110
    justified(left + 30, y, "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 5.120 triệu đồng.")
    justified(left, y - 16, "Trong đó thu nội địa ước đạt 4.300 triệu đồng, bằng 84% tổng thu và")
    plain(left, y - 32, "tăng 6% so với cùng kỳ năm trước.")
    plain(left, y - 48, "các khoản thu khác đạt 820 triệu đồng.")
    justified(left + 30, y - 64, "Tiếp nhận 596 hồ sơ thủ tục hành chính, trong đó hồ sơ trực")
    c.showPage()
    plain(left, h - 80, "tuyến 420 hồ sơ, đạt 70,5%; giải quyết đúng hạn 561 hồ sơ.")
    plain(left + 30, h - 96, "Tổ chức tiếp 18 lượt công dân trong tháng, tiếp nhận 12 đơn thư.")
    c.showPage()
    c.save()
    blocks = [b.text.replace("\n", " ") for b in read_report_full(path).structure or []]
    assert blocks == [
        title,
        "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 5.120 triệu đồng. Trong đó thu nội "
        "địa ước đạt 4.300 triệu đồng, bằng 84% tổng thu và tăng 6% so với cùng kỳ năm trước.",
        "các khoản thu khác đạt 820 triệu đồng.",
        "Tiếp nhận 596 hồ sơ thủ tục hành chính, trong đó hồ sơ trực tuyến 420 hồ sơ, đạt "
        "70,5%; giải quyết đúng hạn 561 hồ sơ.",
        "Tổ chức tiếp 18 lượt công dân trong tháng, tiếp nhận 12 đơn thư.",
    ]


def test_plain_text_has_no_structure(paths):
    path = sorted(paths.sources.glob("*.txt"))[0]
    assert read_report_full(path).structure is None


def test_control_characters_leave_references_in_place():
    """Removing control characters from a block moves its references along with the text."""
    from solieu.model import SourceBlock, SourceRef
    from solieu.readers import _without_controls

    text = "Thu\x1b[31m đạt 5.120\x07 triệu đồng\u2028tăng 12%"
    block = SourceBlock("paragraph", text, refs=[SourceRef(1, text.index("\u2028"))], pages=[1])
    clean = _without_controls(block)
    assert clean.text == "Thu đạt 5.120 triệu đồng\ntăng 12%"
    assert clean.text[: clean.refs[0].offset].endswith("triệu đồng")
    assert clean.pages is None  # a line break was added: the page of each line is unknown


def test_pdf_note_numbers_printed_raised_start_their_notes(tmp_path):
    """Word prints a note's own number raised; the note may then start in lower case or with a
    figure, which a plain "number then capital" rule would take for a continued note."""
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    path = tmp_path / "chu-thich.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    body = make_corpus.GOOD_TEXT.strip().split("\n")
    lines = [(72, h - 80 - 18 * i, [(t, False)]) for i, t in enumerate(body)]
    y = h - 80 - 18 * len(body)
    lines += [
        (72, y, [("Thu ngân sách 800 triệu đồng", False), ("1", True), (".", False)]),
        (72, y - 18, [("Hồ sơ trực tuyến 420 hồ sơ", False), ("2", True), (".", False)]),
    ]
    _pdf_page(c, lines)
    c.line(72, 130, 200, 130)
    _pdf_page(
        c,
        [
            (72, 115, [("1", True), ("trong đó thu nội địa 600 triệu đồng.", False)]),
            (72, 103, [("2", True), ("12 hồ sơ nộp qua dịch vụ bưu chính.", False)]),
        ],
        size=9,
    )
    c.showPage()
    c.save()
    result = read_report_full(path)
    notes = [(b.footnote, b.text) for b in result.structure or [] if b.kind == "footnote"]
    assert notes == [
        (1, "trong đó thu nội địa 600 triệu đồng."),
        (2, "12 hồ sơ nộp qua dịch vụ bưu chính."),
    ]
    assert "\n1 trong đó thu nội địa" in result.text and "\n2 12 hồ sơ nộp" in result.text
    for structure in (result.structure, None):
        doc = ingest(result.text, DocumentMeta(document_id="t", file="t.pdf"), structure)
        assert [b.footnote for b in doc.blocks if b.kind == "footnote"] == [1, 2]
        assert sorted(r.number for r in doc.footnote_refs) == [1, 2]
