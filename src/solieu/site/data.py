"""Read the data package and the ingest artifacts into plain, sorted Python structures.

Why plain dicts from the csv module (not pandas): the site only needs lookups and stable
ordering, and reading strings exactly as written keeps the per-table CSV slices identical to
the package rows they come from. A document's normalised text (its ingest JSON) is read when
its page is made, not all at once: a thousand reports' texts are never held together.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solieu.model import Document, document_from_dict
from solieu.package import document_keys, read_part, read_resource

RESOURCES = ["documents", "units", "indicators", "figures", "observations", "checks"]
Row = dict[str, str]
# Levels compared on one axis: never a ward beside a province (issue 11, "Place done right").
LEVEL_GROUPS = {
    "province": "province",
    "district": "district",
    "ward": "commune",
    "commune": "commune",
    "special_zone": "commune",
}


def num(s: str | None) -> float | None:
    """A CSV cell as a float, or None when empty."""
    if s is None or s == "":
        return None
    try:
        return float(s)
    except ValueError:
        return None


def is_true(s: str | None) -> bool:
    return (s or "").lower() in ("true", "1")


def period_key(period: str) -> tuple[str, int, int, str]:
    """Sort periods chronologically by their end, shorter spans first: 2025-05 < 2025-06 <
    2025-Q2 < 2025-H1 < 2025-YTD07 < 2025-11 < 2025."""
    year, rest = period[:4], period[5:]
    m = re.fullmatch(r"(\d{2})|Q([1-4])|H([12])|YTD(\d{2})", rest)
    if not rest:
        return (year, 12, 12, period)
    if not m:
        return (year, 12, 13, period)
    if m.group(1):
        return (year, int(m.group(1)), 1, period)
    if m.group(2):
        return (year, 3 * int(m.group(2)), 3, period)
    if m.group(3):
        return (year, 6 * int(m.group(3)), 6, period)
    return (year, int(m.group(4)), int(m.group(4)), period)


@dataclass
class SiteData:
    """Everything a page generator needs, indexed once."""

    root: Path
    package: dict[str, Any]
    fields: dict[str, list[str]]
    tables: dict[str, list[Row]]
    ingest_dir: Path | None = None
    types: dict[str, dict[str, str]] = field(default_factory=dict)  # Table Schema field types
    docs_by_id: dict[str, Row] = field(default_factory=dict)
    units_by_id: dict[str, Row] = field(default_factory=dict)
    indicators_by_id: dict[str, Row] = field(default_factory=dict)
    figure_parts: list[str] = field(default_factory=list)  # the figures resource's paths
    doc_keys: dict[str, str] = field(default_factory=dict)  # document → key of its figures
    obs_by_figure: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_indicator: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_unit: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_doc: dict[str, list[Row]] = field(default_factory=dict)
    obs_by_unit_period: dict[tuple[str, str], list[Row]] = field(default_factory=dict)
    docs_by_unit: dict[str, list[Row]] = field(default_factory=dict)
    checks_by_doc: dict[str, list[Row]] = field(default_factory=dict)
    province: dict[str, str] = field(default_factory=dict)  # unit → its province (or itself)
    _ingest: dict[str, Document | None] = field(default_factory=dict)
    _figures: dict[str, list[Row]] = field(default_factory=dict)  # document → its figures
    _parts_read: set[str] = field(default_factory=set)

    def figures_of(self, doc_id: str) -> list[Row]:
        """A document's figures in text order, read with the rest of their part on first use.

        Why lazily: figures are nine rows in ten of the package; a rebuild after one report
        is added makes the pages of a few documents, and reads only their parts.
        """
        if doc_id not in self._figures:
            self._read_part(doc_id)
        return self._figures.get(doc_id, [])

    def n_figures(self, doc_id: str) -> int:
        """How many figures a document has (its row in documents, without reading them)."""
        return int(self.docs_by_id.get(doc_id, {}).get("n_figures") or 0)

    def _read_part(self, doc_id: str) -> None:
        from solieu.package import partition

        d = self.docs_by_id.get(doc_id, {})
        rel = f"figures/{partition(d.get('unit_id'), d.get('period'))}.csv"
        parts = [rel] if rel in self.figure_parts else self.figure_parts  # else: look everywhere
        grouped: dict[str, list[Row]] = defaultdict(list)
        for part in parts:
            if part in self._parts_read:
                continue
            self._parts_read.add(part)
            for f in read_part(self.root / part):
                grouped[f["document_id"]].append(f)
        for k, v in grouped.items():
            self._figures[k] = sorted(v, key=lambda f: (int(f.get("start") or 0), f["figure_id"]))
        self._figures.setdefault(doc_id, [])

    def figures_digest(self, doc_id: str) -> str:
        """What a document's figure rows are: their key in the package, else the rows."""
        if doc_id in self.doc_keys:
            return self.doc_keys[doc_id]
        h = hashlib.sha1()
        for f in self.figures_of(doc_id):
            h.update("\x1f".join(f.values()).encode("utf-8"))
            h.update(b"\x1d")
        return h.hexdigest()

    def ingest(self, doc_id: str) -> Document | None:
        """The document's normalised text (read on first use, then kept)."""
        if doc_id not in self._ingest:
            p = self.ingest_dir / f"{doc_id}.json" if self.ingest_dir else None
            self._ingest[doc_id] = (
                document_from_dict(json.loads(p.read_text(encoding="utf-8")))
                if p is not None and p.exists()
                else None
            )
        return self._ingest[doc_id]

    def ingest_hash(self, doc_id: str) -> str:
        """A hash of the document's ingest JSON (what its text pages are made from)."""
        p = self.ingest_dir / f"{doc_id}.json" if self.ingest_dir else None
        if p is None or not p.exists():
            return ""
        return hashlib.sha1(p.read_bytes()).hexdigest()

    def forget_ingest(self, doc_id: str) -> None:
        self._ingest.pop(doc_id, None)

    def unit_periods(self) -> dict[str, list[str]]:
        """unit_id → periods that have a document or an observation, chronological."""
        out: dict[str, set[str]] = defaultdict(set)
        for d in self.tables["documents"]:
            if d.get("unit_id") and d.get("period"):
                out[d["unit_id"]].add(d["period"])
        for uid, period in self.obs_by_unit_period:
            out[uid].add(period)
        return {u: sorted(ps, key=period_key) for u, ps in sorted(out.items())}

    def docs_for(self, unit_id: str, period: str) -> list[Row]:
        return [d for d in self.docs_by_unit.get(unit_id, []) if d.get("period") == period]

    def obs_for(self, unit_id: str, period: str) -> list[Row]:
        """The values shown on a unit × period page: the unit's values from reports of that
        period (whatever span each value covers)."""
        return self.obs_by_unit_period.get((unit_id, period), [])

    def page_period(self, o: Row) -> str:
        """The period of the unit × period page that shows a value (its report's period)."""
        return self.docs_by_id.get(o.get("document_id", ""), {}).get("period") or o["period"]

    def level_group(self, unit_id: str) -> str:
        return LEVEL_GROUPS.get(self.units_by_id.get(unit_id, {}).get("level") or "", "commune")


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


def _provinces(units: list[Row]) -> dict[str, str]:
    """unit → the province it lies in (through parent_id), or itself when it is one or has
    no parent among the rows."""
    parent = {u["unit_id"]: u.get("parent_id") or "" for u in units}
    out: dict[str, str] = {}
    for uid in parent:
        seen, cur = set(), uid
        while parent.get(cur) and parent[cur] in parent and cur not in seen:
            seen.add(cur)
            cur = parent[cur]
        out[uid] = cur
    return out


def _fields(root: Path, rel: str | list[str] | None, name: str) -> list[str]:
    """The column names of a resource (from its first part's header)."""
    first = rel[0] if isinstance(rel, list) and rel else rel or f"{name}.csv"
    path = root / str(first)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh).fieldnames or [])


def load(datapackage_dir: Path, ingest_dir: Path) -> SiteData:
    """Load ``datapackage.json`` and its CSV resources (all parts); texts are read on use."""
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
        fields[name] = _fields(datapackage_dir, paths.get(name), name)
        if name != "figures":  # read by document, when a page needs them (`figures_of`)
            tables[name] = [dict(r) for r in read_resource(datapackage_dir, name)]
    tables["units"] = units_with_data(tables)
    sd = SiteData(
        root=datapackage_dir,
        package=package,
        fields=fields,
        tables=tables,
        types=types,
        ingest_dir=ingest_dir,
    )
    sd.docs_by_id = {d["document_id"]: d for d in tables["documents"]}
    sd.units_by_id = {u["unit_id"]: u for u in tables["units"]}
    sd.indicators_by_id = {i["indicator_id"]: i for i in tables["indicators"]}
    sd.province = _provinces(tables["units"])
    figure_paths = paths.get("figures") or "figures.csv"
    sd.figure_parts = list(figure_paths) if isinstance(figure_paths, list) else [figure_paths]
    sd.doc_keys = document_keys(datapackage_dir)
    for d in sorted(tables["documents"], key=lambda d: d["document_id"]):
        sd.docs_by_unit.setdefault(d["unit_id"], []).append(d)
    for o in sorted(tables["observations"], key=lambda o: o["observation_id"]):
        sd.obs_by_figure.setdefault(o.get("figure_id", ""), []).append(o)
        sd.obs_by_indicator.setdefault(o["indicator_id"], []).append(o)
        sd.obs_by_unit.setdefault(o["unit_id"], []).append(o)
        sd.obs_by_doc.setdefault(o.get("document_id", ""), []).append(o)
        # a value is shown on the page of its unit and its REPORT's period: a monthly report's
        # running total (period 2025-YTD11) is one of that month's numbers, not a page of its own
        page_period = sd.docs_by_id.get(o.get("document_id", ""), {}).get("period") or o["period"]
        sd.obs_by_unit_period.setdefault((o["unit_id"], page_period), []).append(o)
    for c in sorted(tables["checks"], key=lambda c: c["check_id"]):
        sd.checks_by_doc.setdefault(c["document_id"], []).append(c)
    return sd
