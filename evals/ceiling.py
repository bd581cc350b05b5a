"""Where the answerer loses its answers: ranking or abstaining. `python -m evals.ceiling` (`make ceiling`).

For every answerable item of each declared QA set, over a fresh index of its corpus, with the
Assistant's own candidates (`Assistant.candidates`, the same eight the answerer weighs):

- any:     some candidate, composed as an answer, holds an accepted answer (what a perfect chooser could reach);
- top:     the most probable eligible candidate does (what the answerer reaches if it never abstains);
- answered: the answerer's own decision (`rag.answer.choose`) gives an accepted answer: answer accuracy.

any − top is lost to ranking among the candidates, top − answered to abstaining on answerable items.
Figures per set, split and language; dev and test side by side (nothing here is fitted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from .fit import indexed_sets, judged
from .qa import load_set


def ceiling(assistant, items) -> dict:
    """{(split, language): {"n", "any", "top", "answered"}} over the answerable items."""
    counts: dict = defaultdict(lambda: {"n": 0, "any": 0, "top": 0, "answered": 0})
    for item in items:
        if item.unanswerable:
            continue
        question, candidates, eligible, right = judged(assistant, item)
        pool = [j for j, ok in enumerate(eligible) if ok]  # most probable first
        chosen = assistant.choose(candidates, question)
        row = counts[(item.split, item.language)]
        row["n"] += 1
        row["any"] += any(right)
        row["top"] += bool(pool) and right[pool[0]]
        row["answered"] += chosen is not None and right[candidates.index(chosen)]
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.ceiling", description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    print("| set | split | language | answerable | any candidate | top candidate | answered |\n|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="hubqa-ceiling-") as tmp:
        for qa_set, _, assistant in indexed_sets(Path(tmp), tool="ceiling"):
            for (split, language), row in sorted(ceiling(assistant, load_set(qa_set.questions)).items()):
                n = row["n"]
                print(f"| {qa_set.name} | {split} | {language} | {n} | " +
                      " | ".join(f"{row[k] / n:.2f}" for k in ("any", "top", "answered")) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
