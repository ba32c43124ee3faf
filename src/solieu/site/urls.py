"""Site paths and the relative links between pages (DESIGN.md, "Site URLs").

Why relative links: every page links to others relative to its own directory, so the site
works under any base path (GitHub Pages project sites) and when opened from disk.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


def url(*parts: str) -> str:
    """A site path from its parts: url("van-ban", doc_id) → "van-ban/<doc_id>/"."""
    return "/".join(parts) + "/"


def rel(from_dir: str, target: str) -> str:
    """Relative URL from a page directory ("don-vi/x/") to a site path ("van-ban/d/#f-1").

    A result whose first segment holds a colon gets "./" in front, so an identifier such as
    "javascript:x" can never be read as a URL scheme.
    """
    path, _, frag = target.partition("#")
    return _rel_path(from_dir, path) + ("#" + frag if frag else "")


@lru_cache(maxsize=65536)
def _rel_path(from_dir: str, path: str) -> str:
    """The path part of :func:`rel` (pages link to the same few places many times)."""
    start = from_dir.rstrip("/") or "."
    r = posixpath.relpath(path.rstrip("/") or ".", start)
    if path.endswith("/") or path == "":
        r = r + "/" if r != "." else "./"
    if ":" in r.split("/", 1)[0]:
        r = "./" + r
    return r


def anchor_id(figure_id: str) -> str:
    """Anchor of a figure in its document page: dots become dashes (DESIGN.md)."""
    return "f-" + figure_id.replace(".", "-")
