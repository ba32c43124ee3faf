"""Same sources, same bytes: two builds give identical data packages and sites."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from solieu.paths import Paths
from solieu.pipeline import build


def _tree_digest(d):
    """File → sha256 of a tree, without hidden entries (a package's site and build keys are
    not part of the package; its site is compared on its own)."""
    return {
        str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(d.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(d).parts)
    }


def _project(root, dest):
    dest.mkdir()
    for name in ("sources", "docs"):
        shutil.copytree(root / name, dest / name)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(root / "node_modules")
    return Paths(dest)


@pytest.mark.slow
def test_two_builds_are_byte_identical(root, tmp_path):
    a = _project(root, tmp_path / "a")
    b = _project(root, tmp_path / "b")
    ra, rb = build(a), build(b)
    assert not ra.failed and not rb.failed
    assert _tree_digest(a.datapackage) == _tree_digest(b.datapackage)
    da, db = _tree_digest(a.site), _tree_digest(b.site)
    assert da.keys() == db.keys()
    differ = [k for k in da if da[k] != db[k]]
    assert differ == [], differ[:10]
    # and the committed package is what this build gives
    assert _tree_digest(a.datapackage) == _tree_digest(root / "datapackage")
