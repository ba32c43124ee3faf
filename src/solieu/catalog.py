"""The source catalogue (`sources/catalog.yaml`): which reports exist and what they are.

Catalogue metadata wins over what is detected from a report's text (the maintainer has read
the signed PDF); problems in an entry are reported per entry so the other reports still build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import regex as re
import yaml

from solieu.errors import InputError
from solieu.model import DocumentMeta
from solieu.periods import parse_period

KINDS = {
    "monthly_report",
    "quarterly_report",
    "half_year_report",
    "annual_report",
    "work_programme",
    "statistical_release",
}
REQUIRED = ("id", "file", "unit_id", "period", "kind")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_catalog(
    catalog_path: Path,
    known_units: set[str] | None = None,
    today: dt.date | None = None,
) -> tuple[list[DocumentMeta], list[InputError]]:
    """Read and validate the catalogue; return the usable entries and one error per bad entry."""
    errors: list[InputError] = []
    try:
        raw = yaml.safe_load(catalog_path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return [], [
            InputError(
                catalog_path,
                "the catalogue file is missing",
                hint="create sources/catalog.yaml or run `solieu add FILE`",
            )
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        return [], [
            InputError(
                catalog_path,
                f"not valid YAML: {getattr(exc, 'problem', exc)}",
                where=where,
                hint="fix the indentation or quoting there",
            )
        ]
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return [], [
            InputError(
                catalog_path,
                "no `documents:` list found",
                hint="the file must start with `documents:` then one `- id:` per report",
            )
        ]

    metas: list[DocumentMeta] = []
    seen: dict[str, int] = {}
    hashes: dict[str, str] = {}
    by_key: dict[tuple[str, str, str], str] = {}
    for i, entry in enumerate(entries, start=1):
        where = f"entry {i}"
        if not isinstance(entry, dict):
            errors.append(InputError(catalog_path, "entry is not a mapping", where=where))
            continue
        where = f"entry {i} ({entry.get('id', '?')})"
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            errors.append(
                InputError(
                    catalog_path,
                    f"missing field(s): {', '.join(missing)}",
                    where=where,
                    hint="every entry needs " + ", ".join(REQUIRED),
                )
            )
            continue
        doc_id = str(entry["id"])
        if doc_id in seen:
            errors.append(
                InputError(
                    catalog_path,
                    f"duplicate id {doc_id!r} (also entry {seen[doc_id]})",
                    where=where,
                    hint="give each report its own id",
                )
            )
            continue
        seen[doc_id] = i
        if not ID_PATTERN.fullmatch(doc_id):
            errors.append(
                InputError(
                    catalog_path,
                    f"{doc_id!r} is not a valid id",
                    where=f"{where}, field id",
                    hint="ids become web addresses: lower-case letters, digits "
                    "and hyphens, e.g. phuong-tam-thanh-2025-10-bao-cao",
                )
            )
            continue
        file_path = catalog_path.parent / str(entry["file"])
        if not _inside(file_path, catalog_path.parent):
            errors.append(
                InputError(
                    catalog_path,
                    f"file {entry['file']!r} is outside sources/",
                    where=f"{where}, field file",
                    hint="copy the report into sources/ and give its name only",
                )
            )
            continue
        if not file_path.exists():
            errors.append(
                InputError(
                    catalog_path,
                    f"file {entry['file']!r} does not exist in sources/",
                    where=f"{where}, field file",
                    hint="copy the report there or fix the file name",
                )
            )
            continue
        period = str(entry["period"])
        try:
            p = parse_period(period)
        except ValueError as exc:
            errors.append(
                InputError(
                    catalog_path,
                    str(exc),
                    where=f"{where}, field period",
                    hint="use YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
                )
            )
            continue
        if p.start > (today or dt.date.today()):
            errors.append(
                InputError(
                    catalog_path,
                    f"period {period} lies in the future",
                    where=f"{where}, field period",
                    hint="check the year",
                )
            )
            continue
        if entry["kind"] not in KINDS:
            errors.append(
                InputError(
                    catalog_path,
                    f"unknown kind {entry['kind']!r}",
                    where=f"{where}, field kind",
                    hint="one of " + ", ".join(sorted(KINDS)),
                )
            )
            continue
        if known_units is not None and entry["unit_id"] not in known_units:
            errors.append(
                InputError(
                    catalog_path,
                    f"unknown unit {entry['unit_id']!r}",
                    where=f"{where}, field unit_id",
                    hint="use an id from the units resource (src/solieu/data/units.yaml)",
                )
            )
            continue
        signed_error = _check_signed(entry.get("signed"), today or dt.date.today())
        if signed_error:
            errors.append(
                InputError(
                    catalog_path,
                    signed_error,
                    where=f"{where}, field signed",
                    hint="write the signing date as YYYY-MM-DD, or leave it out",
                )
            )
            continue
        meta = _meta(doc_id, entry, file_path)
        if meta.sha256 in hashes:
            errors.append(
                InputError(
                    catalog_path,
                    f"same content as {hashes[meta.sha256]} (file {entry['file']!r})",
                    where=where,
                    hint="the report is already catalogued; remove this entry",
                )
            )
            continue
        hashes[meta.sha256 or ""] = f"entry {i} ({doc_id})"
        errors.extend(_entry_warnings(catalog_path, where, entry, by_key, doc_id))
        metas.append(meta)
    return metas, errors


ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
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


def _inside(path: Path, folder: Path) -> bool:
    """Catalogue files must live in sources/ (no absolute paths, no `..`)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _check_signed(value: Any, today: dt.date) -> str | None:
    """The signing date is an ISO date not in the future (YAML may already give a date)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            return f"signed {value!r} is not an ISO date (YYYY-MM-DD)"
    if value > today:
        return f"signed {value.isoformat()} lies in the future"
    return None


def _entry_warnings(
    catalog_path: Path,
    where: str,
    entry: dict[str, Any],
    by_key: dict[tuple[str, str, str], str],
    doc_id: str,
) -> list[InputError]:
    """Not errors, but worth a look: typos in field names, two reports for one unit-period."""
    out = []
    unknown = sorted(set(entry) - FIELDS)
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


def _meta(doc_id: str, entry: dict[str, Any], file_path: Path) -> DocumentMeta:
    signed = entry.get("signed")
    return DocumentMeta(
        document_id=doc_id,
        file=str(entry["file"]),
        unit_id=str(entry["unit_id"]),
        period=str(entry["period"]),
        kind=str(entry["kind"]),
        title=entry.get("title"),
        issuer=entry.get("issuer"),
        signed=str(signed) if signed else None,
        licence=entry.get("licence"),
        url=entry.get("url"),
        sha256=sha256_file(file_path),
    )
