"""Late interaction: how well the words of an English question find counterparts in a Korean sentence.

The encoder's own token vectors, at a middle and the last layer, are compared word by word: each
question token takes its best cosine with the sentence's tokens and the question's score is their
mean (MaxSim, as ColBERT scores). A multilingual encoder aligns "tenants" with 입주 inside its layers
even where the pooled sentence vectors of two candidates are nearly equal, so this separates sentences
that share the question's names but not its predicate. Sentences' vectors are cached by text (the same
sentences come back for follow-ups and related questions); a cache miss costs one encoder pass. The question's
own come from the pass that embedded it for retrieval (`keep_query_states`, rag/embedding.py).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import numpy as np

LAYERS = (8, 12)  # a middle layer aligns words across languages best, the last one knows their context
CACHE_SENTENCES = 2048  # ~80 KB a sentence in float16: ~160 MB at most


class TokenAligner:
    """MaxSim scores of a query against sentences, from `embed_model.token_states` (rag/embedding.py)."""

    def __init__(self, embed_model, cache_size: int = CACHE_SENTENCES):
        self.embed_model = embed_model
        keep = getattr(embed_model, "keep_query_states", None)
        if keep is not None:
            keep(LAYERS)  # the question's states then come from the encoder pass that embedded it for retrieval
        self.cache_size = cache_size
        self._cache: OrderedDict[str, dict[int, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def scores(self, query: str, sentences: list[str]) -> dict[int, list[float]]:
        """{layer: [score of each sentence]}: the mean over the query's tokens of their best cosine."""
        from ..embedding import QUERY_PREFIX

        if not sentences:
            return {layer: [] for layer in LAYERS}
        asked = self.embed_model.token_states([query], QUERY_PREFIX, LAYERS)[0]
        states = self._sentence_states(sentences)
        return {layer: [_maxsim(asked[layer], sentence[layer]) for sentence in states] for layer in LAYERS}

    def word_scores(self, query: str, words: list[str], sentences: list[str]) -> list[list[float]]:
        """For each sentence, each of `words` (found in `query`, case aside) scored by how well its tokens find
        counterparts there, at the middle layer: the mean over its tokens of their best cosine. A word the
        query does not hold is left out. Costs no encoder pass after `scores` of the same query and sentences."""
        from ..embedding import QUERY_PREFIX

        layer = LAYERS[0]
        offsets = self.embed_model.token_offsets(query, QUERY_PREFIX)
        lowered = query.lower()
        tokens_of = []
        for word in words:
            found = re.search(r"(?<!\w)" + re.escape(word.lower()), lowered)
            tokens = [i for i, (start, end) in enumerate(offsets)
                      if found and start < found.end() and end > found.start()]
            if tokens:
                tokens_of.append(tokens)
        if not tokens_of or not sentences:
            return [[] for _ in sentences]
        asked = self.embed_model.token_states([query], QUERY_PREFIX, LAYERS)[0][layer]
        return [[_maxsim(asked[tokens], sentence[layer]) for tokens in tokens_of]
                for sentence in self._sentence_states(sentences)]

    def _sentence_states(self, sentences: list[str]) -> list[dict[int, np.ndarray]]:
        """Each sentence's token states, from the cache or one encoder pass over those it lacks."""
        from ..embedding import PASSAGE_PREFIX

        with self._lock:
            missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        found = {text: {layer: v.astype(np.float16) for layer, v in states.items()}  # as cached: same scores later
                 for text, states in zip(missing, self.embed_model.token_states(missing, PASSAGE_PREFIX, LAYERS))
                 } if missing else {}
        with self._lock:
            self._cache.update(found)
            states = [found.get(s) or self._cache[s] for s in sentences]
            for s in sentences:
                self._cache.move_to_end(s)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return states


def _maxsim(query: np.ndarray, sentence: np.ndarray) -> float:
    if not len(query) or not len(sentence):
        return 0.0
    return float((query @ sentence.astype(np.float32).T).max(axis=1).mean())
