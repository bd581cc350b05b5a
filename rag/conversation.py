"""Follow-up questions: condense the conversation into a standalone retrieval query (no LLM).

Without a generative model we carry the entities of earlier turns: a follow-up with no entity of
its own ("When will it open?", "거기엔 몇 개사가 있어?") inherits those of the latest turn that had some.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-(?:[A-Za-z0-9]+|[가-힣]+))*"  # K-StartHub, Yong-seok, K-바이오랩허브
_LATIN_ENTITY = re.compile(rf"(?<![A-Za-z0-9-]){_NAME_WORD}(?:\s+{_NAME_WORD})*")
_EN_STOP = {"When", "What", "Who", "Where", "Which", "How", "Why", "Is", "Are", "Does", "Did", "Do", "The", "And",
            "Will", "Can", "According", "In", "On", "At", "Tell", "Please", "Has", "Have", "Was", "Were", "I",
            "It", "They", "A", "An", "Give", "List", "Name", "Show", "With", "Through", "By", "From", "For",
            "Of", "To", "About", "After", "Before", "During", "Since", "Until", "Korean", "Japanese", "Ministry",
            "Startups", "Startup", "Vice", "Minister", "Which", "Whose", "Whom", "Should", "Would", "Could",
            "MOU", "CEO", "AI", "SMEs", "SME", "MSS"}


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation."""

    question: str
    answer: str = ""


_GENERIC_PLACES = {"한국", "일본", "한", "일", "중국", "미국", "한일", "국내", "해외"}  # too broad to pin a sentence
_PARTICLE = re.compile(r"(?<=[가-힣])(?:은|는|이|가|을|를|의|에|에서|와|과|로|으로|도|만|이나|에는)$")


def _strip_particle(word: str) -> str:
    """'K-바이오랩허브는' → 'K-바이오랩허브': a Hangul tail after a hyphen may carry a particle."""
    return _PARTICLE.sub("", word) if "-" in word else word


def entities(text: str) -> list[str]:
    """Named things in a question: capitalised Latin names and Kiwi proper nouns, in order.

    >>> entities("What is K-StartHub?")
    ['K-StartHub']
    """
    from .sentences import kiwi

    found: list[str] = []
    for m in _LATIN_ENTITY.finditer(text):
        words = [_strip_particle(re.sub(r"-(?:built|based|led|run|owned|made)$", "", w)) for w in m.group().split()]
        while words and words[0] in _EN_STOP:
            words = words[1:]
        while words and words[-1] in _EN_STOP:
            words = words[:-1]
        word = " ".join(words)
        if len(word) > 1 and word not in found:
            found.append(word)
    for token in kiwi().tokenize(text):
        if token.tag == "NNP" and token.form not in _GENERIC_PLACES and token.form not in found and not any(token.form in f for f in found):
            found.append(token.form)
    return found


_PRONOUN = re.compile(r"\b(?:it|its|there|they|them|their|this|that|he|she|his|her)\b|거기|그곳|이곳|그들|그\s|이\s?곳|해당", re.I)


def standalone_query(question: str, history: list[Turn] | None) -> str:
    """The question itself when it names something and points back at nothing; else it is prefixed with
    the entities of the latest turn that named some ("When did it sign an MOU?" after "What is Shonan iPark?")."""
    if not history or (entities(question) and not _PRONOUN.search(question)):
        return question
    for turn in reversed(history):
        carried = entities(turn.question)
        if carried:
            return ", ".join(carried) + ". " + question
    return question
