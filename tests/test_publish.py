"""Publishing: package and site go live together or not at all; one build at a time; machine
problems are one-line messages. Fault injection kills a real `solieu build` with SIGKILL at
named moments and at arbitrary times and checks what a reader would then find."""

from __future__ import annotations

import csv
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from solieu import publish
from solieu.errors import SetupError
from solieu.paths import Paths
from solieu.pipeline import build

SOLIEU = [sys.executable, "-m", "solieu.cli"]


# ---------------------------------------------------------------------------- helpers
def _project(root: Path, tmp_path: Path, n_reports: int) -> Paths:
    """A throwaway checkout with the first `n_reports` embedded reports."""
    proj = tmp_path / "proj"
    (proj / "sources").mkdir(parents=True)
    cat = yaml.safe_load((root / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
    docs = cat["documents"][:n_reports]
    for d in cat["documents"]:
        shutil.copy(root / "sources" / d["file"], proj / "sources" / d["file"])
    _write_catalog(proj / "sources" / "catalog.yaml", docs)
    shutil.copytree(root / "docs", proj / "docs")
    shutil.copy(root / "mkdocs.yml", proj / "mkdocs.yml")
    (proj / "node_modules").symlink_to(root / "node_modules")
    return Paths(proj)


def _write_catalog(path: Path, docs: list[dict]) -> None:
    path.write_text(
        yaml.safe_dump({"documents": docs}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _ids(csv_path: Path) -> list[str]:
    with open(csv_path, encoding="utf-8") as fh:
        return sorted(r["document_id"] for r in csv.DictReader(fh))


def _state(paths: Paths) -> list[str]:
    """The documents live now; fails unless package and site are complete and agree."""
    pkg = paths.datapackage
    assert (pkg / "datapackage.json").is_file(), "datapackage/ incomplete or missing"
    import json

    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        for part in res["path"] if isinstance(res["path"], list) else [res["path"]]:
            assert (pkg / part).is_file(), f"{part} missing from the live package"
    assert (paths.site / "index.html").is_file(), "build/site incomplete or missing"
    in_package = _ids(pkg / "documents.csv")
    in_site = _ids(paths.site / "tai-ve" / "goi" / "documents.csv")
    assert in_package == in_site, "the site and the data package come from different builds"
    for doc_id in in_package:
        assert (paths.site / "van-ban" / doc_id / "index.html").is_file()
    return in_package


def _run(paths: Paths, **env: str) -> subprocess.Popen:
    full = {**os.environ, "SOLIEU_ROOT": str(paths.root), **env}
    return subprocess.Popen(
        [*SOLIEU, "build"], cwd=paths.root, env=full, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _kill_at(paths: Paths, point: str, **env: str) -> None:
    ready = paths.root / f".ready-{point}"
    proc = _run(paths, SOLIEU_FAULT_PAUSE=point, SOLIEU_FAULT_READY=str(ready), **env)
    deadline = time.monotonic() + 300
    while not ready.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"build never reached {point}"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    ready.unlink()


@pytest.fixture(scope="module")
def built_base(root, tmp_path_factory) -> Path:
    """A project built once with 2 reports: the "old" state every fault test starts from."""
    paths = _project(root, tmp_path_factory.mktemp("base"), n_reports=2)
    proc = _run(paths)
    assert proc.wait() == 0, proc.communicate()
    return paths.root


@pytest.fixture
def old_then_new(built_base, tmp_path) -> tuple[Paths, list[str]]:
    """A copy of the built base whose catalogue now lists a 3rd report (the "new" state)."""
    proj = tmp_path / "proj"
    shutil.copytree(built_base, proj, symlinks=True)
    paths = Paths(proj)
    old = _state(paths)
    _write_catalog(paths.catalog, _catalog_docs_full()[:3])
    return paths, old


def _catalog_docs_full() -> list[dict]:
    root = Path(__file__).resolve().parents[1]
    cat = yaml.safe_load((root / "sources" / "catalog.yaml").read_text(encoding="utf-8"))
    return cat["documents"]


# ---------------------------------------------------------------------------- fault injection
@pytest.mark.slow
@pytest.mark.parametrize("point", ["before-publish", "after-exchange"])
def test_kill_at_a_named_moment_leaves_one_consistent_build(old_then_new, point):
    paths, old = old_then_new
    _kill_at(paths, point)
    now = _state(paths)
    assert now == old if point == "before-publish" else len(now) == 3
    proc = _run(paths)  # the next build cleans up and publishes the new state
    assert proc.wait() == 0, proc.communicate()
    assert len(_state(paths)) == 3
    assert not list(paths.root.glob(".datapackage-*")), "temporary trees left behind"


@pytest.mark.slow
def test_without_an_atomic_exchange_the_next_build_repairs_a_killed_swap(old_then_new):
    """File systems without renameat2 use two renames and a journal; recovery finishes them."""
    paths, _ = old_then_new
    _kill_at(paths, "between-renames", SOLIEU_PUBLISH_NO_EXCHANGE="1")
    assert (paths.build / publish.JOURNAL).exists()
    proc = _run(paths, SOLIEU_PUBLISH_NO_EXCHANGE="1")
    out, errs = proc.communicate()
    assert proc.returncode == 0, errs
    assert "repaired" in errs
    assert len(_state(paths)) == 3


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.5, 2.0, 4.0, 6.0, 8.0])
def test_kill_at_any_time_leaves_old_or_new_never_a_mix(old_then_new, after):
    paths, old = old_then_new
    proc = _run(paths)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = _state(paths)
    assert now == old or len(now) == 3


# ---------------------------------------------------------------------------- units
def test_exchange_swaps_two_directories(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not publish.exchange(a, b):
        pytest.skip("this file system cannot exchange directories (the journal path is used)")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


@pytest.mark.parametrize("left", ["release", "backup"])
def test_recover_finishes_or_undoes_an_interrupted_two_rename_swap(tmp_path, left):
    paths = Paths(tmp_path)
    paths.build.mkdir()
    release = tmp_path / f"{publish.RELEASE_PREFIX}1"
    backup = tmp_path / f"{publish.BACKUP_PREFIX}1"
    keep = release if left == "release" else backup
    keep.mkdir()
    (keep / "datapackage.json").write_text(left)
    (paths.build / publish.JOURNAL).write_text(
        f'{{"release": "{release}", "backup": "{backup}", "target": "{paths.datapackage}"}}'
    )
    notes = publish.recover(paths)
    assert (paths.datapackage / "datapackage.json").read_text() == left
    assert notes and not (paths.build / publish.JOURNAL).exists()


def test_recover_removes_temporary_trees(tmp_path):
    paths = Paths(tmp_path)
    paths.build.mkdir()
    paths.datapackage.mkdir()
    stray = tmp_path / f"{publish.RELEASE_PREFIX}99-dead"
    (stray / ".site").mkdir(parents=True)
    assert publish.recover(paths)
    assert not stray.exists() and paths.datapackage.exists()


def test_a_second_build_says_so_and_stops(tmp_path):
    paths = Paths(tmp_path)
    with publish.build_lock(paths), pytest.raises(SetupError) as exc, publish.build_lock(paths):
        pass
    assert "another build is running" in str(exc.value)
    with publish.build_lock(paths):  # released: the next build may run
        pass


def test_a_full_disk_publishes_nothing_and_says_so(root, tmp_path, monkeypatch):
    paths = _project(root, tmp_path, n_reports=1)
    paths.datapackage.mkdir()
    (paths.datapackage / "marker").write_text("previous build")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(paths.root / "x.csv"))

    monkeypatch.setattr("solieu.pipeline.write_package", full)
    with pytest.raises(SetupError) as exc:
        build(paths, site=False)
    assert "disk is full" in str(exc.value) and "nothing was published" in str(exc.value)
    assert (paths.datapackage / "marker").read_text() == "previous build"
    assert not list(paths.root.glob(".datapackage-*"))


def test_missing_node_modules_is_named_before_any_work(root, tmp_path):
    paths = _project(root, tmp_path, n_reports=1)
    (paths.root / "node_modules").unlink()
    with pytest.raises(SetupError) as exc:
        build(paths)
    assert "node_modules" in str(exc.value) and "npm ci" in str(exc.value)
    assert not paths.ingest.exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk is full"), (errno.EROFS, "cannot write"), (errno.EACCES, "writable")],
)
def test_the_cli_prints_one_line_not_a_traceback(monkeypatch, tmp_path, code, words):
    from typer.testing import CliRunner

    from solieu.cli import app

    def broken(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / "datapackage"))

    monkeypatch.setattr("solieu.pipeline.build", broken)
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 2
    out = result.output.strip()
    assert words in out and "Traceback" not in out and len(out.splitlines()) <= 3


def test_published_package_is_world_readable(built_base):
    paths = Paths(built_base)
    for p in [paths.datapackage, *paths.datapackage.iterdir()]:
        assert p.stat().st_mode & 0o004, f"{p} is not readable by others"
