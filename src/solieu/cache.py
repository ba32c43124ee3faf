"""The per-report cache: skip stages 1–3 for a report when nothing that decides them changed.

What decides a report's artifacts: the bytes of its file, its catalogue entry, and the code
and vocabulary of the extractor (every module and YAML file of the package except the site,
plus the versions of the unit datasets metadata detection reads). Their hash is the report's
key; `build/cache/<document_id>.json` records the key and the report's metadata once its
artifacts under `build/ingest|figures|observations/` are completely written. A build that
finds the same key reuses the artifacts; any difference — a corrected report, an edited
catalogue line, a new scale word — recomputes that report only.

The record is written last and atomically and is removed before a report is recomputed, so a
killed build can leave stale artifacts but never a record that vouches for them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from solieu.model import DocumentMeta
from solieu.paths import PACKAGE_DIR, Paths

# what the catalogue gives about a report (not what a build finds: detected values, warnings)
CATALOGUE_FIELDS = tuple(
    f.name for f in dataclasses.fields(DocumentMeta) if f.name not in ("detected", "warnings")
)
DATASETS = ("vietnam-provinces", "vietnamadminunits")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the extractor's code and vocabulary (the site is not part of stages 1–3)."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR)
        if not path.is_file() or rel.parts[0] == "site" or path.suffix not in (".py", ".yaml"):
            continue
        h.update(str(rel).encode())
        h.update(path.read_bytes())
    for dist in DATASETS:
        try:
            h.update(f"{dist}=={importlib_metadata.version(dist)}".encode())
        except importlib_metadata.PackageNotFoundError:
            h.update(f"{dist} absent".encode())
    return h.hexdigest()


def report_key(meta: DocumentMeta, paths: Paths) -> str:
    """The key of one report: its file's bytes, its catalogue entry and the code version."""
    entry = {f: getattr(meta, f) for f in CATALOGUE_FIELDS}
    if not entry["sha256"]:
        entry["sha256"] = hashlib.sha256((paths.sources / meta.file).read_bytes()).hexdigest()
    original = paths.sources / meta.original if meta.original else None
    if original is not None and original.is_file():  # the build reads its structure
        entry["original_sha256"] = hashlib.sha256(original.read_bytes()).hexdigest()
    blob = json.dumps([entry, code_version()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _record(paths: Paths, doc_id: str) -> Path:
    return paths.build / "cache" / f"{doc_id}.json"


def _artifacts(paths: Paths, doc_id: str) -> list[Path]:
    return [
        paths.ingest / f"{doc_id}.json",
        paths.figures / f"{doc_id}.json",
        paths.observations / f"{doc_id}.json",
        paths.observations / f"{doc_id}.checks.json",
    ]


def lookup(paths: Paths, doc_id: str, key: str) -> dict[str, Any] | None:
    """The record of a report built with `key`, if its artifacts are all there."""
    rec = _record(paths, doc_id)
    try:
        entry = json.loads(rec.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if entry.get("key") != key or not all(p.exists() for p in _artifacts(paths, doc_id)):
        return None
    return entry


def forget(paths: Paths, doc_id: str) -> None:
    """Drop a report's record before recomputing it (so half-written artifacts never count)."""
    _record(paths, doc_id).unlink(missing_ok=True)


def remember(paths: Paths, meta: DocumentMeta, key: str, *, n_figures: int) -> None:
    """Vouch for a report's artifacts, now that they are completely written."""
    rec = _record(paths, meta.document_id)
    rec.parent.mkdir(parents=True, exist_ok=True)
    tmp = rec.with_name(f".{rec.name}.{os.getpid()}.tmp")
    tmp.write_text(
        json.dumps(
            {"key": key, "meta": dataclasses.asdict(meta), "n_figures": n_figures},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    os.replace(tmp, rec)


def prune(paths: Paths, keep: set[str]) -> None:
    """Remove records and artifacts of reports that are no longer catalogued."""
    for folder in (paths.build / "cache", paths.ingest, paths.figures, paths.observations):
        if not folder.exists():
            continue
        for f in folder.iterdir():
            doc_id = f.name.removesuffix(".json").removesuffix(".checks")
            if f.name.startswith(".") or doc_id not in keep:
                f.unlink()


# ------------------------------------------------------------------ whole builds
BUILD_KEY_FILE = "published.key"  # under build/: the key of what `datapackage/` now holds
_BUILD_DISTS = ("mkdocs", "mkdocs-material", "frictionless", "xlsxwriter", "jinja2", "babel")
_VENDOR = ("vega", "vega-lite", "vega-embed")


def _tree_digest(h: Any, top: Path, suffixes: tuple[str, ...] | None = None) -> None:
    for path in sorted(top.rglob("*")) if top.is_dir() else []:
        if path.is_file() and (suffixes is None or path.suffix in suffixes):
            h.update(path.relative_to(top).as_posix().encode())
            h.update(path.read_bytes())


def build_key(paths: Paths, report_keys: dict[str, str], *, site: bool, day: str) -> str:
    """Everything the published package and site are made from, as one hash.

    Why: a rebuild with nothing changed should cost a look, not a build. The outputs are a
    pure function of the reports (their keys), all of solieu's code and data (site included),
    the hand-written pages and hooks (`docs/`), the site's configuration and settings, the
    vendored chart libraries, the versions of the libraries that write the outputs, and the
    day (the citations' date of access). Same key, same bytes: the build publishes nothing.
    """
    h = hashlib.sha256()
    h.update(json.dumps(sorted(report_keys.items())).encode())
    h.update(f"site={site};day={day}".encode())
    _tree_digest(h, PACKAGE_DIR, (".py", ".yaml", ".yml", ".j2", ".json", ".css", ".js"))
    _tree_digest(h, paths.docs)
    for path in (paths.mkdocs_yml, paths.root / "solieu.yaml"):
        h.update(path.read_bytes() if path.is_file() else b"absent")
    for name in _VENDOR:
        meta = paths.root / "node_modules" / name / "package.json"
        h.update(meta.read_bytes() if meta.is_file() else b"absent")
    for dist in (*_BUILD_DISTS, *DATASETS):
        try:
            h.update(f"{dist}=={importlib_metadata.version(dist)}".encode())
        except importlib_metadata.PackageNotFoundError:
            h.update(f"{dist} absent".encode())
    return h.hexdigest()


def published_key(paths: Paths) -> str | None:
    """The build key of the live package and site, if the last build recorded one."""
    try:
        return (paths.build / BUILD_KEY_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def set_published_key(paths: Paths, key: str | None) -> None:
    """Record (after publishing) or forget (before publishing) the live outputs' build key."""
    stamp = paths.build / BUILD_KEY_FILE
    if key is None:
        stamp.unlink(missing_ok=True)
        return
    tmp = stamp.with_suffix(".tmp")
    tmp.write_text(key + "\n", encoding="utf-8")
    os.replace(tmp, stamp)
