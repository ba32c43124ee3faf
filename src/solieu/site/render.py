"""The Jinja environment every page is rendered with: escaping by construction.

Why templates: page modules hand plain data (strings, numbers, :class:`Run` lists, dicts) to
one template per page type; the templates are the only place where markup is written. Values
are autoescaped as HTML by default; a Markdown context (a heading, the methods table) says so
with the ``md`` filter, which is :func:`solieu.escaping.md_escape`. Nothing in Python marks a
string as safe except the two filters below, whose output is escaped by construction.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from solieu.escaping import CONTROL, md_escape, safe_title

ANCHOR = re.compile(r"[a-z][a-z0-9-]*")
# A template marks a stretch of HTML to be kept out of Python-Markdown with these two control
# characters (see :func:`split_fragments`); ``_finalize`` drops them from every value, so a
# report's text can never open or close a fragment.
FRAGMENT_OPEN, FRAGMENT_CLOSE = "\x02", "\x03"
FRAGMENT = re.compile("\x02(.*?)\x03", re.S)


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
    env.globals["frag_open"] = Markup(FRAGMENT_OPEN)
    env.globals["frag_close"] = Markup(FRAGMENT_CLOSE)
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


def split_fragments(markdown: str) -> tuple[str, dict[str, str]]:
    """The page's Markdown with each marked HTML stretch replaced by a placeholder comment,
    and the stretches by key.

    Why: Python-Markdown parses every raw HTML block again (tables of hundreds of rows, a
    report's marked text) only to pass it through unchanged; the ``fragments`` hook puts the
    stretches back into the built page instead. The key holds a hash of the stretch, so a
    page's Markdown changes exactly when one of its stretches does (incremental builds).
    """
    frags: dict[str, str] = {}

    def stash(m: re.Match[str]) -> str:
        html = m.group(1).strip("\n")
        key = f"{len(frags)}-{hashlib.sha1(html.encode('utf-8')).hexdigest()[:12]}"
        frags[key] = html
        return f"\n\n{placeholder(key)}\n\n"

    text = FRAGMENT.sub(stash, markdown)
    if FRAGMENT_OPEN in text or FRAGMENT_CLOSE in text:
        raise ValueError("unbalanced fragment marks in a page template")
    return re.sub(r"\n{3,}", "\n\n", text), frags


def placeholder(key: str) -> str:
    """The comment standing for a fragment in the Markdown (and in the page until the hook)."""
    return f"<!--sl-fragment:{key}-->"
