"""Fill ``Measure.applicability`` and check it against the code's own index table.

Why compare by truth rather than by text: the index table abbreviates ("Large or multi-risk")
what the body spells out ("providers of services that are large or multi-risk"), so the two
wordings differ even when they agree. Both are parsed and evaluated over a grid of probe
service profiles; only when some probe gets different answers is the measure flagged, and the
warning names both wordings and one service on which they part.
"""

from __future__ import annotations

import itertools
from typing import Iterator

from .conditions import and_, atom, describe, load_vocabulary, normalise, parse_application
from .evaluate import harm_group_for, holds
from .models import Applicability, Code, Condition, IndexRow, Measure, ParseWarning, ServiceProfile

_MAX_PROBES = 20_000


def _atoms(cond: Condition | None) -> Iterator[Condition]:
    if cond is None:
        return
    if cond.op == "atom":
        yield cond
    for a in cond.args:
        yield from _atoms(a)


def probe_services(conds: list[Condition], code_kind: str, group: str | None = None) -> Iterator[ServiceProfile]:
    """Service profiles that tell the given conditions apart.

    The grid covers every threshold either side (0, n, n+1 users; 7,000,000 and 7,000,001),
    every level of each harm the conditions name, zero/one/two other harms at medium or high
    (for multi-risk and "any kind of harm"), every subset of the features named, and each
    search type for search codes.
    """
    vocab = load_vocabulary()
    atoms = [a for c in conds for a in _atoms(c)]
    users = {0, 7_000_000, 7_000_001}
    harms: list[str] = []
    features: list[str] = []
    for a in atoms:
        if a.atom == "users_over":
            n = int(a.params.get("n", 0))
            users.update({n, n + 1})
        elif a.atom == "risk" and a.params.get("harm") not in (None, "any") and a.params["harm"] not in harms:
            harms.append(a.params["harm"])
        elif a.atom == "feature" and a.params.get("name") not in features:
            features.append(a.params["name"])
    pool = [h for h in vocab.harms_in_group(group) if h not in harms]
    others = [{}, {pool[0]: "medium"}, {pool[0]: "high", pool[1]: "medium"}, {pool[0]: "low"}] if len(pool) >= 2 else [{}]
    kinds = [("search", "general"), ("search", "vertical")] if code_kind == "search" else [(code_kind if code_kind in ("u2u", "search") else "u2u", None)]
    if any(a.atom in ("kind", "search_type") for a in atoms) and code_kind != "search":
        kinds += [("search", "general"), ("search", "vertical")]
    count = 0
    for kind, stype in kinds:
        for n in sorted(users):
            for levels in itertools.product(vocab.levels, repeat=len(harms)):
                for extra in others:
                    for k in range(len(features) + 1):
                        for feats in itertools.combinations(features, k):
                            risks = {**extra, **{h: lv for h, lv in zip(harms, levels) if lv != "negligible"}}
                            yield ServiceProfile(name="probe", kind=kind, search_type=stype, users=n, risks=risks, features=list(feats))
                            count += 1
                            if count >= _MAX_PROBES:
                                return


def _describe_service(s: ServiceProfile) -> str:
    risks = ", ".join(f"{h} {lv}" for h, lv in s.risks.items()) or "no risk above negligible"
    feats = ", ".join(s.features) or "no listed features"
    kind = f"{s.search_type} search" if s.kind == "search" else s.kind
    return f"a {kind} service with {s.users:,} users, {risks}, {feats}"


def disagreement(a: Condition, b: Condition, code_kind: str, group: str | None = None) -> ServiceProfile | None:
    """A probe service for which ``a`` and ``b`` give different answers, or None if none does."""
    if normalise(a) == normalise(b):
        return None
    for probe in probe_services([a, b], code_kind, group):
        if holds(a, probe, group) != holds(b, probe, group):
            return probe
    return None


def implicit_condition(short_name: str | None) -> Condition:
    """What every measure of the code requires unsaid (children's codes: likely to be accessed by children)."""
    feats = load_vocabulary().code_implicit_features.get(short_name or "", [])
    return and_(*(atom("feature", name=f) for f in feats))


def index_condition(cell: str, code_kind: str, short_name: str | None = None) -> Applicability:
    """Parse an index-table "applies to" cell; blank means all services the code covers."""
    app = parse_application(cell or "", code_kind)
    if app.condition is not None:
        app.condition = and_(implicit_condition(short_name), app.condition)
    return app


def _index_rows(code: Code) -> dict[str, IndexRow]:
    rows: dict[str, IndexRow] = {}
    for row in code.index:
        for mid in row.ids:
            rows.setdefault(mid, row)
    return rows


def resolve_measure(
    measure: Measure, code_kind: str, row: IndexRow | None, group: str | None = None, short_name: str | None = None
) -> Applicability:
    """Parse one measure's application wording and reconcile it with its index row."""
    app = parse_application(measure.application or "", code_kind)
    if not (measure.application or "").strip():
        app.warnings = [w for w in app.warnings if "no application wording" not in w]
    if row is None:
        if not (measure.application or "").strip():
            app.confidence = 0.5
            app.warnings.append(f"{measure.id}: no application text found and no index row; taken as all services")
        return app
    app.index_applies_to = row.applies_to
    index_app = index_condition(row.applies_to or "", code_kind, short_name)
    index_words = row.applies_to.strip() or "(blank: all services)"
    if not (measure.application or "").strip():
        # nothing in the body: the index is the only statement of who the measure is for
        app.condition = index_app.condition
        app.unparsed = list(index_app.unparsed)
        app.scope = list(index_app.scope)
        app.confidence = round(index_app.confidence * 0.8, 2)
        app.warnings.append(
            f"{measure.id}: no application text in the body; condition taken from the index table ('{index_words}')"
        )
        return app
    for s in index_app.scope:
        if s not in app.scope:
            app.scope.append(s)
    if app.condition is None or index_app.condition is None:
        if index_app.condition is None and row.applies_to.strip():
            app.warnings.append(
                f"{measure.id}: the index table's wording '{index_words}' was not understood, so it could not be checked "
                f"against the application text '{measure.application.strip()}'"
            )
        return app
    implicit = implicit_condition(short_name)
    probe = disagreement(and_(implicit, app.condition), index_app.condition, code_kind, group)
    if probe is not None:
        body_says = holds(and_(implicit, app.condition), probe, group)
        app.warnings.append(
            f"{measure.id}: the index table says it applies to '{index_words}' "
            f"({describe(index_app.condition)}) but the application text says '{measure.application.strip()}' "
            f"({describe(app.condition)}); they differ for {_describe_service(probe)} "
            f"(body: {'applies' if body_says else 'exempt'}, index: {'exempt' if body_says else 'applies'})"
        )
    return app


def resolve_applicability(code: Code) -> Code:
    """Set ``Measure.applicability`` on every measure of ``code``; warnings go on the measure too."""
    rows = _index_rows(code)
    group = harm_group_for(code)
    kind = code.info.kind
    if not rows and code.measures and not any((m.application or "").strip() for m in code.measures):
        # a code that never says per measure to whom it applies (e.g. the EU GPAI code): every
        # measure covers everyone the code covers; one note for the code, not one per measure
        note = "no measure states to whom it applies; each is taken to apply to every provider the code covers"
        if not any(w.message == note for w in code.warnings):
            code.warnings.append(ParseWarning(note))
        for m in code.measures:
            m.applicability = Applicability(text="", condition=atom("all"), confidence=1.0)
        return code
    for m in code.measures:
        app = resolve_measure(m, kind, rows.get(m.id), group, code.info.short_name)
        m.applicability = app
        for w in app.warnings:
            if w not in m.warnings:
                m.warnings.append(w)
        if app.unparsed:
            note = f"{m.id}: application wording not fully understood: " + "; ".join(f"'{u}'" for u in app.unparsed)
            if note not in app.warnings:
                app.warnings.append(note)
            if note not in m.warnings:
                m.warnings.append(note)
    return code
