"""The qualifier lexicon's matches two ways, for the tests that compare them: as ``qualifiers_match._compile`` finds
them now (a Matcher and, for plain runs of words, a PhraseMatcher) and as it found them before (every expanded
pattern in one Matcher). Shared by the in-process test and the corpus-wide check run in a fresh process."""

from __future__ import annotations

from spacy.matcher import Matcher, PhraseMatcher

from analyser import qualifiers_match as qm


def reference(nlp, lexicon, relaxed: bool):
    """The matches as ``_compile`` found them before: every expanded pattern in one ``Matcher``."""
    matcher = Matcher(nlp.vocab, validate=False)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for e in lexicon.entries.values():
        if relaxed and (e.trained_only or e.dep_patterns):
            continue
        if e.patterns:
            pats = [qm._relax(p) for p in e.patterns] if relaxed else e.patterns
            matcher.add(e.id, [x for p in pats for x in qm._expand_leading(p)])
        if e.phrases:
            phrases.add(e.id, [nlp.make_doc(p) for p in e.phrases])
    return lambda doc: set(matcher(doc)) | set(phrases(doc))


def compiled(nlp, lexicon, relaxed: bool):
    c = qm._compile(nlp, lexicon, relaxed)
    return lambda doc: set(c.matcher(doc)) | set(c.phrases(doc))
