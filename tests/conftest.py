"""Shared fixtures: the project paths and, built once per session, the pipeline's outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from solieu.paths import Paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def paths() -> Paths:
    return Paths(ROOT)


@pytest.fixture(scope="session")
def stages(tmp_path_factory):
    """Stages 0–3 on the embedded corpus, into a temporary build dir (the tree is not touched)."""
    from solieu.pipeline import run_stages

    p = Paths(ROOT, build=tmp_path_factory.mktemp("build"))
    return run_stages(p)
