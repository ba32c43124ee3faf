"""Browser test fixtures: the built site served on 127.0.0.1 and Debian chromium via Playwright.

The site under test is the embedded corpus plus one synthetic month (a December report of
Phường Tam Thanh made from its November report by ``solieu.synth.synthesize``: values varied,
never published), built by the real pipeline into a temporary project, so that series have
several months and estimates sit beside reported values. ``SOLIEU_SITE_FIXTURE=1`` builds
the small fixture package in ``tests/fixtures/site`` instead; ``SOLIEU_SITE=<dir>`` tests a
site already built. The server gzips responses like a real static host does, so the page
weight we measure is what crosses the wire.
"""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import re
import shutil
import socketserver
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"


@dataclass
class BuiltSite:
    site: Path
    docs: Path
    datapackage: Path
    real: bool


SYNTH_ID = "phuong-tam-thanh-2025-12-bao-cao"
NEIGHBOUR = "phuong-dong-kinh"  # a ward of the same province, two synthetic months


def _build_fixture(tmp: Path) -> BuiltSite:
    from solieu.paths import Paths
    from solieu.site import build_site, run_mkdocs

    fx = ROOT / "tests" / "fixtures" / "site"
    paths = Paths(root=ROOT, build=tmp / "build")
    build_site(paths, fx / "datapackage", fx / "ingest")
    run_mkdocs(paths)
    return BuiltSite(paths.site, paths.site_docs, fx / "datapackage", real=False)


def make_project(proj: Path) -> Path:
    """The embedded corpus plus one synthetic month of Tam Thanh and two of a neighbouring
    ward, as a throw-away project."""
    import yaml

    from solieu.synth import TEMPLATES, synthesize
    from solieu.units import load_units

    src = ROOT / "sources"
    shutil.copytree(src, proj / "sources")
    tpl = TEMPLATES["commune"]
    unit = load_units()["phuong-tam-thanh"]
    text = synthesize((src / tpl.file).read_text(encoding="utf-8"), tpl, unit, "2025-12", 7)
    # December's count of dossiers given as an estimate, so a series has a reported point and
    # an estimated one (the comma: "công ước" would be a word, "convention")
    text, n = re.subn(
        r"công đã tiếp\s+nhận được",
        "công, ước tính tiếp nhận được",
        unicodedata.normalize("NFC", text),
        count=1,
    )
    assert n == 1
    (proj / "sources" / f"{SYNTH_ID}.txt").write_text(text, encoding="utf-8")
    catalog = yaml.safe_load((src / "catalog.yaml").read_text(encoding="utf-8"))
    catalog["documents"].append(
        {
            "id": SYNTH_ID,
            "file": f"{SYNTH_ID}.txt",
            "unit_id": "phuong-tam-thanh",
            "period": "2025-12",
            "kind": "monthly_report",
            "title": "Báo cáo tình hình kinh tế - xã hội tháng 12 năm 2025 (tổng hợp, thử)",
            "issuer": "UBND phường Tam Thanh",
            "origin": "synthetic",
        }
    )
    # a second ward with two months, so a level has several units to compare and pick
    other = load_units()[NEIGHBOUR]
    for month, seed in (("2025-11", 11), ("2025-12", 12)):
        doc_id = f"{NEIGHBOUR}-{month}-bao-cao"
        (proj / "sources" / f"{doc_id}.txt").write_text(
            synthesize((src / tpl.file).read_text(encoding="utf-8"), tpl, other, month, seed),
            encoding="utf-8",
        )
        catalog["documents"].append(
            {
                "id": doc_id,
                "file": f"{doc_id}.txt",
                "unit_id": NEIGHBOUR,
                "period": month,
                "kind": "monthly_report",
                "title": f"Báo cáo tình hình kinh tế - xã hội tháng {int(month[5:])} năm 2025 "
                "(tổng hợp, thử)",
                "origin": "synthetic",
            }
        )
    (proj / "sources" / "catalog.yaml").write_text(
        yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    (proj / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return proj


def _build_project(tmp: Path) -> BuiltSite:
    from solieu.paths import Paths
    from solieu.pipeline import build

    paths = Paths(make_project(tmp / "proj"))
    result = build(paths)
    assert not result.failed, [str(e) for e in result.errors]
    return BuiltSite(paths.site, paths.site_docs, paths.datapackage, real=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    given = os.environ.get("SOLIEU_SITE")
    if given:
        site = Path(given)
        return BuiltSite(site, site.parent / "docs", site.resolve().parent, real=True)
    if os.environ.get("SOLIEU_SITE_FIXTURE"):
        return _build_fixture(tmp_path_factory.mktemp("site"))
    return _build_project(tmp_path_factory.mktemp("corpus"))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text types (as GitHub Pages serves them)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the usual redirect to "dir/"
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        textual = ctype.startswith("text/") or path.endswith(
            (".js", ".json", ".csv", ".css", ".html", ".svg", ".xml")
        )
        if not textual or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not os.path.isfile(path):
            return super().send_head()
        data = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="session")
def base_url(built_site: BuiltSite) -> Iterator[str]:
    handler = lambda *a, **k: _Handler(*a, directory=str(built_site.site), **k)  # noqa: E731
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium missing in CI: `make test` installs it (make chromium)")
        pytest.skip("chromium missing: apt-get install -y chromium (or run make test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20000)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def page_types(built_site: BuiltSite) -> dict[str, str]:
    """One URL path per page type, picked from the built site (real or fixture)."""
    site = built_site.site

    def first(pattern: str, pred=lambda p: True) -> str:
        for p in sorted(site.glob(pattern)):
            if pred(p):
                return p.parent.relative_to(site).as_posix() + "/"
        raise AssertionError(f"no page matches {pattern}")

    def has(marker: str):
        return lambda p: marker in p.read_text(encoding="utf-8")

    def cards_and_doc(p: Path) -> bool:
        rel = p.parent.relative_to(site).as_posix().split("/")
        return tuple(rel[1:3]) in doc_pairs and 'class="sl-cards"' in p.read_text("utf-8")

    doc_pairs = {
        (d["unit_id"], d["period"]) for d in read_rows(built_site.datapackage, "documents")
    }
    # the unit with the most charts: Phường Tam Thanh (several months) in the real corpus
    units = sorted(
        site.glob("don-vi/*/index.html"),
        key=lambda p: -p.read_text("utf-8").count('class="sl-chart"'),
    )
    unit = units[0].parent.relative_to(site).as_posix() + "/"
    chart = re.search(r'<figure class="sl-chart" id="([^"]+)"', units[0].read_text("utf-8"))
    return {
        "home": "",
        "unit": unit,
        "unit_period": first("don-vi/*/*/index.html", cards_and_doc),
        "work_programme": first("don-vi/*/*/index.html", has('id="nhiem-vu"')),
        "indicator": first("chi-tieu/*/index.html", has('class="sl-chart"')),
        "document": first("van-ban/*/index.html"),
        "sector": first("linh-vuc/*/index.html"),
        "downloads": "tai-ve/",
        "methods": "phuong-phap/",
        "units_index": "don-vi/",
        "indicators_index": "chi-tieu/",
        "sectors_index": "linh-vuc/",
        "documents_index": "van-ban/",
        "embed": f"{unit}bieu-do/{chart.group(1)}/" if chart else "",
    }


def read_rows(package: Path, resource: str) -> list[dict[str, str]]:
    from solieu.package import read_resource

    return list(read_resource(package, resource))


def draw_charts(page, timeout: float = 30.0) -> int:
    """Scroll every chart into view (they are drawn when seen) and wait until all are drawn.

    Polled from Python: Playwright's ``wait_for_function`` compiles its predicate with eval
    inside the page, which the Content-Security-Policy refuses (no 'unsafe-eval').
    """
    charts = page.locator(".sl-chart")
    n = charts.count()
    for i in range(n):
        charts.nth(i).scroll_into_view_if_needed()
    deadline = time.monotonic() + timeout
    while page.locator(".sl-chart[data-rendered]").count() < n:
        if time.monotonic() > deadline:
            raise AssertionError(f"charts not drawn within {timeout} s on {page.url}")
        page.wait_for_timeout(100)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)  # the theme's header and tabs come back (a transition)
    return n


wait_for_charts = draw_charts  # the name the hostile-report test uses


def save_json(name: str, obj: object) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / name).write_text(json.dumps(obj, ensure_ascii=False, indent=1))


@pytest.fixture(scope="session")
def report_period_pages(built_site: BuiltSite) -> list[str]:
    """The unit × period page of every document (the pages the page-weight bar is about)."""
    docs = read_rows(built_site.datapackage, "documents")
    return sorted({f"don-vi/{d['unit_id']}/{d['period']}/" for d in docs})
