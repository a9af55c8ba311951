"""How the pieces of a reading combine: connective strength and user-number comparisons.

Owns the binding rules (implicit juxtaposition of modifiers binds loosest, then "and that"/"or
that", then plain "and"/"or", with "and" before "or"; a comma takes the connective that ends its
list), the rewriting of every user-number comparison onto the one atom ``users_over``, the two readings
of a modifier that may attach to the last alternative or to all ("A or B with C"), and the one form of the
verb a predicate opens with (which decides the ``VERBAL`` boundary).
"""

from __future__ import annotations

from .condition_tree import and_, atom, normalise, not_, or_
from .models import Condition
from .vocabulary import LARGE_THRESHOLD

# boundaries between modifiers, tightest to loosest: plain "and"/"or"; a change between "be" and another
# verb ("are large or at risk of X | and have user profiles"); "and that"/"or that"; juxtaposition
PLAIN, VERBAL, REL, IMPLICIT = 0, 1, 2, 3


def users_atom(cmp: str, n: int, large: int = LARGE_THRESHOLD) -> Condition:
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




def combine_levels(items: list[tuple[str, int, Condition]]) -> Condition:
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
        return combine([(op, cond) for op, _l, cond in items])
    return combine([(op, combine_levels(chunk)) for op, chunk in chunks])


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


def combine(items: list[tuple[str, Condition]]) -> Condition:
    """Join (op, cond) items left to right with "and" binding tighter than "or"."""
    ops = _resolve_commas([op for op, _c in items])
    items = [(op, c) for op, (_o, c) in zip(ops, items)]
    groups: list[list[Condition]] = [[]]
    for i, (op, cond) in enumerate(items):
        if i > 0 and op == "or":
            groups.append([])
        groups[-1].append(cond)
    return or_(*(and_(*g) for g in groups))


def either_grouping(items: list[tuple[str, Condition]], reading: Condition) -> Condition:
    """"A or B and C" with no comma to group them: "and" binding first (``reading``) or "or" first; a service
    is decided only where the two agree (``agree`` nodes, why "attachment")."""
    groups: list[list[Condition]] = [[]]
    for i, (op, cond) in enumerate(items):
        if i > 0 and op == "and":
            groups.append([])
        groups[-1].append(cond)
    other = and_(*(or_(*g) for g in groups))
    if normalise(other) == normalise(reading):
        return reading
    return Condition(op="agree", args=[reading, other], params={"why": "attachment"})


def group_readings(parts: list[Condition], shapes: list[tuple[Condition | None, Condition | None, bool]],
                   leading: list[Condition | None], tail: Condition | None, apart: bool = False) -> Condition:
    """The union of two or more service groups, with every reading the words allow where a modifier
    at one end could reach the other groups. ``shapes`` are each group's (pre-modifiers, post-modifiers,
    has a head noun), ``leading`` its pre-modifiers without its kind, ``tail`` a relative clause that
    closes the last group's post-modifiers after another one. A service gets an answer only where
    the readings agree (``agree`` nodes, why "attachment"). ``apart``: each group opened with its own preposition
    ("providers of A and of B that Z"), so only a closing relative clause may still reach back."""
    result = or_(*parts)

    def keep(wide: Condition) -> None:
        nonlocal result
        if normalise(wide) != normalise(result):
            result = Condition(op="agree", args=[result, wide], params={"why": "attachment"})

    bare_before = all(sh[1] is None and sh[2] for sh in shapes[:-1])
    # "general search services and vertical search services that are multi-risk": the relative
    # clause restricts the last group or every group (only when the last group has modifiers of its
    # own before its head, as the earlier ones do: "... or services at high risk of X" is plainly a
    # group of its own; so is "... and search services that are multi-risk" in a search code, whose
    # only modifier is the code's own kind)
    own_kind_only = shapes[-1][0] is not None and shapes[-1][0].op == "atom" and shapes[-1][0].atom == "all"
    if bare_before and shapes[-1][1] is not None and shapes[-1][0] is not None and not own_kind_only and not apart:
        post = shapes[-1][1]
        keep(or_(*(and_(sh[0] or atom("all"), post) for sh in shapes[:-1]), parts[-1]))
    # "large services and services at high risk of grooming that have direct messaging": the closing
    # relative clause restricts the last group only, or every group (so too after "of large services and of services
    # at medium or high risk of fraud that operate a scheme": writers read the clause as reaching both)
    if bare_before and tail is not None:
        keep(or_(*(and_(p, tail) for p in parts[:-1]), parts[-1]))
    # "Tier 1 or Tier 2 social media services or relevant electronic services": the first group's
    # modifiers reach the later, bare groups too, or not (only when every later group is a bare head
    # noun: "large services or services at high risk of X" is plainly two)
    if not apart and leading[0] is not None and shapes[0][2] and shapes[0][1] is None and all(
        m is None and sh[1] is None and sh[2] and sh[0] is not None for m, sh in zip(leading[1:], shapes[1:])
    ):
        keep(or_(parts[0], *(and_(leading[0], p) for p in parts[1:])))
    return result


def attachment_readings(alternatives: list[Condition], post: Condition) -> Condition:
    """"A or B with C": C restricts B alone or every alternative; a service is decided only where the
    two readings agree."""
    narrow = or_(*alternatives[:-1], and_(alternatives[-1], post))
    wide = and_(or_(*alternatives), post)
    return Condition(op="agree", args=[narrow, wide], params={"why": "attachment"})


def with_after_alternatives(toks: list, at: int, prev: Condition) -> bool:
    """Does "with ..." at token ``at`` follow, with no comma, alternatives that end in a noun?"""
    return (prev.op == "or" and len(prev.args) >= 2 and 0 < at < len(toks)
            and toks[at].kind == "WITH" and toks[at - 1].kind in ("FEATURE", "KIND"))


_LEVEL_ORDER = {"low": 0, "medium": 1, "high": 2}


def last_alternative_takes(items: list[tuple[str, int, Condition]], post: Condition) -> Condition | None:
    """"(a) at high risk of grooming; or (b) at medium risk of grooming that have user profiles": a modifier right
    after a lower level of a harm that an earlier alternative ("or") names at a higher level is that level's alone;
    said of both it would make the higher level say nothing (a service at high risk is at medium or high risk), and
    no drafter lists it apart for nothing. The last item's condition with the modifier, else None."""
    if len(items) < 2 or items[-1][0] != "or":
        return None
    last = items[-1][2]
    if last.op != "atom" or last.atom != "risk" or last.params.get("min") not in _LEVEL_ORDER:
        return None
    earlier = [c for _, _, c in items[:-1]]
    if any(a.op == "atom" and a.atom == "risk" and a.params.get("harm") == last.params.get("harm")
           and _LEVEL_ORDER.get(a.params.get("min"), -1) > _LEVEL_ORDER[last.params["min"]] for a in earlier):
        return and_(last, post)
    return None


_BE = {"is", "are", "be", "being", "been"}


def verb_word(tok) -> str:
    """The verb a predicate opens with, in one form ("is"/"are" → "be", "has" → "have", "uses" → "use")."""
    word = tok.text.lower().split()[0]
    if word in _BE:
        return "be"
    return {"has": "have", "does": "do"}.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)


def relative_clause_reading(items: list[tuple[str, int, Condition]], commas: list[bool], plain: list[bool],
                            restated: list[bool]) -> Condition:
    """The predicates of a relative clause joined as written (``items``: connective, level, condition; whether a
    comma came before each, whether each is a bare list of modifiers, whether it restates its verb), with every
    reading the words leave open kept as an ``agree`` node."""
    if len(items) >= 2 and items[-1][0] == "," and items[-1][2].op == "or" and plain[-1]:
        # "is a pre-assessed service, an enterprise service or a telephony service": the list's "or" was read
        # inside its last item, so the comma before that item is the same "or"
        items[-1] = ("or", *items[-1][1:])
    for k in range(1, len(items)):
        op, lvl, cond = items[k]
        if op == "or" and lvl == PLAIN and not restated[k] and items[k - 1][2].op == "not" and cond.op != "not":
            # "that do not allow users to post content or to send messages": the "not" is over both, so neither
            items[k] = ("and", lvl, not_(cond))
    reading = combine_levels(items)
    if len({lvl for _op, lvl, _c in items[1:]}) == 1 and items[-1][1] in (PLAIN, VERBAL) and not any(commas[:-1]) and {
            op for op, _l, _c in items[1:]} == {"and", "or"}:
        # "that have user profiles and allow users to post content or to send direct messages", "that is at risk of
        # drugs and has more than 700,000 users or is a file-sharing service": no comma says how the connectives group
        # (nor one before the last alone: "that is likely to be accessed by children and is large, or is at risk of X"
        # was written for the children's services that are large or at risk, and read as two groups it had told a
        # service at risk that children do not use "applies" with confidence)
        return either_grouping([(op, c) for op, _l, c in items], reading)
    if len(items) == 2 and items[1][1] == PLAIN and not commas[1] and plain[0] and not restated[1]:
        # "that are large or multi-risk and at high risk of fraud": the second connective may join
        # the whole list before it or only its last word; decided only where the two readings agree
        first, (op, _lvl, second) = items[0][2], items[1]
        if first.op in ("and", "or") and first.op != op and len(first.args) >= 2:
            near = (or_ if first.op == "or" else and_)(*first.args[:-1], (and_ if op == "and" else or_)(first.args[-1], second))
            if normalise(near) != normalise(reading):
                return Condition(op="agree", args=[reading, near], params={"why": "attachment"})
    ops = [op for op, lvl, _c in items[1:] if lvl == REL]
    if "or" in ops and "and" in ops and (all(commas[k] for k in range(1, len(items)) if items[k][1] == REL)
                                         or items[-1][1] == REL and commas[-1]):
        # "that are large, or that are at risk of X, and that allow livestreaming": with a comma before
        # each clause (or before the last: "which are large or which are at risk of X, where they operate
        # a recommender"), the last may restrict both before it or only the one next to it; a service is
        # decided only where the two readings agree
        acc = items[0][2]
        for op, _lvl, cond in items[1:]:
            acc = and_(acc, cond) if op == "and" else or_(acc, cond)
        if normalise(acc) != normalise(reading):
            return Condition(op="agree", args=[reading, acc], params={"why": "attachment"})
    return reading
