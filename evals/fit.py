"""Re-fit the answerability model on the dev items of the QA sets: `python -m evals.fit` (`make fit`).

First the English queries' language offset (rag/query_shift.json; `fit_query_shift`) is re-fitted from
the dev questions, since the English candidates' features depend on it. Then, for every dev item (split
rule: sha256(id)[0] % 2 == 0), the Assistant's own candidates for the question are scored with their
features (`Assistant.candidates`); a candidate is a positive when the item is answerable and the
candidate's sentence is one of its support sentences. One L2-regularised logistic regression is fitted
per question language (detected, as the answerer detects it) over that language's candidates, less the
features `LEFT_OUT` names for it (weight 0). The decision is item-level: the answerer answers from the
question's most probable *eligible* candidate (`rag.answer.eligible_among`: a typed question needs a
span of its type; a question asking for a name needs a sentence that gives one; an English question needs
a window naming its subject when some window does) or
abstains, and the threshold on that probability is chosen per question language on the dev items:
abstention precision >= 0.9 with recall >= 0.75 when some threshold reaches both (the most questions
handled right among them); otherwise the most questions handled right (answerable answered
with an accepted answer, unanswerable abstained) among thresholds with abstention recall >= 0.25, so
abstention is never turned off. The weights, the thresholds and how they were fitted are written to
rag/answer/answerability.json.
Test items are never read for fitting.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from .qa import QA_SETS, QAItem, load_set

ROOT = Path(__file__).resolve().parents[1]
MIN_PRECISION = 0.9  # issue 11: abstention precision >= 0.9 on dev ...
MIN_RECALL = 0.75  # ... with the recall the product needs (issue 11's target); on the dev sets of 2026-11 no
                   # threshold reaches both (near misses look like answerable questions to every feature), so:
FLOOR_RECALL = 0.25  # the fallback maximises questions handled right among thresholds that keep at least this
                     # abstention recall on dev: a threshold that turns abstention off is never chosen
L2 = 1.0  # ridge on standardised features; the dev sets are a few hundred candidates
# Features a language's model leaves out (weight 0). Chosen on the dev items by 5-fold cross-validation
# (evals/README section O, dev questions handled right over 24 fold seeds / 3): the Korean model without
# these 2,086 → 2,102, and 2,081 → 2,095 and 2,082 → 2,108 on two other sets of 24 seeds; dropping them, or
# any other single feature, from the English model changed nothing beyond noise. "eligible_margin" (section Q)
# helps English questions only: with it the Korean model handled 13 to 29 fewer (over three sets of 24 seeds).
LEFT_OUT = {"ko": ("answer_here", "span_near", "known_terms", "unit_match", "known_names", "eligible_margin")}


def open_assistant(corpus: Path, folder: Path):
    """An Assistant over a fresh index of `corpus` in `folder` (the real model, the real index)."""
    from rag import Assistant

    assistant = Assistant.open(folder / "index", require_index=False)
    assistant.ingest([corpus])
    return assistant


def judged(assistant, item: QAItem):
    """The item's analysed question, its candidates (most probable first), which are eligible
    (`rag.answer.eligible_among`) and which, composed as an answer, hold an accepted answer."""
    from rag import Turn
    from rag.answer import compose

    from .metrics import answer_found

    question, candidates = assistant.candidates(item.question, [Turn(q) for q in item.turns[:-1]])
    right = []
    for c in candidates:
        text, citations = compose(question, c)
        right.append(not item.unanswerable and answer_found(item.answers, [text] + [x.sentence for x in citations]))
    return question, candidates, [c.eligible for c in candidates], right


def indexed_sets(folder: Path, names: list[str] | None = None, tool: str = "evals"):
    """Each declared QA set (those in `names`, default all) with an Assistant over a fresh index of its
    corpus in `folder`: (qa_set, corpus, assistant). A set whose file or corpus is missing is skipped with
    a note on stderr."""
    from rag import Settings

    for qa_set in QA_SETS:
        if names is not None and qa_set.name not in names:
            continue
        corpus = qa_set.corpus or Path(Settings.from_env().docs_dir)
        if not qa_set.questions.exists() or not corpus.exists():
            print(f"{tool}: skipping {qa_set.name}: {qa_set.questions} or its corpus {corpus} is missing",
                  file=sys.stderr)
            continue
        assistant = open_assistant(corpus, folder / qa_set.name)
        try:
            yield qa_set, corpus, assistant
        finally:
            assistant.close()


def candidate_rows(assistant, item: QAItem) -> tuple[list[dict], list[int], str, list[bool], list[bool]]:
    """Features and labels of the item's candidates (most probable first), the question's language,
    which candidates are eligible, and which would give an accepted answer (see `judged`)."""
    question, candidates, eligible, right = judged(assistant, item)
    labels = [int(not item.unanswerable and c.hit.sentence_id in item.support) for c in candidates]
    return [c.features for c in candidates], labels, question.language, eligible, right


def fit_query_shift(sets: list[str], path: Path | None = None) -> dict:
    """The English queries' language offset (rag/query_shift.py), from the dev questions of the QA sets:
    the mean of the Korean questions' query vectors minus the mean of the English ones (single-turn items
    labelled ko or en; no translations are read). Written before the answerability fit, whose English
    features see the shifted vectors. Returns how it was fitted."""
    from rag import Settings
    from rag.embedding import load_embedding, weights_fingerprint
    from rag.query_shift import SHIFT_FILE, save_query_shift
    from rag.question import analyse

    settings = Settings.from_env()
    model = load_embedding(settings)
    queries: dict[str, list[str]] = {"ko": [], "en": []}
    used = {}
    for qa_set in QA_SETS:
        if qa_set.name not in sets or not qa_set.questions.exists():
            continue
        dev = [i for i in load_set(qa_set.questions) if i.split == "dev" and len(i.turns) == 1 and i.language in queries]
        for item in dev:
            queries[item.language].append(analyse(item.question).query)
        used[qa_set.name] = {lang: sum(i.language == lang for i in dev) for lang in queries}
    if not queries["ko"] or not queries["en"]:
        raise SystemExit("fit: the query shift needs Korean and English dev questions; none found")
    centroid = {lang: np.mean([model.get_query_embedding(q) for q in texts], axis=0) for lang, texts in queries.items()}
    fitted = {"command": "python -m evals.fit", "date": datetime.date.today().isoformat(),
              "rule": "mean query vector of the Korean dev questions minus that of the English ones",
              "split": "dev items only: sha256(id)[0] % 2 == 0; single-turn items labelled ko or en", "sets": used}
    save_query_shift({"en": centroid["ko"] - centroid["en"]}, weights_fingerprint(settings), fitted,
                     path or SHIFT_FILE)
    print(f"fit: query shift from {len(queries['ko'])} Korean and {len(queries['en'])} English dev questions",
          file=sys.stderr)
    return fitted


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50):
    """L2-regularised logistic regression by Newton's method on standardised features.

    Returns (weights, bias, mean, scale); the bias is not penalised.

    >>> w, b, m, s = fit_logistic(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 0, 1, 1]), l2=0.1)
    >>> bool(w[0] > 0)
    True
    """
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -40, 40)))
        gradient = z.T @ (p - y) + penalty * beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[:-1], float(beta[-1]), mean, scale


def choose_threshold(best: list[float], unanswerable: list[bool], right: list[bool],
                     min_precision: float = MIN_PRECISION, min_recall: float = MIN_RECALL,
                     floor_recall: float = FLOOR_RECALL) -> tuple[float, dict]:
    """The threshold on each question's best eligible probability (abstain below it; a question with no
    eligible candidate has best 0 and always abstains).

    Among thresholds with abstention precision >= `min_precision` and recall >= `min_recall`: the most
    questions handled right (answerable answered right — `right[i]` — and unanswerable abstained), then
    the most recall. When none reaches both, the most handled right among thresholds with recall >=
    `floor_recall`, and `meets_precision` is false. Ties go to the lowest threshold: where dev cannot
    tell two thresholds apart, answer (in 5-fold cross-validation on dev this handled 220 of 323 questions
    right, against 216 breaking ties by abstention F1 and 215 taking the middle of the tied thresholds).

    >>> choose_threshold([0.9, 0.8, 0.2, 0.1], [False, False, True, True], [True, True, False, False])[0]
    0.5
    """
    values = sorted(set(best))
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(values, values[1:])] + [values[-1] + 1e-6] if values else [0.5]
    answerable = sum(not u for u in unanswerable) or 1
    scored = []
    for t in cuts:
        abstain = [p < t for p in best]
        tp = sum(a and u for a, u in zip(abstain, unanswerable))
        precision = tp / sum(abstain) if any(abstain) else 1.0
        recall = tp / sum(unanswerable) if any(unanswerable) else 1.0
        answered = sum((not a) and r and not u for a, r, u in zip(abstain, right, unanswerable))
        handled = (answered + tp) / len(best)
        scored.append({"t": t, "abstention_precision": precision, "abstention_recall": recall,
                       "answered_right": answered / answerable, "handled": handled})
    feasible = [s for s in scored if s["abstention_precision"] >= min_precision and s["abstention_recall"] >= min_recall]
    if feasible:
        chosen = max(feasible, key=lambda s: (s["handled"], s["abstention_recall"], -s["t"]))
    else:
        floor = [s for s in scored if s["abstention_recall"] >= floor_recall] or scored
        chosen = max(floor, key=lambda s: (s["handled"], -s["t"]))
    return round(float(chosen["t"]), 4), {**{k: round(float(v), 3) for k, v in chosen.items() if k != "t"},
                                          "meets_precision": bool(feasible)}


def figures(rows: list[dict]) -> dict:
    """Dev figures of one group of questions, each at its language's threshold."""
    answerable = [r for r in rows if not r["unanswerable"]]
    abstain = [r["best"] < r["threshold"] for r in rows]
    tp = sum(a and r["unanswerable"] for a, r in zip(abstain, rows))
    return {"items": len(rows), "unanswerable": len(rows) - len(answerable),
            "answered_right": round(sum(r["best"] >= r["threshold"] and r["right"] for r in answerable)
                                     / max(1, len(answerable)), 3),
            "abstention_precision": round(tp / sum(abstain), 3) if any(abstain) else None,
            "abstention_recall": round(tp / (len(rows) - len(answerable)), 3) if len(rows) > len(answerable) else None}


def _shown(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    from rag.answer import FEATURES, WEIGHTS_FILE, AnswerabilityModel, LanguageWeights

    parser = argparse.ArgumentParser(prog="python -m evals.fit", description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(s.name for s in QA_SETS),
                        help="declared QA sets to fit on (evals/qa.py; default: all whose file exists)")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="where to write the weights")
    parser.add_argument("--keep-shift", action="store_true",
                        help="keep rag/query_shift.json as it is (default: re-fit it first)")
    args = parser.parse_args(argv)
    if not args.keep_shift:
        fit_query_shift(args.sets.split(","))
    x, y, questions, used = [], [], [], {}
    with tempfile.TemporaryDirectory(prefix="hubqa-fit-") as tmp:
        for qa_set, corpus, assistant in indexed_sets(Path(tmp), args.sets.split(","), tool="fit"):
            dev = [i for i in load_set(qa_set.questions) if i.split == "dev"]
            for item in dev:
                feats, labels, detected, eligible, right = candidate_rows(assistant, item)
                start = len(x)
                x += [[f[k] for k in FEATURES] for f in feats]
                y += labels
                questions.append({"set": qa_set.name, "language": item.language, "detected": detected,
                                  "rows": (start, len(x)), "unanswerable": item.unanswerable, "labels": labels,
                                  "eligible": eligible, "answers_right": right})
            used[qa_set.name] = {"file": _shown(qa_set.questions), "corpus": _shown(corpus), "dev_items": len(dev),
                                 "unanswerable": sum(i.unanswerable for i in dev),
                                 "sha256": hashlib.sha256(qa_set.questions.read_bytes()).hexdigest()}
            print(f"fit: {qa_set.name}: {len(dev)} dev items", file=sys.stderr)
    if not questions:
        print("fit: no QA set found; nothing fitted", file=sys.stderr)
        return 1
    xa, ya = np.array(x, dtype=float), np.array(y, dtype=float)
    p, models = np.zeros(len(ya)), {}
    for language in ("ko", "en"):  # the question's detected language decides which weights apply
        rows = np.array([r for q in questions if q["detected"] == language for r in range(*q["rows"])], dtype=int)
        if not len(rows):
            continue
        used_columns = [j for j, name in enumerate(FEATURES) if name not in LEFT_OUT.get(language, ())]
        fitted, bias, fitted_mean, fitted_scale = fit_logistic(xa[np.ix_(rows, used_columns)], ya[rows])
        weights, mean, scale = np.zeros(len(FEATURES)), np.zeros(len(FEATURES)), np.ones(len(FEATURES))
        weights[used_columns], mean[used_columns], scale[used_columns] = fitted, fitted_mean, fitted_scale
        p[rows] = 1.0 / (1.0 + np.exp(-(((xa[rows] - mean) / scale) @ weights + bias)))
        models[language] = LanguageWeights(tuple(round(float(w), 6) for w in weights), round(bias, 6),
                                           tuple(round(float(m), 6) for m in mean),
                                           tuple(round(float(s), 6) for s in scale))
    for q in questions:
        s, e = q["rows"]
        pool = [j for j in range(e - s) if q["eligible"][j]]
        k = max(pool, key=lambda j: p[s + j]) if pool else None
        q["best"] = float(p[s + k]) if k is not None else 0.0
        q["right"] = bool(k is not None and q["answers_right"][k])
    threshold, overall = choose_threshold([q["best"] for q in questions], [q["unanswerable"] for q in questions],
                                          [q["right"] for q in questions])
    thresholds, per_language = {}, {}
    for language in ("ko", "en"):  # the question's detected language decides which threshold applies
        group = [q for q in questions if q["detected"] == language]
        if group:
            thresholds[language], per_language[language] = choose_threshold(
                [q["best"] for q in group], [q["unanswerable"] for q in group], [q["right"] for q in group])
    for q in questions:
        q["threshold"] = thresholds.get(q["detected"], threshold)
    groups = {f"{q['set']}/{q['language']}" for q in questions}
    dev = {"all": figures(questions), "threshold_choice": {"all": overall, **per_language}}
    dev.update({g: figures([q for q in questions if f"{q['set']}/{q['language']}" == g]) for g in sorted(groups)})
    model = AnswerabilityModel(tuple(FEATURES), models, threshold, thresholds=thresholds, fitted={
                                   "command": "python -m evals.fit", "date": datetime.date.today().isoformat(),
                                   "split": "dev items only: sha256(id)[0] % 2 == 0", "sets": used,
                                   "candidates": len(y), "positives": int(sum(y)), "l2": L2,
                                   "weights": "one logistic regression per detected question language",
                                   "left_out": {lang: list(names) for lang, names in LEFT_OUT.items()},
                                   "threshold_rule": f"item-level, per question language, on the most probable eligible "
                                                     f"candidate (a typed question needs a span of its type, a name "
                                                     f"question a sentence giving a name): "
                                                     f"abstention precision >= {MIN_PRECISION} with recall >= "
                                                     f"{MIN_RECALL} on dev when reachable (then most handled "
                                                     f"right), else the most dev questions handled right "
                                                     f"(answered with an accepted answer or rightly abstained) "
                                                     f"among thresholds with abstention recall >= {FLOOR_RECALL}",
                                   "dev": dev})
    model.save(args.out)
    print(json.dumps(model.fitted, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
