"""mkdocs hook: whitespace of the theme's indentation removed from every page.

Why: the theme's templates indent their markup; a run of spaces and newlines between tags
renders exactly as one newline, and at thousands of pages the indentation is megabytes of
the published site. Scripts (their hashes are in the Content-Security-Policy), ``<pre>`` and
``<textarea>`` are left byte for byte as they are.
"""

from __future__ import annotations

import re
from typing import Any

KEEP = re.compile(r"(<(script|pre|textarea)\b.*?</\2\s*>)", re.S | re.I)
RUN = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    parts = KEEP.split(html)
    out = []
    for i in range(0, len(parts), 3):  # text, then a kept element and its tag name
        out.append(RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output: str, **kwargs: Any) -> str:
    return compact(output)
