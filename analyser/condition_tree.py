"""Condition trees: building them (``atom``, ``and_``, ``or_``, ``not_``), comparing them
(``normalise``), walking them (``atoms_of``, ``is_understood``) and saying them back in plain words
(``describe``). A tree is ``models.Condition``; this module owns no parsing and no evaluation.
"""

from __future__ import annotations

from typing import Any, Iterator

from .models import Condition
from .vocabulary import Vocabulary, load_vocabulary

def atom(atom_name: str, /, **params: Any) -> Condition:
    return Condition(op="atom", atom=atom_name, params=dict(params))


def and_(*args: Condition) -> Condition:
    return _join("and", args)


def or_(*args: Condition) -> Condition:
    return _join("or", args)


def duty_for_every_reader_or_featured(features: list[str]) -> Condition:
    """A duty for every reader that names features ("Switch geolocation options off by default"): every service's,
    or only theirs who have one of them? Writers read it both ways; decided only where the two readings agree."""
    return Condition(op="agree", params={"why": "duty"},
                     args=[atom("all"), or_(*(atom("feature", name=f) for f in dict.fromkeys(features)))])


def base_beside_give_back(negative: list[Condition], back: list[Condition]) -> Condition:
    """Whom a measure covers when its only sentences of whom take services out and give some back: every service's
    (the classic give-back, "It does not apply to SMEs. It does apply to an SME whose model has systemic risk", whose
    services given back are among those taken out), or, where those given back are other services ("This part does not
    reach location data you use only to deliver the service. It does reach any option that lets others see where the
    child is"), every service's or only theirs? Writers read the second as whom; decided only where the readings agree."""
    def among(given: Condition, taken: Condition) -> bool:  # every atom of those taken out is one of those given back
        atoms_given = list(atoms_of(given))
        return all(a in atoms_given for a in atoms_of(taken))
    if not negative or not back or all(any(among(b, n) for n in negative) for b in back):
        return atom("all")
    return Condition(op="agree", params={"why": "given-back-other"}, args=[atom("all"), or_(*back)])


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
    if cond.op == "agree" and (cond.params.get("why") in _OPEN_READINGS or cond.params.get("because")):
        first, second = cond.args
        why = cond.params.get("because") or _OPEN_READINGS[cond.params["why"]]
        return (f"either {_paren(first, vocab)} or {_paren(second, vocab)} ({why}); "
                f"decided only where the two agree")
    if cond.op == "agree":
        text, index = cond.args
        return (f"the application text says {_paren(text, vocab)} and the index table says {_paren(index, vocab)}; "
                f"decided only where the two agree")
    return f" {cond.op} ".join(_paren(a, vocab) for a in cond.args)


# why two readings of the wording are both kept (``agree`` nodes), said in words
_OPEN_READINGS = {
    "attachment": "the wording can be read both ways",
    "and": "'and' can mean both or either",
    "harm-and": "'and' between harms can mean either or both",
    "low-or": "'at low risk of A or of B' can mean low for either or for both",
    "gloss": "the wording restates itself after 'that is' in other words",
    "duty": "a duty for every service that names a feature may be meant only for services that have it",
    "counted-once": "the code counts the kinds of CSEA as one, but the list names them one by one",
    "reader-condition": "no sentence says whom the measure covers, and a condition it sets on the reader may be meant "
                        "to limit it",
    "case-of": "a sentence says the measure applies to other services 'only if' something holds, which may cover them "
               "there or only limit the services named before",
    "given-back": "an exception says 'unless', which may give the services it names back the measure, beside a sentence "
                  "that names other services",
    "given-back-other": "the only sentences of whom take some services out and say the measure does apply to others "
                        "('It does reach any option that ...'), which may mean it is every other service's or only theirs",
    "time-limit": "the duty lasts 'until' a service has a feature, which may leave those services out or only end the "
                  "duty in time",
    "duty-subject": "a duty's subject names services beside the sentence that says whom the measure covers, which may "
                    "add them or say which of those services the duty is for",
    "activity-in-exception": "the only sentence of whom excepts one kind of an activity ('profiling that is essential to "
                             "the core service'), which may mean the measure is for every service or only for those that "
                             "carry on that activity",
    "kind-in-exception": "the only sentence of whom is an exception for some services of one kind, which may mean the "
                         "measure is for every other service or only for that kind's other services",
    "permission": "the only sentence of whom permits some services something, which may make the measure theirs or "
                  "only relax it for them in a measure for all",
    "object": "the duty is owed to those who hold a feature of the service ('account holders'), or names what only some "
              "services have ('options that use profiling'), which may mean the measure is only for services that have it",
    "part-released": "a sentence releases one thing the measure asks, which may leave those services out of the measure "
                     "or only spare them that thing",
}


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
            if p.get("like"):  # read by likeness (feature_likeness): the officer is shown the words and what they were close to
                return f"{vocab.feature_label(p.get('name', '?'))} (the words '{p.get('said')}', read as nearest to '{p['like']}')"
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


def only_relief_classes(cond: Condition, vocab: Vocabulary | None) -> bool:
    """Does ``cond`` name only features the profile marks ``relief = true``, classes the code eases duties for (the EU
    code's SMEs and SMCs), so that a permission for them alone may be a relaxation in a measure for all?"""
    atoms = list(atoms_of(cond))
    return vocab is not None and bool(atoms) and all(
        a.atom == "feature" and vocab.features.get(a.params.get("name", ""), {}).get("relief") is True for a in atoms)


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


def impossible_as_unknown(cond: Condition | None, vocab: Vocabulary) -> Condition | None:
    """``cond`` with every "and" of things no one service can be at once made an ``unknown`` (``cannot_coexist``):
    "a hosting service that is a high impact service" read as hosting and *high impact* (a feature of designated
    internet services). Such a reading is a misreading, never an answer: the services it names are left undecided."""
    if cond is None or cond.op == "atom":
        return cond
    if cannot_coexist(cond, vocab):
        unknown = atom("unknown", text=f"{describe(cond, vocab)} (no one service can be all of these)")
        # a service of none of the kinds named is outside on any reading
        kinds = [a for a in _conjoined_atoms(cond) if a.atom == "kind"]
        return and_(or_(*kinds), unknown) if kinds else unknown
    return Condition(op=cond.op, atom=cond.atom, params=cond.params, args=[impossible_as_unknown(a, vocab) for a in cond.args])


def cannot_coexist(cond: Condition, vocab: Vocabulary) -> bool:
    """Does this "and" join things no one service has together: two kinds of service, a kind and a feature the
    profile gives to another kind, or two features of one exclusive group (``[services] exclusive``: risk tiers)?"""
    if cond.op != "and":
        return False
    flat = list(_conjoined_atoms(cond))
    kinds = {str(a.params.get("kind")) for a in flat if a.atom == "kind"}
    features = {str(a.params.get("name")) for a in flat if a.atom == "feature"}
    owners = {vocab.features.get(f, {}).get("kind") for f in features}
    return (len(kinds) > 1 or bool(kinds and any(k is not None and k not in kinds for k in owners))
            or any(len(features & group) > 1 for group in vocab.exclusive))


def taken_out(cond: Condition | None, vocab: Vocabulary) -> Condition | None:
    """What an exception takes out: "other than SMEs and SMCs" lists classes no one service is both of (an SMC is
    by definition not an SME), so it takes out a service of either, never only one of both."""
    if cond is not None and cond.op == "and" and all(a.op == "atom" for a in cond.args) and cannot_coexist(cond, vocab):
        return or_(*cond.args)
    return cond


def has_impossible_part(cond: Condition, vocab: Vocabulary) -> bool:
    """Is some "and" anywhere in ``cond`` one that ``cannot_coexist``?"""
    return cannot_coexist(cond, vocab) or any(has_impossible_part(a, vocab) for a in cond.args)


def _conjoined_atoms(cond: Condition) -> Iterator[Condition]:
    """The atoms joined to ``cond`` by "and" alone (none under an "or", a "not" or two readings), in order."""
    if cond.op == "atom":
        yield cond
    elif cond.op == "and":
        for a in cond.args:
            yield from _conjoined_atoms(a)


def _given_back(exempt: Condition) -> Condition | None:
    """The services an exception with "unless" (or "other than") gives back: "X need not apply it unless Y" -> X and Y."""
    if exempt.op != "and":
        return None
    kept = [a for a in exempt.args if a.op != "not"]
    back = [a.args[0] for a in exempt.args if a.op == "not"]
    if not kept and len(back) >= 2:
        # "Small services need not apply it unless they are at high risk of fraud": the services are themselves a
        # negation ("not large"), the last negation the "unless"
        kept, back = [not_(b) for b in back[:-1]], back[-1:]
    if len(back) != 1 or not kept or any(a.op == "atom" and a.atom == "all" for a in kept):
        return None
    return and_(*kept, back[0])


def with_given_back(cond: Condition, exempt: list[Condition], plain: list[Condition] = ()) -> Condition:
    """``cond`` without the ``exempt`` services, where another sentence names whom the measure covers: an exception
    "unless they are large" may give its services back the measure or only limit the exception, so a service is
    decided only where the two readings agree (``agree``, why "given-back")."""
    narrow = and_(cond, *(not_(n) for n in exempt))
    # (an exception in ``plain`` had no "unless": "vertical services with 700,000 or fewer users" are services, its
    # negation no proviso)
    back = [g for g in (_given_back(n) for n in exempt if not any(n is p for p in plain)) if g is not None]
    if not back:
        return narrow
    wide = and_(or_(cond, *back), *(not_(n) for n in exempt))
    if normalise(wide) == normalise(narrow):
        return narrow
    return Condition(op="agree", args=[narrow, wide], params={"why": "given-back"})
