"""The vocabulary of service characteristics one code is read with: harm, feature and kind keys
with their wordings, and the code's counting rules (large threshold, CSEA counted once).

Owns ``Vocabulary``, ``load_vocabulary`` (the base, ``data/harms.toml``) and ``vocabulary_for`` (the
base with a code profile's ``[services]`` table laid over it). Parsing and evaluation both take a
vocabulary; neither defines words of its own about services.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .paths import PACKAGE_DATA

LEVELS = ("negligible", "low", "medium", "high")
LARGE_THRESHOLD = 7_000_000
MULTI = "#multi"  # pseudo-harm for "two or more kinds of illegal harm"
ALL_HARMS = "#all"  # pseudo-harm for "all kinds of illegal harm"

# ---------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class ContextReading:
    """A term that means more narrowly in some codes of a profile than in others ("Tier 1" in a code about
    age-restricted material is Tier 1 for online pornography or for self-harm material): where ``when`` is found in
    the clause and ``phrase`` in it, the clause is read a second time with ``phrase`` said as ``also``, and decided
    only where the two readings agree (``because`` says why, for the reader)."""

    when: re.Pattern[str]
    phrase: re.Pattern[str]
    also: str
    because: str


@dataclass(frozen=True)
class CodePart:
    """One code of a profile that reads a library of codes (eSafety's Relevant Electronic Services Standard among its
    industry codes, say): a measure whose own label, chapter title, document subtitle or title ``names`` matches is in
    this part, and the part covers only ``scope`` (words read as ``[services] scope`` is), whatever the measure says."""

    label: str
    names: re.Pattern[str]
    scope: str


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
    # False for a code that does not measure size by users (GPAI's SMEs, eSafety's tiers): there "large" and
    # "smaller" are not read as a number of users, so they stay words not understood
    size_by_users: bool = True
    scope: str = ""  # whom the whole code covers, in words (parsed like an application clause)
    exclusive: tuple[frozenset[str], ...] = ()  # groups of features no one service has two of (risk tiers)
    context_readings: tuple[ContextReading, ...] = ()
    parts: tuple[CodePart, ...] = ()  # the codes of a library profile, each covering some services
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


_SERVICES_KEYS = {"scope", "kinds", "features", "harms", "risk_group", "count_once", "large_users", "size_by_users",
                  "harm_groups", "any_harm", "multi_harm", "exclusive", "context_readings", "parts"}


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
    size_by_users = services.get("size_by_users", True)
    if not isinstance(size_by_users, bool):
        raise ValueError(f"[services] size_by_users must be true or false, not {size_by_users!r}")
    scope = services.get("scope", "")
    if not isinstance(scope, str):
        raise ValueError("[services] scope must be a string: the services the whole code covers, in words")
    kinds = merged("kinds", base.kinds)
    if isinstance(services.get("kinds"), dict):
        # a table of the code's own kinds replaces Ofcom's two: otherwise "those that search only
        # ..." in an eSafety code would read as Ofcom's "search service", a kind no service of
        # that code has, and exempt every one of them with confidence
        kinds = {k: v for k, v in kinds.items() if k in table("kinds")}
    features = merged("features", base.features)
    for key, entry in features.items():
        includes = entry.get("includes", [])
        if not isinstance(includes, list) or any(not isinstance(f, str) or f.lower() not in features for f in includes):
            raise ValueError(f"[services.features.{key}] includes must list the code's own feature keys (narrower features a "
                             f"service with this one may have instead), not {includes!r}")
        for words in ("in_a_duty", "in_a_subject_duty", "in_an_object", "in_a_heading"):
            if words in entry:
                if not isinstance(entry[words], str):
                    raise ValueError(f"[services.features.{key}] {words} must be a regular expression in a string")
                _user_pattern(entry[words], f"[services.features.{key}] {words}")
        if "relief" in entry and not isinstance(entry["relief"], bool):
            raise ValueError(f"[services.features.{key}] relief must be true or false, not {entry['relief']!r}")
        if "kind" in entry and entry["kind"] not in kinds:
            raise ValueError(f"[services.features.{key}] kind = {entry['kind']!r} is not one of the code's kinds "
                             f"({', '.join(sorted(kinds))})")
    exclusive = services.get("exclusive", [])
    if not isinstance(exclusive, list) or not all(isinstance(g, list) and all(isinstance(f, str) for f in g) for g in exclusive):
        raise ValueError("[services] exclusive must be a list of lists of feature keys, e.g. [[\"tier-1\", \"tier-2\"]]")
    for group in exclusive:
        for key in group:
            if key.lower() not in features:
                raise ValueError(f"[services] exclusive names {key!r}, which is not one of the code's features")
    return Vocabulary(
        context_readings=_context_readings(services.get("context_readings", [])),
        parts=_parts(services.get("parts", [])),
        levels=base.levels,
        harms=merged("harms", base.harms),
        features=features,
        harm_groups={**base.harm_groups, **services.get("harm_groups", {})},
        any_harm=[*base.any_harm, *services.get("any_harm", [])],
        multi_harm=[*base.multi_harm, *services.get("multi_harm", [])],
        all_harms=base.all_harms,
        kinds=kinds,
        risk_group=services.get("risk_group"),
        count_once={str(k): [str(h) for h in v] for k, v in count_once.items()},
        large_users=large,
        size_by_users=size_by_users,
        scope=scope,
        exclusive=tuple(frozenset(k.lower() for k in g) for g in exclusive),
        key=services_json,
    )


def _user_pattern(source: str, where: str) -> re.Pattern[str]:
    """A profile's regular expression, checked as every user pattern is (``safe_regex``) and compiled without regard to
    case; ``ValueError`` names ``where`` it stands."""
    from .safe_regex import check

    check(source, None, where, lambda _source, message: ValueError(message))
    try:
        return re.compile(source, re.I)
    except re.error as err:
        raise ValueError(f"bad regular expression in {where}: {err}") from None


def _context_readings(raw: Any) -> tuple[ContextReading, ...]:
    """``[[services.context_readings]]``: each with ``when`` and ``phrase`` (regular expressions, checked as every user
    pattern is), ``also`` (the phrase's narrower meaning, in words the grammar reads) and ``because``."""
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise ValueError("[services] context_readings must be a list of tables ([[services.context_readings]])")
    out = []
    for i, rule in enumerate(raw, 1):
        where = f"[[services.context_readings]] number {i}"
        if set(rule) != {"when", "phrase", "also", "because"} or not all(isinstance(v, str) and v.strip() for v in rule.values()):
            raise ValueError(f"{where} must have exactly when, phrase, also and because, each a non-empty string")
        out.append(ContextReading(_user_pattern(rule["when"], f"{where} when"), _user_pattern(rule["phrase"], f"{where} phrase"),
                                  rule["also"], rule["because"]))
    return tuple(out)


def _parts(raw: Any) -> tuple[CodePart, ...]:
    """``[[services.parts]]``: each with ``label`` (the part's name, for the reader), ``names`` (a regular expression,
    matched without regard to case against a measure's label, its chapter's title and the document's subtitle and
    title; checked as every user pattern is) and ``scope`` (the services the part covers, in words)."""
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise ValueError("[services] parts must be a list of tables ([[services.parts]])")
    out = []
    for i, part in enumerate(raw, 1):
        where = f"[[services.parts]] number {i}"
        if set(part) != {"label", "names", "scope"} or not all(isinstance(v, str) and v.strip() for v in part.values()):
            raise ValueError(f"{where} must have exactly label, names and scope, each a non-empty string")
        out.append(CodePart(part["label"], _user_pattern(part["names"], f"{where} names"), part["scope"]))
    return tuple(out)


def whom_a_duty_names(named: Callable[[], list[str]], duty: str, vocab: Vocabulary, imperative: bool) -> list[str]:
    """The features a duty for every reader names (``named``, asked only when needed) that may mean it only for those who
    have them: an instruction (``imperative``) by ``names_whom_in_a_duty``; a duty with a subject ("Signatories will
    exclude from their crawling ...") only where the profile says in which words (``in_a_subject_duty``) and the duty
    uses them (so the sentence is not looked up for features when no such words are in it)."""
    if imperative:
        return [f for f in named() if names_whom_in_a_duty(f, duty, vocab)]
    words = {f: w for f, entry in vocab.features.items() if (w := entry.get("in_a_subject_duty")) and re.search(w, duty, re.I)}
    return [f for f in named() if f in words] if words else []


def names_whom_in_a_duty(feature: str, duty: str, vocab: Vocabulary) -> bool:
    """Does a duty for every reader that names ``feature`` perhaps mean it only for those who have it? Yes, unless the
    profile says in which words it does (``in_a_duty``, a regular expression matched without regard to case) and the
    duty uses none of them: in the EU code "each model they place on the market" is every model, where "models already
    placed on the market" are some."""
    pattern = vocab.features.get(feature, {}).get("in_a_duty")
    return pattern is None or re.search(pattern, duty, re.I) is not None

