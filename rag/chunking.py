"""Sentences → llama-index nodes. A node carries the ids and offsets of the sentences it holds."""

from __future__ import annotations

from .corpus import Article
from .sentences import Sentence

# Metadata the retrievers need but the embedding and any LLM prompt must not see.
_HIDDEN = ["doc_id", "sentence_ids", "starts", "ends", "title", "date", "outlet"]


def article_nodes(article: Article, sentences: list[Sentence], sentences_per_node: int = 1):
    """Group consecutive sentences into TextNodes (one sentence each by default, the unit of citation).

    Node ids are the first sentence's id, so re-ingesting an unchanged article yields the same ids.
    """
    nodes = []
    for i in range(0, len(sentences), sentences_per_node):
        group = sentences[i:i + sentences_per_node]
        first, last = group[0], group[-1]
        nodes.append(sentence_node(first.sentence_id, article.text[first.start:last.end], {
            "doc_id": article.doc_id, "title": article.title, "date": article.date,
            "outlet": article.outlet,
            "sentence_ids": [s.sentence_id for s in group],
            "starts": [s.start for s in group], "ends": [s.end for s in group],
        }))
    return nodes


def sentence_node(node_id: str, text: str, metadata: dict):
    """The TextNode of `text` with this metadata (also how a store that keeps rows, not nodes, rebuilds one)."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    node = TextNode(id_=node_id, text=text, metadata=metadata,
                    excluded_embed_metadata_keys=list(_HIDDEN), excluded_llm_metadata_keys=list(_HIDDEN),
                    start_char_idx=metadata["starts"][0], end_char_idx=metadata["ends"][-1])
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=metadata["doc_id"])
    return node
