"""All stages, report by report, with per-report error isolation and atomic outputs.

One bad report must never stop the others: each report runs through read → ingest →
figures → indicators → checks inside its own try, and its problems are collected as
`InputError`s for the summary. Published outputs (`datapackage/`, `build/site/`) are written
to a temporary sibling and swapped in whole, so a failed build never leaves half a site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from solieu import checks as checks_stage
from solieu import figures as figures_stage
from solieu import indicators as indicators_stage
from solieu import ingest as ingest_stage
from solieu import metadata as metadata_stage
from solieu.catalog import load_catalog
from solieu.errors import InputError
from solieu.model import Check, Document, DocumentMeta, Figure, Observation, write_json
from solieu.package import write_package
from solieu.paths import Paths
from solieu.readers import read_report
from solieu.units import load_units


@dataclass
class ReportResult:
    """What one report produced (stage 1–3 artifacts)."""

    meta: DocumentMeta
    document: Document
    figures: list[Figure]
    observations: list[Observation]
    checks: list[Check]


@dataclass
class BuildResult:
    reports: list[ReportResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(e.severity == "error" for e in self.errors)


def process_text(raw: str, meta: DocumentMeta) -> ReportResult:
    """Stages 1–3 on one report text; metadata detected from the text fills what is missing."""
    detected = metadata_stage.detect(raw)
    meta.detected = {**detected, **meta.detected}
    for field_name in ("unit_id", "period", "kind", "title", "issuer", "signed"):
        if getattr(meta, field_name) in (None, "") and detected.get(field_name):
            setattr(meta, field_name, detected[field_name])
    meta.warnings.extend(metadata_stage.compare(meta, detected))
    document = ingest_stage.ingest(raw, meta)
    figures = figures_stage.extract_figures(document)
    observations = indicators_stage.map_observations(document, figures)
    checks = checks_stage.run_checks(document, figures, observations=observations)
    return ReportResult(meta, document, figures, observations, checks)


def process_report(meta: DocumentMeta, paths: Paths) -> ReportResult:
    """Read one catalogued report and run it through stages 1–3, writing each artifact."""
    source = paths.sources / meta.file
    raw = read_report(source)
    result = process_text(raw, meta)
    doc_id = meta.document_id
    write_json(paths.ingest / f"{doc_id}.json", result.document)
    write_json(paths.figures / f"{doc_id}.json", result.figures)
    write_json(paths.observations / f"{doc_id}.json", result.observations)
    write_json(paths.observations / f"{doc_id}.checks.json", result.checks)
    return result


def flag_cross_report_conflicts(reports: list[ReportResult]) -> list[InputError]:
    """Two reports giving different values for the same unit, indicator, period and basis.

    Both observations are kept and flagged; the maintainer is told, nothing is dropped.
    """
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for r in reports:
        for o in r.observations:
            groups[(o.indicator_id, o.unit_id, o.period, o.basis)].append(o)
    warnings = []
    for key, obs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        docs = {o.document_id for o in obs}
        values = {o.value for o in obs}
        if len(docs) > 1 and len(values) > 1:
            for o in obs:
                if "conflict_between_reports" not in o.flags:
                    o.flags.append("conflict_between_reports")
            listing = "; ".join(f"{o.document_id}: {o.value:g}" for o in obs)
            warnings.append(
                InputError(
                    ", ".join(sorted(docs)),
                    f"reports disagree on {key[0]} for {key[1]} {key[2]}"
                    + (f" ({key[3]})" if key[3] else "")
                    + f": {listing}",
                    hint="both values are published and flagged; check the newer report",
                    severity="warning",
                )
            )
    return warnings


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by the fully written directory `new` (rename, then drop the old one)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old)


def run_stages(paths: Paths) -> BuildResult:
    """Stages 0–3 for every catalogued report, collecting errors per report."""
    result = BuildResult()
    units = load_units()
    metas, errors = load_catalog(paths.catalog, known_units=set(units))
    result.errors.extend(errors)
    for stage_dir in (paths.ingest, paths.figures, paths.observations):
        if stage_dir.exists():
            shutil.rmtree(stage_dir)
    for meta in metas:
        try:
            result.reports.append(process_report(meta, paths))
        except InputError as exc:
            result.errors.append(exc)
        except Exception as exc:  # noqa: BLE001 — one report's bug must not stop the others
            result.errors.append(
                InputError(
                    paths.sources / meta.file,
                    f"internal error while processing: {exc!r}",
                    hint="please report this with the file; trace: "
                    + traceback.format_exc(limit=3).replace("\n", " | "),
                )
            )
    result.errors.extend(flag_cross_report_conflicts(result.reports))
    for r in result.reports:
        for w in r.meta.warnings:
            result.errors.append(InputError(paths.sources / r.meta.file, w, severity="warning"))
    return result


def build_package(paths: Paths, result: BuildResult) -> Path:
    """Stage 4 into a temporary directory, validated by construction, then swapped in."""
    reports = sorted(result.reports, key=lambda r: r.meta.document_id)
    tmp = Path(tempfile.mkdtemp(prefix=".datapackage-", dir=paths.root))
    try:
        write_package(
            tmp,
            metas=[r.meta for r in reports],
            units=load_units(),
            catalogue=indicators_stage.load_catalogue(),
            figures=[f for r in reports for f in r.figures],
            observations=[o for r in reports for o in r.observations],
            checks=[c for r in reports for c in r.checks],
        )
        swap_in(tmp, paths.datapackage)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return paths.datapackage / "datapackage.json"


def build_site(paths: Paths) -> None:
    """Stage 5: Markdown into build/docs, mkdocs into a temp dir, then swap into build/site."""
    from solieu import site as site_stage

    site_stage.build_site(paths)
    final = paths.site
    tmp = paths.build / ".site-tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    paths.site = tmp
    try:
        site_stage.run_mkdocs(paths)
    finally:
        paths.site = final
    swap_in(tmp, final)


def build(paths: Paths | None = None, *, site: bool = True) -> BuildResult:
    """Everything: stages 0–4 always, stage 5 when `site` (what `make site` runs)."""
    paths = paths or Paths()
    result = run_stages(paths)
    if result.reports:
        build_package(paths, result)
        if site:
            build_site(paths)
    return result
