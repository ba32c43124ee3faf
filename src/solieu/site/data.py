"""Read the data package and the ingest artifacts into plain, sorted Python structures.

Why plain dicts from the csv module (not pandas): the site only needs lookups and stable
ordering, and reading strings exactly as written keeps the per-table CSV slices identical to
the package rows they come from.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solieu.model import Document, document_from_dict
from solieu.package import read_resource

RESOURCES = ["documents", "units", "indicators", "figures", "observations", "checks"]
Row = dict[str, str]


def num(s: str | None) -> float | None:
    """A CSV cell as a float, or None when empty."""
    if s is None or s == "":
        return None
    try:
        return float(s)
    except ValueError:
        return None


def period_key(period: str) -> tuple[str, int, str]:
    """Sort periods chronologically by their end: 2025-05 < 2025-H1 (ends June) < 2025-11."""
    year = period[:4]
    rest = period[5:]
    if rest.startswith("H"):
        month = 6 if rest == "H1" else 12
    elif rest.startswith("Q"):
        month = 3 * int(rest[1:] or 0)
    elif rest.isdigit():
        month = int(rest)
    else:
        month = 12
    return (year, month, period)


@dataclass
class SiteData:
    """Everything a page generator needs, indexed once."""

    root: Path
    package: dict[str, Any]
    fields: dict[str, list[str]]
    tables: dict[str, list[Row]]
    types: dict[str, dict[str, str]] = field(default_factory=dict)  # Table Schema field types
    docs_by_id: dict[str, Row] = field(default_factory=dict)
    units_by_id: dict[str, Row] = field(default_factory=dict)
    indicators_by_id: dict[str, Row] = field(default_factory=dict)
    figures_by_id: dict[str, Row] = field(default_factory=dict)
    figures_by_doc: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_figure: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_indicator: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_unit: dict[str, list[Row]] = field(default_factory=dict)
    checks_by_doc: dict[str, list[Row]] = field(default_factory=dict)
    ingest: dict[str, Document] = field(default_factory=dict)

    def unit_periods(self) -> dict[str, list[str]]:
        """unit_id → periods that have a document or an observation, chronological."""
        out: dict[str, set[str]] = defaultdict(set)
        for d in self.tables["documents"]:
            if d.get("unit_id") and d.get("period"):
                out[d["unit_id"]].add(d["period"])
        for o in self.tables["observations"]:
            if o.get("unit_id") and o.get("period"):
                out[o["unit_id"]].add(o["period"])
        return {u: sorted(ps, key=period_key) for u, ps in sorted(out.items())}

    def docs_for(self, unit_id: str, period: str) -> list[Row]:
        return [
            d
            for d in self.tables["documents"]
            if d.get("unit_id") == unit_id and d.get("period") == period
        ]

    def obs_for(self, unit_id: str, period: str) -> list[Row]:
        return [o for o in self.obs_by_unit.get(unit_id, []) if o.get("period") == period]


def _read_resource(root: Path, name: str, first: str) -> tuple[list[str], list[Row]]:
    """Field names and rows of a resource (all its parts when it is partitioned)."""
    path = root / first
    if not path.exists():
        return [], []
    with path.open(encoding="utf-8", newline="") as fh:
        fields = list(csv.DictReader(fh).fieldnames or [])
    return fields, [dict(r) for r in read_resource(root, name)]


def units_with_data(tables: dict[str, list[Row]]) -> list[Row]:
    """The rows of the units resource the site makes pages for.

    The package lists every unit of the country (a journalist joins on codes); the site shows
    the units reports speak of, with their ancestors and lineage, so that its size follows
    the corpus, not the country.
    """
    from solieu.units import Unit, with_data

    def split(v: str | None) -> list[str]:
        return [x for x in (v or "").split(";") if x]

    table = {
        r["unit_id"]: Unit(
            unit_id=r["unit_id"],
            name=r.get("name") or "",
            level=r.get("level") or "",
            parent_id=r.get("parent_id") or None,
            formed_from=split(r.get("formed_from")),
            merged_into=split(r.get("merged_into")),
        )
        for r in tables["units"]
    }
    used = {d["unit_id"] for d in tables["documents"]} | {
        o["unit_id"] for o in tables["observations"]
    }
    keep = with_data(used, table)
    return [r for r in tables["units"] if r["unit_id"] in keep]


def load(datapackage_dir: Path, ingest_dir: Path) -> SiteData:
    """Load ``datapackage.json``, its CSV resources and each document's ingest JSON."""
    pkg_path = datapackage_dir / "datapackage.json"
    package = json.loads(pkg_path.read_text(encoding="utf-8")) if pkg_path.exists() else {}
    resources = [r for r in package.get("resources", []) if "name" in r]
    paths = {r["name"]: r.get("path") for r in resources}
    types = {
        r["name"]: {
            f["name"]: f.get("type", "string") for f in r.get("schema", {}).get("fields", [])
        }
        for r in resources
    }
    fields: dict[str, list[str]] = {}
    tables: dict[str, list[Row]] = {}
    for name in RESOURCES:
        rel = paths.get(name) or f"{name}.csv"
        if isinstance(rel, list):
            rel = rel[0]
        fields[name], tables[name] = _read_resource(datapackage_dir, name, rel)
    tables["units"] = units_with_data(tables)
    sd = SiteData(root=datapackage_dir, package=package, fields=fields, tables=tables, types=types)
    sd.docs_by_id = {d["document_id"]: d for d in tables["documents"]}
    sd.units_by_id = {u["unit_id"]: u for u in tables["units"]}
    sd.indicators_by_id = {i["indicator_id"]: i for i in tables["indicators"]}
    sd.figures_by_id = {f["figure_id"]: f for f in tables["figures"]}
    fbd: dict[str, list[Row]] = defaultdict(list)
    for f in tables["figures"]:
        fbd[f["document_id"]].append(f)
    sd.figures_by_doc = {
        k: sorted(v, key=lambda f: (int(f.get("start") or 0), f["figure_id"]))
        for k, v in fbd.items()
    }
    for o in sorted(tables["observations"], key=lambda o: o["observation_id"]):
        sd.obs_by_figure.setdefault(o.get("figure_id", ""), []).append(o)
        sd.obs_by_indicator.setdefault(o["indicator_id"], []).append(o)
        sd.obs_by_unit.setdefault(o["unit_id"], []).append(o)
    for c in sorted(tables["checks"], key=lambda c: c["check_id"]):
        sd.checks_by_doc.setdefault(c["document_id"], []).append(c)
    for doc_id in sorted(sd.docs_by_id):
        p = ingest_dir / f"{doc_id}.json"
        if p.exists():
            sd.ingest[doc_id] = document_from_dict(json.loads(p.read_text(encoding="utf-8")))
    return sd
