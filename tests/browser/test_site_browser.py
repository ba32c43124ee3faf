"""The built site in headless chromium (the embedded corpus plus one synthetic month): loads
cleanly and offline under its Content-Security-Policy, shows time and place truthfully, reads
on a phone, finds "place + topic", cites, exports, embeds, downloads, is accessible, is light.

Run: ``.venv/bin/pytest -m browser tests/browser``. Screenshots of every page type at 375 and
1280 px, the axe report and the page weights are written to ``build/screenshots`` (and the
heaviest page's weight to ``build/bench/page-weight.json`` for ``make bench``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT, SCREENSHOTS, draw_charts, read_rows

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BENCH = ROOT / "build" / "bench"
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
        draw_charts(page)
    return page


def _shot(page, name: str) -> None:
    """The page as a reader first sees it, and down to 4,000 px (tall pages are cut)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(SCREENSHOTS / name),
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


def test_every_page_type_loads_offline_without_errors(browser, base_url, page_types):
    for width in (1280, 375):
        ctx = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
        for name, path in page_types.items():
            page = ctx.new_page()  # fresh listeners for each page type
            errors: list[str] = []
            outside: list[str] = []
            open_page(page, base_url, path, errors, outside)
            assert page.locator("h1, figcaption").count() >= 1, name
            assert not errors, (name, errors)
            assert not outside, (name, outside)
            # the Content-Security-Policy is there, and nothing the site does runs into it
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, name
            assert page.evaluate("window.__csp") == [], name
            n_charts = page.locator(".sl-chart").count()
            assert page.locator(".sl-chart .sl-vega svg").count() == n_charts, name
            _shot(page, f"{name}-{width}.png")
            page.close()
        ctx.close()


def test_charts_use_one_kind_of_span_a_time_axis_and_mark_estimates(page, base_url, page_types):
    """No chart joins a month's flow, a running total and a level; time is a time axis; an
    estimate is a hollow point with a legend and says so in its tooltip; tables mark it too."""
    open_page(page, base_url, page_types["unit"], [], [])
    specs = page.evaluate("fetch('bieu-do.json').then(r => r.json())")
    assert specs
    for chart_id, c in specs.items():
        assert len(c["kinds"]) == 1, (chart_id, c["kinds"])
        assert c["spec"]["encoding"]["x"]["type"] == "temporal", chart_id
        title = c["title"].lower()
        assert any(
            k in title
            for k in (
                "từng tháng",
                "lũy kế",
                "tại thời điểm",
                "từng quý",
                "6 tháng",
                "cả năm",
                "kỳ khác",
            )
        ), title
    est = [
        k
        for k, c in specs.items()
        if any(p["est"] == "Ước tính" for p in c["spec"]["data"]["values"])
    ]
    assert est, "the synthetic month's estimate is in no chart"
    fig = page.locator(f"#{est[0]}")
    legend = fig.locator("svg").text_content()
    assert "Ước tính" in legend and "Số liệu báo cáo" in legend
    # hover each point until the tooltip of the estimate shows
    points = fig.locator("svg path[aria-roledescription='point'], svg .mark-symbol path")
    seen = []
    for i in range(points.count()):
        points.nth(i).hover(force=True)
        page.wait_for_timeout(150)
        tip = page.locator("#vg-tooltip-element")
        if tip.count() and tip.is_visible():
            seen.append(tip.inner_text())
    assert any("Ước tính" in t for t in seen), seen
    assert page.locator("table .sl-est").count() >= 1  # and in the tables


def test_indicator_page_compares_units_of_one_level(page, base_url, built_site, page_types):
    levels = {
        u["name"]: {"ward": "commune", "special_zone": "commune"}.get(u["level"], u["level"])
        for u in read_rows(built_site.datapackage, "units")
    }
    n = 0
    for ind in sorted(built_site.site.glob("chi-tieu/*/bieu-do.json")):
        specs = json.loads(ind.read_text(encoding="utf-8"))
        for chart_id, c in specs.items():
            names = {v.get("name") for v in c["spec"]["data"]["values"]} - {None}
            assert len({levels[x] for x in names}) == 1, (ind, chart_id, names)
            assert len(c["kinds"]) == 1, (ind, chart_id)
            n += 1
    assert n >= 1
    open_page(page, base_url, page_types["indicator"], [], [])
    panels = page.locator("h2").all_inner_texts()
    assert any(t.startswith("Cấp") for t in panels), panels


def test_unit_picker_redraws_the_series(page, base_url, built_site):
    """The series of an indicator's level shows the units a reader picks (OWID-style)."""
    for ind in sorted(built_site.site.glob("chi-tieu/*/bieu-do.json")):
        specs = json.loads(ind.read_text(encoding="utf-8"))
        picked = [k for k, c in specs.items() if "picker" in c]
        if picked:
            break
    else:
        pytest.skip("no level series with a picker in this corpus")
    path = ind.parent.relative_to(built_site.site).as_posix() + "/"
    open_page(page, base_url, path, [], [])
    fig = page.locator(f"#{picked[0]}")
    fig.locator(".sl-picker summary").click()
    boxes = fig.locator(".sl-picker input[type=checkbox]")
    assert boxes.count() >= 1
    before = fig.locator("svg").inner_html()
    boxes.first.click()
    page.wait_for_timeout(600)
    assert fig.locator("svg").inner_html() != before


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
    ("query", "expected"),
    [
        # place + topic (issue 11): the place's page holding the topic first
        ("phuong tam thanh thu ngan sach", r"don-vi/phuong-tam-thanh/(\d{4}[^/]*/)?$"),
        ("giai ngan von dau tu cong lang son", r"don-vi/tinh-lang-son/(\d{4}[^/]*/)?$"),
        # a topic: a page with dossier data, never a unit without data
        ("ho so thu tuc", r"(chi-tieu/admin_dossiers_[a-z_]+|don-vi/[a-z0-9-]+(/[^/]+)?)/$"),
        ("thu ngan sach", r"chi-tieu/budget_revenue[a-z_]*/$"),
        ("tam thanh", r"don-vi/phuong-tam-thanh/$"),
    ],
)
def test_search_without_diacritics(page, base_url, built_site, query, expected):
    href = _first_result(page, base_url, query)
    print(f"\nsearch {query!r} → {href}")
    assert re.search(expected, href), (query, href)
    path = href.split("#")[0].removeprefix(base_url).lstrip("./")
    html = (built_site.site / path / "index.html").read_text(encoding="utf-8")
    assert 'class="sl-cards"' in html or 'class="sl-chart"' in html, (query, href)  # has data
    if "ho so" in query:
        assert "hồ sơ" in html.lower()


def test_search_index_is_fetched_only_when_search_opens(browser, base_url, page_types):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(base_url + page_types["unit_period"], wait_until="networkidle")
    page.wait_for_timeout(800)
    assert not [u for u in seen if u.endswith("search_index.json")], "fetched on load"
    page.locator("input.md-search__input").click()
    page.wait_for_timeout(1500)
    assert [u for u in seen if u.endswith("search_index.json")], "not fetched on focus"
    ctx.close()


def test_citations_are_complete_and_copied(browser, base_url, page_types):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = ctx.new_page()
    checked = 0
    for name, path in page_types.items():
        page.goto(base_url + path, wait_until="networkidle")
        cite = page.locator(".sl-cite")
        if not cite.count():
            continue
        text = cite.locator(".sl-cite-text").inner_text()
        assert not text.startswith((".", " ")), (name, text)
        assert "Trong:" in text, (name, text)
        if name in ("unit", "unit_period", "indicator", "document", "work_programme"):
            assert "Đơn vị:" in text, (name, text)
        assert re.search(r"http://127\.0\.0\.1:\d+/", text), (name, text)  # the page's address
        assert re.search(r"truy cập ngày \d{1,2}/\d{1,2}/\d{4}", text), (name, text)
        if name in ("document", "unit_period"):
            assert "UBND" in text and re.search(r"kỳ: (Tháng|6 tháng|Năm|Quý)", text), text
        cite.locator("button.sl-copy").click()
        page.wait_for_timeout(200)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == " ".join(text.split()), (name, copied)
        assert "Đã sao chép" in cite.locator(".sl-copied").inner_text()
        checked += 1
    assert checked == len([k for k in page_types if k != "embed"])  # every page type
    ctx.close()


def test_a_value_has_a_permalink(page, base_url, page_types):
    open_page(page, base_url, page_types["unit_period"], [], [])
    link = page.locator("a.sl-perma").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"#v-[0-9a-f]{10}", href)
    page.goto(base_url + page_types["unit_period"] + href)
    assert page.locator(f"tr{href}").count() == 1


def test_exports_carry_title_period_source_and_address(page, base_url, page_types):
    open_page(page, base_url, page_types["unit"], [], [])
    fig = page.locator(".sl-chart").first
    title = fig.locator("figcaption").inner_text()
    with page.expect_download() as dl:
        fig.locator("button[data-export=svg]").click()
    svg = Path(dl.value.path()).read_text(encoding="utf-8")
    texts = " ".join(re.findall(r">([^<]+)<", svg))
    assert title.split(" — ")[0] in texts, texts[:300]
    assert "Kỳ:" in texts and "Nguồn:" in texts and "Đơn vị:" in texts, texts[:500]
    assert re.search(r"http://127\.0\.0\.1:\d+/", texts), texts[:500]
    with page.expect_download() as dl:
        fig.locator("button[data-export=png]").click()
    png = Path(dl.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "export.png").write_bytes(png)  # looked at: title, lines, address
    (SCREENSHOTS / "export.svg").write_text(svg, encoding="utf-8")
    with page.expect_download() as dl:
        fig.locator("button[data-export=spec]").click()
    spec = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    lines = spec["title"]["text"]  # wrapped to the chart's width as a list of lines
    assert " ".join([lines] if isinstance(lines, str) else lines) == title
    assert spec["data"]["values"]


def test_embed_page_renders_one_chart_alone(browser, base_url, page_types):
    ctx = browser.new_context(viewport={"width": 600, "height": 500})
    page = ctx.new_page()
    errors: list[str] = []
    open_page(page, base_url, page_types["embed"], errors, [])
    assert not errors, errors
    assert page.locator(".sl-chart").count() == 1 and page.locator("svg.marks").count() == 1
    assert page.locator("header, nav, footer").count() == 0  # the chart alone, iframe-able
    assert page.evaluate("window.__csp") == []
    # and in an iframe of another page
    host = ctx.new_page()
    host.set_content(
        f'<iframe src="{base_url}{page_types["embed"]}" width="600" height="450"></iframe>'
    )
    frame = host.frame_locator("iframe")
    frame.locator(".sl-chart svg.marks").wait_for(timeout=20000)
    ctx.close()


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_links_download_exactly_the_rows_shown(page, base_url, page_types):
    checked = 0
    for key in ("unit_period", "indicator", "unit", "document"):
        open_page(page, base_url, page_types[key], [], [])
        for b in page.locator("button.sl-more-rows, button.sl-csv-show").all():
            b.click()
        page.wait_for_timeout(500)
        tables = page.locator(".sl-table")
        for i in range(tables.count()):
            t = tables.nth(i)
            link = t.locator("a.sl-dl")
            if not link.count():
                continue
            with page.expect_download() as dl:
                link.first.click()
            raw = Path(dl.value.path()).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), key  # Excel reads the BOM as UTF-8
            rows = _csv_rows(raw.decode("utf-8-sig"))
            n = t.locator("tbody tr:not(.sl-group)").count()
            assert len(rows) == n, (key, len(rows), n)
            checked += 1
    assert checked >= 5


def test_a_table_csv_opens_in_excel_and_in_pandas(page, base_url, page_types, tmp_path):
    import pandas as pd

    open_page(page, base_url, page_types["unit_period"], [], [])
    with page.expect_download() as dl:
        page.locator("#bang-so-lieu a.sl-dl").click()
    path = tmp_path / "so-lieu.csv"
    dl.value.save_as(path)
    raw = path.read_bytes()
    # as Excel on Windows: a UTF-8 BOM, so "Tổng thu ngân sách" is not "Tá»•ng"
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert "indicator_name_vi" in header and "unit_name" in header and "period_label_vi" in header
    # as pandas: the BOM is not part of the first column's name, Vietnamese names are there
    df = pd.read_csv(path)
    assert df.columns[0] == "observation_id"
    assert df["indicator_name_vi"].str.contains("ngân sách").any()
    assert df["unit_name"].str.startswith(("Phường", "Xã", "Tỉnh", "Thành phố")).all()


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


CLIPPED = """() => {
  const bad = [];
  const cells = 'article td, article th, .sl-card, .sl-chart figcaption';
  for (const el of document.querySelectorAll(cells)) {
    if (el.offsetParent === null) continue;
    if (el.scrollWidth > el.clientWidth + 1)
      bad.push(el.tagName + ': ' + el.textContent.slice(0, 40));
  }
  const small = [];
  for (const a of document.querySelectorAll('article a, article button')) {
    // a link inside a sentence is exempt (WCAG 2.5.8 "inline"): its size is the line's
    const p = a.parentElement;
    if (p.tagName === 'P' && p.textContent.trim().length > a.textContent.trim().length + 3)
      continue;
    const r = a.getBoundingClientRect();
    if (r.width && r.height && (r.height < 23.5 || r.width < 23.5) && a.offsetParent !== null)
      small.push(a.textContent.trim().slice(0, 20) + ' ' + Math.round(r.width) + 'x'
                 + Math.round(r.height));
  }
  return {clipped: bad, small: small.slice(0, 10), nsmall: small.length};
}"""


def test_phone_no_sideways_scroll_no_clipped_cell_tap_targets(browser, base_url, page_types):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = ctx.new_page()
    overflow, clipped, small = {}, {}, {}
    for name, path in page_types.items():
        open_page(page, base_url, path, [], [])
        for b in page.locator("button.sl-csv-show").all():
            b.click()
        page.wait_for_timeout(300)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            overflow[name] = width
        found = page.evaluate(CLIPPED)
        if found["clipped"]:
            clipped[name] = found["clipped"][:5]
        if found["nsmall"]:
            small[name] = found["small"]
    ctx.close()
    assert not overflow, overflow
    assert not clipped, clipped
    assert not small, small


def test_dark_palette_screenshot(page, base_url, page_types):
    page.emulate_media(color_scheme="dark")
    open_page(page, base_url, page_types["unit"], [], [])
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_timeout(800)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    _shot(page, "unit-dark-1280.png")


def _transfer(browser, base_url: str, path: str) -> dict:
    """Bytes over the wire (gzip) of a first visit: the page and what it loads unasked."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    sizes: dict[str, int] = {}

    def on_finished(req, sizes=sizes):
        s = req.sizes()
        sizes[req.url] = s["responseBodySize"] + s["responseHeadersSize"]

    page.on("requestfinished", on_finished)
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(800)  # charts in view load their libraries and data
    ctx.close()
    return {"total_bytes": sum(sizes.values()), "requests": sizes}


def test_page_weight(browser, base_url, built_site, report_period_pages, page_types):
    """The heaviest page of each type, as transferred on a first visit; unit × period pages
    (all of them) under 400 KB. Written for ``make bench``."""
    site = built_site.site
    heaviest = {}
    for kind, pattern in (
        ("unit", "don-vi/*/index.html"),
        ("indicator", "chi-tieu/*/index.html"),
        ("document", "van-ban/*/index.html"),
        ("sector", "linh-vuc/*/index.html"),
    ):
        pages = sorted(site.glob(pattern), key=lambda p: p.stat().st_size)
        heaviest[kind] = pages[-1].parent.relative_to(site).as_posix() + "/"
    heaviest.update({k: page_types[k] for k in ("home", "downloads", "methods", "units_index")})
    report = {f"{k}: {p}": _transfer(browser, base_url, p) for k, p in heaviest.items()}
    for p in report_period_pages:
        report[f"unit_period: {p}"] = _transfer(browser, base_url, p)
    html = max(site.rglob("index.html"), key=lambda p: p.stat().st_size)
    worst = max(report.items(), key=lambda kv: kv[1]["total_bytes"])
    summary = {
        "heaviest_transfer": {"page": worst[0], "bytes": worst[1]["total_bytes"]},
        "heaviest_html": {"page": html.relative_to(site).as_posix(), "bytes": html.stat().st_size},
        "heaviest_unit_period_transfer": max(
            (v["total_bytes"], k) for k, v in report.items() if k.startswith("unit_period")
        ),
        "pages": {k: v["total_bytes"] for k, v in report.items()},
        "search_index_gzip_bytes": len(
            gzip.compress((site / "search" / "search_index.json").read_bytes(), 6)
        ),
    }
    for k, v in summary["pages"].items():
        print(f"\n{k}: {v / 1024:.1f} KB over the wire (gzip)")
    BENCH.mkdir(parents=True, exist_ok=True)
    (BENCH / "page-weight.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "weight.json").write_text(json.dumps(report, indent=1))
    heavy = {
        k: v["total_bytes"]
        for k, v in report.items()
        if k.startswith("unit_period") and v["total_bytes"] > 400 * 1024
    }
    assert not heavy, heavy
    assert html.stat().st_size <= 600 * 1024, html


def test_document_figures_are_focusable_with_tooltip(page, base_url, page_types):
    open_page(page, base_url, page_types["document"], [], [])
    mark = page.locator("mark.sl-fig").first
    mark.focus()
    tip = mark.locator(".sl-tip")
    assert tip.is_visible()
    assert "Giá trị" in tip.inner_text()
    page.locator("button.sl-csv-show").click()
    page.locator("#bang-con-so tbody tr").first.wait_for()
    first = page.locator("#bang-con-so tbody tr a").first
    assert first.get_attribute("href").startswith("#f-")


def test_pages_of_the_embedded_corpus_show_no_codes(built_site):
    """The real corpus: check sums name indicators in Vietnamese, notes say why in Vietnamese,
    catalogue texts name no basis code."""
    from test_site import codes_shown

    assert not codes_shown(built_site.site)
