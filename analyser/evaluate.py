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

from .conditions import DEFAULT_MEASURE_ID, Vocabulary, atoms_of, parse_application
from .models import Applicability, AtomResult, Code, Condition, Measure, MeasureStatus, ServiceProfile
from .paths import PACKAGE_DATA
from .service import load_archetypes
from .truth import (  # noqa: F401  (re-exported: callers read these from evaluate)
    KIND_WORDS, Ctx, applicability_of, atom_unknown, code_part, code_scope, code_vocabulary, dedupe, explain, holds,
    names_other_kinds,
    parsed_application, remember_vocabulary, truth,
)


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




def _outside(measure: Measure, covers: Condition, ctx: Ctx, said: str, undecided: str) -> MeasureStatus | None:
    """Exempt when the service is outside ``covers`` (whom the whole code, or the measure's part of a library, covers),
    said as "exempt: <said>; this service ..."; unclear when that cannot be decided ("<undecided> cannot be decided");
    None when the service is inside."""
    inside, text, atoms = explain(covers, ctx)
    if inside is False:
        joiner = " " if text.split(" ", 1)[0] in ("is", "does", "has", "uses") else ": "
        return MeasureStatus(measure.id, "exempt", f"exempt: {said}; this service{joiner}{text}", atoms)
    if inside is None:
        return MeasureStatus(measure.id, "unclear", f"unclear: {undecided} cannot be decided ({text})", atoms)
    return None


def evaluate_measure(
    code: Code, measure: Measure, service: ServiceProfile, rules: Iterable[EscapeRule] | None = None, *, _ctx: Ctx | None = None
) -> MeasureStatus:
    vocab = _ctx.vocab if _ctx else code_vocabulary(code)
    ctx = _ctx or Ctx(service, vocab, code)
    rules = load_escape_rules() if rules is None else rules
    covered, why_not = _kind_covered(code, service, vocab)
    if not covered:
        kinds = code_kinds(code)
        return MeasureStatus(measure.id, "exempt", f"exempt: {why_not}", [AtomResult(f"kind({'|'.join(kinds)})", False, why_not)])
    scope = code_scope(code, vocab)
    if scope is not None and scope.condition is not None:
        outside = _outside(measure, scope.condition, ctx, f"the code covers only {vocab.scope.strip()}",
                           "whether the code covers this service at all")
        if outside is not None:
            return outside
    app = applicability_of(measure, code.info.kind, vocab)
    found = code_part(code, measure, vocab)
    if found is not None and found.covers.condition is not None and not names_other_kinds(app.condition, found.covers.condition, vocab):
        # a code of a library profile covers only its own services, whatever the measure's words say of whom
        where = f"the measure is in the {found.part.label} ('{found.named_by}' names it), which covers only {found.part.scope.strip()}"
        outside = _outside(measure, found.covers.condition, ctx, where, f"{where}, and whether this service is")
        if outside is not None:
            return outside
    unparsed_note = ""
    if app.unparsed:
        unparsed_note = "; wording not understood: " + "; ".join(f"'{u}'" for u in app.unparsed)
    source_note = ""
    if app.decided_by == "index" and not any(c.op == "prefer" for c in [app.condition] if c is not None):
        source_note = (f" (decided from the code's index table, '{(app.index_applies_to or '').strip() or 'blank: all services'}', "
                       f"because the measure has no application text)")
    cond = app.condition if app.condition is not None else atom_unknown(measure.application or "")
    # the measure itself heads the chain of references, so that a cycle back to it is seen at once
    value, text, atoms = explain(cond, Ctx(ctx.service, ctx.vocab, ctx.code, (measure.id,)))
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
        partial_note = "; only in part open to this service: " + "; ".join(dedupe([r for r, _ in partial]))
    extra = f"{source_note}{partial_note}{unparsed_note if app.decided_by == 'text' else ''}"
    conditional = conditional_parts(code, measure, ctx)
    if escapes:
        why = "; and ".join(dedupe([r for r, _ in escapes]))
        return MeasureStatus(
            measure.id, "qualified", f"qualified: it applies ({text}), but {why}{extra}", atoms,
            dedupe([phrase for _, phrase in escapes]), conditional,
        )
    return MeasureStatus(measure.id, "applies", f"applies: {text}{extra}", atoms, [], conditional)


# "Where ICU C4 and ICU C5 are not applicable to the provider, it should ...", "(b) if ICU C9 applies, ..."
_CONDITIONAL = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}\)\s*)?(?:where|if)\s+(?P<cond>[^,;:]+?)\s*,", re.I)
_TO_THE_PROVIDER = re.compile(r"\s+(?:to|for)\s+(?:the|a|that|this)\s+(?:provider|service)\b", re.I)


def conditional_parts(code: Code, measure: Measure, ctx: Ctx, id_pattern=None) -> list[str]:
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
            app = parsed_application(words, code.info.kind, remember_vocabulary(ctx.vocab)) if id_pattern is None else \
                parse_application(words, code.info.kind, ctx.vocab, id_pattern)
            if app.condition is None or not any(a.atom == "measure" for a in atoms_of(app.condition)):
                continue
            value, text_, _ = explain(app.condition, Ctx(ctx.service, ctx.vocab, code, (measure.id,)))
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
    ctx = Ctx(service, code_vocabulary(code), code)
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
