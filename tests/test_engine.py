"""Engines and the per-report cache: every engine gives the same artifacts; unchanged reports
are not processed again, changed ones are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from solieu import cache
from solieu.engine import DaskEngine, PoolEngine, SerialEngine, make_engine
from solieu.package import write_package
from solieu.paths import Paths
from solieu.pipeline import run_stages


def _project(root: Path, tmp: Path) -> Paths:
    proj = tmp / "proj"
    shutil.copytree(root / "sources", proj / "sources")
    (proj / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    return Paths(proj)


def _package_bytes(paths: Paths, result) -> dict[str, bytes]:
    from solieu.indicators import load_catalogue
    from solieu.units import load_units

    out = paths.build / "pkg"
    if out.exists():
        shutil.rmtree(out)
    reports = sorted(result.reports, key=lambda r: r.meta.document_id)
    write_package(
        out,
        [r.meta for r in reports],
        load_units(),
        load_catalogue(),
        [f for r in reports for f in r.figures],
        [o for r in reports for o in r.observations],
        [c for r in reports for c in r.checks],
    )
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _artifact_bytes(paths: Paths) -> dict[str, bytes]:
    return {
        str(p.relative_to(paths.build)): p.read_bytes()
        for folder in (paths.ingest, paths.figures, paths.observations)
        for p in sorted(folder.iterdir())
    }


@pytest.mark.slow
def test_every_engine_gives_the_same_outputs(root, tmp_path):
    seen = {}
    for engine in (SerialEngine(), PoolEngine(2), DaskEngine(workers=2)):
        paths = _project(root, tmp_path / engine.name)
        result = run_stages(paths, engine)
        assert not result.failed, [str(e) for e in result.errors]
        seen[engine.name] = (_artifact_bytes(paths), _package_bytes(paths, result))
    assert seen["serial"] == seen["local"] == seen["dask"]


def test_an_unchanged_report_is_taken_from_the_cache(root, tmp_path, monkeypatch):
    paths = _project(root, tmp_path)
    first = run_stages(paths, SerialEngine())
    before = _artifact_bytes(paths)
    calls: list[str] = []
    import solieu.pipeline as pipeline

    real = pipeline.process_report

    def spy(meta, p):
        calls.append(meta.document_id)
        return real(meta, p)

    monkeypatch.setattr(pipeline, "process_report", spy)
    second = run_stages(paths, SerialEngine())
    assert calls == []
    assert _artifact_bytes(paths) == before
    assert [r.meta.document_id for r in second.reports] == [
        r.meta.document_id for r in first.reports
    ]
    assert _package_bytes(paths, second) == _package_bytes(paths, first)
    # one report edited: that one, and only that one, is processed again
    target = next(paths.sources.glob("phuong-tam-thanh-2025-11*.txt"))
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run_stages(paths, SerialEngine())
    assert calls == ["phuong-tam-thanh-2025-11-bao-cao"]


def test_a_code_change_invalidates_every_report(root, tmp_path, monkeypatch):
    paths = _project(root, tmp_path)
    run_stages(paths, SerialEngine())
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    calls: list[str] = []
    import solieu.pipeline as pipeline

    real = pipeline.process_report
    monkeypatch.setattr(
        pipeline, "process_report", lambda m, p: calls.append(m.document_id) or real(m, p)
    )
    run_stages(paths, SerialEngine())
    assert len(calls) == 5


def test_a_report_removed_from_the_catalogue_leaves_no_artifacts(root, tmp_path):
    paths = _project(root, tmp_path)
    run_stages(paths, SerialEngine())
    text = paths.catalog.read_text(encoding="utf-8")
    head, _, rest = text.partition("  - id: thanh-pho-lang-son-2025-05-chuong-trinh")
    _, _, tail = rest.partition("\n  - id:")
    paths.catalog.write_text(head + ("  - id:" + tail if tail else ""), encoding="utf-8")
    result = run_stages(paths, SerialEngine())
    assert len(result.reports) == 4
    assert not list(paths.build.rglob("thanh-pho-lang-son-2025-05-chuong-trinh*"))


def test_make_engine_names():
    assert make_engine("serial").name == "serial"
    assert make_engine("local", workers=3).workers == 3
    assert make_engine("dask", "tcp://127.0.0.1:8786").address == "tcp://127.0.0.1:8786"
    with pytest.raises(ValueError):
        make_engine("spark")
