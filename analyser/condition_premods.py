"""Pre-nominal modifiers of a service group: "large or multi-risk", "Tier 1 and Tier 2", "large general search".

Owns ``PremodReader``, the part of the grammar before a group's head noun: single modifiers
(adjectives, features, kinds, search types, "not"), how a list of them is joined ("A, B or C"; "A and B"
read both ways where the words cannot say), and which of them describe the group and which classify
it ("large or multi-risk" describe, "general search" classifies), so that ``condition_grammar.Parser``
can let a description reach later groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .condition_combine import combine, either_grouping
from .condition_reader import ParseFail, TokenReader
from .condition_tokens import names_group
from .condition_tree import and_, atom, has_impossible_part, normalise, not_, or_
from .models import Condition


# "one or more of the following functionalities:", "any of the following:", "at least one of": the list
# after it is a choice, whatever its commas, semicolons or "and" say
_ANY_OF = re.compile(r"^(?:(?:meets?|satisf(?:y|ies)|fulfils?)\s+)?(?:one\s+or\s+more|any(?:\s+one)?|at\s+least\s+one|either)\s+of\b",
                     re.I)


@dataclass
class PremodReader(TokenReader):
    _described: Condition | None = None  # "large or multi-risk" of "large or multi-risk general search"
    _negated: bool = False  # reading the predicate of a "not" (set by Parser.predicate): see premods

    def kind_atom(self, kind: str) -> Condition:
        # the code's own kind is implicit: "all user-to-user services" in a U2U code is "all"
        if kind == self.code_kind:
            return atom("all")
        # a code for several kinds of service ("any": eSafety's sections, an AI code's providers):
        # the kind named is a real condition
        return atom("kind", kind=kind)

    # -- pre-nominal modifiers ("large or multi-risk", "large general search")
    def premods(self, allow_empty: bool = False) -> Condition | None:
        any_of = self._after_any_of()
        first = self.premod()
        if first is None:
            if allow_empty:
                return None
            raise ParseFail("expected a modifier")
        # a run of adjectives without connectives restricts: "large general search services"
        items: list[tuple[str, Condition]] = [("and", first)]
        written_and: set[int] = set()  # items joined to the one before by a written "and"
        juxtaposed: set[int] = set()  # items joined to the one before by no word at all
        while True:
            nxt = self.premod()
            if nxt is not None:
                juxtaposed.add(len(items))
                items.append(("and", nxt))
                continue
            mark = self.mark()
            before = self.toks[self.pos - 1] if self.pos else None
            if names_group(before) and self.kind() == "COMMA":
                # "a pre-assessed relevant electronic service, an enterprise relevant electronic service or a
                # telephony service": a list of whole groups, each with its own modifiers, for the clause to join
                break
            op = None
            said_and = False
            while self.kind() in ("OR", "AND", "ANDOR", "COMMA"):
                t = self.take()
                op = {"OR": "or", "ANDOR": "or", "AND": "and"}.get(t.kind, op or ",")
                said_and = said_and or (t.kind == "AND" and t.text == "and")
            if op is None:
                break
            if self.kind() == "ORBOTH":
                break  # ", or both": handled below, after the list
            while self.kind() == "FILLER" and self.peek().text in ("a", "an", "the"):
                self.take()  # "a notable user scheme or a monetised verification scheme": one list
            if self.kind() == "NOT" and self.peek().value != "non-" and first.op != "not" and self.kind(2) != "HEAD":
                # "large and not multi-risk": a negated predicate of its own, for the clause to join (but "not large and
                # not multi-risk", a list of negated modifiers, and "large and not multi-risk services", before the noun,
                # are one list: cut there, they had been read as "not large or not multi-risk" and "large or not ...")
                self.reset(mark)
                break
            if self._negated and self.kind() == "FEATURE" and _VERB_FIRST.match(self.peek().text):
                # "do not use age assurance and allow pornographic content": a second predicate with a verb of its
                # own, outside the negation, not a second thing not used
                self.reset(mark)
                break
            nxt = self.premod()
            if nxt is None:
                self.reset(mark)
                break
            if said_and and op == "and" and names_group(before) and names_group(self.toks[self.pos - 1]):
                op = "or"  # "closed communication services and enterprise services": two groups, each named whole
            elif said_and and op == "and":
                written_and.add(len(items))
            items.append((op, nxt))
        if self.kind() == "ORBOTH":
            # "large, multi-risk, or both": the list is a choice, whatever its commas say
            self.take()
            items = [(op if i == 0 else "or", c) for i, (op, c) in enumerate(items)]
        if any_of and len(items) >= 2 and not juxtaposed:
            # "one or more of the following functionalities: user profiles; user connections; direct messaging"
            return or_(*(c for _op, c in items))
        # "user profiles or user connections and direct messaging": written "and" and "or" with no comma
        # to group them; read both ways below
        mixed = {op for op, _c in items[1:]} == {"and", "or"} and not juxtaposed
        # a list "A, B or C": commas take the connective of the last item
        # "that are large, multi-risk or at high risk of fraud": a list of commas only takes the connective that
        # goes on after it
        after = {"OR": "or", "ANDOR": "or", "AND": "and"}.get(self.kind() or "", "and")
        last_op = next((op for op, _ in reversed(items[1:]) if op != ","), after)
        if last_op == "and" and written_and:
            # "online games, social media platforms and video streaming services": each comma stands for the
            # written "and", so the reading of it as "either" is the whole list's, not its last item's
            written_and |= {i for i, (op, _c) in enumerate(items) if op == ","}
        items = [(last_op if op == "," else op, c) for op, c in items]
        if len(items) >= 2 and all(_is_search_type(c) for _op, c in items):
            return or_(*(c for _op, c in items))  # "general and vertical search services": either type
        types = next((k for k in range(1, len(items)) if k in juxtaposed
                      and all(_is_search_type(c) for _op, c in items[k:])), None)
        if types is not None and len(items) - types >= 2:
            # "large general and vertical search services": a service is of one search type only, so the
            # types joined by "and" or "or" are a choice, and what comes before them describes each
            self._described = self._coordinated(items[:types], written_and)
            return and_(self._described, or_(*(c for _op, c in items[types:])))
        cut = len(items)
        while cut - 1 in juxtaposed:
            cut -= 1
        if 0 < cut < len(items):
            described = self._coordinated(items[:cut], written_and)
            if all(_is_search_type(c) for _op, c in items[cut:]):
                self._described = described  # "large" of "large general search services"
            if any(op == "or" for op, _c in items[1:cut]):
                # "large or multi-risk general search services": the word next to the noun classifies
                # the services the list before it describes, (large or multi-risk) and general
                self._described = described
                return and_(described, *(c for _op, c in items[cut:]))
        coordinated = self._coordinated(items, written_and)
        if mixed:
            return either_grouping(items, coordinated)
        return coordinated

    def _after_any_of(self) -> bool:
        """Do the words just before this list say that any one of its items will do?"""
        return self._fillers_say_any_of(self.pos - 1, -1)

    def _opens_any_of(self) -> bool:
        """Do the words ahead say that any one of what follows will do ("either of the following conditions:")?"""
        return self._fillers_say_any_of(self.pos, 1)

    def _fillers_say_any_of(self, j: int, step: int) -> bool:
        """Does the run of filler words from token ``j`` (walking by ``step``) hold "one or more of" or its kin?"""
        while 0 <= j < len(self.toks) and self.toks[j].kind == "FILLER":
            if _ANY_OF.match(self.toks[j].text):
                return True
            j += step
        return False

    def _coordinated(self, items: list[tuple[str, Condition]], written_and: set[int]) -> Condition:
        both = combine(items)
        if any(op == "and" for op, _c in items[1:]) and written_and and self.kind() in ("HEAD", "KIND"):
            # "Tier 1 and Tier 2 social media services" means either; "large and multi-risk services"
            # may mean both: the words alone cannot say, so a service is decided only where the two
            # readings agree (only before a head noun: "services that have user profiles and direct
            # messaging" plainly means both)
            either = combine([("or" if op == "and" and i in written_and else op, c) for i, (op, c) in enumerate(items)])
            if has_impossible_part(both, self.vocab):
                return either  # "Tier 1 and Tier 2 social media services": no service is in both tiers
            if normalise(either) != normalise(both):
                return Condition(op="agree", args=[both, either], params={"why": "and"})
        return both

    def premod(self) -> Condition | None:
        mark = self.mark()
        neg = False
        if self.kind() == "NOT":
            self.take()
            neg = True
        t = self.peek()
        cond: Condition | None = None
        if t is None:
            pass
        elif t.kind in ("ADJ", "NADJ") and t.value == "large" and not self.vocab.size_by_users:
            # "Smaller Signatories" in a code that does not count users: a size it does not define by users
            self.take()
            cond = atom("unknown", text=t.text)
        elif t.kind == "ADJ":
            self.take()
            cond = atom(t.value)
        elif t.kind == "LEVEL" and t.value == "low" and self.kind(1) == "RISK" and self.kind(2) != "OF":
            # "low risk services" (adjective) vs "low risk of fraud" (a level and a harm)
            self.take()
            self.take()
            cond = atom("low_risk")
        elif t.kind == "NADJ":
            self.take()
            cond = not_(atom(t.value))
        elif t.kind == "FEATURE":
            self.take()
            cond = atom("feature", name=t.value)
            self._note_named_content(t.text)
        elif t.kind == "STYPE":
            self.take()
            cond = atom("search_type", type=t.value)
            if self.code_kind not in ("search", "", "any", None):
                cond = and_(atom("kind", kind="search"), cond)
        elif t.kind == "KIND" and self.kind(1) in ("HEAD", "ADJ", "FEATURE"):
            self.take()
            cond = self.kind_atom(t.value)
        if cond is None:
            self.reset(mark)
            return None
        return not_(cond) if neg else cond

    def _note_named_content(self, wording: str) -> None:
        """A feature that names kinds of content ("whose terms of service do not prohibit one or more kinds of
        priority content") makes them the list that "that content" refers back to."""
        named = [w for w in self.vocab.harm_groups if f" {w} " in f" {wording} "]
        if named:
            self.harms_read.append([[h] for h in self.vocab.harm_groups[max(named, key=len)]])


# a feature's wording that opens with a verb ("allow pornographic content", "has livestreaming")
_VERB_FIRST = re.compile(r"(?:allows?|has|have|offers?|uses?|provides?|enables?|hosts?|permits?|lets?|operates?|supports?)\b", re.I)


def _is_search_type(cond: Condition) -> bool:
    """A search-type atom ("general search"), alone or with the search kind it implies."""
    if cond.op == "and":
        return any(_is_search_type(a) for a in cond.args)
    return cond.op == "atom" and cond.atom == "search_type"
