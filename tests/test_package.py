"""Stage 4: the committed data package is valid, complete and in sync with the sources."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import Package

from solieu.package import fmt_cell

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
    """datapackage/ is committed so data changes show in diffs; it must match a fresh build
    (stage 4 exactly as the build runs it)."""
    from solieu.pipeline import build_package

    build_package(paths, stages, tmp_path)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert written
    for p in written:
        rel = p.relative_to(tmp_path)
        committed = paths.datapackage / rel
        assert committed.exists(), f"{rel} missing from datapackage/ (run make site)"
        assert committed.read_bytes() == p.read_bytes(), (
            f"datapackage/{rel} is stale: run make site"
        )
    committed_csvs = {
        p.relative_to(paths.datapackage)
        for p in paths.datapackage.rglob("*.csv")
        if not p.relative_to(paths.datapackage).parts[0].startswith(".")
    }
    assert committed_csvs == {p.relative_to(tmp_path) for p in written if p.suffix == ".csv"}


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


def test_unchanged_figure_parts_are_copied_and_identical(paths, stages, tmp_path, monkeypatch):
    """A rebuild reuses the previous package's figures parts whose reports did not change
    (streamed reports, same bytes), and rewrites a part whose report changed."""
    import solieu.package as package
    from solieu.pipeline import build_package

    for r in stages.reports:
        r.key = r.key or f"key-{r.meta.document_id}"
    first = tmp_path / "first"
    build_package(paths, stages, first)
    written: list[str] = []
    real = package._write_part

    def spy(path, *args, **kwargs):
        written.append(path.relative_to(path.parents[2]).as_posix())
        return real(path, *args, **kwargs)

    monkeypatch.setattr(package, "_write_part", spy)
    second = tmp_path / "second"
    build_package(paths, stages, second, reuse=first)
    assert not [w for w in written if w.startswith("figures/")]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    changed = stages.reports[0]
    changed.key = "another key"
    written.clear()
    build_package(paths, stages, tmp_path / "third", reuse=second)
    part = package.partition_of(changed.meta)
    assert [w for w in written if w.startswith("figures/")] == [f"figures/{part}.csv"]
