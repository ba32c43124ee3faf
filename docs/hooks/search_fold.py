"""mkdocs hook: make search work without Vietnamese diacritics.

Why: lunr (mkdocs-material's search) has no Vietnamese folding, so "thu ngan sach" finds
nothing while "thu ngân sách" works. After the build we append to every search entry a hidden
copy of its title and text words with diacritics removed (NFD, combining marks dropped, đ→d). The
copy sits in a ``<span hidden>``: Material's tokenizer skips tags but indexes the text, and
the result list renders the span hidden, so readers never see it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from solieu.site.fmt import fold

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")


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
        folded = sorted({fold(w) for w in words} - words)
        if folded:
            entry[key] = f"{value} <span hidden>{' '.join(folded)}</span>"
    return entry


def on_post_build(config: Any, **kwargs: Any) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data["docs"] = [fold_entry(e) for e in data.get("docs", [])]
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
