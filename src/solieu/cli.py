"""The `solieu` command: extract one report, build everything, preview, add reports, diff data.

Thin on purpose: each command parses its arguments and calls one stage or pipeline function.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from solieu.errors import InputError
from solieu.model import DocumentMeta, to_jsonable
from solieu.paths import Paths

app = typer.Typer(
    help="solieu — số liệu from Vietnamese local-government reports.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)


def _report_errors(errors: list[InputError]) -> None:
    for e in errors:
        style = "red" if e.severity == "error" else "yellow"
        err.print(f"[{style}]{e.severity}[/{style}]: {e}", highlight=False, soft_wrap=True)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="a report: .txt, .pdf or .docx")],
    unit: Annotated[str | None, typer.Option(help="unit id, e.g. phuong-tam-thanh")] = None,
    period: Annotated[str | None, typer.Option(help="YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")] = None,
    kind: Annotated[str | None, typer.Option(help="monthly_report, half_year_report, ...")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json (one object) or jsonl")] = "json",
) -> None:
    """Figures and indicator observations of one report, as JSON on stdout."""
    from solieu.catalog import sha256_file
    from solieu.periods import parse_period
    from solieu.pipeline import process_text
    from solieu.readers import read_report

    try:
        if period:
            parse_period(period)
        raw = read_report(file)
    except (InputError, ValueError) as exc:
        err.print(f"[red]error[/red]: {exc if isinstance(exc, InputError) else f'{file}: {exc}'}")
        raise typer.Exit(2) from exc
    meta = DocumentMeta(
        document_id=file.stem,
        file=str(file),
        unit_id=unit,
        period=period,
        kind=kind,
        sha256=sha256_file(file),
    )
    if unit:
        from solieu.units import load_units

        if unit not in load_units():
            err.print(
                f"[yellow]warning[/yellow]: unit {unit!r} is not a known unit id; extracting "
                "anyway, its observations carry it as given"
            )
    result = process_text(raw, meta)
    if not result.meta.unit_id or not result.meta.period:
        err.print(
            f"[yellow]warning[/yellow]: {file}: could not tell the unit or period from the "
            "text; pass --unit and --period. Observations need them."
        )
    out = {
        "document": {
            **dataclasses.asdict(result.meta),
            "n_figures": len(result.figures),
            "n_observations": len(result.observations),
        },
        "figures": to_jsonable(result.figures),
        "observations": to_jsonable(result.observations),
        "checks": to_jsonable(result.checks),
    }
    if fmt == "jsonl":
        for key in ("figures", "observations", "checks"):
            for row in out[key]:
                sys.stdout.write(json.dumps({"type": key[:-1], **row}, ensure_ascii=False) + "\n")
        return
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")


@app.command()
def build(
    site: Annotated[bool, typer.Option(help="also build the static site")] = True,
) -> None:
    """Run every stage on sources/catalog.yaml: data package, then the site."""
    from solieu.pipeline import build as run_build

    paths = Paths()
    result = run_build(paths, site=site)
    _report_errors(result.errors)
    n_fig = sum(len(r.figures) for r in result.reports)
    n_obs = sum(len(r.observations) for r in result.reports)
    n_err = sum(e.severity == "error" for e in result.errors)
    n_warn = len(result.errors) - n_err
    err.print(
        f"built {len(result.reports)} report(s): {n_fig} figures, {n_obs} observations; "
        f"{n_err} error(s), {n_warn} warning(s)"
    )
    if result.failed:
        raise typer.Exit(1)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1")] = 8000,
    rebuild: Annotated[bool, typer.Option(help="build first")] = False,
) -> None:
    """Preview the built site at http://127.0.0.1:PORT/ (offline, as GitHub Pages serves it)."""
    paths = Paths()
    if rebuild or not (paths.site / "index.html").exists():
        build(site=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(paths.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        err.print(f"serving {paths.site} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="report files: .pdf, .docx or .txt")],
    dry_run: Annotated[bool, typer.Option(help="show what would be added, change nothing")] = False,
) -> None:
    """Add new reports to sources/ and sources/catalog.yaml (the monthly routine)."""
    from solieu.add import add_files

    raise typer.Exit(add_files(files, Paths(), dry_run=dry_run))


@app.command()
def diff(
    against: Annotated[
        str, typer.Argument(help="a git ref (e.g. origin/main) or a directory")
    ] = "HEAD",
) -> None:
    """What changes in the published numbers compared with another version (Markdown)."""
    from solieu.diff import run_diff

    try:
        out = run_diff(against, Paths())
    except ValueError as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    sys.stdout.write(out + "\n")


@app.command("eval")
def evaluate() -> None:
    """Precision and recall of figures and indicators against the hand-built gold set."""
    from solieu.evaluate import main

    raise typer.Exit(main(Paths()))


@app.command()
def validate() -> None:
    """Validate datapackage/ with frictionless (the check journalists' tools make)."""
    from frictionless import Package

    report = Package(str(Paths().datapackage / "datapackage.json")).validate()
    if report.valid:
        err.print("datapackage/ is valid")
        return
    for task in report.tasks:
        for e in task.errors[:20]:
            err.print(f"[red]{task.name}[/red]: {e.message}")
    raise typer.Exit(1)


if __name__ == "__main__":
    app()
