"""Sentences that say a measure holds for everyone alike, which had left whole clauses undecided: what a measure means for
small providers ("A small organisation is expected to do this just as much as a large one", "A Signatory that is an
SME may keep that document brief"), "It makes no difference whether ...", "This holds whatever ...", and the ICO code's
own scope said of the reader ("This code applies to you if you provide an online product or service that children are
likely to use"). Beside each, the wordings that look alike but do say whom, which must stay as they were. The wording
is this file's own, in the shapes every writer of the evaluation sets has used for these sentences.
"""

from __future__ import annotations

from analyser.conditions import parse_application
from analyser.profiles import load_profile
from analyser.vocabulary import vocabulary_for
from clause_reading import clause_reading as _reading
from one_measure_code import ESAFETY, GPAI, ICO, ico_status
from one_measure_code import one_measure_code as _code

ICU = "codes/profiles/icu.toml"


def _unparsed(profile: str, text: str) -> list[str]:
    prof = load_profile(profile)
    return parse_application(text, prof.kind, vocabulary_for(prof.services), prof.measure_id_pattern,
                             prof.application_intros).unparsed


def test_small_providers_held_to_the_measure_like_any_other():
    for text in ("Explain your privacy information in words a child can follow. A small charity with three volunteers is "
                 "held to this as fully as a large platform.",
                 "Explain your privacy information in words a child can follow. Start-ups and sole traders are no exception.",
                 "Explain your privacy information in words a child can follow. A sole trader running one app can meet this "
                 "with a short in-app notice.",
                 "Explain your privacy information in words a child can follow. Small businesses need to do this just as "
                 "larger ones do."):
        # every word understood (clause_reading asserts it), and every service covered
        every = _reading(ICO, text)
        assert every(kind="online-service", features=["likely-accessed-by-children"]) is True, text
        assert every(kind="online-service", features=["likely-accessed-by-children", "online-game"]) is True, text
    brief = _reading(GPAI, "Each Signatory shall set out its copyright policy in one document. A Signatory that is an SME "
                           "may keep that document short.")
    assert brief(kind="gpai-provider") is True
    assert brief(kind="gpai-provider", features=["sme"]) is True


def test_what_is_said_of_small_providers_that_may_say_whom_stays():
    # a release, a limit and a sentence standing alone: never passed over as saying nothing of whom
    for text in ("Explain your privacy information in words a child can follow. Small organisations need not do this.",
                 "Explain your privacy information in words a child can follow. A sole trader may instead link to our "
                 "guidance.",
                 "Explain your privacy information in words a child can follow. Start-ups can meet this only where they "
                 "have no users under 13."):
        assert _unparsed(ICO, text), text
    assert _unparsed(GPAI, "Start-ups may meet the resourcing Measure with staff shared across functions.")


def test_it_makes_no_difference_whether():
    dm = _reading(ICO, "If children can send private messages on your service, set messages from strangers to off by "
                       "default. It makes no difference whether the messages are end-to-end encrypted.")
    assert dm(kind="online-service", features=["likely-accessed-by-children", "direct-messaging"]) is True
    assert dm(kind="online-service", features=["likely-accessed-by-children"]) is False
    for tail in ("The size of your organisation makes no difference.", "How big you are makes no difference.",
                 "It does not matter whether you charge for the service, nor how many people you employ.",
                 "Your turnover and the number of your users do not change that."):
        every = _reading(ICO, f"Give children a high level of privacy by default. {tail}")
        assert every(kind="online-service", features=["likely-accessed-by-children"]) is True, tail
    # a sentence that opens with the services it is about is not passed over
    assert _unparsed(ICU, "This measure applies to providers of all services. For services with more than 7 million "
                          "users, whether the messages are encrypted makes no difference.")


def test_this_holds_whatever():
    for tail in ("This holds however many staff the provider employs.", "This holds whatever kind of community the service "
                 "hosts.", "This is so whether the service is general or vertical.", "This holds for every service in scope."):
        large = _reading(ICU, f"This measure applies to providers of large services. {tail}")
        assert large(users=8_000_000) is True, tail
        assert large(users=10_000) is False, tail
    assert _unparsed(ICU, "This measure applies to providers of large services. This holds only where the service is "
                          "multi-risk.")


def test_the_code_applies_to_you_if_you_provide_what_children_use():
    for text in ("This code applies to you if you provide an online product or service that children in the UK are likely "
                 "to use.",
                 "This code applies to you if you offer an online service, such as an app, a game, a website or a connected "
                 "toy, that children are likely to use.",
                 "This code is for you if you provide an app, a website, a game or another online product that is likely "
                 "to be used by children, whether that is a social platform or a streaming service."):
        code = _code(ICO, [text], "ICO Scope")
        # the examples name kinds of service, never features that narrow it
        assert ico_status(code) == "applies", text
        assert ico_status(code, "connected-toy") == "applies", text
    # "you provide X that children use" where X is a feature of the code stays that feature
    games = _reading(ICO, "This standard applies to you if you provide an online game that children are likely to use.")
    assert games(kind="online-service", features=["likely-accessed-by-children", "online-game"]) is True
    assert games(kind="online-service", features=["likely-accessed-by-children"]) is False


def test_a_release_said_of_small_providers_in_esafety_words_stays_a_release():
    # "A Tier 3 provider with fewer than 10 staff need not ..." lets those providers out, and is never passed over
    assert _unparsed(ESAFETY, "A provider of a social media service must publish its terms. A small provider need not "
                              "publish them in more than one language.")
