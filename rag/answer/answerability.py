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
    threshold: float
    fitted: dict = field(default_factory=dict)  # data files, item counts, date, dev figures

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        x = np.array([[row[f] for f in self.features] for row in rows], dtype=float)
        z = (x - np.array(self.mean)) / np.array(self.scale)
        return sigmoid(z @ np.array(self.weights) + self.bias)

    def as_json(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                "fitted": self.fitted}

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
                                   float(data["threshold"]), dict(data.get("fitted", {})))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"the answerability weights {path} cannot be read ({type(exc).__name__}: {exc}); "
                          f"re-fit them with `make fit` (python -m evals.fit)") from None
    if not (len(model.features) == len(model.weights) == len(model.mean) == len(model.scale)):
        raise ConfigError(f"the answerability weights {path} are inconsistent (feature and weight counts differ); "
                          f"re-fit them with `make fit`")
    return model


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50,
                 sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression by Newton's method on standardised features.

    Returns (weights, bias, mean, scale). The bias is not penalised.

    >>> x = np.array([[0.0], [1.0], [2.0], [3.0]]); y = np.array([0, 0, 1, 1])
    >>> w, b, m, s = fit_logistic(x, y, l2=0.1)
    >>> bool(w[0] > 0)
    True
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = sigmoid(z @ beta)
        gradient = z.T @ (sw * (p - y)) + penalty * beta
        hessian = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[:-1], float(beta[-1]), mean, scale


def choose_threshold(best: list[float], unanswerable: list[bool], right: list[bool],
                     min_precision: float = 0.9) -> tuple[float, dict]:
    """The threshold on each question's best probability: abstain below it.

    Among thresholds whose abstention precision is at least `min_precision`, the one with the
    highest abstention recall, then the most answerable questions answered right (`right[i]`: the
    best candidate of question i holds its answer). Returns (threshold, its dev figures).

    >>> choose_threshold([0.9, 0.8, 0.2, 0.1], [False, False, True, True], [True, True, False, False])[0]
    0.5
    """
    options = sorted(set(best))
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(options, options[1:])] + [options[-1] + 1e-6 if options else 1.0]
    scored = []
    for t in cuts:
        abstain = [p < t for p in best]
        tp = sum(a and u for a, u in zip(abstain, unanswerable))
        precision = tp / sum(abstain) if any(abstain) else 1.0
        recall = tp / sum(unanswerable) if any(unanswerable) else 1.0
        answered_right = sum((not a) and r and not u for a, r, u in zip(abstain, right, unanswerable))
        answerable = sum(not u for u in unanswerable) or 1
        scored.append((precision >= min_precision, recall, answered_right / answerable, -t, t, precision))
    ok, recall, accuracy, _, t, precision = max(scored)
    return round(float(t), 4), {"abstention_precision": round(precision, 3), "abstention_recall": round(recall, 3),
                                "answerable_right": round(accuracy, 3), "meets_precision": bool(ok)}
