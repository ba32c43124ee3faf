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


def _html_mtimes(site):
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


@pytest.mark.slow
def test_a_report_added_to_a_built_project_gives_the_clean_build(root, tmp_path):
    """Incremental: the build after `solieu add` reuses cached reports and the published
    site (mkdocs re-renders only changed pages), and its bytes are the clean build's."""
    import yaml

    from solieu import site as site_stage

    inc = _project(root, tmp_path / "inc")
    catalog = inc.sources / "catalog.yaml"
    full = catalog.read_text(encoding="utf-8")
    entries = yaml.safe_load(full)
    added = next(d for d in entries["documents"] if d["unit_id"] == "phuong-tam-thanh")
    entries["documents"].remove(added)
    catalog.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    assert not build(inc).failed
    assert site_stage.reusable_site(inc, inc.datapackage / ".site") is not None
    before = _html_mtimes(inc.site)
    catalog.write_text(full, encoding="utf-8")
    assert not build(inc).failed
    after = _html_mtimes(inc.site)
    kept = [page for page, t in after.items() if before.get(page) == t]
    assert kept, "no page of the previous site was reused"
    assert any(page.startswith(f"van-ban/{added['id']}/") for page in after)

    clean = _project(root, tmp_path / "clean")
    assert not build(clean).failed
    assert _tree_digest(inc.datapackage) == _tree_digest(clean.datapackage)
    di, dc = _tree_digest(inc.site), _tree_digest(clean.site)
    assert di.keys() == dc.keys()
    assert [k for k in di if di[k] != dc[k]] == []


@pytest.mark.slow
def test_a_changed_theme_setting_renders_every_page_again(root, tmp_path):
    """A build with nothing changed publishes nothing; the published site is reused only
    when rendered with the same mkdocs inputs."""
    from solieu import site as site_stage

    p = _project(root, tmp_path / "p")
    assert not build(p).failed
    live = p.datapackage / ".site"
    assert site_stage.reusable_site(p, live) is not None
    before = _tree_digest(live)
    again = build(p)  # nothing changed: nothing is built or published
    assert any("nothing changed" in n for n in again.notes) and "package" not in again.timings
    assert _tree_digest(live) == before
    yml = p.mkdocs_yml.read_text(encoding="utf-8")
    p.mkdocs_yml.write_text(yml + "\n# a change of configuration\n", encoding="utf-8")
    assert site_stage.reusable_site(p, live) is None
    changed = build(p)  # the configuration is part of the build's key
    assert not any("nothing changed" in n for n in changed.notes)
    assert "mkdocs" in changed.timings


@pytest.mark.slow
def test_builds_over_the_spare_tree_give_the_clean_build(root, tmp_path):
    """The tree that was live before is kept (build/spare-release) and the next site build
    renders into it what changed since it was rendered: two builds later, a report removed
    and added back, the bytes are still the clean build's; a build without a site never
    publishes that spare's old site."""
    import yaml

    from solieu import publish

    inc = _project(root, tmp_path / "inc")
    catalog = inc.sources / "catalog.yaml"
    full = catalog.read_text(encoding="utf-8")
    entries = yaml.safe_load(full)
    entries["documents"] = [d for d in entries["documents"] if d["unit_id"] != "phuong-tam-thanh"]
    fewer = yaml.safe_dump(entries, allow_unicode=True)
    for text in (full, fewer, full):  # the third build takes the first one's tree over
        catalog.write_text(text, encoding="utf-8")
        assert not build(inc).failed
        assert publish.spare_release(inc).is_dir() or text is full
    assert (inc.build / "site-spare.key").is_file()
    clean = _project(root, tmp_path / "clean")
    assert not build(clean).failed
    di, dc = _tree_digest(inc.site), _tree_digest(clean.site)
    assert di.keys() == dc.keys()
    assert [k for k in di if di[k] != dc[k]] == []
    catalog.write_text(fewer, encoding="utf-8")
    assert not build(inc, site=False).failed
    assert not (inc.datapackage / ".site").exists()  # no stale site beside the new package
    catalog.write_text(full, encoding="utf-8")  # and the site build after it is still right
    assert not build(inc).failed
    assert _tree_digest(inc.site) == dc
