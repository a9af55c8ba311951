"""What "such services" in an application sentence refers to: "It also applies to any such service that is large"
after "This measure applies to general search services that are at high risk of CSAM URLs" (general search
services), "This measure applies to such services only" after "In the case of a service that allows users to
livestream, the provider should ..." (services that allow livestreaming).

Why its own step: the grammar reads one sentence at a time, so "such" meant nothing and "any such service that
is large" became any large service, of any kind: a confident answer for services the first sentence leaves out.
"""

from __future__ import annotations

import re
from typing import Callable

from .condition_tree import and_, atom, is_understood
from .models import Condition

# "any such service", "such services" (not "such a provider", which the profiles' feature wordings use)
SUCH = re.compile(r"\b(?:any\s+|all\s+|each\s+|every\s+)?such\s+(?:an?\s+)?(?P<noun>services?|platforms?)\b", re.I)
# "In the case of a service that allows users to livestream, the provider should ...": a group named first
_IN_THE_CASE_OF = re.compile(r"^\W*(?:in\s+the\s+case\s+of|for)\s+(?P<who>(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,4}?(?:services?|providers?)\b[^,.;]*),", re.I)


def such_services(words: str, before: list[str], positive: list[Condition],
                  parse: Callable[[str], Condition | None]) -> Condition:
    """What ``words`` ("such services") refers to: the group an earlier "In the case of ..." sentence named
    (``parse`` reads it), else the kind of service the first group named (its kind or search type, not its
    restrictions), else not understood."""
    for sentence in reversed(before):
        m = _IN_THE_CASE_OF.match(sentence)
        if m:
            cond = parse(m.group("who"))
            return cond if cond is not None and is_understood(cond) else atom("unknown", text=words)
    if positive:
        first = positive[0]
        # only a kind the group is (a conjunct), never one it excludes or offers as one of several
        kinds = [a for a in ([first] if first.op == "atom" else first.args if first.op == "and" else [])
                 if a.op == "atom" and a.atom in ("kind", "search_type")]
        return and_(*kinds) if kinds else atom("all")
    return atom("unknown", text=words)
