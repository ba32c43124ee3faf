"""One error type for bad input, so every message names the file, the place and the remedy.

A maintainer adding next month's report must be able to fix a problem from the message
alone; the build collects these per report instead of stopping at the first one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem with one input file or catalogue entry that the maintainer must fix."""

    file: str | Path
    problem: str
    where: str | None = None  # "line 12", "field period", "entry 3"
    hint: str | None = None  # what to do about it
    severity: str = "error"  # error (report not published) | warning (published, flagged)

    def __str__(self) -> str:
        loc = f"{self.file}" + (f" ({self.where})" if self.where else "")
        msg = f"{loc}: {self.problem}"
        if self.hint:
            msg += f" — {self.hint}"
        return msg


@dataclass
class SetupError(Exception):
    """A problem with the machine or the checkout, not with a report: say what and how to fix it.

    Missing node_modules, a read-only folder, a full disk or a second build running are not
    bugs; the person who runs `make site` gets one line and the command that fixes it, never a
    traceback.
    """

    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.problem} — {self.fix}"


def setup_error_from_os(exc: OSError, doing: str) -> SetupError | None:
    """The one-line message for an operating-system error met while `doing` something, if known."""
    import errno

    where = exc.filename or "?"
    if exc.errno == errno.ENOSPC:
        return SetupError(
            f"the disk is full ({doing}, writing {where})",
            "free some space (e.g. `make clean` removes build/, .venv/, node_modules/) and run "
            "the command again; nothing was published, the previous data package and site "
            "are untouched",
        )
    if exc.errno == errno.EDQUOT:
        return SetupError(
            f"the disk quota is exhausted ({doing}, writing {where})",
            "free some space and run the command again; nothing was published",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SetupError(
            f"no permission to write {where} ({doing})",
            "make the folder writable for this user (e.g. `chmod -R u+w` on it) or run "
            "from a checkout you own; nothing was published",
        )
    return None
