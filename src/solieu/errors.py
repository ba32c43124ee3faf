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
