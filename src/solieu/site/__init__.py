"""Stage 5: the Vietnamese static site (mkdocs-material) generated from the data package.

``build_site(paths)`` writes Markdown pages, CSV slices, chart specs and vendored JavaScript
into ``paths.site_docs``; ``run_mkdocs(paths)`` turns them into ``paths.site``. Both are
deterministic: the same data package gives byte-identical output.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
from pathlib import Path

from solieu import settings
from solieu.paths import Paths

from .context import Context
from .data import load
from .pages import build_all

VENDOR = {
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
NAV_FILE = "site-nav.json"
SOURCE_DATE_FILE = "site-source-date.txt"
SETTINGS_FILE = "site-settings.json"  # name, description, url of this build (solieu.settings)
SKIP_DOCS = {"overrides", "hooks"}


def missing_vendor(node_modules: Path) -> str | None:
    """The first chart bundle `npm ci` should have installed and did not, if any."""
    for src in VENDOR.values():
        if not (node_modules / src).exists():
            return src
    return None


def vendor_js(node_modules: Path, dest: Path) -> None:
    """Copy the vega bundles into the site, dropping sourceMappingURL lines (no 404s)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, src in VENDOR.items():
        path = node_modules / src
        if not path.exists():
            raise FileNotFoundError(f"{path}: run `npm ci` to install vega, vega-lite, vega-embed")
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^//# sourceMappingURL=.*$\n?", "", text)
        text = re.sub(r"//# sourceMappingURL=\S+\s*$", "", text)
        (dest / name).write_text(text, encoding="utf-8")


def build_site(
    paths: Paths,
    datapackage_dir: Path | None = None,
    ingest_dir: Path | None = None,
) -> None:
    """Generate ``paths.site_docs`` (wiped first) from the data package and ingest JSON."""
    sd = load(datapackage_dir or paths.datapackage, ingest_dir or paths.ingest)
    methods = paths.docs / "phuong-phap.md"
    site_settings = settings.load(paths, [d["unit_id"] for d in sd.tables["documents"]])
    sb = Context(sd, site_settings)
    build_all(sb, methods.read_text(encoding="utf-8") if methods.exists() else None)

    out = paths.site_docs
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if paths.docs.is_dir():
        for src in sorted(paths.docs.iterdir()):
            if src.name in SKIP_DOCS or src.name == "phuong-phap.md":
                continue
            if src.is_dir():
                shutil.copytree(src, out / src.name)
            else:
                shutil.copy2(src, out / src.name)
    for rel, text in sorted(sb.pages.items()):
        _write(out / rel, text.encode("utf-8"))
    for rel, text in sorted(sb.files.items()):
        _write(out / rel, text.encode("utf-8"))
    for rel, data in sorted(sb.binaries.items()):
        _write(out / rel, data)
    vendor_js(paths.root / "node_modules", out / "assets" / "vendor")
    dates = [d.get("signed") or d.get("period_end") or "" for d in sd.tables["documents"]]
    _write(paths.build / SOURCE_DATE_FILE, (max(dates, default="") + "\n").encode())
    _write(paths.build / SETTINGS_FILE, site_settings.model_dump_json(indent=1).encode("utf-8"))
    _write(
        paths.build / NAV_FILE,
        (json.dumps(sb.nav, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def source_epoch(paths: Paths) -> int:
    """Latest date the sources carry (signed date, else period end) as a Unix timestamp."""
    stamp = paths.build / SOURCE_DATE_FILE
    day = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else ""
    if not day:
        return 0
    return int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC).timestamp())


def run_mkdocs(paths: Paths, strict: bool = True) -> None:
    """``mkdocs build`` of ``paths.site_docs`` into ``paths.site`` (strict: warnings fail)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    given = paths.build / SETTINGS_FILE
    site = json.loads(given.read_text(encoding="utf-8")) if given.exists() else {}
    overrides = {
        key: site[name]
        for key, name in (
            ("site_name", "name"),
            ("site_description", "description"),
            ("site_url", "url"),
        )
        if site.get(name)
    }
    cfg = load_config(
        str(paths.mkdocs_yml),
        docs_dir=str(paths.site_docs),
        site_dir=str(paths.site),
        strict=strict,
        **overrides,
    )
    cwd = os.getcwd()
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # sitemap dates and gzip stamps come from the sources, not the clock (reproducible builds)
    os.environ["SOURCE_DATE_EPOCH"] = str(source_epoch(paths))
    try:
        os.chdir(paths.root)
        build(cfg)
    finally:
        os.chdir(cwd)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


__all__ = ["build_site", "missing_vendor", "run_mkdocs", "vendor_js"]
