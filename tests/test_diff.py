"""`solieu diff`: per unit and period, indicators added, removed and changed, in Markdown."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from solieu.diff import diff_packages, package_at_ref, run_diff
from solieu.paths import Paths

OBS_FIELDS = [
    "observation_id",
    "indicator_id",
    "unit_id",
    "period",
    "value",
    "unit",
    "basis",
    "document_id",
    "quote",
]


def write_pkg(d: Path, observations: list[tuple], figures: int = 3, docs: tuple = ("a",)) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    with (d / "observations.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(OBS_FIELDS)
        for i, (ind, unit, period, value, u, basis, doc) in enumerate(observations):
            w.writerow([f"{doc}.{i}.{ind}", ind, unit, period, value, u, basis, doc, "trích"])
    (d / "figures.csv").write_text(
        "figure_id,document_id,value\n" + "".join(f"f{i},a,{i}\n" for i in range(figures)),
        encoding="utf-8",
    )
    (d / "documents.csv").write_text(
        "document_id,sha256\n" + "".join(f"{x},h{x}\n" for x in docs), encoding="utf-8"
    )
    (d / "units.csv").write_text(
        "unit_id,name\nphuong-tam-thanh,Phường Tam Thanh\n", encoding="utf-8"
    )
    (d / "indicators.csv").write_text(
        "indicator_id,name_vi\nbudget_revenue,Thu ngân sách nhà nước\n", encoding="utf-8"
    )
    return d


OLD = [
    ("budget_revenue", "phuong-tam-thanh", "2025-06", "5120000000", "VND", "", "a"),
    ("admin_dossiers_received", "phuong-tam-thanh", "2025-06", "596", "hồ sơ", "", "a"),
    ("grdp_growth", "tinh-lang-son", "2025-H1", "8.37", "percent", "same_period", "a"),
    (
        "budget_revenue_pct_estimate",
        "tinh-lang-son",
        "2025-H1",
        "72.2",
        "percent",
        "estimate_province",
        "a",
    ),
]
NEW = [
    ("budget_revenue", "phuong-tam-thanh", "2025-06", "5320000000", "VND", "", "a"),
    ("admin_dossiers_received", "phuong-tam-thanh", "2025-06", "596.0", "hồ sơ", "", "a"),
    ("grdp_growth", "tinh-lang-son", "2025-H1", "8.37", "percent", "same_period", "a"),
    ("citizen_reception_visits", "phuong-tam-thanh", "2025-10", "18", "lượt", "", "b"),
]


def test_added_removed_changed_per_unit_and_period(tmp_path):
    old = write_pkg(tmp_path / "old", OLD)
    new = write_pkg(tmp_path / "new", NEW, figures=5, docs=("a", "b"))
    md = diff_packages(old, new)
    sections = md.split("### ")
    tam_06 = next(
        s for s in sections if s.startswith("Phường Tam Thanh (`phuong-tam-thanh`) · 2025-06")
    )
    assert (
        "`budget_revenue` — Thu ngân sách nhà nước: 5.120.000.000 đồng → 5.320.000.000 đồng (+3,9%)"
        in tam_06
    )
    assert "admin_dossiers_received" not in md, "596 and 596.0 are the same value"
    tam_10 = next(s for s in sections if "· 2025-10" in s)
    assert "**added**" in tam_10 and "`citizen_reception_visits`: 18 lượt" in tam_10
    lang_son = next(s for s in sections if s.startswith("`tinh-lang-son` · 2025-H1"))
    assert (
        "**removed**" in lang_son
        and "budget_revenue_pct_estimate` (estimate\\_province): 72,2%" in lang_son
    )
    assert "grdp_growth" not in md
    assert "| documents | 1 | 0 | 0 |" in md
    assert "| figures | 2 | 0 | 0 |" in md


def test_no_changes(tmp_path):
    a = write_pkg(tmp_path / "a", OLD)
    b = write_pkg(tmp_path / "b", OLD)
    md = diff_packages(a, b)
    assert "No indicator values changed." in md and "| observations | 0 | 0 | 0 |" in md


def test_two_reports_disagreeing_show_both_values(tmp_path):
    a = write_pkg(tmp_path / "a", OLD[:1])
    b = write_pkg(tmp_path / "b", OLD[:1] + [(*OLD[0][:3], "5320000000", "VND", "", "b")])
    md = diff_packages(a, b)
    assert "5.120.000.000 đồng (a) / 5.320.000.000 đồng (b)" in md


def test_report_text_in_markdown_is_escaped(tmp_path):
    bad = [
        ("budget_revenue", "phuong-tam-thanh", "2025-06", "1", "<script>x</script>", "[a](b)", "a")
    ]
    md = diff_packages(write_pkg(tmp_path / "a", []), write_pkg(tmp_path / "b", bad))
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\[a\\](b)" in md


def test_missing_old_package_means_everything_is_added(tmp_path):
    md = diff_packages(tmp_path / "nothing", write_pkg(tmp_path / "b", NEW))
    assert md.count("**added**") == 3 and "**removed**" not in md


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    r = tmp_path / "repo"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    (r / "README.md").write_text("x\n")
    _git(r, "add", "README.md")
    _git(r, "commit", "-q", "-m", "no data yet")
    _git(r, "tag", "empty")
    write_pkg(r / "datapackage", OLD)
    _git(r, "add", "datapackage")
    _git(r, "commit", "-q", "-m", "data v1")
    write_pkg(r / "datapackage", NEW)  # working tree: v2, uncommitted
    return r


def test_diff_against_a_git_ref(repo):
    md = run_diff("HEAD", Paths(repo))
    assert "5.120.000.000 đồng → 5.320.000.000 đồng" in md
    assert "## Thay đổi dữ liệu (data changes): HEAD → working tree" in md


def test_ref_without_datapackage_shows_everything_added(repo):
    md = run_diff("empty", Paths(repo))
    assert "**removed**" not in md and "**changed**" not in md
    assert md.count("**added**") == 3


def test_package_at_ref_extracts_files(repo):
    out = package_at_ref("HEAD", repo)
    try:
        assert sorted(p.name for p in out.iterdir()) == sorted(
            p.name for p in (repo / "datapackage").iterdir()
        )
        assert "5120000000" in (out / "observations.csv").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(out.parent)


def test_unknown_ref_is_a_clear_error(repo):
    with pytest.raises(ValueError, match="neither a directory nor a git ref"):
        run_diff("no-such-branch", Paths(repo))


def test_diff_against_a_directory(tmp_path):
    root = tmp_path / "proj"
    write_pkg(root / "datapackage", NEW)
    other = write_pkg(tmp_path / "checkout" / "datapackage", OLD)
    md_checkout = run_diff(str(tmp_path / "checkout"), Paths(root))
    md_pkg = run_diff(str(other), Paths(root))
    assert "5.320.000.000 đồng" in md_checkout
    assert md_checkout.split("\n", 1)[1] == md_pkg.split("\n", 1)[1]
