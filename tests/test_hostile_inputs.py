"""Issue 8, input half: hostile and broken files get one message each, never a traceback, a
hang or unbounded memory; the other files and reports go on. (The corpus of bad files and the
message each must get is `tests/bad_inputs/make_corpus.py`; its cases run in test_readers.py
and test_add.py. This file holds what does not fit a corpus row.)"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu import add as add_mod
from solieu import readers
from solieu.add import add_files
from solieu.catalog import load_catalog
from solieu.errors import InputError
from solieu.paths import Paths
from solieu.readers import read_report, read_report_full, strip_controls
from solieu.units import load_units

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "bad_inputs"))
import make_corpus  # noqa: E402

TODAY = dt.date(2026, 1, 15)
OPENPYXL_ILLEGAL = __import__("openpyxl.cell.cell", fromlist=["ILLEGAL_CHARACTERS_RE"])


@pytest.fixture
def project(tmp_path) -> Paths:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return Paths(tmp_path, build=tmp_path / "build")


def run(files, project, **kw):
    out: list[str] = []
    code = add_files(files, project, today=TODAY, echo=out.append, **kw)
    return code, out


def xlsx_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    return [
        str(c.value)
        for ws in load_workbook(path, read_only=True).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def visible(project: Paths) -> dict[str, bytes]:
    """sources/ as a maintainer (and git) sees it: every file but add's own hidden ones."""
    return {
        p.name: p.read_bytes()
        for p in project.sources.iterdir()
        if p.is_file() and not p.name.startswith(".solieu-")
    }


# --------------------------------------------------------------------------- readers: bounds


def test_a_pipe_or_device_is_refused_not_read_forever(tmp_path):
    fifo = tmp_path / "bao-cao.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_report(fifo)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.txt"
    path.write_text(make_corpus.GOOD_TEXT, encoding="utf-8")
    monkeypatch.setitem(readers._rules()["limits"], "max_file_mb", 0)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before refusing"))
    with pytest.raises(InputError) as info:
        read_report(path)
    assert "up to 0 MB" in info.value.problem and "max_file_mb" in (info.value.hint or "")


def test_text_over_the_character_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.txt"
    path.write_text(make_corpus.GOOD_TEXT, encoding="utf-8")
    monkeypatch.setitem(readers._rules()["limits"], "max_chars", 100)
    with pytest.raises(InputError, match="over 100 characters"):
        read_report(path)


def test_pdf_over_the_character_limit_is_refused_at_the_page(tmp_path, monkeypatch):
    path = tmp_path / "long.pdf"
    make_corpus.make_many_pages_pdf(path, pages=30)
    monkeypatch.setitem(readers._rules()["limits"], "max_chars", 500)
    with pytest.raises(InputError) as info:
        read_report(path)
    assert "characters" in info.value.problem and (info.value.where or "").startswith("page ")


def test_pdf_pages_are_read_one_at_a_time_and_freed(tmp_path, monkeypatch):
    """Every page's parsed layout is dropped once the page is read: nothing grows with the
    page count but the text (the measured peak is in scripts/bench_pdf_pages.py)."""
    import pdfplumber

    path = tmp_path / "many.pdf"
    make_corpus.make_many_pages_pdf(path, pages=12)
    opened = []
    real_open = pdfplumber.open

    def spy(*args, **kwargs):
        pdf = real_open(*args, **kwargs)
        opened.append(pdf)
        return pdf

    monkeypatch.setattr(pdfplumber, "open", spy)
    text = read_report(path)
    assert "Trang 12" in text
    pages = opened[0].pages
    assert len(pages) == 12
    cached = [p.page_number for p in pages if hasattr(p, "_layout") or hasattr(p, "_objects")]
    assert cached == [], "these pages still hold their parsed layout"


def test_rotated_page_reads_like_the_unrotated_pdf(tmp_path):
    make_corpus.make_valid_pdf(tmp_path / "plain.pdf")
    make_corpus.make_rotated_pdf(tmp_path / "rotated.pdf")
    plain = read_report_full(tmp_path / "plain.pdf")
    rotated = read_report_full(tmp_path / "rotated.pdf")
    assert rotated.text == plain.text
    assert any("page 1 is shown turned by 90°" in w for w in rotated.warnings)
    assert not any("turned" in w for w in plain.warnings)


def test_two_column_page_is_read_column_by_column(tmp_path):
    make_corpus.make_two_column_pdf(tmp_path / "cols.pdf")
    text = read_report(tmp_path / "cols.pdf")
    assert " ".join(make_corpus.two_column_lines()) in " ".join(text.split())


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_text_turned_on_the_page_is_read_along_its_lines(tmp_path, angle):
    make_corpus.make_sideways_pdf(tmp_path / "s.pdf", angle)
    result = read_report_full(tmp_path / "s.pdf")
    lines = [" ".join(ln.split()) for ln in make_corpus.GOOD_TEXT.split("\n") if ln.strip()]
    got = [" ".join(ln.split()) for ln in result.text.split("\n") if ln.strip()]
    assert got == [ln[:100].strip() for ln in lines]
    assert any(f"turned by {angle}° on the page" in w for w in result.warnings)


def test_a_landscape_page_drawn_turned_and_shown_upright_reads_plainly(tmp_path):
    """Text drawn turned on a portrait page, with /Rotate 90 so viewers show it upright (how
    landscape tables are made): read as is, no warning."""
    from pypdf import PdfReader, PdfWriter

    make_corpus.make_sideways_pdf(tmp_path / "s.pdf", 90)
    w = PdfWriter()
    for page in PdfReader(tmp_path / "s.pdf").pages:
        page.rotate(90)
        w.add_page(page)
    w.write(tmp_path / "landscape.pdf")
    result = read_report_full(tmp_path / "landscape.pdf")
    lines = [" ".join(ln.split()) for ln in make_corpus.GOOD_TEXT.split("\n") if ln.strip()]
    got = [" ".join(ln.split()) for ln in result.text.split("\n") if ln.strip()]
    assert got == [ln[:100].strip() for ln in lines]
    assert not any("turned" in w or "sideways" in w for w in result.warnings)


def test_a_table_of_short_cells_stays_row_by_row(tmp_path):
    """Two columns of labels and numbers are a table, not a two-column page."""
    path = tmp_path / "table.pdf"
    c, (w, h) = make_corpus._pdf_canvas(path)
    c.setFont("DejaVuSans", 12)
    rows = [(f"Chỉ tiêu số {i}", f"{i * 37},5 triệu đồng") for i in range(1, 16)]
    c.drawString(72, h - 60, "Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2025 phường")
    for i, (label, value) in enumerate(rows):
        c.drawString(72, h - 100 - 18 * i, label)
        c.drawString(360, h - 100 - 18 * i, value)
    c.showPage()
    c.save()
    result = read_report_full(path)
    flat = " ".join(result.text.split())
    assert all(f"{label} {value}" in flat for label, value in rows)
    assert not any("two columns" in w for w in result.warnings)


def test_seed_layout_pdfs_get_no_column_or_rotation_warning(tmp_path):
    make_corpus.make_valid_pdf(tmp_path / "v.pdf")
    warnings = read_report_full(tmp_path / "v.pdf").warnings
    assert not any("column" in w or "turned" in w or "sideways" in w for w in warnings)


# --------------------------------------------------------------------------- readers: DOCX


def test_roman_numerals_are_bounded():
    assert readers._roman(3999) == "MMMCMXCIX"
    assert readers._roman(2_000_000_000) == "2000000000"  # no loop of 2 million "M"s
    assert readers._roman(0) == "0" and readers._roman(-3) == "-3"


@pytest.mark.parametrize(
    "start, fmt, first_label",
    [("2000000000", "upperRoman", "I."), ("abc", "decimal", "1."), ("-5", "decimal", "1.")],
)
def test_bad_numbering_values_fall_back_with_a_warning(tmp_path, start, fmt, first_label):
    path = tmp_path / "numbered.docx"
    make_corpus.make_numbered_docx(path, start, fmt)
    result = read_report_full(path)
    labels = [ln.split(" ", 1)[0] for ln in result.text.split("\n") if ln[:1].isalnum()]
    assert first_label in labels
    assert len([w for w in result.warnings if "numbering" in w]) == 1, result.warnings


def test_docx_zip_bomb_is_refused_from_the_directory_alone(tmp_path, monkeypatch):
    """Nothing is unpacked: the refusal comes before any part is read."""
    path = tmp_path / "bomb.docx"
    make_corpus.make_zip_bomb_docx(path, mb=5)
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a: pytest.fail("a part was unpacked"))
    with pytest.raises(InputError, match="zip bomb"):
        read_report(path)


def test_docx_over_the_unpacked_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.docx"
    make_corpus.make_valid_docx(path)
    monkeypatch.setitem(readers._rules()["limits"], "docx_max_unpacked_mb", 0)
    with pytest.raises(InputError, match="would unpack to"):
        read_report(path)


def test_xxe_never_reads_the_file(tmp_path):
    path = tmp_path / "xxe.docx"
    make_corpus.docx_with({"word/footnotes.xml": make_corpus.XXE_FOOTNOTES})(path)
    with pytest.raises(InputError) as info:
        read_report(path)
    host = Path("/etc/hostname")
    if host.exists() and host.read_text().strip():
        assert host.read_text().strip() not in str(info.value)


def test_an_unexpected_error_inside_python_docx_is_a_message(tmp_path, monkeypatch):
    import docx

    path = tmp_path / "x.docx"
    make_corpus.make_valid_docx(path)

    def broken(*a, **k):
        raise KeyError("rId99")

    monkeypatch.setattr(docx, "Document", broken)
    with pytest.raises(InputError, match="cannot be read .KeyError"):
        read_report(path)


# --------------------------------------------------------------------------- control characters


def test_control_characters_are_removed_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text(make_corpus.CONTROL_TEXT, encoding="utf-8")
    result = read_report_full(path)
    assert "\x1b" not in result.text and "[31m" not in result.text
    assert "5.120 triệu đồng" in result.text
    assert "Tiếp nhận\n596" in result.text  # US became a space, VT a line break
    assert any("line 15" in w for w in result.warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_strip_controls_leaves_nothing_a_spreadsheet_refuses(text):
    cleaned, _ = strip_controls(text)
    assert not OPENPYXL_ILLEGAL.ILLEGAL_CHARACTERS_RE.search(cleaned)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    # every printable character outside an escape sequence is kept, in order
    rest = iter(cleaned)
    expected = [ch for ch in readers._ESCAPE_SEQ.sub("", text) if ch.isprintable()]
    assert all(ch in rest for ch in expected)


def test_text_with_escape_codes_builds_and_the_spreadsheet_is_written(project, tmp_path):
    """The report that used to stop the build in openpyxl: added, built, written to XLSX."""
    from solieu.pipeline import build_package, run_stages
    from solieu.xlsx import write_xlsx

    src = tmp_path / "mau.txt"
    src.write_text(make_corpus.CONTROL_TEXT, encoding="utf-8")
    code, out = run([src], project)
    assert code == 0, out
    assert any("removed 3 control character" in line for line in out)
    result = run_stages(project)
    assert not result.failed, [str(e) for e in result.errors]
    package = tmp_path / "package"
    build_package(project, result, package)
    xlsx = tmp_path / "solieu.xlsx"
    write_xlsx(package, xlsx)
    cells = xlsx_cells(xlsx)
    assert any("5.120" in c for c in cells)
    assert not any("\x1b" in c for c in cells)


@pytest.mark.slow
def test_solieu_build_with_escape_codes_writes_the_site_and_its_spreadsheet(tmp_path):
    """The whole `solieu build` (site included) on a project whose one report carries
    `\\x1b[31m`: no error, and the site's XLSX download is written and holds the figure."""
    proj = tmp_path / "proj"
    (proj / "sources").mkdir(parents=True)
    (proj / "sources" / "bao-cao.txt").write_text(make_corpus.CONTROL_TEXT, encoding="utf-8")
    (proj / "sources" / "catalog.yaml").write_text(
        "documents:\n  - {id: phuong-tam-thanh-2025-10-bao-cao, file: bao-cao.txt, "
        "unit_id: phuong-tam-thanh, period: 2025-10, kind: monthly_report}\n",
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "docs", proj / "docs")
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**os.environ, "SOLIEU_ROOT": str(proj)}
    done = subprocess.run(
        [sys.executable, "-m", "solieu.cli", "build"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    xlsx = proj / "build" / "site" / "tai-ve" / "bang-tinh" / "tinh-lang-son.xlsx"  # a province
    cells = xlsx_cells(xlsx)
    assert any("5.120 triệu đồng" in c for c in cells)


# --------------------------------------------------------------------------- numbers as text


def test_no_break_space_thousands_reach_ingest_intact(tmp_path):
    """ "5 120" with a no-break space (or a narrow one): the readers keep the character (text,
    DOCX) or a plain space (PDF), never a line break, never fewer digits; ingest keeps the
    digits with a space. (Parsing it as 5,120 is the number grammar's job: see below.)"""
    from solieu.ingest import ingest
    from solieu.model import DocumentMeta

    (tmp_path / "n.txt").write_text(make_corpus.NBSP_TEXT, encoding="utf-8")
    make_corpus.make_valid_docx(tmp_path / "n.docx", text=make_corpus.NBSP_TEXT)
    make_corpus.make_valid_pdf(tmp_path / "n.pdf", text=make_corpus.NBSP_TEXT)
    for name, spaces in (("n.txt", "\u00a0"), ("n.docx", "\u00a0"), ("n.pdf", " \u00a0")):
        text = read_report(tmp_path / name)
        assert any(f"5{s}120 triệu" in text for s in spaces), name
        doc = ingest(text, DocumentMeta(document_id="n", file=name))
        assert any(f"5{s}120 triệu" in doc.text for s in " \u00a0\u202f"), name
        assert any(f"1{s}596 hồ sơ" in doc.text for s in " \u00a0\u202f"), name


def test_no_break_space_thousands_are_parsed():
    from solieu.model import DocumentMeta
    from solieu.pipeline import process_text

    meta = DocumentMeta(document_id="n", file="n.txt", unit_id="phuong-tam-thanh")
    r = process_text(make_corpus.NBSP_TEXT, meta)
    assert any(f.value == 5.12e9 for f in r.figures)


def test_a_400_digit_number_is_no_internal_error():
    from solieu.model import DocumentMeta
    from solieu.pipeline import process_text

    text = make_corpus.GOOD_TEXT.replace("596 hồ sơ thủ tục", "9" * 400 + " hồ sơ thủ tục")
    r = process_text(text, DocumentMeta(document_id="n", file="n.txt", unit_id="phuong-tam-thanh"))
    assert not any(len(str(int(f.value))) > 30 for f in r.figures if f.value == f.value)
    assert any("too large" in w or "digits" in w for w in r.meta.warnings), r.meta.warnings


def test_extract_gives_a_message_not_a_traceback_whatever_the_number(tmp_path):
    from typer.testing import CliRunner

    from solieu.cli import app

    path = tmp_path / "so-lon.txt"
    path.write_text(
        make_corpus.GOOD_TEXT.replace("596 hồ sơ thủ tục", "9" * 400 + " hồ sơ thủ tục"), "utf-8"
    )
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert "so-lon.txt: internal error while extracting" in result.output


# --------------------------------------------------------------------------- the catalogue


def _catalogue(tmp_path: Path, body: str) -> Path:
    for name in ("conflict-a.txt", "conflict-b.txt"):
        shutil.copy(HERE / "bad_inputs" / name, tmp_path / name)
    cat = tmp_path / "catalog.yaml"
    cat.write_text(body, encoding="utf-8")
    return cat


GOOD = "  - {id: ok, file: conflict-a.txt, unit_id: phuong-tam-thanh, period: 2025-10, "
GOOD += "kind: monthly_report}\n"


def test_billion_laughs_in_a_title_is_refused_without_expanding(tmp_path):
    levels = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"&l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 12)
    ]
    cat = _catalogue(
        tmp_path,
        "documents:\n" + GOOD + "  - id: lol\n    file: conflict-b.txt\n"
        "    unit_id: phuong-tam-thanh\n    period: 2025-09\n    kind: monthly_report\n"
        f"    title: [{', '.join(levels)}]\n",
    )
    metas, errors = load_catalog(cat, set(load_units()), today=TODAY)  # 10^12 if expanded
    assert [m.document_id for m in metas] == ["ok"]
    assert len(errors) == 1 and "alias *l0" in str(errors[0])
    assert "line 8, field title" in (errors[0].where or "")


def test_an_alias_outside_any_entry_refuses_the_file(tmp_path):
    cat = _catalogue(tmp_path, "base: &b [1, 2]\nother: *b\ndocuments:\n" + GOOD)
    metas, errors = load_catalog(cat, today=TODAY)
    assert metas == [] and "alias *b" in str(errors[0]) and errors[0].where == "line 2"


def test_a_top_level_key_twice_is_refused(tmp_path):
    cat = _catalogue(tmp_path, "documents:\n" + GOOD + "documents:\n" + GOOD)
    metas, errors = load_catalog(cat, today=TODAY)
    assert metas == [] and "given twice (lines 1 and 3)" in str(errors[0])


def test_catalogue_not_utf8_is_a_message(tmp_path):
    cat = _catalogue(tmp_path, "")
    cat.write_bytes(("documents:\n" + GOOD).replace("ok", "đ").encode("cp1258"))
    metas, errors = load_catalog(cat, today=TODAY)
    assert metas == [] and "not UTF-8" in str(errors[0]) and errors[0].where == "line 2"


def test_a_file_name_too_long_for_the_system_is_a_message(tmp_path):
    long = GOOD.replace("conflict-a", "a" * 5000).replace("id: ok", "id: long")
    cat = _catalogue(tmp_path, "documents:\n" + GOOD + long)
    metas, errors = load_catalog(cat, today=TODAY)
    assert [m.document_id for m in metas] == ["ok"]
    assert "cannot be checked (File name too long)" in str(errors[0])


def test_catalogue_python_tags_are_refused(tmp_path):
    cat = _catalogue(tmp_path, "documents:\n  - !!python/object/apply:os.system ['touch INJ']\n")
    metas, errors = load_catalog(cat, today=TODAY)
    assert metas == [] and "not valid YAML" in str(errors[0])
    assert not (tmp_path / "INJ").exists()


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2025-10", "2025-02-30", "1999-10", "conflict-a.txt", ".", "..", "/etc"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=6,
)
FIELDS = ["id", "file", "unit_id", "period", "kind", "signed", "title", "original", "x"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=7), max_size=4))
def test_any_catalogue_entry_gives_messages_never_a_traceback(tmp_path_factory, entries):
    tmp = tmp_path_factory.mktemp("cat")
    body = yaml.safe_dump({"documents": [*entries, yaml.safe_load(GOOD.strip()[2:])]})
    cat = _catalogue(tmp, body)
    metas, errors = load_catalog(cat, set(load_units()), today=TODAY)
    assert "ok" in [m.document_id for m in metas]
    assert all(e.problem and e.hint and "\n" not in str(e) for e in errors)


def test_build_messages_are_not_read_as_markup(capsys):
    from solieu.cli import _report_errors

    _report_errors([InputError("[/red]x[bold].txt", "bad [/] value", hint="[/x]")])
    assert "[/red]x[bold].txt: bad [/] value" in capsys.readouterr().err


# --------------------------------------------------------------------------- add: periods, units


def test_add_refuses_a_report_before_2000(project, tmp_path):
    path = tmp_path / "cu.txt"
    path.write_text(
        make_corpus.report_text("PHƯỜNG TAM THANH", "phường", "tháng 10 năm 1999"), "utf-8"
    )
    code, out = run([path], project)
    assert code == 1 and "the period 1999-10 is before 2000" in out[0]


def test_add_warns_of_a_unit_that_did_not_exist_yet(project, tmp_path, monkeypatch):
    monkeypatch.setattr(
        add_mod,
        "_detect",
        lambda p, t: {"unit_id": "phuong-tam-thanh", "period": "2025-03", "kind": "monthly_report"},
    )
    path = tmp_path / "t3.txt"
    path.write_text(make_corpus.GOOD_TEXT.replace("tháng 10", "tháng 3"), "utf-8")
    code, out = run([path], project)
    assert code == 0, out
    assert any("doubt: phuong-tam-thanh exists from 2025-07-01" in line for line in out)


# --------------------------------------------------------------------------- add: isolation


def test_a_bug_in_a_reader_is_that_files_message_and_the_others_are_added(
    project, tmp_path, monkeypatch
):
    make_corpus.make_valid_docx(tmp_path / "a.docx")
    shutil.copy(HERE / "bad_inputs" / "conflict-a.txt", tmp_path / "b.txt")

    def broken(path, data):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(readers, "read_docx", broken)
    code, out = run([tmp_path / "a.docx", tmp_path / "b.txt"], project)
    assert code == 1
    assert out[0].startswith(f"✗ {tmp_path / 'a.docx'}: unexpected error, not added")
    assert "ZeroDivisionError" in out[0] and "please report" in out[0]
    assert any(line.startswith("✓ added") and "b.txt" in line for line in out)


def test_disk_full_is_one_line_and_leaves_nothing_behind(project, tmp_path, monkeypatch):
    before = visible(project)
    shutil.copy(HERE / "bad_inputs" / "conflict-a.txt", tmp_path / "a.txt")
    calls = []
    real = add_mod._write_durable

    def full(path, data):
        calls.append(path.name)
        if len(calls) == 2:  # the first file is written, then the disk fills
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(add_mod, "_write_durable", full)
    code, out = run([tmp_path / "a.txt"], project)
    assert code == 1
    failed = [line for line in out if line.startswith("✗")]
    assert len(failed) == 1 and "the disk is full (adding reports" in failed[0]
    assert "nothing was added" in failed[0]
    assert "free some space" in failed[0]
    assert visible(project) == before
    assert not [p for p in project.sources.iterdir() if p.name.startswith(".solieu-")]


def test_read_only_sources_is_one_line_naming_the_fix(project, tmp_path, monkeypatch):
    shutil.copy(HERE / "bad_inputs" / "conflict-a.txt", tmp_path / "a.txt")

    def denied(path, data):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(add_mod, "_write_durable", denied)
    code, out = run([tmp_path / "a.txt"], project)
    assert code == 1
    assert "(Permission denied; adding reports); nothing was added" in out[0]
    assert f"chmod u+w {project.sources}" in out[0]


def test_a_second_add_at_the_same_time_is_refused(project, tmp_path):
    import fcntl

    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.build / "add.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        code, out = run([HERE / "bad_inputs" / "conflict-a.txt"], project)
    assert code == 1 and "another `solieu add` is running" in out[0]


def test_the_fix_hint_for_a_hostile_name_runs_no_command(tmp_path):
    """The mis-encoded file's hint (`ftfy -o fixed.txt NAME`), pasted into a shell as is."""
    name = make_corpus.INJECTION_NAME
    (tmp_path / name).write_bytes(
        make_corpus.GOOD_TEXT.encode("utf-8").decode("cp1252", errors="replace").encode()
    )
    with pytest.raises(InputError) as info:
        read_report(tmp_path / name)
    command = info.value.hint.split(": ", 1)[1].split(" (then", 1)[0]
    assert command.startswith("ftfy -o fixed.txt ")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True)
    assert not (tmp_path / "INJ").exists()
    assert (tmp_path / "fixed.txt").exists()  # the command ran on the right file


# --------------------------------------------------------------------------- add: kill -9


def _recovered_as_before_or_added(project: Paths, before: dict[str, bytes]) -> str:
    after = visible(project)
    if after == before:
        return "as before"
    new = set(after) - set(before)
    catalogue = yaml.safe_load(after["catalog.yaml"])["documents"]
    names = {e["file"] for e in catalogue} | {e.get("original") for e in catalogue}
    assert new <= names, f"files no entry names: {new - names}"
    assert set(before) - {"catalog.yaml"} <= set(after)
    return "added"


@pytest.mark.parametrize(
    "point", ["written", "journal", "renamed-1", "renamed-2", "renamed", "catalogued"]
)
def test_kill_9_during_add_leaves_sources_as_before_or_fully_added(project, tmp_path, point):
    """`solieu add` in a child process, killed with SIGKILL at a named point; then the next
    `add` of the same file cleans up and gets the normal id (not `…-2`)."""
    pdf = tmp_path / "thang-10.pdf"
    make_corpus.make_valid_pdf(pdf)
    before = visible(project)
    env = {
        **os.environ,
        "SOLIEU_ROOT": str(project.root),
        add_mod.PAUSE_ENV: point,
        "PYTHONPATH": str(ROOT / "src"),
    }
    cmd = [sys.executable, "-m", "solieu.cli", "add", str(pdf)]
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    line = b""
    while time.monotonic() < deadline and b"paused at" not in line:
        line = child.stdout.readline()
        if not line and child.poll() is not None:
            break
    assert f"paused at {point}".encode() in line, line
    child.send_signal(signal.SIGKILL)
    child.wait()
    if point.startswith("renamed"):
        # killed between the files' renames and the catalogue's: the journal names exactly
        # the files that no entry names yet, so the next add can take them back
        journal = json.loads((project.sources / add_mod.JOURNAL).read_text())
        assert set(visible(project)) - set(before) <= set(journal["files"])
    state = (
        _recovered_as_before_or_added(project, before)
        if point
        not in (
            "renamed-1",
            "renamed-2",
            "renamed",
        )
        else None
    )
    env.pop(add_mod.PAUSE_ENV)
    again = subprocess.run(cmd, env=env, capture_output=True, text=True)
    doc_id = "phuong-tam-thanh-2025-10-bao-cao"
    if state == "added":
        assert again.returncode == 1 and "already in the catalogue" in again.stdout
    else:
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"as {doc_id}\n" in again.stdout  # the normal id, not …-2
    assert _recovered_as_before_or_added(project, before) == "added"
    assert not [p for p in project.sources.iterdir() if p.name.startswith(".solieu-")]
    metas, errors = load_catalog(project.catalog, set(load_units()))
    assert doc_id in [m.document_id for m in metas]
    assert not [e for e in errors if e.severity == "error"]
