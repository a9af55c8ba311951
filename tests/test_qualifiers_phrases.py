"""Lexicon patterns that are plain runs of words are matched by the phrase matcher, with the same hits.

``qualifiers_match._compile`` puts a pattern that is only plain lower-case ``LOWER`` values into a
``PhraseMatcher`` instead of the ``Matcher`` (which tries every pattern at every token). Compared here
with every expanded pattern in one ``Matcher``, as before: the relaxed pass on every sentence of the
fixture PDFs and the GPAI chapter, the full patterns on the parsed sentences of two of them.
"""

from __future__ import annotations

import pytest

from analyser import qualifiers_match as qm
from analyser.nlp import load_pipeline, trained_pipeline_name
from analyser.qualifiers_lexicon import load_lexicon
from fresh_process import run_check
from matcher_reference import compiled, reference


def test_most_plain_patterns_go_to_the_phrase_matcher() -> None:
    nlp = load_pipeline(trained=False)
    lexicon = load_lexicon()
    c = qm._compile(nlp, lexicon, relaxed=True)
    in_matcher = sum(len(c.matcher.get(k)[1]) for k in lexicon.entries if c.matcher.get(k))
    assert 150 < in_matcher < 330  # of 448 expanded patterns, 190 are plain runs of words


# in a process of its own (tests/fresh_process.py): every sentence of the corpus tokenised, some parsed
_COMPARE = """
sys.path.insert(0, str(ROOT / "tests"))
from analyser.nlp import load_pipeline, sentencizer
from analyser.qualifiers_lexicon import load_lexicon
from matcher_reference import compiled as _compiled, reference as _reference
nlp, lexicon, split = load_pipeline(True), load_lexicon(), sentencizer()
compiled, reference = (lambda relaxed: _compiled(nlp, lexicon, relaxed)), (lambda relaxed: _reference(nlp, lexicon, relaxed))

out = {}
docs = [split(nlp.make_doc(" ".join(t.split()))) for t in page_texts([*sorted(FIXTURES.rglob("*.pdf")), GPAI])]
ours, theirs = compiled(True), reference(True)
hits = [ours(d) for d in docs]
out["relaxed_same"], out["relaxed_hits"] = hits == [theirs(d) for d in docs], sum(map(len, hits))
sents = corpus_sentences([FIXTURES / "icu_sample.pdf", GPAI])
parsed = list(nlp.pipe(sents, batch_size=32))
ours, theirs = compiled(False), reference(False)
hits = [ours(d) for d in parsed]
out["full_same"], out["full_hits"] = hits == [theirs(d) for d in parsed], sum(map(len, hits))
print(json.dumps(out))
"""


@pytest.mark.skipif(trained_pipeline_name() is None, reason="no trained English pipeline installed")
def test_hits_are_the_matchers_on_every_sentence_of_the_corpus() -> None:
    got = run_check(_COMPARE)
    # (the GPAI chapter in ../shared adds about 100 full hits; without it, the ICU sample's alone)
    assert got["relaxed_hits"] > 2000 and got["full_hits"] > 200, got
    assert got["relaxed_same"] and got["full_same"], got


def test_a_capitalised_value_is_left_to_the_matcher(tmp_path) -> None:
    # LOWER "Swiftly" can never equal a token's lower-case form; a phrase doc would lower it and match
    user = tmp_path / "mine.toml"
    user.write_text('[[entry]]\nid = "mine.caps"\ncategory = "timing"\npattern = [{LOWER = "Swiftly"}]\n'
                    'notes = "never matches"\n', encoding="utf-8")
    nlp = load_pipeline(trained=False)
    lexicon = load_lexicon(user)
    doc = nlp("Act swiftly, SWIFTLY and Swiftly.")
    assert not any(nlp.vocab.strings[m] == "mine.caps" for m, _, _ in qm._compile(nlp, lexicon, True).phrases(doc))
    assert compiled(nlp, lexicon, True)(doc) == reference(nlp, lexicon, True)(doc)
