"""The methods page: the hand-written ``docs/phuong-phap.md`` plus what the data covers."""

from __future__ import annotations

from collections import Counter

from ..context import Context
from ..data import num
from ..fmt import fmt_num
from ..labels import period_label, verdict_label
from ..render import render


def build(ctx: Context, methods_md: str) -> None:
    sd = ctx.sd
    documents = [
        {
            "title": x.get("title") or "",
            "unit": ctx.unit_name(x["unit_id"]),
            "period": period_label(x.get("period") or ""),
            "counts": [fmt_num(num(x.get(k))) for k in ("n_figures", "n_observations", "n_checks")],
        }
        for x in sorted(sd.tables["documents"], key=lambda x: x["document_id"])
    ]
    verdicts = Counter(c["verdict"] for c in sd.tables["checks"])
    coverage = render(
        "coverage.md.j2",
        documents=documents,
        n_figures=fmt_num(len(sd.tables["figures"])),
        n_observations=fmt_num(len(sd.tables["observations"])),
        n_indicators=fmt_num(len(sd.tables["indicators"])),
        verdicts=", ".join(f"{verdict_label(k)} {v}" for k, v in sorted(verdicts.items())),
    )
    ctx.pages["phuong-phap.md"] = methods_md + coverage
