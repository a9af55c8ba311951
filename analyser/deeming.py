"""A deeming provision read as what it does to the class it names.

"C31.2 A service that has over 7,000,000 monthly active UK users and is at medium risk of terrorism is to be treated
as a service at high risk of terrorism" beside "This measure applies to providers of services at high risk of
terrorism": the measure now covers those services too, so the application's "high risk of terrorism" becomes "high
risk of terrorism, or large and at medium risk of it". "For the purposes of F3.1, a service whose terms prohibit
users under 18 and which uses highly effective age assurance is to be treated as a service that is not likely to be
accessed by children": the application's "likely to be accessed by children" becomes "... and not (those services)".

Why its own module: the sentence is read as two groups of services (who is deemed, and what they are deemed to be),
and the result changes the condition the other sentences built, after they are all read. Read only where both
groups are wholly understood and the class deemed stands in the application exactly once in kind (a "medium or high
risk of terrorism" beside a deeming into "high risk of terrorism" is not rewritten: the two levels interact); else the
sentence is left to the caller, which keeps it as words not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .condition_tree import and_, atoms_of, is_understood, not_, or_
from .models import Condition

# "<who> is to be treated as (being) <what>", "<who> are deemed to be <what>", "<who> is regarded as <what>"
_DEEMING = re.compile(
    r"^\s*(?:[A-Z]{0,5}\d{1,3}(?:\.\d{1,3})+[A-Z]?|\(\w{1,4}\))?\s*,?\s*"  # the paragraph's own label
    r"(?:for\s+the\s+purposes?\s+of\s+(?:[^,.;]|\.(?=\d)){1,60}?)?\s*,?\s*"  # "For the purposes of F3.1, "
    r"(?P<who>(?:an?|any|every|each|the)?\s*(?:[\w-]+\s+){0,3}?(?:services?|platforms?)\b.*?)\s+"
    r"(?:is|are)\s+(?:to\s+be\s+)?(?:treated|regarded|deemed|considered)\s+(?:as\s+(?:being\s+)?|to\s+be\s+)"
    r"(?P<what>.+?)\s*(?:,\s*(?:whatever|regardless\s+of|irrespective\s+of)\b[^.;]*)?[.;]?\s*$",
    re.I | re.S)
# what the services are deemed to be, when it is no group of services: "not likely to be accessed by children", "at high
# risk of terrorism"
_GROUP = re.compile(r"^(?:an?|the)?\s*(?:[\w-]+\s+){0,3}?(?:services?|platforms?)\b", re.I)


@dataclass(frozen=True)
class Deeming:
    who: Condition  # the services the provision moves
    what: Condition  # what they are to be treated as: one atom, or "not" one atom


def read_deeming(sentence: str, parse: Callable[[str], tuple[Condition | None, list[str]]]) -> Deeming | None:
    """The deeming ``sentence`` says, when both its groups are wholly understood (``parse`` reads a group of services
    and returns the condition with the words it left over), else None."""
    m = _DEEMING.match(sentence)
    if m is None:
        return None
    what_words = m.group("what")
    if not _GROUP.match(what_words):
        what_words = "services that are " + what_words
    who, who_left = parse(m.group("who").rstrip(" ,"))
    what, what_left = parse(what_words)
    if who is None or what is None or who_left or what_left or not is_understood(who) or not is_understood(what):
        return None
    if what.op == "agree":
        # "is to be treated as being at medium risk of CSAM URLs": the reader's two readings of "at medium risk" (medium
        # only, or medium or high); a deeming into a level is for a test of that level, so the plain one is taken
        plain = [a for a in what.args if a.op == "atom"]
        if len(plain) != 1:
            return None
        what = plain[0]
    target = what.args[0] if what.op == "not" else what
    if target.op != "atom" or target.atom in ("all", "unknown", "measure"):
        return None
    return Deeming(who=who, what=what)


def _related(a: Condition, target: Condition) -> bool:
    """Could ``a`` be true or false together with ``target`` other than by being it (another level of the same harm, a
    user count beside "large", the counts of harms beside a harm)?"""
    if target.atom == "risk":
        return a.atom in ("multi_risk", "low_risk") or (a.atom == "risk" and a.params.get("harm") == target.params.get("harm"))
    if target.atom in ("large", "users_over"):
        return a.atom in ("large", "users_over")
    if target.atom in ("multi_risk", "low_risk"):
        return a.atom in ("multi_risk", "low_risk", "risk")
    if target.atom == "feature":
        return a.atom == "feature" and a.params.get("name") == target.params.get("name")
    return a.atom == target.atom  # (another kind or search type: a service moved into one may leave the other)


def apply_deeming(cond: Condition, deeming: Deeming) -> Condition | None:
    """``cond`` with the class deemed read as the provision makes it, or None where that class is not in ``cond`` or
    stands beside a related one the provision does not name."""
    negated = deeming.what.op == "not"
    target = deeming.what.args[0] if negated else deeming.what
    found = [a for a in atoms_of(cond) if a == target]
    if not found or any(_related(a, target) and a != target for a in atoms_of(cond)):
        return None
    # deemed not to be it: it, but not those services; deemed to be it: it, or those services
    stands_for = and_(target, not_(deeming.who)) if negated else or_(target, deeming.who)
    return _replace(cond, target, stands_for)


def _replace(cond: Condition, target: Condition, new: Condition) -> Condition:
    if cond == target:
        return new
    if not cond.args:
        return cond
    return Condition(op=cond.op, args=[_replace(a, target, new) for a in cond.args], atom=cond.atom, params=dict(cond.params))
