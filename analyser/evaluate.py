"""Which measures apply to a service, which exempt it, and which let it out by their wording.

Why statuses carry words: an officer has to check the answer against the code, so every
status says which facts decided it ("exempt: not large (2,000,000 ≤ 7,000,000 users) and not
multi-risk (1 kind of harm at medium or high: fraud)") and lists the deciding atoms.

- ``applies``   the measure's application condition holds for the service;
- ``exempt``    it does not (or the code is for another kind of service);
- ``qualified`` it holds, but the measure's own wording lets this service out in practice: a
                feasibility or exception qualifier in its core obligation, or a content scope the
                service falls outside. Which wording meets which service feature is TOML data
                (``data/escape_rules.toml``).
- ``unclear``   whether it holds depends on words that were not understood (quoted in the
                reason), or on a measure it refers to that is itself unclear, or the application
                text and the index table give this service different answers. Never a guess.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .conditions import DEFAULT_MEASURE_ID, Vocabulary, atoms_of, load_vocabulary, parse_application, users_over_words, vocabulary_for
from .models import Applicability, AtomResult, Code, Condition, Measure, MeasureStatus, ServiceProfile
from .paths import PACKAGE_DATA
from .service import at_or_above, harms_at, load_archetypes, risk_kinds, risk_level

KIND_WORDS = {"u2u": "user-to-user services", "search": "search services"}
_LEVEL_NEEDS = {"low": "low, medium or high", "medium": "medium or high", "high": "high"}


# ---------------------------------------------------------------------------- escape rules


@dataclass(frozen=True)
class EscapeRule:
    id: str
    reason: str
    qualifier_category: str | None = None
    scope: str | None = None
    sentence_contains: tuple[str, ...] = ()
    requires_features: tuple[str, ...] = ()
    excludes_features: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def load_escape_rules(path: str | None = None) -> tuple[EscapeRule, ...]:
    """Read ``escape_rules.toml`` (or a user's file with the same shape)."""
    file = Path(path) if path else PACKAGE_DATA / "escape_rules.toml"
    with open(file, "rb") as fh:
        data = tomllib.load(fh)
    rules = []
    for i, r in enumerate(data.get("rules", [])):
        if not (r.get("qualifier_category") or r.get("scope")):
            raise ValueError(f"{file.name}: rule {r.get('id', i)} needs qualifier_category or scope")
        rules.append(
            EscapeRule(
                id=str(r.get("id", f"rule-{i}")),
                reason=str(r.get("reason", "its wording lets this service out")),
                qualifier_category=r.get("qualifier_category"),
                scope=r.get("scope"),
                sentence_contains=tuple(s.lower() for s in r.get("sentence_contains", [])),
                requires_features=tuple(r.get("requires_features", [])),
                excludes_features=tuple(r.get("excludes_features", [])),
            )
        )
    return tuple(rules)


def _escapes(
    measure: Measure, app: Applicability, service: ServiceProfile, rules: Iterable[EscapeRule]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(reason, phrase) for the escape rules that let ``service`` out of ``measure``, and for
    those that reach only part of it.

    A qualifier confined to one sub-item ("(b) content already on the service, where technically
    feasible") limits that item, not the obligation: it is reported as a partial escape, and
    the measure still applies.
    """
    found: list[tuple[str, str]] = []
    partial: list[tuple[str, str]] = []
    cited: set[str] = set()  # sentences already cited: one reason per sentence is enough
    feats = set(service.features)
    for rule in rules:
        if not set(rule.requires_features) <= feats or feats & set(rule.excludes_features):
            continue
        fmt = {"features": ", ".join(rule.requires_features) or "none", "scope": rule.scope or "", "paragraph": "", "phrase": ""}
        if rule.scope is not None:
            if rule.scope in app.scope:
                found.append((rule.reason.format(**fmt), rule.scope))
            continue
        for q in measure.qualifiers:
            if not q.in_core_obligation or q.category != rule.qualifier_category:
                continue
            if rule.sentence_contains and not any(w in (q.sentence or "").lower() for w in rule.sentence_contains):
                continue
            key = f"{q.paragraph}:{q.item or ''}:{q.sentence}"
            if key in cited:
                continue
            cited.add(key)
            if q.item:
                partial.append((f"item {q.item} of {q.paragraph} holds only '{q.phrase}'", q.phrase))
                continue
            fmt.update(phrase=q.phrase, paragraph=q.paragraph)
            found.append((rule.reason.format(**fmt), q.phrase))
            break  # one citation per rule is enough
    return found, partial


# ---------------------------------------------------------------------------- atoms


@dataclass
class _Ctx:
    service: ServiceProfile
    vocab: Vocabulary
    code: Code | None = None
    resolving: tuple[str, ...] = ()  # measures whose condition is being evaluated (cycle guard)

    @property
    def group(self) -> str | None:
        return self.vocab.risk_group


def code_vocabulary(code: Code) -> Vocabulary:
    """The vocabulary a code is read and evaluated with: the base one plus its profile's [services]."""
    return vocabulary_for(code.info.services)


def _plural(n: int, word: str) -> str:
    if n == 0:
        return f"no {word}"
    return f"{n} {word}" if n == 1 else f"{n} {word.replace('kind', 'kinds')}"


def _risk_words(service: ServiceProfile, kinds: list[str], vocab: Vocabulary) -> str:
    """The kinds counted, in words: harms a code counts once are named together as one kind."""
    at_risk = set(harms_at(service, "medium", vocab.risk_group, vocab))
    names = []
    for k in kinds:
        members = [h for h in vocab.count_once.get(k, []) if h in at_risk]
        if len(members) > 1:
            names.append(f"{k.upper()} ({' and '.join(vocab.harm_label(h) for h in members)}, counted as one kind)")
        else:
            names.append(vocab.harm_label(members[0] if members else k))
    return ", ".join(names)


def _eval_atom(cond: Condition, ctx: _Ctx) -> AtomResult:
    s, p, vocab = ctx.service, cond.params, ctx.vocab
    name = cond.atom or "?"
    match name:
        case "all":
            return AtomResult("all", True, "the measure applies to all services the code covers")
        case "large":
            n = vocab.large_users
            v = s.users > n
            return AtomResult("large", v, f"large ({s.users:,} > {n:,} users)" if v else f"not large ({s.users:,} ≤ {n:,} users)")
        case "users_over":
            n = int(p.get("n", 0))
            v = s.users > n
            return AtomResult(
                f"users_over({n})", v,
                f"{users_over_words(n)} ({s.users:,})" if v else f"{users_over_words(n, negated=True)} ({s.users:,})",
            )
        case "multi_risk" | "low_risk":
            kinds = risk_kinds(s, vocab)
            k = len(kinds)
            listed = f": {_risk_words(s, kinds, vocab)}" if kinds else ""
            counted = f"{_plural(k, 'kind of harm')} at medium or high{listed}"
            if name == "multi_risk":
                v = k >= 2
                return AtomResult("multi_risk", v, f"multi-risk ({counted})" if v else f"not multi-risk ({counted})")
            v = k == 0
            return AtomResult("low_risk", v, "low risk (no kind of harm above low)" if v else f"not low risk ({counted})")
        case "risk":
            harm, minimum = str(p.get("harm", "any")), str(p.get("min", "medium"))
            if harm == "any":
                hits = harms_at(s, minimum, ctx.group, vocab)
                v = bool(hits)
                needs = _LEVEL_NEEDS.get(minimum, minimum)
                if v:
                    listed = ", ".join(f"{vocab.harm_label(h)} {risk_level(s, h)}" for h in hits)
                    return AtomResult(f"risk(any>={minimum})", True, f"{needs} risk of some kind of harm ({listed})")
                return AtomResult(f"risk(any>={minimum})", False, f"no kind of harm at {needs} risk")
            level = risk_level(s, harm)
            v = at_or_above(level, minimum, vocab)
            label = vocab.harm_label(harm)
            text = f"{level} risk of {label}" + ("" if v else f" (needs {_LEVEL_NEEDS.get(minimum, minimum)})")
            return AtomResult(f"risk({harm}>={minimum})", v, text)
        case "feature":
            feat = str(p.get("name", "?"))
            v = feat in s.features
            info = vocab.features.get(feat, {})
            label = vocab.feature_label(feat)
            text = info.get("true_text", f"has {label}") if v else info.get("false_text", f"does not have {label}")
            return AtomResult(f"feature({feat})", v, text)
        case "search_type":
            want = str(p.get("type"))
            v = s.kind == "search" and s.search_type == want
            actual = f"{s.search_type} search" if s.kind == "search" else vocab.kind_label(s.kind)
            return AtomResult(
                f"search_type({want})", v, f"a {want} search service" if v else f"not a {want} search service ({actual})"
            )
        case "kind":
            want = str(p.get("kind"))
            v = s.kind == want
            words = KIND_WORDS.get(want) or f"{vocab.kind_label(want)}s"
            return AtomResult(f"kind({want})", v, f"one of the {words}" if v else f"not one of the {words}")
        case "measure":
            return _eval_reference(str(p.get("id", "?")), ctx)
        case "unknown":
            return AtomResult("unknown", None, f"not understood: '{p.get('text', '')}'")
    return AtomResult(name, None, f"unknown condition '{name}' (cannot be decided)")


def _eval_reference(target: str, ctx: _Ctx) -> AtomResult:
    """ "services to which ICU C9 applies": ICU C9's own condition, evaluated for the same service."""
    key = f"measure({target})"
    measure = ctx.code.measure(target) if ctx.code is not None else None
    if measure is None:
        return AtomResult(key, None, f"refers to {target}, which is not in this code")
    if target in ctx.resolving:
        chain = " → ".join((*ctx.resolving[ctx.resolving.index(target):], target))
        return AtomResult(key, None, f"circular reference ({chain})")
    app = applicability_of(measure, ctx.code.info.kind, ctx.vocab)
    inner = _Ctx(ctx.service, ctx.vocab, ctx.code, (*ctx.resolving, target))
    value, text, _atoms = explain(app.condition or atom_unknown(measure.application), inner)
    if value is None:
        return AtomResult(key, None, f"whether {target} applies is unclear ({text})")
    return AtomResult(key, value, f"{target} {'applies' if value else 'does not apply'} ({text})")


def atom_unknown(text: str | None) -> Condition:
    return Condition(op="atom", atom="unknown", params={"text": (text or "").strip()})


def explain(cond: Condition, ctx: _Ctx) -> tuple[bool | None, str, list[AtomResult]]:
    """Evaluate ``cond``; return its value, the deciding facts in words, and the deciding atoms.

    Three-valued (Kleene): ``None`` is "cannot be decided", from words that were not understood or
    a circular reference. "and" is false as soon as one part is false, "or" true as soon as one
    part is true, whatever the undecided parts say; otherwise an undecided part leaves the whole
    undecided. Only what decided the value is reported: for a true "or" the branches that held,
    for a false "and" the conditions that failed, for an undecided value the undecided parts
    (and what held). A fact stated twice is said once.
    """
    value, pieces, sep, atoms = _explain(cond, ctx)
    return value, sep.join(pieces), _dedupe_atoms(atoms)


def _explain(cond: Condition, ctx: _Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
    if cond.op == "atom":
        r = _eval_atom(cond, ctx)
        return r.value, [r.explanation], " and ", [r]
    if cond.op == "not":
        v, pieces, sep, atoms = _explain(cond.args[0], ctx)
        return (None if v is None else not v), pieces, sep, atoms
    if cond.op == "agree":
        return _explain_agree(cond, ctx)
    if cond.op == "prefer":
        return _explain_prefer(cond, ctx)
    results = [(arg, *_explain(arg, ctx)) for arg in cond.args]
    values = [r[1] for r in results]
    if cond.op == "and":
        value = False if False in values else (None if None in values else True)
        deciding = results if value else [r for r in results if r[1] is value]
    elif cond.op == "or":
        value = True if True in values else (None if None in values else False)
        deciding = [r for r in results if r[1] is value] if value is not False else results
    elif cond.op == "at_least":
        n = int(cond.params.get("n", 1))
        yes, maybe = values.count(True), values.count(None)
        value = True if yes >= n else (False if yes + maybe < n else None)
        deciding = [r for r in results if r[1] is True] if value else results if value is False else \
            [r for r in results if r[1] is not False]
    else:
        return None, [f"unknown operator '{cond.op}'"], " and ", []
    compound = any(len(pieces) > 1 for _a, _v, pieces, _s, _at in deciding)
    # a failed "or" of compound routes reads best route by route ("...; ..."); all else joins with "and"
    sep = "; " if cond.op == "or" and value is False and compound else " and "
    out: list[str] = []
    atoms: list[AtomResult] = []
    for _arg, _v, pieces, child_sep, ats in deciding:
        if child_sep == sep:
            out.extend(pieces)
        else:
            out.append(child_sep.join(pieces))
        atoms.extend(ats)
    return value, _dedupe(out), sep, atoms


def _explain_agree(cond: Condition, ctx: _Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
    """The application text's reading and the index table's: decided only where they agree."""
    (tv, tp, ts, ta), (iv, ip, is_, ia) = (_explain(a, ctx) for a in cond.args)
    if tv is iv and tv is not None:
        return tv, _dedupe(tp + ip), " and ", ta + ia
    said = {True: "applies", False: "does not apply", None: "cannot be decided"}
    if cond.params.get("why") == "attachment":
        text = (f"the application wording can be read two ways, and they differ for this service: if its last "
                f"restriction covers only the last group of services, it {said[tv]} ({ts.join(tp)}); if it covers "
                f"every group, it {said[iv]} ({is_.join(ip)})")
        return None, [text], " and ", ta + ia
    if cond.params.get("why") == "and":
        text = (f"the application wording joins two kinds of service with 'and', which can mean services that are "
                f"both or services that are either, and the two differ for this service: read as both, it "
                f"{said[tv]} ({ts.join(tp)}); read as either, it {said[iv]} ({is_.join(ip)})")
        return None, [text], " and ", ta + ia
    text = (f"the application text and the code's index table disagree for this service: by the text it "
            f"{said[tv]} ({ts.join(tp)}); by the index table it {said[iv]} ({is_.join(ip)})")
    return None, [text], " and ", ta + ia


def _explain_prefer(cond: Condition, ctx: _Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
    """The application text's reading where it decides; the index table's where the words the text
    adds were not understood (``params.index``: the cell as printed)."""
    tv, tp, ts, ta = _explain(cond.args[0], ctx)
    if tv is not None:
        return tv, tp, ts, ta
    iv, ip, is_, ia = _explain(cond.args[1], ctx)
    cell = str(cond.params.get("index", "")).strip() or "blank: all services"
    not_understood = [a.explanation for a in ta if a.value is None]
    if iv is None:
        return None, tp, ts, ta + ia
    note = (f"decided from the code's index table ('{cell}') because the application text was not fully "
            f"understood ({'; '.join(not_understood) or 'see the text'})")
    return iv, [is_.join(ip), note], " and ", ia + [a for a in ta if a.value is None]


def _dedupe_atoms(atoms: list[AtomResult]) -> list[AtomResult]:
    seen: set[tuple[str, bool | None]] = set()
    out = []
    for a in atoms:
        if (a.atom, a.value) not in seen:
            seen.add((a.atom, a.value))
            out.append(a)
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen


def truth(cond: Condition, service: ServiceProfile, vocab: Vocabulary | None = None, code: Code | None = None) -> bool | None:
    """Value of ``cond`` for ``service`` (``None``: cannot be decided), without the words."""
    return explain(cond, _Ctx(service, vocab or load_vocabulary(), code))[0]


def holds(cond: Condition, service: ServiceProfile, vocab: Vocabulary | None = None, code: Code | None = None) -> bool:
    """True only when ``cond`` is decided true for ``service``."""
    return truth(cond, service, vocab, code) is True


# ---------------------------------------------------------------------------- evaluate


@functools.lru_cache(maxsize=2048)
def _parsed(text: str, kind: str, vocab_key: str) -> Applicability:
    return parse_application(text, kind, _VOCABS.get(vocab_key))


_VOCABS: dict[str, Vocabulary] = {}


def _remember(vocab: Vocabulary) -> str:
    """The key under which ``_parsed`` finds ``vocab`` (the cache keys on strings, not vocabularies)."""
    _VOCABS[vocab.key] = vocab
    return vocab.key


def applicability_of(measure: Measure, code_kind: str, vocab: Vocabulary | None = None) -> Applicability:
    """The measure's resolved applicability, or a parse of its wording when not yet resolved."""
    if measure.applicability is not None:
        return measure.applicability
    return _parsed(measure.application or "", code_kind, _remember(vocab or load_vocabulary()))


def code_scope(code: Code, vocab: Vocabulary | None = None) -> Applicability | None:
    """Whom the whole code covers (a profile's ``[services] scope``), parsed; None when it says nothing."""
    vocab = vocab or code_vocabulary(code)
    if not vocab.scope.strip():
        return None
    return _parsed(vocab.scope, "any", _remember(vocab))


def _kind_covered(code: Code, service: ServiceProfile, vocab: Vocabulary) -> tuple[bool, str]:
    kinds = code_kinds(code)
    if not kinds or service.kind in kinds:
        return True, ""
    names = " or ".join(KIND_WORDS.get(k) or f"{vocab.kind_label(k)}s" for k in kinds)
    this = KIND_WORDS.get(service.kind) or f"{vocab.kind_label(service.kind)}s"
    return False, f"code is for {names}; this is one of the {this}"


def code_kinds(code: Code) -> list[str]:
    """The service kinds a code covers: its profile's ``[services] kinds``, else its ``kind``."""
    declared = code.info.services.get("kinds") if code.info.services else None
    if isinstance(declared, dict):
        return list(declared)
    if isinstance(declared, list):
        return [str(k) for k in declared]
    return [code.info.kind] if code.info.kind in KIND_WORDS else []




def evaluate_measure(
    code: Code, measure: Measure, service: ServiceProfile, rules: Iterable[EscapeRule] | None = None, *, _ctx: _Ctx | None = None
) -> MeasureStatus:
    vocab = _ctx.vocab if _ctx else code_vocabulary(code)
    ctx = _ctx or _Ctx(service, vocab, code)
    rules = load_escape_rules() if rules is None else rules
    covered, why_not = _kind_covered(code, service, vocab)
    if not covered:
        kinds = code_kinds(code)
        return MeasureStatus(measure.id, "exempt", f"exempt: {why_not}", [AtomResult(f"kind({'|'.join(kinds)})", False, why_not)])
    scope = code_scope(code, vocab)
    if scope is not None and scope.condition is not None:
        in_scope, scope_text, scope_atoms = explain(scope.condition, ctx)
        if in_scope is False:
            joiner = " " if scope_text.split(" ", 1)[0] in ("is", "does", "has", "uses") else ": "
            return MeasureStatus(measure.id, "exempt", f"exempt: the code covers only {vocab.scope.strip()}; "
                                 f"this service{joiner}{scope_text}", scope_atoms)
        if in_scope is None:
            return MeasureStatus(measure.id, "unclear", f"unclear: whether the code covers this service at all "
                                 f"cannot be decided ({scope_text})", scope_atoms)
    app = applicability_of(measure, code.info.kind, vocab)
    unparsed_note = ""
    if app.unparsed:
        unparsed_note = "; wording not understood: " + "; ".join(f"'{u}'" for u in app.unparsed)
    source_note = ""
    if app.decided_by == "index" and not any(c.op == "prefer" for c in [app.condition] if c is not None):
        source_note = (f" (decided from the code's index table, '{(app.index_applies_to or '').strip() or 'blank: all services'}', "
                       f"because the measure has no application text)")
    cond = app.condition if app.condition is not None else atom_unknown(measure.application or "")
    # the measure itself heads the chain of references, so that a cycle back to it is seen at once
    value, text, atoms = explain(cond, _Ctx(ctx.service, ctx.vocab, ctx.code, (measure.id,)))
    if value is None:
        return MeasureStatus(
            measure.id, "unclear",
            f"unclear: whether it applies cannot be decided from the words: {text}{source_note}", atoms,
        )
    if not value:
        return MeasureStatus(measure.id, "exempt", f"exempt: {text}{source_note}{unparsed_note if app.decided_by == 'text' else ''}", atoms)
    escapes, partial = _escapes(measure, app, service, rules)
    partial_note = ""
    if partial:
        partial_note = "; only in part open to this service: " + "; ".join(_dedupe([r for r, _ in partial]))
    extra = f"{source_note}{partial_note}{unparsed_note if app.decided_by == 'text' else ''}"
    conditional = conditional_parts(code, measure, ctx)
    if escapes:
        why = "; and ".join(_dedupe([r for r, _ in escapes]))
        return MeasureStatus(
            measure.id, "qualified", f"qualified: it applies ({text}), but {why}{extra}", atoms,
            _dedupe([phrase for _, phrase in escapes]), conditional,
        )
    return MeasureStatus(measure.id, "applies", f"applies: {text}{extra}", atoms, [], conditional)


# "Where ICU C4 and ICU C5 are not applicable to the provider, it should ...", "(b) if ICU C9 applies, ..."
_CONDITIONAL = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}\)\s*)?(?:where|if)\s+(?P<cond>[^,;:]+?)\s*,", re.I)
_TO_THE_PROVIDER = re.compile(r"\s+(?:to|for)\s+(?:the|a|that|this)\s+(?:provider|service)\b", re.I)


def conditional_parts(code: Code, measure: Measure, ctx: _Ctx, id_pattern=None) -> list[str]:
    """Paragraphs and sub-items that bind only when other measures apply or not (ICU D7.2(b)).

    Only conditions made of measure references are read (the rest of a "Where the provider ..."
    paragraph is about the provider's own conduct, which a service profile does not record), and
    each is said in words for this service: binds, does not bind, or cannot be decided.
    """
    out: list[str] = []
    for p in measure.paragraphs:
        if p.is_application:
            continue
        parts = [(p.number, p.text)] + [(f"{p.number}{i.label}", i.text) for i in _walk_items(p.items)]
        for where, text in parts:
            m = _CONDITIONAL.match(text)
            if not m or not (id_pattern or DEFAULT_MEASURE_ID).search(m.group("cond")):
                continue
            words = _TO_THE_PROVIDER.sub("", m.group("cond"))
            # the same paragraph is read for every service of a matrix: parse it once per vocabulary
            app = _parsed(words, code.info.kind, _remember(ctx.vocab)) if id_pattern is None else \
                parse_application(words, code.info.kind, ctx.vocab, id_pattern)
            if app.condition is None or not any(a.atom == "measure" for a in atoms_of(app.condition)):
                continue
            value, text_, _ = explain(app.condition, _Ctx(ctx.service, ctx.vocab, code, (measure.id,)))
            verdict = {True: "binds this service", False: "does not bind this service",
                       None: "cannot be decided for this service"}[value]
            out.append(f"{where} (only where {m.group('cond').strip()}) {verdict}: {text_}")
    return out


def _walk_items(items):
    for i in items:
        yield i
        yield from _walk_items(i.items)


def evaluate(code: Code, service: ServiceProfile, rules: Iterable[EscapeRule] | None = None) -> list[MeasureStatus]:
    """Status of every measure of ``code`` for ``service``, in the code's order."""
    ctx = _Ctx(service, code_vocabulary(code), code)
    rules = load_escape_rules() if rules is None else tuple(rules)
    return [evaluate_measure(code, m, service, rules, _ctx=ctx) for m in code.measures]


def _as_mapping(services: Mapping[str, ServiceProfile] | Iterable[ServiceProfile] | None,
                family: str | None = None) -> dict[str, ServiceProfile]:
    if services is None:
        return {s.name: s for s in load_archetypes(family=family)}
    if isinstance(services, Mapping):
        return dict(services)
    return {s.name: s for s in services}


def matrix(
    code: Code, services: Mapping[str, ServiceProfile] | Iterable[ServiceProfile] | None = None
) -> dict[str, list[MeasureStatus]]:
    """Every measure × service (by default the built-in archetypes of the code's family; none for a
    family without archetypes): {service name: statuses}."""
    rules = load_escape_rules()
    return {name: evaluate(code, svc, rules) for name, svc in _as_mapping(services, code.info.family).items()}


# ---------------------------------------------------------------------------- what-if


@dataclass
class WhatIfChange:
    """One measure whose status differs: A's and B's status and reason, and who depends on it."""

    measure: str
    title: str
    before: MeasureStatus  # status for service A
    after: MeasureStatus  # status for service B
    dependents: list[str] = field(default_factory=list)  # measures that refer to this one (graph)
    # flat copies for tables and JSON consumers
    status_a: str = field(init=False)
    status_b: str = field(init=False)
    reason_a: str = field(init=False)
    reason_b: str = field(init=False)

    def __post_init__(self) -> None:
        self.status_a, self.status_b = self.before.status, self.after.status
        self.reason_a, self.reason_b = self.before.reason, self.after.reason


@dataclass
class WhatIf:
    """The measures whose status differs between two profiles (e.g. before and after adopting E2EE)."""

    service_a: str
    service_b: str
    changes: list[WhatIfChange] = field(default_factory=list)
    unchanged: int = 0

    def __iter__(self):
        """Iterating a what-if gives its changes, so it reads like a list of differences."""
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def summary(self) -> str:
        if not self.changes:
            return f"No measure changes status between {self.service_a} and {self.service_b}."
        lines = [f"{len(self.changes)} measure(s) change status from {self.service_a} to {self.service_b}:"]
        for c in self.changes:
            dep = f" (measures that depend on it: {', '.join(c.dependents)})" if c.dependents else ""
            lines.append(f"- {c.measure} {c.title}: {c.before.status} → {c.after.status}{dep}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        import dataclasses

        return dataclasses.asdict(self)


def whatif(code: Code, a: ServiceProfile, b: ServiceProfile) -> WhatIf:
    """Compare two profiles over ``code``; each changed measure lists the measures depending on it."""
    from .graph import dependents, graph

    rules = load_escape_rules()
    sa, sb = evaluate(code, a, rules), evaluate(code, b, rules)
    result = WhatIf(a.name, b.name)
    g = None
    titles = {m.id: m.title for m in code.measures}
    for x, y in zip(sa, sb):
        if x.status == y.status:
            result.unchanged += 1
            continue
        if g is None:
            g = graph(code)
        result.changes.append(WhatIfChange(x.measure, titles.get(x.measure, ""), x, y, dependents(code, x.measure, g=g)))
    return result
