"""Where things live. Every path is relative to the project root so builds are relocatable."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # language knowledge and catalogues (YAML)


def project_root() -> Path:
    """The checkout we build in: $SOLIEU_ROOT, else the nearest parent holding mkdocs.yml."""
    env = os.environ.get("SOLIEU_ROOT")
    if env:
        return Path(env).resolve()
    for p in [Path.cwd(), *Path.cwd().parents]:
        if (p / "mkdocs.yml").exists() and (p / "sources").is_dir():
            return p
    return Path.cwd()


class Paths:
    """The named artifacts of one build, OWID-style: each stage writes its own folder."""

    def __init__(self, root: Path | None = None, build: Path | None = None):
        self.root = (root or project_root()).resolve()
        self.sources = self.root / "sources"
        self.catalog = self.sources / "catalog.yaml"
        self.build = (build or self.root / "build").resolve()
        self.ingest = self.build / "ingest"  # stage 1: normalised documents (JSON)
        self.figures = self.build / "figures"  # stage 2: figures per document (JSON)
        self.observations = self.build / "observations"  # stage 3: observations + checks
        self.datapackage = self.root / "datapackage"  # stage 4: committed data package
        self.site_docs = self.build / "docs"  # stage 5: generated Markdown for mkdocs
        self.site = self.build / "site"  # stage 5: the built static site
        self.docs = self.root / "docs"  # hand-written pages and overrides
        self.mkdocs_yml = self.root / "mkdocs.yml"


def load_data(path: Path | str) -> Any:
    """A YAML data file of the package (vocabularies, catalogue, unit table), parsed.

    Why not `yaml.safe_load`: its pure-Python parser took ≈ 0.4 s of every worker's start-up
    on these files; PyYAML's binding to libyaml (`CSafeLoader`, in its wheels) reads them ten
    times faster into the same objects (tested on every data file: tests/test_settings.py).
    Without libyaml the pure-Python loader is used.
    """
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
