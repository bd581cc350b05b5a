"""Calibrated answerability: one logistic regression per question language over the evidence features,
in numpy.

P(candidate holds the answer) = sigmoid(w · standardised(features) + b), with the weights of the question's
language: an English question over Korean text reads the same features differently (its keyword and term
features are mostly empty; its late-interaction scores carry what they would), so each language has its own
weights (chosen by cross-validation on dev items, evals/README M). The answerer answers from the best
candidate when its probability clears the language's threshold, else it abstains. Weights, the
standardisation, the thresholds and how they were fitted live in `answerability.json` beside this file;
`python -m evals.fit` (`make fit`) re-fits them on the dev items of the QA sets.
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
class LanguageWeights:
    """One language's logistic regression: weights over the standardised features, and its bias."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def as_json(self) -> dict:
        return {"weights": list(self.weights), "bias": self.bias, "mean": list(self.mean), "scale": list(self.scale)}


@dataclass(frozen=True)
class AnswerabilityModel:
    features: tuple[str, ...]
    models: dict  # question language ("ko", "en") -> LanguageWeights, fitted on that language's dev items
    threshold: float  # for a question language without its own threshold
    fitted: dict = field(default_factory=dict)  # data files, item counts, date, dev figures
    thresholds: dict = field(default_factory=dict)  # per question language ("ko", "en"), fitted on its dev items

    def threshold_for(self, language: str) -> float:
        """English questions over Korean text score lower on every lexical feature: their own bar."""
        return float(self.thresholds.get(language, self.threshold))

    def weights_for(self, language: str) -> LanguageWeights:
        """The language's weights (the first language's for one the file has none for)."""
        return self.models.get(language) or next(iter(self.models.values()))

    def probabilities(self, rows: list[dict[str, float]], language: str) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        fit = self.weights_for(language)
        x = np.array([[row[f] for f in self.features] for row in rows], dtype=float)
        z = (x - np.array(fit.mean)) / np.array(fit.scale)
        return sigmoid(z @ np.array(fit.weights) + fit.bias)

    def as_json(self) -> dict:
        return {"features": list(self.features),
                "models": {language: fit.as_json() for language, fit in self.models.items()},
                "threshold": self.threshold, "thresholds": self.thresholds, "fitted": self.fitted}

    def save(self, path: Path = WEIGHTS_FILE) -> None:
        path.write_text(json.dumps(self.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@lru_cache(maxsize=4)
def load_model(path: Path = WEIGHTS_FILE) -> AnswerabilityModel:
    """The fitted model; a missing or malformed file is a ConfigError that says how to re-fit."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        models = {language: LanguageWeights(tuple(map(float, fit["weights"])), float(fit["bias"]),
                                            tuple(map(float, fit["mean"])), tuple(map(float, fit["scale"])))
                  for language, fit in data["models"].items()}
        model = AnswerabilityModel(tuple(data["features"]), models, float(data["threshold"]),
                                   dict(data.get("fitted", {})),
                                   {k: float(v) for k, v in data.get("thresholds", {}).items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"the answerability weights {path} cannot be read ({type(exc).__name__}: {exc}); "
                          f"re-fit them with `make fit` (python -m evals.fit)") from None
    n = len(model.features)
    if not model.models or any(not (len(f.weights) == len(f.mean) == len(f.scale) == n) for f in models.values()):
        raise ConfigError(f"the answerability weights {path} are inconsistent (no language, or feature and weight "
                          f"counts differ); re-fit them with `make fit`")
    return model
