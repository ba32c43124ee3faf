"""mkdocs hook: put the HTML fragments of each generated page back into the built page.

Why: the generator (``solieu.site``) keeps large HTML (tables, a report's marked text) out of
the Markdown, as a placeholder comment per fragment, because Python-Markdown would parse it
again only to pass it through. The fragments are in ``build/site-fragments/<page>.md.json``,
already escaped by the site's templates. This hook runs after the CSP hook (which reads the
page with its placeholders) and fails loudly when a placeholder is missing or left over.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from solieu.site.render import placeholder

FRAGMENTS = "site-fragments"


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    src = Path(config["docs_dir"]).parent / FRAGMENTS / f"{page.file.src_uri}.json"
    if not src.exists():
        return output
    frags = json.loads(src.read_text(encoding="utf-8"))
    for key, html in frags.items():
        mark = placeholder(key)
        if output.count(mark) != 1:
            raise ValueError(f"{page.file.src_uri}: fragment {key} is not in the page once")
        output = output.replace(mark, html)
    return output
