"""One module per page type; each computes plain data and renders its own template.

Page modules import the shared context and blocks, never each other (except that the units
module builds each unit's period pages and the home page lists documents as the documents
index does), so there are no import cycles.
"""

from __future__ import annotations

from pathlib import Path

from ..context import Context
from . import documents, downloads, home, indicators, methods, nav, sectors, units


def build_all(ctx: Context, methods_md: str | None, docs_dir: Path | None = None) -> None:
    """Every page of the site into ``ctx.pages`` / ``ctx.files`` / ``ctx.binaries``."""
    home.build(ctx)
    units.build(ctx)
    indicators.build(ctx)
    sectors.build(ctx)
    documents.build(ctx)
    downloads.build(ctx)
    if methods_md is not None:
        methods.build(ctx, methods_md, docs_dir)
    ctx.nav = nav.build(ctx, methods_md is not None)


__all__ = ["build_all"]
