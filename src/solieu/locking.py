"""One exclusive lock file per job (a build, an add): the second one waiting says so and stops.

`flock` rather than a pid file: the kernel releases it when its process dies, even by
`kill -9`, so a crashed job never blocks the next one and no one has to delete a stale file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


class Busy(Exception):
    """The lock is held; `holder` is the process id written by whoever holds it."""

    def __init__(self, holder: str):
        super().__init__(holder)
        self.holder = holder


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold `path` exclusively for the `with` block, or raise `Busy` at once (never wait)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(os.read(fd, 64).decode("ascii", "replace").strip() or "?") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
