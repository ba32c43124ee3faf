"""Issue 5's monthly routine, whole: `solieu add` a PDF (made by the tests), then the next
build publishes their pages — document page and unit × period page — with their figures."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from solieu.add import add_files
from solieu.paths import Paths
from solieu.pipeline import build

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "bad_inputs"))
import make_corpus  # noqa: E402


@pytest.mark.slow
def test_added_reports_are_published_by_the_next_build(tmp_path, root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus.build_corpus(corpus)
    proj = tmp_path / "proj"
    shutil.copytree(root / "sources", proj / "sources")
    shutil.copytree(root / "docs", proj / "docs")
    shutil.copy(root / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "node_modules").symlink_to(root / "node_modules")
    paths = Paths(proj)
    said: list[str] = []
    assert add_files([corpus / "valid.pdf"], paths, echo=said.append) == 0, said
    entries = paths.catalog.read_text(encoding="utf-8")
    new_ids = [
        line.split(":", 1)[1].strip()
        for line in entries.splitlines()
        if line.strip().startswith("- id:")
        and line.split(":", 1)[1].strip() not in {p.stem for p in (root / "sources").glob("*.txt")}
    ]
    assert len(new_ids) == 1, (new_ids, said)
    result = build(paths)
    assert not result.failed, [str(e) for e in result.errors]
    report = next(r for r in result.reports if r.meta.document_id == new_ids[0])
    assert report.figures
    doc_page = paths.site / "van-ban" / new_ids[0] / "index.html"
    unit_page = paths.site / "don-vi" / report.meta.unit_id / report.meta.period / "index.html"
    assert doc_page.exists() and unit_page.exists()
    assert new_ids[0] in (paths.datapackage / "documents.csv").read_text(encoding="utf-8")


def test_an_added_pdf_is_built_from_its_structure_until_its_text_is_edited(tmp_path, root):
    """The build reads the original PDF's blocks and footnote links (not the `.txt`'s layout
    guessed back), as long as the stored text is what the reader gave; an edited text wins."""
    from solieu.cache import report_key
    from solieu.catalog import load_catalog
    from solieu.pipeline import process_report, process_text
    from solieu.readers import read_report_full

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus.build_corpus(corpus)
    proj = tmp_path / "proj"
    shutil.copytree(root / "sources", proj / "sources")
    paths = Paths(proj)
    said: list[str] = []
    assert add_files([corpus / "valid.pdf"], paths, echo=said.append) == 0, said
    metas, errors = load_catalog(paths.catalog)
    assert not [e for e in errors if e.severity == "error"]
    meta = next(m for m in metas if m.original)
    read = read_report_full(paths.sources / meta.original)
    assert read.structure
    built = process_report(meta, paths)
    expected = process_text(
        read.text, type(meta)(**{**meta.__dict__, "warnings": []}), read.structure
    )
    assert built.document.text == expected.document.text
    assert built.document.footnote_refs == expected.document.footnote_refs
    assert not any("differs from the text read" in w for w in built.meta.warnings)
    key_before = report_key(meta, paths)
    txt = paths.sources / meta.file
    txt.write_text(txt.read_text(encoding="utf-8") + "\nGhi chú thêm.\n", encoding="utf-8")
    metas, _ = load_catalog(paths.catalog)
    meta = next(m for m in metas if m.original)
    assert report_key(meta, paths) != key_before
    edited = process_report(meta, paths)
    assert any("differs from the text read" in w for w in edited.meta.warnings)
