import datetime as dt

from solieu.catalog import load_catalog
from solieu.units import load_units


def test_embedded_catalogue_is_valid(paths):
    metas, errors = load_catalog(paths.catalog, set(load_units()))
    assert errors == []
    assert len(metas) == 5
    assert {m.unit_id for m in metas} == {"tinh-lang-son", "thanh-pho-lang-son", "phuong-tam-thanh"}
    assert all(m.sha256 and len(m.sha256) == 64 for m in metas)


def _write(tmp_path, body: str):
    (tmp_path / "a.txt").write_text("Báo cáo", encoding="utf-8")
    cat = tmp_path / "catalog.yaml"
    cat.write_text(body, encoding="utf-8")
    return cat


def test_each_bad_entry_gets_its_own_message_and_the_rest_load(tmp_path):
    cat = _write(
        tmp_path,
        """documents:
  - {id: ok, file: a.txt, unit_id: tinh-lang-son, period: 2025-06, kind: monthly_report}
  - {id: gone, file: missing.txt, unit_id: tinh-lang-son, period: 2025-06, kind: monthly_report}
  - {id: future, file: a.txt, unit_id: tinh-lang-son, period: 2099-01, kind: monthly_report}
  - {id: badp, file: a.txt, unit_id: tinh-lang-son, period: 6/2025, kind: monthly_report}
  - {id: who, file: a.txt, unit_id: xa-khong-co, period: 2025-06, kind: monthly_report}
  - {id: ok, file: a.txt, unit_id: tinh-lang-son, period: 2025-05, kind: monthly_report}
  - {id: nokind, file: a.txt, unit_id: tinh-lang-son, period: 2025-05}
""",
    )
    metas, errors = load_catalog(cat, set(load_units()), today=dt.date(2026, 1, 1))
    assert [m.document_id for m in metas] == ["ok"]
    text = "\n".join(map(str, errors))
    assert all(str(cat) in str(e) for e in errors)
    for needle in (
        "missing.txt",
        "future",
        "YYYY-MM",
        "unknown unit 'xa-khong-co'",
        "duplicate id 'ok'",
        "missing field(s): kind",
    ):
        assert needle in text, needle


def test_invalid_yaml_names_the_line(tmp_path):
    cat = _write(tmp_path, "documents:\n  - id: a\n   file: [\n")
    metas, errors = load_catalog(cat)
    assert metas == [] and len(errors) == 1
    assert "line" in (errors[0].where or "") and "YAML" in errors[0].problem
