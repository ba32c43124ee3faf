"""mkdocs hook: small accessibility fixes to the theme's HTML, without overriding partials.

Why: axe-core reports the search dialog without an accessible name (aria-dialog-name,
serious). Adding the name in the output HTML keeps the theme's templates untouched (so the
site stays buildable by Zensical).
"""

from __future__ import annotations

from typing import Any


def on_post_page(output: str, **kwargs: Any) -> str:
    output = output.replace(
        'data-md-component="search" role="dialog"',
        'data-md-component="search" role="dialog" aria-label="Tìm kiếm"',
        1,
    )
    return output
