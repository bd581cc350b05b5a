"""The regression gate: evals/baseline.json holds the hybrid figures of the test split of each QA set;
`rag eval --check-baseline` and tests/test_evals.py fail when one drops by more than the tolerance
(the comparison itself is `metrics.regressions`)."""

from __future__ import annotations

import json
from pathlib import Path

from rag import HubqaError

from .metrics import GATED, TOLERANCE
from .qa import EVALS_DIR

BASELINE = EVALS_DIR / "baseline.json"
GATE_MODE, GATE_SPLIT = "hybrid", "test"


def baseline_figures(results: dict, mode: str = GATE_MODE, split: str = GATE_SPLIT) -> dict:
    """Per set, the gated figures of `mode` on `split`, overall and by language (the baseline's shape)."""
    out = {}
    for name, result in results.items():
        groups = result["modes"][mode][split]
        out[name] = {"n": groups["all"]["n"], "split": split,
                     **{lang: {k: figures[k] for k in GATED} for lang, figures in groups.items()}}
    return out


def load_baseline(path: Path = BASELINE) -> dict:
    if not Path(path).exists():
        raise HubqaError(f"no baseline at {path}; create it with `rag eval --update-baseline`")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    stale = [name for name, figures in data["sets"].items() if figures.get("split") != GATE_SPLIT]
    if stale:
        raise HubqaError(f"{path}: sets {', '.join(stale)} hold figures of another split than {GATE_SPLIT!r}; "
                         f"rewrite it with `rag eval --update-baseline`")
    return data["sets"]


def write_baseline(figures: dict, path: Path = BASELINE) -> None:
    data = {"about": f"{GATE_MODE}-mode figures of `rag eval` on the {GATE_SPLIT} split of each QA set (each set "
                     "over a temp index of its own corpus); `make test` fails when one drops by more than the "
                     "tolerance; update with `rag eval --update-baseline`", "tolerance": TOLERANCE, "sets": figures}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
