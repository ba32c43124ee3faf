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

CATALOGUE_FIELDS = (
    "document_id",
    "file",
    "unit_id",
    "period",
    "kind",
    "title",
    "issuer",
    "signed",
    "licence",
    "url",
    "sha256",
    "original",
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
