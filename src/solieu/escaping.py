"""The one place that says how text from the reports is made inert in Markdown and HTML.

HTML: every value that reaches HTML is escaped by Jinja's autoescaping (``markupsafe.escape``);
the code base has no other HTML escaper, and :func:`md_escape` calls that same function first.

Markdown: text placed in a Markdown context (a heading, a table cell, a list item, the GitHub
job summary of ``solieu diff``) goes through :func:`md_escape`. Its output is meant for an
inline position after a block prefix ("# ", "| ", "- "); it holds on one line and means, to
Python-Markdown (with attr_list, md_in_html, tables, admonition, toc) and to GitHub-flavoured
Markdown alike, exactly the characters of the input.

Titles handed to mkdocs (front matter, navigation) go through :func:`safe_title`, because the
theme writes them into HTML without escaping, in places we do not control.
"""

from __future__ import annotations

import re

from markupsafe import escape

# Backslash escapes that both Python-Markdown and CommonMark honour: code spans, emphasis,
# links and images ("[" is enough to break "[x](…)" and "![x](…)"), attr_list braces, headings.
_BACKSLASHED = frozenset("\\`*_{}[]#")
# Characters Python-Markdown cannot backslash-escape: numeric entities work in both dialects.
_ENTITIES = {"|": "&#124;", "~": "&#126;"}
# Block markers that only mean something at the start of a line: list items ("- x", "1. x"),
# thematic breaks ("---"), admonitions ("!!! note"); "-12,5%" or "72.2%" are left alone.
_LEADING_MARKER = re.compile(r"^(?:[-+](?=\s|[-+]*$)|!(?=!!)|\d{1,9}(?=[.)](?:\s|$)))")
# C0 controls (and DEL) are never text; STX/ETX would even collide with Python-Markdown's
# placeholders for stashed raw HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md_escape(text: object) -> str:
    """Report text as Markdown that renders to exactly that text (never markup or HTML).

    Whitespace runs (newlines included) become one space, so the text cannot end the line it
    stands on and start a block of its own; then HTML is escaped (``&``, ``<``, ``>``, quotes),
    then Markdown punctuation. ``[a](javascript:x)`` → ``\\[a\\](javascript:x)``.
    """
    s = str(escape(" ".join(CONTROL.sub("", str(text)).split())))
    s = "".join("\\" + ch if ch in _BACKSLASHED else _ENTITIES.get(ch, ch) for ch in s)
    m = _LEADING_MARKER.match(s)
    if m:  # "- x" → "\- x", "1. x" → "1\. x"
        s = s[: m.end()] + "\\" + s[m.end() :] if m.group(0).isdigit() else "\\" + s
    return s


def safe_title(text: object) -> str:
    """A page title for front matter and the navigation: no markup character survives.

    mkdocs-material writes titles into the page unescaped (and sometimes through ``striptags``,
    which decodes entities), so escaping them would not hold: angle brackets and braces are
    replaced by look-alikes instead, and the title is one line.
    """
    s = CONTROL.sub("", str(text))
    return " ".join(
        s.replace("<", "‹").replace(">", "›").replace("{", "(").replace("}", ")").split()
    )


__all__ = ["CONTROL", "md_escape", "safe_title"]
