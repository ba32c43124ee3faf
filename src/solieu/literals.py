"""The literal words a regex cannot match without: a sound, cheap prefilter for large vocabularies.

Why: the vocabularies (concept names, phrase lists) are hundreds of case-insensitive regexes,
and the `regex` module tries every alternative at every position of a text: a search of all
concept names costs ≈ 5 µs per character. Nearly every name needs some literal word
("thu", "ngân sách", "hồ sơ"); a name whose words are absent from the text cannot match it,
so a substring test (C speed) decides, before any regex runs, which few patterns can match.

Soundness is what matters (a skipped pattern that could have matched would change what the
extractor decides): `required` returns only literals that every match must contain, and
gives up (``None``: no prefilter) on any syntax it does not fully read. Texts and literals are
compared after mapping every character to one representative of the characters the `regex`
module's case-insensitive matching equates with it (`regex` equates more than ``str.casefold``
does: "I" matches the dotless "ı"); that this mapping agrees with what the patterns match is
tested over all of Unicode (``tests/test_literals.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

import regex
from regex import _regex

# the flags of the vocabularies' patterns (`concepts.compile_vi`): simple case folding
CASE_FLAGS = regex.IGNORECASE | regex.VERSION1

# Escapes that match one character of a class (never a literal of ours); any other escape
# (``\x41``, ``\1``, ``\N{…}``) makes `required` give up.
_CLASS_ESCAPES = set("sSdDwWbBhHpP")
_QUANTIFIERS = set("?*+{")
_SPECIAL = _QUANTIFIERS | set("\\[(.^$)|")


class _Unreadable(Exception):
    """Syntax this reader does not follow: no prefilter for the pattern."""


def _skip_class(src: str, i: int) -> int:
    """Index after the character class starting at ``src[i] == "["`` (VERSION1 sets nest).

    A "]" right after the opening is a literal to `regex`, which would end the set later than
    a reader that closes it there: given up."""
    j = i + 1 + src.startswith("^", i + 1)
    if src.startswith("]", j):
        raise _Unreadable("a set opening with ']'")
    return _skip_to(src, j, "]")


def _skip_group(src: str, i: int) -> int:
    """Index after the group starting at ``src[i] == "("``."""
    return _skip_to(src, i + 1, ")")


def _skip_to(src: str, j: int, close: str) -> int:
    """Index after the ``close`` that ends a set or group whose body starts at ``j``: escapes
    and nested sets are skipped whole, and in a group, nested groups."""
    while j < len(src):
        ch = src[j]
        if ch == "\\":
            j += 2
        elif ch == "[":
            j = _skip_class(src, j)
        elif ch == close:
            return j + 1
        elif ch == "(" and close == ")":
            j = _skip_group(src, j)
        else:
            j += 1
    raise _Unreadable(f"no closing {close}")


def _skip_escape(src: str, i: int) -> int:
    """Index after the escape at ``src[i] == "\\"`` (a class escape or escaped punctuation)."""
    if i + 1 >= len(src):
        raise _Unreadable("a trailing backslash")
    ch = src[i + 1]
    if ch in "pP":
        end = src.find("}", i) if src.startswith("{", i + 2) else -1
        if end < 0:
            raise _Unreadable("\\p without braces")
        return end + 1
    if ch in _CLASS_ESCAPES or not ch.isalnum():
        return i + 2
    raise _Unreadable(f"the escape \\{ch}")


def _skip_quantifier(src: str, i: int) -> int:
    """Index after the quantifier at ``src[i]`` (with its lazy or possessive mark)."""
    if src[i] == "{":
        end = src.find("}", i)
        if end < 0:
            raise _Unreadable("an unclosed {")
        i = end + 1
    else:
        i += 1
    if i < len(src) and src[i] in "?+":
        i += 1
    return i


_SKIP = {"\\": _skip_escape, "[": _skip_class, "(": _skip_group}


def _branches(src: str) -> list[str]:
    """The top-level alternatives of a regex source."""
    out, start, i = [], 0, 0
    while i < len(src):
        ch = src[i]
        if ch in _SKIP:
            i = _SKIP[ch](src, i)
        elif ch == "|":
            out.append(src[start:i])
            start = i = i + 1
        else:
            i += 1
    out.append(src[start:])
    return out


def _requirement(branch: str) -> frozenset[str] | None:
    """Literals of which every match of one alternative contains at least one: its longest
    literal run that no quantifier makes optional, or the literals of a group it cannot skip
    (one per alternative of the group), whichever is the most selective; None if neither."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    i = 0

    def flush() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    while i < len(branch):
        ch = branch[i]
        if ch not in _SPECIAL:
            run.append(ch)
            i += 1
            continue
        if ch in _QUANTIFIERS and run:
            run.pop()  # the quantifier makes the run's last character optional
        flush()
        if ch in _QUANTIFIERS:
            i = _skip_quantifier(branch, i)
        elif ch in "\\[":
            i = _SKIP[ch](branch, i)
        elif ch == "(":
            end = _skip_group(branch, i)
            inner = _group_body(branch, i, end)
            if inner is not None and not (end < len(branch) and branch[end] in _QUANTIFIERS):
                keys = _required(inner)
                if keys is not None:
                    options.append(keys)
            i = end
        elif ch in ".^$":
            i += 1
        else:
            raise _Unreadable(f"an unbalanced {ch}")
    flush()
    if not options:
        return None
    return max(options, key=lambda keys: min(len(k) for k in keys))


# The opening of a group that consumes text as its surroundings do: a capture, named or not,
# or a group whose scoped flags leave literals literal ("(?i:…)", "(?-i:…)", "(?s:…)": case
# only narrows what a literal matches, and keys are compared case-insensitively anyway).
_PLAIN_GROUP = regex.compile(r"\((?:\?(?:P?<(?![=!])[A-Za-z_]\w*>|[ims]*(?:-[ims]+)?:))?")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
_SCOPED_FLAGS = regex.compile(r"\(\?[A-Za-z-]*:")


def _group_body(src: str, start: int, end: int) -> str | None:
    """The pattern inside a group that consumes text as its surroundings do, or None for a
    lookaround or a group with other scoped flags ("(?x:…)" changes what a space means):
    skipped. A global inline flag ("(?i)"), which would change how the literals after it
    match, and any other construct ("(?>…)", "(?P=name)", "(?(1)…)") are not followed."""
    m = _PLAIN_GROUP.match(src, start)
    if m and m.end() > start + 1 or not src.startswith("(?", start):
        return src[m.end() : end - 1]
    if src.startswith(_LOOKAROUND, start) or _SCOPED_FLAGS.match(src, start):
        return None
    raise _Unreadable(f"the group {src[start : start + 4]}…")


def _required(src: str) -> frozenset[str] | None:
    out: set[str] = set()
    for branch in _branches(src):
        keys = _requirement(branch)
        if keys is None:
            return None
        out |= keys
    return frozenset(out)


def required(src: str) -> frozenset[str] | None:
    """Literals (as written in ``src``) of which every match of ``src``, case-insensitive,
    contains at least one; None when some alternative needs no literal or the pattern uses
    syntax this reader does not follow."""
    try:
        return _required(src)
    except _Unreadable:
        return None


def required_any(sources: Iterable[str]) -> frozenset[str] | None:
    """`required` of the alternation of ``sources``."""
    out: set[str] = set()
    for src in sources:
        keys = required(src)
        if keys is None:
            return None
        out |= keys
    return frozenset(out)


T = TypeVar("T", bound=Hashable)


def case_table(chars: Iterable[str]) -> dict[int, str]:
    """A `str.translate` table that maps every character case-insensitive matching equates
    with one of ``chars`` (and with one another) to one representative: two texts a literal
    made of ``chars`` matches case-insensitively map to the same string."""
    parent: dict[int, int] = {}

    def root(c: int) -> int:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for ch in set(chars):
        for other in _regex.get_all_cases(CASE_FLAGS, ord(ch)):
            a, b = root(ord(ch)), root(other)
            parent[max(a, b)] = min(a, b)
    return {c: chr(root(c)) for c in parent if root(c) != c}


def unusual_cases(table: dict[int, str], chars: Iterable[str]) -> str:
    """The characters for which ``str.lower`` does not fold as ``table`` does.

    `str.lower` is much faster than a translation, and for nearly every letter it maps all
    the characters matching ignores case between to one same character. A class of ``table``
    in which it does not ("I" → "i" but the dotless "ı" → "ı", "İ" → "i̇"; "Σ", lowered by
    context) has those of its characters that lower otherwise than its representative
    returned here; all of the class when one of ``chars`` (the literals' characters) is
    among them. A text holding none of them may be lowered instead of translated."""
    classes: dict[str, set[str]] = {}
    for c, rep in table.items():
        classes.setdefault(rep, {rep}).add(chr(c))
    chars = set(chars)
    out: set[str] = set()
    for rep, members in classes.items():
        odd = {c for c in members if c.lower() != rep.lower() or len(c.lower()) != 1}
        if "Σ" in members or odd & chars:
            odd = members
        out |= odd
    return "".join(sorted(out))


class _Keys:
    """Literals, each with the items that need it, looked up by their first character."""

    def __init__(self, per_item: list[frozenset[str] | None]):
        self.always = [i for i, keys in enumerate(per_item) if keys is None]
        self.by_first: dict[str, dict[str, list[int]]] = {}
        for i, keys in enumerate(per_item):
            for k in keys or ():
                self.by_first.setdefault(k[0], {}).setdefault(k, []).append(i)

    def items_in(self, folded: str) -> list[int]:
        """Indices of the items one of whose literals ``folded`` holds, or that need none."""
        out = set(self.always)
        for ch in self.by_first.keys() & set(folded):
            for k, items in self.by_first[ch].items():
                if k in folded:
                    out.update(items)
        return sorted(out)


class Prefilter(Generic[T]):
    """Items (patterns) each with the literals one of which a text must contain to match it;
    `candidates` lists, in their order, the items a text may match."""

    def __init__(self, items: Iterable[tuple[T, frozenset[str] | None]]):
        items = [
            (it, None if keys is None else frozenset(k for k in keys if k)) for it, keys in items
        ]
        items = [(it, keys or None) for it, keys in items]  # no literal: no requirement
        chars = {ch for _, keys in items if keys for k in keys for ch in k}
        self.table = case_table(chars)
        unusual = unusual_cases(self.table, chars)
        self._unusual = regex.compile(f"[{regex.escape(unusual)}]") if unusual else None
        self.items = [it for it, _ in items]
        # the literals translated by ``table``, and lowered
        self._translated = _Keys([self._fold(keys, self._translate) for _, keys in items])
        self._lowered = _Keys([self._fold(keys, str.lower) for _, keys in items])

    def _translate(self, s: str) -> str:
        return s.translate(self.table)

    @staticmethod
    def _fold(keys: frozenset[str] | None, how: Callable[[str], str]) -> frozenset[str] | None:
        return None if keys is None else frozenset(how(k) for k in keys)

    def candidates(self, text: str) -> list[T]:
        if self._unusual is not None and self._unusual.search(text):
            found = self._translated.items_in(text.translate(self.table))
        else:
            found = self._lowered.items_in(text.lower())
        return [self.items[i] for i in found]
