"""Where things live. Every path is relative to the project root so builds are relocatable."""

from __future__ import annotations

import os
from pathlib import Path

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
