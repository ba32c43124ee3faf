"""All stages, report by report, with per-report error isolation and atomic outputs.

One bad report must never stop the others: each report runs through read → ingest →
figures → indicators → checks inside its own try, and its problems are collected as
`InputError`s for the summary. Published outputs (`datapackage/` and its site, served
from `build/site/`) are written into one release tree and published together by
`solieu.publish`, so a failed or killed build never leaves half a site or a package that
disagrees with it.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from solieu import cache, publish, settings
from solieu import checks as checks_stage
from solieu import figures as figures_stage
from solieu import indicators as indicators_stage
from solieu import ingest as ingest_stage
from solieu import metadata as metadata_stage
from solieu.catalog import load_catalog
from solieu.engine import Engine, PoolEngine
from solieu.errors import InputError, SetupError, setup_error_from_os
from solieu.model import (
    Check,
    Document,
    DocumentMeta,
    Figure,
    Observation,
    SourceBlock,
    document_from_dict,
    read_json,
    write_json,
)
from solieu.package import write_package
from solieu.paths import Paths
from solieu.readers import ReadResult, read_report_full
from solieu.units import load_units


class ReportResult:
    """What one report produced (stage 1–3 artifacts).

    Observations and checks are small and stay in memory; the document and its figures are
    the bulk (≈ 100 KB a report) and, for a report processed by a worker or taken from the
    cache, are read back from `build/` only when asked for, so a build of thousands of reports
    never holds the corpus in memory.
    """

    def __init__(
        self,
        meta: DocumentMeta,
        document: Document | None,
        figures: list[Figure] | None,
        observations: list[Observation],
        checks: list[Check],
        *,
        artifacts: Paths | None = None,
        n_figures: int | None = None,
        key: str | None = None,
    ):
        self.meta = meta
        self.key = key  # the cache key its artifacts were built with (solieu.cache)
        self._document = document
        self._figures = figures
        self.observations = observations
        self.checks = checks
        self._artifacts = artifacts
        self.n_figures = len(figures) if figures is not None else (n_figures or 0)

    @property
    def document(self) -> Document:
        if self._document is not None:
            return self._document
        assert self._artifacts is not None
        return document_from_dict(read_json(self._artifacts.ingest / self._name))

    @property
    def figures(self) -> list[Figure]:
        if self._figures is not None:
            return self._figures
        assert self._artifacts is not None
        return [Figure(**f) for f in read_json(self._artifacts.figures / self._name)]

    @property
    def _name(self) -> str:
        return f"{self.meta.document_id}.json"


@dataclass
class BuildResult:
    reports: list[ReportResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # repairs of an interrupted earlier build
    # stage → (wall seconds, CPU seconds of this process and its finished children): what
    # `make bench` prints; measured, never asserted
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)

    @contextlib.contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        t0, c0 = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            wall, cpu = self.timings.get(stage, (0.0, 0.0))
            self.timings[stage] = (wall + time.perf_counter() - t0, cpu + _cpu() - c0)

    @property
    def failed(self) -> bool:
        return any(e.severity == "error" for e in self.errors)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def process_text(
    raw: str, meta: DocumentMeta, structure: list[SourceBlock] | None = None
) -> ReportResult:
    """Stages 1–3 on one report text; metadata detected from the text fills what is missing.

    ``structure`` is what a PDF or DOCX reader knows of the report's blocks
    (:attr:`~solieu.readers.ReadResult.structure`); ingest builds the document from it.
    """
    detected = metadata_stage.detect(raw)
    meta.detected = {**detected, **meta.detected}
    for field_name in ("unit_id", "period", "kind", "title", "issuer", "signed"):
        if getattr(meta, field_name) in (None, "") and detected.get(field_name):
            setattr(meta, field_name, detected[field_name])
    meta.warnings.extend(metadata_stage.compare(meta, detected))
    document = ingest_stage.ingest(raw, meta, structure)
    figures = figures_stage.extract_figures(document)
    observations = indicators_stage.map_observations(document, figures)
    checks = checks_stage.run_checks(document, figures, observations=observations)
    return ReportResult(meta, document, figures, observations, checks)


def process_report(meta: DocumentMeta, paths: Paths) -> ReportResult:
    """Read one catalogued report and run it through stages 1–3, writing each artifact."""
    source = paths.sources / meta.file
    read = read_report_full(source)
    if meta.original:
        read = _with_structure(read, paths.sources / meta.original, meta)
    meta.warnings.extend(read.warnings)  # control characters removed, a page turned, ...
    result = process_text(read.text, meta, read.structure)
    doc_id = meta.document_id
    write_json(paths.ingest / f"{doc_id}.json", result.document)
    write_json(paths.figures / f"{doc_id}.json", result.figures)
    write_json(paths.observations / f"{doc_id}.json", result.observations)
    write_json(paths.observations / f"{doc_id}.checks.json", result.checks)
    return result


def _with_structure(read: ReadResult, original: Path, meta: DocumentMeta) -> ReadResult:
    """The reading of the PDF/DOCX a report was added from, when its text is the `.txt`'s.

    `solieu add` stores the text a reader extracted (what a maintainer reviews and may fix)
    beside the original. The original's reading also carries its structure — real paragraphs,
    footnote references at their exact places — so the build uses it, unless the text file
    was edited since: then the edited text wins and the maintainer is told.
    """
    if not original.is_file():
        return read
    try:
        from_original = read_report_full(original)
    except InputError:
        return read
    if from_original.structure is None:
        return read
    if from_original.text != read.text:
        meta.warnings.append(
            f"{meta.file} differs from the text read from {original.name} (edited by hand?): "
            "built from the edited text, without the original's paragraphs and footnote links"
        )
        return read
    return from_original


def process_cached(meta: DocumentMeta, paths: Paths) -> ReportResult | InputError:
    """One report through stages 1–3, or its artifacts from the last build if nothing changed.

    Runs in a worker process (or a Dask worker): errors are returned, not raised, so that one
    report's problem travels back as data and never stops the others.
    """
    key = cache.report_key(meta, paths)
    hit = cache.lookup(paths, meta.document_id, key)
    if hit is not None:
        return _from_artifacts(hit, paths)
    cache.forget(paths, meta.document_id)
    try:
        result = process_report(meta, paths)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 — one report's bug must not stop the others
        return InputError(
            paths.sources / meta.file,
            f"internal error while processing: {exc!r}",
            hint="please report this with the file; trace: "
            + traceback.format_exc(limit=3).replace("\n", " | "),
        )
    cache.remember(paths, result.meta, key, n_figures=len(result.figures))
    return _from_artifacts(cache.lookup(paths, meta.document_id, key), paths)


def _with_cached(
    metas: list[DocumentMeta],
    paths: Paths,
    start: Callable[[list[DocumentMeta]], Callable[[], list[ReportResult | InputError]]],
) -> list[ReportResult | InputError]:
    """Each report's result in catalogue order: taken from the cache here, or processed on
    the engine (``start``, `Engine.start`) when it changed, while the rest are read here.

    Why not send every report to the engine: a rebuild after one report is added would pay
    a process pool and a round trip of a thousand results to reuse a thousand artifacts.
    """
    hits: dict[str, dict] = {}
    todo = []
    for m in metas:
        hit = cache.lookup(paths, m.document_id, cache.report_key(m, paths))
        if hit is None:
            todo.append(m)
        else:
            hits[m.document_id] = hit
    collect = start(todo) if todo else list
    done = {doc_id: _from_artifacts(hit, paths) for doc_id, hit in hits.items()}
    processed = iter(collect())
    return [done[m.document_id] if m.document_id in done else next(processed) for m in metas]


def _from_artifacts(entry: dict, paths: Paths) -> ReportResult:
    """A lean result (observations and checks in memory, the rest on disk) from the cache."""
    doc_id = entry["meta"]["document_id"]
    return ReportResult(
        DocumentMeta(**entry["meta"]),
        None,
        None,
        [Observation(**o) for o in read_json(paths.observations / f"{doc_id}.json")],
        [Check(**c) for c in read_json(paths.observations / f"{doc_id}.checks.json")],
        artifacts=paths,
        n_figures=entry["n_figures"],
        key=entry["key"],
    )


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


def run_stages(paths: Paths, engine: Engine | None = None) -> BuildResult:
    """Stages 0–3 for every catalogued report, on `engine`, collecting errors per report.

    Reports whose file, catalogue entry and extractor code are unchanged since the last build
    are not processed again (see `solieu.cache`); artifacts of reports no longer catalogued are
    removed, so `build/` always holds exactly the current corpus.
    """
    result = BuildResult()
    units = load_units()
    metas, errors = load_catalog(paths.catalog, known_units=set(units))
    result.errors.extend(errors)
    cache.prune(paths, keep={m.document_id for m in metas})
    engine = engine or PoolEngine()
    outcomes = _with_cached(
        metas, paths, lambda todo: engine.start(process_cached, todo, paths=paths)
    )
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            result.errors.append(outcome)
        else:
            result.reports.append(outcome)
    result.errors.extend(flag_cross_report_conflicts(result.reports))
    for r in result.reports:
        for w in r.meta.warnings:
            result.errors.append(InputError(paths.sources / r.meta.file, w, severity="warning"))
    return result


def build_package(paths: Paths, result: BuildResult, out: Path, reuse: Path | None = None) -> Path:
    """Stage 4 into ``out`` (a release tree that `publish` swaps in later).

    Figures are streamed from each report's artifact; parts of the previous package
    (``reuse``) whose reports did not change are copied, not rewritten.
    """
    reports = {r.meta.document_id: r for r in result.reports}
    keys = {d: r.key for d, r in reports.items() if r.key}
    write_package(
        out,
        metas=[r.meta for r in reports.values()],
        units=load_units(),
        catalogue=indicators_stage.load_catalogue(),
        figures=lambda doc_id: reports[doc_id].figures,
        observations=[o for d in sorted(reports) for o in reports[d].observations],
        checks=[c for d in sorted(reports) for c in reports[d].checks],
        report_keys=keys if len(keys) == len(reports) else None,
        n_figures={d: r.n_figures for d, r in reports.items()},
        reuse=reuse,
        title=settings.load(paths, [r.meta.unit_id for r in reports.values()]).description,
    )
    return out / "datapackage.json"


def build_site(
    paths: Paths,
    package_dir: Path,
    site_dir: Path,
    result: BuildResult | None = None,
    *,
    serial: bool = False,
    spare_key: str | None = None,
) -> None:
    """Stage 5: Markdown into build/docs from ``package_dir``, then mkdocs into ``site_dir``
    (``serial``: in this process only, as `SerialEngine` asks; ``spare_key``: what the site
    already in ``site_dir``, the spare of `publish.new_release`, was rendered with)."""
    from solieu import site as site_stage

    result = result or BuildResult()
    site_paths = copy.copy(paths)
    site_paths.datapackage = package_dir
    site_paths.site = site_dir
    with result.timed("site_markdown"):
        site_stage.build_site(site_paths, background=False if serial else None)
    # the published site, when rendered with the same theme, hooks and settings: mkdocs then
    # re-renders only the pages whose Markdown changed (same bytes as a clean build)
    in_place = spare_key is not None and spare_key == site_stage.mkdocs_key(paths)
    previous = site_stage.reusable_site(paths, paths.datapackage / publish.SITE_IN_RELEASE)
    with result.timed("mkdocs"):
        site_stage.run_mkdocs(site_paths, previous_site=site_dir if in_place else previous)


def check_environment(paths: Paths, *, site: bool) -> None:
    """Fail in the first second, with the fix, for what would otherwise fail minutes later."""
    if site:
        from solieu.site import missing_vendor

        missing = missing_vendor(paths.root / "node_modules")
        if missing:
            raise SetupError(
                f"node_modules/ lacks {missing} (the chart libraries the site ships)",
                "run `make site` (it runs `npm ci`), or `npm ci` in the project folder",
            )
    for folder in (paths.root, paths.build):
        if folder.exists() and not os.access(folder, os.W_OK):
            raise SetupError(
                f"{folder} is read-only",
                "make it writable for this user (`chmod u+w`), or build in a checkout you own",
            )


def _recover_add(paths: Paths) -> list[str]:
    """Tidy what a killed `solieu add` left in sources/ (unless an add is running now)."""
    from solieu import add

    try:
        with add.add_lock(paths):
            return add.recover(paths)
    except InputError:
        return []


def _build_key(paths: Paths, result: BuildResult, *, site: bool) -> str | None:
    """The key of this build's outputs (`cache.build_key`), or None when a report failed
    (its error must be reported by a real build, never skipped)."""
    keys = {r.meta.document_id: r.key for r in result.reports}
    if result.failed or not all(keys.values()):
        return None
    day = ""
    if site:
        from solieu.site import build_date

        day = build_date()
    return cache.build_key(paths, keys, site=site, day=day)  # type: ignore[arg-type]


def _take_spare_key(paths: Paths) -> str | None:
    """The key the spare site was rendered with, forgotten as it is taken (`new_release`):
    every build takes the spare tree over, with or without a site."""
    from solieu import site as site_stage

    return site_stage.take_spare_key(paths)


def _published(paths: Paths, site: bool) -> bool:
    """Is there a live package (and site, when one is asked for) to stand for this build?"""
    if not (paths.datapackage / "datapackage.json").is_file():
        return False
    return not site or publish.release_site(paths.datapackage).is_dir()


def _publish(paths: Paths, release: Path, *, site: bool) -> None:
    """Publish the release; remember which site key the live site was rendered with."""
    from solieu import site as site_stage

    live_key = site_stage.forget_site_key(paths)
    publish.publish(paths, release)
    # the tree that was live is the spare now, with its site's key; the new one has a site
    # (and a key) only when this build made one
    site_stage.record_site_key(paths, spare=live_key, live=site)


def build(
    paths: Paths | None = None, *, site: bool = True, engine: Engine | None = None
) -> BuildResult:
    """Everything: stages 0–4 always, stage 5 when `site` (what `make site` runs).

    The package and the site are written into one release tree and published together
    (see `solieu.publish`); one build at a time (a second one stops with a message).
    Problems of the machine (disk full, read-only folders, a missing `npm ci`) raise
    `SetupError`; problems of reports are collected in the result.
    """
    paths = paths or Paths()
    check_environment(paths, site=site)
    with publish.build_lock(paths):
        repaired = publish.recover(paths) + _recover_add(paths)
        t0, c0 = time.perf_counter(), _cpu()
        result = run_stages(paths, engine)
        result.timings["stages"] = (time.perf_counter() - t0, _cpu() - c0)
        result.notes.extend(repaired)
        if not result.reports:
            return result
        key = _build_key(paths, result, site=site)
        if key is not None and key == cache.published_key(paths) and _published(paths, site):
            publish.link_site(paths)
            result.notes.append("nothing changed: datapackage/ and the site are up to date")
            return result
        spare_key = _take_spare_key(paths)
        release = publish.new_release(paths, keep_site=site and spare_key is not None)
        try:
            with result.timed("package"):
                live = paths.datapackage if paths.datapackage.is_dir() else None
                build_package(paths, result, release, reuse=live)
            if site:
                serial = engine is not None and engine.name == "serial"
                build_site(
                    paths,
                    release,
                    publish.release_site(release),
                    result,
                    serial=serial,
                    spare_key=spare_key,
                )
            with result.timed("publish"):
                cache.set_published_key(paths, None)  # until the release is live
                _publish(paths, release, site=site)
                cache.set_published_key(paths, key)
        except OSError as exc:
            problem = setup_error_from_os(exc, "building the data package and the site")
            if problem is None:
                raise
            raise problem from exc
        finally:
            if release.exists():
                shutil.rmtree(release, ignore_errors=True)
    return result
