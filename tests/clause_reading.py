"""One application clause read through a profile, as a function from a described service to covered (True),
not covered (False) or undecided (None): how the wording tests ask "is this service covered?" (shared by the
tests of lists and wordings, of labels and quantifiers, and of the profiles' vocabularies)."""

from __future__ import annotations

from typing import Callable

from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.service import service_from_options
from analyser.truth import truth
from analyser.vocabulary import vocabulary_for


def clause_reading(profile: str, text: str) -> Callable[..., bool | None]:
    """The clause's reading; every word of it must have been understood (else the test is about nothing)."""
    prof = load_profile(profile)
    vocab = vocabulary_for(prof.services)
    app = parse_application(text, prof.kind, vocab, prof.measure_id_pattern, prof.application_intros)
    assert not app.unparsed, app.unparsed

    def covered(**service) -> bool | None:
        return truth(app.condition, service_from_options(vocab=vocab, **service), vocab)

    return covered
