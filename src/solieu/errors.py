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
