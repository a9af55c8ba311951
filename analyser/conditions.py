"""Application wording → a condition tree over named atoms.

Why a small explicit grammar rather than a statistical parser: application clauses in codes
of practice are short, formulaic noun phrases ("large or multi-risk services", "services at
high risk of image-based CSAM that have more than 700,000 monthly active UK users or are
file-storage and file-sharing services"), and an officer must be able to see exactly why a
phrase became the tree it did. The grammar:

    sentence   := INTRO clause            -- "This measure applies to providers of ..."; "It does
                                             not apply to ..." negates; sentences join with "or"
    clause     := group (CONJ group)* [EXCEPT clause]  -- between service groups "and"/"or"/","
                                             all mean union; "except"/"other than" subtracts
    group      := [ALL] premods [HEAD] postmod*
    premods    := premod ((or | and | ,) premod)*     -- "large or multi-risk", as written
    premod     := [NOT] (ADJ | FEATURE | KIND | SEARCH_TYPE)
    postmod    := risk | users | WITH relbody | REL relbody | participle relbody | FEATURE
    relbody    := pred ((and | or | ,) [REL | "the service"] pred)*
    pred       := [VERB] [NOT] [VERB] (neither p nor p | either p or p | risk | users | premods [HEAD])
    risk       := [AT] LEVELS RISK (OF | FOR) harms    -- "at medium or high risk of fraud or hate"

Connectives bind at three strengths, tightest first: plain "and"/"or" between predicates ("and"
before "or"); "and that"/"or that" or a restated subject ("; or (c) the service is ...")
between clauses; and bare juxtaposition of post-modifiers, which restricts ("services at high
risk of X with more than N users or that are Y" is X and (N or Y)). A comma in a list takes the
connective that ends the list at its own strength ("A, B or C").

Tokens are found by longest match against a lexicon built from ``data/harms.toml`` (harm and
feature wordings, which users can extend) and the fixed grammar words below. Anything the
grammar cannot place is returned in ``Applicability.unparsed`` and lowers ``confidence``: a
clause is never silently narrowed or widened.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Iterator

from .models import Applicability, Condition
from .paths import PACKAGE_DATA

LEVELS = ("negligible", "low", "medium", "high")
LARGE_THRESHOLD = 7_000_000
MULTI = "#multi"  # pseudo-harm for "two or more kinds of illegal harm"
ALL_HARMS = "#all"  # pseudo-harm for "all kinds of illegal harm"

# ---------------------------------------------------------------------------- vocabulary


@dataclass
class Vocabulary:
    """Harm, feature and service-kind keys with their wordings, and the counting rules of one code.

    The base is ``data/harms.toml``; a code profile's ``[services]`` table adds its own kinds,
    features and harms and sets its rules (``vocabulary_for``), so that a new regulator's code is
    read through data, not code.
    """

    levels: tuple[str, ...]
    harms: dict[str, dict[str, Any]]  # key -> {group, label, variants}
    features: dict[str, dict[str, Any]]
    harm_groups: dict[str, list[str]]
    any_harm: list[str]
    multi_harm: list[str]
    all_harms: list[str]
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> {label, variants}
    risk_group: str | None = None  # harms that count for multi-risk / "any kind of harm"
    count_once: dict[str, list[str]] = field(default_factory=dict)  # name -> harms counted as one kind
    large_users: int = LARGE_THRESHOLD  # "large": more than this many users
    scope: str = ""  # whom the whole code covers, in words (parsed like an application clause)
    key: str = "base"  # identifies the vocabulary for caches

    def harm_label(self, key: str) -> str:
        if key == "any":
            return "any kind of harm"
        return self.harms.get(key, {}).get("label", key)

    def feature_label(self, key: str) -> str:
        return self.features.get(key, {}).get("label", key)

    def kind_label(self, key: str) -> str:
        return self.kinds.get(key, {}).get("label", key)

    def harms_in_group(self, group: str | None) -> list[str]:
        return [k for k, v in self.harms.items() if group is None or v.get("group") == group]

    def count_unit(self, harm: str) -> str:
        """The kind of harm ``harm`` counts as: itself, or the group it is counted once with (CSEA)."""
        for name, members in self.count_once.items():
            if harm in members:
                return name
        return harm


@functools.lru_cache(maxsize=4)
def load_vocabulary(path: str | None = None) -> Vocabulary:
    """Load the base harm/feature vocabulary; cached because every parse and evaluation uses it."""
    file = PACKAGE_DATA / "harms.toml" if path is None else path
    with open(file, "rb") as fh:
        data = tomllib.load(fh)
    return Vocabulary(
        levels=tuple(data.get("levels", LEVELS)),
        harms=data.get("harms", {}),
        features=data.get("features", {}),
        harm_groups=data.get("harm_groups", {}),
        any_harm=data.get("any_harm", []),
        multi_harm=data.get("multi_harm", []),
        all_harms=data.get("all_harms", []),
        kinds=data.get("kinds", {}),
        key=str(file),
    )


_SERVICES_KEYS = {"scope", "kinds", "features", "harms", "risk_group", "count_once", "large_users",
                  "harm_groups", "any_harm", "multi_harm"}


def vocabulary_for(services: dict[str, Any] | None) -> Vocabulary:
    """The base vocabulary with a code profile's ``[services]`` table laid over it.

    Cached by the table's content, so every code of one profile shares one vocabulary (and one
    tokeniser lexicon). Raises ``ValueError`` naming the key for a table of the wrong shape; the
    profile loader turns that into a one-line profile error.
    """
    if not services:
        return load_vocabulary()
    return _vocabulary_for(json.dumps(services, sort_keys=True, default=str))


@functools.lru_cache(maxsize=32)
def _vocabulary_for(services_json: str) -> Vocabulary:
    services = json.loads(services_json)
    unknown = set(services) - _SERVICES_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) in [services]: {', '.join(sorted(unknown))}; "
                         f"valid keys: {', '.join(sorted(_SERVICES_KEYS))}")
    base = load_vocabulary()

    def table(name: str) -> dict[str, dict[str, Any]]:
        value = services.get(name, {})
        if isinstance(value, list):  # kinds = ["u2u", "search"]: keys only
            value = {str(k): {} for k in value}
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ValueError(f"[services] {name} must be a table of tables ([services.{name}.KEY] with label and variants)")
        for key, entry in value.items():
            variants = entry.get("variants", [])
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise ValueError(f"[services.{name}.{key}] variants must be a list of strings")
        return {str(k).lower(): dict(v) for k, v in value.items()}

    def merged(name: str, base_table: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        out = {k: dict(v) for k, v in base_table.items()}
        for k, v in table(name).items():
            out[k] = {**out.get(k, {}), **v}
        return out

    count_once = services.get("count_once", {})
    if not isinstance(count_once, dict) or not all(isinstance(v, list) for v in count_once.values()):
        raise ValueError("[services] count_once must be a table of name = [harm keys]")
    large = services.get("large_users", LARGE_THRESHOLD)
    if isinstance(large, bool) or not isinstance(large, int) or large < 0:
        raise ValueError(f"[services] large_users must be a whole number of users, not {large!r}")
    scope = services.get("scope", "")
    if not isinstance(scope, str):
        raise ValueError("[services] scope must be a string: the services the whole code covers, in words")
    kinds = merged("kinds", base.kinds)
    return Vocabulary(
        levels=base.levels,
        harms=merged("harms", base.harms),
        features=merged("features", base.features),
        harm_groups={**base.harm_groups, **services.get("harm_groups", {})},
        any_harm=[*base.any_harm, *services.get("any_harm", [])],
        multi_harm=[*base.multi_harm, *services.get("multi_harm", [])],
        all_harms=base.all_harms,
        kinds=kinds,
        risk_group=services.get("risk_group"),
        count_once={str(k): [str(h) for h in v] for k, v in count_once.items()},
        large_users=large,
        scope=scope,
        key=services_json,
    )


# ---------------------------------------------------------------------------- condition helpers


def atom(atom_name: str, /, **params: Any) -> Condition:
    return Condition(op="atom", atom=atom_name, params=dict(params))


def and_(*args: Condition) -> Condition:
    return _join("and", args)


def or_(*args: Condition) -> Condition:
    return _join("or", args)


def not_(arg: Condition) -> Condition:
    if arg.op == "not":
        return arg.args[0]
    return Condition(op="not", args=[arg])


def _join(op: str, args: tuple[Condition, ...] | list[Condition]) -> Condition:
    flat: list[Condition] = []
    for a in args:
        if a is None:
            continue
        if a.op == op:
            flat.extend(a.args)
        elif a.op == "atom" and a.atom == "all" and op == "and":
            continue  # "all" restricts nothing inside a conjunction
        else:
            flat.append(a)
    unique: list[Condition] = []
    for a in flat:
        if a not in unique:  # dataclass equality: "likely to be accessed by children" said twice is once
            unique.append(a)
    flat = unique
    if op == "or" and any(a.op == "atom" and a.atom == "all" for a in flat):
        return atom("all")
    if not flat:
        return atom("all")
    if len(flat) == 1:
        return flat[0]
    return Condition(op=op, args=flat)


def normalise(cond: Condition | dict | None) -> dict | None:
    """Canonical dict of a tree: nested and/or flattened, args sorted, double negation removed.

    Used to compare trees regardless of the order the wording listed things in.
    """
    if cond is None:
        return None
    if isinstance(cond, dict):
        op, args = cond.get("op"), cond.get("args") or []
        name, params = cond.get("atom"), cond.get("params") or {}
    else:
        op, args, name, params = cond.op, cond.args, cond.atom, cond.params
    if op == "atom":
        return {"op": "atom", "atom": name, "params": dict(sorted((params or {}).items()))}
    kids = [normalise(a) for a in args]
    if op == "not":
        (kid,) = kids
        if kid["op"] == "not":
            return kid["args"][0]
        return {"op": "not", "args": [kid]}
    flat: list[dict] = []
    for k in kids:
        flat.extend(k["args"] if k["op"] == op else [k])
    if len(flat) == 1:
        return flat[0]
    flat.sort(key=lambda d: repr(d))
    return {"op": op, "args": flat}


def describe(cond: Condition | None, vocab: Vocabulary | None = None) -> str:
    """The tree back in plain words, for warnings and the app ("large or multi-risk")."""
    vocab = vocab or load_vocabulary()
    if cond is None:
        return "(not understood)"
    if cond.op == "atom":
        return describe_atom(cond, vocab)
    if cond.op == "not":
        inner = cond.args[0]
        if inner.op == "atom" and inner.atom == "users_over":
            return users_over_words(int(inner.params.get("n", 0)), negated=True)
        return "not " + _paren(inner, vocab)
    if cond.op == "at_least":
        return f"at least {cond.params.get('n', 1)} of: " + "; ".join(_paren(a, vocab) for a in cond.args)
    if cond.op == "prefer":
        text, index = cond.args
        return (f"{_paren(text, vocab)}; where that cannot be decided, the index table's reading: "
                f"{_paren(index, vocab)}")
    if cond.op == "agree" and cond.params.get("why") == "attachment":
        narrow, wide = cond.args
        return (f"either {_paren(narrow, vocab)} or {_paren(wide, vocab)} (the wording can be read both ways); "
                f"decided only where the two agree")
    if cond.op == "agree":
        text, index = cond.args
        return (f"the application text says {_paren(text, vocab)} and the index table says {_paren(index, vocab)}; "
                f"decided only where the two agree")
    return f" {cond.op} ".join(_paren(a, vocab) for a in cond.args)


def _paren(cond: Condition, vocab: Vocabulary) -> str:
    text = describe(cond, vocab)
    return f"({text})" if cond.op in ("and", "or") or " or " in text else text


def users_over_words(n: int, negated: bool = False) -> str:
    """Words for users > n. "At least 7 million" is stored as users_over(6,999,999) (the atoms have
    no >=); said back to an officer it should read as the code put it, not as 6,999,999."""
    if (n + 1) % 1000 == 0 and n % 1000:
        return f"fewer than {n + 1:,} users" if negated else f"at least {n + 1:,} users"
    return f"not more than {n:,} users" if negated else f"more than {n:,} users"


def describe_atom(cond: Condition, vocab: Vocabulary) -> str:
    p = cond.params
    match cond.atom:
        case "all":
            return "all services"
        case "large":
            return "large"
        case "users_over":
            return users_over_words(int(p.get("n", 0)))
        case "multi_risk":
            return "multi-risk"
        case "low_risk":
            return "low risk"
        case "risk":
            lvl = p.get("min", "medium")
            words = {"low": "low, medium or high", "medium": "medium or high", "high": "high"}.get(lvl, lvl)
            return f"{words} risk of {vocab.harm_label(p.get('harm', 'any'))}"
        case "feature":
            return vocab.feature_label(p.get("name", "?"))
        case "search_type":
            return f"{p.get('type')} search"
        case "kind":
            return vocab.kind_label(str(p.get("kind")))
        case "measure":
            return f"services to which {p.get('id')} applies"
        case "unknown":
            return f"(not understood: '{p.get('text', '')}')"
    return str(cond.atom)


# ---------------------------------------------------------------------------- tokens


@dataclass
class Tok:
    kind: str  # see _FIXED and lexicon kinds below; WORD for anything unknown
    value: Any
    start: int
    end: int
    words: int = 1
    text: str = ""  # the words as written (lower case)


# Grammar words. Kinds: ALL, HEAD, OR, AND, ANDOR, COMMA, NEITHER, NOR, EITHER, BOTH, NOT,
# REL, VERB, COPULA, WITH, AT, RISK, OF, ADJ, KIND, STYPE, LEVEL, SCOPE, FILLER, MILLION,
# USERS_CMP, USERNOUN, INTRO, NEG_INTRO, ALSO
_FIXED: dict[str, tuple[str, Any]] = {
    "all": ("ALL", None), "every": ("ALL", None), "each": ("ALL", None), "any": ("ALL", None),
    "services": ("HEAD", None), "service": ("HEAD", None), "providers": ("HEAD", None),
    "provider": ("HEAD", None), "platforms": ("HEAD", None), "platform": ("HEAD", None),
    # "..., and to providers of multi-risk services": a new group of services starts here
    "providers of": ("FILLER", "newgroup"), "provider of": ("FILLER", "newgroup"), "to providers of": ("FILLER", "newgroup"),
    "to a provider of": ("FILLER", "newgroup"), "to any provider of": ("FILLER", "newgroup"),
    "to": ("FILLER", None),
    "or": ("OR", None), "and": ("AND", None), "and/or": ("ANDOR", None), "as well as": ("AND", None),
    ",": ("COMMA", None), ";": ("COMMA", ";"), ":": ("FILLER", None),
    "neither": ("NEITHER", None), "nor": ("NOR", None), "either": ("EITHER", None), "both": ("BOTH", None),
    "not": ("NOT", None), "do not": ("NOT", None), "does not": ("NOT", None), "don't": ("NOT", None),
    "doesn't": ("NOT", None), "are not": ("NOT", None), "is not": ("NOT", None), "aren't": ("NOT", None),
    "isn't": ("NOT", None), "non-": ("NOT", "non-"), "without": ("WITHOUT", None),
    "on which": ("REL", None), "in which": ("REL", None), "through which": ("REL", None),
    "treats as": ("COPULA", None), "treat as": ("COPULA", None),
    "that": ("REL", None), "which": ("REL", None), "who": ("REL", None), "whose": ("REL", None), "where": ("REL", None),
    "are": ("COPULA", None), "is": ("COPULA", None), "be": ("COPULA", None), "were": ("COPULA", None),
    "was": ("COPULA", None), "has been": ("COPULA", None), "have been": ("COPULA", None),
    "offences": ("FILLER", None), "offence": ("FILLER", None), "offending": ("FILLER", None),
    "have": ("VERB", None), "has": ("VERB", None), "having": ("VERB", None), "use": ("VERB", None),
    "uses": ("VERB", None), "using": ("VERB", None), "offer": ("VERB", None), "offers": ("VERB", None),
    "offering": ("VERB", None), "provide": ("VERB", None), "provides": ("VERB", None),
    "providing": ("VERB", None), "allow": ("VERB", None), "allows": ("VERB", None),
    "allowing": ("VERB", None), "include": ("VERB", None), "includes": ("VERB", None),
    "including": ("VERB", None), "deploy": ("VERB", None), "deploys": ("VERB", None),
    "operate": ("VERB", None), "operates": ("VERB", None), "support": ("VERB", None),
    "supports": ("VERB", None), "employ": ("VERB", None), "employs": ("VERB", None),
    "enable": ("VERB", None), "enables": ("VERB", None), "apply": ("VERB", None),
    "applies": ("VERB", None), "implement": ("VERB", None), "implements": ("VERB", None),
    "identified": ("VERB", None), "have identified": ("VERB", None), "has identified": ("VERB", None),
    "assessed as being": ("COPULA", None), "assessed as": ("COPULA", None),
    "have assessed themselves as": ("COPULA", None), "has assessed itself as": ("COPULA", None),
    "been assessed as": ("COPULA", None), "been assessed as being": ("COPULA", None),
    "with": ("WITH", None), "that have": ("RELVERB", None), "which have": ("RELVERB", None),
    "at": ("AT", None), "at a": ("AT", None), "at an": ("AT", None),
    "risk": ("RISK", None), "risk level": ("RISK", None), "risks": ("RISK", None),
    "of": ("OF", None), "for": ("OF", None), "in relation to": ("OF", None), "in respect of": ("OF", None),
    "from": ("OF", None),
    "large": ("ADJ", "large"), "largest": ("ADJ", "large"),
    "small": ("NADJ", "large"), "smaller": ("NADJ", "large"), "small and medium": ("NADJ", "large"),
    "small or medium": ("NADJ", "large"), "small and medium-sized": ("NADJ", "large"),
    "multi-risk": ("ADJ", "multi_risk"), "multi risk": ("ADJ", "multi_risk"),
    "multiple-risk": ("ADJ", "multi_risk"), "multirisk": ("ADJ", "multi_risk"),
    "low-risk": ("ADJ", "low_risk"),
    "user-to-user": ("KIND", "u2u"), "u2u": ("KIND", "u2u"), "user to user": ("KIND", "u2u"),
    "search": ("KIND", "search"),
    "general search": ("STYPE", "general"), "general-search": ("STYPE", "general"),
    "vertical search": ("STYPE", "vertical"), "vertical-search": ("STYPE", "vertical"),
    "negligible": ("LEVEL", "negligible"), "low": ("LEVEL", "low"), "medium": ("LEVEL", "medium"),
    "high": ("LEVEL", "high"), "significant": ("LEVEL", "medium"),
    "million": ("MILLION", 1_000_000), "m": ("MILLION", 1_000_000), "thousand": ("MILLION", 1_000),
    "more than": ("USERS_CMP", "gt"), "over": ("USERS_CMP", "gt"), "exceeding": ("USERS_CMP", "gt"),
    "in excess of": ("USERS_CMP", "gt"), "greater than": ("USERS_CMP", "gt"), "above": ("USERS_CMP", "gt"),
    "at least": ("USERS_CMP", "ge"), "no fewer than": ("USERS_CMP", "ge"), "not less than": ("USERS_CMP", "ge"),
    "a minimum of": ("USERS_CMP", "ge"), "between": ("BETWEEN", None), "but": ("AND", None),
    "meet both of the following conditions": ("FILLER", None), "meet all of the following conditions": ("FILLER", None),
    "meets both of the following conditions": ("FILLER", None), "meets all of the following conditions": ("FILLER", None),
    "meet either of the following conditions": ("FILLER", None), "meet any of the following conditions": ("FILLER", None),
    "meets either of the following conditions": ("FILLER", None), "meets any of the following conditions": ("FILLER", None),
    "meet one or more of the following conditions": ("FILLER", None),
    "fewer than": ("USERS_CMP", "lt"), "less than": ("USERS_CMP", "lt"), "under": ("USERS_CMP", "lt"),
    "below": ("USERS_CMP", "lt"),
    "no more than": ("USERS_CMP", "le"), "not more than": ("USERS_CMP", "le"), "up to": ("USERS_CMP", "le"),
    "at most": ("USERS_CMP", "le"),
    "or more": ("USERS_POST", "ge"), "+": ("USERS_POST", "ge"), "or both": ("ORBOTH", None), "and/or both": ("ORBOTH", None), "or fewer": ("USERS_POST", "le"), "or less": ("USERS_POST", "le"),
    "end-users": ("USERNOUN", None), "end-user": ("USERNOUN", None), "end users": ("USERNOUN", None),
    "australian": ("USERNOUN", None), "registered users": ("USERNOUN", None), "account holders": ("USERNOUN", None),
    "monthly": ("USERNOUN", None), "active": ("USERNOUN", None), "uk": ("USERNOUN", None),
    "united kingdom": ("USERNOUN", None), "users": ("USERNOUN", None), "user": ("USERNOUN", None),
    "on average": ("USERNOUN", None), "average": ("USERNOUN", None), "in the uk": ("USERNOUN", None),
    "user base": ("USERNOUN", None), "per month": ("USERNOUN", None), "number of": ("USERNOUN", None),
    "an average": ("USERNOUN", None),
    "the": ("FILLER", None), "a": ("FILLER", None), "an": ("FILLER", None), "only": ("FILLER", None),
    "kind": ("FILLER", None), "in": ("FILLER", None), "(": ("FILLER", None), ")": ("FILLER", None),
    "those": ("HEAD", None), "them": ("HEAD", None), "it": ("HEAD", None), "they": ("HEAD", None),
    "signatories": ("HEAD", None), "signatory": ("HEAD", None), "you": ("HEAD", None),
    "model": ("HEAD", None), "models": ("HEAD", None), "their models": ("HEAD", None), "its model": ("HEAD", None),
    # verbs that only link a service to what it has or does ("models released under a licence")
    "released under": ("VERB", None), "released": ("VERB", None), "rely on": ("VERB", None), "relies on": ("VERB", None),
    "make available": ("VERB", None), "makes available": ("VERB", None), "made available": ("VERB", None),
    "host": ("VERB", None), "hosts": ("VERB", None), "distribute": ("VERB", None), "distributes": ("VERB", None),
    "integrate": ("VERB", None), "integrates": ("VERB", None), "run": ("VERB", None), "runs": ("VERB", None),
    "control": ("VERB", None), "controls": ("VERB", None), "permit": ("VERB", None), "permits": ("VERB", None),
    "contain": ("VERB", None), "contains": ("VERB", None), "display": ("VERB", None), "displays": ("VERB", None),
    "return": ("VERB", None), "returns": ("VERB", None), "need": ("VERB", None), "needs": ("VERB", None),
    "carry": ("VERB", None), "carries": ("VERB", None), "serve": ("VERB", None), "serves": ("VERB", None),
    "your service": ("HEAD", None), "your online service": ("HEAD", None), "online services": ("HEAD", None),
    "businesses": ("HEAD", None), "organisations": ("HEAD", None), "companies": ("HEAD", None),
    "except": ("EXCEPT", None), "other than": ("EXCEPT", None), "excluding": ("EXCEPT", None),
    "apart from": ("EXCEPT", None), "but not": ("EXCEPT", None), "with the exception of": ("EXCEPT", None),
    "also": ("FILLER", None), "relevant": ("FILLER", None), "in-scope": ("FILLER", None),
    "regulated": ("FILLER", None), "online": ("FILLER", None),
    "likely to be accessed by children": ("FEATURE", "likely-accessed-by-children"),
    # the head of a list of harms: "at medium or high risk of one or more of the following kinds of
    # illegal harm: terrorism; hate; or fraud" is a risk of any one of them
    # "two or more of the following kinds of illegal harm: ...": at least n of the items listed
    "two or more of the following kinds of illegal harm": ("ATLEAST", (2, None)),
    "at least two of the following kinds of illegal harm": ("ATLEAST", (2, None)),
    "two or more of the following kinds of harm": ("ATLEAST", (2, None)),
    "two or more of the following kinds of content harmful to children": ("ATLEAST", (2, None)),
    "two or more of the following kinds of priority content": ("ATLEAST", (2, None)),
    "two or more of the following kinds of primary priority content": ("ATLEAST", (2, None)),
    "at least two of the following kinds of content harmful to children": ("ATLEAST", (2, None)),
    "two or more of the following": ("ATLEAST", (2, None)), "at least two of the following": ("ATLEAST", (2, None)),
    "three or more of the following": ("ATLEAST", (3, None)), "at least three of the following": ("ATLEAST", (3, None)),
    "two or more kinds of priority content": ("ATLEAST", (2, ("abuse-hate", "bullying", "violence", "dangerous-stunts", "harmful-substances"))),
    "at least two kinds of priority content": ("ATLEAST", (2, ("abuse-hate", "bullying", "violence", "dangerous-stunts", "harmful-substances"))),
    "two or more kinds of primary priority content": ("ATLEAST", (2, ("pornography", "suicide", "self-harm", "eating-disorders"))),
    "at least two kinds of primary priority content": ("ATLEAST", (2, ("pornography", "suicide", "self-harm", "eating-disorders"))),
    # exceptions written as a second clause
    "save that it does not apply to": ("EXCEPT", None), "save that it does not apply to providers of": ("EXCEPT", None),
    "but it does not apply to": ("EXCEPT", None), "but does not apply to": ("EXCEPT", None),
    "but not to": ("EXCEPT", None), "but not to providers of": ("EXCEPT", None), "save for": ("EXCEPT", None),
    "except for": ("EXCEPT", None), "unless": ("EXCEPT", None),
    "one or more of the following kinds of illegal harm": ("FILLER", None),
    "any of the following kinds of illegal harm": ("FILLER", None),
    "one or more of the following kinds of harm": ("FILLER", None),
    "any of the following kinds of harm": ("FILLER", None),
    "one or more of the following kinds of content harmful to children": ("FILLER", None),
    "any of the following kinds of content harmful to children": ("FILLER", None),
    "one or more of the following": ("FILLER", None), "any of the following": ("FILLER", None),
    "any one of the following": ("FILLER", None), "either of the following": ("FILLER", None),
    "the following kinds of illegal harm": ("FILLER", None), "the following kinds of harm": ("FILLER", None),
}

# Content-scope wordings: recognised anywhere, never part of the service condition.
_SCOPE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:(?:in relation to|in respect of|to|for|only|applies only to)\s+)?(?:the\s+)?"
                r"(?:content\s+(?:that is\s+|which is\s+)?communicated\s+publicly|publicly[- ]communicated\s+content"
                r"|content\s+(?:that is\s+|which is\s+)?(?:shared|posted)\s+publicly)"
                r"(?:\s+(?:by means of|on|via|through)\s+(?:the|a|its)\s+service)?\b", re.I), "public-content"),
    (re.compile(r"\b(?:(?:in relation to|in respect of|to|for)\s+)?(?:the\s+)?(?:content\s+(?:that is\s+|which is\s+)?"
                r"communicated\s+privately|privately[- ]communicated\s+content|private\s+communications)\b", re.I),
     "private-content"),
]

@dataclass(frozen=True)
class Intro:
    """One way a sentence opens to say whom it covers (``data/application.toml``)."""

    pattern: re.Pattern[str]
    polarity: str  # "applies" / "exempt"
    also: bool = False
    relative: bool = False
    until: re.Pattern[str] | None = None


def compile_intros(entries: list[dict[str, Any]], where: str) -> tuple[Intro, ...]:
    """Intro entries as read from TOML; ``ValueError`` names the entry that is wrong."""
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("pattern"), str):
            raise ValueError(f"{where} intro {i + 1} needs a pattern (a string)")
        if e.get("polarity", "applies") not in ("applies", "exempt"):
            raise ValueError(f"{where} intro {i + 1}: polarity must be 'applies' or 'exempt'")
        try:
            until = re.compile(e["until"], re.I) if e.get("until") else None
            out.append(Intro(re.compile(e["pattern"], re.I), e.get("polarity", "applies"), bool(e.get("also")),
                             bool(e.get("relative")), until))
        except re.error as err:
            raise ValueError(f"{where} intro {i + 1}: bad regular expression ({err})") from None
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _grammar() -> tuple[tuple[Intro, ...], tuple[re.Pattern[str], ...]]:
    with open(PACKAGE_DATA / "application.toml", "rb") as fh:
        data = tomllib.load(fh)
    ignore = tuple(re.compile(e["pattern"], re.I) for e in data.get("ignore", []))
    return compile_intros(data.get("intro", []), "application.toml"), ignore


_APPLIES_IN_SCOPE_ONLY = re.compile(r"^\s*(?:this|the)\s+measure\s+(?:only\s+)?applies\s+(?:only\s+)?in\s+relation\s+to\b", re.I)
_BARE_APPLIES = re.compile(r"^\s*(?:(?:this|the)\s+measures?|it|they)\s+(?:only\s+)?appl(?:ies|y)(?:\s+only)?\s*[.:;]?\s*$", re.I)
_LEADING_PROVIDERS = re.compile(r"^\s*(?:(?:all\s+)?providers?\s+of\s+)", re.I)
_SUBITEM = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*", re.I)
_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z][a-z'’\-]*(?:/[a-z]+)?|[,;:()]|[^\s\w]", re.I)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                          "\u2019": "'", "\u2018": "'", "\u00a0": " "})


@dataclass
class _Lexicon:
    phrases: dict[tuple[str, ...], tuple[str, Any]]
    max_len: int


def _split_words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text.translate(_DASHES))]


_LEXICONS: dict[str, _Lexicon] = {}


def _lexicon(vocab: Vocabulary | None = None) -> _Lexicon:
    """Longest-match phrase table of one vocabulary (kept per vocabulary key)."""
    vocab = vocab or load_vocabulary()
    cached = _LEXICONS.get(vocab.key)
    if cached is not None:
        return cached
    phrases: dict[tuple[str, ...], tuple[str, Any]] = {}
    for text, entry in _FIXED.items():
        phrases[tuple(_split_words(text)) if text not in ("non-",) else ("non-",)] = entry
    for key, info in vocab.kinds.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("KIND", key)
    for key, info in vocab.features.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("FEATURE", key)
    for key, info in vocab.harms.items():
        for v in [key, *info.get("variants", [])]:
            phrases[tuple(_split_words(v))] = ("HARM", [key])
    for wording, keys in vocab.harm_groups.items():
        phrases[tuple(_split_words(wording))] = ("HARM", list(keys))
    for wording in vocab.any_harm:
        phrases[tuple(_split_words(wording))] = ("HARM", ["any"])
    for wording in vocab.all_harms:
        phrases[tuple(_split_words(wording))] = ("HARM", [ALL_HARMS])
    for wording in vocab.multi_harm:
        phrases[tuple(_split_words(wording))] = ("HARM", [MULTI])
    phrases.pop((), None)
    lex = _Lexicon(phrases, max(len(k) for k in phrases))
    _LEXICONS[vocab.key] = lex
    return lex


# A measure ID in application wording, when the code's profile gives no pattern of its own:
# "ICU C9", "PCU B2A", "Measure 7.6", "Standard 3".
DEFAULT_MEASURE_ID = re.compile(
    r"\b(?:[A-Z]{2,5}\s+[A-Z]\d{1,3}[A-Za-z]?|(?:Measure|Standard|Commitment)\s+\d{1,2}(?:\.\d{1,2})?)\b(?!\.\d)"
)
# "services to which ICU C9 applies", "providers to whom ICU C9 and ICU C10 apply", "services in
# scope of ICU C9": the ID list becomes one MREF token, whose value is ([ids], "and"/"or").
_MREF_BEFORE = r"(?:(?:to|for)\s+(?:which|whom)\s+(?:(?:the\s+)?measures?\s+)?|(?:with)?in\s+(?:the\s+)?scope\s+of\s+(?:(?:the\s+)?measures?\s+)?)"
_MREF_AFTER = r"(?:\s+(?:also\s+)?(?:applies|apply|is\s+applicable|are\s+applicable)|(?P<neg>\s+(?:does|do)\s+not\s+apply|\s+(?:is|are)\s+not\s+applicable))?"


def _measure_refs(norm: str, id_pattern: re.Pattern[str] | None) -> list[tuple[int, int, list[str], str]]:
    """Spans of measure references in ``norm``: (start, end, ids, "and"/"or")."""
    pat = id_pattern or DEFAULT_MEASURE_ID
    ids = [(m.start(), m.end(), re.sub(r"\s+", " ", m.group(0))) for m in pat.finditer(norm)]
    if not ids:
        return []
    out: list[tuple[int, int, list[str], str]] = []
    i = 0
    while i < len(ids):
        s, e, first = ids[i]
        group, op, j = [first], "and", i + 1
        while j < len(ids):
            between = norm[e:ids[j][0]].strip().lower()
            if between in (",", "and", "or", ", and", ", or", "and/or"):
                op = "or" if "or" in between else op
                group.append(ids[j][2])
                e = ids[j][1]
                j += 1
            else:
                break
        before = re.search(_MREF_BEFORE + r"$", norm[:s], re.I)
        after = re.match(_MREF_AFTER, norm[e:], re.I)
        start = before.start() if before else s
        end = e + (after.end() if after else 0)
        negated = bool(after and after.group("neg"))
        out.append((start, end, group, ("not-" if negated else "") + (op if len(group) > 1 else "and")))
        i = j
    return out


def tokenise(text: str, lexicon: _Lexicon | None = None, id_pattern: re.Pattern[str] | None = None) -> list[Tok]:
    """Longest-match tokens over ``text`` (offsets are into ``text`` itself)."""
    lexicon = lexicon or _lexicon()
    norm = text.translate(_DASHES)
    refs = _measure_refs(norm, id_pattern)
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(norm)
             if not any(rs <= m.start() < re_ for rs, re_, _ids, _op in refs)]
    for rs, re_, ids, op in refs:
        spans.append((rs, re_, "\0mref"))
    spans.sort()
    mref_at = {rs: (ids, op) for rs, _re, ids, op in refs}
    # "non-large": split a leading "non-" so that it negates what follows
    expanded: list[tuple[int, int, str]] = []
    for s, e, w in spans:
        if w.startswith("non-") and len(w) > 4 and (w[4:],) in lexicon.phrases:
            expanded.append((s, s + 4, "non-"))
            expanded.append((s + 4, e, w[4:]))
        else:
            expanded.append((s, e, w))
    spans = expanded
    toks: list[Tok] = []
    i = 0
    while i < len(spans):
        s, e, w = spans[i]
        if w == "\0mref":
            toks.append(Tok("MREF", mref_at[s], s, e))
            i += 1
            continue
        if w[0].isdigit():
            digits = w.replace(",", "")
            try:
                value: Any = float(digits) if "." in digits else int(digits)
            except ValueError:
                value = None
            toks.append(Tok("NUM", value, s, e))
            i += 1
            continue
        for n in range(min(lexicon.max_len, len(spans) - i), 0, -1):
            key = tuple(sp[2] for sp in spans[i:i + n])
            entry = lexicon.phrases.get(key)
            if entry is not None:
                toks.append(Tok(entry[0], entry[1], s, spans[i + n - 1][1], n, " ".join(key)))
                i += n
                break
        else:
            # plural/singular fallback for harm and feature words ("livestreams" vs "livestream")
            toks.append(Tok("WORD", w, s, e))
            i += 1
    return toks


# ---------------------------------------------------------------------------- parser


class _Fail(Exception):
    pass


@dataclass
class _Parser:
    toks: list[Tok]
    code_kind: str
    vocab: Vocabulary = field(default_factory=load_vocabulary)
    pos: int = 0
    # (pre-modifiers, post-modifiers, has a head noun) of the group just read
    _last_group: tuple[Condition | None, Condition | None, bool] = (None, None, False)
    consumed: set[int] = field(default_factory=set)

    # -- helpers
    def peek(self, k: int = 0) -> Tok | None:
        j = self.pos + k
        return self.toks[j] if j < len(self.toks) else None

    def kind(self, k: int = 0) -> str | None:
        t = self.peek(k)
        return t.kind if t else None

    def take(self) -> Tok:
        t = self.toks[self.pos]
        self.consumed.add(self.pos)
        self.pos += 1
        return t

    def skip_filler(self) -> None:
        while self.kind() == "FILLER":
            self.take()

    # -- clause: groups joined by or / and / , (union of service groups)
    def clause(self) -> Condition:
        self.skip_filler()
        parts = [self.group()]
        shapes = [self._last_group]
        marked = False  # "..., and to providers of ...": each group stands alone, as written
        while True:
            save, saved_consumed = self.pos, set(self.consumed)
            took_conj = False
            newgroup = False
            while self.kind() in ("COMMA", "OR", "AND", "ANDOR", "FILLER", "OF"):
                # only a connective or "to providers of" joins two groups; a bare "to" or "of"
                # between two wordings is no union ("use profiling to recommend content")
                t = self.take()
                if t.kind in ("COMMA", "OR", "AND", "ANDOR") or (t.kind == "FILLER" and t.value == "newgroup"):
                    took_conj = True
                    newgroup = newgroup or t.value in ("newgroup", ";")  # a semicolon ends a group firmly
                elif t.kind == "OF" and took_conj:
                    newgroup = True  # "... and of search services that ...": the "of" repeated opens a group
            if not took_conj or self.pos >= len(self.toks):
                self.pos, self.consumed = save, saved_consumed
                break
            try:
                parts.append(self.group())
                shapes.append(self._last_group)
                marked = marked or newgroup
            except _Fail:
                self.pos, self.consumed = save, saved_consumed
                break
        result = or_(*parts)
        # "general search services and vertical search services that are multi-risk": does the
        # relative clause restrict the last group or every group? Both readings are kept, and a
        # service gets an answer only where they agree
        # (only when the last group has modifiers of its own before its head, as the earlier ones
        # do: "... or services at high risk of X" is plainly a group of its own)
        if len(parts) >= 2 and not marked and shapes[-1][1] is not None and shapes[-1][0] is not None and all(
            sh[1] is None and sh[2] for sh in shapes[:-1]
        ):
            post = shapes[-1][1]
            wide = or_(*(and_(sh[0] or atom("all"), post) for sh in shapes[:-1]), parts[-1])
            if normalise(wide) != normalise(result):
                result = Condition(op="agree", args=[result, wide], params={"why": "attachment"})
        # "large services, except vertical search services" / "(other than small low-risk services)"
        save, saved_consumed = self.pos, set(self.consumed)
        while self.kind() in ("COMMA", "FILLER"):
            self.take()
        if self.kind() == "EXCEPT":
            self.take()
            try:
                if self.kind() == "REL" or (self.kind() == "FILLER" and self.kind(1) == "HEAD" and self.kind(2) in ("VERB", "COPULA", "NOT")) \
                        or (self.kind() == "HEAD" and self.kind(1) in ("VERB", "COPULA", "NOT")):
                    # "except where the provider uses ...", "unless the service is ...": a predicate
                    # about the service itself
                    if self.kind() == "REL":
                        self.take()
                    return and_(result, not_(self.relbody(carried=None)))
                return and_(result, not_(self.clause()))
            except _Fail:
                pass
        self.pos, self.consumed = save, saved_consumed
        return result

    def group(self) -> Condition:
        self.skip_filler()
        start = self.pos
        has_all = False
        if self.kind() == "ALL":
            self.take()
            has_all = True
            self.skip_filler()
        pre = self.premods(allow_empty=True)
        has_head = False
        while self.kind() in ("HEAD", "KIND", "FILLER"):
            t = self.take()
            if t.kind == "HEAD":
                has_head = True
            elif t.kind == "KIND":
                has_head = True  # "social media services": a kind is a head noun of its own
                pre = and_(pre, self.kind_atom(t.value)) if pre is not None else self.kind_atom(t.value)
        post = self.postmods()
        if pre is None and post is None and not has_head and not has_all:
            self.pos = start
            raise _Fail("no service group here")
        self._last_group = (pre, post, has_head)
        if not has_head and pre is None and post is None:
            return atom("all")
        return and_(*(c for c in (pre, post) if c is not None)) if (pre or post) else atom("all")

    def kind_atom(self, kind: str) -> Condition:
        # the code's own kind is implicit: "all user-to-user services" in a U2U code is "all"
        if kind == self.code_kind:
            return atom("all")
        # a code for several kinds of service ("any": eSafety's sections, an AI code's providers):
        # the kind named is a real condition
        return atom("kind", kind=kind)

    # -- pre-nominal modifiers ("large or multi-risk", "large general search")
    def premods(self, allow_empty: bool = False) -> Condition | None:
        first = self.premod()
        if first is None:
            if allow_empty:
                return None
            raise _Fail("expected a modifier")
        # a run of adjectives without connectives restricts: "large general search services"
        items: list[tuple[str, Condition]] = [("and", first)]
        while True:
            nxt = self.premod()
            if nxt is not None:
                items.append(("and", nxt))
                continue
            save, saved_consumed = self.pos, set(self.consumed)
            op = None
            while self.kind() in ("OR", "AND", "ANDOR", "COMMA"):
                t = self.take()
                op = {"OR": "or", "ANDOR": "or", "AND": "and"}.get(t.kind, op or ",")
            if op is None:
                break
            if self.kind() == "ORBOTH":
                break  # ", or both": handled below, after the list
            if self.kind() == "NOT" and self.peek().value != "non-":
                # "large and not multi-risk": a negated predicate of its own, for the clause to join
                self.pos, self.consumed = save, saved_consumed
                break
            nxt = self.premod()
            if nxt is None:
                self.pos, self.consumed = save, saved_consumed
                break
            items.append((op, nxt))
        if self.kind() == "ORBOTH":
            # "large, multi-risk, or both": the list is a choice, whatever its commas say
            self.take()
            items = [(op if i == 0 else "or", c) for i, (op, c) in enumerate(items)]
        # a list "A, B or C": commas take the connective of the last item
        last_op = next((op for op, _ in reversed(items[1:]) if op != ","), "and")
        items = [(last_op if op == "," else op, c) for op, c in items]
        return _combine(items)

    def premod(self) -> Condition | None:
        save, saved_consumed = self.pos, set(self.consumed)
        neg = False
        if self.kind() == "NOT":
            self.take()
            neg = True
        t = self.peek()
        cond: Condition | None = None
        if t is None:
            pass
        elif t.kind == "ADJ":
            self.take()
            cond = atom(t.value)
        elif t.kind == "LEVEL" and t.value == "low" and self.kind(1) == "RISK" and self.kind(2) != "OF":
            # "low risk services" (adjective) vs "low risk of fraud" (a level and a harm)
            self.take()
            self.take()
            cond = atom("low_risk")
        elif t.kind == "NADJ":
            self.take()
            cond = not_(atom(t.value))
        elif t.kind == "FEATURE":
            self.take()
            cond = atom("feature", name=t.value)
        elif t.kind == "STYPE":
            self.take()
            cond = atom("search_type", type=t.value)
            if self.code_kind not in ("search", "", "any", None):
                cond = and_(atom("kind", kind="search"), cond)
        elif t.kind == "KIND" and self.kind(1) in ("HEAD", "ADJ", "FEATURE"):
            self.take()
            cond = self.kind_atom(t.value)
        if cond is None:
            self.pos, self.consumed = save, saved_consumed
            return None
        return not_(cond) if neg else cond

    # -- post-nominal modifiers
    def postmods(self) -> Condition | None:
        """Modifiers after the head noun. Juxtaposed modifiers restrict each other (the loosest
        "and"): "services at high risk of X with more than N users or that are Y" is
        risk(X) and (users or Y)."""
        items: list[tuple[str, int, Condition]] = []
        while True:
            save, saved_consumed = self.pos, set(self.consumed)
            op, level = "and", IMPLICIT
            if items:
                took = False
                op = ","
                semi = False
                while self.kind() in ("AND", "OR", "ANDOR", "COMMA"):
                    t = self.take()
                    took = True
                    semi = semi or t.value == ";"
                    if t.kind in ("OR", "ANDOR"):
                        op = "or"
                    elif t.kind == "AND":
                        op = "and"
                if not took:
                    op = "and"
                if took:
                    level = REL if self.kind() in ("REL", "RELVERB") else PLAIN
                    if self._starts_new_group(semi) or self._new_group_marker():
                        self.pos, self.consumed = save, saved_consumed
                        break
            try:
                cond = self.postmod()
            except _Fail:
                cond = None  # e.g. a relative clause the grammar cannot read: left unparsed
            if cond is None:
                self.pos, self.consumed = save, saved_consumed
                break
            items.append((op, level, cond))
        return _combine_levels(items) if items else None

    def _new_group_marker(self) -> bool:
        """ "to providers of ...": the words that open a new group of services in a list of groups."""
        t = self.peek()
        return t is not None and t.kind == "FILLER" and t.value == "newgroup"

    def _starts_new_group(self, after_semicolon: bool = False) -> bool:
        """After a connective: does a new service group start here (its own head noun)?

        A wording that carries its own head ("file-storage and file-sharing services") opens a
        group only after a semicolon: after "or" it may as well be the object of a verb ("that
        host a Tier 1 social media service or a high impact designated internet service")."""
        k = 0
        if self.kind(k) == "ALL":
            return True
        while self.kind(k) in ("ADJ", "NADJ", "FEATURE", "STYPE", "KIND", "NOT", "OR", "AND", "COMMA", "FILLER", "LEVEL", "RISK"):
            t = self.peek(k)
            # "file-storage and file-sharing services" is one wording that carries its own head noun
            if after_semicolon and t.kind in ("FEATURE", "KIND", "STYPE") and t.text.endswith(("services", "service", "providers")):
                return True
            k += 1
        return self.kind(k) == "HEAD"

    def postmod(self) -> Condition | None:
        self.skip_filler()
        t = self.peek()
        if t is None:
            return None
        if t.kind in ("AT", "LEVEL"):
            return self.risk(optional=True)
        if t.kind in ("USERS_CMP", "BETWEEN") or (t.kind == "NUM" and self._users_after()):
            return self.users()
        if t.kind == "WITH":
            self.take()
            return self.relbody(carried="have")
        if t.kind == "WITHOUT":
            self.take()
            return not_(self.relbody(carried="have"))
        if t.kind in ("REL", "RELVERB"):
            self.take()
            self.skip_filler()
            return self.relbody(carried="have" if t.kind == "RELVERB" else None)
        if t.kind in ("VERB",):
            return self.relbody(carried=None)
        if t.kind == "MREF":
            self.take()
            ids, op = t.value
            refs = [atom("measure", id=i) for i in ids]
            if op.startswith("not-"):
                # "where ICU C4 and ICU C5 do not apply": neither applies (the negation is each one's)
                refs = [not_(r) for r in refs]
            return or_(*refs) if op.endswith("or") else and_(*refs)
        if t.kind == "FEATURE" and t.value == "likely-accessed-by-children":
            self.take()
            return atom("feature", name=t.value)
        if t.kind == "NOT" and self.kind(1) == "FEATURE" and self.peek(1).value == "likely-accessed-by-children":
            self.take()
            self.take()
            return not_(atom("feature", name="likely-accessed-by-children"))
        return None

    def _users_after(self) -> bool:
        k = 1
        while self.kind(k) in ("MILLION", "USERS_POST"):
            k += 1
        return self.kind(k) == "USERNOUN"

    # -- relative clause: predicates joined by and/or ("and" binds tighter)
    def relbody(self, carried: str | None) -> Condition:
        """Predicates of a relative clause. "and that ..."/"or that ..." separate clauses
        (looser); plain "and"/"or" join predicates within one clause (tighter): "that are at
        high risk of grooming and that have user profiles or allow direct messages" is
        risk and (profiles or messages)."""
        items: list[tuple[str, int, Condition]] = []
        verb = carried
        while True:
            save, saved_consumed = self.pos, set(self.consumed)
            op, level = "and", PLAIN
            if items:
                took = False
                op = ","  # a bare comma: the list's last connective decides (_resolve_commas)
                while self.kind() in ("AND", "OR", "ANDOR", "COMMA"):
                    t = self.take()
                    took = True
                    if t.kind in ("OR", "ANDOR"):
                        op = "or"
                    elif t.kind == "AND":
                        op = "and"
                if not took:
                    break
                semi = any(self.toks[j].value == ";" for j in range(save, self.pos))
                if self._new_group_marker():
                    self.pos, self.consumed = save, saved_consumed
                    break
                if self.kind() in ("REL", "RELVERB"):  # "..., or that have ..."
                    t = self.take()
                    level = REL
                    if t.kind == "RELVERB":
                        verb = "have"
                elif self._subject_restated():
                    level = REL  # "...; or (c) the service is ...": a clause of its own
                elif self.kind() in ("HEAD", "ALL") or (self._starts_new_group(semi) and verb != "be"):
                    self.pos, self.consumed = save, saved_consumed
                    break
            try:
                cond, verb = self.predicate(verb)
            except _Fail:
                self.pos, self.consumed = save, saved_consumed
                if not items:
                    raise
                break
            items.append((op, level, cond))
        if not items:
            raise _Fail("empty relative clause")
        return _combine_levels(items)

    def _subject_restated(self) -> bool:
        """ "the service is ...", "it has ...": a head noun used as the subject of a predicate."""
        k = 0
        while self.kind(k) == "FILLER":
            k += 1
        return self.kind(k) == "HEAD" and self.kind(k + 1) in ("VERB", "COPULA", "NOT", "RELVERB")

    def _verbs(self, verb: str | None) -> tuple[bool, str | None]:
        neg = False
        while self.kind() in ("VERB", "COPULA", "NOT", "FILLER", "RELVERB"):
            t = self.take()
            if t.kind == "NOT":
                neg = not neg
            elif t.kind == "COPULA":
                verb = "be"
            elif t.kind in ("VERB", "RELVERB"):
                verb = "have"
        return neg, verb

    def predicate(self, verb: str | None) -> tuple[Condition, str | None]:
        self.skip_filler()
        if self._subject_restated():
            self.skip_filler()
            self.take()  # the subject: "the service"
        neg, verb = self._verbs(verb)
        if self.kind() == "NEITHER":
            self.take()
            items = [self.simple_pred()]
            while self.kind() in ("NOR", "COMMA", "OR"):
                self.take()
                _n, verb = self._verbs(verb)
                items.append(self.simple_pred())
            cond = and_(*(not_(c) for c in items))
        elif self.kind() in ("EITHER", "BOTH"):
            joiner = "OR" if self.take().kind == "EITHER" else "AND"
            first, verb = self.predicate(verb)
            items = [first]
            while self.kind() in (joiner, "COMMA"):
                save, saved_consumed = self.pos, set(self.consumed)
                while self.kind() in (joiner, "COMMA"):
                    self.take()
                try:
                    nxt, verb = self.predicate(verb)
                except _Fail:
                    self.pos, self.consumed = save, saved_consumed
                    break
                items.append(nxt)
            cond = or_(*items) if joiner == "OR" else and_(*items)
        else:
            cond = self.simple_pred()
        return (not_(cond) if neg else cond), verb

    def simple_pred(self) -> Condition:
        self.skip_filler()
        t = self.peek()
        if t is None:
            raise _Fail("end of text")
        if t.kind in ("AT", "LEVEL"):
            r = self.risk(optional=False)
            if r is not None:
                return r
        if t.kind in ("USERS_CMP", "BETWEEN") or (t.kind == "NUM" and self._users_after()):
            return self.users()
        if t.kind == "ALL":
            self.take()
        pre = self.premods(allow_empty=True)
        if pre is None:
            raise _Fail("no predicate")
        # "are file-storage and file-sharing services": an optional head noun and its own postmods
        if self.kind() == "HEAD":
            self.take()
            post = self.postmods()
            if post is not None:
                pre = and_(pre, post)
        return pre

    # -- "at medium or high risk of fraud, hate or terrorism"
    def risk(self, optional: bool) -> Condition | None:
        save, saved_consumed = self.pos, set(self.consumed)
        if self.kind() == "AT":
            self.take()
        levels: list[str] = []
        while True:
            t = self.peek()
            if t and t.kind == "LEVEL":
                levels.append(t.value)
                self.take()
            elif t and t.kind in ("OR", "COMMA", "AND") and levels and self.kind(1) == "LEVEL":
                self.take()
            else:
                break
        if self.kind() != "RISK":
            self.pos, self.consumed = save, saved_consumed
            return None
        self.take()
        if self.kind() != "OF":
            self.pos, self.consumed = save, saved_consumed
            return None
        self.take()
        self.skip_filler()
        if self.kind() == "ATLEAST":
            # "two or more of the following kinds of illegal harm: terrorism; CSEA; hate": each item
            # listed is one kind (CSEA, written once, is one kind however many harms it covers)
            n, group = self.take().value
            items = self.harm_items() if not group else [[h] for h in group]
            if len(items) < n:
                self.pos, self.consumed = save, saved_consumed
                return None
            return Condition(op="at_least", params={"n": n},
                             args=[or_(*(self._risk_atom(h, levels) for h in item)) for item in items])
        harms = self.harm_list()
        if not harms:
            self.pos, self.consumed = save, saved_consumed
            return None
        if ALL_HARMS in harms:
            # "at low risk of all kinds of illegal harm" is the definition of low risk
            if all(LEVELS.index(lv) <= LEVELS.index("low") for lv in levels):
                return atom("low_risk") if levels else atom("all")
            harms = [h if h != ALL_HARMS else "any" for h in harms]
        if MULTI in harms:
            # "at medium or high risk of two or more kinds of illegal harm" is the definition of multi-risk
            harms = [h for h in harms if h != MULTI]
            return or_(atom("multi_risk"), *(self._risk_atom(h, levels) for h in harms))
        return or_(*(self._risk_atom(h, levels) for h in harms))

    def harm_list(self) -> list[str]:
        harms: list[str] = []
        for item in self.harm_items():
            harms.extend(h for h in item if h not in harms)
        return harms

    def harm_items(self) -> list[list[str]]:
        """The harms of a list, item by item ("terrorism; CSEA (image-based CSAM ...); hate")."""
        items: list[list[str]] = []
        while True:
            self.skip_filler()
            t = self.peek()
            if t is None or t.kind != "HARM":
                break
            self.take()
            item = list(t.value)
            # "child sexual exploitation and abuse (CSEA)": a bracketed restatement is the same item
            while self.kind() == "FILLER" and self.kind(1) == "HARM" and self.kind(2) == "FILLER":
                self.take()
                item.extend(h for h in self.take().value if h not in item)
                self.take()
            items.append(item)
            while self.kind() == "FILLER" and self.kind(1) in ("OR", "AND", "ANDOR", "COMMA"):
                self.take()  # "fraud offences or ...": a word after the harm's name
            save, saved_consumed = self.pos, set(self.consumed)
            took = False
            while self.kind() in ("OR", "AND", "ANDOR", "COMMA"):
                self.take()
                took = True
            if took and self.kind() == "ORBOTH":
                self.take()  # "... or of weapons offences, or both"
                break
            if took and self.kind() == "OF" and self.kind(1) == "HARM":
                self.take()  # "at high risk of fraud or of hate": the repeated "of"
            if not took:
                break
            if self.kind() != "HARM":
                self.pos, self.consumed = save, saved_consumed
                break
        return items

    @staticmethod
    def _risk_atom(harm: str, levels: list[str]) -> Condition:
        if not levels:
            return atom("risk", harm=harm, min="low")  # "at risk of X": any assessed risk
        lo = min(levels, key=LEVELS.index)
        hi = max(levels, key=LEVELS.index)
        cond = atom("risk", harm=harm, min=lo) if lo != "negligible" else None
        if hi != "high":
            # "at medium risk" alone: medium but not high
            upper = not_(atom("risk", harm=harm, min=LEVELS[LEVELS.index(hi) + 1]))
            cond = and_(cond, upper) if cond is not None else upper
        return cond if cond is not None else atom("all")

    # -- "more than 700,000 monthly active UK users"
    def _number(self) -> int:
        if self.kind() != "NUM":
            raise _Fail("expected a number of users")
        n = self.take().value or 0
        while self.kind() == "MILLION":
            n = n * self.take().value
        return int(round(n))

    def users(self) -> Condition:
        cmp = "gt"
        if self.kind() == "BETWEEN":
            # "between 700,000 and 7 million users": both ends included
            self.take()
            low = self._number()
            if self.kind() != "AND":
                raise _Fail("expected 'and' in a range")
            self.take()
            high = self._number()
            self._user_nouns()
            return and_(_users_atom("ge", low, self.vocab.large_users), _users_atom("le", high, self.vocab.large_users))
        if self.kind() == "USERS_CMP":
            cmp = self.take().value
        n = self._number()
        if self.kind() == "USERS_POST":
            cmp = self.take().value
        if self.kind() == "AND" and self.kind(1) == "USERS_CMP" and self.kind(2) == "NUM":
            # "at least 700,000 but no more than 7 million users": two bounds on one number
            self.take()
            cmp2 = self.take().value
            n2 = self._number()
            self._user_nouns()
            return and_(_users_atom(cmp, n, self.vocab.large_users), _users_atom(cmp2, n2, self.vocab.large_users))
        return self._user_nouns(cmp, n)

    def _user_nouns(self, cmp: str | None = None, n: int = 0) -> Condition | None:
        if self.kind() != "USERNOUN":
            raise _Fail("expected users")
        while self.kind() in ("USERNOUN", "FILLER") and self.peek().kind == "USERNOUN" or (
            self.kind() == "FILLER" and self.kind(1) == "USERNOUN"
        ):
            self.take()
        return _users_atom(cmp, n, self.vocab.large_users) if cmp is not None else None


def _users_atom(cmp: str, n: int, large: int = LARGE_THRESHOLD) -> Condition:
    """users > n is the atom; the other comparisons are rewritten onto it (users are whole numbers).
    The code's own "large" threshold reads as ``large``."""
    def over(k: int) -> Condition:
        return atom("large") if k == large else atom("users_over", n=k)

    if cmp == "gt":
        return over(n)
    if cmp == "ge":
        return over(n - 1)
    if cmp == "lt":
        return not_(over(n - 1))
    return not_(over(n))  # le


PLAIN, REL, IMPLICIT = 0, 1, 2  # boundaries between modifiers, tightest to loosest


def _combine_levels(items: list[tuple[str, int, Condition]]) -> Condition:
    """Combine (op, boundary level, cond) items: split at the loosest boundaries first.

    Implicit juxtaposition is an "and" looser than any written connective; "and that"/"or
    that" come next; plain "and"/"or" bind tightest ("and" before "or" within each level).
    """
    if not items:
        return atom("all")
    fixed = []
    for i, (op, lvl, c) in enumerate(items):
        if op == ",":
            op = "and"
            for op2, lvl2, _c2 in items[i + 1:]:
                if lvl2 > lvl:
                    break
                if lvl2 == lvl and op2 != ",":
                    op = op2
                    break
        fixed.append((op, lvl, c))
    items = fixed
    top = max((lvl for _op, lvl, _c in items[1:]), default=PLAIN)
    chunks: list[tuple[str, list[tuple[str, int, Condition]]]] = []
    for i, (op, lvl, cond) in enumerate(items):
        if i == 0 or lvl == top:
            chunks.append((op, [(op, PLAIN, cond)]))
        else:
            chunks[-1][1].append((op, lvl, cond))
    if top == PLAIN:
        return _combine([(op, cond) for op, _l, cond in items])
    return _combine([(op, _combine_levels(chunk)) for op, chunk in chunks])


def _resolve_commas(ops: list[str]) -> list[str]:
    """In a list "A, B or C" each comma takes the connective that ends the list (default "and")."""
    out = list(ops)
    nxt = "and"
    for i in range(len(out) - 1, -1, -1):
        if out[i] == ",":
            out[i] = nxt
        else:
            nxt = out[i]
    return out


def _combine(items: list[tuple[str, Condition]]) -> Condition:
    """Join (op, cond) items left to right with "and" binding tighter than "or"."""
    ops = _resolve_commas([op for op, _c in items])
    items = [(op, c) for op, (_o, c) in zip(ops, items)]
    groups: list[list[Condition]] = [[]]
    for i, (op, cond) in enumerate(items):
        if i > 0 and op == "or":
            groups.append([])
        groups[-1].append(cond)
    return or_(*(and_(*g) for g in groups))


# ---------------------------------------------------------------------------- the public function


def _content_words(toks: list[Tok]) -> int:
    return sum(t.words for t in toks if t.kind not in ("FILLER", "COMMA"))


def _split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(])|(?<=\.)$", text)
    return [p.strip() for p in parts if p and p.strip(" .")]


def parse_application(
    text: str,
    code_kind: str = "u2u",
    vocab: Vocabulary | None = None,
    id_pattern: re.Pattern[str] | None = None,
    intros: tuple[Intro, ...] = (),
) -> Applicability:
    """Parse an application clause (or an index-table "applies to" cell) into an ``Applicability``.

    ``code_kind`` ("u2u"/"search"/"any") makes the code's own kind implicit, so that "all
    user-to-user services" in a U2U code is simply ``all``. A blank text means all services
    (the convention of the codes' index tables), with a note saying so. ``vocab`` is the code's
    vocabulary (``vocabulary_for``), ``id_pattern`` its measure-ID pattern (for "services to which
    ICU C9 applies") and ``intros`` its profile's own sentence openings, tried first.

    Never a guess: words the grammar cannot place become an ``unknown`` atom where they stand, so
    the condition is undecided wherever they could matter (a trailing restriction such as
    "large services whose principal purpose is X" still exempts every service that is not large).
    """
    vocab = vocab or load_vocabulary()
    own_intros, ignore = _grammar()
    all_intros = (*intros, *own_intros)
    original = text or ""
    flat = re.sub(r"\s+", " ", original).strip()
    result = Applicability(text=original)
    if not flat:
        result.condition = atom("all")
        result.confidence = 1.0
        result.warnings.append("no application wording: taken as all services")
        return result

    # content scope first: it says which content, not which services
    work = flat
    for pattern, scope in _SCOPE_PATTERNS:
        if pattern.search(work):
            if scope not in result.scope:
                result.scope.append(scope)
            work = pattern.sub(" ", work)
    for pattern in ignore:
        work = pattern.sub(" ", work)
    work = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", work)).strip()
    work = _SUBITEM.sub(" ", work)

    positive: list[Condition] = []
    turned: list[Condition] = []  # sentences that change who is covered in a way not understood
    also: list[Condition] = []
    negative: list[Condition] = []
    total_words = 0
    parsed_words = 0
    sentences = _split_sentences(work)
    matched = [_match_intro(s.rstrip(" ."), all_intros) for s in sentences]
    intro_seen = any(m is not None for m in matched)
    for sentence, hit in zip(sentences, matched):
        body = sentence.rstrip(" .")
        if _BARE_APPLIES.match(body):
            continue  # what was left of "This measure applies in relation to content communicated publicly."
        late = ""
        if hit is not None:
            intro, body, late = hit
        elif _APPLIES_IN_SCOPE_ONLY.match(body) and not body[_APPLIES_IN_SCOPE_ONLY.match(body).end():].strip(" ."):
            continue  # "This measure applies in relation to content communicated publicly."
        elif intro_seen:
            # a further sentence that is no application sentence: harmless when it says nothing of
            # applying or exemption (a definition, an explanation); otherwise it could change who is
            # covered, in a way not understood, so the answer becomes undecided
            if body.strip(" .,;:"):
                result.unparsed.append(body.strip())
                total_words += len(body.split())
                if _MAY_CHANGE_WHO.search(body):
                    unknown = atom("unknown", text=body.strip())
                    if _NARROWS.search(body):
                        negative.append(unknown)  # "This does not apply to ...": it can only take services out
                    elif re.search(r"\balso\b", body, re.I):
                        also.append(unknown)  # "It also covers ...": it can only add services
                    else:
                        turned.append(unknown)  # either way: nothing can be decided
            continue
        else:
            intro, body = None, _LEADING_PROVIDERS.sub("", body)
        if intro is not None and intro.relative:
            starts_relative = re.match(r"(?:that|who|whose|which)\b", body, re.I)
            body = ("services " if starts_relative else "services that ") + body
        if intro is not None and not body.strip(" ,;:."):
            cond, done, total, leftovers = atom("all"), 0, 0, []  # "Signatories will ...": every Signatory
        else:
            cond, done, total, leftovers = _parse_body(body, code_kind, vocab, id_pattern)
        total_words += total
        parsed_words += done
        result.unparsed.extend(leftovers)
        if cond is None:
            cond = atom("unknown", text=body.strip())
        if late:
            exc, *_ = _parse_body(late, code_kind, vocab, id_pattern)
            negative.append(exc if exc is not None else atom("unknown", text=late))
        if intro is not None and intro.polarity == "exempt":
            negative.append(cond)
        elif intro is not None and intro.also:
            also.append(cond)
        else:
            positive.append(cond)

    if not positive and not negative and not also:
        if not result.unparsed and result.scope:
            # only a scope sentence: every service, for that content
            result.condition = atom("all")
            result.confidence = 1.0
            return result
        result.condition = atom("unknown", text=flat)
        result.confidence = 0.0
        if not result.unparsed:
            result.unparsed.append(flat)
        return result
    cond = or_(*positive) if positive else atom("all")
    if also:
        # "It also applies to ..." adds to a group; with no sentence naming that group, the rest of
        # whom it covers was never read, so it is not taken to be nobody
        base = cond if (positive or negative) else atom("unknown", text="whom it applies to besides those it 'also' names")
        cond = or_(base, *also)
    if negative:
        cond = and_(cond, *(not_(n) for n in negative))
    if turned:
        cond = turned[0] if len(turned) == 1 else and_(*turned)
    result.condition = cond
    result.confidence = 1.0 if not result.unparsed else round(0.9 * parsed_words / max(total_words, 1), 2)
    return result


_NARROWS = re.compile(r"\b(?:does|do)\s+not\s+apply\b|\bis\s+not\s+required\b|\bexempt\w*\b|\bout\s+of\s+scope\b", re.I)
# A sentence that could change who is covered: "It does not apply where ...", "unless ...".
_MAY_CHANGE_WHO = re.compile(r"\b(?:appl(?:y|ies|ied|icable)|exempt\w*|unless|except|other than|excluding|"
                             r"only|not\s+(?:required|expected)|out\s+of\s+scope|in\s+scope)\b", re.I)


def _match_intro(sentence: str, intros: tuple[Intro, ...]) -> tuple[Intro, str, str] | None:
    """The first intro that opens ``sentence``, the condition's words after it, and an exception
    that the sentence makes after its obligation ("..., other than a provider that ...")."""
    for intro in intros:
        m = intro.pattern.match(sentence)
        if m:
            body, rest = sentence[m.end():], ""
            if intro.until is not None:
                cut = intro.until.search(body)
                if cut:
                    body, rest = body[:cut.start()], body[cut.start():]
            exc = _LATE_EXCEPTION.search(rest)
            return intro, body.strip(" ,;:"), (rest[exc.end():].strip(" ,;:.") if exc else "")
    return None


# "... must implement age assurance, other than a provider that distributes only its own apps"
_LATE_EXCEPTION = re.compile(r"[,;]\s*(?:other\s+than|except(?:\s+for|\s+where|\s+if)?|unless|save\s+(?:for|where)|"
                             r"excluding|but\s+not)\b"
                             # only an exception about services ("other than a provider that ..."); "unless
                             # you can show a compelling reason" qualifies the duty, not whom it is for
                             r"(?=\s+(?:an?\s+|the\s+|any\s+)?(?:providers?|services?|signator\w*|those|ones|platforms?)\b)",
                             re.I)


def atoms_of(cond: Condition | None) -> Iterator[Condition]:
    """Every atom of a condition tree, in order (none for ``None``)."""
    if cond is None:
        return
    if cond.op == "atom":
        yield cond
    for a in cond.args:
        yield from atoms_of(a)


def is_understood(cond: Condition | None) -> bool:
    """True when no part of ``cond`` is words that were not understood."""
    return cond is not None and all(a.atom != "unknown" for a in atoms_of(cond))


# Tokens that, left over after a complete reading, can only narrow it: "large services whose
# principal purpose is X" is large AND (something not understood). Anything else left over
# ("... or X", "... other than X", a leading word) could widen or turn it, so the whole
# sentence is undecided.
_RESTRICTING = {"REL", "RELVERB", "WITH", "WITHOUT", "VERB", "COPULA", "AT", "LEVEL", "USERS_CMP"}
_TURNING = {"OR", "ANDOR", "EITHER", "NEITHER", "NOR", "EXCEPT", "NOT", "ALL"}


def _parse_body(
    body: str, code_kind: str, vocab: Vocabulary | None = None, id_pattern: re.Pattern[str] | None = None
) -> tuple[Condition | None, int, int, list[str]]:
    """Parse one sentence's condition; return (tree, words understood, words in all, leftovers).

    The tree already holds an ``unknown`` atom for leftover words (see ``_RESTRICTING``).
    """
    vocab = vocab or load_vocabulary()
    toks = tokenise(body, _lexicon(vocab), id_pattern)
    total = _content_words(toks)
    if not toks:
        return None, 0, 0, []
    parser = _Parser(toks, code_kind, vocab)
    cond: Condition | None
    try:
        cond = parser.clause()
    except _Fail:
        cond = None
        parser.consumed = set()
    leftovers: list[str] = []
    run: list[Tok] = []
    for i, t in enumerate(toks):
        if i in parser.consumed:
            if run:
                leftovers.append(_fragment(body, run))
                run = []
            continue
        run.append(t)
    if run:
        leftovers.append(_fragment(body, run))
    leftovers = [f for f in leftovers if f and f.strip(" ,;:.()")]
    done = _content_words([t for i, t in enumerate(toks) if i in parser.consumed])
    if leftovers and cond is not None:
        unplaced = [t for i, t in enumerate(toks) if i not in parser.consumed and t.kind not in ("FILLER",)]
        last_used = max(parser.consumed) if parser.consumed else -1
        trailing = all(i > last_used for i, t in enumerate(toks) if i not in parser.consumed and t.kind not in ("FILLER", "COMMA"))
        first = unplaced[0] if unplaced else None
        # a reading that holds an exception or a negation could have the leftover inside it
        # ("other than services whose ...": the leftover restricts the exception, which widens
        # the whole), so only a reading without them can take a leftover as a plain restriction
        restricting = (trailing and first is not None and first.kind in _RESTRICTING
                       and not any(t.kind in _TURNING for t in toks))
        text = "; ".join(leftovers)
        cond = and_(cond, atom("unknown", text=text)) if restricting else atom("unknown", text=body.strip())
    elif leftovers:
        cond = atom("unknown", text=body.strip())
    return cond, done, total, leftovers


def _fragment(body: str, run: list[Tok]) -> str | None:
    """The words of a run of unplaced tokens, or None when they are only fillers and punctuation."""
    if all(t.kind in ("FILLER", "COMMA") for t in run):
        return None
    return body[run[0].start:run[-1].end].strip(" ,;:")
