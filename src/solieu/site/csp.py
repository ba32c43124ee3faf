"""The site's Content-Security-Policy, in one place: the mkdocs hook (``docs/hooks/csp.py``)
adds it to every page with the hashes of the theme's inline scripts; pages the site writes
itself (the embeddable charts) carry it without any inline script at all.

Why these directives: see ``docs/hooks/csp.py``.
"""

from __future__ import annotations

POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def policy(hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The policy allowing scripts from the site and the inline scripts of these hashes."""
    return "; ".join(POLICY).format(hashes=" ".join(hashes)).replace(" ;", ";")
