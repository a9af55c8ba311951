"""The grammar's fixed words are data (analyser/data/grammar_words.toml): each phrase reaches the
parser as the token it is listed as, and a broken list is refused by name rather than read wrong."""

from __future__ import annotations

import pytest

from analyser.condition_tokens import GRAMMAR_KINDS, fixed_words, lexicon_for, tokenise
from analyser.conditions import describe, parse_application
from analyser.vocabulary import load_vocabulary


def test_every_listed_phrase_reaches_the_parser_as_one_token_of_its_kind():
    lexicon = lexicon_for(load_vocabulary())
    vocabulary_wordings = {k for k, v in lexicon.phrases.items() if v[0] in ("HARM", "FEATURE", "KIND")}
    wrong = []
    for phrase, (kind, value) in fixed_words().items():
        toks = tokenise(phrase, lexicon)
        if phrase == "non-" or tuple(t.text for t in toks) in vocabulary_wordings:
            continue  # "non-" only prefixes a word; a vocabulary wording wins over a grammar word
        if len(toks) != 1 or toks[0].kind != kind or toks[0].value != value:
            wrong.append((phrase, [(t.kind, t.text) for t in toks]))
    assert not wrong, wrong
    assert len(fixed_words()) > 200


def test_a_kind_the_grammar_does_not_read_is_refused_naming_the_entry(tmp_path):
    bad = tmp_path / "words.toml"
    bad.write_text('[[words]]\nkind = "HEAD"\nphrases = ["services"]\n\n'
                   '[[words]]\nkind = "ADJECTIVE"\nvalue = "large"\nphrases = ["large"]\n')
    with pytest.raises(ValueError, match=r"entry 2: kind 'ADJECTIVE'"):
        fixed_words(str(bad))
    assert "ADJ" in GRAMMAR_KINDS


@pytest.mark.parametrize("text, reading", [
    # ATLEAST entries carry their count, and for "priority content" the kinds counted, from the data
    ("This measure applies to providers of services at medium or high risk of two or more kinds of "
     "priority content.", "at least 2 of"),
    # NADJ: "small" is read as not large, from the data's value
    ("This measure applies to providers of small services.", "not large"),
])
def test_data_values_reach_the_reading(text, reading):
    result = parse_application(text)
    assert reading in describe(result.condition), describe(result.condition)
