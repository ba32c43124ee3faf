"""`solieu diff`: what a merge would publish, as Markdown for the pull request's job summary.

Reviewers of a new report cannot read a 2,000-line CSV diff; they need "for Phường Tam Thanh,
October 2025: 12 indicators added, budget revenue changed 5,120 → 5,320 million". The data
package is committed, so the comparison is between two versions of `datapackage/`: a directory
or the one stored at a git ref (absent there = everything is new).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

from solieu import vi_format
from solieu.escaping import md_escape
from solieu.package import read_resource
from solieu.paths import Paths

OBS_KEY = ("unit_id", "period", "indicator_id", "basis")
Key = tuple[str, str, str, str]


def read_csv(package_dir: Path, resource: str) -> list[dict[str, str]]:
    """Rows of a package resource as strings (exact, as committed; parts concatenated); a
    missing resource has none."""
    return list(read_resource(package_dir, resource))


def _num(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def _same(a: str, b: str) -> bool:
    na, nb = _num(a), _num(b)
    return na == nb if na is not None and nb is not None else a == b


def _values(rows: list[dict[str, str]]) -> dict[Key, list[dict[str, str]]]:
    out: dict[Key, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        out[tuple(r.get(k, "") or "" for k in OBS_KEY)].append(r)  # type: ignore[arg-type]
    return out


def _show(rows: list[dict[str, str]]) -> str:
    """A key's value(s); two reports disagreeing show both, with their documents."""
    vals = sorted({(r.get("value", ""), r.get("unit", "")) for r in rows})
    if len(vals) == 1:
        return _fmt(*vals[0])

    def docs(v: str) -> str:
        return ", ".join(sorted({r.get("document_id", "") for r in rows if r.get("value") == v}))

    return " / ".join(f"{_fmt(v, u)} ({docs(v)})" for v, u in vals)


def _fmt(value: str, unit: str) -> str:
    """ "5.120.000.000 đồng", "8,37%": the exact value as readers of the site see it."""
    return vi_format.exact(value, unit) or value


def _change(old: list[dict[str, str]], new: list[dict[str, str]]) -> str:
    a = {r.get("value", "") for r in old}
    b = {r.get("value", "") for r in new}
    text = f"{_show(old)} → {_show(new)}"
    if len(a) == len(b) == 1:
        na, nb = _num(next(iter(a))), _num(next(iter(b)))
        if na is not None and nb is not None and na != 0:
            text += f" ({vi_format.change(na, nb)})"
    return text


def _names(pkg: Path, resource: str, key: str, name: str) -> dict[str, str]:
    return {r[key]: r.get(name, "") for r in read_csv(pkg, resource) if r.get(key)}


def _set_changes(
    old: list[dict[str, str]], new: list[dict[str, str]], key: str, compare: tuple[str, ...] = ()
) -> tuple[int, int, int]:
    a = {r[key]: r for r in old if key in r}
    b = {r[key]: r for r in new if key in r}
    changed = sum(
        1
        for k in a.keys() & b.keys()
        if any(not _same(a[k].get(f, ""), b[k].get(f, "")) for f in compare)
    )
    return len(b.keys() - a.keys()), len(a.keys() - b.keys()), changed


def diff_packages(
    old_dir: Path, new_dir: Path, *, old_label: str = "before", new_label: str = "after"
) -> str:
    """Markdown: counts of document/figure/observation changes, then per unit and period the
    indicators added, removed and changed (old → new)."""
    old_obs, new_obs = read_csv(old_dir, "observations"), read_csv(new_dir, "observations")
    a, b = _values(old_obs), _values(new_obs)
    units = {
        **_names(old_dir, "units", "unit_id", "name"),
        **_names(new_dir, "units", "unit_id", "name"),
    }
    indicators = {
        **_names(old_dir, "indicators", "indicator_id", "name_vi"),
        **_names(new_dir, "indicators", "indicator_id", "name_vi"),
    }

    per: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
        lambda: {"added": [], "removed": [], "changed": []}
    )
    for key in sorted(a.keys() | b.keys()):
        unit_id, period, ind, basis = key
        label = f"`{ind}`" + (f" ({md_escape(basis)})" if basis else "")
        if indicators.get(ind):
            label += f" — {md_escape(indicators[ind])}"
        if key not in a:
            per[(unit_id, period)]["added"].append(f"{label}: {md_escape(_show(b[key]))}")
        elif key not in b:
            per[(unit_id, period)]["removed"].append(f"{label}: {md_escape(_show(a[key]))}")
        else:
            va = sorted(r.get("value", "") for r in a[key])
            vb = sorted(r.get("value", "") for r in b[key])
            if len(va) != len(vb) or not all(_same(x, y) for x, y in zip(va, vb, strict=True)):
                per[(unit_id, period)]["changed"].append(
                    f"{label}: {md_escape(_change(a[key], b[key]))}"
                )

    lines = [
        f"## Thay đổi dữ liệu (data changes): {md_escape(old_label)} → {md_escape(new_label)}",
        "",
    ]
    counts = [
        (
            "documents",
            *_set_changes(
                read_csv(old_dir, "documents"),
                read_csv(new_dir, "documents"),
                "document_id",
                ("sha256", "unit_id", "period", "kind", "title"),
            ),
        ),
        (
            "figures",
            *_set_changes(
                read_csv(old_dir, "figures"),
                read_csv(new_dir, "figures"),
                "figure_id",
                ("value", "unit", "text", "basis", "kind"),
            ),
        ),
        (
            "observations",
            *_set_changes(old_obs, new_obs, "observation_id", ("value", "unit", "period", "basis")),
        ),
        (
            "checks",
            *_set_changes(
                read_csv(old_dir, "checks"),
                read_csv(new_dir, "checks"),
                "check_id",
                ("verdict", "stated", "computed"),
            ),
        ),
    ]
    lines += ["| | added | removed | changed |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {ad} | {rm} | {ch} |" for name, ad, rm, ch in counts]
    lines.append("")
    if not per or not any(any(v.values()) for v in per.values()):
        lines.append("No indicator values changed.")
        return "\n".join(lines) + "\n"
    for (unit_id, period), groups in sorted(per.items()):
        if not any(groups.values()):
            continue
        name = units.get(unit_id, "")
        head = (
            f"### {md_escape(name)} (`{unit_id}`) · {period}"
            if name
            else f"### `{unit_id}` · {period}"
        )
        summary = ", ".join(f"{len(v)} {k}" for k, v in groups.items() if v)
        lines += [head, "", f"_{summary}_", ""]
        for what in ("changed", "added", "removed"):
            if groups[what]:
                lines.append(f"**{what}**")
                lines.append("")
                lines += [f"- {item}" for item in groups[what]]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _git(repo_root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo_root), *args], capture_output=True, check=False)


def package_at_ref(ref: str, repo_root: Path) -> Path:
    """`datapackage/` as stored at a git ref, extracted into a new temporary directory.

    When the ref has no `datapackage/` the directory is empty, so everything shows as added.
    The caller removes the directory's parent when done (see :func:`run_diff`).
    """
    check = _git(repo_root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if check.returncode != 0:
        raise ValueError(f"{ref!r} is neither a directory nor a git ref known in {repo_root}")
    prefix = _git(repo_root, "rev-parse", "--show-prefix").stdout.decode().strip()
    tmp = Path(tempfile.mkdtemp(prefix="solieu-diff-"))
    out = tmp / "datapackage"
    out.mkdir()
    archive = _git(repo_root, "archive", "--format=tar", f"{ref}:{prefix}datapackage")
    if archive.returncode == 0:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            # the "data" filter refuses absolute paths, `..`, links and devices
            tar.extractall(out, members=[m for m in tar.getmembers() if m.isfile()], filter="data")
    return out


def run_diff(against: str, root: Paths) -> str:
    """Compare `root`'s data package with `against`: a directory (a data package, or a
    checkout holding one) or a git ref such as `origin/main` or `HEAD~1`."""
    candidate = Path(against)
    if candidate.is_dir():
        old = candidate / "datapackage" if (candidate / "datapackage").is_dir() else candidate
        return diff_packages(
            old, root.datapackage, old_label=str(candidate), new_label="working tree"
        )
    old = package_at_ref(against, root.root)
    try:
        return diff_packages(old, root.datapackage, old_label=against, new_label="working tree")
    finally:
        shutil.rmtree(old.parent, ignore_errors=True)
