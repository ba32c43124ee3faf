"""Stage 4: the committed data package is valid, complete and in sync with the sources."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import Package

from solieu.package import fmt_cell, write_package
from solieu.units import load_units

RESOURCES = {"observations", "indicators", "units", "documents", "figures", "checks"}


def test_committed_package_passes_frictionless(paths):
    report = Package(str(paths.datapackage / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:10]


def test_contract_resources_and_fields(paths):
    desc = json.loads((paths.datapackage / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in desc["resources"]}
    assert names >= RESOURCES
    obs = next(r for r in desc["resources"] if r["name"] == "observations")
    fields = {f["name"] for f in obs["schema"]["fields"]}
    assert {"indicator_id", "unit_id", "period", "value", "unit", "document_id", "quote"} <= fields
    fks = {tuple(fk["fields"]): fk["reference"]["resource"] for fk in obs["schema"]["foreignKeys"]}
    assert fks[("indicator_id",)] == "indicators"
    assert fks[("unit_id",)] == "units"
    assert fks[("document_id",)] == "documents"


def test_committed_package_is_what_the_sources_produce(paths, stages, tmp_path):
    """datapackage/ is committed so data changes show in diffs; it must match a fresh build."""
    from solieu.indicators import load_catalogue

    reports = sorted(stages.reports, key=lambda r: r.meta.document_id)
    write_package(
        tmp_path,
        [r.meta for r in reports],
        load_units(),
        load_catalogue(),
        [f for r in reports for f in r.figures],
        [o for r in reports for o in r.observations],
        [c for r in reports for c in r.checks],
    )
    for p in sorted(tmp_path.iterdir()):
        committed = paths.datapackage / p.name
        assert committed.exists(), f"{p.name} missing from datapackage/ (run make site)"
        assert committed.read_bytes() == p.read_bytes(), (
            f"datapackage/{p.name} is stale: run make site"
        )


def test_every_document_has_its_rows(paths):
    with open(paths.datapackage / "documents.csv", encoding="utf-8") as fh:
        docs = list(csv.DictReader(fh))
    assert len(docs) == 5
    by_id = {d["document_id"]: d for d in docs}
    assert by_id["tinh-lang-son-2025-h1-bao-cao"]["period_start"] == "2025-01-01"
    assert int(by_id["tinh-lang-son-2025-h1-bao-cao"]["n_figures"]) > 300


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (10909000000.0, "10909000000"),
        (8.37, "8.37"),
        (0.1 + 0.2, "0.30000000000000004"),
        (["a", "b"], "a;b"),
        (float("nan"), ""),
    ],
)
def test_cells_are_exact_and_stable(value, cell):
    assert fmt_cell(value) == cell
