"""How the pieces of a reading combine: connective strength and user-number comparisons.

Owns the binding rules (implicit juxtaposition of modifiers binds loosest, then "and that"/"or
that", then plain "and"/"or", with "and" before "or"; a comma takes the connective that ends its
list) and the rewriting of every user-number comparison onto the one atom ``users_over``.
"""

from __future__ import annotations

from .condition_tree import and_, atom, not_, or_
from .models import Condition
from .vocabulary import LARGE_THRESHOLD

PLAIN, REL, IMPLICIT = 0, 1, 2  # boundaries between modifiers, tightest to loosest


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
