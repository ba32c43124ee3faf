"""One error type for bad input, so every message names the file, the place and the remedy.

A maintainer adding next month's report must be able to fix a problem from the message
alone; the build collects these per report instead of stopping at the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Control characters (C0, DEL, C1) and the Unicode line/paragraph separators: a file name or
# value carrying them could break a message over several lines or recolour the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line, with control characters shown as escapes (\\x1b, \\n), and the
    undecodable bytes of a file name (surrogates) as \\udcff, which a terminal can print."""
    text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
        return printable(msg)


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
        return printable(f"{self.problem} — {self.fix}")


def setup_error_from_os(
    exc: OSError, doing: str, *, undone: str = "nothing was published", again: str = "the command"
) -> SetupError | None:
    """The one-line message for an operating-system error met while `doing` something, if known.

    One helper for `build` and `add` alike: `undone` says what was left as it was, `again`
    what to run once fixed. Paths in the fix are shell-quoted (they are pasted into a shell).
    """
    import errno
    import shlex

    where = Path(exc.filename) if exc.filename else None
    shown = printable(str(where) if where else "?")
    folder = shlex.quote(str(where.parent)) if where else "."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return SetupError(
            f"the disk is full ({doing}, writing {shown}); {undone}",
            f"free some space (`df -h {folder}` shows how much is left; `make clean` removes "
            f"build/, .venv/, node_modules/), then run {again} again",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SetupError(
            f"cannot write {shown} ({exc.strerror}; {doing}); {undone}",
            f"make the folder writable for this user (`chmod u+w {folder}`) or work in a "
            f"checkout you own, then run {again} again",
        )
    return None
