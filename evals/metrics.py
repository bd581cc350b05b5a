"""Pure metric functions for the evals: ranking (tie-tolerant), answers, citations, abstention, latency.

No model, no index: lists and sets in, numbers out. Ranking metrics take the scores of a ranked list
and treat items with equal scores as an unordered group (faiss `contrib/evaluation.py` does the same):
the figure is its expectation over every order of the tied items, so an arbitrary tie-break can
neither help nor hurt a system.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from math import comb


def _tie_group(scores: Sequence[float], relevant: Sequence[bool]) -> tuple[int, int, int] | None:
    """(items scored above the best relevant one, relevant items tied with it, other items tied with it)."""
    if len(scores) != len(relevant):
        raise ValueError(f"{len(scores)} scores but {len(relevant)} relevance flags; pass one flag per score")
    best = max((s for s, r in zip(scores, relevant) if r), default=None)
    if best is None:
        return None
    above = sum(1 for s in scores if s > best)
    tied_rel = sum(1 for s, r in zip(scores, relevant) if r and s == best)
    tied_other = sum(1 for s, r in zip(scores, relevant) if not r and s == best)
    return above, tied_rel, tied_other


def _first_relevant_position(tied_rel: int, tied_other: int) -> list[tuple[int, float]]:
    """Distribution of the first relevant item's position (1-based) in a randomly ordered tie group."""
    m = tied_rel + tied_other
    total = comb(m, tied_rel)
    # the first relevant item is at position j when the j-1 before it are all non-relevant
    return [(j, comb(m - j, tied_rel - 1) / total) for j in range(1, tied_other + 2)]


def hit_at_k(scores: Sequence[float], relevant: Sequence[bool], k: int) -> float:
    """Probability that a relevant item is in the top k (1.0 or 0.0 unless ties straddle rank k).

    >>> hit_at_k([0.9, 0.8, 0.7], [False, True, False], 1), hit_at_k([0.9, 0.8, 0.7], [False, True, False], 2)
    (0.0, 1.0)
    >>> hit_at_k([0.5, 0.5], [False, True], 1)  # a tie: either order is equally likely
    0.5
    >>> hit_at_k([0.5], [False], 5)
    0.0
    """
    group = _tie_group(scores, relevant)
    if group is None:
        return 0.0
    above, tied_rel, tied_other = group
    return float(sum(p for j, p in _first_relevant_position(tied_rel, tied_other) if above + j <= k))


def reciprocal_rank(scores: Sequence[float], relevant: Sequence[bool]) -> float:
    """Expected 1/rank of the first relevant item (0.0 when none was retrieved).

    >>> reciprocal_rank([0.9, 0.8], [False, True]), reciprocal_rank([0.3, 0.3], [True, False])
    (0.5, 0.75)
    """
    group = _tie_group(scores, relevant)
    if group is None:
        return 0.0
    above, tied_rel, tied_other = group
    return float(sum(p / (above + j) for j, p in _first_relevant_position(tied_rel, tied_other)))


def rank_scores(n: int) -> list[float]:
    """Strictly decreasing stand-in scores for a ranking given without scores.

    >>> rank_scores(3)
    [3.0, 2.0, 1.0]
    """
    return [float(n - i) for i in range(n)]


def mean(values: Iterable[float | bool]) -> float | None:
    """Arithmetic mean, or None for no values (a figure over nothing is not 0).

    >>> mean([True, False, True, True]), mean([])
    (0.75, None)
    """
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None when the denominator is 0.

    >>> ratio(3, 4), ratio(0, 0)
    (0.75, None)
    """
    return numerator / denominator if denominator else None


def citation_precision(cited: Sequence[Sequence[str]], support: Sequence[set[str]]) -> float | None:
    """Share of all cited sentences that support their item (micro-averaged).

    >>> citation_precision([["a#1", "a#2"], ["b#0"], []], [{"a#1"}, {"b#0"}, {"c#3"}])
    0.6666666666666666
    """
    good = sum(1 for ids, sup in zip(cited, support) for i in ids if i in sup)
    return ratio(good, sum(len(ids) for ids in cited))


def citation_recall(cited: Sequence[Sequence[str]], support: Sequence[set[str]]) -> float | None:
    """Share of items with at least one supporting sentence among their citations.

    >>> citation_recall([["a#1", "a#2"], ["b#1"], []], [{"a#1"}, {"b#0"}, {"c#3"}])
    0.3333333333333333
    """
    return mean(bool(set(ids) & sup) for ids, sup in zip(cited, support))


def abstention_scores(abstained: Sequence[bool], unanswerable: Sequence[bool]) -> dict[str, float | None]:
    """Precision and recall of abstaining, with "the question is unanswerable" as the positive class.

    >>> abstention_scores([True, True, False, False], [True, False, True, False])
    {'precision': 0.5, 'recall': 0.5}
    >>> abstention_scores([False, False], [False, False])
    {'precision': None, 'recall': None}
    """
    tp = sum(1 for a, u in zip(abstained, unanswerable) if a and u)
    return {"precision": ratio(tp, sum(abstained)), "recall": ratio(tp, sum(unanswerable))}


def normalize_answer(text: str) -> str:
    """Lower case without spaces, dots, hyphens or quotes, so "2023년 11월" matches "2023년11월" and
    "K-Bio Labhub" matches "K-bio labhub".

    >>> normalize_answer("K-바이오랩허브·AI  2023년 11월")
    'k바이오랩허브ai2023년11월'
    """
    return "".join(ch for ch in text.lower() if not ch.isspace() and ch not in "-·‧・.,'\"“”‘’")


def answer_found(accepted: Iterable[str], texts: Iterable[str]) -> bool:
    """Does any accepted answer string occur in any of the texts (normalised containment)?

    >>> answer_found(["2028년 하반기", "second half of 2028"], ["양측은 2028년 하반기로 예정된"])
    True
    >>> answer_found(["10개사"], ["한국 벤처 1개사"])
    False
    """
    haystack = [normalize_answer(t) for t in texts]
    return any(normalize_answer(a) and normalize_answer(a) in h for a in accepted for h in haystack)


def span_scores(accepted: Iterable[str], span: str | None) -> tuple[bool, float]:
    """The bold answer span against the accepted answers: exact match and the best character F1, both
    after `normalize_answer` (the KorQuAD way: Korean words carry particles, so characters, not words).

    >>> span_scores(["2028년 하반기", "second half of 2028"], "2028년 하반기")
    (True, 1.0)
    >>> span_scores(["노용석"], "노용석 제1차관")
    (False, 0.6)
    >>> span_scores(["10개사"], None)
    (False, 0.0)
    """
    if not span:
        return False, 0.0
    got = normalize_answer(span)
    exact, best = False, 0.0
    for answer in accepted:
        want = normalize_answer(answer)
        if not want or not got:
            continue
        exact = exact or want == got
        common = sum((Counter(want) & Counter(got)).values())
        if common:
            precision, recall = common / len(got), common / len(want)
            best = max(best, 2 * precision * recall / (precision + recall))
    return exact, best


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation between ranks (numpy's default).

    >>> percentile([1, 2, 3, 4], 50), percentile([10.0], 95), percentile([1, 2, 3, 4, 5], 95)
    (2.5, 10.0, 4.8)
    >>> percentile([], 50) is None
    True
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile q={q} is outside 0-100")
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def set_recall(approx_ids: Sequence[Sequence[int]], exact_ids: Sequence[Sequence[int]]) -> float:
    """Mean fraction of each row of `exact_ids` (ids, -1 = padding) found in the same row of `approx_ids`:
    an approximate index's recall@k against exact search.

    >>> set_recall([[1, 2, 9]], [[1, 2, 3]]), set_recall([[5]], [[-1]])
    (0.6666666666666666, 1.0)
    """
    found = total = 0
    for approx, exact in zip(getattr(approx_ids, "tolist", lambda: approx_ids)(),
                             getattr(exact_ids, "tolist", lambda: exact_ids)()):
        exact = {i for i in exact if i >= 0}
        found += len(exact.intersection(approx))
        total += len(exact)
    return found / total if total else 1.0


# -- the regression gate ----------------------------------------------------------------------------
TOLERANCE = 0.02  # absolute drop allowed before the gate fails; runs are deterministic, this is slack
# Higher is better for each; latency is not gated (it depends on the machine and its load).
GATED = ("recall@1", "recall@5", "mrr", "answer_accuracy", "citation_precision", "citation_recall",
         "abstention_precision", "abstention_recall", "overall_correct", "span_exact", "span_f1")


def regressions(current: dict, baseline: dict, tolerance: float = TOLERANCE) -> list[str]:
    """One line per gated figure of `baseline` that `current` fell below by more than `tolerance`.

    >>> regressions({"seed": {"n": 2, "all": {"mrr": 0.9}}}, {"seed": {"n": 2, "all": {"mrr": 0.95}}})
    ['seed all mrr: 0.950 → 0.900 (dropped 0.050, tolerance 0.02)']
    >>> regressions({"seed": {"n": 2, "all": {"mrr": 0.94}}}, {"seed": {"n": 2, "all": {"mrr": 0.95}}})
    []
    """
    problems = []
    for name, base in baseline.items():
        now = current.get(name)
        if now is None:
            continue
        if now.get("n") != base.get("n"):
            problems.append(f"{name}: the set has {now.get('n')} items, the baseline {base.get('n')}; "
                            f"after changing a set run `rag eval --update-baseline`")
            continue
        for group, figures in base.items():
            for key, before in (figures.items() if isinstance(figures, dict) else ()):
                after = (now.get(group) or {}).get(key)
                if before is None:
                    continue
                if after is None:
                    problems.append(f"{name} {group} {key}: {before:.3f} → undefined")
                elif before - after > tolerance + 1e-9:
                    problems.append(f"{name} {group} {key}: {before:.3f} → {after:.3f} "
                                    f"(dropped {before - after:.3f}, tolerance {tolerance})")
    return problems
