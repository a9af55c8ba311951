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
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .conditions import LARGE_THRESHOLD, Vocabulary, load_vocabulary, parse_application, users_over_words
from .models import Applicability, AtomResult, Code, Condition, Measure, MeasureStatus, ServiceProfile
from .paths import PACKAGE_DATA
from .service import at_or_above, harms_at, load_archetypes, risk_level

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
    group: str | None
    vocab: Vocabulary


def _plural(n: int, word: str) -> str:
    if n == 0:
        return f"no {word}"
    return f"{n} {word}" if n == 1 else f"{n} {word.replace('kind', 'kinds')}"


def _eval_atom(cond: Condition, ctx: _Ctx) -> AtomResult:
    s, p, vocab = ctx.service, cond.params, ctx.vocab
    name = cond.atom or "?"
    match name:
        case "all":
            return AtomResult("all", True, "the measure applies to all services the code covers")
        case "large":
            v = s.users > LARGE_THRESHOLD
            return AtomResult(
                "large", v,
                f"large ({s.users:,} > {LARGE_THRESHOLD:,} users)" if v else f"not large ({s.users:,} ≤ {LARGE_THRESHOLD:,} users)",
            )
        case "users_over":
            n = int(p.get("n", 0))
            v = s.users > n
            return AtomResult(
                f"users_over({n})", v,
                f"{users_over_words(n)} ({s.users:,})" if v else f"{users_over_words(n, negated=True)} ({s.users:,})",
            )
        case "multi_risk" | "low_risk":
            harms = harms_at(s, "medium", ctx.group)
            k = len(harms)
            listed = f": {', '.join(vocab.harm_label(h) for h in harms)}" if harms else ""
            counted = f"{_plural(k, 'kind of harm')} at medium or high{listed}"
            if name == "multi_risk":
                v = k >= 2
                return AtomResult("multi_risk", v, f"multi-risk ({counted})" if v else f"not multi-risk ({counted})")
            v = k == 0
            return AtomResult("low_risk", v, "low risk (no kind of harm above low)" if v else f"not low risk ({counted})")
        case "risk":
            harm, minimum = str(p.get("harm", "any")), str(p.get("min", "medium"))
            if harm == "any":
                hits = harms_at(s, minimum, ctx.group)
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
            actual = f"{s.search_type} search" if s.kind == "search" else "user-to-user"
            return AtomResult(
                f"search_type({want})", v, f"a {want} search service" if v else f"not a {want} search service ({actual})"
            )
        case "kind":
            want = str(p.get("kind"))
            v = s.kind == want
            return AtomResult(f"kind({want})", v, f"one of the {KIND_WORDS.get(want, want)}" if v else f"not one of the {KIND_WORDS.get(want, want)}")
    return AtomResult(name, False, f"unknown condition '{name}' (treated as not met)")


def explain(cond: Condition, ctx: _Ctx) -> tuple[bool, str, list[AtomResult]]:
    """Evaluate ``cond``; return its value, the deciding facts in words, and the deciding atoms.

    Only what decided the value is reported: for a true "or" the branches that held, for a
    false "and" the conditions that failed; otherwise every branch. A fact stated twice (two
    routes that both need "high risk of image-based CSAM") is said once.
    """
    value, pieces, sep, atoms = _explain(cond, ctx)
    return value, sep.join(pieces), _dedupe_atoms(atoms)


def _explain(cond: Condition, ctx: _Ctx) -> tuple[bool, list[str], str, list[AtomResult]]:
    if cond.op == "atom":
        r = _eval_atom(cond, ctx)
        return r.value, [r.explanation], " and ", [r]
    if cond.op == "not":
        v, pieces, sep, atoms = _explain(cond.args[0], ctx)
        return (not v), pieces, sep, atoms
    results = [(arg, *_explain(arg, ctx)) for arg in cond.args]
    if cond.op == "and":
        value = all(r[1] for r in results)
        deciding = results if value else [r for r in results if not r[1]]
    elif cond.op == "or":
        value = any(r[1] for r in results)
        deciding = [r for r in results if r[1]] if value else results
    else:
        return False, [f"unknown operator '{cond.op}'"], " and ", []
    compound = any(len(pieces) > 1 for _a, _v, pieces, _s, _at in deciding)
    # a failed "or" of compound routes reads best route by route ("...; ..."); all else joins with "and"
    sep = "; " if cond.op == "or" and not value and compound else " and "
    out: list[str] = []
    atoms: list[AtomResult] = []
    for _arg, _v, pieces, child_sep, ats in deciding:
        if child_sep == sep:
            out.extend(pieces)
        else:
            out.append(child_sep.join(pieces))
        atoms.extend(ats)
    return value, _dedupe(out), sep, atoms


def _dedupe_atoms(atoms: list[AtomResult]) -> list[AtomResult]:
    seen: set[tuple[str, bool]] = set()
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


def holds(cond: Condition, service: ServiceProfile, group: str | None = None) -> bool:
    """Truth of ``cond`` for ``service`` without explanations (fast path for probing)."""
    op = cond.op
    if op == "and":
        return all(holds(a, service, group) for a in cond.args)
    if op == "or":
        return any(holds(a, service, group) for a in cond.args)
    if op == "not":
        return not holds(cond.args[0], service, group)
    p = cond.params
    match cond.atom:
        case "all":
            return True
        case "large":
            return service.users > LARGE_THRESHOLD
        case "users_over":
            return service.users > int(p.get("n", 0))
        case "multi_risk":
            return len(harms_at(service, "medium", group)) >= 2
        case "low_risk":
            return not harms_at(service, "medium", group)
        case "risk":
            harm, minimum = str(p.get("harm", "any")), str(p.get("min", "medium"))
            if harm == "any":
                return bool(harms_at(service, minimum, group))
            return at_or_above(risk_level(service, harm), minimum)
        case "feature":
            return p.get("name") in service.features
        case "search_type":
            return service.kind == "search" and service.search_type == p.get("type")
        case "kind":
            return service.kind == p.get("kind")
    return False


# ---------------------------------------------------------------------------- evaluate


@functools.lru_cache(maxsize=2048)
def _parsed(text: str, kind: str) -> Applicability:
    return parse_application(text, kind)


def applicability_of(measure: Measure, code_kind: str) -> Applicability:
    """The measure's resolved applicability, or a parse of its wording when not yet resolved."""
    return measure.applicability or _parsed(measure.application or "", code_kind)


def harm_group_for(code: Code, vocab: Vocabulary | None = None) -> str | None:
    vocab = vocab or load_vocabulary()
    return vocab.code_harm_groups.get(code.info.short_name)


def evaluate_measure(
    code: Code, measure: Measure, service: ServiceProfile, rules: Iterable[EscapeRule] | None = None, *, _ctx: _Ctx | None = None
) -> MeasureStatus:
    vocab = load_vocabulary()
    ctx = _ctx or _Ctx(service, harm_group_for(code, vocab), vocab)
    rules = load_escape_rules() if rules is None else rules
    code_kind = code.info.kind
    if code_kind in KIND_WORDS and service.kind != code_kind:
        text = f"code is for {KIND_WORDS[code_kind]}"
        return MeasureStatus(
            measure.id, "exempt", f"exempt: {text}; this is one of the {KIND_WORDS.get(service.kind, service.kind)}",
            [AtomResult(f"kind({code_kind})", False, text)],
        )
    for feat in vocab.code_implicit_features.get(code.info.short_name, []):
        if feat not in service.features:
            r = _eval_atom(Condition(op="atom", atom="feature", params={"name": feat}), ctx)
            return MeasureStatus(
                measure.id, "exempt", f"exempt: code is for services {vocab.feature_label(feat)}; this service {r.explanation}",
                [r],
            )
    app = applicability_of(measure, code_kind)
    unparsed_note = ""
    if app.unparsed:
        unparsed_note = "; wording not understood: " + "; ".join(f"'{u}'" for u in app.unparsed)
    if app.condition is None:
        return MeasureStatus(
            measure.id, "applies",
            f"applies: its application wording was not understood, so it is assumed to apply (check the text){unparsed_note}",
        )
    value, text, atoms = explain(app.condition, ctx)
    if not value:
        return MeasureStatus(measure.id, "exempt", f"exempt: {text}{unparsed_note}", atoms)
    escapes, partial = _escapes(measure, app, service, rules)
    partial_note = ""
    if partial:
        partial_note = "; only in part open to this service: " + "; ".join(_dedupe([r for r, _ in partial]))
    if escapes:
        why = "; and ".join(_dedupe([r for r, _ in escapes]))
        return MeasureStatus(
            measure.id, "qualified", f"qualified: it applies ({text}), but {why}{partial_note}{unparsed_note}", atoms,
            _dedupe([phrase for _, phrase in escapes]),
        )
    return MeasureStatus(measure.id, "applies", f"applies: {text}{partial_note}{unparsed_note}", atoms)


def evaluate(code: Code, service: ServiceProfile, rules: Iterable[EscapeRule] | None = None) -> list[MeasureStatus]:
    """Status of every measure of ``code`` for ``service``, in the code's order."""
    vocab = load_vocabulary()
    ctx = _Ctx(service, harm_group_for(code, vocab), vocab)
    rules = load_escape_rules() if rules is None else tuple(rules)
    return [evaluate_measure(code, m, service, rules, _ctx=ctx) for m in code.measures]


def _as_mapping(services: Mapping[str, ServiceProfile] | Iterable[ServiceProfile] | None) -> dict[str, ServiceProfile]:
    if services is None:
        return {s.name: s for s in load_archetypes()}
    if isinstance(services, Mapping):
        return dict(services)
    return {s.name: s for s in services}


def matrix(
    code: Code, services: Mapping[str, ServiceProfile] | Iterable[ServiceProfile] | None = None
) -> dict[str, list[MeasureStatus]]:
    """Every measure × service (the built-in archetypes by default): {service name: statuses}."""
    rules = load_escape_rules()
    return {name: evaluate(code, svc, rules) for name, svc in _as_mapping(services).items()}


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
