"""The attribute ruler matched through ``attribute_ruler_index`` gives spaCy's matches and annotations.

Compared on the sentences of real documents (every fixture PDF and the GPAI chapter,
read by PDFium) and on text with runs of spaces and line breaks (the ruler's space patterns): the
ruler's matches, and every token's tag, POS, morphology and lemma after the ruler and the lemmatizer,
with the index and with spaCy's own ``Matcher``.
"""

from __future__ import annotations

import pypdfium2
import pytest
from spacy.matcher import Matcher

from analyser.attribute_ruler_index import IndexedRulerMatcher, index_attribute_ruler
from analyser.nlp import load_pipeline, sentencizer, trained_pipeline_name
from conftest import FIXTURES, SHARED

pytestmark = pytest.mark.skipif(trained_pipeline_name() is None, reason="no trained English pipeline installed")

_DOCUMENTS = [*sorted(FIXTURES.rglob("*.pdf")),
               SHARED / "corpus" / "eu-gpai-safety-security.pdf"]


def _sentences() -> list[str]:
    nlp = load_pipeline(True)
    split = sentencizer()
    texts = []
    for path in _DOCUMENTS:
        if path.exists():
            pdf = pypdfium2.PdfDocument(str(path))
            texts.extend(page.get_textpage().get_text_bounded() for page in pdf)
            pdf.close()
    sents = [s.text for t in texts for s in split(nlp.make_doc(t)).sents if s.text.strip()]
    return sents + ["It is  there , and\n\nthere 's  more :\t(a) don't  stop.  ", "  ", "There are  2 ways\n to do it."]


def _annotated(nlp, texts: list[str]) -> list[list[tuple]]:
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        out.append([(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc])
    return out


def test_the_loaded_pipelines_ruler_is_indexed() -> None:
    ruler = load_pipeline(True).get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedRulerMatcher)
    # most patterns are looked up, not tried at every token
    assert len(ruler.matcher.rest) < 40 and len(ruler.patterns) == len(ruler.attrs)


def test_matches_and_annotations_are_spacys() -> None:
    nlp = load_pipeline(True)
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = ruler.matcher
    texts = _sentences()
    assert len(texts) > 1500
    parsed = list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"], batch_size=32))
    try:
        ours = [ruler.match(doc) for doc in parsed]
        ours_annotated = _annotated(nlp, texts)
        ruler.matcher = indexed.original
        theirs = [ruler.match(doc) for doc in parsed]
        theirs_annotated = _annotated(nlp, texts)
    finally:
        ruler.matcher = indexed
    assert ours == theirs
    assert sum(map(len, theirs)) > 20000
    assert ours_annotated == theirs_annotated


def test_patterns_of_every_kind_match_as_spacys_matcher(tmp_path) -> None:
    # one-token patterns indexed by word, tag or label, with IN and NOT_IN sets, a flag, an empty set,
    # and patterns left to the Matcher (two tokens, an operator, an attribute the index does not read)
    nlp = load_pipeline(True)
    patterns = [
        [[{"LOWER": "there"}]], [[{"TAG": "NN"}]], [[{"DEP": "aux", "TAG": {"NOT_IN": ["TO", ""]}}]],
        [[{"LOWER": {"IN": ["is", "are", "be"]}, "TAG": {"IN": ["VBZ", "VBP", "VB"]}}]],
        [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], [[{"IS_SPACE": True}]], [[{"TAG": {"IN": []}}]],
        [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]], [[{"LOWER": "it", "OP": "?"}]],
        [[{"IS_ALPHA": True, "LOWER": "do"}]], [[{"ORTH": "2"}]], [[{"NORM": "do"}]],
        [[{"LOWER": {"IN": [str(k) for k in range(70)]}}]],
        [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], [[{"LOWER": "gon"}, {"LOWER": "na"}]],
        [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]],
    ]
    original = Matcher(nlp.vocab)
    for k, pats in enumerate(patterns):
        original.add(str(k), pats)
    indexed = IndexedRulerMatcher(original, [str(k) for k in range(len(patterns))])
    # left to spaCy: the operator and the lone regex on every doc; the rest only where their words are
    assert len(indexed.rest) == 2 and len(indexed.gated) == 5
    for doc in nlp.pipe(["There is  a cat, and it's there.\n", "Do it: there are 2 of them.", "", " ",
                         "Y'all are gon na see nothin' 12 times.", "y all", "Gon na"]):
        assert sorted(indexed(doc, allow_missing=True)) == sorted(original(doc, allow_missing=True))


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    blank = load_pipeline(False)
    index_attribute_ruler(blank)
    assert "attribute_ruler" not in blank.pipe_names
