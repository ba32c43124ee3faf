"""Build the bad-input corpus: the committed text cases plus generated binary ones.

Binary fixtures (PDF, DOCX, images, other encodings) are generated rather than committed so the
repository stays text-only and each fixture shows how it was made. Run by the tests; also by
hand: ``python tests/bad_inputs/make_corpus.py OUTDIR``.

``CASES`` is the single list of corpus files and the message each must get; README.md lists
the same (a test keeps them in sync).
"""

from __future__ import annotations

import datetime
import gzip
import io
import random
import shutil
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass
class Case:
    """One corpus file. stage: read (read_report refuses it), add (solieu add refuses it),
    catalog (load_catalog reports it), warn (reads, with a warning containing `expect`),
    good (must read fine)."""

    name: str
    stage: str
    expect: list[str]  # substrings (case-insensitive) the error message must contain
    where: str | None = None  # substring of InputError.where, when the place is known
    make: Callable[[Path], None] | None = None  # generator; None = committed file
    extra: list[str] = field(default_factory=list)  # companion files (catalog cases)
    loads: list[str] | None = None  # catalog: the ids that must still load beside the errors


# --------------------------------------------------------------------------- report texts

BODY = """\
I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
Ủy ban nhân dân {unit_lower} tập trung chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - xã hội
{period_text}, bảo đảm quốc phòng, an ninh trên địa bàn.
II. KẾT QUẢ THỰC HIỆN CÁC LĨNH VỰC
1. Tài chính, ngân sách
Tổng thu ngân sách nhà nước trên địa bàn lũy kế ước đạt {revenue} triệu đồng, đạt 47,5% dự toán
tỉnh giao, bằng 112,3% so với cùng kỳ năm trước.
2. Cải cách hành chính
Tiếp nhận 596 hồ sơ thủ tục hành chính; đã giải quyết 561 hồ sơ, trong đó giải quyết trước hạn
420 hồ sơ, đúng hạn 141 hồ sơ; đang giải quyết 35 hồ sơ.
3. Văn hóa - xã hội
Tổ chức tiếp 18 lượt công dân; tiếp nhận 12 đơn thư kiến nghị, phản ánh.
"""


def report_text(issuer: str, unit_lower: str, period_text: str, revenue: str = "5.120") -> str:
    """A short report in the seed reports' style, with the header they usually carry."""
    head = (
        f"ỦY BAN NHÂN DÂN\n{issuer}\nSố: 312/BC-UBND\n"
        f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        f"BÁO CÁO\nTình hình kinh tế - xã hội {period_text}\n\n"
    )
    return head + BODY.format(unit_lower=unit_lower, period_text=period_text, revenue=revenue)


GOOD_TEXT = report_text("PHƯỜNG TAM THANH", "phường", "tháng 10 năm 2025")
ENGLISH = (
    "Monthly report on the socio-economic situation, October 2025.\n"
    "Budget revenue reached 5,120 million dong, 47.5% of the provincial estimate.\n"
    "The ward received 596 administrative dossiers and resolved 561 of them.\n"
)
FRENCH = (
    "Rapport mensuel sur la situation économique et sociale, octobre 2025.\n"
    "Les recettes budgétaires ont atteint 5 120 millions de dongs, soit 47,5 % de la prévision.\n"
    "Le quartier a reçu 596 dossiers administratifs et en a traité 561, déjà réglés à l'été.\n"
)


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258: base letters with their own diacritics, tones as combining marks."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += (base + tone).encode("cp1258")
    return bytes(out)


# --------------------------------------------------------------------------- PDF / DOCX makers


def _pdf_canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    return c, A4


def make_valid_pdf(path: Path, text: str = GOOD_TEXT, *, footnote: bool = True) -> None:
    """Two pages: running header and page number on each, a footnote in small type under a rule
    at the bottom of page 1 (marker glued to its number, superscript), a signature timestamp."""
    c, (w, h) = _pdf_canvas(path)
    lines = text.strip("\n").split("\n")
    money = [i for i, ln in enumerate(lines) if "triệu đồng" in ln]
    half = money[0] + 2 if money else (len(lines) + 1) // 2
    for pageno, chunk in enumerate((lines[:half], lines[half:]), start=1):
        c.setFont("DejaVuSans", 9)
        c.drawString(72, h - 36, "UBND phường Tam Thanh - Báo cáo KT-XH tháng 10/2025")
        c.drawCentredString(w / 2, 30, str(pageno))
        y = h - 90
        for line in chunk:
            c.setFont("DejaVuSans", 13)
            if footnote and pageno == 1 and "triệu đồng" in line:
                head, tail = line.split("triệu đồng", 1)
                head += "triệu đồng"
                c.drawString(72, y, head)
                x = 72 + c.stringWidth(head, "DejaVuSans", 13)
                c.setFont("DejaVuSans", 8)
                c.drawString(x, y + 4, "1")  # superscript footnote marker
                c.setFont("DejaVuSans", 13)
                c.drawString(x + c.stringWidth("1", "DejaVuSans", 8), y, tail)
            else:
                c.drawString(72, y, line)
            y -= 20
        if footnote and pageno == 1:
            c.line(72, 110, 200, 110)
            c.setFont("DejaVuSans", 10)
            c.drawString(
                72, 95, "1 Tam Thanh (cũ): 3.100 triệu đồng; Hoàng Đồng: 2.020 triệu đồng."
            )
        if pageno == 1:  # a VGCA-style signature stamp in the top right corner
            c.setFont("DejaVuSans", 7)
            for k, stamp in enumerate(SIGNATURE_STAMP):
                c.drawString(400, h - 60 - 9 * k, stamp)
        if pageno == 2:
            c.setFont("DejaVuSans", 8)
            c.drawString(400, 140, "2025-11-05T09:38:36+0700")
        c.showPage()
    c.save()


SIGNATURE_STAMP = [
    "Người ký: Ủy ban Nhân dân phường Tam Thanh",
    "Email: tamthanh@langson.gov.vn",
    "Cơ quan: Tỉnh Lạng Sơn",
    "Thời gian ký: 05.11.2025 09:38:36 +07:00",
]


def make_image_only_pdf(path: Path) -> None:
    """A 'scanned' page: one raster image of text, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (600, 200), 255)
    draw = ImageDraw.Draw(img)
    for i in range(8):
        draw.rectangle([20, 20 + i * 22, 560 - i * 30, 32 + i * 22], fill=0)
    c, (w, h) = _pdf_canvas(path)
    c.drawImage(ImageReader(img), 50, h - 300, 500, 170)
    c.showPage()
    c.save()


def make_english_pdf(path: Path) -> None:
    c, (w, h) = _pdf_canvas(path)
    c.setFont("DejaVuSans", 12)
    for i, line in enumerate(ENGLISH.strip().split("\n") * 3):
        c.drawString(50, h - 80 - 18 * i, line)
    c.showPage()
    c.save()


def make_encrypted_pdf(path: Path) -> None:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("mat-khau", canPrint=0)
    c, (w, h) = _pdf_canvas(path)
    c._doc.encrypt = enc
    c.setFont("DejaVuSans", 12)
    c.drawString(50, h - 80, "Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2025")
    c.showPage()
    c.save()


def make_truncated_pdf(path: Path) -> None:
    tmp = path.with_suffix(".full")
    make_valid_pdf(tmp)
    data = tmp.read_bytes()
    tmp.unlink()
    path.write_bytes(data[: len(data) // 2])


def make_valid_docx(path: Path, text: str | None = None) -> None:
    """Paragraphs, a table and a real footnote (python-docx has no footnote API: we add the
    footnotes part by hand, as Word would write it)."""
    import docx

    text = text or report_text("THÀNH PHỐ LẠNG SƠN", "thành phố", "tháng 4 năm 2025")
    d = docx.Document()
    d.core_properties.created = datetime.datetime(2025, 5, 5)
    marker_done = False
    for line in text.strip("\n").split("\n"):
        p = d.add_paragraph()
        if not marker_done and "triệu đồng" in line:
            head, tail = line.split("triệu đồng", 1)
            p.add_run(head + "triệu đồng")
            add_footnote_reference(p, 2)
            p.add_run(tail)
            marker_done = True
        else:
            p.add_run(line)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Kết quả"
    table.cell(1, 0).text = "Hồ sơ tiếp nhận"
    table.cell(1, 1).text = "596 hồ sơ"
    add_footnotes(d, {2: ["Phường Đông Kinh: 1.200 triệu đồng; phường Vĩnh Trại: 950 triệu đồng."]})
    d.save(str(path))


def add_footnote_reference(paragraph, note_id: int) -> None:
    """A run calling footnote `note_id`, where Word puts one (the marker Word prints)."""
    from docx.oxml.ns import qn
    from lxml import etree

    ref = etree.SubElement(paragraph.add_run()._r, qn("w:footnoteReference"))
    ref.set(qn("w:id"), str(note_id))


def add_footnotes(d, notes: dict[int, list[str]]) -> None:
    """Word's footnotes part: the two separators, then each note's paragraphs, the first one
    opening with the note's reference mark (python-docx has no footnote API)."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:footnote w:id="{n}">'
        + "".join(
            "<w:p>"
            + ("<w:r><w:footnoteRef/></w:r>" if k == 0 else "")
            + f'<w:r><w:t xml:space="preserve">{" " if k == 0 else ""}{escape(t)}</w:t></w:r></w:p>'
            for k, t in enumerate(paras)
        )
        + "</w:footnote>"
        for n, paras in notes.items()
    )
    xml = (
        f'<w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>" + body + "</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml,
        d.part.package,
    )
    d.part.relate_to(part, RT.FOOTNOTES)


def add_list_numbering(d, levels: list[tuple[int, str, str]], num_id: str) -> None:
    """A multi-level list in the document's numbering part, as Word defines one: for each
    list level its number format and label text ("%1." = this level's number, then ".")."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, fmt, text in levels
    )
    root = d.part.numbering_part.element
    abstract = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'
    root.insert(0, parse_xml(abstract))
    num = f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
    root.append(parse_xml(num))


def number_paragraph(paragraph, ilvl: int, num_id: str) -> None:
    """Make a paragraph an item of list `num_id` at list level `ilvl` (Word prints its label)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    num_pr = (
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    paragraph._p.get_or_add_pPr().append(parse_xml(num_pr))


def make_xlsx_as_docx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo"
    wb.save(str(path))


def make_damaged_docx(path: Path) -> None:
    tmp = path.with_suffix(".full.docx")
    make_valid_docx(tmp)
    data = tmp.read_bytes()
    tmp.unlink()
    path.write_bytes(data[: len(data) // 3])


def _png(path: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, format="PNG")
    path.write_bytes(buf.getvalue())


def _jpeg(path: Path) -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 30, 200)).save(buf, format="JPEG")
    path.write_bytes(buf.getvalue())


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _random_binary(path: Path) -> None:
    rng = random.Random(5)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))


def _zip_other(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("bao-cao.txt", GOOD_TEXT)
    path.write_bytes(buf.getvalue())


def _duplicate(path: Path) -> None:
    shutil.copyfile(HERE.parents[1] / "sources" / "phuong-tam-thanh-2025-11-bao-cao.txt", path)


def _gzip(path: Path) -> None:
    path.write_bytes(gzip.compress(GOOD_TEXT.encode(), mtime=0))


# --------------------------------------------------------------------------- hostile inputs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rezip(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> None:
    """Rewrite the DOCX at `path` with some parts replaced or added (as a hand-made file)."""
    data = path.read_bytes()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, content in (add or {}).items():
            dst.writestr(name, content)


def docx_with(replace: dict[str, bytes], add: dict[str, bytes] | None = None):
    def make(path: Path) -> None:
        make_valid_docx(path)
        _rezip(path, replace, add)

    return make


def make_zip_bomb_docx(path: Path, mb: int = 30) -> None:
    """A valid DOCX whose document.xml is `mb` MB of blanks inside valid XML: it packs about
    1,000 times (a 1.5 GB part fits in 1.5 MB). Streamed, so it never sits in memory."""
    make_valid_docx(path)
    data = path.read_bytes()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            block = b" " * (1 << 20)
            for _ in range(mb):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")


def _many_parts(path: Path) -> None:
    make_valid_docx(path)
    _rezip(path, {}, {f"customXml/extra{i}.xml": b"<a/>" for i in range(1200)})


# External entity: would paste /etc/hostname into the footnote ("XXE").
XXE_FOOTNOTES = (
    '<?xml version="1.0"?><!DOCTYPE w:footnotes [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="2"><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
).encode()


def billion_laughs(root: str, inner: str) -> bytes:
    """Nine levels of ten entities: one `&l9;` would expand to a thousand million "lol"s."""
    ents = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{"".join(ents)}]>'
        f'<{root} xmlns:w="{W_NS}">{inner.replace("LOL", "&l9;")}</{root}>'
    ).encode()


def make_numbered_docx(path: Path, start: str, fmt: str = "upperRoman") -> None:
    """Headings numbered by Word (List Number), the list's start and format set by hand."""
    import docx
    import regex

    d = docx.Document()
    d.add_paragraph("BÁO CÁO tình hình kinh tế - xã hội tháng 10 năm 2025 của phường Tam Thanh")
    for line in GOOD_TEXT.split("\n")[10:]:
        if line.strip():
            d.add_paragraph(line, style="List Number")
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/numbering.xml").decode()
    xml = regex.sub(r'<w:start w:val="1"/>', f'<w:start w:val="{start}"/>', xml)
    xml = xml.replace('<w:numFmt w:val="decimal"/>', f'<w:numFmt w:val="{fmt}"/>')
    _rezip(path, {"word/numbering.xml": xml.encode()})


def make_rotated_pdf(path: Path) -> None:
    """The valid two-page report with /Rotate 90 on page 1 (shown sideways, text unchanged)."""
    from pypdf import PdfReader, PdfWriter

    tmp = path.with_suffix(".plain.pdf")
    make_valid_pdf(tmp)
    w = PdfWriter()
    for i, page in enumerate(PdfReader(tmp).pages):
        if i == 0:
            page.rotate(90)
        w.add_page(page)
    tmp.unlink()
    with path.open("wb") as fh:
        w.write(fh)


def two_column_lines(width: int = 42) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(GOOD_TEXT.split("\n")[8:]), width)


def make_two_column_pdf(path: Path) -> None:
    """A title over two columns of running text, set as a newsletter would."""
    c, (w, h) = _pdf_canvas(path)
    c.setFont("DejaVuSans", 13)
    c.drawCentredString(w / 2, h - 60, "BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 10 NĂM 2025")
    lines = two_column_lines()
    half = (len(lines) + 1) // 2
    c.setFont("DejaVuSans", 10)
    for i, line in enumerate(lines[:half]):
        c.drawString(50, h - 100 - 14 * i, line)
    for i, line in enumerate(lines[half:]):
        c.drawString(310, h - 100 - 14 * i, line)
    c.showPage()
    c.save()


def make_sideways_pdf(path: Path, angle: int = 90) -> None:
    """Text drawn turned by `angle` degrees (90, 180, 270) on an unrotated page: a table
    turned to fit, a page printed upside down."""
    c, (w, h) = _pdf_canvas(path)
    c.setFont("DejaVuSans", 12)
    c.translate(*{90: (80, 60), 180: (w - 60, 80), 270: (w - 80, h - 60)}[angle])
    c.rotate(angle)
    for i, line in enumerate(ln for ln in GOOD_TEXT.split("\n") if ln.strip()):
        c.drawString(0, -18 * i, line[:100])
    c.showPage()
    c.save()


def make_many_pages_pdf(path: Path, pages: int = 1001) -> None:
    c, (w, h) = _pdf_canvas(path)
    c.setFont("DejaVuSans", 12)
    for n in range(pages):
        c.drawString(72, h - 150, f"Trang {n + 1}: báo cáo tình hình kinh tế - xã hội")
        c.showPage()
    c.save()


def _text(text: str) -> Callable[[Path], None]:
    return lambda p: p.write_text(text, encoding="utf-8")


# ESC colour codes around a figure, a vertical tab (Word's manual line break) and a unit
# separator, as text pasted from a terminal or an old database export carries them.
CONTROL_TEXT = GOOD_TEXT.replace("5.120 triệu đồng", "\x1b[31m5.120\x1b[0m triệu đồng").replace(
    "Tiếp nhận 596", "Tiếp\x1fnhận\x0b596"
)
# A no-break space and a narrow no-break space as thousands separators.
NBSP_TEXT = GOOD_TEXT.replace("5.120 triệu", "5\u00a0120 triệu").replace(
    "596 hồ sơ thủ tục", "1\u202f596 hồ sơ thủ tục"
)
# A name that runs a command when pasted unquoted into a shell (mojibake inside, so that the
# message carries a fix command with the name in it).
INJECTION_NAME = "x'$(touch INJ)'.txt"


U8 = GOOD_TEXT.encode("utf-8")
# A line near the middle gets NUL bytes, as a bad copy from a fixed-width export leaves them.
_NUL = U8.replace("Tiếp nhận 596".encode(), b"Ti\x00\x00p nh\x00n 596")


CASES: list[Case] = [
    # ---- plain text, committed
    Case("empty.txt", "read", ["empty"]),
    Case("whitespace-only.txt", "read", ["only whitespace"]),
    Case("mojibake.txt", "read", ["mojibake", "ỦY BAN NHÂN DÂN"], where="line 1"),
    Case("mojibake-partial.txt", "read", ["mojibake"], where="line 10"),
    Case("english.txt", "read", ["no Vietnamese letters"]),
    Case("accents-stripped.txt", "read", ["no Vietnamese letters"]),
    Case("too-short.txt", "read", ["almost no words"]),
    Case("rtf.txt", "read", ["RTF"]),
    Case("html-page.txt", "read", ["HTML page"]),
    # ---- plain text, generated (other encodings and binaries)
    Case(
        "utf16le-bom.txt",
        "read",
        ["UTF-16-LE", "iconv"],
        make=_bytes(b"\xff\xfe" + GOOD_TEXT.encode("utf-16-le")),
    ),
    Case(
        "utf16be-bom.txt",
        "read",
        ["UTF-16-BE", "iconv"],
        make=_bytes(b"\xfe\xff" + GOOD_TEXT.encode("utf-16-be")),
    ),
    Case(
        "utf16le-nobom.txt",
        "read",
        ["UTF-16-LE", "without a byte-order mark"],
        make=_bytes(GOOD_TEXT.encode("utf-16-le")),
    ),
    Case(
        "utf16be-nobom.txt",
        "read",
        ["UTF-16-BE", "without a byte-order mark"],
        make=_bytes(GOOD_TEXT.encode("utf-16-be")),
    ),
    Case("utf32.txt", "read", ["UTF-32"], make=_bytes(GOOD_TEXT.encode("utf-32"))),
    Case(
        "windows-1258.txt",
        "read",
        ["not UTF-8", "WINDOWS-1258", "iconv -f WINDOWS-1258"],
        where="line 1",
        make=_bytes(cp1258(GOOD_TEXT)),
    ),
    Case(
        "windows-1252.txt",
        "read",
        ["not UTF-8", "WINDOWS-1252"],
        where="line 1",
        make=_bytes(FRENCH.encode("cp1252")),
    ),
    Case("nul-bytes.txt", "read", ["NUL byte"], where="line 18", make=_bytes(_NUL)),
    Case("binary.txt", "read", ["binary file"], make=_random_binary),
    Case("png-renamed.txt", "read", ["PNG image"], make=_png),
    Case("jpeg-renamed.pdf", "read", ["JPEG image"], make=_jpeg),
    Case("gzip.txt", "read", ["gzip"], make=_gzip),
    Case(
        "old-word.doc",
        "read",
        ["97-2003"],
        make=_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    ),
    # ---- PDF
    Case("truncated.pdf", "read", ["truncated"], make=make_truncated_pdf),
    Case("no-text-layer.pdf", "read", ["scanned PDF", "OCR"], make=make_image_only_pdf),
    Case("not-a-pdf.pdf", "read", ["not a PDF"], make=_bytes(U8)),
    Case(
        "damaged.pdf",
        "read",
        ["PDF"],
        make=_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n%%EOF\n"),
    ),
    Case("encrypted.pdf", "read", ["password"], make=make_encrypted_pdf),
    Case("english.pdf", "read", ["no Vietnamese letters"], make=make_english_pdf),
    # ---- DOCX
    Case("not-a-zip.docx", "read", ["not a DOCX"], make=_bytes(U8)),
    Case("xlsx-renamed.docx", "read", ["Excel workbook"], make=make_xlsx_as_docx),
    Case("zip-archive.docx", "read", ["ZIP archive"], make=_zip_other),
    Case("damaged.docx", "read", ["DOCX is damaged"], make=make_damaged_docx),
    # ---- solieu add (detection from the text)
    Case("unknown-unit.txt", "add", ["unit"]),
    Case("period-unreadable.txt", "add", ["period"]),
    Case("period-future.txt", "add", ["future"]),
    Case(
        "duplicate-of-source.txt",
        "add",
        ["already", "phuong-tam-thanh-2025-11-bao-cao"],
        make=_duplicate,
    ),
    # ---- the catalogue
    Case("catalog-invalid-yaml.yaml", "catalog", ["not valid YAML"], where="line"),
    Case(
        "catalog-missing-file.yaml",
        "catalog",
        ["does not exist", "bao-cao-da-xoa.txt"],
        where="field file",
    ),
    Case("catalog-not-a-list.yaml", "catalog", ["no `documents:` list"]),
    Case(
        "catalog-bad-fields.yaml",
        "catalog",
        [
            "missing field(s): period",
            "unknown kind",
            "YYYY-MM",
            "future",
            "unknown unit",
            "duplicate id",
        ],
    ),
    Case("catalog-duplicate-content.yaml", "catalog", ["same content"]),
    Case("catalog-bad-id-and-path.yaml", "catalog", ["not a valid id", "outside sources/"]),
    Case("catalog-bad-signed.yaml", "catalog", ["signed", "ISO date"], where="field signed"),
    Case(
        "catalog-wrong-types.yaml",
        "catalog",
        ["must be a text value, not a list", "not a mapping", "not True"],
        where="line 11, field unit_id",
        loads=["phuong-tam-thanh-2025-10-bao-cao"],
    ),
    Case(
        "catalog-impossible-date.yaml",
        "catalog",
        ["signed 2025-02-30 is not a date"],
        where="line 13, field signed",
        loads=["phuong-tam-thanh-2025-10-bao-cao"],
    ),
    Case(
        "catalog-not-a-report.yaml",
        "catalog",
        ["'.' is a folder", "the catalogue itself", "not a report (.yaml file)", "PNG image"],
        where="line 5, field file",
        loads=["ok-2025-10"],
    ),
    Case(
        "catalog-duplicate-keys.yaml",
        "catalog",
        ["field 'period' is given twice (lines 11 and 13)"],
        where="line 13, field period",
        loads=["phuong-tam-thanh-2025-10-bao-cao"],
    ),
    Case(
        "catalog-billion-laughs.yaml",
        "catalog",
        ["alias *a is not allowed"],
        where="line 17, field note",
        loads=["phuong-tam-thanh-2025-10-bao-cao"],
    ),
    Case(
        "catalog-out-of-range.yaml",
        "catalog",
        ["period 1999-10 is before 2000", "signed 1999-10-05 is before 2000", "U+001B"],
        where="line 5, field period",
        loads=["ok-2025-10", "before-it-existed"],
    ),
    # ---- hostile inputs (issue 8)
    Case("zip-bomb.docx", "read", ["packed", "zip bomb"], make=make_zip_bomb_docx),
    Case("zip-many-parts.docx", "read", ["parts", "zip bomb"], make=_many_parts),
    Case(
        "xxe-footnotes.docx",
        "read",
        ["word/footnotes.xml", "DTD", "XXE"],
        make=docx_with({"word/footnotes.xml": XXE_FOOTNOTES}),
    ),
    Case(
        "entity-bomb-document.docx",
        "read",
        ["word/document.xml", "DTD"],
        make=docx_with(
            {
                "word/document.xml": billion_laughs(
                    "w:document", "<w:body><w:p><w:r><w:t>LOL</w:t></w:r></w:p></w:body>"
                )
            }
        ),
    ),
    Case(
        "entity-bomb-numbering.docx",
        "read",
        ["word/numbering.xml", "DTD"],
        make=docx_with(
            {"word/numbering.xml": billion_laughs("w:numbering", "<w:num w:numId='LOL'/>")}
        ),
    ),
    Case(
        "not-xml-part.docx",
        "read",
        ["word/document.xml", "not well-formed"],
        make=docx_with({"word/document.xml": b"<w:document><w:body>"}),
    ),
    Case("too-many-pages.pdf", "read", ["1,001 pages", "max_pdf_pages"], make=make_many_pages_pdf),
    Case(
        INJECTION_NAME,
        "read",
        ["mojibake", "ftfy -o fixed.txt 'x'\"'\"'$(touch INJ)'\"'\"'.txt'"],
        make=_bytes(GOOD_TEXT.encode("utf-8").decode("cp1252", errors="replace").encode()),
    ),
    Case(
        "period-1999.txt",
        "add",
        ["before 2000"],
        make=_text(report_text("PHƯỜNG TAM THANH", "phường", "tháng 10 năm 1999")),
    ),
    # ---- read, with a warning naming the problem (and the page)
    Case("control-chars.txt", "warn", ["control character", "line 15"], make=_text(CONTROL_TEXT)),
    Case("rotated-page.pdf", "warn", ["page 1", "turned by 90"], make=make_rotated_pdf),
    Case("two-columns.pdf", "warn", ["page 1", "two columns"], make=make_two_column_pdf),
    Case("sideways-text.pdf", "warn", ["page 1", "turned by 90°"], make=make_sideways_pdf),
    Case(
        "numbering-huge-roman.docx",
        "warn",
        ["numbering", "2000000000"],
        make=lambda p: make_numbered_docx(p, "2000000000"),
    ),
    Case(
        "numbering-abc.docx",
        "warn",
        ["numbering", "'abc'"],
        make=lambda p: make_numbered_docx(p, "abc", "decimal"),
    ),
    # ---- must read fine
    Case("valid.pdf", "good", [], make=make_valid_pdf),
    Case("valid.docx", "good", [], make=make_valid_docx),
    Case("conflict-a.txt", "good", []),
    Case("conflict-b.txt", "good", []),
]


def build_corpus(out: Path) -> dict[str, Case]:
    """Write every corpus file into `out` (committed ones copied, binary ones generated)."""
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        target = out / case.name
        if case.make is not None:
            case.make(target)
        else:
            shutil.copyfile(HERE / case.name, target)
    return {c.name: c for c in CASES}


if __name__ == "__main__":
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs_out")
    build_corpus(dest)
    print(f"{len(CASES)} files in {dest}")
