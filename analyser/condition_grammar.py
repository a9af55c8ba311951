"""Tokens of application wording → a condition tree: the grammar of service groups.

Owns ``Parser``: groups of services joined by connectives and exceptions, post-modifiers, relative
clauses and their predicates. The grammar is set out in ``conditions``' opening comment; pre-modifiers
("large or multi-risk") are ``condition_premods``; reading positions, risk levels and user numbers are
``condition_reader``; which connective binds tighter is ``condition_combine``. Every attempt that
may fail starts from a ``mark()`` and, failing, ``reset``s to it, so a failed reading never leaves
words marked as understood.
"""

from __future__ import annotations

from dataclasses import dataclass

from .condition_combine import (IMPLICIT, PLAIN, REL, VERBAL, attachment_readings, combine_levels, group_readings,
                                last_alternative_takes, relative_clause_reading, verb_word,
                                with_after_alternatives)
from .condition_premods import PremodReader
from .condition_reader import ParseFail
from .condition_tokens import names_group
from .condition_tree import and_, atom, not_, or_, taken_out
from .models import Condition


# head nouns that point back at services already named, alone or before a head ("in respect of those models"): never a group
_BACK_REFERENCE = {"that service", "such a service", "such services", "such service", "it", "them", "they", "its service"}


@dataclass
class Parser(PremodReader):
    # (pre-modifiers, post-modifiers, has a head noun) of the group just read
    _last_group: tuple[Condition | None, Condition | None, bool] = (None, None, False)
    _last_mods: Condition | None = None  # the modifiers before its head noun, without the kind it names
    _last_tail: Condition | None = None  # a relative clause closing its post-modifiers after another one
    _aside: bool = False  # reading a group set off by commas: ", and of services with X,"
    _pred_verb: str | None = None  # the verb of the predicate being read ("be", "have"): see simple_pred

    # -- clause: groups joined by or / and / , (union of service groups)
    def clause(self) -> Condition:
        self.skip_filler()
        parts = [self.group()]
        shapes = [self._last_group]
        leading = [self._last_mods]
        marked = False  # "..., and to providers of ...": each group stands alone, as written
        last_aside = False
        while True:
            mark = self.mark()
            took_conj = False
            newgroup = False
            only_commas = True
            opened = [t.kind for t in self.toks[self.pos:self.pos + 3]]
            aside = opened == ["COMMA", "AND", "OF"] or opened == ["COMMA", "OR", "OF"]
            while self.kind() in ("COMMA", "OR", "AND", "ANDOR", "FILLER", "OF"):
                # only a connective or "to providers of" joins two groups; a bare "to" or "of"
                # between two wordings is no union ("use profiling to recommend content")
                t = self.take()
                if t.kind in ("COMMA", "OR", "AND", "ANDOR") or (t.kind == "FILLER" and t.value == "newgroup"):
                    took_conj = True
                    newgroup = newgroup or t.value in ("newgroup", ";")  # a semicolon ends a group firmly
                    only_commas = only_commas and t.kind == "COMMA" and t.value != ";"
                elif t.kind == "OF" and took_conj:
                    newgroup = True  # "... and of search services that ...": the "of" repeated opens a group
            if not took_conj or self.pos >= len(self.toks):
                self.reset(mark)
                break
            joined = {t.kind for t in self.toks[mark.pos:self.pos]}
            if len(parts) == 1 and "AND" in joined and not joined & {"OR", "ANDOR"} and not newgroup \
                    and self._subject_restated():
                # "unless the terms prohibit under-18s and the provider uses age assurance": a subject
                # and its verb after "and" are a second predicate of the same services, both of which
                # must hold, not a second group of services joined to the first (a union)
                try:
                    post = self.relbody(carried=None)
                except ParseFail:
                    self.reset(mark)
                    break
                parts[0] = and_(parts[0], post)
                shapes[0] = (shapes[0][0], post, shapes[0][2])
                continue
            if only_commas and self.kind() in ("REL", "RELVERB", "WITH", "WITHOUT", "AT"):
                # "large services, provided that they have direct messaging": a comma before a relative
                # clause never opens a new group of services; the clause restricts what came before
                post = self.postmods()
                if post is None:
                    self.reset(mark)
                    break
                if len(parts) == 1:
                    parts[0] = and_(parts[0], post)
                    shapes[0] = (shapes[0][0], post, shapes[0][2])
                    continue
                if last_aside:
                    # "providers of A, and of B, that are Z": the commas close the group B, so Z
                    # restricts every group named before it
                    parts = [and_(or_(*parts), post)]
                    shapes, leading, marked = [(None, post, True)], [None], True
                    continue
                parts, shapes, leading, marked = [attachment_readings(parts, post)], [(None, post, True)], [None], True
                continue
            if self.kind() == "HEAD" and (self.peek().text.lower() in _BACK_REFERENCE and self.kind(1) in (None, "COMMA", "WORD")
                                          or self.peek().text.lower() in ("those", "these", "such") and self.kind(1) == "HEAD"):
                # ", in respect of that service": the services already named, not a further group of all services
                self.reset(mark)
                break
            try:
                # (any later group: "A and services at risk of X, where the service is Y" may set Y on both, kept both ways)
                self._aside = True
                parts.append(self.group())
                shapes.append(self._last_group)
                leading.append(self._last_mods)
                marked = marked or newgroup
                last_aside = aside and newgroup
            except ParseFail:
                self.reset(mark)
                break
            finally:
                self._aside = False
        result = or_(*parts) if len(parts) < 2 else group_readings(parts, shapes, leading, self._last_tail, apart=marked)
        # "large services, except vertical search services" / "(other than small low-risk services)"
        mark = self.mark()
        had_comma = False
        bracket = False
        while self.kind() in ("COMMA", "FILLER"):
            had_comma = had_comma or self.kind() == "COMMA"
            bracket = self.take().text == "("
        if self.kind() == "EXCEPT":
            self.take()
            closing = self._closing_bracket() if bracket else None
            if closing is not None:
                # "any service (other than a low-risk service) on which users can comment": the exception
                # ends at the bracket, and what follows restricts the main group, not the exception
                inner = self._exception_before(closing)
                if inner is None:
                    self.reset(mark)
                    return result
                self.take()  # the closing bracket
                post = self.postmods()
                inner = taken_out(inner, self.vocab)
                return and_(result, not_(inner), post) if post is not None else and_(result, not_(inner))
            closing = self._closing_comma() if had_comma else None
            if closing is not None:
                # "a relevant electronic service, other than a closed communication service, that permits
                # children to hold accounts": the exception is set off by commas, and what follows the
                # second comma restricts the main group, not the exception
                inner = self._exception_before(closing)
                if inner is not None:
                    self.take()  # the closing comma
                    post = self.postmods()
                    if post is not None:
                        return and_(result, not_(taken_out(inner, self.vocab)), post)
                self.reset(mark)
                return result
            try:
                if self.kind() == "REL" or self._subject_restated():
                    # "except where the provider uses ...", "unless the service is ...": a predicate
                    # about the service itself
                    if self.kind() == "REL":
                        self.take()
                    return and_(result, not_(self.relbody(carried=None)))
                return and_(result, not_(taken_out(self.clause(), self.vocab)))
            except ParseFail:
                pass
        self.reset(mark)
        return result

    def _closing_bracket(self) -> int | None:
        """Index of the ")" that closes an exception opened by "(" (None when it does not close)."""
        for j in range(self.pos, len(self.toks)):
            if self.toks[j].text == ")":
                return j
            if self.toks[j].text == "(":
                return None
        return None

    def _closing_comma(self) -> int | None:
        """Index of the comma that closes an exception set off by commas: one followed by a relative
        clause or "with", before any other connective or the end."""
        for j in range(self.pos, len(self.toks) - 1):
            kind = self.toks[j].kind
            if kind == "COMMA":
                return j if self.toks[j + 1].kind in ("REL", "RELVERB", "WITH") and self.toks[j].value != ";" else None
            if kind in ("EXCEPT", "OR", "ANDOR"):
                return None
        return None

    def _exception_before(self, end: int) -> Condition | None:
        """The exception read from here up to token ``end`` alone, or None when it does not read wholly."""
        toks, self.toks = self.toks, self.toks[:end]
        try:
            inner = self.clause()
            done = self.pos == end
        except ParseFail:
            inner, done = None, False
        finally:
            self.toks = toks
        return inner if done else None

    def group(self) -> Condition:
        self.skip_filler()
        start = self.pos
        has_all = False
        if self.kind() == "ALL":
            self.take()
            has_all = True
            self.skip_filler()
        self._described = None
        pre_at = self.pos
        pre = self.premods(allow_empty=True)
        named_groups = sum(names_group(t) for t in self.toks[pre_at:self.pos])
        # the modifiers that describe (not classify) the group, which may reach later groups: none when
        # it is named by search type alone ("vertical search services")
        classified = all(t.kind in ("STYPE", "FILLER") for t in self.toks[pre_at:self.pos])
        self._last_mods = None if classified else (self._described if self._described is not None else pre)
        has_head = False
        # (a bracket is left for the clause: "any service (other than a low-risk service) on which ...", and so is
        # "and to other ...", which opens the next group: "large services and to other services at high risk")
        while self.kind() in ("HEAD", "KIND", "FILLER") and self.peek().text != "(" and not (
                has_head and self.peek().value == "newgroup" and self.peek().text.split()[0] in ("and", "to")):
            t = self.take()
            if t.kind == "HEAD":
                has_head = True
            elif t.kind == "KIND":
                has_head = True  # "social media services": a kind is a head noun of its own
                pre = and_(pre, self.kind_atom(t.value)) if pre is not None else self.kind_atom(t.value)
        post = self.postmods()
        if pre is None and post is None and not has_head and not has_all:
            self.pos = start
            raise ParseFail("no service group here")
        self._last_group = (pre, post, has_head)
        if not has_head and pre is None and post is None:
            return atom("all")
        if pre is not None and post is not None and pre.op == "or" and named_groups >= 2 and not has_head:
            # "a general purpose designated internet service or a high impact service with end-user accounts":
            # the last group's modifier may restrict it alone or both
            return attachment_readings(list(pre.args), post)
        return and_(*(c for c in (pre, post) if c is not None)) if (pre or post) else atom("all")

    # -- post-nominal modifiers
    def postmods(self) -> Condition | None:
        """Modifiers after the head noun. Juxtaposed modifiers restrict each other (the loosest
        "and"): "services at high risk of X with more than N users or that are Y" is
        risk(X) and (users or Y)."""
        items: list[tuple[str, int, Condition]] = []
        last_opens: str | None = None  # the token kind that opens the last modifier
        while True:
            mark = self.mark()
            op, level = "and", IMPLICIT
            if items:
                took = False
                op = ","
                semi = False
                while self.kind() in ("AND", "OR", "ANDOR", "COMMA"):
                    t = self.take()
                    took = True
                    semi = semi or t.value == ";"
                    if t.kind in ("OR", "ANDOR"):
                        op = "or"
                    elif t.kind == "AND":
                        op = "and"
                if not took:
                    op = "and"
                if took:
                    level = REL if self.kind() in ("REL", "RELVERB") else PLAIN
                    commas_only = all(t.kind == "COMMA" and t.value != ";" for t in self.toks[mark.pos:self.pos])
                    if self._aside and commas_only and (level == REL or self.kind() == "AT"):
                        # ", and of services with X, that are Z" (or ", at high risk of Z"): the comma closes the
                        # aside; Z is for the clause (every group), not for this group alone
                        self.reset(mark)
                        break
                    if self._starts_new_group(semi) or self._new_group_marker():
                        self.reset(mark)
                        break
            try:
                cond = self.postmod()
            except ParseFail:
                cond = None  # e.g. a relative clause the grammar cannot read: left unparsed
            if cond is None:
                self.reset(mark)
                break
            if items and not took and with_after_alternatives(self.toks, mark.pos, items[-1][2]):
                # "that is a general purpose service or a classified service with user accounts": "with"
                # may restrict the last alternative only or all of them; decided only where both agree
                items[-1] = (items[-1][0], items[-1][1], attachment_readings(items[-1][2].args, cond))
                continue
            if items and not took and (narrow := last_alternative_takes(items, cond)) is not None:
                items[-1] = (*items[-1][:2], narrow)  # (after a lower level of a harm named higher: that level's alone)
                continue
            items.append((op, level, cond))
            last_opens = self.toks[mark.pos].kind if mark.pos < len(self.toks) else None
        tail = len(items) >= 2 and items[-1][1] == IMPLICIT and last_opens in ("REL", "RELVERB", "WITH")
        self._last_tail = items[-1][2] if tail else None
        return combine_levels(items) if items else None

    def postmod(self) -> Condition | None:
        self.skip_filler()
        t = self.peek()
        if t is None:
            return None
        if t.kind in ("AT", "LEVEL"):
            return self.risk(optional=True)
        if self.users_ahead(t):
            return self.users()
        if t.kind == "WITH":
            self.take()
            return self.relbody(carried="have")
        if t.kind == "WITHOUT":
            self.take()
            return not_(self.relbody(carried="have"))
        if t.kind in ("REL", "RELVERB"):
            self.take()
            self.skip_filler()
            return self.relbody(carried="have" if t.kind == "RELVERB" else None)
        if t.kind in ("VERB",):
            return self.relbody(carried=None)
        if t.kind == "MREF":
            self.take()
            ids, op = t.value
            refs = [atom("measure", id=i) for i in ids]
            if op.startswith("not-"):
                # "where ICU C4 and ICU C5 do not apply": neither applies (the negation is each one's)
                refs = [not_(r) for r in refs]
            return or_(*refs) if op.endswith("or") else and_(*refs)
        if t.kind == "FEATURE" and self.pos and self.toks[self.pos - 1].text == "in":
            # "social media services in Tier 1 or Tier 2", "services in a pre-assessed category": in a
            # class the code names
            return self.premods()
        if t.kind == "FEATURE" and t.value == "likely-accessed-by-children":
            self.take()
            return atom("feature", name=t.value)
        if t.kind == "NOT" and self.kind(1) == "FEATURE" and self.peek(1).value == "likely-accessed-by-children":
            self.take()
            self.take()
            return not_(atom("feature", name="likely-accessed-by-children"))
        return None

    # -- relative clause: predicates joined by and/or ("and" binds tighter)
    def relbody(self, carried: str | None) -> Condition:
        """Predicates of a relative clause. "and that ..."/"or that ..." separate clauses
        (looser); plain "and"/"or" join predicates within one clause (tighter): "that are at
        high risk of grooming and that have user profiles or allow direct messages" is
        risk and (profiles or messages)."""
        items: list[tuple[str, int, Condition]] = []
        commas: list[bool] = []  # whether a comma came before each item's connective
        plain: list[bool] = []  # whether each predicate is a bare list of modifiers (no either/both/neither/not)
        restated: list[bool] = []  # whether it opens with its own verb ("and have ...")
        said_verbs: list[str | None] = []  # the verb each predicate is under ("be", "have", "use" ...)
        comma = False
        verb = carried
        # "that meets either of the following conditions: (1) ...; (2) ...": any one of them will do
        any_of = self._after_any_of() or self._opens_any_of()
        while True:
            mark = self.mark()
            op, level = "and", PLAIN
            if items:
                took = False
                op = ","  # a bare comma: the list's last connective decides (_resolve_commas)
                while self.kind() in ("AND", "OR", "ANDOR", "COMMA"):
                    t = self.take()
                    took = True
                    if t.kind in ("OR", "ANDOR"):
                        op = "or"
                    elif t.kind == "AND":
                        op = "and"
                if not took:
                    break
                semi = any(self.toks[j].value == ";" for j in range(mark.pos, self.pos))
                comma = any(self.toks[j].kind == "COMMA" for j in range(mark.pos, self.pos))
                if self._new_group_marker():
                    self.reset(mark)
                    break
                if self.kind() in ("REL", "RELVERB", "AT") and self._aside and comma and op == ",":
                    self.reset(mark)  # ", and of services with X, that are Z": see postmods
                    break
                if self.kind() in ("REL", "RELVERB"):  # "..., or that have ..."
                    t = self.take()
                    level = REL
                    # "at risk of X, or of Y, where users can post content or comment": a bare comma before a clause
                    # of its own restricts; it takes no connective from inside that clause
                    op = "and" if op == "," else op
                    if t.kind == "RELVERB":
                        verb = "have"
                elif self._subject_restated():
                    level = REL  # "...; or (c) the service is ...": a clause of its own
                elif self.kind() in ("HEAD", "ALL") or (self._starts_new_group(semi) and (verb != "be" or semi)):
                    self.reset(mark)
                    break
            start = self.pos
            try:
                cond, verb = self.predicate(verb)
            except ParseFail:
                self.reset(mark)
                if not items:
                    raise
                break
            words = [t for t in self.toks[start:self.pos] if t.kind != "FILLER"]
            said = verb_word(words[0]) if words and words[0].kind in ("VERB", "COPULA", "RELVERB") else None
            if items and level == PLAIN and said is not None and said_verbs[-1] not in (None, said) and "be" in (
                    said, said_verbs[-1]):
                # "that are large or at risk of fraud and have user profiles": a predicate that turns from
                # "be" to another verb (or back) is joined to the whole of the one before, not to its last
                # word; "have user profiles or allow direct messages" stays one list
                level = VERBAL
            said_verbs.append(said or (said_verbs[-1] if said_verbs else carried))
            items.append((op, level, cond))
            commas.append(bool(items[1:]) and comma)
            # a bare list of modifiers ("large or multi-risk"), or a predicate that restates its verb
            body = [t for t in words if t.kind not in ("VERB", "COPULA", "RELVERB")]
            plain.append(bool(body) and body[0].kind in ("ADJ", "NADJ", "FEATURE", "STYPE", "KIND") and not any(
                t.kind in ("EITHER", "BOTH", "NEITHER", "NOT") for t in words))
            restated.append(said is not None)
        if not items:
            raise ParseFail("empty relative clause")
        if any_of and len(items) >= 2 and all(op in (",", "and", "or") for op, _l, _c in items[1:]):
            return or_(*(c for _op, _l, c in items))  # any one of the conditions listed will do
        return relative_clause_reading(items, commas, plain, restated)

    def _verbs(self, verb: str | None) -> tuple[bool, str | None]:
        neg = False
        while self.kind() in ("VERB", "COPULA", "NOT", "FILLER", "RELVERB"):
            t = self.take()
            if t.kind == "NOT":
                neg = not neg
            elif t.kind == "COPULA":
                verb = "be"
            elif t.kind in ("VERB", "RELVERB"):
                verb = "have"
        return neg, verb

    def predicate(self, verb: str | None) -> tuple[Condition, str | None]:
        self.skip_filler()
        if self._subject_restated():
            self.skip_filler()
            self.take()  # the subject: "the service"
        neg, verb = self._verbs(verb)
        # only after "is"/"are" is a kind named again the service's own ("is a closed communication relevant
        # electronic service"); after another verb it is what the service acts on ("hosts a Tier 1 social media service")
        self._pred_verb = verb
        if self.kind() == "NEITHER":
            self.take()
            items = [self.simple_pred()]
            while self.kind() in ("NOR", "COMMA", "OR"):
                self.take()
                _n, verb = self._verbs(verb)
                items.append(self.simple_pred())
            cond = and_(*(not_(c) for c in items))
        elif self.kind() in ("EITHER", "BOTH"):
            joiner = "OR" if self.take().kind == "EITHER" else "AND"
            first, verb = self.predicate(verb)
            items = [first]
            while self.kind() in (joiner, "COMMA"):
                mark = self.mark()
                while self.kind() in (joiner, "COMMA"):
                    self.take()
                try:
                    nxt, verb = self.predicate(verb)
                except ParseFail:
                    self.reset(mark)
                    break
                items.append(nxt)
            cond = or_(*items) if joiner == "OR" else and_(*items)
        else:
            self._negated = neg  # a list under "not" stops at a feature with a verb of its own (see premods)
            try:
                cond = self.simple_pred()
            finally:
                self._negated = False
        return (not_(cond) if neg else cond), verb

    def simple_pred(self) -> Condition:
        self.skip_filler()
        t = self.peek()
        if t is None:
            raise ParseFail("end of text")
        if t.kind in ("AT", "LEVEL"):
            r = self.risk(optional=False)
            if r is not None:
                return r
        if self.users_ahead(t):
            return self.users()
        if t.kind == "ALL":
            self.take()
        pre = self.premods(allow_empty=True)
        if pre is None and self.kind() == "KIND" and self._pred_verb == "be":
            return self.kind_atom(self.take().value)  # "that is a relevant electronic service": the kind it is
        if pre is None:
            raise ParseFail("no predicate")
        # "are file-storage and file-sharing services": an optional head noun and its own postmods
        if self.kind() == "KIND" and self._pred_verb == "be":
            # "a relevant electronic service that is a closed communication relevant electronic service": the
            # kind named again as the head noun
            pre = and_(pre, self.kind_atom(self.take().value))
            post = self.postmods()
            if post is not None:
                pre = and_(pre, post)
        elif self.kind() == "HEAD":
            self.take()
            post = self.postmods()
            if post is not None:
                pre = and_(pre, post)
        return pre
