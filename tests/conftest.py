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


def _bench():
    """scripts/bench.py as a module: its synthetic report generator is shared with the tests."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("solieu_bench", ROOT / "scripts" / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def synthetic_text():
    """``synthetic_text(shape, n_chars)``: a report text of a given shape and size (the
    embedded reports repeated, or a worst case: one endless sentence, unclosed brackets, one
    indicator sentence repeated, many headings); see scripts/bench.py."""
    return _bench().synthetic_text


@pytest.fixture(scope="session")
def growth_ratio():
    """``growth_ratio(run, n)``: CPU time of ``run(4 n)`` over ``run(n)``, each the best of
    five after a warm-up. Linear work gives about 4, quadratic 16; tests assert < 6 (a ratio
    with a margin, never seconds: the machine is shared)."""
    import time

    def cpu(run, n: int) -> float:
        t = time.process_time()
        run(n)
        return time.process_time() - t

    def ratio(run, n: int, factor: int = 4) -> float:
        run(n)  # warm-up: compiled patterns, loaded vocabularies
        small = min(cpu(run, n) for _ in range(5))
        big = min(cpu(run, factor * n) for _ in range(5))
        return big / max(small, 1e-3)

    return ratio
