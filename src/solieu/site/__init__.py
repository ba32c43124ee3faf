"""Stage 5: the Vietnamese static site (mkdocs-material) generated from the data package.

``build_site(paths)`` writes Markdown pages, their HTML fragments, CSV and JSON side files,
search records and vendored JavaScript; ``run_mkdocs(paths)`` turns them into ``paths.site``.
Both are deterministic: the same data package gives byte-identical output.

Incremental by construction: ``build_site`` rewrites a file only when its bytes change (an
unchanged page keeps its modification time) and deletes what it no longer makes;
``run_mkdocs(paths, previous_site=…)`` starts from a copy of the previous site and lets mkdocs
rebuild only the pages whose Markdown is newer than their HTML (``dirty``), then removes the
outputs of pages that are gone. The navigation lists sections only, so a new report changes
the pages that show it, not every page.
"""

from __future__ import annotations

import datetime
import filecmp
import hashlib
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from solieu import settings
from solieu.paths import Paths

from .context import Context, PageCache, PageManifest
from .data import load
from .pages import build_all
from .pages.downloads import workbooks

VENDOR = {
    "vega.min.js": "vega/build/vega.min.js",
    "vega-lite.min.js": "vega-lite/build/vega-lite.min.js",
    "vega-embed.min.js": "vega-embed/build/vega-embed.min.js",
}
NAV_FILE = "site-nav.json"
SOURCE_DATE_FILE = "site-source-date.txt"
SETTINGS_FILE = "site-settings.json"  # name, description, url of this build (solieu.settings)
SEARCH_FILE = "site-search.json"  # one record per page (docs/hooks/search_index.py)
FRAGMENTS_DIR = "site-fragments"  # HTML kept out of Python-Markdown (docs/hooks/fragments.py)
CACHE_DIR = "site-cache"  # files and facts of the previous build by the key of their inputs
MANIFEST_FILE = "site-pages.json"  # pages the previous build left in place (PageManifest)
SKIP_DOCS = {"overrides", "hooks"}
SITE_JS = "assets/js/site.js"
BUILD_DATE_TOKEN = "__SOLIEU_BUILD_DATE__"
THEME_OUTPUTS = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}
MKDOCS_KEY_FILE = "site-mkdocs.key"  # what the published site was rendered with (see mkdocs_key)
SPARE_KEY_FILE = "site-spare.key"  # what the spare site (publish.new_release) was rendered with
log = logging.getLogger(__name__)


@dataclass
class SiteStats:
    """What ``build_site`` did: files it wrote (changed or new), kept and removed."""

    written: int = 0
    kept: int = 0
    removed: int = 0


def missing_vendor(node_modules: Path) -> str | None:
    """The first chart bundle `npm ci` should have installed and did not, if any."""
    for src in VENDOR.values():
        if not (node_modules / src).exists():
            return src
    return None


def vendor_js(node_modules: Path) -> dict[str, bytes]:
    """The vega bundles for the site, their sourceMappingURL lines dropped (no 404s)."""
    out = {}
    for name, src in VENDOR.items():
        path = node_modules / src
        if not path.exists():
            raise FileNotFoundError(f"{path}: run `npm ci` to install vega, vega-lite, vega-embed")
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^//# sourceMappingURL=.*$\n?", "", text)
        text = re.sub(r"//# sourceMappingURL=\S+\s*$", "", text)
        out[f"assets/vendor/{name}"] = text.encode("utf-8")
    return out


def build_date() -> str:
    """The date readers see as the date of access of a citation: the build's (ISO).

    ``SOLIEU_BUILD_DATE`` fixes it (tests, reproducing a published build). It is written into
    the site script only, never into the pages, so that a build on another day rebuilds no
    page that did not change.
    """
    return os.environ.get("SOLIEU_BUILD_DATE") or datetime.date.today().isoformat()


def build_site(
    paths: Paths,
    datapackage_dir: Path | None = None,
    ingest_dir: Path | None = None,
    *,
    background: bool | None = None,
) -> SiteStats:
    """Generate ``paths.site_docs`` from the data package and ingest JSON (files whose bytes
    do not change are left untouched; files no longer made are removed).

    ``background``: make the slow files (workbooks) in a second process while the pages are
    written; by default when this machine has two cores and this is not a daemon process (a
    worker of a pool, which may not have children).
    """
    if background is None:
        import multiprocessing

        from solieu.engine import cores

        background = cores() > 1 and not multiprocessing.current_process().daemon
    package_dir = datapackage_dir or paths.datapackage
    pool = None
    if background:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=1)
    try:
        # the workbooks first, in a process of their own: the slowest files, and they need
        # only the package (`downloads.workbooks`)
        early = pool.submit(workbooks, package_dir, paths.build / CACHE_DIR) if pool else None
        sd = load(package_dir, ingest_dir or paths.ingest)
        methods = paths.docs / "phuong-phap.md"
        site_settings = settings.load(paths, [d["unit_id"] for d in sd.tables["documents"]])
        cache = PageCache(paths.build / CACHE_DIR)
        fragments_dir = paths.build / FRAGMENTS_DIR
        manifest = PageManifest(paths.build / MANIFEST_FILE, paths.site_docs, fragments_dir)
        ctx = Context(sd, site_settings, cache, manifest=manifest)
        if early is not None:
            ctx.memo["workbooks"] = early
        methods_md = methods.read_text(encoding="utf-8") if methods.exists() else None
        build_all(ctx, methods_md, paths.docs if paths.docs.is_dir() else None)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    cache.prune()

    wanted: dict[str, bytes | Path] = {}
    if paths.docs.is_dir():
        for src in sorted(paths.docs.rglob("*")):
            rel = src.relative_to(paths.docs)
            if (
                src.is_file()
                and rel.parts[0] not in SKIP_DOCS
                and rel.as_posix() != "phuong-phap.md"
            ):
                wanted[rel.as_posix()] = src
    js = paths.docs / SITE_JS
    if js.is_file():
        text = js.read_text(encoding="utf-8").replace(BUILD_DATE_TOKEN, build_date())
        wanted[SITE_JS] = text.encode("utf-8")
    for rel, text in ctx.pages.items():
        wanted[rel] = text.encode("utf-8")
    for rel, text in ctx.files.items():
        wanted[rel] = text.encode("utf-8")
    wanted.update(ctx.binaries)
    wanted.update(ctx.copies)
    wanted.update(vendor_js(paths.root / "node_modules"))
    manifest.begin_writing()
    stats = sync_tree(paths.site_docs, wanted, keep=ctx.kept)
    fragments = {
        f"{md}.json": (json.dumps(frags, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        for md, frags in ctx.fragments.items()
    }
    sync_tree(fragments_dir, fragments, keep={f"{md}.json" for md in ctx.kept_fragments})
    records = json.dumps(sorted(ctx.search, key=lambda r: r["location"]), ensure_ascii=False)
    dates = [d.get("signed") or d.get("period_end") or "" for d in sd.tables["documents"]]
    for name, data in (
        (SOURCE_DATE_FILE, (max(dates, default="") + "\n").encode()),
        (SETTINGS_FILE, site_settings.model_dump_json(indent=1).encode("utf-8")),
        (NAV_FILE, (json.dumps(ctx.nav, ensure_ascii=False, indent=1) + "\n").encode("utf-8")),
        (SEARCH_FILE, (records + "\n").encode("utf-8")),
    ):
        _write_if_changed(paths.build / name, data)
    manifest.save()
    return stats


def _write_if_changed(path: Path, data: bytes | Path) -> bool:
    """Write ``data`` (bytes, or a file to copy) at ``path`` unless it already holds them."""
    if path.is_file():
        if isinstance(data, Path):
            if path.stat().st_size == data.stat().st_size and filecmp.cmp(path, data, False):
                return False
        elif path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_dir():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if isinstance(data, Path):
        shutil.copyfile(data, path)
    else:
        path.write_bytes(data)
    path.chmod(0o644)  # world-readable whatever the umask (the site and package are public)
    return True


def sync_tree(root: Path, wanted: dict[str, bytes | Path], keep: Collection[str] = ()) -> SiteStats:
    """Make ``root`` hold exactly ``wanted`` (relative path → bytes or a file to copy) and the
    files ``keep`` names, which are known to be right already and left untouched."""
    stats = SiteStats()
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in sorted(wanted.items()):
        if _write_if_changed(root / rel, data):
            stats.written += 1
        else:
            stats.kept += 1
    kept = set(keep) - wanted.keys()
    stats.kept += len(kept)
    stats.removed = remove_others(root, wanted.keys() | kept)
    return stats


def remove_others(root: Path, keep: Collection[str]) -> int:
    """Delete the files under ``root`` whose relative path is not in ``keep`` (and the folders
    left empty); return how many files went.

    Paths are handled as strings from ``os.walk``: a province's site has thousands of folders,
    and a `Path` per file would cost more than the walk.
    """
    removed = 0
    top = os.fspath(root)
    for dirpath, dirs, filenames in os.walk(top, topdown=False):
        prefix = "" if dirpath == top else os.path.relpath(dirpath, top).replace(os.sep, "/") + "/"
        left = len(filenames)
        for name in filenames:
            if prefix + name not in keep:
                os.unlink(os.path.join(dirpath, name))
                removed += 1
                left -= 1
        if (
            dirpath != top
            and not left
            and not any(os.path.exists(os.path.join(dirpath, d)) for d in dirs)
        ):
            os.rmdir(dirpath)
    return removed


def source_epoch(paths: Paths) -> int:
    """Latest date the sources carry (signed date, else period end) as a Unix timestamp."""
    stamp = paths.build / SOURCE_DATE_FILE
    day = stamp.read_text(encoding="utf-8").strip() if stamp.exists() else ""
    if not day:
        return 0
    return int(datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC).timestamp())


class _NoDirtyWarning(logging.Filter):
    """mkdocs warns that a dirty build may leave the navigation stale: ours lists sections
    only and is the same in every build, and strict mode would count the warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def run_mkdocs(paths: Paths, strict: bool = True, previous_site: Path | None = None) -> None:
    """``mkdocs build`` of ``paths.site_docs`` into ``paths.site`` (strict: warnings fail).

    With ``previous_site`` (the site of the previous build), that site is copied into
    ``paths.site`` first and only pages whose Markdown changed since are rebuilt; the result
    is the same, byte for byte, as a clean build. ``previous_site`` may be ``paths.site``
    itself (the spare tree of `publish.new_release`, rendered with the same settings two
    builds ago): mkdocs then renders in place what changed since it was rendered.
    """
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
    dirty, outputs = False, None
    if previous_site is not None and previous_site.is_dir():
        if previous_site.resolve() != paths.site.resolve():
            if paths.site.exists():
                shutil.rmtree(paths.site)
            # hard links, not copies (a province's site is hundreds of MB)
            link_tree(previous_site, paths.site)
        # every file that mkdocs will write is unlinked first: it writes in place, and the
        # file may be a link shared with the published site
        outputs = _outputs(cfg)  # listed once: mkdocs lists them again, slowly
        _unshare_outputs(outputs, paths.site)
        dirty = True
    elif paths.site.exists():
        shutil.rmtree(paths.site)  # a spare site rendered with other settings
    cwd = os.getcwd()
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # sitemap dates and gzip stamps come from the sources, not the clock (reproducible builds)
    os.environ["SOURCE_DATE_EPOCH"] = str(source_epoch(paths))
    quiet = _NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        os.chdir(paths.root)
        build(cfg, dirty=dirty)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        os.chdir(cwd)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch
    if dirty:
        _prune(outputs if outputs is not None else _outputs(cfg), paths.site)


def link_tree(src: Path, dest: Path) -> None:
    """``dest`` as a copy of ``src`` whose files are hard links (no byte is copied).

    GNU ``cp -al`` does it in C, ten times faster than ``shutil.copytree`` at the thousands of
    folders of a province's site; where there is no such ``cp`` (macOS), the standard library.
    """
    import subprocess

    cp = shutil.which("cp")
    if cp and sys.platform.startswith("linux"):
        done = subprocess.run([cp, "-al", "--", str(src), str(dest)], capture_output=True)
        if done.returncode == 0:
            return
        shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, symlinks=True, copy_function=os.link)


def mkdocs_key(paths: Paths) -> str:
    """What every page's HTML depends on besides its own Markdown.

    Why: a dirty mkdocs build re-renders only pages whose Markdown is newer than their HTML,
    so a change of theme configuration, hooks, navigation, site settings, source date or of
    the installed mkdocs / material would leave unchanged pages stale. A build reuses the
    previous site only when this key is the one that site was rendered with.
    """
    from importlib import metadata as importlib_metadata

    h = hashlib.sha256()
    inputs = [paths.mkdocs_yml, *sorted((paths.root / "docs" / "hooks").glob("*.py"))]
    inputs += [paths.build / name for name in (NAV_FILE, SETTINGS_FILE, SOURCE_DATE_FILE)]
    for path in inputs:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"absent")
    for dist in ("mkdocs", "mkdocs-material", "solieu"):
        try:
            h.update(f"{dist}=={importlib_metadata.version(dist)}".encode())
        except importlib_metadata.PackageNotFoundError:
            h.update(f"{dist} absent".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def reusable_site(paths: Paths, live_site: Path) -> Path | None:
    """The published site, when it was rendered with this build's `mkdocs_key`."""
    stamp = paths.build / MKDOCS_KEY_FILE
    if not live_site.is_dir() or not stamp.is_file():
        return None
    return live_site if stamp.read_text(encoding="utf-8").strip() == mkdocs_key(paths) else None


def record_site_key(paths: Paths, spare: str | None = None, *, live: bool = True) -> None:
    """After publishing: the key the live site was rendered with (read by `reusable_site`;
    not with ``live=False``, a build without a site), and ``spare``, the key of the site
    that was live before (`take_spare_key`)."""
    if spare:
        (paths.build / SPARE_KEY_FILE).write_text(spare + "\n", encoding="utf-8")
    if live:
        (paths.build / MKDOCS_KEY_FILE).write_text(mkdocs_key(paths) + "\n", encoding="utf-8")


def forget_site_key(paths: Paths) -> str | None:
    """Before publishing: until the new site is live, no site is known to be reusable.
    Returns the key the live site had."""
    return _take(paths.build / MKDOCS_KEY_FILE)


def take_spare_key(paths: Paths) -> str | None:
    """The key of the spare site, forgotten: the next build takes that tree over."""
    return _take(paths.build / SPARE_KEY_FILE)


def _take(path: Path) -> str | None:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path.unlink(missing_ok=True)
    return key or None


def _outputs(cfg: object) -> list:
    """The files of a build (pages, assets, the theme's), as mkdocs lists them."""
    from mkdocs.structure.files import get_files

    files = get_files(cfg)  # type: ignore[arg-type]
    files.add_files_from_theme(cfg.theme.get_env(), cfg)  # type: ignore[attr-defined]
    return [f for f in files if f.inclusion.is_included()]


def _unshare_outputs(outputs: list, site: Path) -> None:
    """Unlink what a dirty build will write: pages and assets whose source is newer than their
    output (mkdocs' own test, `File.is_modified`) and the outputs rendered on every build."""
    written = [f.dest_uri for f in outputs if f.is_modified()]
    for rel in [*written, *THEME_OUTPUTS]:
        (site / rel).unlink(missing_ok=True)


def _prune(outputs: list, site: Path) -> None:
    """Remove from a site built over the previous one what this build did not make
    (``outputs``: `_outputs` of this build)."""
    remove_others(site, {f.dest_uri for f in outputs} | THEME_OUTPUTS)


__all__ = [
    "build_site",
    "forget_site_key",
    "missing_vendor",
    "mkdocs_key",
    "record_site_key",
    "reusable_site",
    "run_mkdocs",
    "sync_tree",
    "vendor_js",
]
