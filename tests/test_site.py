"""Stage 5 (site): formatting, escaping, links, CSV slices and reproducibility on the fixture.

The fixture (tests/fixtures/site, made by make_fixture.py from the real sources) includes a
hostile paragraph with HTML, Jinja and Markdown link syntax, so escaping is always exercised.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.escaping import md_escape
from solieu.paths import Paths
from solieu.site import build_site, run_mkdocs
from solieu.site.fmt import exact_value, fmt_num, fold, human_value
from solieu.site.labels import period_label
from solieu.site.urls import anchor_id, rel

ROOT = Path(__file__).resolve().parents[1]
FX = ROOT / "tests" / "fixtures" / "site"


# ------------------------------------------------------------------ formatting
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10909, "10.909"),
        (8.37, "8,37"),
        (1073.664, "1.073,664"),
        (-1234.5, "-1.234,5"),
        (0, "0"),
        (10909000000.0, "10.909.000.000"),
        (0.1 + 0.2, "0,3"),
        (999, "999"),
        (1000, "1.000"),
    ],
)
def test_fmt_num_vietnamese(value, expected):
    assert fmt_num(value) == expected


def test_fmt_num_fixed_decimals_and_empty():
    assert fmt_num(8.3, 2) == "8,30"
    assert fmt_num(2.5, 0) in ("2", "3")
    assert fmt_num(None) == ""
    assert fmt_num("") == ""
    assert fmt_num(float("nan")) == ""


@pytest.mark.parametrize(
    ("value", "unit", "human", "exact"),
    [
        (10909000000, "VND", "10,91 tỷ đồng", "10.909.000.000 đồng"),
        (1992e9, "VND", "1.992 tỷ đồng", "1.992.000.000.000 đồng"),
        (659.6e6, "VND", "659,6 triệu đồng", "659.600.000 đồng"),
        (8.37, "percent", "8,37%", "8,37%"),
        (10.4, "pp", "10,4 điểm %", "10,4 điểm %"),
        (3110000, "lượt", "3,11 triệu lượt", "3.110.000 lượt"),
        (596, "dossiers", "596 hồ sơ", "596 hồ sơ"),
        (41710400000, "USD", "41,71 tỷ USD", "41.710.400.000 USD"),
        (1234.5, "ha", "1.234,5 ha", "1.234,5 ha"),
    ],
)
def test_human_and_exact_values(value, unit, human, exact):
    assert human_value(value, unit) == human
    assert exact_value(value, unit) == exact


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Thu ngân sách Đồng đăng") == "Thu ngan sach Dong dang"
    assert fold("giải ngân vốn đầu tư công") == "giai ngan von dau tu cong"


def test_period_labels():
    assert period_label("2025-06") == "Tháng 6/2025"
    assert period_label("2025-H1") == "6 tháng đầu năm 2025"
    assert period_label("2025-Q3") == "Quý III/2025"
    assert period_label("2025") == "Năm 2025"


def test_md_escape_neutralises_markup():
    s = str(md_escape("<script>alert(1)</script> {{ x }} [a](javascript:x) *b* {#id}"))
    assert "<script" not in s
    assert "[a](" not in s and "\\[a\\](" in s
    assert "\\{\\{" in s and "\\{\\#id\\}" in s


MD_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


def _md_render(markdown_src: str, element: str) -> tuple[str, set[str]]:
    """Text of the first ``element`` Python-Markdown (the site's extensions) makes of the
    source, and the names of all elements it made."""
    import html as _h

    import markdown

    out = markdown.markdown(markdown_src, extensions=MD_EXTENSIONS)
    tags = set(re.findall(r"<([a-z0-9]+)[\\s>]", out))
    m = re.search(rf"<{element}[^>]*>(.*?)</{element}>", out, re.S)
    return (_h.unescape(m.group(1)) if m else ""), tags


MD_HOSTILE = st.text(
    alphabet=st.sampled_from(list("<>&\"'`*_{}[]()#+-.!|~=:/\\ \n\tax1ạ;")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(MD_HOSTILE)
def test_md_escape_renders_exactly_the_text(raw):
    """In a paragraph, a heading and a table cell, md_escape(s) renders as s, never as markup."""
    want = " ".join(raw.split())
    esc = md_escape(raw)
    assert "\\n" not in esc
    text, tags = _md_render(esc, "p")
    assert text == want and tags <= {"p"}, (raw, esc)
    if want:
        text, tags = _md_render("## " + esc + " {#x}", "h2")
        assert text == want and tags <= {"h2"}, (raw, esc)
    text, tags = _md_render("| a |\n| --- |\n| " + esc + " |", "td")
    assert text == want and tags <= {"table", "thead", "tbody", "tr", "th", "td"}, (raw, esc)


def test_rel_links():
    assert rel("don-vi/u/2025-06/", "van-ban/d/#f-x") == "../../../van-ban/d/#f-x"
    assert rel("", "chi-tieu/") == "chi-tieu/"
    assert rel("chi-tieu/a/", "chi-tieu/a/") == "./"
    assert anchor_id("doc.abc123") == "f-doc-abc123"


def test_search_fold_hook():
    spec = importlib.util.spec_from_file_location("sf", ROOT / "docs/hooks/search_fold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    e = mod.fold_entry({"location": "x/", "title": "Thu ngân sách", "text": "<p>Giải ngân</p>"})
    assert e["title"] == "Thu ngân sách <span hidden>ngan sach</span>"
    assert e["text"].endswith("<span hidden>Giai ngan</span>")
    same = mod.fold_entry({"title": "GRDP", "text": "abc"})
    assert same == {"title": "GRDP", "text": "abc"}


# ------------------------------------------------------------------ fixture build
def _build(tmp: Path) -> Paths:
    paths = Paths(root=ROOT, build=tmp / "build")
    build_site(paths, FX / "datapackage", FX / "ingest")
    run_mkdocs(paths)
    return paths


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Paths:
    return _build(tmp_path_factory.mktemp("a"))


def _rows(name: str) -> list[dict[str, str]]:
    with (FX / "datapackage" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_page_exists(built):
    site = built.site
    for u in _rows("units"):
        assert (site / "don-vi" / u["unit_id"] / "index.html").exists()
    for d in _rows("documents"):
        assert (site / "van-ban" / d["document_id"] / "index.html").exists()
        assert (site / "don-vi" / d["unit_id"] / d["period"] / "index.html").exists()
    for i in _rows("indicators"):
        assert (site / "chi-tieu" / i["indicator_id"] / "index.html").exists()
    for p in (
        "index.html",
        "tai-ve/index.html",
        "phuong-phap/index.html",
        "linh-vuc/index.html",
        "don-vi/index.html",
        "chi-tieu/index.html",
    ):
        assert (site / p).exists(), p
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        js = (site / "assets" / "vendor" / name).read_text(encoding="utf-8")
        assert "sourceMappingURL" not in js


def test_work_programme_shows_tasks(built):
    doc = next(d for d in _rows("documents") if d["kind"] == "work_programme")
    html = (built.site / "don-vi" / doc["unit_id"] / doc["period"] / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="nhiem-vu"' in html
    assert html.count("<li>") > 10


def test_every_figure_has_an_anchor_and_every_link_lands(built):
    site = built.site
    anchors: dict[str, set[str]] = {}
    for d in _rows("documents"):
        html = (site / "van-ban" / d["document_id"] / "index.html").read_text(encoding="utf-8")
        anchors[d["document_id"]] = set(re.findall(r'id="(f-[^"]+)"', html))
    for f in _rows("figures"):
        assert anchor_id(f["figure_id"]) in anchors[f["document_id"]], f["figure_id"]
    n = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*van-ban/([^/"]+)/#(f-[^"]+))"', html):
            _, doc, anchor = href
            assert anchor in anchors[doc], (page, anchor)
            n += 1
    assert n > 20


def test_csv_slices_hold_exactly_the_table_rows(built):
    checked = 0
    for md in built.site_docs.rglob("index.md"):
        text = md.read_text(encoding="utf-8")
        for m in re.finditer(r'<div class="sl-table" id="[^"]+"[^>]*>(.*?)</table>', text):
            block = m.group(1)
            link = re.search(r'class="md-button sl-dl" href="([^"]+)"', block)
            if not link:
                continue
            ids = re.findall(r'<tr data-row-id="([^"]*)">', block)
            rows = list(
                csv.reader(io.StringIO((md.parent / link.group(1)).read_text(encoding="utf-8")))
            )
            header, body = rows[0], rows[1:]
            assert len(body) == len(ids), (md, link.group(1))
            key = next(
                c
                for c in ("observation_id", "figure_id", "check_id", "indicator_id")
                if c in header
            )
            import html as _h

            assert [r[header.index(key)] for r in body] == [_h.unescape(i) for i in ids]
            checked += 1
    assert checked >= 10


def test_source_text_is_inert(built):
    html = (built.site / "van-ban" / "tinh-lang-son-2025-h1-bao-cao" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "&lt;script&gt;alert" in html
    assert '<script>alert("x")' not in html
    assert "{{ 7*7 }}" in html
    assert "javascript:alert" in html  # shown as text...
    assert 'href="javascript:' not in html  # ...never as a link
    for page in built.site.rglob("*.html"):
        assert 'href="javascript:' not in page.read_text(encoding="utf-8"), page


def test_charts_embed_specs_and_offer_downloads(built):
    d = next(
        p
        for p in (built.site / "don-vi").glob("*/*/index.html")
        if 'class="sl-chart"' in p.read_text(encoding="utf-8")
    )
    html = d.read_text(encoding="utf-8")
    for spec in re.findall(r'<script type="application/json" class="sl-spec">(.*?)</script>', html):
        obj = json.loads(spec)
        assert obj["width"] == "container"
        assert "http" not in spec  # nothing loads from outside the site
    for ext in (".csv", ".vl.json", ".meta.json"):
        assert re.search(rf'href="[^"]+{re.escape(ext)}" download', html), ext
    assert 'data-export="png"' in html and 'data-export="svg"' in html
    assert "Trích dẫn" in html


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(built, tmp_path):
    other = _build(tmp_path)
    assert _digest(built.site_docs) == _digest(other.site_docs)
    assert _digest(built.site) == _digest(other.site)
