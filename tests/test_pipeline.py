"""Orchestration: one bad report never stops the others; outputs are swapped in whole."""

from __future__ import annotations

import json
import shutil
from enum import IntEnum

from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.model import DocumentMeta, Figure, dumps, to_jsonable
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


def test_a_catalogued_docx_is_ingested_from_its_structure(root, tmp_path):
    """The build hands the reader's structure to ingest: a footnote reference right after a
    bare number ("120" then note 1) is linked where Word put it, and the number stays 120."""
    import json
    import sys

    import docx

    sys.path.insert(0, str(root / "tests" / "bad_inputs"))
    import make_corpus

    p = _project_copy(root, tmp_path)
    d = docx.Document()
    lines = make_corpus.GOOD_TEXT.strip().split("\n")
    for line in lines:
        d.add_paragraph(line)
    para = d.add_paragraph("Trong tháng tiếp nhận thêm 120")
    make_corpus.add_footnote_reference(para, 1)
    para.add_run(" hồ sơ đất đai.")
    make_corpus.add_footnotes(d, {1: ["Trong đó 45 hồ sơ trực tuyến."]})
    d.save(str(p.sources / "extra.docx"))
    with open(p.catalog, "a", encoding="utf-8") as fh:
        fh.write(
            "  - id: extra\n    file: extra.docx\n    unit_id: phuong-tam-thanh\n"
            "    period: 2025-10\n    kind: monthly_report\n"
        )
    result = run_stages(p)
    assert not [e for e in result.errors if "extra" in str(e.file) and e.severity == "error"]
    doc = json.loads((p.ingest / "extra.json").read_text(encoding="utf-8"))
    [ref] = doc["footnote_refs"]
    assert doc["text"][: ref["offset"]].endswith("tiếp nhận thêm 120")
    figures = json.loads((p.figures / "extra.json").read_text(encoding="utf-8"))
    assert ("120 hồ sơ", 120.0) in [(f["text"], f["value"]) for f in figures]


# Artifact writing: `model.dumps` must write the very bytes the standard encoder writes.
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(),
)
_JSON = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=20,
)
_FIGURE = st.builds(
    Figure,
    figure_id=st.text(max_size=8),
    document_id=st.text(max_size=8),
    value=st.floats(),
    unit=st.text(max_size=5),
    text=st.text(max_size=20),
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    value_max=st.none() | st.floats(),
    flags=st.lists(st.text(max_size=6), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_JSON, _FIGURE, st.lists(_FIGURE, max_size=3), st.lists(_JSON, max_size=3)))
def test_artifacts_are_written_as_the_standard_encoder_writes_them(obj):
    assert dumps(obj) == json.dumps(to_jsonable(obj), ensure_ascii=False, indent=1)


def test_unusual_values_are_left_to_the_standard_encoder():
    meta = DocumentMeta("d", "d.txt", detected={1: "a", "k": [True, 2.5]})
    assert dumps(meta) == json.dumps(to_jsonable(meta), ensure_ascii=False, indent=1)
    assert dumps({"k": IntEnum("E", "a")(1)}) == '{\n "k": 1\n}'
