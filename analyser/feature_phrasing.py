"""How a clause says that a service has, lacks or does one of several things, said as the features are worded.

"services that have no direct messaging" -> "services that do not have direct messaging"; "on which Australian children
cannot hold accounts" -> "on which not Australian children can hold accounts" (the feature, "children can hold accounts",
kept whole); "if it hosts either of the following: (a) a Tier 1 social media service; (b) ..." -> "if it hosts a Tier 1
social media service or hosts ...".

Why its own module: each is a rewrite of how the verb and its object are put, not of whom the sentence is about; the
vocabulary's wordings of features then read the result. Split from ``application_rewrites`` (which had reached its size).
"""

from __future__ import annotations

import re

# "services that have no direct messaging functionality", "with no livestreaming" (never "no more than", "no reason to")
_HAS_NO = re.compile(r"\b(has|have|with|publish|publishes|offer|offers|provide|provides|use|uses)\s+no\s+(?:(?P<what>\w+)\s+at\s+all\s+)?(?!(?:more|fewer|less|greater|other|one|reason|grounds|means|way|control|"
                     r"knowledge|obligation|duty)\b)", re.I)


def _has_no(m: re.Match[str]) -> str:
    """"has no X" -> "does not have X", "publish no rules at all about ..." -> "do not publish rules about ..."."""
    verb = m.group(1).lower()
    rest = f"{m.group('what')} " if m.group("what") else ""
    if verb == "with":
        return "without " + rest
    plain = {"has": "have", "publishes": "publish", "offers": "offer", "provides": "provide", "uses": "use"}
    return ("does not " if verb in plain else "do not ") + plain.get(verb, verb) + " " + rest


_CANNOT = re.compile(r"(?:(?<=\bwhich\s)|(?<=\bwhere\s)|(?<=\bwhen\s)|(?<=\bif\s))((?:australian\s+)?(?:children|child\s+users|users|end-?\s?users|a\s+user|a\s+child|an\s+end-?\s?user|other\s+users)"
                     r"(?:\s+of\s+the\s+service)?)\s+(?:cannot|can\s+not|are\s+not\s+able\s+to|is\s+not\s+able\s+to|are\s+unable\s+to|"
                     r"is\s+unable\s+to)\s+", re.I)


# "if it hosts either of the following: (a) a Tier 1 social media service; (b) a high impact ... service": the verb said
# with each item, as the features name them ("hosts a Tier 1 social media service or hosts a high impact ...")
_VERB_OVER_LIST = re.compile(r"\b(?P<verb>hosts?|offers?|has|have|provides?|operates?|distributes?)\s+(?:either|any|one\s+or\s+more|at\s+least\s+one)"
                             r"\s+of\s+the\s+following\s*:\s*(?P<items>[^.]+)", re.I)


def _verb_over_list(m: re.Match[str]) -> str:
    items = [re.sub(r"^\s*(?:or\s+|and\s+)?(?:\(\w{1,4}\)\s*)?", "", i).strip(" ,;") for i in re.split(r";|,\s*(?=\(\w{1,4}\))", m.group("items"))]
    items = [i for i in items if i]
    return " or ".join(f"{m.group('verb')} {i}" for i in items) if len(items) > 1 else m.group(0)


def verbs_over_lists(work: str) -> str:
    """``work`` with a verb said before a list of what it takes said with each item."""
    return _VERB_OVER_LIST.sub(_verb_over_list, work)


# "a Tier 1 social media service, whether the service is Tier 1 for online pornography, for self-harm material, or for
# both": the aside says which Tier 1 it is (the Phase 2 codes have two); dropped as a "whether" that restricts nothing,
# it had left a Tier 1 of the earlier codes (so it runs before the asides are dropped)
_TIER_SPELLED_OUT = re.compile(
    r"\b(?P<tier>tier\s+(?:1|2|3|one|two|three))\s+(?P<kind>(?:[\w-]+\s+){0,4}?services?),?\s+whether\s+(?:it\s+is|the\s+service\s+is)\s+"
    r"(?:(?P=tier)\s+)?for\s+(?P<a>[^,.;]+?)\s*,?\s+(?:or\s+)?(?:(?P=tier)\s+)?for\s+(?P<b>[^,.;]+?)(?:\s*,?\s*or\s+(?:for\s+)?both)?(?=\s*[,.;]|$)",
    re.I)


def tiers_spelled_out(work: str) -> str:
    """``work`` with a tier the sentence spells out after a comma said as the tiers it names."""
    return _TIER_SPELLED_OUT.sub(lambda m: f"{m.group('kind')} that is {m.group('tier')} for {m.group('a')} or {m.group('tier')} "
                                           f"for {m.group('b')}", work)


def plain_feature_phrasing(work: str) -> str:
    """``work`` with "either" after a verb dropped, "cannot" and "has no" said before the feature."""
    # "a hosting service that hosts either a Tier 1 social media service or ...": the verb's "either" adds nothing
    work = re.sub(r"\b(hosts?|offers?|provides?|operates?|runs?)\s+either\s+(?=(?:an?|the)\s)", r"\1 ", work, flags=re.I)
    # "on which users cannot have a profile", "on which Australian children cannot hold accounts": the "not" before what
    # they can do, which is the feature ("children can hold accounts" is one); not "messages that other users cannot see",
    # a wording of the feature itself
    work = _CANNOT.sub(r"not \1 can ", work)
    # "services used by both adults and children": the participle said as the relative clause the features are worded in
    # (never "used by more than 7 million people", a number of users read as it stands)
    work = re.sub(r"\b(services?)\s+used\s+(?=(?:mainly\s+|mostly\s+|largely\s+)?by\s+(?:both|children|adults|young)\b)",
                  r"\1 that are used ", work, flags=re.I)
    # "If your online game offers in-app purchases": the reader's service is a game, and offers them (the game had been
    # taken for the reader's service alone, whatever it is)
    work = re.sub(r"\b((?:if|where|when)\s+your)\s+(?:online\s+)?game\s+(?!is\b|are\b)(?=[a-z]+s\b)", r"\1 service is an online game and ", work, flags=re.I)
    # "services that have no direct messaging functionality", "with no livestreaming": the feature absent
    return _HAS_NO.sub(_has_no, work)
