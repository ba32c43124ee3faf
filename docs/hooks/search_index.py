"""mkdocs hook: the site's search index, written from the generator's records.

Why not the theme's search plugin: it parses every page again and indexes every table cell
(112 MB of index at 1,000 reports, fetched by every page). ``solieu.site`` writes one record
per page instead (``build/site-search.json``: title, a short text, key terms — unit, period,
indicator names — and a boost that ranks pages with data above pages without); every page
is excluded from the plugin (``search: exclude``) and this hook writes Material's
``search/search_index.json`` from the records after the plugin.

Diacritics: lunr (Material's search) does not fold them, so "thu ngan sach" would find
nothing. Each record carries, hidden, the diacritic-free forms of its words (NFD, combining
marks dropped, đ→d); Material's tokenizer skips the tags but indexes the words, and the result
list renders the span hidden.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from solieu.vi_format import fold

# a word is folded once per build, not once per page it is on (thousands of pages, few words)
fold_word = functools.lru_cache(maxsize=1 << 16)(fold)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")
RECORDS = "site-search.json"
# Title words weigh a little more than key terms; the page boost (data or not) does the rest.
CONFIG = {
    "lang": ["vi"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 2.0}, "text": {"boost": 1.0}},
}


def fold_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Add hidden diacritic-free copies of the words of title and text that have diacritics.

    Only the distinct folded words that differ from the original are appended (sorted, for
    reproducible output): lunr matches words, not phrases, so this finds the same pages as a
    full folded copy at a fraction of the index size.
    """
    for key in ("title", "text"):
        value = entry.get(key)
        if not isinstance(value, str) or not value:
            continue
        words = set(WORD.findall(TAG.sub(" ", value)))
        folded = sorted({fold_word(w) for w in words} - words)
        if folded:
            entry[key] = f"{value} <span hidden>{' '.join(folded)}</span>"
    return entry


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def entry(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a Material search entry: the short text shown, the key terms hidden (each
    distinct word once), both folded."""
    seen: set[str] = set(WORD.findall(record["title"].lower()))
    seen |= set(WORD.findall(record["text"].lower()))
    terms = []
    for w in WORD.findall(" ".join(record.get("terms", []))):
        if w.lower() not in seen:
            seen.add(w.lower())
            terms.append(w)
    text = _escape(record["text"])
    if terms:
        text += f" <span hidden>{_escape(' '.join(terms))}</span>"
    out = {"location": record["location"], "title": _escape(record["title"]), "text": text}
    if record.get("boost") not in (None, 1, 1.0):
        out["boost"] = record["boost"]
    return fold_entry(out)


def search_index(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"config": CONFIG, "docs": [entry(r) for r in records]}


def on_post_build(config: Any, **kwargs: Any) -> None:
    src = Path(config["docs_dir"]).parent / RECORDS
    if not src.exists():
        return
    records = json.loads(src.read_text(encoding="utf-8"))
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(search_index(records), ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
