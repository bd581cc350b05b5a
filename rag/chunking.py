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
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    nodes = []
    for i in range(0, len(sentences), sentences_per_node):
        group = sentences[i:i + sentences_per_node]
        first, last = group[0], group[-1]
        node = TextNode(
            id_=first.sentence_id,
            text=article.text[first.start:last.end],
            metadata={
                "doc_id": article.doc_id, "title": article.title, "date": article.date,
                "outlet": article.outlet,
                "sentence_ids": [s.sentence_id for s in group],
                "starts": [s.start for s in group], "ends": [s.end for s in group],
            },
            excluded_embed_metadata_keys=list(_HIDDEN),
            excluded_llm_metadata_keys=list(_HIDDEN),
            start_char_idx=first.start, end_char_idx=last.end,
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=article.doc_id)
        nodes.append(node)
    return nodes
