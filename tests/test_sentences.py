"""Sentence splitting: offsets are exact for any text (property-tested), ids are stable."""

from hypothesis import given, settings, strategies as st

from rag.corpus import Article
from rag.sentences import morphemes, split_article, split_spans

KOREAN_ENGLISH = st.lists(
    st.sampled_from(list("가나다라마바사아자차카타파하한국일본 .?!,\n\t·“”'\"()[]-=0123456789abcXYZ")
                    + ["\n\n", "다. ", "요? ", "。", "Hello world. ", "입니다."]),
    max_size=120).map("".join)


@settings(max_examples=150, deadline=None)
@given(KOREAN_ENGLISH)
def test_spans_are_exact_ordered_and_trimmed(text):
    spans = split_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # no character is lost


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_offsets_hold_for_arbitrary_unicode(text):
    article = Article(doc_id="t", title="t", date="2026-01-01", text=text)
    for s in split_article(article):
        assert article.text[s.start:s.end] == s.text


def test_seed_sentences_have_stable_ids():
    text = "중기부와 쇼난 I-Park는 협력한다. 한국 벤처 10개사가 입주해 있다.\n\n새 문단입니다."
    article = Article(doc_id="doc", title="t", date="2026-01-01", text=text)
    sentences = split_article(article)
    assert [s.sentence_id for s in sentences] == ["doc#0", "doc#1", "doc#2"]
    assert sentences[1].text == "한국 벤처 10개사가 입주해 있다."


def test_morphemes_normalise_inflection():
    assert "개소" in morphemes("K-StartHub는 언제 개소해?")
    assert "starthub" in morphemes("K-StartHub는 언제 개소해?")


def test_a_name_kiwi_reads_across_its_space_gives_each_word_as_a_morpheme_too():
    from rag.sentences import morphemes_batch

    sentence = "배우 조니 뎁이 내한했다."  # written for this test; Kiwi reads "조니 뎁" as one proper noun
    assert {"조니 뎁", "조니", "뎁"} <= set(morphemes(sentence))
    assert morphemes_batch([sentence]) == [morphemes(sentence)]
