"""The Jinja environment every page is rendered with: escaping by construction.

Why templates: page modules hand plain data (strings, numbers, :class:`Run` lists, dicts) to
one template per page type; the templates are the only place where markup is written. Values
are autoescaped as HTML by default; a Markdown context (a heading, the methods table) says so
with the ``md`` filter, which is :func:`solieu.escaping.md_escape`. Nothing in Python marks a
string as safe except the two filters below, whose output is escaped by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from solieu.escaping import CONTROL, md_escape, safe_title

ANCHOR = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Run:
    """A piece of inline text: plain, a link (``href``), a styled span (``cls``) or code."""

    text: str
    href: str = ""
    cls: str = ""
    label: str = ""  # aria-label of a link whose text is a symbol ("↗")
    code: bool = False
    download: bool = False  # a link to a file to save, not a page


def text(s: object) -> Run:
    return Run(str(s))


def link(href: str, s: object, cls: str = "", label: str = "", download: bool = False) -> Run:
    return Run(str(s), href=href, cls=cls, label=label, download=download)


def _md(value: object) -> Markup:
    """``{{ x | md }}``: text for a Markdown context (already HTML-escaped inside)."""
    return Markup(md_escape(value))


def _anchor(value: str) -> Markup:
    """``{#…}`` of attr_list: only our own slugs, never text from a report."""
    if not ANCHOR.fullmatch(value):
        raise ValueError(f"not an anchor id: {value!r}")
    return Markup(value)


def _finalize(value: object) -> object:
    """Every ``{{ }}`` value: control characters dropped before escaping (see CONTROL)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return CONTROL.sub("", value)
    return value


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("solieu.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["md"] = _md
    env.filters["anchor"] = _anchor
    env.filters["safe_title"] = safe_title
    # tojson: <, >, & and ' become \u escapes, so JSON in a script element cannot end it
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }
    return env


def render(template: str, **data: object) -> str:
    return environment().get_template(template).render(**data)
