"""Stage 4: the Frictionless data package that journalists download.

The descriptor (resources, fields, keys) is data (`data/datapackage.yaml`); this module only
turns the stage-3 records into CSV rows in that field order. Output is deterministic — rows
sorted by key, numbers written in their shortest exact form, no build timestamps — so that
`git diff datapackage/` shows exactly what changed in the data.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from solieu.model import Check, DocumentMeta, Figure, Observation
from solieu.paths import DATA_DIR
from solieu.periods import parse_period
from solieu.units import Unit, for_package


def descriptor_template() -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / "datapackage.yaml").read_text(encoding="utf-8"))


def fmt_cell(value: Any) -> str:
    """One CSV cell: empty for missing, true/false, integers without '.0', floats exact."""
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
    figures: list[Figure],
    observations: list[Observation],
    checks: list[Check],
) -> list[dict[str, Any]]:
    count = {"f": {}, "o": {}, "c": {}}
    for key, items in (("f", figures), ("o", observations), ("c", checks)):
        for it in items:
            count[key][it.document_id] = count[key].get(it.document_id, 0) + 1
    rows = []
    for m in metas:
        start, end = _period_bounds(m.period)
        rows.append(
            {
                **asdict(m),
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


def write_package(
    out_dir: Path,
    metas: list[DocumentMeta],
    units: dict[str, Unit],
    catalogue: list[dict[str, Any]],
    figures: list[Figure],
    observations: list[Observation],
    checks: list[Check],
) -> Path:
    """Write all resources and `datapackage.json` into `out_dir`; return the descriptor path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    desc = descriptor_template()
    latest = mark_latest(observations, metas)
    used_units = {m.unit_id for m in metas} | {o.unit_id for o in observations}

    n_obs: dict[str, int] = {}
    for o in observations:
        n_obs[o.indicator_id] = n_obs.get(o.indicator_id, 0) + 1

    rows: dict[str, list[dict[str, Any]]] = {
        "documents": document_rows(metas, figures, observations, checks),
        "units": [
            {**asdict(u), "has_data": u.unit_id in used_units}
            for u in for_package(units, used_units)
        ],
        "indicators": [
            {**ind, "n_observations": n_obs.get(ind["indicator_id"], 0)} for ind in catalogue
        ],
        "figures": [asdict(f) for f in figures],
        "observations": [
            {**asdict(o), "is_latest": latest[o.observation_id]} for o in observations
        ],
        "checks": [asdict(c) for c in checks],
    }
    keys = {
        "documents": "document_id",
        "units": "unit_id",
        "indicators": "indicator_id",
        "figures": "figure_id",
        "observations": "observation_id",
        "checks": "check_id",
    }
    for res in desc["resources"]:
        name = res["name"]
        fields = [f["name"] for f in res["fields"]]
        data = sorted(rows[name], key=lambda r, k=keys[name]: str(r[k]))
        path = out_dir / f"{name}.csv"
        write_csv(path, fields, data)
        schema: dict[str, Any] = {"fields": res.pop("fields")}
        schema["primaryKey"] = res.pop("primaryKey")
        if "foreignKeys" in res:
            schema["foreignKeys"] = res.pop("foreignKeys")
        res.update(
            {
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    dp = out_dir / "datapackage.json"
    dp.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return dp
