"""Stage 4: the Frictionless data package that journalists download.

The descriptor (resources, fields, keys) is data (`data/datapackage.yaml`); this module only
turns the stage-3 records into CSV rows in that field order. Output is deterministic — rows
sorted by key, numbers written in their shortest exact form, no build timestamps — so that
`git diff datapackage/` shows exactly what changed in the data.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from solieu import units as units_mod
from solieu.model import Check, DocumentMeta, Figure, Observation
from solieu.paths import DATA_DIR, load_data
from solieu.periods import parse_period
from solieu.units import Unit


def descriptor_template() -> dict[str, Any]:
    return load_data(DATA_DIR / "datapackage.yaml")


def fmt_cell(value: Any) -> str:
    """One CSV cell: empty for missing, true/false, integers without '.0', floats exact."""
    if type(value) is str:  # most cells, first (millions of them at a province's year)
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return repr(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def write_csv(path: Path, fields: list[str], rows: Iterable[dict[str, Any]]) -> int:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    n = 0
    for row in rows:
        w.writerow([fmt_cell(row.get(f)) for f in fields])
        n += 1
    path.write_text(buf.getvalue(), encoding="utf-8")
    return n


def _period_bounds(period: str | None) -> tuple[str | None, str | None]:
    if not period:
        return None, None
    p = parse_period(period)
    return p.start.isoformat(), p.end.isoformat()


def document_rows(
    metas: list[DocumentMeta],
    n_figures: dict[str, int],
    observations: list[Observation],
    checks: list[Check],
) -> list[dict[str, Any]]:
    count: dict[str, dict[str, int]] = {"f": dict(n_figures), "o": {}, "c": {}}
    for key, items in (("o", observations), ("c", checks)):
        for it in items:
            count[key][it.document_id] = count[key].get(it.document_id, 0) + 1
    rows = []
    for m in metas:
        start, end = _period_bounds(m.period)
        rows.append(
            {
                **_row(m),
                "period_start": start,
                "period_end": end,
                "n_figures": count["f"].get(m.document_id, 0),
                "n_observations": count["o"].get(m.document_id, 0),
                "n_checks": count["c"].get(m.document_id, 0),
                "warnings": m.warnings,
            }
        )
    return sorted(rows, key=lambda r: r["document_id"])


def mark_latest(observations: list[Observation], metas: list[DocumentMeta]) -> dict[str, bool]:
    """Which observation is the newest word on its (indicator, unit, period, basis).

    Two reports may state a value for the same thing (an estimate, then the actual); both are
    kept, and the one from the most recent document is marked latest.
    """
    recency = {}
    for m in metas:
        _, end = _period_bounds(m.period)
        recency[m.document_id] = (end or "", m.signed or "", m.document_id)
    best: dict[tuple, tuple] = {}
    for o in observations:
        key = (o.indicator_id, o.unit_id, o.period, o.basis)
        r = recency.get(o.document_id, ("", "", o.document_id))
        if key not in best or r > best[key]:
            best[key] = r
    return {
        o.observation_id: recency.get(o.document_id, ("", "", o.document_id))
        == best[(o.indicator_id, o.unit_id, o.period, o.basis)]
        for o in observations
    }


PARTITIONED = ("figures", "observations", "checks")
KEYS = {
    "documents": "document_id",
    "units": "unit_id",
    "indicators": "indicator_id",
    "figures": "figure_id",
    "observations": "observation_id",
    "checks": "check_id",
}
PARTITION_KEYS_FILE = ".partition-keys.json"  # beside the CSVs, ignored by git


def partition_of(meta: DocumentMeta) -> str:
    """Where a report's rows go: ``<province>/<period>`` (e.g. ``tinh-lang-son/2025-H1``).

    Why: one file per resource passes GitHub's 100 MB limit at ≈ 850 reports, and a change to
    one report would rewrite it all. A province's reports of one period stay far below 50 MB
    (a few dozen KB a report), each part is a complete CSV with its header (frictionless
    reads the parts as one resource, pandas reads any part alone), and adding next month's
    reports adds files instead of rewriting old ones.
    """
    return partition(meta.unit_id, meta.period)


def partition(unit_id: str | None, period: str | None) -> str:
    """`partition_of` from a documents row's unit and period (what the site has)."""
    try:
        province = units_mod.province_of(unit_id or "")
    except KeyError:
        province = "khac"  # a unit solieu does not know (`solieu extract` only)
    return f"{province}/{period or 'khong-ro'}"


DOCUMENT_KEY = "document:"  # entries of the keys file that key one document's figure rows


def document_keys(package_dir: Path) -> dict[str, str]:
    """document → the key of its figure rows in this package (see `write_package`); empty
    for a package written without report keys (its rows must then be read to be compared)."""
    keys = _read_keys(package_dir)
    return {k.removeprefix(DOCUMENT_KEY): v for k, v in keys.items() if k.startswith(DOCUMENT_KEY)}


def write_package(
    out_dir: Path,
    metas: list[DocumentMeta],
    units: dict[str, Unit],
    catalogue: list[dict[str, Any]],
    figures: Iterable[Figure] | Callable[[str], Iterable[Figure]],
    observations: list[Observation],
    checks: list[Check],
    *,
    report_keys: dict[str, str] | None = None,
    n_figures: dict[str, int] | None = None,
    reuse: Path | None = None,
    title: str | None = None,
) -> Path:
    """Write all resources and `datapackage.json` into `out_dir`; return the descriptor path.

    ``figures`` is either every figure (tests, small corpora) or a function giving one
    document's figures, so that a build of thousands of reports streams them from `build/`
    one document at a time instead of holding them all. With ``report_keys`` (document →
    cache key) and ``reuse`` (the previous package), a figures part whose documents all have
    the same keys as when it was written is copied instead of written again (``n_figures``,
    document → its count of figures, then saves counting the copied rows).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    desc = descriptor_template()
    if title:
        desc["title"] = title
    metas = sorted(metas, key=lambda m: m.document_id)
    latest = mark_latest(observations, metas)
    used_units = {m.unit_id for m in metas} | {o.unit_id for o in observations}
    figures_of = _figures_source(figures)
    counts = {m.document_id: 0 for m in metas}
    n_obs: dict[str, int] = {}
    for o in observations:
        n_obs[o.indicator_id] = n_obs.get(o.indicator_id, 0) + 1

    parts: dict[str, list[DocumentMeta]] = defaultdict(list)
    for m in metas:
        parts[partition_of(m)].append(m)
    obs_by_doc = _by_doc(observations)
    checks_by_doc = _by_doc(checks)
    old_keys = _read_keys(reuse)
    new_keys: dict[str, str] = {}
    paths_of: dict[str, list[str]] = {name: [] for name in PARTITIONED}
    fields_of = {r["name"]: [f["name"] for f in r["fields"]] for r in desc["resources"]}

    for part, docs in sorted(parts.items()):
        rel = f"figures/{part}.csv"
        key = _part_key(docs, report_keys)
        if key:  # a report's figure rows follow from its cache key and this writer's code
            for m in docs:
                new_keys[DOCUMENT_KEY + m.document_id] = _part_key([m], report_keys) or ""
        if key and old_keys.get(rel) == f"{key}:empty":  # no figures then, none now
            new_keys[rel] = old_keys[rel]
        elif key and old_keys.get(rel) == key and reuse is not None and (reuse / rel).is_file():
            _copy(reuse / rel, out_dir / rel)
            if n_figures is not None and all(m.document_id in n_figures for m in docs):
                for m in docs:  # as many rows as the report had figures when it was written
                    counts[m.document_id] = n_figures[m.document_id]
            else:
                in_part = _count_rows(reuse / rel)
                for m in docs:
                    counts[m.document_id] = in_part.get(m.document_id, 0)
            new_keys[rel] = key
            paths_of["figures"].append(rel)
        else:
            n = _write_part(
                out_dir / rel,
                fields_of["figures"],
                (
                    _row(f)
                    for m in docs
                    for f in sorted(figures_of(m.document_id), key=lambda f: f.figure_id)
                ),
                counter=counts,
            )
            if n:
                paths_of["figures"].append(rel)
                if key:
                    new_keys[rel] = key
            else:
                (out_dir / rel).unlink()
                if key:
                    new_keys[rel] = f"{key}:empty"
        for name, rows_of in (
            (
                "observations",
                lambda d: [
                    {**_row(o), "is_latest": latest[o.observation_id]}
                    for o in obs_by_doc.get(d, [])
                ],
            ),
            ("checks", lambda d: [_row(c) for c in checks_by_doc.get(d, [])]),
        ):
            rel = f"{name}/{part}.csv"
            rows = sorted(
                (r for m in docs for r in rows_of(m.document_id)), key=lambda r: str(r[KEYS[name]])
            )
            if rows:
                _write_part(out_dir / rel, fields_of[name], rows)
                paths_of[name].append(rel)

    whole = {
        "documents": document_rows(metas, counts, observations, checks),
        "units": [
            {**_row(u), "has_data": u.unit_id in used_units}
            for u in units_mod.for_package(units, used_units)
        ],
        "indicators": [
            {**ind, "n_observations": n_obs.get(ind["indicator_id"], 0)} for ind in catalogue
        ],
    }
    for res in desc["resources"]:
        name = res["name"]
        fields = [f["name"] for f in res["fields"]]
        if name in PARTITIONED:
            path: str | list[str] = paths_of[name]
            if not path:  # no rows at all: one header-only part keeps the resource valid
                path = [f"{name}/khong-co-dong.csv"]
                _write_part(out_dir / path[0], fields, [])
        else:
            path = f"{name}.csv"
            data = sorted(whole[name], key=lambda r, k=KEYS[name]: str(r[k]))
            write_csv(out_dir / path, fields, data)
        schema: dict[str, Any] = {"fields": res.pop("fields")}
        schema["primaryKey"] = res.pop("primaryKey")
        if "foreignKeys" in res:
            schema["foreignKeys"] = res.pop("foreignKeys")
        res.update(
            {
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    (out_dir / PARTITION_KEYS_FILE).write_text(
        json.dumps(new_keys, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    dp = out_dir / "datapackage.json"
    dp.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return dp


def _row(item: Any) -> dict[str, Any]:
    """A record's fields, shallow: `dataclasses.asdict` deep-copies every list of every row
    (seconds at a province's year) and a row here is only read, cell by cell, once."""
    return dict(vars(item))


def read_resource(package_dir: Path, name: str) -> Iterator[dict[str, str]]:
    """Rows of one resource of a package as strings (exact, as written), parts concatenated.

    Reads the descriptor's ``path`` (a file or a list of parts); a package without a
    descriptor (an old layout, a test fixture) is read from ``<name>.csv``. Nothing is held in
    memory but one row.
    """
    desc_path = package_dir / "datapackage.json"
    rels: list[str] = [f"{name}.csv"]
    if desc_path.is_file():
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
        for res in desc.get("resources", []):
            if res.get("name") == name:
                path = res.get("path")
                rels = path if isinstance(path, list) else [path]
    for rel in rels:
        yield from read_part(package_dir / rel)


def read_part(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one CSV file of a package (one part of a resource); none if it is absent."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _figures_source(
    figures: Iterable[Figure] | Callable[[str], Iterable[Figure]],
) -> Callable[[str], Iterable[Figure]]:
    if callable(figures):
        return figures
    grouped = _by_doc(list(figures))
    return lambda doc_id: grouped.get(doc_id, [])


def _by_doc(items: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for it in items:
        out[it.document_id].append(it)
    return out


@functools.lru_cache(maxsize=1)
def _writer_version() -> str:
    """This writer's code and the package's schemas (what else decides the rows)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update((DATA_DIR / "datapackage.yaml").read_bytes())
    return h.hexdigest()


def _part_key(docs: list[DocumentMeta], report_keys: dict[str, str] | None) -> str | None:
    """What decides a figures part: its documents' cache keys (report, entry, extractor code)
    and this writer's own code."""
    if not report_keys or any(m.document_id not in report_keys for m in docs):
        return None
    h = hashlib.sha256(_writer_version().encode())
    for m in docs:
        h.update(f"{m.document_id}={report_keys[m.document_id]}\n".encode())
    return h.hexdigest()


def _read_keys(reuse: Path | None) -> dict[str, str]:
    if reuse is None:
        return {}
    try:
        return json.loads((reuse / PARTITION_KEYS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _count_rows(path: Path) -> Counter[str]:
    """Rows of each document in a part, in one pass (a part holds many documents)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        column = next(reader, []).index("document_id")
        return Counter(row[column] for row in reader)


def _write_part(
    path: Path,
    fields: list[str],
    rows: Iterable[dict[str, Any]],
    counter: dict[str, int] | None = None,
) -> int:
    """One part of a partitioned resource, written row by row (never the whole in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(fields)
        for row in rows:
            w.writerow([fmt_cell(row.get(f)) for f in fields])
            if counter is not None:
                counter[row["document_id"]] = counter.get(row["document_id"], 0) + 1
            n += 1
    return n
