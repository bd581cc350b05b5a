"""QA sets: the declared sets and their corpora, the JSONL item format, and the fixed dev/test split.

A QA set is JSONL, one item a line (see evals/README.md): id, language (ko|en|mixed), question or
turns (only the last turn is scored), answers (accepted strings) and support (sentence ids), or
`"unanswerable": true`. Each set is asked over its own corpus, indexed into its own temp index.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from rag import HubqaError

EVALS_DIR = Path(__file__).resolve().parent
LANGUAGES = ("ko", "en", "mixed")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class QASet:
    """A QA set file and the corpus its questions are about (None: the product corpus, `Settings.docs_dir`)."""

    name: str
    questions: Path
    corpus: Path | None = None


# The declared sets. A set whose file is missing is skipped with a note (news.jsonl arrives separately).
QA_SETS = (QASet("seed", EVALS_DIR / "seed.jsonl"),
           QASet("news", EVALS_DIR / "news.jsonl", EVALS_DIR / "news" / "articles"))


def split_of(item_id: str) -> str:
    """The fixed split rule for every QA set: `test` when the first byte of sha256(id) is odd, else `dev`.
    Thresholds and weights are tuned on dev only; the baseline and the CI gate read test.

    >>> split_of("ko-mou"), split_of("en-mou")
    ('dev', 'test')
    """
    return "test" if hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2 == 1 else "dev"


def resolve_sets(paths: list[Path] | None) -> list[QASet]:
    """QASets for `paths` (a declared set's file keeps its corpus; any other file is about docs/), or
    every declared set whose file exists when `paths` is empty."""
    if not paths:
        return [s for s in QA_SETS if s.questions.exists()]
    declared = {s.questions.resolve(): s for s in QA_SETS}
    out = [declared.get(Path(p).resolve(), QASet(Path(p).stem, Path(p))) for p in paths]
    names = [s.name for s in out]
    if len(names) != len(set(names)):
        raise HubqaError(f"two QA sets share a name ({', '.join(names)}); sets are named by their file's stem")
    return out


@dataclass(frozen=True)
class QAItem:
    """One QA set line: answerable (accepted answers, supporting sentence ids) or unanswerable."""

    id: str
    language: str
    turns: tuple[str, ...]
    answers: tuple[str, ...] = ()
    support: frozenset[str] = frozenset()
    unanswerable: bool = False

    @property
    def question(self) -> str:
        return self.turns[-1]

    @property
    def split(self) -> str:
        return split_of(self.id)


def load_set(path: Path) -> list[QAItem]:
    """Read and check one JSONL QA set; errors name the file, the line and the fix."""
    items: list[QAItem] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise HubqaError(f"QA set {path}: cannot read ({exc.strerror}); "
                         f"pass a JSONL file (default: the sets declared in evals/qa.py)") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"QA set {path}, line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise HubqaError(f"{where}: not JSON ({exc.msg}); one JSON object per line") from None
        turns = raw.get("turns") or ([raw["question"]] if raw.get("question") else [])
        if not raw.get("id"):
            problem = "no id"
        elif raw.get("language") not in LANGUAGES:
            problem = f"language {raw.get('language')!r} is not one of {', '.join(LANGUAGES)}"
        elif not turns:
            problem = "neither question nor turns"
        elif not raw.get("unanswerable") and not (raw.get("answers") and raw.get("support")):
            problem = 'needs "answers" and "support", or "unanswerable": true'
        elif not all(isinstance(v, list) and all(isinstance(x, str) for x in v)
                     for v in (raw.get("answers", []), raw.get("support", []), turns)):
            problem = '"answers", "support" and "turns" must be lists of strings'
        else:
            problem = ""
        if problem:
            raise HubqaError(f"{where}: {problem}")
        items.append(QAItem(raw["id"], raw["language"], tuple(turns), tuple(raw.get("answers", ())),
                            frozenset(raw.get("support", ())), bool(raw.get("unanswerable"))))
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise HubqaError(f"QA set {path}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}")
    return items
