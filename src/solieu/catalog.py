"""The source catalogue (`sources/catalog.yaml`): which reports exist and what they are.

Catalogue metadata wins over what is detected from a report's text (the maintainer has read
the signed PDF); problems in an entry are reported per entry so the other reports still build.

The catalogue is edited by hand, so it is read defensively. The YAML loader keeps the line of
every entry and field (messages name them), refuses a key given twice instead of keeping the
last value silently, never expands an alias (a chain of anchors, "billion laughs", would grow
without bound), and leaves dates as text so that an impossible date is one entry's problem
rather than the whole file's. Each entry is then validated by a pydantic model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import regex as re
import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from solieu.errors import InputError
from solieu.model import DocumentMeta
from solieu.periods import EARLIEST, parse_period, period_problem

KINDS = {
    "monthly_report",
    "quarterly_report",
    "half_year_report",
    "annual_report",
    "work_programme",
    "statistical_release",
}
REQUIRED = ("id", "file", "unit_id", "period", "kind")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 120
FIELDS = {
    "id",
    "file",
    "unit_id",
    "period",
    "kind",
    "title",
    "issuer",
    "signed",
    "licence",
    "origin",
    "url",
    "original",
    "note",
}
# What to do about a bad value, by field (shown after the problem).
HINTS = {
    "id": "ids become web addresses: lower-case letters, digits and hyphens, e.g. "
    "phuong-tam-thanh-2025-10-bao-cao",
    "file": "give the name of the report's text (.txt), PDF or DOCX inside sources/",
    "unit_id": "use an id from datapackage/units.csv (every unit of Việt Nam before and "
    "after 2025), or `solieu add FILE --unit ID`",
    "period": "use YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
    "kind": "one of " + ", ".join(sorted(KINDS)),
    "signed": "write the signing date as YYYY-MM-DD, or leave it out",
}
# C0 and C1 control characters other than tab and newline: invisible, and refused by the XLSX
# writer. YAML lets them in through escapes in double-quoted strings ("\e[31m").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# --------------------------------------------------------------------------- the YAML loader


class _Mapping(dict):
    """A YAML mapping that remembers where it stands and which keys were given twice."""

    line: int = 0
    end_line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int, int]] = []  # key, first line, repeated line


class _Sequence(list):
    """A YAML sequence that remembers the line of each item."""

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []


class CatalogLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader, hardened for a hand-edited file (see the module docstring)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases: list[tuple[str, int]] = []  # (anchor name, line) of each alias used

    def compose_node(self, parent: Any, index: Any) -> Any:
        """An alias becomes a plain marker string, recorded: the anchored value is never
        shared, so nothing downstream can expand it (refused before any expansion)."""
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.aliases.append((str(event.anchor), event.start_mark.line + 1))
            return yaml.ScalarNode(
                "tag:yaml.org,2002:str", f"*{event.anchor}", event.start_mark, event.end_mark
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: CatalogLoader, node: yaml.MappingNode) -> _Mapping:
    out = _Mapping()
    out.line, out.end_line = node.start_mark.line + 1, node.end_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key is a list or a mapping", key_node.start_mark
            ) from None
        line = key_node.start_mark.line + 1
        if key in out:
            out.duplicates.append((key, out.key_lines[key], line))
            continue
        out.key_lines[key] = line
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def _construct_sequence(loader: CatalogLoader, node: yaml.SequenceNode) -> _Sequence:
    out = _Sequence()
    for item in node.value:
        out.append(loader.construct_object(item, deep=True))
        out.item_lines.append(item.start_mark.line + 1)
    return out


def _construct_timestamp(loader: CatalogLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


class FastCatalogLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same constructors on libyaml's parser (ten times faster at thousands of entries).

    Used only for text with no ``&`` or ``*`` at all, so with no anchor or alias for the
    hardened composer of `CatalogLoader` to refuse; anything else, and every error message,
    comes from `CatalogLoader`.
    """

    aliases: list[tuple[str, int]] = []


for _loader in (CatalogLoader, FastCatalogLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass
class ParsedCatalog:
    """The catalogue as YAML gave it, with the aliases it used (never expanded)."""

    data: Any
    aliases: list[tuple[str, int]] = field(default_factory=list)


def parse_catalog(text: str) -> ParsedCatalog:
    """Parse catalogue text with :class:`CatalogLoader`; raise yaml.YAMLError when not YAML."""
    if "&" not in text and "*" not in text:
        fast = FastCatalogLoader(text)
        try:
            return ParsedCatalog(fast.get_single_data(), [])
        except yaml.YAMLError:
            pass  # the message, with its line, from the loader below
        finally:
            fast.dispose()
    loader = CatalogLoader(text)
    try:
        return ParsedCatalog(loader.get_single_data(), loader.aliases)
    finally:
        loader.dispose()


def read_catalog_text(catalog_path: Path) -> str:
    """The catalogue's text; InputError when missing, too big or not UTF-8."""
    from solieu.readers import limit

    try:
        size = catalog_path.stat().st_size
        if size > limit("max_catalog_mb") * 1_000_000:
            raise InputError(
                catalog_path,
                f"the catalogue is {size / 1e6:,.1f} MB (limit {limit('max_catalog_mb')} MB)",
                hint="a catalogue of thousands of reports is under 2 MB; check the file, or "
                "raise limits.max_catalog_mb in src/solieu/data/readers.yaml",
            )
        data = catalog_path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            catalog_path,
            "the catalogue file is missing",
            hint="create sources/catalog.yaml or run `solieu add FILE`",
        ) from None
    except IsADirectoryError:
        raise InputError(
            catalog_path, "is a folder, not the catalogue file", hint="remove or rename it"
        ) from None
    except OSError as exc:
        raise InputError(
            catalog_path, f"cannot be read: {exc.strerror}", hint="check its permissions"
        ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            catalog_path,
            f"the catalogue is not UTF-8 (byte 0x{data[exc.start]:02X})",
            where=f"line {line}",
            hint="save it again as UTF-8 in your editor",
        ) from exc


def _yaml_error(catalog_path: Path, exc: yaml.YAMLError) -> InputError:
    mark = getattr(exc, "problem_mark", None)
    return InputError(
        catalog_path,
        f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
        where=f"line {mark.line + 1}" if mark is not None else None,
        hint="fix the indentation or quoting there",
    )


# --------------------------------------------------------------------------- one entry


def _text(value: Any) -> Any:
    """One line of text. Numbers are accepted as text (YAML reads `period: 2025` as a number);
    lists, mappings, booleans and control characters are not."""
    if isinstance(value, bool) or value is None:
        raise _error(f"must be a text value, not {_shown(value)}")
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        kind = (
            "a list"
            if isinstance(value, list)
            else "a mapping"
            if isinstance(value, dict)
            else type(value).__name__
        )
        raise _error(f"must be a text value, not {kind} ({_shown(value)})")
    m = _CONTROL.search(value)
    if m:
        raise _error(
            f"contains a control character (U+{ord(m.group()):04X}), invisible and refused by "
            "spreadsheets; remove it",
        )
    return value


def _shown(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _error(message: str, hint: str | None = None) -> PydanticCustomError:
    # The message travels in the context: a value with "{" in it must not be formatted.
    return PydanticCustomError("catalog", "{message}", {"message": message, "hint": hint})


def _optional_text(value: Any) -> Any:
    return None if value is None else _text(value)


Text = Annotated[str, BeforeValidator(_text)]
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]


class Entry(BaseModel):
    """One catalogue entry, validated field by field (context: folder, catalog, units, today)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Text
    file: Text
    unit_id: Text
    period: Text
    kind: Text
    signed: dt.date | None = None
    title: OptionalText = None
    issuer: OptionalText = None
    licence: OptionalText = None
    origin: OptionalText = None
    url: OptionalText = None
    original: OptionalText = None
    note: OptionalText = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if len(value) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(value):
            raise _error(f"{_shown(value)} is not a valid id")
        return value

    @field_validator("period")
    @classmethod
    def _period(cls, value: str, info: ValidationInfo) -> str:
        try:
            p = parse_period(value)
        except ValueError as exc:
            raise _error(str(exc)) from None
        problem = period_problem(p, _ctx(info)["today"])
        if problem:
            raise _error(problem, "check the year; a typo there is common")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in KINDS:
            raise _error(f"unknown kind {_shown(value)}")
        return value

    @field_validator("unit_id")
    @classmethod
    def _unit(cls, value: str, info: ValidationInfo) -> str:
        units = _ctx(info).get("units")
        if units is not None and value not in units:
            raise _error(f"unknown unit {_shown(value)}")
        return value

    @field_validator("file")
    @classmethod
    def _file(cls, value: str, info: ValidationInfo) -> str:
        ctx = _ctx(info)
        problem = file_problem(value, ctx["catalog"])
        if problem:
            raise _error(problem)
        return value

    @field_validator("signed", mode="before")
    @classmethod
    def _signed(cls, value: Any, info: ValidationInfo) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            text = _text(value)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise _error(f"signed {_shown(text)} is not an ISO date (YYYY-MM-DD)")
            try:
                value = dt.date.fromisoformat(text)
            except ValueError as exc:
                raise _error(f"signed {text} is not a date ({exc})") from None
        today = _ctx(info)["today"]
        if value > today:
            raise _error(f"signed {value.isoformat()} lies in the future")
        if value < EARLIEST:
            raise _error(f"signed {value.isoformat()} is before {EARLIEST.year}")
        return value


def _ctx(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {"today": dt.date.today()}


def file_problem(name: str, catalog_path: Path) -> str | None:
    """Why `name` (an entry's `file`) is not a report file in sources/, or None.

    Checked here so that the message names the catalogue line: the catalogue itself, a
    folder (`file: .`), a YAML or CSV file, an image renamed .txt, a file over the size limit.
    """
    try:
        return _file_problem(name, catalog_path)
    except OSError as exc:  # a name too long, a loop of links, no permission
        return f"file {_shown(name)} cannot be checked ({exc.strerror or exc})"


def _file_problem(name: str, catalog_path: Path) -> str | None:
    from solieu.readers import DOCX_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES, limit, not_a_report

    folder = catalog_path.parent
    path = folder / name
    if not _inside(path, folder):
        return f"file {_shown(name)} is outside sources/"
    resolved = path.resolve()
    if resolved == catalog_path.resolve():
        return f"file {_shown(name)} is the catalogue itself, not a report"
    if not path.exists():
        return f"file {_shown(name)} does not exist in sources/"
    if path.is_dir():
        return f"file {_shown(name)} is a folder, not a report file"
    if not path.is_file():
        return f"file {_shown(name)} is not a regular file"
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES:
        return f"file {_shown(name)} is not a report ({suffix} file)"
    size = path.stat().st_size
    if size == 0:
        return f"file {_shown(name)} is empty (0 bytes)"
    if size > limit("max_file_mb") * 1_000_000:
        return (
            f"file {_shown(name)} is {size / 1e6:,.1f} MB, over the limit of "
            f"{limit('max_file_mb')} MB (limits.max_file_mb in src/solieu/data/readers.yaml)"
        )
    with path.open("rb") as fh:
        what = not_a_report(fh.read(64))
    if what:
        return f"file {_shown(name)} is {what}"
    return None


def _inside(path: Path, folder: Path) -> bool:
    """Catalogue files must live in sources/ (no absolute paths, no `..`)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


# --------------------------------------------------------------------------- the catalogue


def load_catalog(
    catalog_path: Path,
    known_units: set[str] | None = None,
    today: dt.date | None = None,
) -> tuple[list[DocumentMeta], list[InputError]]:
    """Read and validate the catalogue; return the usable entries and one error per bad entry."""
    try:
        text = read_catalog_text(catalog_path)
    except InputError as exc:
        return [], [exc]
    try:
        parsed = parse_catalog(text)
    except yaml.YAMLError as exc:
        return [], [_yaml_error(catalog_path, exc)]
    raw = parsed.data
    problem = _file_level_problem(catalog_path, raw, parsed.aliases)
    if problem:
        return [], [problem]
    entries: _Sequence = raw["documents"]
    context = {"today": today or dt.date.today(), "units": known_units, "catalog": catalog_path}
    metas: list[DocumentMeta] = []
    errors: list[InputError] = []
    seen: dict[str, int] = {}
    hashes: dict[str, str] = {}
    by_key: dict[tuple[str, str, str], str] = {}
    for i, (entry, line) in enumerate(zip(entries, entries.item_lines, strict=True), start=1):
        error = _entry_error(catalog_path, i, line, entry, parsed.aliases, seen)
        if error is None:
            meta, error = _validated(catalog_path, i, entry, context, hashes)
        if error is not None:
            errors.append(error)
            continue
        where = _where(i, entry)
        errors.extend(_entry_warnings(catalog_path, where, entry, by_key, meta.document_id))
        errors.extend(_unit_warnings(catalog_path, where, entry, meta, known_units))
        metas.append(meta)
    return metas, errors


def _file_level_problem(
    catalog_path: Path, raw: Any, aliases: list[tuple[str, int]]
) -> InputError | None:
    """Problems that leave no entry usable: no `documents:` list, a top-level key twice, an
    alias outside any entry."""
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return InputError(
            catalog_path,
            "no `documents:` list found",
            hint="the file must start with `documents:` then one `- id:` per report",
        )
    if isinstance(raw, _Mapping) and raw.duplicates:
        key, first, again = raw.duplicates[0]
        return InputError(
            catalog_path,
            f"the top-level key {_shown(key)} is given twice (lines {first} and {again})",
            where=f"line {again}",
            hint="merge the two into one `documents:` list",
        )
    inside = [(e.line, e.end_line) for e in entries if isinstance(e, _Mapping)]
    for anchor, line in aliases:
        if not any(a <= line <= b for a, b in inside):
            return InputError(
                catalog_path,
                f"the YAML alias *{anchor} is not allowed (aliases can expand without bound)",
                where=f"line {line}",
                hint="write the value out in full instead of & anchors and * aliases",
            )
    return None


def _where(i: int, entry: Any, line: int | None = None, field: str | None = None) -> str:
    doc_id = entry.get("id") if isinstance(entry, dict) else None
    shown = doc_id if isinstance(doc_id, str | int) and not isinstance(doc_id, bool) else "?"
    shown = _CONTROL.sub("?", str(shown))[:MAX_ID_LENGTH]
    out = f"entry {i} ({shown})"
    if line:
        out += f", line {line}"
    if field:
        out += f", field {field}"
    return out


def _entry_error(
    catalog_path: Path,
    i: int,
    line: int,
    entry: Any,
    aliases: list[tuple[str, int]],
    seen: dict[str, int],
) -> InputError | None:
    """The structural problems of an entry: not a mapping, a key twice, an alias, a missing
    field, an id used before."""
    if not isinstance(entry, _Mapping):
        return InputError(
            catalog_path,
            f"entry is not a mapping but {_shown(entry)}",
            where=f"entry {i}, line {line}",
            hint="each entry is `- id: …` followed by its fields, indented alike",
        )
    if entry.duplicates:
        key, first, again = entry.duplicates[0]
        return InputError(
            catalog_path,
            f"field {_shown(key)} is given twice (lines {first} and {again})",
            where=_where(i, entry, again, str(key)),
            hint="keep one of the two; YAML would silently keep the last",
        )
    used = [(a, ln) for a, ln in aliases if entry.line <= ln <= entry.end_line]
    if used:
        anchor, at = used[0]
        fields = [k for k, kl in entry.key_lines.items() if kl <= at]
        return InputError(
            catalog_path,
            f"the YAML alias *{anchor} is not allowed (aliases can expand without bound)",
            where=_where(i, entry, at, str(fields[-1]) if fields else None),
            hint="write the value out in full instead of & anchors and * aliases",
        )
    missing = [k for k in REQUIRED if entry.get(k) in (None, "")]
    if missing:
        return InputError(
            catalog_path,
            f"missing field(s): {', '.join(missing)}",
            where=_where(i, entry, entry.line),
            hint="every entry needs " + ", ".join(REQUIRED),
        )
    doc_id = entry["id"]
    if isinstance(doc_id, str | int) and not isinstance(doc_id, bool):
        if str(doc_id) in seen:
            return InputError(
                catalog_path,
                f"duplicate id {str(doc_id)!r} (also entry {seen[str(doc_id)]})",
                where=_where(i, entry, entry.key_lines.get("id")),
                hint="give each report its own id",
            )
        seen[str(doc_id)] = i
    return None


def _validated(
    catalog_path: Path,
    i: int,
    entry: _Mapping,
    context: dict[str, Any],
    hashes: dict[str, str],
) -> tuple[DocumentMeta, None] | tuple[None, InputError]:
    """The entry through the pydantic model: one message for all its bad fields."""
    try:
        model = Entry.model_validate({str(k): v for k, v in entry.items()}, context=context)
    except ValidationError as exc:
        problems = list(_field_problems(exc, entry))
        field_name, line, message, hint = problems[0]
        more = "".join(f"; also field {f} (line {ln}): {m}" for f, ln, m, _ in problems[1:])
        return None, InputError(
            catalog_path,
            message + more,
            where=_where(i, entry, line, field_name),
            hint=hint or HINTS.get(field_name, "write it as plain text"),
        )
    meta = _meta(model, catalog_path.parent / model.file)
    digest = meta.sha256 or ""
    if digest in hashes:
        return None, InputError(
            catalog_path,
            f"same content as {hashes[digest]} (file {model.file!r})",
            where=_where(i, entry, entry.key_lines.get("file")),
            hint="the report is already catalogued; remove this entry",
        )
    hashes[digest] = f"entry {i} ({model.id})"
    return meta, None


def _field_problems(
    exc: ValidationError, entry: _Mapping
) -> Iterator[tuple[str, int, str, str | None]]:
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else "?"
        ctx = err.get("ctx") or {}
        message = ctx.get("message") or f"{err['msg']} (got {_shown(err.get('input'))})"
        yield name, entry.key_lines.get(name, entry.line), str(message), ctx.get("hint")


def _entry_warnings(
    catalog_path: Path,
    where: str,
    entry: dict[str, Any],
    by_key: dict[tuple[str, str, str], str],
    doc_id: str,
) -> list[InputError]:
    """Not errors, but worth a look: typos in field names, two reports for one unit-period."""
    out = []
    unknown = sorted(str(k) for k in set(entry) - FIELDS)
    if unknown:
        out.append(
            InputError(
                catalog_path,
                f"unknown field(s) {', '.join(unknown)} (ignored)",
                where=where,
                severity="warning",
                hint="known fields: " + ", ".join(sorted(FIELDS)),
            )
        )
    original = entry.get("original")
    if original and not (catalog_path.parent / str(original)).is_file():
        out.append(
            InputError(
                catalog_path,
                f"original {original!r} is not in sources/",
                where=f"{where}, field original",
                severity="warning",
                hint="keep the signed PDF/DOCX beside its extracted text, or remove the field",
            )
        )
    key = (str(entry["unit_id"]), str(entry["period"]), str(entry["kind"]))
    if key in by_key:
        out.append(
            InputError(
                catalog_path,
                f"a second {key[2]} for {key[0]} {key[1]} (also {by_key[key]})",
                where=where,
                severity="warning",
                hint="both are published; where their values differ they are "
                "flagged, so check which report is the newer one",
            )
        )
    else:
        by_key[key] = doc_id
    return out


def _unit_warnings(
    catalog_path: Path,
    where: str,
    entry: _Mapping,
    meta: DocumentMeta,
    known_units: set[str] | None,
) -> list[InputError]:
    """A report dated before its unit existed, or after it ceased: published, but flagged."""
    if known_units is None or meta.unit_id is None or meta.period is None:
        return []
    from solieu.metadata import unit_existence_problem
    from solieu.units import load_units

    unit = load_units().get(meta.unit_id)
    problem = unit and unit_existence_problem(unit, meta.period, meta.signed)
    if not problem:
        return []
    return [
        InputError(
            catalog_path,
            problem,
            where=f"{where}, line {entry.key_lines.get('unit_id', entry.line)}, field unit_id",
            severity="warning",
            hint="check the unit and the period against the report's header",
        )
    ]


def _meta(model: Entry, file_path: Path) -> DocumentMeta:
    return DocumentMeta(
        document_id=model.id,
        file=model.file,
        unit_id=model.unit_id,
        period=model.period,
        kind=model.kind,
        title=model.title,
        issuer=model.issuer,
        signed=model.signed.isoformat() if model.signed else None,
        licence=model.licence,
        url=model.url,
        sha256=sha256_file(file_path),
        original=model.original,
    )
