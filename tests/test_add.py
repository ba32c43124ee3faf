"""`solieu add` and the catalogue checks: the monthly routine, and the messages when it fails."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from solieu import add as add_mod
from solieu.add import add_files, entry_yaml
from solieu.catalog import load_catalog, parse_catalog
from solieu.paths import Paths
from solieu.readers import read_report
from solieu.units import load_units

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "bad_inputs"))
import make_corpus  # noqa: E402

TODAY = dt.date(2026, 1, 15)
HAS_METADATA = importlib.util.find_spec("solieu.metadata") is not None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    make_corpus.build_corpus(out)
    return out


@pytest.fixture
def project(tmp_path) -> Paths:
    """A copy of the project's sources/ (catalogue and the five reports) to add to."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return Paths(tmp_path, build=tmp_path / "build")


def fake_detect(mapping: dict[str, dict]):
    """Detection keyed by a phrase of the text: tests add's logic without the metadata stage."""

    def detect(path, text):
        for phrase, found in mapping.items():
            if phrase in text:
                return dict(found)
        return {"unit_id": None, "period": None, "kind": None, "doubts": ["no issuer found"]}

    return detect


TAM_THANH_10 = {
    "unit_id": "phuong-tam-thanh",
    "period": "2025-10",
    "kind": "monthly_report",
    "title": "Báo cáo tình hình kinh tế - xã hội tháng 10 năm 2025",
    "issuer": "UBND phường Tam Thanh",
    "doubts": [],
}
LANG_SON_04 = {
    "unit_id": "thanh-pho-lang-son",
    "period": "2025-04",
    "kind": "monthly_report",
    "doubts": ["no signing date"],
}
DETECT = fake_detect(
    {
        "năm 2031": {**TAM_THANH_10, "period": "2031-10"},
        "năm 1999": {**TAM_THANH_10, "period": "1999-10"},
        "Tình hình kinh tế - xã hội\n": {**TAM_THANH_10, "period": None},
        "PHƯỜNG TAM THANH\nSố": TAM_THANH_10,
        "PHƯỜNG TAM THANH \n\nSố": TAM_THANH_10,
        "THÀNH PHỐ LẠNG SƠN": LANG_SON_04,
        "HOA SỮA": {"unit_id": "phuong-hoa-sua", "period": "2025-10", "kind": "monthly_report"},
    }
)


@pytest.fixture
def detect(monkeypatch):
    monkeypatch.setattr(add_mod, "_detect", DETECT)


def run(files, project, **kw):
    out: list[str] = []
    code = add_files(files, project, today=TODAY, echo=out.append, **kw)
    return code, "\n".join(out)


def test_add_text_appends_entry_and_keeps_the_catalogue_as_written(project, corpus, detect):
    before = project.catalog.read_text(encoding="utf-8")
    code, out = run([corpus / "conflict-a.txt"], project)
    assert code == 0, out
    doc_id = "phuong-tam-thanh-2025-10-bao-cao"
    assert f"added {corpus / 'conflict-a.txt'} as {doc_id}" in out
    assert "unit: phuong-tam-thanh (Phường Tam Thanh)" in out
    assert "period: 2025-10 (tháng 10/2025)" in out
    after = project.catalog.read_text(encoding="utf-8")
    assert after.startswith(before), "existing comments and entries are kept byte for byte"
    assert (project.sources / f"{doc_id}.txt").read_bytes() == (
        corpus / "conflict-a.txt"
    ).read_bytes()
    metas, errors = load_catalog(project.catalog, set(load_units()), today=TODAY)
    assert [e for e in errors if e.severity == "error"] == []
    new = next(m for m in metas if m.document_id == doc_id)
    assert (new.unit_id, new.period, new.kind) == ("phuong-tam-thanh", "2025-10", "monthly_report")
    assert new.title == TAM_THANH_10["title"]


def test_add_pdf_keeps_original_and_writes_text_beside_it(project, corpus, detect):
    code, out = run([corpus / "valid.pdf"], project)
    assert code == 0, out
    doc_id = "phuong-tam-thanh-2025-10-bao-cao"
    pdf, txt = project.sources / f"{doc_id}.pdf", project.sources / f"{doc_id}.txt"
    assert pdf.read_bytes() == (corpus / "valid.pdf").read_bytes()
    assert txt.read_text(encoding="utf-8") == read_report(corpus / "valid.pdf")
    entry = yaml.safe_load(project.catalog.read_text(encoding="utf-8"))["documents"][-1]
    assert entry["file"] == f"{doc_id}.txt" and entry["original"] == f"{doc_id}.pdf"
    assert "read as pdf, 2 page(s)" in out and "removed 2 page numbers" in out


def test_add_docx(project, corpus, detect):
    code, out = run([corpus / "valid.docx"], project)
    assert code == 0, out
    assert (project.sources / "thanh-pho-lang-son-2025-04-bao-cao.docx").exists()
    assert "doubt: no signing date" in out


def test_same_unit_period_gets_a_suffix_and_a_doubt(project, corpus, detect):
    code, out = run([corpus / "conflict-a.txt", corpus / "conflict-b.txt"], project)
    assert code == 0, out
    assert "as phuong-tam-thanh-2025-10-bao-cao-2" in out
    assert "'phuong-tam-thanh-2025-10-bao-cao' is also a monthly_report" in out
    metas, errors = load_catalog(project.catalog, set(load_units()), today=TODAY)
    assert any("a second monthly_report for phuong-tam-thanh 2025-10" in str(e) for e in errors)
    assert all(e.severity == "warning" for e in errors)


def test_duplicate_of_an_existing_source_is_refused_naming_the_entry(project, corpus, detect):
    before = project.catalog.read_text(encoding="utf-8")
    code, out = run([corpus / "duplicate-of-source.txt"], project)
    assert code == 1
    assert "duplicate-of-source.txt" in out
    assert "already in the catalogue: entry 'phuong-tam-thanh-2025-11-bao-cao'" in out
    assert project.catalog.read_text(encoding="utf-8") == before


def test_the_same_file_twice_in_one_call(project, corpus, detect):
    code, out = run([corpus / "conflict-a.txt", corpus / "conflict-a.txt"], project)
    assert code == 1
    assert out.count("✓ added") == 1 and "already in the catalogue" in out


def test_a_pdf_whose_text_is_already_catalogued_is_a_duplicate(project, corpus, detect):
    assert run([corpus / "valid.pdf"], project)[0] == 0
    shutil.copyfile(corpus / "valid.pdf", project.root / "renamed.pdf")
    code, out = run([project.root / "renamed.pdf"], project)
    assert code == 1 and "holds the same file" in out


@pytest.mark.parametrize(
    "name, needle",
    [
        ("unknown-unit.txt", "unknown unit 'phuong-hoa-sua'"),
        ("period-future.txt", "the period 2031-10 lies in the future"),
        ("period-unreadable.txt", "cannot read the period"),
        ("period-1999.txt", "the period 1999-10 is before 2000"),
    ],
)
def test_refusals_with_fake_detection(project, corpus, detect, name, needle):
    code, out = run([corpus / name], project)
    assert code == 1
    assert name in out and needle in out, out
    assert not list(project.sources.glob("phuong-hoa-sua*"))


def test_unreadable_file_does_not_stop_the_others(project, corpus, detect):
    code, out = run([corpus / "windows-1258.txt", corpus / "conflict-a.txt"], project)
    assert code == 1
    assert "windows-1258.txt (line 1): the text is not UTF-8" in out
    assert "✓ added" in out


def test_dry_run_changes_nothing(project, corpus, detect):
    before = sorted(p.name for p in project.sources.iterdir())
    cat = project.catalog.read_text(encoding="utf-8")
    code, out = run([corpus / "valid.pdf"], project, dry_run=True)
    assert code == 0 and "would add" in out
    assert sorted(p.name for p in project.sources.iterdir()) == before
    assert project.catalog.read_text(encoding="utf-8") == cat


def test_failed_append_rolls_back(project, corpus, detect):
    """`documents:` not last: the appended entry would land elsewhere, so nothing is changed."""
    project.catalog.write_text(
        project.catalog.read_text(encoding="utf-8") + "other: 1\n", encoding="utf-8"
    )
    before = sorted(p.name for p in project.sources.iterdir())
    code, out = run([corpus / "conflict-a.txt"], project)
    assert code == 1 and "nothing was changed" in out
    assert sorted(p.name for p in project.sources.iterdir()) == before


def test_entry_yaml_round_trips():
    entry = {
        "id": "x-2025-10-bao-cao",
        "file": "x.txt",
        "period": "2025-10",
        "signed": "2025-11-05",
        "title": "Báo cáo: tháng 10 # số 1",
        "issuer": "- UBND",
    }
    text = "documents:\n" + entry_yaml(entry, "review")
    assert yaml.safe_load(text)["documents"][0] == entry


# --------------------------------------------------------------------------- real detection


@pytest.mark.skipif(not HAS_METADATA, reason="solieu.metadata not written yet")
@pytest.mark.parametrize(
    "name, needle",
    [
        ("unknown-unit.txt", 'unknown unit: the header names "PHƯỜNG HOA SỮA, THÀNH PHỐ HÀ NỘI"'),
        ("period-unreadable.txt", "cannot read the period"),
        ("period-future.txt", "future"),
        ("period-1999.txt", "before 2000"),
    ],
)
def test_refusals_with_real_detection(project, corpus, name, needle):
    code, out = run([corpus / name], project)
    assert code == 1, out
    assert name in out and needle in out


@pytest.mark.skipif(not HAS_METADATA, reason="solieu.metadata not written yet")
@pytest.mark.parametrize(
    "name, unit, period",
    [
        ("valid.pdf", "phuong-tam-thanh", "2025-10"),
        ("valid.docx", "thanh-pho-lang-son", "2025-04"),
        ("conflict-a.txt", "phuong-tam-thanh", "2025-10"),
    ],
)
def test_add_with_real_detection(project, corpus, name, unit, period):
    code, out = run([corpus / name], project)
    assert code == 0, out
    entry = yaml.safe_load(project.catalog.read_text(encoding="utf-8"))["documents"][-1]
    assert (entry["unit_id"], entry["period"], entry["kind"]) == (unit, period, "monthly_report")
    assert "figures" in out


# --------------------------------------------------------------------------- catalogue corpus

CATALOG_CASES = [c for c in make_corpus.CASES if c.stage == "catalog"]


@pytest.mark.parametrize("case", CATALOG_CASES, ids=[c.name for c in CATALOG_CASES])
def test_bad_catalogue_gets_clear_messages(corpus, case):
    path = corpus / case.name
    metas, errors = load_catalog(path, set(load_units()), today=TODAY)
    real = [e for e in errors if e.severity == "error"]
    assert real, "a bad catalogue must give at least one error"
    text = "\n".join(str(e) for e in real)
    assert all(case.name in str(e) for e in real)
    for needle in case.expect:
        assert needle.lower() in text.lower(), (needle, text)
    if case.where:
        assert any(case.where in (e.where or "") for e in real), [e.where for e in real]
    assert all(e.hint for e in real)
    if case.loads is not None:
        assert [m.document_id for m in metas] == case.loads
        # one message per bad entry, each naming the entry's line
        assert len(real) == len(_entries(path)) - len(case.loads)
        assert all("line " in (e.where or "") for e in real)


def _entries(path: Path) -> list:
    return parse_catalog(path.read_text(encoding="utf-8")).data["documents"]


def test_bad_fields_catalogue_keeps_the_good_entry(corpus):
    metas, _ = load_catalog(corpus / "catalog-bad-fields.yaml", set(load_units()), today=TODAY)
    assert [m.document_id for m in metas] == ["ok-2025-10"]


def test_unknown_field_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(make_corpus.GOOD_TEXT, encoding="utf-8")
    cat = tmp_path / "catalog.yaml"
    cat.write_text(
        "documents:\n  - {id: a, file: a.txt, unit_id: phuong-tam-thanh, "
        "period: 2025-10, kind: monthly_report, unit: typo}\n",
        encoding="utf-8",
    )
    metas, errors = load_catalog(cat, set(load_units()), today=TODAY)
    assert len(metas) == 1
    assert [e.severity for e in errors] == ["warning"] and "unknown field(s) unit" in str(errors[0])


def test_missing_original_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(make_corpus.GOOD_TEXT, encoding="utf-8")
    cat = tmp_path / "catalog.yaml"
    cat.write_text(
        "documents:\n  - {id: a, file: a.txt, original: a.pdf, unit_id: phuong-tam-thanh, "
        "period: 2025-10, kind: monthly_report}\n",
        encoding="utf-8",
    )
    metas, errors = load_catalog(cat, set(load_units()), today=TODAY)
    assert len(metas) == 1 and [e.severity for e in errors] == ["warning"]
    assert "original 'a.pdf' is not in sources/" in str(errors[0])


@pytest.mark.skipif(not HAS_METADATA, reason="pipeline needs solieu.metadata")
def test_two_reports_disagreeing_are_both_kept_and_flagged(corpus):
    from solieu.model import DocumentMeta

    try:
        from solieu.pipeline import flag_cross_report_conflicts, process_text
    except ImportError as exc:  # a stage still being written
        pytest.skip(f"pipeline not importable: {exc}")

    results = []
    for name in ("conflict-a.txt", "conflict-b.txt"):
        meta = DocumentMeta(
            document_id=name[:-4],
            file=name,
            unit_id="phuong-tam-thanh",
            period="2025-10",
            kind="monthly_report",
        )
        results.append(process_text(read_report(corpus / name), meta))
    warnings = flag_cross_report_conflicts(results)
    revenue = [o for r in results for o in r.observations if o.indicator_id == "budget_revenue"]
    assert {o.value for o in revenue} == {5.12e9, 5.32e9}
    assert all("conflict_between_reports" in o.flags for o in revenue)
    assert any("budget_revenue" in str(w) and "conflict-a" in str(w) for w in warnings)


def test_monthly_routine_end_to_end_and_bad_entries_do_not_stop_the_build(project, corpus):
    """`solieu add` a PDF, then catalogue two broken entries by hand: the build reads the new
    report, names each broken one, and still processes every good report."""
    try:
        from solieu.pipeline import run_stages
    except ImportError as exc:
        pytest.skip(f"pipeline not importable: {exc}")
    code = add_files([corpus / "valid.pdf"], project, echo=lambda s: None)
    assert code == 0
    shutil.copyfile(corpus / "windows-1258.txt", project.sources / "bao-cao-1258.txt")
    with project.catalog.open("a", encoding="utf-8") as fh:
        fh.write(
            "  - {id: bad-encoding, file: bao-cao-1258.txt, unit_id: phuong-tam-thanh, "
            "period: 2025-09, kind: monthly_report}\n"
            "  - {id: gone, file: da-xoa.txt, unit_id: phuong-tam-thanh, period: 2025-08, "
            "kind: monthly_report}\n"
        )
    result = run_stages(project)
    done = {r.meta.document_id for r in result.reports}
    assert "phuong-tam-thanh-2025-10-bao-cao" in done
    assert len(done) == 6
    errors = "\n".join(str(e) for e in result.errors if e.severity == "error")
    assert "bao-cao-1258.txt (line 1): the text is not UTF-8; it looks like WINDOWS-1258" in errors
    assert "da-xoa.txt" in errors and "does not exist" in errors
    new = next(r for r in result.reports if r.meta.document_id.endswith("2025-10-bao-cao"))
    assert new.figures and new.observations


def test_invalid_catalogue_stops_add_cleanly(project, corpus, detect):
    project.catalog.write_text("documents:\n  - id: a\n   file: [\n", encoding="utf-8")
    before = sorted(p.name for p in project.sources.iterdir())
    code, out = run([corpus / "conflict-a.txt"], project)
    assert code == 1 and "catalog.yaml (line 3): not valid YAML" in out
    assert sorted(p.name for p in project.sources.iterdir()) == before
