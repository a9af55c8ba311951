"""The rule lemmatizer's word lists answer ``in`` from a set (``nlp.IndexWords``), with the same lemmas.

spaCy's English lemmatizer asks ``form in index`` of a list of up to 57,528 words for every candidate
form of every new word; the loaded pipeline's lists are replaced by ``IndexWords``, a list with a set
beside it. Checked here: every list is indexed and equal to the package's, ``in`` answers as the list
does, the tables serialise to the same bytes, and the lemmatizer gives the same candidate lemmas as
spaCy's own, list-walking one for every token of the sample's text.
"""

from __future__ import annotations

import pytest
import spacy

from analyser.nlp import UNUSED_COMPONENTS, IndexWords, index_lemma_words, load_pipeline, trained_pipeline_name

pytestmark = pytest.mark.skipif(trained_pipeline_name() is None, reason="no trained English pipeline installed")


@pytest.fixture(scope="module")
def plain_lemmatizer():
    """The package's lemmatizer as ``spacy.load`` gives it: its ``lemma_index`` holds plain lists."""
    nlp = spacy.load(trained_pipeline_name(), exclude=list(UNUSED_COMPONENTS))
    return nlp.get_pipe("lemmatizer")


def test_every_word_list_of_the_loaded_lemmatizer_is_indexed_and_the_same(plain_lemmatizer):
    ours = load_pipeline(True).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    theirs = plain_lemmatizer.lookups.get_table("lemma_index")
    assert list(ours) == list(theirs) and len(ours) >= 4  # the same parts of speech, in the same order
    for key in theirs:
        assert type(theirs[key]) is list
        assert isinstance(ours[key], IndexWords), key
        assert ours[key] == theirs[key]
    # the lookups serialise to the same bytes: IndexWords is a list to everything but ``in``
    assert load_pipeline(True).get_pipe("lemmatizer").lookups.to_bytes() == plain_lemmatizer.lookups.to_bytes()


def test_in_answers_as_the_list_does():
    words = ["provider", "service", "user", "provider", "e-mail", "12", ""]
    indexed = IndexWords(words)
    asked = [*words, "Provider", "providers", "servic", " user", "x", None, 12, ("user",), ["user"], {"a": 1}]
    assert [w in indexed for w in asked] == [w in words for w in asked]
    assert indexed == words and bool(indexed) and not IndexWords() and list(indexed) == words


def test_indexing_twice_changes_nothing_and_a_blank_pipeline_has_nothing_to_index():
    assert index_lemma_words(load_pipeline(True)) == 0  # already indexed at load
    assert index_lemma_words(load_pipeline(False)) == 0  # no lemmatizer


def test_the_same_lemmas_as_spacys_own_lemmatizer_on_the_sample(sample_icu_pdf, plain_lemmatizer):
    from analyser.extraction.checked_input import check_input
    from analyser.extract import extract_code

    code = extract_code(check_input(sample_icu_pdf))
    texts = [p.text for m in code.measures for p in m.paragraphs]
    nlp = load_pipeline(True)
    ours = nlp.get_pipe("lemmatizer")
    tokens = 0
    for doc in nlp.pipe(texts, disable=["lemmatizer"]):
        for token in doc:
            assert ours.rule_lemmatize(token) == plain_lemmatizer.rule_lemmatize(token), token.text
            tokens += 1
    assert tokens > 3000
