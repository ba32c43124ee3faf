"""A report whose text holds HTML, Jinja/Markdown syntax and formula-like quotes is published
as inert text: through the whole pipeline, in a real browser, and in the XLSX download."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from openpyxl import load_workbook

from solieu.paths import Paths
from solieu.pipeline import build
from solieu.xlsx import write_xlsx

DOC_ID = "xa-cao-loc-2025-10-bao-cao"
HOSTILE = """\
BÁO CÁO
Tình hình kinh tế - xã hội tháng 10 năm 2025

I. KẾT QUẢ THỰC HIỆN

1. Tài chính <script>window.__pwned = 1</script> ngân sách

Tổng thu ngân sách nhà nước trên địa bàn đạt 1.234 triệu đồng
<img src=x onerror="window.__pwned = 2">, tăng 5,2% so với cùng kỳ {{ config.site_name }}
{% raw %} [bấm vào đây](javascript:window.__pwned=3).

=HYPERLINK("http://example.invalid","x") Tiếp nhận 120 hồ sơ thủ tục hành chính.

+cmd|' /C calc'!A0 Đã giải quyết 118 hồ sơ, quá hạn 2 hồ sơ.

@SUM(1+1) Tiếp nhận 45 văn bản đến.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, root):
    proj = tmp_path_factory.mktemp("hostile")
    (proj / "sources").mkdir()
    (proj / "sources" / f"{DOC_ID}.txt").write_text(HOSTILE, encoding="utf-8")
    (proj / "sources" / "catalog.yaml").write_text(
        "documents:\n"
        f"  - id: {DOC_ID}\n    file: {DOC_ID}.txt\n    unit_id: xa-cao-loc\n"
        "    period: 2025-10\n    kind: monthly_report\n    title: Báo cáo <b>tháng</b> 10\n",
        encoding="utf-8",
    )
    shutil.copytree(root / "docs", proj / "docs")
    shutil.copy(root / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "node_modules").symlink_to(root / "node_modules")
    paths = Paths(proj)
    result = build(paths)
    assert not result.failed, [str(e) for e in result.errors]
    return paths


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(hostile_site.site)
    )
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", [f"van-ban/{DOC_ID}/", "don-vi/xa-cao-loc/2025-10/"])
def test_hostile_text_is_shown_not_run(browser, hostile_url, path):
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url + path, wait_until="networkidle")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    body = page.inner_text("body")
    if path.startswith("van-ban"):
        assert "<script>window.__pwned = 1</script>" in body
        assert "{{ config.site_name }}" in body and "{% raw %}" in body
        assert "[bấm vào đây](javascript:window.__pwned=3)" in body
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("img[src='x']").count() == 0
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
