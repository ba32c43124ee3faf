"""mkdocs hook: a Content-Security-Policy ``<meta http-equiv>`` on every page, as a second wall.

Why: every value on the pages is escaped by construction (``solieu.site`` templates); should a
hole ever open anyway, the browser still refuses to run it. The policy allows scripts only from
the site itself plus, by SHA-256 hash, the small inline scripts the theme writes into each page
(their text differs per page: one holds the page's path to the site root). Scripts inside the
page content are never hashed, so nothing that came from a report can be allowed by accident;
inline event handlers (``onerror=…``) and ``javascript:`` URLs are refused because the policy
has no 'unsafe-inline' (and no 'unsafe-hashes') for scripts. Charts need no 'unsafe-eval':
``site.js`` asks vega-embed for its expression interpreter (``ast: true``).

Styles: only stylesheets from the site ('self'); vega-embed and vega-tooltip are told not to
inject their default style elements and their rules live in ``site.css``. Inline style
*attributes* are not needed either (scripts set styles through the CSSOM, which CSP allows).
Images may be ``data:`` URIs: the theme's stylesheet draws its icons with them (an image
cannot run script). A ``<meta>`` policy cannot set ``frame-ancestors`` or reporting; a host
that can send headers should send the same policy as a header and add those.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from solieu.site import csp as site_csp

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


ANCHOR = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the executable inline scripts of ``html`` (sorted, unique)."""
    out = set()
    for m in SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        t = TYPE.search(attrs)
        if SRC.search(attrs) or (t and t.group(1).lower() not in JS_TYPES):
            continue  # a file (covered by 'self') or data such as application/json
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        out.add(f"'sha256-{digest}'")
    return sorted(out)


def policy(theme_html: str) -> str:
    """The policy for a page whose theme-written part (content removed) is ``theme_html``."""
    return site_csp.policy(inline_script_hashes(theme_html))


def add_policy(output: str, content: str = "") -> str:
    """``output`` with the CSP meta right after ``<meta charset>`` (before any script runs)."""
    if content and content not in output:
        raise ValueError("CSP hook: the page content is not in the page as rendered")
    theme_html = output.replace(content, "") if content else output
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_html)}">'
    m = ANCHOR.search(output)
    if m is None:
        m = re.search(r"<head[^>]*>", output, re.I)
    if m is None:
        raise ValueError("CSP hook: the page has no <head>")
    return output[: m.end()] + "\n    " + meta + output[m.end() :]


def on_post_page(output: str, page: Any, **kwargs: Any) -> str:
    return add_policy(output, page.content or "")


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    """Theme pages that are not Markdown pages (404.html) get the policy too."""
    if template_name.endswith(".html"):
        return add_policy(output_content)
    return output_content
