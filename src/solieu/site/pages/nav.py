"""The navigation: written to ``site-nav.json``, handed to mkdocs by ``docs/hooks/site_nav.py``.

Top-level sections only. Why: mkdocs writes the whole navigation into every page, so a
navigation listing every unit and document made the site grow with the square of the corpus
(1.4 GB at 1,000 reports), and any new report changed every page (no incremental build).
Units, indicators and documents are reached from their index pages and search.
"""

from __future__ import annotations

from typing import Any

from ..context import Context


def build(ctx: Context, methods: bool) -> list[Any]:
    nav: list[Any] = [
        {"Trang chủ": "index.md"},
        {"Đơn vị": "don-vi/index.md"},
        {"Chỉ tiêu": "chi-tieu/index.md"},
        {"Lĩnh vực": "linh-vuc/index.md"},
        {"Văn bản": "van-ban/index.md"},
        {"Tải về": "tai-ve/index.md"},
    ]
    if methods:
        nav.append({"Phương pháp": "phuong-phap.md"})
    return nav
