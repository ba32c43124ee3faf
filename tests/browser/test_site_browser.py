"""The built site in headless chromium: loads cleanly, offline, accessible, charts and CSVs work.

Run: ``.venv/bin/pytest -m browser tests/browser`` (after ``make site``; without a build the
fixture package is built to a temporary directory).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT, SCREENSHOTS, wait_for_charts

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CSP_LISTENER = """
window.__csp = window.__csp || [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def open_page(page, base_url: str, path: str, errors: list[str], outside: list[str]):
    page.on(
        "console",
        lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))

    def on_request(r):
        if not r.url.startswith(base_url) and not r.url.startswith(("data:", "blob:")):
            outside.append(r.url)

    page.on("request", on_request)
    page.add_init_script(CSP_LISTENER)
    page.goto(base_url + path, wait_until="networkidle")
    if page.locator(".sl-chart").count():
        wait_for_charts(page)
    return page


def test_every_page_type_loads_offline_without_errors(page, base_url, page_types):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in page_types.items():
        errors: list[str] = []
        outside: list[str] = []
        open_page(page, base_url, path, errors, outside)
        assert page.locator("h1").count() >= 1, name
        assert not errors, (name, errors)
        assert not outside, (name, outside)
        # the Content-Security-Policy is there, and nothing the site does runs into it
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, name
        assert page.evaluate("window.__csp") == [], name
        n_charts = page.locator(".sl-chart").count()
        assert page.locator(".sl-chart .sl-vega svg").count() == n_charts, name
        page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=False)
        page = page.context.new_page()  # fresh listeners for the next page type


def test_chart_renders_svg_with_vietnamese_labels(page, base_url, page_types):
    open_page(page, base_url, page_types["unit_period"], [], [])
    svg = page.locator(".sl-chart .sl-vega svg")
    assert svg.count() >= 1
    labels = page.eval_on_selector_all(".sl-chart svg text", "els => els.map(e => e.textContent)")
    numeric = [t for t in labels if re.fullmatch(r"-?[\d.,]+%?", t.strip())]
    assert numeric, labels
    # Vietnamese: "." groups thousands, "," is the decimal mark.
    assert not any(
        re.search(r"\d,\d{3}(?!\d)", t) and "." not in t
        for t in numeric
        if re.search(r"\d{4}", t.replace(",", ""))
    ), numeric
    assert not any(re.fullmatch(r"-?\d+\.\d{1,2}%?", t) for t in numeric), numeric
    vi = [t for t in numeric if re.search(r"\d\.\d{3}|\d,\d", t)]
    assert vi, f"no Vietnamese-formatted number among chart labels: {numeric}"


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_links_download_exactly_the_rows_shown(page, base_url, page_types):
    for key in ("unit_period", "indicator"):
        open_page(page, base_url, page_types[key], [], [])
        tables = page.locator(".sl-table")
        assert tables.count() >= 1
        for i in range(tables.count()):
            t = tables.nth(i)
            link = t.locator("a.sl-dl")
            if not link.count():
                continue
            ids = t.locator("tbody tr").evaluate_all(
                "rows => rows.map(r => r.getAttribute('data-row-id'))"
            )
            href = link.first.get_attribute("href")
            if link.first.is_visible():  # a real click on the link, as a reader does
                with page.expect_download() as dl:
                    link.first.click()
                text = Path(dl.value.path()).read_text(encoding="utf-8")
            else:  # tables folded inside a chart's <details>: fetch the same URL
                url = page.evaluate("h => new URL(h, location.href).href", href)
                text = page.request.get(url).text()
            rows = _csv_rows(text)
            assert len(rows) == len(ids), (href, len(rows), len(ids))
            id_col = (
                next(
                    c
                    for c in ("observation_id", "figure_id", "check_id", "indicator_id")
                    if rows and c in rows[0]
                )
                if rows
                else None
            )
            if rows:
                assert [r[id_col] for r in rows] == ids, href


def _first_result(page, base_url: str, query: str) -> str:
    page.goto(base_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens: open the search dialog first
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    box.fill(query)  # the whole query at once: no race with a partly typed query
    box.press("End")  # Material listens for key events
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    first = page.locator(".md-search-result__item a").first
    href, previous = first.get_attribute("href") or "", None
    while href != previous:  # wait until the result list is stable
        page.wait_for_timeout(400)
        previous, href = href, first.get_attribute("href") or ""
    return href.split("?")[0]


@pytest.mark.parametrize(
    ("plain", "accented", "expected"),
    [
        ("thu ngan sach", "thu ngân sách", r"chi-tieu/budget_revenue[a-z_]*/$"),
        (
            "giai ngan von dau tu cong",
            "giải ngân vốn đầu tư công",
            r"chi-tieu/public_investment_disbursed[a-z_]*/$",
        ),
        ("tam thanh", "Tam Thanh", r"don-vi/phuong-tam-thanh/$"),
    ],
)
def test_search_with_and_without_diacritics(page, base_url, plain, accented, expected):
    without = _first_result(page, base_url, plain)
    with_ = _first_result(page, base_url, accented)
    print(f"\nsearch {plain!r} → {without}; {accented!r} → {with_}")
    assert re.search(expected, without), (plain, without)
    assert re.search(expected, with_), (accented, with_)
    assert without == with_


def _axe(page) -> list[dict]:
    # evaluated through the DevTools protocol: an inline script tag would be refused by the
    # page's Content-Security-Policy (axe is the test's tool, not part of the site)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    res = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in res["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_no_serious_or_critical_violations(page, base_url, page_types):
    report = {}
    for scheme in ("default", "slate"):
        for name, path in page_types.items():
            open_page(page, base_url, path, [], [])
            if scheme == "slate":
                page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                page.wait_for_timeout(600)  # theme colour transitions, chart re-render
            report[f"{name}:{scheme}"] = _axe(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "axe.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    bad = {k: v for k, v in report.items() if v}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_no_horizontal_scroll_at_375px(browser, base_url, page_types):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = ctx.new_page()
    overflow = {}
    for name, path in page_types.items():
        open_page(page, base_url, path, [], [])
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            overflow[name] = width
        page.screenshot(path=str(SCREENSHOTS / f"{name}-375.png"), full_page=False)
    ctx.close()
    assert not overflow, overflow


def test_dark_palette_screenshot(page, base_url, page_types):
    page.emulate_media(color_scheme="dark")
    open_page(page, base_url, page_types["unit_period"], [], [])
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_timeout(500)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    page.screenshot(path=str(SCREENSHOTS / "unit_period-dark.png"), full_page=False)


def test_unit_period_page_weight_under_600kb_gzip(
    browser, base_url, report_period_pages, built_site
):
    report = {}
    for path in report_period_pages:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        sizes: dict[str, int] = {}

        def on_finished(req, sizes=sizes):
            s = req.sizes()
            sizes[req.url] = s["responseBodySize"] + s["responseHeadersSize"]

        page.on("requestfinished", on_finished)
        open_page(page, base_url, path, [], [])
        page.wait_for_timeout(500)  # the search worker fetches its index after load
        # Material loads the search index in a web worker; count it even if not observed.
        idx = built_site.site / "search" / "search_index.json"
        if not any(u.endswith("search_index.json") for u in sizes) and idx.exists():
            sizes["search/search_index.json (worker)"] = len(gzip.compress(idx.read_bytes(), 6))
        total = sum(sizes.values())
        ctx.close()
        report[path] = {"total_bytes": total, "requests": sizes}
        print(
            f"\nunit×period page {path}: {total / 1024:.1f} KB over the wire (gzip), "
            f"{len(sizes)} requests"
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "weight.json").write_text(json.dumps(report, indent=1))
    heavy = {p: r["total_bytes"] for p, r in report.items() if r["total_bytes"] > 600 * 1024}
    assert not heavy, heavy


def test_document_figures_are_focusable_with_tooltip(page, base_url, page_types):
    open_page(page, base_url, page_types["document"], [], [])
    mark = page.locator("mark.sl-fig").first
    mark.focus()
    tip = mark.locator(".sl-tip")
    assert tip.is_visible()
    assert "Giá trị" in tip.inner_text()
