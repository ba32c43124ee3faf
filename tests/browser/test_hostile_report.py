"""A report whose every sentence carries a different injection payload is published as inert
text: through the whole pipeline, in every page of the site (a real browser, under the
Content-Security-Policy), in the per-table CSVs and in the XLSX download.

The payloads and the report are in ``tests/fixtures/site/hostile.py``.
"""

from __future__ import annotations

import csv
import functools
import http.server
import importlib.util
import io
import json
import sys
import threading

import pytest
from openpyxl import load_workbook

from solieu.package import read_resource
from solieu.paths import Paths
from solieu.pipeline import build
from solieu.xlsx import FORMULA_START, write_xlsx

from .conftest import ROOT, wait_for_charts

_spec = importlib.util.spec_from_file_location(
    "hostile_fixture", ROOT / "tests" / "fixtures" / "site" / "hostile.py"
)
hostile = importlib.util.module_from_spec(_spec)
sys.modules["hostile_fixture"] = hostile
_spec.loader.exec_module(hostile)

# Recorded before any page script runs: CSP violations and dialogs are what must never happen.
INIT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""
INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (a.name.toLowerCase().startsWith('on')) bad.push(el.tagName + '[' + a.name + ']');
  for (const sel of ['img[src="x"]', 'svg[onload]', 'iframe', 'object', 'embed', 'base',
       'a[href^="javascript"]', 'meta[http-equiv="refresh"]', 'details[ontoggle]',
       '[src*="evil"]', '[href*="evil"]', 'article style', 'article script:not([type])'])
    if (document.querySelector(sel)) bad.push(sel);
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Paths:
    proj = hostile.make_project(tmp_path_factory.mktemp("hostile"), ROOT)
    paths = Paths(proj)
    result = build(paths)
    assert not result.failed, [str(e) for e in result.errors]
    return paths


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    handler = functools.partial(_QuietHandler, directory=str(hostile_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _pages(paths: Paths) -> list[str]:
    return sorted(p.relative_to(paths.site).as_posix() for p in paths.site.rglob("*.html"))


def test_payloads_reach_every_kind_of_block(hostile_site):
    """The hostile report is not defused upstream: its payloads reach the site's inputs."""
    pkg = hostile_site.datapackage
    quotes = " ".join(o["quote"] for o in read_resource(pkg, "observations"))
    reached = [name for name, payload in hostile.PAYLOADS if payload in quotes]
    assert len(reached) >= len(hostile.PAYLOADS) - 3, reached
    checks = list(read_resource(pkg, "checks"))
    assert checks, "no arithmetic check: the checks table is not exercised"
    page = hostile_site.site / "chi-tieu" / "budget_revenue" / "index.html"
    html = page.read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the "Câu trích" column, escaped
    unit_page = (hostile_site.site / "don-vi" / hostile.UNIT_ID / "index.html").read_text("utf-8")
    assert 'class="sl-chart"' in unit_page


def test_generated_markdown_and_html_hold_no_live_markup(hostile_site):
    """Fast, without a browser: every generated page as an HTML parser sees it."""
    problems = {}
    for rel in _pages(hostile_site):
        found, csp = hostile.scan_html((hostile_site.site / rel).read_text(encoding="utf-8"))
        if found or csp != 1:
            problems[rel] = (found, csp)
    for md in sorted(hostile_site.site_docs.rglob("*.md")):
        found = hostile.scan_markdown(md.read_text(encoding="utf-8"))
        if found:
            problems[md.as_posix()] = found
    assert len(_pages(hostile_site)) > 50
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def _csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_per_table_csvs_are_spreadsheet_safe(hostile_site):
    """Cells that Excel would run are prefixed with "'" in the CSVs beside tables and charts;
    numbers in numeric columns stay numbers; the data package keeps the exact text."""
    types = {
        f["name"]: f.get("type", "string")
        for r in json.loads((hostile_site.datapackage / "datapackage.json").read_text("utf-8"))[
            "resources"
        ]
        for f in r["schema"]["fields"]
    }
    n_inert = n_files = 0
    for path in sorted(hostile_site.site.rglob("*.csv")):
        if "tai-ve" in path.relative_to(hostile_site.site).parts[:1]:
            continue  # the data package itself, exact
        n_files += 1
        for row in _csv_cells(path.read_text(encoding="utf-8-sig")):
            for k, v in row.items():
                if types.get(k) in ("number", "integer") and v:
                    float(v)  # a number, untouched
                    continue
                assert not v.startswith(FORMULA_START), (path.name, k, v)
                n_inert += v.startswith("'")
    assert n_files >= 5 and n_inert >= 3
    pkg = list(read_resource(hostile_site.datapackage, "observations"))
    assert any(o["quote"].startswith(("+cmd", "-2+3")) for o in pkg)  # the package stays exact


@pytest.mark.browser
def test_every_page_is_inert_in_chromium(browser, hostile_url, hostile_site):
    """No dialog, no injected element, no request elsewhere, no CSP violation; on every page."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.add_init_script(INIT)
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((hostile_url, "data:", "blob:")) else outside.append(r.url)
        ),
    )
    report = {}
    charts = 0
    for rel in _pages(hostile_site):
        page.goto(hostile_url + rel, wait_until="load")
        problems = []
        if page.locator(".sl-chart").count():
            try:
                wait_for_charts(page, timeout=10)
            except AssertionError:
                problems.append("charts not drawn")
            if page.locator(".sl-chart .sl-vega svg").count() != page.locator(".sl-chart").count():
                problems.append("a chart is missing")
            charts += 1
        problems += page.evaluate(INJECTED) + page.evaluate("window.__csp")
        if page.locator('meta[http-equiv="Content-Security-Policy"]').count() != 1:
            problems.append("no CSP meta")
        if problems:
            report[rel] = problems
    ctx.close()
    assert not dialogs, dialogs
    assert not outside, outside
    assert not report, json.dumps(report, ensure_ascii=False, indent=1)
    assert charts >= 3  # charts rendered under the policy


@pytest.mark.browser
def test_payloads_are_shown_as_text(browser, hostile_url):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{hostile_url}van-ban/{hostile.DOC_ID}/", wait_until="load")
    body = page.inner_text("article")
    missing = [name for name, payload in hostile.PAYLOADS if payload not in body]
    assert not missing, missing
    assert page.title().startswith("Báo cáo ‹img src=x onerror=alert(90)›")
    page.goto(f"{hostile_url}chi-tieu/budget_revenue/", wait_until="load")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("article")  # "Câu trích"
    ctx.close()


def test_hostile_quotes_stay_text_in_the_xlsx(hostile_site, tmp_path):
    out = tmp_path / "solieu.xlsx"
    write_xlsx(hostile_site.datapackage, out)
    wb = load_workbook(out)
    seen_formula_like = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    seen_formula_like += 1
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                assert cell.data_type != "f"
    assert seen_formula_like >= 2  # the quotes that start with = and + are there, as text
