"""Publishing: the data package and the site go live together, or not at all.

Why this shape. ``datapackage/`` is committed (journalists download it from the repository) and
``build/site/`` is what GitHub Pages serves. If they are replaced one after the other, a build
killed in between leaves a new package beside an old site (or no package at all, and
``git add datapackage`` then stages its deletion). So one build writes both into ONE release
tree, ``.datapackage-new-<token>/`` beside ``datapackage/``, with the site inside it as
``.site/`` (ignored by git), and goes live with ONE atomic ``renameat2(RENAME_EXCHANGE)`` of
that tree and ``datapackage/``. ``build/site`` is a symlink to ``../datapackage/.site``, so the
site that is served is always the one built with the package beside it.

Where the kernel or file system cannot exchange two directories, the fallback is two renames
guarded by a journal (``build/.publish-journal.json``): ``recover()``, run under the build lock
at the start of every build, rolls an interrupted swap forward (or back when the new tree is
gone). Temporary trees of killed builds are removed there too.

``build_lock`` makes a second build that starts while one runs say so and stop, instead of two
builds writing the same trees.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from solieu.errors import SetupError
from solieu.locking import Busy, exclusive
from solieu.paths import Paths

SITE_IN_RELEASE = ".site"
RELEASE_PREFIX = ".datapackage-new-"
BACKUP_PREFIX = ".datapackage-old-"
LEGACY_TEMP = (".datapackage-", "datapackage.old")  # names older versions left behind
JOURNAL = ".publish-journal.json"
SPARE = "spare-release"  # in build/: the previous live tree, reused by the next build
LOCK = ".lock"
_RENAME_EXCHANGE = 2  # linux/fs.h


def _fault(point: str) -> None:
    """Test hook: pause at a named point so a fault-injection test can kill the build there."""
    if os.environ.get("SOLIEU_FAULT_PAUSE") == point:
        Path(os.environ["SOLIEU_FAULT_READY"]).write_text(point, encoding="utf-8")
        import time

        time.sleep(3600)


# ---------------------------------------------------------------------------- the lock
@contextlib.contextmanager
def build_lock(paths: Paths) -> Iterator[None]:
    """One build at a time in a checkout: a second one says so and stops."""
    path = paths.build / LOCK
    try:
        with exclusive(path):
            yield
    except Busy as busy:
        raise SetupError(
            f"another build is running in this folder (process {busy.holder})",
            fix="wait for it to finish; the lock is released by itself when that build "
            f"ends, even if it is killed — then run the command again ({path})",
        ) from None


# ---------------------------------------------------------------------------- exchange
def _libc_renameat2():  # noqa: ANN202 — a ctypes function or None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        fn = ctypes.CDLL(name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths; False when this system cannot (then use the journal).

    `SOLIEU_PUBLISH_NO_EXCHANGE=1` forces the journal path (tests, and file systems that
    claim support but misbehave).
    """
    fn = None if os.environ.get("SOLIEU_PUBLISH_NO_EXCHANGE") else _libc_renameat2()
    if fn is None:
        return False
    at_fdcwd = -100
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------------------- releases
def new_release(paths: Paths, *, keep_site: bool = False) -> Path:
    """A release tree beside ``datapackage/`` (same file system, so it can be swapped).

    It is empty, or, with ``keep_site``, the spare tree of the release before the live one
    (`publish` keeps it) with its package removed and its site left: a site stage that knows
    what that site was rendered with updates it in place instead of copying the live one.
    """
    release = paths.root / f"{RELEASE_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    spare = spare_release(paths)
    if spare.is_dir():
        try:
            os.replace(spare, release)
        except OSError:
            shutil.rmtree(spare, ignore_errors=True)
        else:
            for child in release.iterdir():
                if keep_site and child.name == SITE_IN_RELEASE:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            return release
    release.mkdir()
    return release


def spare_release(paths: Paths) -> Path:
    """Where the previous live tree waits to be the next release (see `new_release`)."""
    return paths.build / SPARE


def release_site(release: Path) -> Path:
    """Where the site of a release is built."""
    return release / SITE_IN_RELEASE


def publish(paths: Paths, release: Path) -> None:
    """Make ``release`` the live ``datapackage/`` (with its site) in one step, then tidy up."""
    os.chmod(release, 0o755)  # mkdtemp-style 0700 would hide the package from other users
    target = paths.datapackage
    _fault("before-publish")
    if target.exists() and exchange(release, target):
        _fault("after-exchange")
        _keep_as_spare(paths, release)  # now the previous package and site
    else:
        _swap_with_journal(paths, release, target)
    _fsync_dir(target.parent)
    link_site(paths)


def _keep_as_spare(paths: Paths, tree: Path) -> None:
    """Keep the tree that was live as the spare of the next build (deleting thousands of
    files costs a rebuild as much as rendering the pages that changed)."""
    spare = spare_release(paths)
    try:
        if spare.exists():
            shutil.rmtree(spare)
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tree, spare)
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)


def _swap_with_journal(paths: Paths, release: Path, target: Path) -> None:
    """Two renames that ``recover`` can finish if we are killed between them."""
    backup = target.with_name(f"{BACKUP_PREFIX}{release.name.removeprefix(RELEASE_PREFIX)}")
    journal = paths.build / JOURNAL
    journal.parent.mkdir(parents=True, exist_ok=True)
    tmp = journal.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"release": str(release), "backup": str(backup), "target": str(target)}),
        encoding="utf-8",
    )
    os.replace(tmp, journal)
    if target.exists():
        os.replace(target, backup)
    _fault("between-renames")
    os.replace(release, target)
    journal.unlink()
    if backup.exists():
        shutil.rmtree(backup)


def link_site(paths: Paths) -> None:
    """``build/site`` → the site inside ``datapackage/`` (replaced atomically, never missing)."""
    site = paths.site
    site.parent.mkdir(parents=True, exist_ok=True)
    target = release_site(paths.datapackage)
    try:
        pointer = Path(os.path.relpath(target, site.parent))
    except ValueError:  # another drive (Windows)
        pointer = target
    if site.is_symlink() and Path(os.readlink(site)) == pointer:
        return
    if site.exists() and not site.is_symlink():
        shutil.rmtree(site)  # a site directory from an older version of solieu
    tmp = site.with_name(f".site-link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(pointer, target_is_directory=True)
    os.replace(tmp, site)


def recover(paths: Paths) -> list[str]:
    """Finish a swap a killed build left half done and remove its temporary trees.

    Runs under the build lock, so no other build owns the trees it removes. Returns one line
    per repair for the build summary.
    """
    done: list[str] = []
    journal = paths.build / JOURNAL
    if journal.exists():
        try:
            j = json.loads(journal.read_text(encoding="utf-8"))
            release, backup, target = Path(j["release"]), Path(j["backup"]), Path(j["target"])
        except (ValueError, KeyError, TypeError):
            journal.unlink()
            done.append(f"removed an unreadable publish journal ({journal})")
        else:
            if not target.exists():
                source = release if release.exists() else backup
                if source.exists():
                    os.replace(source, target)
                    done.append(
                        "finished a publish a killed build had left half done"
                        if source == release
                        else "restored the previous data package after a killed build"
                    )
            journal.unlink()
    for pattern in (f"{RELEASE_PREFIX}*", f"{BACKUP_PREFIX}*", *(f"{p}*" for p in LEGACY_TEMP)):
        for stray in sorted(paths.root.glob(pattern)):
            if stray.is_dir() and stray != paths.datapackage:
                shutil.rmtree(stray, ignore_errors=True)
                done.append(f"removed the temporary tree {stray.name} of an interrupted build")
    legacy = paths.build / ".site-tmp"
    if legacy.exists():
        shutil.rmtree(legacy, ignore_errors=True)
    for link in paths.site.parent.glob(".site-link-*") if paths.site.parent.exists() else []:
        link.unlink(missing_ok=True)
    return done
