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
from solieu.site.labels import period_label
from solieu.site.urls import anchor_id, rel
from solieu.vi_format import exact as exact_value
from solieu.vi_format import fold, human
from solieu.vi_format import number as fmt_num

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
    ("value", "unit", "human_text", "exact"),
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
def test_human_and_exact_values(value, unit, human_text, exact):
    assert human(value, unit) == human_text
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


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "hooks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_search_index_hook_folds_and_keeps_terms_hidden():
    mod = _hook("search_index")
    e = mod.fold_entry({"location": "x/", "title": "Thu ngân sách", "text": "<p>Giải ngân</p>"})
    assert e["title"] == "Thu ngân sách <span hidden>ngan sach</span>"
    assert e["text"].endswith("<span hidden>Giai ngan</span>")
    same = mod.fold_entry({"title": "GRDP", "text": "abc"})
    assert same == {"title": "GRDP", "text": "abc"}
    rec = {
        "location": "don-vi/x/",
        "title": "Phường Tam Thanh <b>",
        "text": "Phường · Lạng Sơn",
        "terms": ["Phường Tam Thanh", "Tổng thu ngân sách", "Tổng chi ngân sách"],
        "boost": 3.0,
    }
    e = mod.entry(rec)
    assert e["title"].startswith("Phường Tam Thanh &lt;b&gt;")
    hidden = e["text"].split("<span hidden>")[1]
    assert hidden.split().count("Tổng") == 1 and "chi" in hidden and "thu" in hidden
    assert "Tong" in e["text"] and "ngan" in e["text"] and e["boost"] == 3.0
    index = mod.search_index([rec])
    assert index["config"]["lang"] == ["vi"] and len(index["docs"]) == 1


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


def test_no_page_gives_two_elements_one_id(built):
    """An anchor (a heading's, a table's, a value's permalink) names one element: a link to
    it, a screen reader's jump and a citation must not land on another."""
    from collections import Counter

    pages = 0
    for page in built.site.rglob("*.html"):
        ids = Counter(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        twice = sorted(k for k, n in ids.items() if n > 1)
        assert not twice, f"{page.relative_to(built.site)}: {twice[:5]}"
        pages += 1
    assert pages > 20


def test_csv_slices_hold_exactly_the_table_rows(built):
    """Every "Tải CSV" holds exactly its table's rows (those shown and those loaded on demand),
    opens in Excel (UTF-8 with BOM) and has Vietnamese names beside the codes."""
    import html as _h

    checked = named = 0
    for page in built.site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(
            r'<div class="sl-table" id="([^"]+)"[^>]*>(.*?)</table></div>(.*?)</div>', text, re.S
        ):
            block, after = m.group(2), m.group(3)
            link = re.search(r'class="md-button sl-dl" href="([^"]+)"', block)
            if not link:
                continue
            ids = [_h.unescape(i) for i in re.findall(r'<tr data-row-id="([^"]*)"', block)]
            anchors = re.findall(r'<tr id="(v-[0-9a-f]+)"', block)  # rows with a permalink
            if "data-from-csv" in block:  # drawn from the CSV: it holds the marked figures
                marks = re.findall(r'<mark class="sl-fig" id="(f-[^"]+)"', text)
                ids = [m for m in marks]  # compared as anchors below
            more = re.search(r'data-more="([^"]+)"', after)
            if more:
                extra = json.loads((page.parent / _h.unescape(more.group(1))).read_text("utf-8"))
                ids += [r["id"] for r in extra["rows"]]
            raw = (page.parent / link.group(1)).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), link.group(1)  # BOM: Excel reads UTF-8
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            header, body = rows[0], rows[1:]
            n_shown = len(ids) + len(anchors)
            assert len(body) == n_shown or "data-from-csv" in block, (page, link.group(1))
            key = next(
                c
                for c in ("observation_id", "figure_id", "check_id", "indicator_id")
                if c in header
            )
            got = [r[header.index(key)] for r in body]
            if anchors:
                from solieu.site.context import value_anchor

                ids = anchors
                got = [value_anchor({"observation_id": g}) for g in got]
            if "data-from-csv" in block:
                assert {"f-" + g.replace(".", "-") for g in got} >= set(ids)
            else:
                assert got == ids
            if "indicator_id" in header and "observation_id" in header:
                assert header[header.index("indicator_id") + 1] == "indicator_name_vi"
                assert header[header.index("unit_id") + 1] == "unit_name"
                named += 1
            checked += 1
    assert checked >= 10 and named >= 5


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


def _chart_pages(site: Path) -> list[Path]:
    return [
        p
        for p in sorted(site.rglob("index.html"))
        if 'class="sl-chart"' in p.read_text(encoding="utf-8") and "bieu-do/" not in str(p)
    ]


def test_charts_load_their_specs_on_demand_one_kind_of_span_each(built):
    pages = _chart_pages(built.site)
    assert any("/chi-tieu/" in str(p) for p in pages) and any("/don-vi/" in str(p) for p in pages)
    n = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script type="application/json"' not in html  # specs are files, fetched later
        specs = json.loads((page.parent / "bieu-do.json").read_text(encoding="utf-8"))
        for chart_id in re.findall(
            r'<figure class="sl-chart" id="([^"]+)" data-src="bieu-do.json"', html
        ):
            c = specs[chart_id]
            assert len(c["kinds"]) == 1, (page, chart_id, c["kinds"])  # never two kinds of span
            spec = json.dumps(c["spec"])
            assert "http" not in spec and c["spec"]["width"] == "container"
            assert c["title"] and any(x.startswith("Nguồn: ") for x in c["lines"])
            values = c["spec"]["data"]["values"]
            if "date" in values[0]:  # a time series: a time axis, and more than one date
                assert c["spec"]["encoding"]["x"]["type"] == "temporal"
                assert len({v["date"] for v in values}) >= 2
            else:  # units of one level side by side
                levels = {built_levels()[n] for n in {v["name"] for v in values}}
                assert len(levels) == 1, (page, chart_id, levels)
            embed = page.parent / "bieu-do" / chart_id / "index.html"
            e = embed.read_text(encoding="utf-8")
            assert e.count('class="sl-chart"') == 1 and 'http-equiv="Content-Security-Policy"' in e
            assert f'data-chart="{chart_id}"' in e and "<script>" not in e
            n += 1
        for ext in (
            'data-export="png"',
            'data-export="svg"',
            'data-export="spec"',
            "Nhúng biểu đồ",
        ):
            assert ext in html
        assert "Trích dẫn" in html
    assert n >= 3


def built_levels() -> dict[str, str]:
    from solieu.site.data import LEVEL_GROUPS

    return {u["name"]: LEVEL_GROUPS.get(u["level"], "commune") for u in _rows("units")}


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


# ------------------------------------------------------------------ escaping by construction
SITE_SRC = ROOT / "src" / "solieu" / "site"
HTML_IN_PYTHON = re.compile(
    r"Markup\(f|<(?:a|p|td|th|tr|div|span|ul|ol|li|dl|dt|dd|table|figure|script|sup|mark"
    r"|strong|em|code|details|summary|h[1-6]|br|img|data)[\s>/]"
)


def test_site_python_writes_no_markup():
    """Markup is written by the templates only; Python modules hand them plain data."""
    offenders = []
    for py in sorted(SITE_SRC.rglob("*.py")):
        for n, line in enumerate(py.read_text(encoding="utf-8").splitlines(), 1):
            if HTML_IN_PYTHON.search(line):
                offenders.append(f"{py.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
    marked_safe = [
        py.name for py in SITE_SRC.rglob("*.py") if "Markup(" in py.read_text(encoding="utf-8")
    ]
    assert marked_safe == ["render.py"]  # the md and anchor filters, escaped by construction


def test_one_md_escape_in_the_code_base():
    defs = [
        py.relative_to(ROOT).as_posix()
        for py in (ROOT / "src").rglob("*.py")
        if re.search(r"^def md_escape\b", py.read_text(encoding="utf-8"), re.M)
    ]
    assert defs == ["src/solieu/escaping.py"]


def _site_imports() -> dict[str, set[str]]:
    """solieu.site module → the solieu.site modules it imports (relative or absolute)."""
    import ast

    graph: dict[str, set[str]] = {}
    for py in SITE_SRC.rglob("*.py"):
        parts = list(py.relative_to(SITE_SRC.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        mod = ".".join(parts[:-1] if is_pkg else parts)
        package = mod if is_pkg else mod.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    target = f"{base}.{node.module}" if node.module else base
                else:
                    target = (node.module or "").removeprefix("solieu.")
                if not node.module:  # "from . import x": each name is a module
                    deps |= {f"{target}.{a.name}" for a in node.names}
                else:
                    deps.add(target)
        graph[mod] = {d for d in deps if d.startswith("site")}
    return graph


def test_site_modules_have_no_import_cycles():
    graph = _site_imports()
    assert "site.pages.home" in graph and "site.context" in graph["site.pages.home"]

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            raise AssertionError("import cycle: " + " → ".join([*path[path.index(node) :], node]))
        for dep in sorted(graph.get(node, ())):
            if dep != node:
                visit(dep, [*path, node])

    for mod in sorted(graph):
        visit(mod, [])


def test_fragments_stay_out_of_markdown_and_come_back_whole():
    from solieu.site.render import environment, placeholder, split_fragments

    env = environment()
    page = env.from_string(
        "# T\n\n{{ frag_open }}<p>{{ x }}</p>\n\n<p>b</p>{{ frag_close }}\n\n## H\n"
    ).render(x="\x02<script>\x03")
    md, frags = split_fragments(page)
    ((key, html),) = frags.items()
    assert md == f"# T\n\n{placeholder(key)}\n\n## H\n"
    assert html == "<p>&lt;script&gt;</p>\n\n<p>b</p>"  # report text cannot open or close one
    with pytest.raises(ValueError):
        split_fragments("# T\n\n\x02<p>open</p>\n")


def test_anchors_and_relative_links_cannot_be_hijacked():
    from solieu.site.render import environment

    md = environment().get_template("md.j2").module
    assert str(md.h(2, "Tiêu đề {#x}", "noi-dung")).endswith("\\{\\#x\\} {#noi-dung}")
    with pytest.raises(ValueError):
        md.h(2, "x", 'y} {: onclick="alert(1)"')
    assert rel("don-vi/", "don-vi/javascript:alert(1)/") == "./javascript:alert(1)/"


def test_per_table_csv_defuses_formulas_but_keeps_numbers():
    from solieu.site.tables import csv_text

    rows = [
        {"quote": '=HYPERLINK("http://x")', "value": "-12.5", "n": "-3", "unit": "-x"},
        {"quote": "+1", "value": "", "n": "4", "unit": "@a"},
        {"quote": "\tx", "value": "1e3", "n": "5", "unit": "\rb"},
    ]
    types = {"quote": "string", "value": "number", "n": "integer", "unit": "string"}
    text = csv_text(list(types), rows, types)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with a BOM
    out = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [r["quote"] for r in out] == ['\'=HYPERLINK("http://x")', "'+1", "'\tx"]
    assert [r["value"] for r in out] == ["-12.5", "", "1e3"]
    assert [r["n"] for r in out] == ["-3", "4", "5"]
    assert [r["unit"] for r in out] == ["'-x", "'@a", "'\rb"]


def _csp_hook():
    spec = importlib.util.spec_from_file_location("csp", ROOT / "docs/hooks/csp.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_csp_hook_hashes_theme_scripts_never_content():
    csp = _csp_hook()
    content = "<p>x</p><script>alert(1)</script>"
    page = (
        '<html><head><meta charset="utf-8"><script>var a=1</script></head><body>'
        f'{content}<script type="application/json">{{"a":1}}</script>'
        '<script src="x.js"></script></body></html>'
    )
    out = csp.add_policy(page, content)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert meta and out.index(meta.group(0)) < out.index("<script>")
    policy = dict(d.split(" ", 1) for d in meta.group(1).split("; "))
    assert (
        policy["script-src"] == "'self' " + csp.inline_script_hashes("<script>var a=1</script>")[0]
    )
    assert policy["object-src"] == "'none'" and policy["style-src"] == "'self'"
    assert "unsafe" not in meta.group(1)
    with pytest.raises(ValueError):
        csp.add_policy(page, "<p>not in the page</p>")


def test_every_built_page_has_the_csp_meta(built):
    pages = list(built.site.rglob("*.html"))
    assert (built.site / "404.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page


# ------------------------------------------------------------------ hostile data package
def _hostile_fixture():
    spec = importlib.util.spec_from_file_location(
        "hostile_fixture", FX.parent / "site" / "hostile.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_hostile_package_renders_inert(tmp_path):
    """Payloads in every free-text field of the package and in every document: the Markdown
    and HTML of the whole site hold them as text only (no browser: an HTML parser)."""
    hostile = _hostile_fixture()
    hostile.hostile_package(FX / "datapackage", tmp_path / "pkg")
    hostile.hostile_ingest(FX / "ingest", tmp_path / "ingest")
    paths = Paths(root=ROOT, build=tmp_path / "build")
    build_site(paths, tmp_path / "pkg", tmp_path / "ingest")
    run_mkdocs(paths)
    problems = {}
    for page in sorted(paths.site.rglob("*.html")):
        found, n_csp = hostile.scan_html(page.read_text(encoding="utf-8"))
        if found or n_csp != 1:
            problems[page.relative_to(paths.site).as_posix()] = (found, n_csp)
    for md in sorted(paths.site_docs.rglob("*.md")):
        if found := hostile.scan_markdown(md.read_text(encoding="utf-8")):
            problems[md.relative_to(paths.site_docs).as_posix()] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    doc = next((paths.site / "van-ban").glob("*/index.html")).read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc
    assert "[bấm vào đây](javascript:alert(5))" in doc  # shown as text, not a link
    nav = (paths.build / "site-nav.json").read_text(encoding="utf-8")
    assert "<" not in nav


# ------------------------------------------------------------------ incremental builds
def _package_without(src: Path, out: Path, document_id: str) -> Path:
    """A copy of a (single-file) package without one document's rows."""
    out.mkdir(parents=True)
    for p in src.iterdir():
        if p.suffix != ".csv" or p.name == "units.csv":
            (out / p.name).write_bytes(p.read_bytes())
            continue
        with p.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [r for r in reader if r.get("document_id") != document_id]
            fields = reader.fieldnames
        with (out / p.name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    return out


@pytest.mark.slow
def test_an_incremental_build_equals_a_clean_build(tmp_path):
    """One report added: the site built over the previous one (pages regenerated from the
    cache, mkdocs rebuilding only changed pages) is byte for byte the clean build's."""
    added = "phuong-tam-thanh-2025-11-bao-cao"
    before = _package_without(FX / "datapackage", tmp_path / "before", added)
    inc = Paths(root=ROOT, build=tmp_path / "inc")
    build_site(inc, before, FX / "ingest")
    run_mkdocs(inc)
    previous = tmp_path / "previous-site"
    import shutil

    shutil.copytree(inc.site, previous)
    assert not (previous / "van-ban" / added).exists()
    stats = build_site(inc, FX / "datapackage", FX / "ingest")
    assert stats.kept >= 20 and stats.written < stats.kept + stats.written  # some untouched
    published = _digest(previous)
    run_mkdocs(inc, previous_site=previous)
    # the new site shares the unchanged files (hard links) and never writes through them
    assert _digest(previous) == published
    shared = [p for p in inc.site.rglob("*.html") if p.stat().st_nlink > 1]
    assert shared, "no page of the previous site was reused"
    clean = Paths(root=ROOT, build=tmp_path / "clean")
    build_site(clean, FX / "datapackage", FX / "ingest")
    run_mkdocs(clean)
    assert _digest(inc.site) == _digest(clean.site)
    assert _digest(inc.site_docs) == _digest(clean.site_docs)


def test_a_page_changed_by_hand_is_made_again(tmp_path):
    """Pages the previous build left in place are trusted only while their files are the
    ones it wrote (`PageManifest`): a page edited or deleted by hand is made again, and a
    build without the manifest (one stopped while writing) compares every file."""
    paths = Paths(root=ROOT, build=tmp_path / "b")
    build_site(paths, FX / "datapackage", FX / "ingest")
    first = _digest(paths.site_docs)
    page = next(p for p in sorted(paths.site_docs.glob("van-ban/*/index.md")))
    page.write_text(page.read_text(encoding="utf-8") + "\nsửa tay\n", encoding="utf-8")
    other = next(p for p in sorted(paths.site_docs.glob("don-vi/*/index.md")))
    other.unlink()
    stats = build_site(paths, FX / "datapackage", FX / "ingest")
    assert stats.written == 2 and _digest(paths.site_docs) == first
    (paths.build / "site-pages.json").unlink()
    page.write_text("sửa tay", encoding="utf-8")
    build_site(paths, FX / "datapackage", FX / "ingest")
    assert _digest(paths.site_docs) == first


def test_why_an_observation_was_mapped_is_said_in_vietnamese(root):
    """Every `why` of the package reads in Vietnamese on the site: no rule codes, window
    names or English connecting words (the words that named the concept are kept)."""
    from solieu.package import read_resource
    from solieu.site.labels import why_label

    english = re.compile(r"\b(rule|windows?|figure|basis|former unit|right|before|after|clause)\b")
    seen = 0
    for row in read_resource(root / "datapackage", "observations"):
        if not row.get("why"):
            continue
        said = why_label(row["why"], lambda unit_id: "ĐƠN VỊ")
        names = re.findall(r"“[^”]*”", said)
        rest = re.sub(r"“[^”]*”", "", said)
        assert not english.search(rest), (row["why"], said)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", rest), (row["why"], said)  # no codes
        assert names == re.findall(r"“[^”]*”", row["why"])  # the report's words, unchanged
        seen += 1
    assert seen > 50


def codes_shown(site: Path) -> dict[str, list[str]]:
    """Page → snake_case codes its visible text holds (the downloads page documents the files'
    columns for code, and is left out)."""
    import html as html_mod

    code = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
    found = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(("tai-ve/", "assets/")):
            continue
        shown = re.sub(
            r"<script.*?</script>|<style.*?</style>", "", page.read_text("utf-8"), flags=re.S
        )
        shown = html_mod.unescape(re.sub(r"<[^>]+>", " ", shown))
        if codes := sorted(set(code.findall(shown))):
            found[rel] = codes[:5]
    return found


def test_readers_see_no_codes(built):
    """Vietnamese all through: no indicator, basis or field code in what a page shows."""
    assert not codes_shown(built.site)
