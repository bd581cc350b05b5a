"""The language offset of query vectors, removed before an English question searches Korean articles.

multilingual-e5 puts a sentence and its translation near each other, not on each other: every English
query vector sits off from where Korean ones lie by much the same offset. Adding the difference of the
two languages' query centroids to an English question's vector, then re-normalising, removes most of it.
The offset is fitted by `python -m evals.fit` (`make fit`) from the QA sets' dev questions alone (the mean
of the Korean questions' query vectors minus the mean of the English ones; no translations are used) and
kept in query_shift.json beside this file with the encoder it belongs to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import ConfigError

SHIFT_FILE = Path(__file__).with_name("query_shift.json")


@dataclass(frozen=True)
class QueryShift:
    """Per question language, the offset added to its query vectors (none: vectors are left as they are)."""

    offsets: dict[str, np.ndarray] = field(default_factory=dict)
    scale: float = 1.0

    def apply(self, vector: np.ndarray, language: str) -> np.ndarray:
        offset = self.offsets.get(language)
        if offset is None or not self.scale or offset.shape != vector.shape:
            return vector
        shifted = vector + self.scale * offset
        return (shifted / np.linalg.norm(shifted)).astype(vector.dtype)


def save_query_shift(offsets: dict[str, np.ndarray], weights_sha256: str, fitted: dict,
                     path: Path = SHIFT_FILE) -> None:
    data = {"weights_sha256": weights_sha256, "fitted": fitted,
            "offsets": {lang: [round(float(x), 6) for x in v] for lang, v in offsets.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_query_shift(weights_sha256: str, scale: float = 1.0, path: Path = SHIFT_FILE) -> QueryShift:
    """The fitted offsets for this encoder. Offsets fitted for other weights are not used (vectors stay
    as they are); a missing or malformed file is a ConfigError that says how to re-fit."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        offsets = {lang: np.asarray(v, dtype="float32") for lang, v in data["offsets"].items()}
        fitted_for = str(data["weights_sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"the query shift {path} is missing or malformed ({exc}); re-fit it with "
                          f"`make fit` (python -m evals.fit)") from None
    if fitted_for != weights_sha256:
        return QueryShift(scale=scale)
    return QueryShift(offsets, scale)
