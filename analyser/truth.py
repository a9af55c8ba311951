"""The three-valued truth of a condition for one service, with the facts that decided it in words.

Owns the evaluation context (``Ctx``: the service, the vocabulary, the code, the measures being
resolved), each atom's value and explanation, the Kleene connectives (and the ``agree``/``prefer``/
``at_least`` nodes the applicability stage builds), references to other measures with a cycle guard,
and the parse cache of application wordings. ``evaluate`` turns these into statuses.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from .condition_tokens import kinds_named
from .conditions import Vocabulary, atoms_of, load_vocabulary, parse_application, users_over_words, vocabulary_for
from .vocabulary import CodePart
from .models import Applicability, AtomResult, Code, Condition, Measure, ServiceProfile
from .service import at_or_above, harms_at, risk_kinds, risk_level

KIND_WORDS = {"u2u": "user-to-user services", "search": "search services"}
_LEVEL_NEEDS = {"low": "low, medium or high", "medium": "medium or high", "high": "high"}

# ---------------------------------------------------------------------------- atoms


@dataclass
class Ctx:
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


def _eval_atom(cond: Condition, ctx: Ctx) -> AtomResult:
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
            # a feature that takes in narrower ones (ICO: sharing children's data includes sharing within the group)
            part = None if v else next((f for f in info.get("includes", ()) if f in s.features), None)
            if part is not None:
                v, text = True, f"has {label} ({vocab.feature_label(part)})"
            of_kind = info.get("kind")
            if v and isinstance(of_kind, str) and s.kind != of_kind:
                # a sub-kind (eSafety's "dating service" is a kind of relevant electronic service):
                # a service of another kind does not have it, whatever its profile lists
                v = False
                text = f"not a {label} ({label} is a kind of {vocab.kind_label(of_kind)})"
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


def _eval_reference(target: str, ctx: Ctx) -> AtomResult:
    """ "services to which ICU C9 applies": ICU C9's own condition, evaluated for the same service."""
    key = f"measure({target})"
    measure = ctx.code.measure(target) if ctx.code is not None else None
    if measure is None:
        return AtomResult(key, None, f"refers to {target}, which is not in this code")
    if target in ctx.resolving:
        chain = " → ".join((*ctx.resolving[ctx.resolving.index(target):], target))
        return AtomResult(key, None, f"circular reference ({chain})")
    app = applicability_of(measure, ctx.code.info.kind, ctx.vocab)
    inner = Ctx(ctx.service, ctx.vocab, ctx.code, (*ctx.resolving, target))
    value, text, _atoms = explain(app.condition or atom_unknown(measure.application), inner)
    if value is None:
        return AtomResult(key, None, f"whether {target} applies is unclear ({text})")
    return AtomResult(key, value, f"{target} {'applies' if value else 'does not apply'} ({text})")


def atom_unknown(text: str | None) -> Condition:
    return Condition(op="atom", atom="unknown", params={"text": (text or "").strip()})


def explain(cond: Condition, ctx: Ctx) -> tuple[bool | None, str, list[AtomResult]]:
    """Evaluate ``cond``; return its value, the deciding facts in words, and the deciding atoms.

    Three-valued (Kleene): ``None`` is "cannot be decided", from words that were not understood or
    a circular reference. "and" is false as soon as one part is false, "or" true as soon as one
    part is true, whatever the undecided parts say; otherwise an undecided part leaves the whole
    undecided. Only what decided the value is reported: for a true "or" the branches that held,
    for a false "and" the conditions that failed, for an undecided value the undecided parts
    (and what held). A fact stated twice is said once.
    """
    clash = _exclusive_clash(ctx)
    if clash:
        return _explain_each_of(cond, ctx, clash)
    value, pieces, sep, atoms = _explain(cond, ctx)
    return value, sep.join(pieces), _dedupe_atoms(atoms)


def _exclusive_clash(ctx: Ctx) -> list[str]:
    """Features of one exclusive group that the service is described with together ("Tier 1" and "Tier 2")."""
    have = set(ctx.service.features)
    return next((sorted(g & have) for g in ctx.vocab.exclusive if len(g & have) > 1), [])


def _explain_each_of(cond: Condition, ctx: Ctx, clash: list[str]) -> tuple[bool | None, str, list[AtomResult]]:
    """A service described as two things the code says no service is at once: the condition is evaluated for
    each thing it could be, and decided only where every one gives the same answer (never a guess at which
    was meant)."""
    readings = []
    for keep in clash:
        features = [f for f in ctx.service.features if f not in clash or f == keep]
        one = dataclasses.replace(ctx.service, features=features)
        readings.append(explain(cond, dataclasses.replace(ctx, service=one)))
    values = {r[0] for r in readings}
    both = " and ".join(ctx.vocab.feature_label(f) for f in clash)
    if len(values) == 1 and None not in values:
        value, text, atoms = readings[0]
        return value, f"{text} (whichever of {both} it is)", atoms
    said = "; ".join(f"as {ctx.vocab.feature_label(k)}: {'yes' if v else 'no' if v is False else 'undecided'} ({t})"
                     for k, (v, t, _a) in zip(clash, readings))
    return None, (f"the service is described as {both}, which the code says no one service is, and the answers "
                  f"differ: {said}"), [AtomResult("exclusive", None, f"described as {both}")]


def _explain(cond: Condition, ctx: Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
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
    return value, dedupe(out), sep, atoms


# what an officer is told when two readings part for a service; {a} and {b} are the two verdicts
_TWO_READINGS = {
    "attachment": "the application wording can be read two ways, and they differ for this service: if its last "
                  "restriction covers only the last group of services, it {a}; if it covers every group, it {b}",
    "and": "the application wording joins two kinds of service with 'and', which can mean services that are both "
           "or services that are either, and the two differ for this service: read as both, it {a}; read as "
           "either, it {b}",
    "harm-and": "the application wording joins kinds of harm with 'and', which can mean a risk of either or of "
                "both, and the two differ for this service: read as either, it {a}; read as both, it {b}",
    "low-or": "the application wording says 'at low risk of' one kind of harm 'or of' another, which can mean a low "
              "risk of either or of both, and the two differ for this service: read as either, it {a}; read as "
              "both, it {b}",
    "gloss": "the application wording names the services and then restates them after 'that is', and the two "
             "differ for this service: by the first words it {a}; by the restatement it {b}",
    "duty": "the measure sets a duty for every service but names a feature this service does not have, so it may "
            "be meant only for services with that feature: read as every service's duty, it {a}; read as the "
            "duty of services with the feature, it {b}",
    "counted-once": "the list names kinds of harm that the code counts as one (the kinds of CSEA) one by one, and the "
                    "two countings differ for this service: counting them as one kind, as the code defines multi-risk, "
                    "it {a}; counting each listed kind, it {b}",
    "index": "the application text and the code's index table disagree for this service: by the text it {a}; by "
             "the index table it {b}",
    "reader-condition": "the measure has no sentence saying whom it covers, and it sets a condition this service does "
                        "not meet, which may be meant to limit the whole measure: read as every service's measure, it {a}; "
                        "read as the measure of the services that meet the condition, it {b}",
    "given-back": "one sentence takes services out 'unless' something holds and another names the services the measure "
                  "is for, and the two differ for this service: if 'unless' only limits the exception, it {a}; if it gives "
                  "the measure back to the services that meet it, it {b}",
    "given-back-other": "the only sentences saying whom the measure covers take some services out and say it does apply "
                        "to others, and the two readings differ for this service: read as every service's but those taken "
                        "out, it {a}; read as the measure of the services it says it applies to, it {b}",
    "duty-subject": "a duty's subject names services beside the sentence that says whom the measure covers, and the two "
                    "readings differ for this service: read as a further group, it {a}; read as the part of those "
                    "services the duty is for, it {b}",
    "object": "the duty is owed to those who hold a feature of the service, or names what only some services have, and "
              "the two readings differ for this service: read as every service's measure, it {a}; read as the measure of "
              "services with that feature, it {b}",
    "activity-in-exception": "the only sentence of whom takes out one kind of an activity, and the two readings differ "
                             "for this service: read as the measure of every service, it {a}; read as the measure of "
                             "those that carry on that activity, it {b}",
    "kind-in-exception": "the only sentence of whom takes out some services of one kind, and the two readings differ "
                         "for this service: read as the measure of every other service, it {a}; read as the measure of "
                         "that kind's other services only, it {b}",
    "case-of": "one sentence names the services the measure covers and another says it applies to other services "
               "'only if' something holds, and the two readings differ for this service: read as a condition on those "
               "the first sentence covers, it {a}; read as also covering those services where it holds, it {b}",
    "time-limit": "the measure's duty lasts 'until' a service has a feature this service has, which may mean the "
                  "measure leaves such services out or only that the duty ends in time: read as every service's duty, "
                  "it {a}; read as leaving them out, it {b}",
    "permission": "the only sentence saying whom the measure covers permits some services something, which may make the "
                  "measure theirs alone or only relax it for them in a measure for every service: read as theirs, it {a}; "
                  "read as every service's, it {b}",
    "part-released": "a sentence releases one thing the measure asks for services such as this one, which may mean the "
                     "measure leaves them out or only spares them that thing: read as sparing that thing, it {a}; read as "
                     "leaving them out, it {b}",
}


def _explain_agree(cond: Condition, ctx: Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
    """Two readings (the text and the index table, or two readings the wording leaves open): decided only
    where they agree."""
    (tv, tp, ts, ta), (iv, ip, is_, ia) = (_explain(a, ctx) for a in cond.args)
    if tv is iv and tv is not None:
        return tv, dedupe(tp + ip), " and ", ta + ia
    said = {True: "applies", False: "does not apply", None: "cannot be decided"}
    template = _TWO_READINGS.get(str(cond.params.get("why")), _TWO_READINGS["index"])
    if cond.params.get("because"):
        # a profile's own reason ([[services.context_readings]]), in its words
        because = str(cond.params["because"]).replace("{", "{{").replace("}", "}}")
        template = f"{because}, and the two readings differ for this service: read plainly, it {{a}}; read so, it {{b}}"
    text = template.format(a=f"{said[tv]} ({ts.join(tp)})", b=f"{said[iv]} ({is_.join(ip)})")
    return None, [text], " and ", ta + ia


def _explain_prefer(cond: Condition, ctx: Ctx) -> tuple[bool | None, list[str], str, list[AtomResult]]:
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


def dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen


def truth(cond: Condition, service: ServiceProfile, vocab: Vocabulary | None = None, code: Code | None = None) -> bool | None:
    """Value of ``cond`` for ``service`` (``None``: cannot be decided), without the words."""
    return explain(cond, Ctx(service, vocab or load_vocabulary(), code))[0]


def holds(cond: Condition, service: ServiceProfile, vocab: Vocabulary | None = None, code: Code | None = None) -> bool:
    """True only when ``cond`` is decided true for ``service``."""
    return truth(cond, service, vocab, code) is True


# ---------------------------------------------------------------------------- evaluate


@functools.lru_cache(maxsize=2048)
def parsed_application(text: str, kind: str, vocab_key: str) -> Applicability:
    return parse_application(text, kind, _VOCABS.get(vocab_key))


_VOCABS: dict[str, Vocabulary] = {}


def remember_vocabulary(vocab: Vocabulary) -> str:
    """The key under which ``parsed_application`` finds ``vocab`` (the cache keys on strings, not vocabularies)."""
    _VOCABS[vocab.key] = vocab
    return vocab.key


def applicability_of(measure: Measure, code_kind: str, vocab: Vocabulary | None = None) -> Applicability:
    """The measure's resolved applicability, or a parse of its wording when not yet resolved."""
    if measure.applicability is not None:
        return measure.applicability
    return parsed_application(measure.application or "", code_kind, remember_vocabulary(vocab or load_vocabulary()))


def code_scope(code: Code, vocab: Vocabulary | None = None) -> Applicability | None:
    """Whom the whole code covers (a profile's ``[services] scope``), parsed; None when it says nothing."""
    vocab = vocab or code_vocabulary(code)
    if not vocab.scope.strip():
        return None
    return parsed_application(vocab.scope, "any", remember_vocabulary(vocab))


@dataclass(frozen=True)
class PartFound:
    """The part of a library profile a measure is in: the part, the words that name it, and whom it covers, parsed."""

    part: CodePart
    named_by: str
    covers: Applicability


def code_part(code: Code, measure: Measure, vocab: Vocabulary | None = None) -> PartFound | None:
    """The part of a library profile (``[services] parts``) the measure is in; None when the profile has no parts or
    none is named. The measure's own label is asked first, then its chapter's title, then the document's subtitle (the
    line under its title), then its title: the nearest naming wins."""
    vocab = vocab or code_vocabulary(code)
    if not vocab.parts:
        return None
    for where in (measure.id, measure.chapter_title or "", code.info.subtitle or "", code.info.title or ""):
        for part in vocab.parts:
            if where and part.names.search(where):
                return PartFound(part, where, parsed_application(part.scope, "any", remember_vocabulary(vocab)))
    return None


def names_other_kinds(cond: Condition | None, part_scope: Condition, vocab: Vocabulary) -> bool:
    """True when ``cond`` (a measure's reading) names a kind of service, or a feature only one kind has, outside the
    kinds ``part_scope`` names: the measure's own words then reach past its part (an SMS code's measure that is also
    for relevant electronic services), and those words, not the part, say whom it covers."""
    inside = {a.params.get("kind") for a in atoms_of(part_scope) if a.atom == "kind"}
    if not inside:
        return False
    for a in atoms_of(cond):
        words = str(a.params.get("text", "")) if a.atom == "unknown" else ""
        if words and not _LEAVES_OUT.search(words) and len(named := kinds_named(words, vocab)) >= 4 and named - inside:
            # words not understood that list sections outside the part ("providers in each of the eight sections:
            # social media services, relevant electronic services, ..."): the part cannot overrule words that were
            # never read, so whom the measure covers stays as unclear as those words (never a confident "exempt")
            # (a list of four or more, not a few sections, which may be what the service deals with: "a hosting
            # provider which hosts a Tier 1 social media service or a designated internet service" is still the hosting
            # code's; nor sections the words leave out: "The Head Terms do not govern relevant electronic services ..."
            # agrees with the part)
            return True
        kind = a.params.get("kind") if a.atom == "kind" else None
        if a.atom == "feature":
            kind = vocab.features.get(str(a.params.get("name", "")), {}).get("kind")
        if kind and kind not in inside:
            return True
    return False


_LEAVES_OUT = re.compile(r"\b(?:not|except|other\s+than|excluding|outside|save|apart\s+from|unless)\b", re.I)
