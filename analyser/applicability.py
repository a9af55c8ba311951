"""Fill ``Measure.applicability`` and check it against the code's own index table.

Why compare by truth rather than by text: the index table abbreviates ("Large or multi-risk")
what the body spells out ("providers of services that are large or multi-risk"), so the two
wordings differ even when they agree. Both are parsed and evaluated over a grid of probe
service profiles; only when some probe gets different answers is the measure flagged, and the
warning names both wordings and one service on which they part.
"""

from __future__ import annotations

import itertools
import re
from typing import Iterator

from .application_text import CONDITIONAL_OBLIGATION, STRAY_APPLICATION
from .conditions import Vocabulary, and_, or_, atom, atoms_of, describe, is_understood, load_vocabulary, normalise, parse_application
from .condition_tree import duty_for_every_reader_or_featured
from .application_intros import PROHIBITION
from .condition_tokens import features_named, lexicon_for, tokenise
from .defined_terms import read_defined_terms, undefined_class
from .paragraph_references import read_references
from .scope_outside_application import class_words, scope_outside_application, subject_beside_exceptions
from .object_features import read_with_object_features
from .part_releases import read_with_part_releases
from .own_number import named_by_its_number
from .time_limits import limit_in_time
from .evaluate import code_scope, code_vocabulary, truth
from .feature_likeness import trusted_likeness
from .models import Applicability, Code, Condition, IndexRow, Measure, ParseWarning, ServiceProfile

_MAX_PROBES = 20_000


def probe_services(conds: list[Condition], code_kind: str, vocab: Vocabulary) -> Iterator[ServiceProfile]:
    """Service profiles that tell the given conditions apart.

    The grid covers every threshold either side (0, n, n+1 users; the "large" threshold and one
    more), every level of each harm the conditions name, zero/one/two other harms at medium or
    high (for multi-risk and "any kind of harm"), every subset of the features named, and each
    search type for search codes.
    """
    atoms = [a for c in conds for a in atoms_of(c)]
    users = {0, vocab.large_users, vocab.large_users + 1}
    harms: list[str] = []
    features: list[str] = []
    kinds_named: list[str] = []
    for a in atoms:
        if a.atom == "users_over":
            n = int(a.params.get("n", 0))
            users.update({n, n + 1})
        elif a.atom == "risk" and a.params.get("harm") not in (None, "any") and a.params["harm"] not in harms:
            harms.append(a.params["harm"])
        elif a.atom == "feature" and a.params.get("name") not in features:
            features.append(a.params["name"])
        elif a.atom == "kind" and a.params.get("kind") not in kinds_named:
            kinds_named.append(a.params["kind"])
    pool = [h for h in vocab.harms_in_group(vocab.risk_group) if h not in harms]
    others = [{}, {pool[0]: "medium"}, {pool[0]: "high", pool[1]: "medium"}, {pool[0]: "low"}] if len(pool) >= 2 else [{}]
    kinds = [("search", "general"), ("search", "vertical")] if code_kind == "search" else [(code_kind if code_kind not in ("any", "", None) else "u2u", None)]
    if any(a.atom in ("kind", "search_type") for a in atoms) and code_kind != "search":
        kinds += [("search", "general"), ("search", "vertical")]
    kinds += [(k, None) for k in kinds_named if k not in ("u2u", "search") and (k, None) not in kinds]
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


def disagreement(a: Condition, b: Condition, code_kind: str, vocab: Vocabulary, code: Code | None = None) -> ServiceProfile | None:
    """A probe service for which ``a`` and ``b`` give different answers, or None if none does."""
    if normalise(a) == normalise(b):
        return None
    for probe in probe_services([a, b], code_kind, vocab):
        if truth(a, probe, vocab, code) != truth(b, probe, vocab, code):
            return probe
    return None


def index_condition(cell: str, code_kind: str, vocab: Vocabulary | None = None, id_pattern=None) -> Applicability:
    """Parse an index-table "applies to" cell; blank means all services the code covers."""
    return parse_application(cell or "", code_kind, vocab, id_pattern)


def _index_rows(code: Code) -> dict[str, IndexRow]:
    rows: dict[str, IndexRow] = {}
    for row in code.index:
        for mid in row.ids:
            rows.setdefault(mid, row)
    return rows


# words of an exception or a negation: an index cell, being short, drops them
_EXCEPTION = re.compile(r"\b(?:except\w*|other\s+than|unless|save|but|not|neither|nor|excluding|apart\s+from|"
                        r"does\s+not|do\s+not|only\s+where|only\s+if|provided\s+that|however)\b", re.I)


def _named_only_in_text(text: str, index_cond: Condition | None, code_kind: str, vocab: Vocabulary,
                        id_pattern=None) -> list[str]:
    """Harms, features, kinds, user numbers and measures the text names but the index reading lacks."""
    in_index = _named(index_cond, vocab)
    toks = tokenise(text, lexicon_for(vocab), id_pattern)
    named: dict[tuple[str, object], str] = {}
    for i, t in enumerate(toks):
        if t.kind == "HARM":
            for h in t.value:
                if h in vocab.harms:
                    named[("harm", h)] = f"'{vocab.harm_label(h)}'"
        elif t.kind == "FEATURE":
            named[("feature", t.value)] = f"'{vocab.feature_label(t.value)}'"
        elif t.kind == "KIND" and t.value != code_kind:
            named[("kind", t.value)] = f"'{vocab.kind_label(t.value)}'"
        elif t.kind == "MREF":
            named.update({("measure", m): m for m in t.value[0]})
        elif t.kind == "NUM" and isinstance(t.value, (int, float)):
            n, j = t.value, i + 1
            while j < len(toks) and toks[j].kind == "MILLION":
                n, j = n * toks[j].value, j + 1
            if n >= 1000:
                named[("users", int(n))] = f"{int(n):,} users"
    return [words for key, words in named.items() if key not in in_index]


_ALSO = re.compile(r"\balso\b|\band\s+(?:to\s+)?(?:providers?\s+of|services)\b", re.I)


def _index_abbreviates(text: str, cell: str, text_cond: Condition, index_cond: Condition, code_kind: str,
                       vocab: Vocabulary, code: Code | None) -> bool:
    """Does the index cell differ from the text only as an abbreviation does?

    Index tables drop exceptions and extra groups first. The cell is an abbreviation when the text
    makes an exception the cell does not show and, without its exceptions, the text reads exactly as
    the cell; or when the text names a further group ("It also applies to ...") the cell does not
    show and the text without that group reads exactly as the cell. Anything else is a real
    disagreement.
    """
    if _names_more(text_cond, index_cond, code_kind, vocab, code):
        return True
    narrows = bool(_EXCEPTION.search(text)) and not _EXCEPTION.search(cell)
    widens = bool(_ALSO.search(text)) and not _ALSO.search(cell)
    if narrows:
        core = _without_exceptions(text_cond)
        if core is not None and disagreement(core, index_cond, code_kind, vocab, code) is None:
            return True
    if widens:
        parts = _top_level_or(text_cond)
        for i in range(1, len(parts)):
            if disagreement(or_(*parts[:i]), index_cond, code_kind, vocab, code) is None:
                return True
    return False


def _named(cond: Condition | None, vocab: Vocabulary) -> set[tuple[str, object]]:
    """The harms, features, kinds, user numbers and measures a reading names."""
    out: set[tuple[str, object]] = set()
    for a in atoms_of(cond):
        p = a.params
        if a.atom == "risk":
            out.add(("harm", p.get("harm")))
        elif a.atom == "feature":
            out.add(("feature", p.get("name")))
        elif a.atom == "kind":
            out.add(("kind", p.get("kind")))
        elif a.atom in ("users_over", "large"):
            n = int(p.get("n", vocab.large_users))  # ("more than 700,000" is users_over(700000); "at least" one less)
            out.update({("users", n), ("users", n + 1)})
        elif a.atom == "measure":
            out.add(("measure", p.get("id")))
        elif a.atom in ("search_type", "multi_risk", "low_risk"):
            out.add((a.atom, str(sorted(p.items()))))
    return out


def _names_more(text_cond: Condition, index_cond: Condition, code_kind: str, vocab: Vocabulary, code: Code | None) -> bool:
    """Does the text only add a restriction to the cell ("large general search services that offer predictive
    search" beside the cell "Large general search services")? It names everything the cell names and more, and
    every service it covers the cell covers too: an index cell is short, and what it leaves out it abbreviates.
    (A text that covers services the cell does not is no abbreviation: a misread sub-item can widen a reading, and
    there the cell is the check.)"""
    in_cell = _named(index_cond, vocab)
    if not in_cell or not in_cell < _named(text_cond, vocab):
        return False
    return not any(truth(text_cond, probe, vocab, code) is True and truth(index_cond, probe, vocab, code) is False
                   for probe in probe_services([text_cond, index_cond], code_kind, vocab))


def _without_exceptions(cond: Condition) -> Condition | None:
    """``cond`` without the negated parts of its conjunctions ("X and not Y" -> X), or None when it
    has none."""
    if cond.op != "and":
        return None
    kept = [a for a in cond.args if a.op != "not"]
    if len(kept) == len(cond.args):
        inner = [(_without_exceptions(a), a) for a in cond.args]
        if not any(c is not None for c, _a in inner):
            return None
        return and_(*(c if c is not None else a for c, a in inner))
    return and_(*kept) if kept else atom("all")


def _top_level_or(cond: Condition) -> list[Condition]:
    """The disjuncts of ``cond`` (inside a conjunction with the code's scope, if any)."""
    if cond.op == "or":
        return list(cond.args)
    if cond.op == "and":
        for i, a in enumerate(cond.args):
            if a.op == "or":
                rest = [b for j, b in enumerate(cond.args) if j != i]
                return [and_(*rest, d) for d in a.args]
    return [cond]


def _stray_application(measure: Measure) -> str:
    """The first paragraph that says whom the measure covers ("This measure, as amended ..., applies
    to ...") though it was not marked as application text; "" when there is none."""
    for p in measure.paragraphs:
        if not p.is_application and STRAY_APPLICATION.search(p.text) and not (
            CONDITIONAL_OBLIGATION.match(p.text)
        ):
            return p.text
    return ""


def _unknown_under_not(cond: Condition | None, negated: bool = False) -> bool:
    """Is a word not understood inside an exception ("other than services whose principal purpose ...")?"""
    if cond is None:
        return False
    if cond.op == "atom":
        return negated and cond.atom == "unknown"
    return any(_unknown_under_not(a, negated or cond.op == "not") for a in cond.args)


# words that say whom a measure covered has changed ("This measure no longer applies only to large services", "from the
# date of the amendment it applies to ..."): an index cell may be the one from before the change
_SPEAKS_OF_CHANGE = re.compile(r"\b(?:no\s+longer|now\s+(?:also\s+)?appl(?:y|ies)|as\s+amended|amend(?:ed|ment|ments|s)|formerly|"
                               r"previously|henceforth|with\s+effect\s+from|ceases?\s+to|(?:was|were)\s+(?:limited|confined|restricted))\b", re.I)
# an exception written in an index cell ("Large services other than vertical search services")
_CELL_EXCEPTION = re.compile(r"\b(?:except\w*|other\s+than|unless|save|excluding|apart\s+from|does\s+not\s+apply)\b", re.I)
# words that restrict a group of services: "where the service allows ...", "whose ...", "in each case"
# (not "which" or "that", which open paraphrases of what a cell says as often as restrictions)
_RESTRICTION = re.compile(r"\b(?:where|whose|if|when|provided\s+that|in\s+each\s+case|with|without)\b", re.I)


def _unread_restriction(unread: str, cell: str) -> bool:
    """The words not understood (``unread``) restrict the services ("in each case where the service allows
    users to broadcast live video") and the index cell has no restriction of that kind: the cell leaves it out."""
    return bool(_RESTRICTION.search(unread)) and not _RESTRICTION.search(cell)


def _cell_adds_nothing(text_cond: Condition | None, index_cond: Condition | None, code_kind: str, vocab: Vocabulary,
                      code: Code | None) -> bool:
    """The text reads "large services [words not understood]" and the cell says "large services" (or
    "large or multi-risk services"): wherever the text is undecided the cell says "applies", so it says
    nothing of the words in doubt, only that it leaves them out."""
    if text_cond is None or index_cond is None or text_cond.op != "and":
        return False
    known = [a for a in text_cond.args if is_understood(a)]
    if not known or len(known) == len(text_cond.args):
        return False
    part = and_(*known)
    return not any(truth(part, s, vocab, code) and not truth(index_cond, s, vocab, code)
                   for s in probe_services([part, index_cond], code_kind, vocab))


def _unknown_texts(cond: Condition | None) -> list[str]:
    return [str(a.params.get("text", "")) for a in atoms_of(cond) if a.atom == "unknown"]


def resolve_measure(
    measure: Measure, code_kind: str, row: IndexRow | None, vocab: Vocabulary | None = None,
    code: Code | None = None, id_pattern=None, intros: tuple = (), own_classes: frozenset[str] | None = None,
) -> Applicability:
    """Parse one measure's application wording and reconcile it with its index row.

    - text understood, index understood, and they agree: the text decides;
    - text not fully understood, index understood: the index row decides, and says so;
    - both understood but they differ: each service gets an answer only where the two agree
      (an ``agree`` node), with a warning naming one service on which they part;
    - neither understood: the words not understood stay in the condition, so the status is
      ``unclear`` wherever they could matter.
    """
    if vocab is None:
        vocab = code_vocabulary(code) if code is not None else load_vocabulary()
    application = measure.application or ""
    stray = "" if application.strip() else _stray_application(measure)
    if stray:
        # a paragraph says whom the measure covers in words the profile's phrase did not catch: it
        # is read as the application text rather than passed over, which would make it "all services"
        application = stray
    written = application
    application = named_by_its_number(application, measure)
    if own_classes is None:
        own_classes = class_words(vocab)  # (once per code where resolve_applicability calls this)
    application, defined = read_defined_terms(application, measure, own_classes)
    # ("Paragraph H3.1 does not apply to ...", "... need not comply with subclause (1)": the paragraph it names)
    application, referenced = read_references(application, measure.paragraphs)
    app = parse_application(application, code_kind, vocab, id_pattern, intros)
    # (a feature read by likeness is trusted only where no other paragraph lets services out: "None of this applies to ...")
    app = trusted_likeness(app, vocab, " ".join(p.text for p in measure.paragraphs if not p.is_application))
    if defined or referenced:
        app.text = written  # what the code says; the reading used its own definition or the paragraph named (below)
        app.warnings.extend(f"{measure.id}: {note}" for note in (*defined, *referenced))
    elif (undefined := undefined_class(application, measure, own_classes)) and app.condition is not None:
        # "applies to providers of relevant services" with no definition in the measure: a class the code defines
        # somewhere else, never every service (what the grammar, for which "relevant" means nothing, would say)
        app.condition = and_(app.condition, atom("unknown", text=undefined))
        app.unparsed.append(undefined)
        app.confidence = min(app.confidence, 0.5)
        app.warnings.append(f"{measure.id}: '{undefined}' names a class of services the measure does not define here; "
                            f"whom it covers is unclear")
    if stray:
        app.warnings.append(f"{measure.id}: no paragraph was marked as application text, but '{stray.strip()}' "
                            f"says whom the measure covers, so it was read as the application text")
    has_text = bool(application.strip())
    if not has_text:
        app.warnings = [w for w in app.warnings if "no application wording" not in w]
    if row is None:
        if not has_text:
            app.confidence = 0.5
            if scope_outside_application(app, measure, code_kind, vocab, id_pattern, intros, own_classes):
                return app
            app.warnings.append(f"{measure.id}: no application text found and no index row; taken as all services")
        return app
    app.index_applies_to = row.applies_to
    index_app = index_condition(row.applies_to or "", code_kind, vocab, id_pattern)
    index_words = row.applies_to.strip() or "(blank: all services)"
    if not has_text:
        # nothing in the body: the index is the only statement of who the measure is for
        app.condition = index_app.condition
        app.unparsed = list(index_app.unparsed)
        app.scope = list(index_app.scope)
        app.confidence = round(index_app.confidence * 0.8, 2)
        app.decided_by = "index"
        app.warnings.append(
            f"{measure.id}: no application text in the body; condition taken from the index table ('{index_words}')"
        )
        return app
    for sc in index_app.scope:
        if sc not in app.scope:
            app.scope.append(sc)
    text_ok, index_ok = is_understood(app.condition), is_understood(index_app.condition)
    if not index_ok:
        if row.applies_to.strip():
            app.warnings.append(
                f"{measure.id}: the index table's wording '{index_words}' was not understood, so it could not be checked "
                f"against the application text '{application.strip()}'"
            )
        return app
    unread = "" if text_ok else " ".join([*app.unparsed, *_unknown_texts(app.condition)])
    if not text_ok and (_EXCEPTION.search(unread)
                        or _unknown_under_not(app.condition) and not _CELL_EXCEPTION.search(row.applies_to)
                        or _unread_restriction(unread, row.applies_to)
                        or _SPEAKS_OF_CHANGE.search(unread)
                        or _cell_adds_nothing(app.condition, index_app.condition, code_kind, vocab, code)):
        # an index table abbreviates, and exceptions are what it leaves out first: where the words
        # not understood make an exception, the index's shorter reading would decide wrongly the
        # very services the exception is about
        app.warnings.append(
            f"{measure.id}: the application text was not fully understood and makes an exception, a condition or a "
            f"change the index table's wording '{index_words}' does not show, so the index was not used in its place"
        )
        return app
    missing = [] if text_ok else _named_only_in_text(application, index_app.condition, code_kind, vocab, id_pattern)
    if missing:
        # the text names what the cell does not (a second user threshold, another harm): the cell is
        # an abbreviation, and would decide wrongly the very services those words are about
        app.warnings.append(
            f"{measure.id}: the application text was not fully understood, and it names {', '.join(missing)}, "
            f"which the index table's wording '{index_words}' does not; so the index was not used in its place"
        )
        return app
    if not text_ok:
        # the text's own reading still decides every service it can (an unknown restriction leaves
        # all non-large services exempt, say); the index table decides only the rest
        app.warnings.append(
            f"{measure.id}: the application text was not fully understood ("
            + "; ".join(f"'{u}'" for u in app.unparsed or [application.strip()])
            + f"), so where it cannot decide, the index table's wording '{index_words}' ({describe(index_app.condition, vocab)}) does"
        )
        app.condition = Condition(op="prefer", args=[app.condition, index_app.condition], params={"index": row.applies_to})
        app.decided_by = "index"
        return app
    scope = code_scope(code, vocab) if code is not None else None
    within = scope.condition if scope is not None and scope.condition is not None else atom("all")
    probe = disagreement(and_(within, app.condition), and_(within, index_app.condition), code_kind, vocab, code)
    if probe is not None and _index_abbreviates(application, row.applies_to, and_(within, app.condition),
                                                and_(within, index_app.condition), code_kind, vocab, code):
        # the index table left out what the text adds (an exception, or a group named in an "also"
        # sentence), and every service on which they part is one those words are about: the text decides
        app.warnings.append(
            f"{measure.id}: the index table says it applies to '{index_words}' ({describe(index_app.condition, vocab)}), "
            f"which leaves out what the application text adds ('{application.strip()}'); the text decides, "
            f"as it does for {_describe_service(probe)}"
        )
        app.decided_by = "text"
        return app
    if probe is not None:
        body_says = truth(app.condition, probe, vocab, code)
        app.warnings.append(
            f"{measure.id}: the index table says it applies to '{index_words}' "
            f"({describe(index_app.condition, vocab)}) but the application text says '{application.strip()}' "
            f"({describe(app.condition, vocab)}); they differ for {_describe_service(probe)} "
            f"(body: {'applies' if body_says else 'exempt'}, index: {'exempt' if body_says else 'applies'}); "
            f"such services are reported as unclear"
        )
        app.condition = Condition(op="agree", args=[app.condition, index_app.condition])
        app.decided_by = "both"
    return app


def _profile_of(code: Code, profile=None):
    from .errors import ProfileError
    from .profiles import load_profile

    try:
        return load_profile(profile or code.info.profile)
    except ProfileError:
        return None


def resolve_applicability(code: Code, profile=None) -> Code:
    """Set ``Measure.applicability`` on every measure of ``code``; warnings go on the measure too.

    ``profile`` (a name or path; default the code's own) gives the code's measure-ID pattern, for
    "services to which ICU C9 applies", and its own application sentence openings.
    """
    prof = _profile_of(code, profile)
    id_pattern = prof.measure_id_pattern if prof is not None else None
    intros = prof.application_intros if prof is not None else ()
    rows = _index_rows(code)
    vocab = code_vocabulary(code)
    own_classes = class_words(vocab)  # the code's own kinds' and features' wording, once for all its measures
    kind = code.info.kind
    if not rows and code.measures and not any((m.application or "").strip() or _stray_application(m) for m in code.measures):
        # a code that never says per measure to whom it applies (e.g. the EU GPAI code): every
        # measure covers everyone the code covers; one note for the code, not one per measure
        note = "no measure states to whom it applies; each is taken to apply to every provider the code covers"
        if not any(w.message == note for w in code.warnings):
            code.warnings.append(ParseWarning(note))
        for m in code.measures:
            m.applicability = Applicability(text="", condition=atom("all"), confidence=1.0)
            # its heading, a condition on the reader or its first duty says, or may say, whom this one covers
            if scope_outside_application(m.applicability, m, kind, vocab, id_pattern, intros, own_classes):
                m.applicability.confidence = 0.5
            limit_in_time(m.applicability, m, vocab, id_pattern)
            read_with_part_releases(m.applicability, m, kind, vocab, id_pattern)
            read_with_object_features(m.applicability, m, vocab)  # ("Targeted adverts ... must be switched off by default")
            m.warnings.extend(w for w in m.applicability.warnings if w not in m.warnings)
        return code
    for m in code.measures:
        app = resolve_measure(m, kind, rows.get(m.id), vocab, code, id_pattern, intros, own_classes)
        subject_beside_exceptions(app, m, kind, vocab, id_pattern, intros)
        limit_in_time(app, m, vocab, id_pattern)
        read_with_part_releases(app, m, kind, vocab, id_pattern)
        read_with_object_features(app, m, vocab)
        m.applicability = app
        for w in app.warnings:
            if w not in m.warnings:
                m.warnings.append(w)
        if app.unparsed and app.decided_by == "text":
            note = f"{m.id}: application wording not fully understood: " + "; ".join(f"'{u}'" for u in app.unparsed)
            if note not in app.warnings:
                app.warnings.append(note)
            if note not in m.warnings:
                m.warnings.append(note)
    return code
