"""Calibrated answerability: one logistic regression over the evidence features, in numpy.

P(candidate holds the answer) = sigmoid(w · standardised(features) + b). The answerer answers from
the best candidate when its probability clears the threshold, else it abstains. Weights, the
standardisation, the threshold and how they were fitted live in `answerability.json` beside this
file; `python -m evals.fit` (`make fit`) re-fits them on the dev items of the QA sets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ConfigError

WEIGHTS_FILE = Path(__file__).with_name("answerability.json")


@dataclass(frozen=True)
class AnswerabilityModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # for a question language without its own threshold
    fitted: dict = field(default_factory=dict)  # data files, item counts, date, dev figures
    thresholds: dict = field(default_factory=dict)  # per question language ("ko", "en"), fitted on its dev items

    def threshold_for(self, language: str) -> float:
        """English questions over Korean text score lower on every lexical feature: their own bar."""
        return float(self.thresholds.get(language, self.threshold))

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        x = np.array([[row[f] for f in self.features] for row in rows], dtype=float)
        z = (x - np.array(self.mean)) / np.array(self.scale)
        return sigmoid(z @ np.array(self.weights) + self.bias)

    def as_json(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                "thresholds": self.thresholds, "fitted": self.fitted}

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@lru_cache(maxsize=4)
def load_model(path: Path = WEIGHTS_FILE) -> AnswerabilityModel:
    """The fitted model; a missing or malformed file is a ConfigError that says how to re-fit."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        model = AnswerabilityModel(tuple(data["features"]), tuple(map(float, data["weights"])), float(data["bias"]),
                                   tuple(map(float, data["mean"])), tuple(map(float, data["scale"])),
                                   float(data["threshold"]), dict(data.get("fitted", {})),
                                   {k: float(v) for k, v in data.get("thresholds", {}).items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"the answerability weights {path} cannot be read ({type(exc).__name__}: {exc}); "
                          f"re-fit them with `make fit` (python -m evals.fit)") from None
    if not (len(model.features) == len(model.weights) == len(model.mean) == len(model.scale)):
        raise ConfigError(f"the answerability weights {path} are inconsistent (feature and weight counts differ); "
                          f"re-fit them with `make fit`")
    return model
