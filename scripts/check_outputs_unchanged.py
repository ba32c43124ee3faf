#!/usr/bin/env python3
"""Prove that a change to the extractor changed no output: snapshot before, compare after.

Why: performance work (issue 10) must not change what the extractor decides. This script
records every output of stages 0–4 on four sets, as parsed JSON content (so that a difference
is shown where it is: which value, key or order) and as the sha256 of its bytes (so that a
change of formatting alone is caught too):

* ``seeds``   — the catalogued reports of ``sources/`` through ``pipeline.process_report``
  (artifacts of ``build/ingest|figures|observations``), and the data package built from
  them (every file's bytes; also compared with the committed ``datapackage/``);
* ``corpus``  — the development corpus (``../shared/corpus/texts``) through
  ``solieu extract FILE --unit U --period P --format json``, unit and period from its
  ``gold.yaml`` (skipped when the corpus is absent);
* ``heldout`` — the regression set ``tests/heldout/`` through ``solieu extract`` the same way;
* ``synth``   — a synthetic corpus (``solieu.synth.generate``, seed 0, ``--synth N``
  reports, default 100) through ``process_report``.

Usage::

    scripts/check_outputs_unchanged.py snapshot /tmp/baseline      # before the change
    scripts/check_outputs_unchanged.py compare /tmp/baseline       # after: exit 1 on a diff

``--sets seeds,heldout`` limits the sets. Run from the project root with the venv's python.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOLIEU = ROOT / ".venv" / "bin" / "solieu"
SHARED = Path(os.environ.get("SHARED", ROOT.parent.parent / "shared")).resolve()
SETS = ("seeds", "corpus", "heldout", "synth")


def _artifacts(paths: Any, doc_id: str) -> dict[str, Any]:
    """The four stage artifacts of one report, parsed."""
    files = {
        "ingest": paths.ingest / f"{doc_id}.json",
        "figures": paths.figures / f"{doc_id}.json",
        "observations": paths.observations / f"{doc_id}.json",
        "checks": paths.observations / f"{doc_id}.checks.json",
    }
    out: dict[str, Any] = {k: json.loads(p.read_text(encoding="utf-8")) for k, p in files.items()}
    out["sha256"] = {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in files.items()}
    return out


def _run_reports(paths: Any) -> dict[str, Any]:
    """Every catalogued report of ``paths`` through `process_report`, in this process."""
    from solieu.catalog import load_catalog
    from solieu.pipeline import process_report
    from solieu.units import load_units

    metas, errors = load_catalog(paths.catalog, known_units=set(load_units()))
    assert not [e for e in errors if e.severity == "error"], errors
    out = {}
    for meta in metas:
        process_report(meta, paths)
        out[meta.document_id] = _artifacts(paths, meta.document_id)
    return out


def _package_files(folder: Path) -> dict[str, str]:
    """sha256 of every file of a data package (not the site, not hidden bookkeeping)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def collect_seeds() -> dict[str, Any]:
    from solieu.engine import SerialEngine
    from solieu.paths import Paths
    from solieu.pipeline import build_package, run_stages

    with tempfile.TemporaryDirectory(prefix="solieu-check-") as tmp:
        paths = Paths(ROOT, build=Path(tmp) / "build")
        out = _run_reports(paths)
        result = run_stages(paths, SerialEngine())  # from the cache just written
        package = Path(tmp) / "package"
        package.mkdir()
        build_package(paths, result, package)
        files = _package_files(package)
    committed = _package_files(ROOT / "datapackage")
    if files != committed:
        differ = sorted(
            k for k in files.keys() | committed.keys() if files.get(k) != committed.get(k)
        )
        print(f"seeds: the package built now differs from the committed datapackage/: {differ}")
    else:
        print(
            f"seeds: the package built now equals the committed datapackage/ ({len(files)} files)"
        )
    out["datapackage"] = files
    return out


def _extract(file: Path, unit: str, period: str) -> Any:
    cmd = [str(SOLIEU), "extract", str(file), "--unit", unit, "--period", str(period)]
    done = subprocess.run([*cmd, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        return {"exit": done.returncode, "stderr": done.stderr}
    return {
        "json": json.loads(done.stdout),
        "sha256": hashlib.sha256(done.stdout.encode()).hexdigest(),
    }


def _ingested(file: Path, unit: str, period: str) -> Any:
    """The stage-1 document `solieu extract` builds (which it does not print), in-process."""
    from solieu.model import DocumentMeta, to_jsonable
    from solieu.pipeline import process_text
    from solieu.readers import read_report_full

    read = read_report_full(file)
    meta = DocumentMeta(document_id=file.stem, file=str(file), unit_id=unit, period=period)
    return to_jsonable(process_text(read.text, meta, read.structure).document)


def _extract_all(jobs: dict[str, tuple[Path, str, str]]) -> dict[str, Any]:
    """`solieu extract` of each file (two at a time), and its ingested document."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {name: pool.submit(_extract, *job) for name, job in jobs.items()}
        ingested = {name: _ingested(*job) for name, job in jobs.items()}
        return {
            name: {"extract": f.result(), "ingest": ingested[name]} for name, f in futures.items()
        }


def collect_corpus() -> dict[str, Any] | None:
    gold = SHARED / "corpus" / "gold.yaml"
    if not gold.exists():
        print(f"corpus: skipped, no {gold}")
        return None
    files = yaml.safe_load(gold.read_text(encoding="utf-8"))["files"]
    texts = SHARED / "corpus" / "texts"
    return _extract_all(
        {name: (texts / name, f["unit_id"], f["period"]) for name, f in sorted(files.items())}
    )


def collect_heldout() -> dict[str, Any]:
    jobs = {}
    for y in sorted((ROOT / "tests" / "heldout").glob("*.yaml")):
        doc = yaml.safe_load(y.read_text(encoding="utf-8"))["document"]
        jobs[y.stem] = (y.with_suffix(".txt"), doc["unit_id"], doc["period"])
    return _extract_all(jobs)


def collect_synth(n: int) -> dict[str, Any]:
    from solieu.paths import Paths
    from solieu.synth import generate

    with tempfile.TemporaryDirectory(prefix="solieu-synth-") as tmp:
        generate(Path(tmp), n, root=Paths(ROOT))
        return _run_reports(Paths(Path(tmp), build=Path(tmp) / "build"))


def collect(name: str, n_synth: int) -> dict[str, Any] | None:
    if name == "synth":
        return collect_synth(n_synth)
    return {"seeds": collect_seeds, "corpus": collect_corpus, "heldout": collect_heldout}[name]()


def first_difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where two parsed JSON values first differ (a readable path), or None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} {a!r:.80} != {type(b).__name__} {b!r:.80}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {sorted(set(a) ^ set(b)) or 'in another order'}"
        for k in a:
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return f"{where}: length {len(a)} != {len(b)}" if len(a) != len(b) else None
    return None if a == b else f"{where}: {a!r:.120} != {b!r:.120}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("mode", choices=("snapshot", "compare"))
    ap.add_argument("folder", type=Path)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--synth", type=int, default=100, help="reports in the synthetic corpus")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.chdir(ROOT)
    failed = False
    for name in args.sets.split(","):
        data = collect(name, args.synth)
        if data is None:
            continue
        stored = args.folder / f"{name}.json"
        if args.mode == "snapshot":
            args.folder.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            print(f"{name}: {len(data)} outputs recorded in {stored}")
            continue
        before = json.loads(stored.read_text(encoding="utf-8"))
        diffs = {k: first_difference(before.get(k), data.get(k)) for k in before.keys() | data}
        diffs = {k: d for k, d in sorted(diffs.items()) if d}
        for k, d in diffs.items():
            print(f"{name}: DIFFERS {k}{d}")
        print(f"{name}: {len(data) - len(diffs)}/{len(data)} outputs identical")
        failed |= bool(diffs)
    if args.mode == "compare":
        print("all outputs unchanged" if not failed else "OUTPUTS CHANGED")
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
