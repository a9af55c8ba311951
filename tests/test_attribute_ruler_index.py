"""The attribute ruler matched through ``attribute_ruler_index`` gives spaCy's matches and annotations.

Compared on the sentences of real documents (every fixture PDF and the GPAI chapter,
read by PDFium) and on text with runs of spaces and line breaks (the ruler's space patterns): the
ruler's matches, and every token's tag, POS, morphology and lemma after the ruler and the lemmatizer,
with the index and with spaCy's own ``Matcher``.
"""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from analyser.attribute_ruler_index import IndexedRulerMatcher, index_attribute_ruler
from analyser.nlp import load_pipeline, trained_pipeline_name
from fresh_process import run_check

pytestmark = pytest.mark.skipif(trained_pipeline_name() is None, reason="no trained English pipeline installed")


def test_the_loaded_pipelines_ruler_is_indexed() -> None:
    ruler = load_pipeline(True).get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedRulerMatcher)
    # most patterns are looked up, not tried at every token
    assert len(ruler.matcher.rest) < 40 and len(ruler.patterns) == len(ruler.attrs)


# in a process of its own (tests/fresh_process.py): thousands of parsed sentences
_COMPARE = """
from analyser.nlp import load_pipeline
nlp = load_pipeline(True)
ruler = nlp.get_pipe("attribute_ruler")
indexed = ruler.matcher
texts = corpus_sentences() + ["It is  there , and\\n\\nthere 's  more :\\t(a) don't  stop.  ", "  ",
                              "There are  2 ways\\n to do it."]

def annotated():
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
            for doc in nlp.pipe(texts, batch_size=32)]

parsed = list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"], batch_size=32))
ours, ours_annotated = [ruler.match(doc) for doc in parsed], annotated()
ruler.matcher = indexed.original
theirs, theirs_annotated = [ruler.match(doc) for doc in parsed], annotated()
print(json.dumps({"sentences": len(texts), "matches": sum(map(len, theirs)), "same_matches": ours == theirs,
                  "same_annotations": ours_annotated == theirs_annotated}))
"""


def test_matches_and_annotations_are_spacys() -> None:
    got = run_check(_COMPARE)
    assert got["sentences"] > 1500 and got["matches"] > 20000, got
    assert got["same_matches"] and got["same_annotations"], got


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
