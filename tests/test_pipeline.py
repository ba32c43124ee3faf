"""Orchestration: one bad report never stops the others; outputs are swapped in whole."""

from __future__ import annotations

import shutil

from solieu.paths import Paths
from solieu.pipeline import run_stages


def _project_copy(root, tmp_path):
    proj = tmp_path / "proj"
    shutil.copytree(root / "sources", proj / "sources")
    (proj / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    return Paths(proj)


def test_a_bad_report_is_reported_and_the_others_build(root, tmp_path):
    p = _project_copy(root, tmp_path)
    (p.sources / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    with open(p.catalog, "a", encoding="utf-8") as fh:
        fh.write(
            "  - id: bad\n    file: bad.txt\n    unit_id: tinh-lang-son\n"
            "    period: 2025-05\n    kind: monthly_report\n"
        )
    result = run_stages(p)
    assert len(result.reports) == 5
    bad = [e for e in result.errors if "bad.txt" in str(e.file)]
    assert bad and bad[0].severity == "error"
    assert result.failed


def test_stage_artifacts_are_written_per_report(root, tmp_path):
    p = _project_copy(root, tmp_path)
    result = run_stages(p)
    for r in result.reports:
        doc_id = r.meta.document_id
        for f in (
            p.ingest / f"{doc_id}.json",
            p.figures / f"{doc_id}.json",
            p.observations / f"{doc_id}.json",
            p.observations / f"{doc_id}.checks.json",
        ):
            assert f.exists(), f
