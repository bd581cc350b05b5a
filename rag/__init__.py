"""hubqa: citation-first question answering over Korean news articles.

    from rag import Assistant
    answer = Assistant.open("index").ask("When will Hanbit Lab open?")

Exports resolve lazily, so `rag --help` and pure-logic imports do not load torch or llama-index.
"""

from importlib import import_module

_EXPORTS = {
    "Answer": ".answer", "Article": ".corpus", "Assistant": ".assistant", "Citation": ".citations",
    "HubqaError": ".errors", "IngestReport": ".ingest", "Sentence": ".sentences", "Settings": ".config",
    "Turn": ".conversation",
    # the pipeline's stages, for the eval harness and the benchmark (evals/) and for scripts; ingest is
    # `Assistant.ingest` (a package attribute `ingest` would be shadowed by the submodule rag.ingest)
    "load_corpus": ".corpus", "render_article": ".corpus", "split_article": ".sentences", "UNKNOWN_DATE": ".corpus",
    # what the benchmark measures beside the Assistant: the raw encoder and the vector index itself
    "PASSAGE_PREFIX": ".embedding", "load_sentence_transformer": ".embedding",
    "SentenceVectorStore": ".vector_store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
