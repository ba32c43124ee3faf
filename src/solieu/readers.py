"""Stage 0: turn a report file (plain text, PDF or DOCX) into text, or say exactly why not.

Reports reach the maintainer as signed PDFs, Word files or text pasted from them, and many of
those files are broken in ways that would silently corrupt the figures: the wrong encoding,
UTF-8 decoded twice, a scanned PDF without a text layer, a truncated download. Every such
problem raises one :class:`~solieu.errors.InputError` that names the file, the line when known
and what to do, so the build can skip that report and tell the maintainer.

A PDF or DOCX reader also knows the file's structure: which lines are one paragraph (PDF
geometry: indentation, line ends, spacing; DOCX paragraphs), which are footnotes and which
raised number or ``w:footnoteReference`` calls which note, Word's list labels and heading
levels. That goes to ingest as data (:attr:`ReadResult.structure`, a list of
:class:`~solieu.model.SourceBlock`), so nothing has to be guessed back.

The text we return beside it follows the layout of the seed texts, which is what `solieu add`
stores in ``sources/`` and what the ingest stage reads from a text file: one PDF line per line,
each ending with a space and followed by a blank line; a page's footnotes after a line of
spaces, each starting with its number; the first line of every page indented by one space
(ingest's signal that a page's footnotes have ended and the body resumes); footnote markers
glued to the word they follow ("đồng1").
"""

from __future__ import annotations

import dataclasses
import math
import shlex
import stat
import statistics
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex as re

from solieu.errors import InputError
from solieu.model import SourceBlock, SourceRef
from solieu.paths import DATA_DIR, load_data

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = "plain text (UTF-8), PDF with a text layer, or DOCX"

# Magic numbers of files that are not reports at all: (prefix, what it is, what to do).
_MAGIC: list[tuple[bytes, str, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a report text", "give the PDF or DOCX of the report"),
    (b"\xff\xd8\xff", "a JPEG image, not a report text", "give the PDF or DOCX of the report"),
    (b"GIF87a", "a GIF image, not a report text", "give the PDF or DOCX of the report"),
    (b"GIF89a", "a GIF image, not a report text", "give the PDF or DOCX of the report"),
    (b"II*\x00", "a TIFF image (a scan), not a report text", "give the PDF with a text layer"),
    (b"MM\x00*", "a TIFF image (a scan), not a report text", "give the PDF with a text layer"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Word/Excel 97-2003 file (.doc/.xls)",
        "open it in Word or LibreOffice and save it as .docx or PDF",
    ),
    (b"{\\rtf", "an RTF document", "save it as .docx, PDF or UTF-8 text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and add the report inside"),
    (b"Rar!", "a RAR archive", "unpack it and add the report inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and add the report inside"),
    (b"\x7fELF", "a program, not a report", "give the report's PDF, DOCX or text"),
    (b"MZ", "a Windows program, not a report", "give the report's PDF, DOCX or text"),
]
_BOMS: list[tuple[bytes, str]] = [
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
]
_CONTROL = bytes([*range(0, 9), 11, *range(14, 32), 127])
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@dataclass
class ReadResult:
    """The text of a report and what the reader noticed on the way (shown, not fatal)."""

    text: str
    format: str  # text | pdf | docx
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    # The blocks and footnote references of a PDF or DOCX; None for a plain text, which
    # ingest reads by its layout.
    structure: list[SourceBlock] | None = None


@cache
def _rules() -> dict[str, Any]:
    return load_data(DATA_DIR / "readers.yaml")


def limit(name: str) -> int:
    """One of the bounds in readers.yaml `limits:` (file size, pages, characters, DOCX zip)."""
    return int(_rules()["limits"][name])


def shell_name(file: Path | str) -> str:
    """A file name as it must appear in a suggested command: quoted for the shell.

    A name like ``x'$(touch INJ)'.txt`` pasted unquoted (or naively single-quoted) into a fix
    hint would run its command substitution when the maintainer copies the hint.
    """
    return shlex.quote(Path(file).name)


def _hint(encoding: str, file: Path) -> str:
    hints = _rules()["encoding_hints"]
    tmpl = hints.get(encoding, hints["OTHER"])
    return " ".join(tmpl.split()).format(file=shell_name(file), encoding=shlex.quote(encoding))


def read_report(path: Path) -> str:
    """Return the report's text; raise InputError naming the file and the problem."""
    return read_report_full(path).text


def read_report_full(path: Path) -> ReadResult:
    """Like :func:`read_report`, plus the format and the reader's warnings."""
    path = Path(path)
    data = read_bounded(path)
    result = _read_by_kind(path, data)
    text, removed = strip_controls(result.text)
    if removed:
        result.text = text
        result.warnings.append(removed)
        if result.structure is not None:
            result.structure = [_without_controls(b) for b in result.structure]
    if len(result.text) > limit("max_chars"):
        raise _too_many_chars(path, len(result.text))
    return result


def _too_many_chars(path: Path, n: int, where: str | None = None) -> InputError:
    return InputError(
        path,
        f"the report text is over {limit('max_chars'):,} characters ({n:,} so far); "
        "a report is rarely over 500,000",
        where=where,
        hint="check that this is one report and not a compilation; split it, or raise "
        "limits.max_chars in src/solieu/data/readers.yaml",
    )


def read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is over the size limit.

    A device or pipe (/dev/zero) has no size and would be read forever; a file over the limit
    is refused before it is read, not after it filled the memory.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(
            path, "file not found", hint="check the path or the catalogue's file field"
        ) from None
    except OSError as exc:
        raise InputError(
            path, f"cannot be read: {exc.strerror}", hint="check its permissions"
        ) from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a folder, not a file", hint=f"give a report file: {SUPPORTED}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            path,
            "is not a regular file (a device, pipe or socket)",
            hint=f"give a report file: {SUPPORTED}",
        )
    max_bytes = limit("max_file_mb") * 1_000_000
    if st.st_size > max_bytes:
        raise _too_big(path, st.st_size)
    chunks: list[bytes] = []
    size = 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:  # it grew while we looked
                    raise _too_big(path, size)
    except OSError as exc:
        raise InputError(
            path, f"cannot be read: {exc.strerror}", hint="check its permissions"
        ) from exc
    data = b"".join(chunks)
    if not data:
        raise InputError(
            path,
            "the file is empty (0 bytes)",
            hint="copy the report again; the download or export failed",
        )
    return data


def _too_big(path: Path, size: int) -> InputError:
    return InputError(
        path,
        f"the file is {size / 1e6:,.1f} MB; solieu reads reports up to {limit('max_file_mb')} MB",
        hint="check that it is the right file (a report is rarely over 10 MB; a scan with "
        "large images can be compressed, e.g. ocrmypdf --optimize 3); or raise "
        "limits.max_file_mb in src/solieu/data/readers.yaml",
    )


def _read_by_kind(path: Path, data: bytes) -> ReadResult:
    suffix = path.suffix.lower()
    kind = sniff(data)
    if kind == "pdf":
        return read_pdf(path, data)
    if kind == "zip":
        return read_docx(path, data)
    for magic, what, todo in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"this is {what}", hint=todo)
    if suffix in PDF_SUFFIXES:
        raise InputError(
            path,
            "named .pdf but is not a PDF (it does not start with %PDF)",
            hint="download the PDF again, or rename the file to its real type",
        )
    if suffix in DOCX_SUFFIXES:
        raise InputError(
            path,
            "named .docx but is not a DOCX (a DOCX is a ZIP file; this is not)",
            hint="open it in Word or LibreOffice and save it as .docx again, or give the PDF",
        )
    if re.match(rb"\s*(<!doctype html|<html)", data[:512].lstrip(b"\xef\xbb\xbf").lower()):
        raise InputError(
            path,
            "this is an HTML page, not the report",
            hint="download the report's PDF or DOCX from the page instead",
        )
    return ReadResult(text=decode_text(data, path), format="text")


def not_a_report(head: bytes) -> str | None:
    """What a file is when its first bytes show it is no report (image, archive, program)."""
    for magic, what, _ in _MAGIC:
        if head.startswith(magic):
            return what
    return None


# --------------------------------------------------------------------------- control characters

# Escape sequences (ESC [ ... m colours, cursor moves) go whole: removing only ESC would leave
# "[31m" in a published quote.
_ESCAPE_SEQ = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
# Line and page breaks in other clothes: Word's manual line break (VT), pdftotext's page break
# (FF), the Unicode line and paragraph separators. Dropping them would glue two words together.
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Every other C0 and C1 control except tab and newline: invisible in a quote, refused by the
# XLSX format (not allowed in its XML), and able to recolour a maintainer's terminal.
# The unit separator (US) stood between two fields, so it becomes a space; the others go.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def _dropped(m: re.Match[str]) -> str:
    return " " if m.group() == "\x1f" else ""


def strip_controls(text: str) -> tuple[str, str | None]:
    """Remove control characters (keep tab and newline); say what was removed and where.

    Removed rather than refused: they carry no text, and a report should not be lost to an
    invisible character. The warning names the first line so the maintainer can look.
    """
    seqs = [m.start() for m in _ESCAPE_SEQ.finditer(text)]
    without_seqs = _ESCAPE_SEQ.sub("", text) if seqs else text
    counts = Counter(f"U+{ord(ch):04X}" for ch in _CONTROLS.findall(without_seqs))
    if seqs:
        counts["escape sequence"] = len(seqs)
    cleaned = _BREAKS.sub("\n", _CONTROLS.sub(_dropped, without_seqs))
    if not counts:
        return cleaned, None  # at most line breaks, now plain newlines: nothing lost
    first = min([*seqs[:1], *(m.start() for m in [_CONTROLS.search(text)] if m)])
    listing = ", ".join(f"{what} ×{n}" for what, n in sorted(counts.items()))
    return cleaned, (
        f"removed {sum(counts.values())} control character(s) or escape sequence(s) "
        f"({listing}), the first on line {text.count(chr(10), 0, first) + 1}; "
        "check the text there"
    )


def _without_controls(block: SourceBlock) -> SourceBlock:
    """A block with control characters removed, its footnote references kept in place.

    The text between two references is cleaned on its own, so each reference still stands
    where its marker stood.
    """
    ordered = sorted(block.refs, key=lambda r: r.offset)
    cuts = [r.offset for r in ordered]
    pieces = [
        strip_controls(block.text[a:b])[0]
        for a, b in zip([0, *cuts], [*cuts, len(block.text)], strict=True)
    ]
    refs, at = [], 0
    for ref, piece in zip(ordered, pieces, strict=False):
        at += len(piece)
        refs.append(SourceRef(ref.number, at))
    text = "".join(pieces)
    pages = block.pages
    if pages is not None and len(pages) != text.count("\n") + 1:
        pages = None  # a line break was added or removed: the page of each line is unknown
    return dataclasses.replace(block, text=text, refs=refs, pages=pages)


def sniff(data: bytes) -> str:
    """The container format by magic number: pdf, zip or other (extensions lie)."""
    head = data[:1024].lstrip(b"\x00\t\r\n ")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    return "other"


# --------------------------------------------------------------------------- plain text


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows as a zero byte in every other position for Latin letters."""
    sample = data[:8192]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.3 and z_even < 0.05:
        return "UTF-16-LE"
    if z_even > 0.3 and z_odd < 0.05:
        return "UTF-16-BE"
    return None


def decode_text(data: bytes, file: Path) -> str:
    """Decode a plain-text report as UTF-8 and check that it is a Vietnamese text.

    Why so strict: a text in another encoding decodes "successfully" into nonsense in many
    codecs, and a number glued to a garbled word is a figure with the wrong meaning.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, enc in _BOMS:
        if data.startswith(bom):
            raise InputError(
                file,
                f"the text is in {enc} (byte-order mark at the start), not UTF-8",
                where="line 1",
                hint=_hint(enc, file),
            )
    enc16 = _utf16_without_bom(data)
    if enc16:
        raise InputError(
            file,
            f"the text looks like {enc16} without a byte-order mark, not UTF-8 "
            "(every other byte is zero)",
            where="line 1",
            hint=_hint(enc16, file),
        )
    sample = data[:65536]
    n_control = len(sample) - len(sample.translate(None, _CONTROL))  # deleted: the controls
    if n_control > max(8, len(sample) // 50):
        raise InputError(
            file,
            f"this is a binary file, not text ({n_control} control bytes in the "
            f"first {len(sample)} bytes)",
            hint=f"give the report as {SUPPORTED}",
        )
    if b"\x00" in data:
        first, n_nul = data.index(b"\x00"), data.count(b"\x00")
        raise InputError(
            file,
            f"the text contains {n_nul} NUL byte(s)",
            where=f"line {_line_of(data, first)}",
            hint=f"remove them: tr -d '\\000' < {shell_name(file)} > fixed.txt, "
            "then check the text around that line",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        enc = guess_encoding(data)
        raise InputError(
            file,
            f"the text is not UTF-8; it looks like {enc} "
            f"(byte 0x{data[exc.start]:02X} at offset {exc.start})",
            where=f"line {_line_of(data, exc.start)}",
            hint=_hint(enc, file),
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(text, file)
    return text


def guess_encoding(data: bytes) -> str:
    """Name the 8-bit encoding of a non-UTF-8 text, preferring the Vietnamese one."""
    rules = _rules()
    cp1258 = data.decode("cp1258", errors="replace")
    nfc = unicodedata.normalize("NFC", cp1258)
    n_tone = sum(1 for ch in cp1258 if ch in _TONE_MARKS)
    n_viet = sum(1 for ch in nfc if ch in rules["vietnamese_only"])
    letters = sum(1 for ch in nfc if ch.isalpha()) or 1
    if (n_tone + n_viet) / letters > 0.01:
        return "WINDOWS-1258"
    try:
        data.decode("cp1252")
        return "WINDOWS-1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # noqa: BLE001 - a guess only improves the message
        best = None
    name = (best.encoding if best else "cp1252").upper().replace("_", "-")
    if name in {
        "CP1252",
        "WINDOWS-1252",
        "LATIN-1",
        "ISO-8859-1",
        "ISO8859-1",
        "CP1250",
        "ISO-8859-15",
        "MAC-ROMAN",
    }:
        return "WINDOWS-1252"
    return name


def _vietnamese_share(text: str) -> tuple[int, float]:
    """Letters, and the share of them that are Vietnamese; counted per distinct character
    (a report has a few hundred), not per character."""
    letters_vi = set(_rules()["vietnamese_letters"])
    counts = Counter(unicodedata.normalize("NFC", text))
    n_letters = sum(n for ch, n in counts.items() if ch.isalpha())
    if not n_letters:
        return 0, 0.0
    return n_letters, sum(n for ch, n in counts.items() if ch in letters_vi and ch.isalpha()) / (
        n_letters
    )


def check_text(text: str, file: Path, source: str = "the text") -> None:
    """Refuse text that is blank, not Vietnamese, or mojibake (UTF-8 decoded twice)."""
    rules = _rules()
    if not text.strip():
        raise InputError(
            file,
            f"{source} contains only whitespace",
            hint="copy the report again; the export produced no text",
        )
    find_mojibake(text, file)
    n_letters, share = _vietnamese_share(text)
    if n_letters < rules["min_letters"]:
        raise InputError(
            file,
            f"{source} has almost no words ({n_letters} letters)",
            hint="this is not a report text; check that the right file was given",
        )
    if share < rules["min_vietnamese_share"]:
        raise InputError(
            file,
            f"{source} has no Vietnamese letters ({share:.1%} of {n_letters} letters carry "
            "Vietnamese diacritics)",
            hint=(
                "this is not a Vietnamese report, or its fonts map to no Unicode text (old "
                "TCVN3/VNI fonts): check the PDF, run OCR on it (ocrmypdf -l vie --force-ocr "
                f"{shell_name(file)} ocr.pdf) or ask for a better PDF"
                if "PDF" in source
                else "this is not a Vietnamese report, its accents were stripped, or it was "
                "typed with a legacy font (TCVN3/VNI): get the original, or convert it to "
                "Unicode with UniKey's converter"
            ),
        )


def find_mojibake(text: str, file: Path) -> None:
    """Refuse UTF-8 that was decoded as Windows-1252/Latin-1 and saved again ("BÃ¡o cÃ¡o").

    We refuse rather than repair: the published quotes must match the file in `sources/`, so the
    maintainer repairs the file once and commits the repaired text.
    """
    import ftfy

    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.isascii():
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            bad = line.strip()[:60]
            good = fixed.strip()[:60]
            raise InputError(
                file,
                f'mojibake: the text was decoded twice ("{bad}" should read "{good}")',
                where=f"line {lineno}",
                hint=f"repair it once and commit the repaired file: "
                f"ftfy -o fixed.txt {shell_name(file)} (then check it), or export "
                "the report again as UTF-8",
            )


# --------------------------------------------------------------------------- PDF


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _is_noise(text: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.fullmatch(text) for p in patterns)


def _header_key(text: str) -> str:
    """Running headers repeat with a different page number: compare them without digits."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def read_pdf(path: Path, data: bytes) -> ReadResult:
    """The text layer of a PDF, without running headers, page numbers and signature stamps."""
    import pdfplumber

    if b"%%EOF" not in data[-2048:]:
        raise InputError(
            path,
            "the PDF is truncated (no %%EOF at its end)",
            hint="download or copy the PDF again; the file is incomplete",
        )
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(inner).__name__
        exc = inner
        if "Password" in name or "Encrypt" in name:
            raise InputError(
                path, "the PDF is password-protected", hint="ask the issuer for an unprotected copy"
            ) from exc
        raise InputError(
            path,
            f"the PDF cannot be read ({name}: {exc})",
            hint="download the PDF again; it is damaged",
        ) from exc
    try:
        pages, warnings = _pdf_pages(pdf, path)
    finally:
        pdf.close()
    return _assemble_pdf(path, pages, warnings)


@dataclass
class _Line:
    text: str
    top: float
    size: float
    page_height: float
    after_rule: bool = False  # a short horizontal rule (footnote separator) just above
    page_has_rule: bool = False
    x0: float = 0.0
    x1: float = 0.0
    page: int = 0
    raised: list[tuple[int, int]] = field(default_factory=list)  # raised small digits in text
    turned: bool = False  # read along turned text: no left margin or line ends to go by


def _rules_tops(page: Any) -> list[float]:
    """Tops of short horizontal rules: Word draws one above a page's footnotes."""
    tops = []
    for obj in [*page.lines, *page.rects]:
        width = abs(obj["x1"] - obj["x0"])
        height = abs(obj["bottom"] - obj["top"])
        if height < 2 and 20 < width < page.width * 0.6:
            tops.append(float(obj["top"]))
    return tops


def _columns(line: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Split a PDF line at wide gaps: the two-column header ("ỦY BAN NHÂN DÂN … CỘNG HÒA …")
    and a signature stamp beside the text are separate pieces, not one sentence."""
    chars = [c for c in line.get("chars", []) if c.get("text")]
    if not chars:
        return [(line["text"], [])]
    pieces: list[list[dict[str, Any]]] = [[chars[0]]]
    for prev, ch in zip(chars, chars[1:], strict=False):
        gap = float(ch["x0"]) - float(prev["x1"])
        size = max(float(prev.get("size", 10.0)), float(ch.get("size", 10.0)))
        if gap > max(18.0, 2.5 * size):
            pieces.append([ch])
        else:
            pieces[-1].append(ch)
    if len(pieces) == 1:
        return [(line["text"], chars)]
    out = []
    for piece in pieces:
        text = ""
        for prev, ch in zip([None, *piece], piece, strict=False):
            if prev is not None and not text.endswith(" ") and ch["text"] != " ":
                gap = float(ch["x0"]) - float(prev["x1"])
                if gap > 0.2 * float(ch.get("size", 10.0)):
                    text += " "
            text += ch["text"]
        out.append((" ".join(text.split()), piece))
    return out


def _page_count(pdf: Any, path: Path) -> int:
    """The page count from the page tree's /Count, before any page object is built.

    A PDF claiming more pages than the limit is refused here, in milliseconds; the count is
    checked again as pages are read, since /Count can lie.
    """
    from pdfminer.pdftypes import resolve1

    try:
        count = int(resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count")))
    except Exception:  # noqa: BLE001 - a broken page tree is reported when pages are read
        return 0
    if count > limit("max_pdf_pages"):
        raise _too_many_pages(path, count)
    return count


def _too_many_pages(path: Path, count: int) -> InputError:
    return InputError(
        path,
        f"the PDF has {count:,} pages; solieu reads reports of up to "
        f"{limit('max_pdf_pages'):,} pages",
        hint="check that this is one report and not a compilation or a yearbook; give the "
        "report's own pages (e.g. qpdf --pages in.pdf 1-40 -- out.pdf), or raise "
        "limits.max_pdf_pages in src/solieu/data/readers.yaml",
    )


def _pdf_pages(pdf: Any, path: Path) -> tuple[list[list[_Line]], list[str]]:
    """Every page's lines, one page at a time: each page's parsed layout is freed once read.

    pdfplumber caches every page's characters and layout objects (about 2 MB a page), so
    reading a long PDF without closing pages grows without bound (12 GB at 4,000 pages).
    """
    _page_count(pdf, path)
    pages: list[list[_Line]] = []
    warnings: list[str] = []
    n_chars = 0
    try:
        for page in pdf.pages:
            if len(pages) >= limit("max_pdf_pages"):
                raise _too_many_pages(path, len(pdf.pages))
            lines = _page_lines(pdf, page, warnings)
            n_chars += sum(len(ln.text) + 1 for ln in lines)
            if n_chars > limit("max_chars"):
                raise _too_many_chars(path, n_chars, where=f"page {len(pages) + 1}")
            pages.append(lines)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise InputError(
            path,
            f"the PDF cannot be read ({type(exc).__name__}: {exc})",
            where=f"page {len(pages) + 1}",
            hint="download the PDF again; it is damaged",
        ) from exc
    if not pages:
        raise InputError(path, "the PDF has no pages", hint="download the PDF again")
    return pages, warnings


def _text_angle(page: Any) -> tuple[int, float]:
    """The angle most of a page's characters are drawn at on the page as shown (0, 90, 180 or
    270 degrees counter-clockwise), and the share of characters at that angle."""
    angles: Counter[int] = Counter()
    for c in page.chars:
        if c.get("text", "").strip() and "matrix" in c:
            a, b = float(c["matrix"][0]), float(c["matrix"][1])
            angles[round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90] += 1
    if not angles:
        return 0, 1.0
    angle, n = angles.most_common(1)[0]
    return angle, n / sum(angles.values())


def _unrotated(pdf: Any, page: Any) -> Any:
    """The page read in its own coordinates, ignoring its /Rotate entry.

    A portrait page given /Rotate 90 is shown sideways; pdfminer reads it as shown, so every
    character stands on a line of its own. Read without the rotation, the text runs left to
    right again. (pdfplumber has no switch for this; a Page is built on the unrotated object.)
    """
    from pdfplumber.page import Page

    obj = page.page_obj
    obj.attrs = {**obj.attrs, "Rotate": 0}
    obj.rotate = 0
    return Page(pdf, obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _restore_rotation(page: Any) -> None:
    """Undo :func:`_unrotated`'s change to the shared page object when it did not help."""
    page.page_obj.attrs = {**page.page_obj.attrs, "Rotate": page.rotation}
    page.page_obj.rotate = page.rotation


def _page_lines(pdf: Any, page: Any, warnings: list[str]) -> list[_Line]:
    """One page's lines in reading order; rotated and two-column pages are noticed."""
    n = page.page_number
    try:
        angle, share = _text_angle(page)
        if angle and page.rotation:
            turned = _unrotated(pdf, page)
            if _text_angle(turned)[0] == 0:
                warnings.append(
                    f"page {n} is shown turned by {page.rotation}° (/Rotate); read in the "
                    f"direction its text runs — check page {n}"
                )
                page.close()
                page, angle = turned, 0
            else:
                turned.close()
                _restore_rotation(page)
        rows = _turned_rows(page, angle) if angle and share > 0.5 else None
        if rows is not None:
            warnings.append(
                f"page {n}: its text is turned by {angle}° on the page (a turned table, or "
                f"a page upside down?); read along its lines — check page {n} against the PDF"
            )
        rows = rows if rows is not None else _page_rows(page)
        gutter = _gutter(rows, float(page.width))
        if gutter is not None:
            warnings.append(
                f"page {n} is set in two columns: read the left column, then the right "
                f"— check page {n}"
            )
            rows = _by_columns(rows, gutter)
        rules = _rules_tops(page)
        height = float(page.height)
    finally:
        page.close()
    lines = []
    for row in rows:
        for piece in row:
            after = any(0 <= piece.top - r <= 40 for r in rules)
            lines.append(
                _Line(
                    piece.text,
                    piece.top,
                    piece.size,
                    height,
                    after,
                    bool(rules),
                    x0=piece.x0,
                    x1=piece.x1,
                    page=n,
                    raised=piece.raised,
                    turned=piece.turned,
                )
            )
    return lines


@dataclass
class _Piece:
    """A run of one PDF line between wide gaps (a column's part of the line)."""

    text: str
    top: float
    x0: float
    x1: float
    size: float
    raised: list[tuple[int, int]] = field(default_factory=list)
    turned: bool = False


def _page_rows(page: Any) -> list[list[_Piece]]:
    rows = []
    for ln in page.extract_text_lines(return_chars=True, strip=True):
        top = float(ln["top"])
        row = []
        for text, chars in _columns(ln):
            sizes = [c.get("size", 0.0) for c in chars if c["text"].strip()]
            x0 = min((float(c["x0"]) for c in chars), default=float(ln.get("x0", 0.0)))
            x1 = max((float(c["x1"]) for c in chars), default=float(ln.get("x1", 0.0)))
            size = statistics.median(sizes) if sizes else 0.0
            row.append(_Piece(text, top, x0, x1, float(size), _raised_digits(text, chars)))
        rows.append(row)
    return rows


def _raised_digits(text: str, chars: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Spans of `text` printed as raised, smaller digits: how Word prints a footnote reference.

    A character counts when it is a digit, smaller than the line's usual characters and sits
    above their baseline; runs of such digits are one span. (A lowered small digit, as in
    "CO2", is not raised; which spans are footnote references is decided once the page's
    notes are known.)
    """
    cfg = _rules()["pdf_markers"]
    visible = [c for c in chars if c.get("text", "").strip()]
    if len(visible) < 2:
        return []
    size = statistics.median(float(c.get("size", 0.0)) for c in visible)
    normal = [float(c["bottom"]) for c in visible if float(c.get("size", 0.0)) >= 0.9 * size]
    if not size or not normal:
        return []
    baseline = statistics.median(normal)
    spans: list[tuple[int, int]] = []
    for c, at in zip(chars, _char_offsets(text, chars), strict=True):
        t = c.get("text", "")
        if (
            at is None
            or not t.isdigit()
            or float(c.get("size", 0.0)) >= cfg["size_ratio"] * size
            or float(c["bottom"]) > baseline - cfg["rise_ratio"] * size
        ):
            continue
        if spans and spans[-1][1] == at:
            spans[-1] = (spans[-1][0], at + len(t))
        else:
            spans.append((at, at + len(t)))
    return spans


def _char_offsets(text: str, chars: list[dict[str, Any]]) -> list[int | None]:
    """Where each character's text stands in `text`, which was built from these characters in
    order with only whitespace added or collapsed (None for a space that was dropped)."""
    out: list[int | None] = []
    at = 0
    for c in chars:
        t = c.get("text", "")
        j = at
        while j < len(text) and text[j].isspace() and not text.startswith(t, j):
            j += 1
        if t and text.startswith(t, j):
            out.append(j)
            at = j + len(t)
        else:
            out.append(None)
    return out


# How to read text drawn at an angle (counter-clockwise): pdfplumber's character and line
# directions (ttb = top to bottom, ltr = left to right, ...).
_TURNED = {90: ("btt", "ltr"), 180: ("rtl", "btt"), 270: ("ttb", "rtl")}


def _turned_rows(page: Any, angle: int) -> list[list[_Piece]]:
    """The lines of text drawn turned on the page (a table turned to fit, a page upside down).

    pdfplumber reads them when told the directions. `top` becomes the line's place along the
    direction the lines advance, scaled to the page height, so that the margin and footnote
    rules see the turned page's own top and bottom; `size` is the characters' extent across
    the line.
    """
    char_dir, line_dir = _TURNED[angle]
    dirs = {
        "char_dir": char_dir,
        "line_dir": line_dir,
        "char_dir_rotated": char_dir,
        "line_dir_rotated": line_dir,
        "char_dir_render": "ltr",
        "line_dir_render": "ttb",
    }
    width, height = float(page.width), float(page.height)
    rows = []
    for ln in page.extract_text_lines(return_chars=True, strip=True, **dirs):
        chars = [c for c in ln.get("chars", []) if c["text"].strip()]
        if line_dir == "ltr":
            top = float(ln["x0"]) / width * height
        elif line_dir == "rtl":
            top = (width - float(ln["x1"])) / width * height
        else:  # btt: upside down
            top = height - float(ln["bottom"])
        across = ("x0", "x1") if angle in (90, 270) else ("top", "bottom")
        extents = [abs(float(c[across[1]]) - float(c[across[0]])) for c in chars]
        size = statistics.median(extents) if extents else 0.0
        rows.append([_Piece(" ".join(ln["text"].split()), top, 0.0, 1.0, size, turned=True)])
    return rows


def _gutter(rows: list[list[_Piece]], width: float) -> float | None:
    """The x of the gap between two columns of running text, or None for a one-column page.

    Two columns: at least `pdf_columns.min_lines` pieces on each side of a vertical gap that
    few lines cross, and both sides read as prose (long pieces). A table of labels and numbers
    also splits at a gap, but its cells are short, and reading it by columns would tear every
    row apart: such a page stays line by line.
    """
    cfg = _rules()["pdf_columns"]
    pieces = [p for row in rows for p in row if p.text.strip()]
    if len(pieces) < 2 * cfg["min_lines"]:
        return None
    best: tuple[int, float] | None = None
    x = width * 0.3
    while x <= width * 0.7:
        left = sum(1 for p in pieces if p.x1 <= x)
        right = sum(1 for p in pieces if p.x0 >= x)
        cross = len(pieces) - left - right
        if cross <= cfg["max_crossing_share"] * len(pieces):
            score = min(left, right)
            if best is None or score > best[0]:
                best = (score, x)
        x += 2.0
    if best is None or best[0] < cfg["min_lines"]:
        return None
    gutter = best[1]
    for side in (
        [p for p in pieces if p.x1 <= gutter],
        [p for p in pieces if p.x0 >= gutter],
    ):
        if statistics.median(len(p.text) for p in side) < cfg["min_prose_chars"]:
            return None
    return gutter


def _by_columns(rows: list[list[_Piece]], gutter: float) -> list[list[_Piece]]:
    """Rows re-ordered for a two-column page: within each run of rows that no piece crosses
    the gutter in, the left column top to bottom, then the right one; crossing rows (a title
    over both columns) stay where they are."""
    out: list[list[_Piece]] = []
    left: list[_Piece] = []
    right: list[_Piece] = []

    def flush() -> None:
        out.extend([p] for p in left)
        out.extend([p] for p in right)
        left.clear()
        right.clear()

    for row in rows:
        if any(p.x0 < gutter < p.x1 for p in row):
            flush()
            out.append(row)
            continue
        left.extend(p for p in row if p.x1 <= gutter)
        right.extend(p for p in row if p.x0 >= gutter)
    flush()
    return out


def _assemble_pdf(path: Path, pages: list[list[_Line]], warnings: list[str]) -> ReadResult:
    rules = _rules()
    noise = _compile(rules["pdf_noise_lines"])
    stamp_fields = _compile(rules["pdf_stamp_fields"])
    page_numbers = _compile(rules["pdf_page_number_lines"])
    margin = rules["pdf_margin"]

    n_chars = sum(len(ln.text.replace(" ", "")) for lines in pages for ln in lines)
    if n_chars < rules["pdf_min_chars_per_page"] * len(pages):
        raise InputError(
            path,
            f"scanned PDF without a text layer ({n_chars} characters of text "
            f"on {len(pages)} page(s)); it needs OCR",
            hint=f"run OCR first, e.g. ocrmypdf -l vie {shell_name(path)} ocr.pdf, check "
            "the result, then add ocr.pdf — or ask the issuer for the "
            "signed digital PDF",
        )
    for i, lines in enumerate(pages, start=1):
        if not lines:
            warnings.append(f"page {i} has no text layer (a scanned page?); its text is missing")

    sizes = Counter(
        round(ln.size * 2) / 2
        for lines in pages
        for ln in lines
        for _ in range(max(1, len(ln.text)))
        if ln.size
    )
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0

    # running headers/footers: a margin line whose digit-free form repeats on several pages
    margin_keys: Counter[str] = Counter()
    for lines in pages:
        keys = {_header_key(ln.text) for ln in lines if _in_margin(ln, margin)}
        margin_keys.update(keys)
    repeated = {k for k, n in margin_keys.items() if n >= 2 and len(pages) >= 2}

    removed = Counter[str]()
    split: list[_PdfPage] = []
    for lines in pages:
        page = _PdfPage()
        in_notes = in_stamp = False
        for i, ln in enumerate(lines):
            ln = _stripped(ln)
            text = ln.text
            if not text:
                continue
            if _is_noise(text, noise) or (in_stamp and _is_noise(text, stamp_fields)):
                removed["signature stamp lines"] += 1
                in_stamp = True
                continue
            in_stamp = False
            if _in_margin(ln, margin) and _is_noise(text, page_numbers):
                removed["page numbers"] += 1
                continue
            if _in_margin(ln, margin) and _header_key(text) in repeated:
                removed["running headers"] += 1
                continue
            small = body_size and ln.size and ln.size < body_size * rules["pdf_footnote_size_ratio"]
            lower = ln.top > ln.page_height * 0.4
            numbered = re.match(r"\d{1,3}\s*\S", text) is not None
            rest_small = _rest_small(lines[i:], body_size)
            # Under a rule, a numbered small line starts the notes, and so does an unnumbered one
            # that begins a run of small lines ending the page (a note continued from the
            # previous page); without a rule, only a numbered run of small lines ending the page.
            starts = (
                small
                and lower
                and not in_notes
                and (
                    (numbered and (ln.after_rule or (not ln.page_has_rule and rest_small)))
                    or (ln.after_rule and rest_small)
                )
            )
            if starts or (in_notes and small):
                in_notes = True
                page.notes.append(ln)
                continue
            if in_notes and not small:
                in_notes = False
            page.body.append(ln)
        split.append(page)
    _number_notes(split, re.compile(rules["pdf_footnote_start"]))
    for what, n in sorted(removed.items()):
        warnings.append(f"removed {n} {what}")
    text = "".join(_seed_page(page) for page in split)
    check_text(text, path, source="the PDF's text layer")
    return ReadResult(
        text=text,
        format="pdf",
        warnings=warnings,
        pages=len(pages),
        structure=_pdf_structure(split),
    )


@dataclass
class _PdfPage:
    """One page's body lines and its footnotes, each note as (its number, its lines); a note
    continued from the previous page has no number."""

    body: list[_Line] = field(default_factory=list)
    notes: list[_Line] = field(default_factory=list)
    groups: list[tuple[int | None, list[_Line]]] = field(default_factory=list)


def _stripped(ln: _Line) -> _Line:
    """The line without surrounding spaces, its raised spans moved along."""
    text = ln.text.strip()
    if text == ln.text:
        return ln
    shift = len(ln.text) - len(ln.text.lstrip())
    raised = [(a - shift, b - shift) for a, b in ln.raised if a >= shift and b - shift <= len(text)]
    return dataclasses.replace(ln, text=text, raised=raised)


def _number_notes(pages: list[_PdfPage], note_start: re.Pattern[str]) -> None:
    """Group each page's footnote lines into notes: a line starting with the number the next
    note must carry starts it (notes are numbered on across pages); any other line continues
    the current note, or the last note of an earlier page.

    The number is the line's raised number when it starts with one (Word prints a note's own
    number raised, and the text after it may start in lower case or with a figure: "¹trong
    đó", "²12 hồ sơ"); it is then set off by a space, as the seeds print it. Otherwise it is a
    number followed by a space or a capital (`pdf_footnote_start`).
    """
    expected = 1
    for page in pages:
        for k, ln in enumerate(page.notes):
            raised = ln.raised[0] if ln.raised and ln.raised[0][0] == 0 else None
            if raised and int(ln.text[: raised[1]]) == expected:
                rest = ln.text[raised[1] :].lstrip()
                ln = page.notes[k] = dataclasses.replace(ln, text=f"{expected} {rest}", raised=[])
            m = note_start.match(ln.text)
            if m and int(m["n"]) == expected:
                expected += 1
                page.groups.append((int(m["n"]), [ln]))
            elif page.groups:
                page.groups[-1][1].append(ln)
            else:
                page.groups.append((None, [ln]))  # a note continued from the previous page


def _seed_page(page: _PdfPage) -> str:
    """One page laid out as the seed texts are, which is what the ingest stage reads.

    Every line ends with a space and is followed by a blank line, except the last line of the
    page and the last line of each footnote, which the next page or next note follows directly;
    the footnotes come after a line of spaces, each starting with its number; and the first body
    line of a page is indented by one space: that indent is how ingest knows that a page's
    footnotes have ended and the body resumes mid-sentence.
    """
    body = [ln.text for ln in page.body]
    if not body and not page.groups:
        return ""
    out = [" " + body[0], *body[1:]] if body else []
    if not page.groups:
        return " \n\n".join(out) + " \n"
    text = "".join(t + " \n\n" for t in out) + _rules()["footnote_separator"] + "\n"
    return text + "".join(" \n\n".join(ln.text for ln in g) + " \n" for _, g in page.groups)


def _pdf_structure(pages: list[_PdfPage]) -> list[SourceBlock]:
    """The body as paragraphs, then the footnotes, with the references that the PDF marks.

    Paragraphs come from the page geometry (:func:`_pdf_paragraphs`). A footnote reference
    is a raised, smaller number (:func:`_raised_digits`) that is the number of a note printed
    at the foot of the same page, and not the exponent of a unit ("m²"); it is taken out of
    the text and recorded where it stood. A reference the PDF does not raise stays in the
    text, for ingest to look for.
    """
    note_start = re.compile(_rules()["pdf_footnote_start"])
    notes: list[SourceBlock] = []
    on_page: dict[int, set[int]] = {}
    body: list[_Line] = []
    for page in pages:
        body.extend(page.body)
        for number, lines in page.groups:
            if number is None and not notes:
                body.extend(lines)  # the continuation of a note that was never started
                continue
            if number is None:
                notes[-1] = _more_lines(notes[-1], lines)
                continue
            first = lines[0].text
            m = note_start.match(first)
            start = m.end("n") if m else 0
            text = "\n".join([first[start:].lstrip(), *(ln.text for ln in lines[1:])])
            notes.append(
                SourceBlock("footnote", text, footnote=number, pages=[ln.page for ln in lines])
            )
            on_page.setdefault(lines[0].page, set()).add(number)
    linked: set[int] = set()
    blocks = [_pdf_block(para, on_page, linked) for para in _pdf_paragraphs(body)]
    return blocks + notes


def _more_lines(block: SourceBlock, lines: list[_Line]) -> SourceBlock:
    text = "\n".join([block.text, *(ln.text for ln in lines)])
    pages = [*(block.pages or []), *(ln.page for ln in lines)]
    return dataclasses.replace(block, text=text, pages=pages)


def _pdf_block(lines: list[_Line], on_page: dict[int, set[int]], linked: set[int]) -> SourceBlock:
    """One paragraph's lines, joined by line breaks, with its raised footnote references
    taken out (and the space that set a reference off from the word before it)."""
    text = ""
    refs: list[SourceRef] = []
    for k, ln in enumerate(lines):
        if k:
            text += "\n"
        t, last = ln.text, 0
        for a, b in ln.raised:
            n = int(t[a:b]) if b - a <= 3 else 0
            if n not in on_page.get(ln.page, ()) or n in linked or _unit_exponent(t[:a], n):
                continue
            cut = a - 1 if a > last and t[a - 1] == " " and not t[b : b + 1].isalnum() else a
            text += t[last:cut]
            refs.append(SourceRef(n, len(text)))
            linked.add(n)
            last = b
        text += t[last:]
    return SourceBlock("paragraph", text, refs=refs, pages=[ln.page for ln in lines])


def _unit_exponent(before: str, n: int) -> bool:
    """Is a raised 2 or 3 the exponent of the unit before it ("m²", "km²", "m³")? The same
    rule by which ingest keeps "106.220m2" whole (ingest.yaml, markers)."""
    markers = _ingest_rules()["markers"]
    return (
        n in markers["unit_exponents"]
        and re.search(markers["unit_exponent_before"], before.rstrip()) is not None
    )


@dataclass
class _Frame:
    """Where the text of a PDF's pages runs: the left edge of its lines (one for the document),
    the right edge and the usual line pitch of each page."""

    left: float
    right: dict[int, float]
    pitch: dict[int, float]


def _frame(lines: list[_Line]) -> _Frame:
    """The left edge is the smallest x at which a good share of lines start (continued lines
    of a paragraph start there; first lines are indented, titles centred); the right edge of a
    page is where its longest lines end: the largest x near the end of the longest line at
    which two lines end (justified lines end there; one line sticking out does not move it)."""
    flat = [ln for ln in lines if not ln.turned]
    starts = Counter(round(ln.x0) for ln in flat)
    common = [x for x, n in starts.items() if n >= max(2, 0.1 * len(flat))]
    left = float(min(common)) if common else min((ln.x0 for ln in flat), default=0.0)
    right: dict[int, float] = {}
    pitch: dict[int, float] = {}
    by_page: dict[int, list[_Line]] = {}
    for ln in flat:
        by_page.setdefault(ln.page, []).append(ln)
    for page, pl in by_page.items():
        ends = sorted((ln.x1 for ln in pl), reverse=True)
        near = ends[0] - 0.15 * (ends[0] - left)
        shared = (a for a, b in zip(ends, ends[1:], strict=False) if a - b <= 2 and b >= near)
        right[page] = next(shared, ends[0])
        steps = [
            b.top - a.top
            for a, b in zip(pl, pl[1:], strict=False)
            if 0 < b.top - a.top < 3 * max(a.size, 1.0)
        ]
        pitch[page] = statistics.median(steps) if steps else 0.0
    return _Frame(left, right, pitch)


def _pdf_paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Body lines grouped into paragraphs by where they stand on the page, not by their words.

    A line starts a paragraph when it is indented from the left edge (a first line, a centred
    title), when the line before it ended short of the right edge (a paragraph's last line, a
    heading), when the font size changes, when a gap wider than the usual line pitch lies
    between them, or when it is another piece of the same row (a column of a table or of the
    header). A paragraph runs on across a page break like any other line break.
    """
    frame = _frame(lines)
    paras: list[list[_Line]] = []
    for prev, ln in zip([None, *lines], lines, strict=False):
        if prev is None or _starts_paragraph(prev, ln, frame):
            paras.append([ln])
        else:
            paras[-1].append(ln)
    return paras


def _starts_paragraph(prev: _Line, ln: _Line, frame: _Frame) -> bool:
    cfg = _rules()["pdf_paragraphs"]
    if prev.turned or ln.turned:
        return True  # a turned table: one row a line
    size = max(prev.size, ln.size, 1.0)
    if abs(prev.size - ln.size) > cfg["size_change"] * size:
        return True
    same_page = prev.page == ln.page
    if same_page and abs(ln.top - prev.top) < 0.5 * size:
        return True
    if ln.x0 > frame.left + cfg["indent_em"] * ln.size:
        return True
    right = frame.right.get(prev.page, prev.x1)
    if prev.x1 < right - cfg["short_line_share"] * (right - frame.left):
        return True
    pitch = frame.pitch.get(ln.page, 0.0)
    return same_page and pitch > 0 and ln.top - prev.top > cfg["gap_ratio"] * pitch


def _rest_small(lines: list[_Line], body_size: float) -> bool:
    """Without a separator rule, only a run of small lines ending the page counts as notes."""
    ratio = _rules()["pdf_footnote_size_ratio"]
    margin = _rules()["pdf_margin"]
    return all(ln.size < body_size * ratio for ln in lines if not _in_margin(ln, margin))


def _in_margin(ln: _Line, margin: float) -> bool:
    return ln.top < ln.page_height * margin or ln.top > ln.page_height * (1 - margin)


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> ReadResult:
    """Paragraphs (and table rows) of a DOCX in document order, footnotes after a separator.

    The ZIP directory and every XML part are checked before python-docx sees the file: a zip
    bomb, a DTD (external entities read local files; nested entities blow up memory) or a part
    that is not XML is refused with a message, and nothing python-docx raises escapes as a
    traceback.
    """
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise InputError(
            path,
            "the DOCX is damaged (its ZIP structure cannot be read)",
            hint="open it in Word or LibreOffice and save it again, or give the PDF",
        ) from exc
    if "word/document.xml" not in names:
        what = (
            "an Excel workbook"
            if "xl/workbook.xml" in names
            else "a PowerPoint file"
            if "ppt/presentation.xml" in names
            else "an OpenDocument file"
            if "content.xml" in names
            else "a ZIP archive"
        )
        raise InputError(
            path, f"this is {what}, not a Word document", hint=f"give the report as {SUPPORTED}"
        )
    _check_zip(path, zf)
    _check_xml_parts(path, zf)
    import docx

    warnings: list[str] = []
    try:
        document = docx.Document(io.BytesIO(data))
        blocks, numbers = _docx_blocks(document, warnings)
        notes = _docx_footnotes(document, numbers, warnings)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx, lxml and zipfile raise many kinds
        raise InputError(
            path,
            f"the DOCX cannot be read ({type(exc).__name__}: {exc})",
            hint="open it in Word or LibreOffice and save it again, or give the PDF",
        ) from exc
    lines = [_glued(b) for b in blocks]
    out = [t + " " for t in lines]
    if notes:
        # Footnotes go before the signature block ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), which
        # ingest cuts from the body, and the line after them starts with a space: the seeds'
        # signal that the notes have ended and the body resumes.
        cut = _signature_line(lines)
        at = len(out) if cut is None else cut
        if cut is not None:
            out[cut] = " " + out[cut]
        out[at:at] = [
            _rules()["footnote_separator"],
            *(f"{n} {' '.join(' '.join(paras).split())} " for n, paras in notes),
        ]
    text = "\n\n".join(out) + "\n"
    check_text(text, path, source="the DOCX text")
    structure = blocks + [
        SourceBlock("footnote", "\n".join(paras), footnote=n) for n, paras in notes
    ]
    return ReadResult(text=text, format="docx", warnings=warnings, structure=structure)


_BOMB_HINT = (
    "this is not a normal Word file (a zip bomb?); open it in Word or LibreOffice and save it "
    "again, or give the PDF"
)


def _check_zip(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a DOCX whose parts would unpack to too much, from the ZIP directory alone.

    Nothing is decompressed here, so a 1.5 MB zip bomb is refused in milliseconds. The sizes
    in the directory are what zipfile (and so python-docx) will produce at most: a part whose
    data unpacks to more is cut at its declared size and fails its CRC check.
    """
    infos = zf.infolist()
    if len(infos) > limit("docx_max_members"):
        raise InputError(
            path,
            f"the DOCX has {len(infos):,} parts (a Word file has a few dozen; limit "
            f"{limit('docx_max_members'):,})",
            hint=_BOMB_HINT,
        )
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > limit("docx_max_unpacked_mb") * 1_000_000:
        raise InputError(
            path,
            f"the DOCX would unpack to {total / 1e6:,.0f} MB (limit "
            f"{limit('docx_max_unpacked_mb')} MB) from {packed / 1e6:,.1f} MB",
            hint=_BOMB_HINT,
        )
    for i in infos:
        if i.file_size > limit("docx_max_part_mb") * 1_000_000:
            raise InputError(
                path,
                f"the DOCX part {i.filename!r} unpacks to {i.file_size / 1e6:,.0f} MB "
                f"(limit {limit('docx_max_part_mb')} MB)",
                hint=_BOMB_HINT,
            )
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > 1_000_000 and ratio > limit("docx_max_ratio"):
            raise InputError(
                path,
                f"the DOCX part {i.filename!r} is packed {ratio:,.0f} times "
                f"(limit {limit('docx_max_ratio')}; text packs 5 to 30 times)",
                hint=_BOMB_HINT,
            )


def _check_xml_parts(path: Path, zf: zipfile.ZipFile) -> None:
    """Parse every XML part with defusedxml: no DTD, no entity, no external reference.

    python-docx parses without resolving entities, but a DTD in a Word file has no honest use:
    it is how XXE (reading this computer's files into the report) and entity bombs ("billion
    laughs") are delivered, so the whole file is refused and the part named.
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    for info in zf.infolist():
        if info.is_dir():
            continue
        try:
            if not _looks_like_xml(info.filename, _head(zf, info)):
                continue
            raw = zf.read(info)
        except Exception as exc:  # noqa: BLE001 - bad CRC, unsupported compression, ...
            raise InputError(
                path,
                f"the DOCX part {info.filename!r} cannot be unpacked ({type(exc).__name__}: {exc})",
                hint="open it in Word or LibreOffice and save it again, or give the PDF",
            ) from exc
        try:
            fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException as exc:
            raise InputError(
                path,
                f"the DOCX part {info.filename!r} declares a DTD or XML entities "
                f"({type(exc).__name__}); Word never writes these, they are used to read "
                "files from this computer (XXE) or to exhaust its memory (entity bombs)",
                hint="do not use this file; ask the issuer for the report again, or give the PDF",
            ) from exc
        except ParseError as exc:
            line = exc.position[0] if getattr(exc, "position", None) else None
            raise InputError(
                path,
                f"the DOCX part {info.filename!r} is not well-formed XML ({exc})",
                where=f"line {line} of {info.filename}" if line else None,
                hint="open it in Word or LibreOffice and save it again, or give the PDF",
            ) from exc


def _head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as fh:
        return fh.read(64)


def _looks_like_xml(name: str, head: bytes) -> bool:
    """XML parts by name, and any other part whose content starts like XML (python-docx
    parses parts by content type, not by name)."""
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return head.startswith(b"<")


@cache
def _ingest_rules() -> dict[str, Any]:
    """Ingest's layout rules, for the few places where a reader must agree with ingest."""
    return load_data(DATA_DIR / "vi" / "ingest.yaml")


def _docx_blocks(document: Any, warnings: list[str]) -> tuple[list[SourceBlock], dict[str, int]]:
    """Paragraphs with their list labels and outline levels, and table rows as
    "cell | cell", in body order; footnote references where their runs stand."""
    numbers: dict[str, int] = {}
    blocks: list[SourceBlock] = []
    numbering = _Numbering(document, warnings)
    outline = _OutlineLevels(document)
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text, refs = _para_runs(child, numbers)
            # Word counts and shows the label of a numbered paragraph without text ("Phần II")
            label, ilvl = numbering.label(child)
            if not text.strip() and label in ("", "-"):
                continue
            level = outline.level(child)
            block = _trimmed(SourceBlock("heading" if level else "paragraph", text, refs=refs))
            if label:
                block = _labelled(block, label, level or ilvl + 1)
            elif level:
                block.level = level
            blocks.append(block)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [_cell(tc, numbers) for tc in row.iter(f"{_W}tc")]
                if any(c.text for c in cells):
                    blocks.append(_joined(cells, " | "))
    return blocks, numbers


def _cell(tc: Any, numbers: dict[str, int]) -> SourceBlock:
    paras = []
    for p in tc.iter(f"{_W}p"):
        text, refs = _para_runs(p, numbers)
        paras.append(_trimmed(SourceBlock("paragraph", text, refs=refs)))
    return _trimmed(_joined(paras, " "))


def _joined(parts: list[SourceBlock], sep: str) -> SourceBlock:
    """Blocks put end to end with `sep` between them, their references moved along."""
    text, refs = "", []
    for k, part in enumerate(parts):
        if k:
            text += sep
        refs += [SourceRef(r.number, len(text) + r.offset) for r in part.refs]
        text += part.text
    return SourceBlock("paragraph", text, refs=refs)


def _trimmed(block: SourceBlock) -> SourceBlock:
    """The block without surrounding whitespace; a reference stays inside the text."""
    text = block.text.strip()
    lead = len(block.text) - len(block.text.lstrip())
    refs = [SourceRef(r.number, min(max(0, r.offset - lead), len(text))) for r in block.refs]
    return dataclasses.replace(block, text=text, refs=refs)


def _labelled(block: SourceBlock, label: str, level: int) -> SourceBlock:
    """Word's automatic list label put in front of the text, as Word shows it. A bullet ("-")
    is shown but is no outline label."""
    shift = len(label) + 1
    refs = [SourceRef(r.number, r.offset + shift) for r in block.refs]
    outline = label != "-"
    return dataclasses.replace(
        block,
        text=f"{label} {block.text}" if block.text else label,
        refs=refs,
        label=label if outline else None,
        level=level if outline or block.kind == "heading" else None,
    )


def _glued(block: SourceBlock) -> str:
    """A block in the seed layout: each footnote number glued to what it follows, on one line."""
    text, last = "", 0
    for r in block.refs:
        text += block.text[last : r.offset] + str(r.number)
        last = r.offset
    return " ".join((text + block.text[last:]).split("\n")).strip()


class _OutlineLevels:
    """Heading levels the file gives: a paragraph's own outline level, or its style's (Word's
    "Heading 1" … "Heading 9", or any style with an outline level, also through `basedOn`)."""

    def __init__(self, document: Any):
        styles = {
            style.get(f"{_W}styleId") or "": style
            for style in document.styles.element.iter(f"{_W}style")
        }
        self.by_style = {sid: _style_level(styles, sid) for sid in styles}

    def level(self, p: Any) -> int | None:
        own = p.find(f"{_W}pPr/{_W}outlineLvl")
        if own is not None:
            return _outline(own.get(f"{_W}val"))
        style = p.find(f"{_W}pPr/{_W}pStyle")
        return None if style is None else self.by_style.get(style.get(f"{_W}val") or "")


def _style_level(styles: dict[str, Any], style_id: str | None) -> int | None:
    for _ in range(10):  # basedOn chains are short; a loop in the file must not hang us
        style = styles.get(style_id or "")
        if style is None:
            return None
        own = style.find(f"{_W}pPr/{_W}outlineLvl")
        if own is not None:
            return _outline(own.get(f"{_W}val"))
        m = re.fullmatch(r"(?i)heading\s*([1-9])", (_val(style, "name") or "").strip())
        if m:
            return int(m[1])
        style_id = _val(style, "basedOn")
    return None


def _outline(value: str | None) -> int | None:
    """Word's outline level (0 = top, 9 = body text) as a heading level (1 = top) or None."""
    return int(value) + 1 if value and value.isdigit() and int(value) < 9 else None


def _signature_line(lines: list[str]) -> int | None:
    """Index of the line where the signature/distribution block starts (ingest's patterns)."""
    cfg = _ingest_rules()
    patterns = [re.compile(p) for p in cfg["signature_start"]]
    start = int(len(lines) * float(cfg.get("signature_search_from", 0.5)))
    for i in range(start, len(lines)):
        if any(p.search(lines[i].strip()) for p in patterns):
            return i
    return None


def _para_runs(p: Any, numbers: dict[str, int]) -> tuple[str, list[SourceRef]]:
    """A paragraph's visible text (a manual line break as a line break) and its footnote
    references: each note numbered in the order of first reference, as Word numbers them,
    and recorded where its reference run stands."""
    text, refs = "", []
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            text += el.text or ""
        elif tag == f"{_W}tab":
            text += " "
        elif tag in (f"{_W}br", f"{_W}cr"):
            text += "\n"
        elif tag == f"{_W}footnoteReference":
            fid = el.get(f"{_W}id")
            if fid is not None:
                numbers.setdefault(fid, len(numbers) + 1)
                refs.append(SourceRef(numbers[fid], len(text)))
    return text, refs


def _docx_footnotes(
    document: Any, numbers: dict[str, int], warnings: list[str]
) -> list[tuple[int, list[str]]]:
    """The referenced footnotes in their numbering order, each as its paragraphs' texts."""
    if not numbers:
        return []
    from docx.oxml.parser import parse_xml  # python-docx's parser: entities never resolved

    part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            part = rel.target_part
    if part is None:
        warnings.append("footnote references found but no footnotes part; footnotes missing")
        return []
    root = parse_xml(part.blob)
    notes: list[tuple[int, list[str]]] = []
    for fn in root.iter(f"{_W}footnote"):
        fid = fn.get(f"{_W}id")
        if fid not in numbers:
            continue
        paras = [_para_runs(p, {})[0].strip() for p in fn.iter(f"{_W}p")]
        notes.append((numbers[fid], [t for t in paras if t]))
    return sorted(notes)


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def _roman(n: int) -> str:
    """Roman numerals for 1..3999; anything else as a plain number (no loop grows with n)."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("a") + (n - 1) % 26)
        return s.upper() if fmt == "upperLetter" else s
    return str(n)


class _Numbering:
    """Word's automatic numbering, rendered as text ("I.", "1.", "a)", "-").

    The ingest stage finds sections by their labels as written; in a DOCX whose headings are
    numbered automatically the labels are not in the text, so we compute them as Word shows them.
    Numbering values come from the file and are checked: a start of "abc" or 2,000,000,000, or
    a level of 99, gives a warning and a sane default instead of a traceback or a hang.
    """

    def __init__(self, document: Any, warnings: list[str] | None = None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract -> ilvl -> fmt
        self.num_to_abstract: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.warnings = warnings if warnings is not None else []
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        max_level, max_start = limit("numbering_max_level"), limit("numbering_max_start")
        for absn in root.iter(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId")
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in absn.iter(f"{_W}lvl"):
                ilvl = self._int(lvl.get(f"{_W}ilvl"), 0, 0, max_level, "list level")
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = self._int(_val(lvl, "start"), 1, 0, max_start, "list start")
                lv[ilvl] = (fmt, text, start)
            self.levels[aid] = lv
        for num in root.iter(f"{_W}num"):
            abstract = _val(num, "abstractNumId")
            if abstract is not None:
                self.num_to_abstract[num.get(f"{_W}numId")] = abstract
        for style in document.styles.element.iter(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId"):
                self.style_num[style.get(f"{_W}styleId")] = (
                    _val(num_pr, "numId") or "0",
                    self._int(_val(num_pr, "ilvl"), 0, 0, max_level, "style list level"),
                )

    def _int(self, value: str | None, default: int, lo: int, hi: int, what: str) -> int:
        """A numbering value from the file, or `default` with a warning when it is not sane."""
        if value is None:
            return default
        try:
            n = int(value.strip()) if len(value) < 20 else None
        except ValueError:
            n = None
        if n is not None and lo <= n <= hi:
            return n
        shown = value if len(value) <= 20 else value[:20] + "…"
        msg = (
            f"numbering: {what} {shown!r} is not a number from {lo} to {hi:,}; used {default} "
            "— check the automatic list labels (I., 1., a)) of this report"
        )
        if msg not in self.warnings:
            self.warnings.append(msg)
        return default

    def label(self, p: Any) -> tuple[str, int]:
        """The label Word shows in front of the paragraph ("" if none) and its list level."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        style = p.find(f"{_W}pPr/{_W}pStyle")
        num_id, ilvl = None, 0
        if style is not None and style.get(f"{_W}val") in self.style_num:
            num_id, ilvl = self.style_num[style.get(f"{_W}val")]
        if num_pr is not None:
            num_id = _val(num_pr, "numId") or num_id
            ilvl = self._int(
                _val(num_pr, "ilvl"), ilvl, 0, limit("numbering_max_level"), "paragraph level"
            )
        abstract = self.num_to_abstract.get(num_id or "0")
        if abstract is None or abstract not in self.levels:
            return "", ilvl
        levels = self.levels[abstract]
        if ilvl not in levels:
            return "", ilvl
        fmt, text, start = levels[ilvl]
        counters = self.counters.setdefault(abstract, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "-", ilvl
        if fmt == "none":
            return "", ilvl
        for k in range(9):
            if f"%{k + 1}" in text:
                kfmt, _, kstart = levels.get(k, ("decimal", "", 1))
                text = text.replace(f"%{k + 1}", _format_number(counters.get(k, kstart), kfmt))
        return text.strip(), ilvl


def _val(el: Any, child: str) -> str | None:
    found = el.find(f"{_W}{child}")
    return None if found is None else found.get(f"{_W}val")
