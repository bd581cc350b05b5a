"""hubqa: citation-first question answering over Korean news articles.

    from rag import Assistant
    answer = Assistant.open("index").ask("When did MSS sign its MOU with Shonan iPark?")

Exports resolve lazily, so `rag --help` and pure-logic imports do not load torch or llama-index.
"""

from importlib import import_module

_EXPORTS = {
    "Answer": ".answer", "Article": ".corpus", "Assistant": ".assistant", "Citation": ".citations",
    "HubqaError": ".errors", "IngestReport": ".ingest", "Sentence": ".sentences", "Settings": ".config",
    "Turn": ".conversation",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
