#!/usr/bin/env python3
"""Thin entry point: `python scripts/solieu.py build` == `solieu build` without installing."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from solieu.cli import app  # noqa: E402

if __name__ == "__main__":
    app()
