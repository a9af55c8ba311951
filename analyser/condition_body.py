"""One sentence's condition: the words of whom (after its opening) as a tree, with the words left over.

Owns ``parse_body`` (tokens to a tree through the grammar, leftover words as ``unknown`` where they stand),
``parse_glossed`` (a restatement after "that is" or "meaning" read as a second reading of the same services)
and the closing "where in each case ..." read as a restriction of every group. ``conditions`` cuts a clause
into sentences and calls these on each sentence's words.
"""

from __future__ import annotations

import contextvars
import re

from .condition_grammar import Parser
from .condition_limbs import Limbs, split_limbs
from .condition_reader import ParseFail
from .condition_tokens import Tok, lexicon_for, tokenise
from .condition_tree import and_, atom, is_understood, normalise, not_, or_
from .feature_likeness import read_by_likeness
from .models import Condition
from .vocabulary import Vocabulary, load_vocabulary

# The harm lists read so far in the clause being parsed (per thread: the app parses in several)
HARMS_SEEN: contextvars.ContextVar[list[list[list[str]]] | None] = contextvars.ContextVar("harms_seen", default=None)

_SUBITEM = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*", re.I)


def _content_words(toks: list[Tok]) -> int:
    return sum(t.words for t in toks if t.kind not in ("FILLER", "COMMA"))


_LIMB_PREDICATE = re.compile(
    r"((?:\b(?:and|or)|;)\s*)\((?:[b-h]|ii|iii|iv|v|vi)\)\s*(?=(?:are|is|have|has|do|does|use|uses|operate|"
    r"operates|offer|offers|allow|allows|provide|provides|enable|enables|meet|meets|host|hosts|permit|permits)\b)",
    re.I)


# "... and to providers of large services at medium risk of grooming, where in each case the service
# has user profiles": the last condition restricts every group named before it, not the last one
_IN_EACH_CASE = re.compile(
    r"(?:,\s*|\s+)(?:(?:and|where|if)\s*,?\s+in\s+(?:each|either|both|all|every)\s+(?:such\s+)?cases?\s*,?\s*"
    r"|in\s+(?:each|either|both|all|every)\s+(?:such\s+)?cases?\s*,?\s*(?:where|if|when)\s+"
    r"|where\s+(?=(?:those|such|these)\s+services\b))", re.I)


# "services that allow pornographic content, that is, services whose terms of service do not prohibit it": the
# services named, then the same services in other words
_GLOSS = re.compile(r"^(?P<a>.+?),\s*(?:that\s+is(?:\s+to\s+say)?|i\.e\.|in\s+other\s+words|meaning)\s*,?\s+"
                    r"(?P<b>(?:services?|providers?|those|signator\w*)\b.+)$", re.I | re.S)


# "users can go live, that is, share video from their camera ...", "CSAM URLs, meaning web addresses that lead to ...",
# "a recommender system, for instance a personalised feed, ...", "grooming (adults contacting children to abuse them)":
# a word the reader knows, said again or shown by example; never one that limits ("..., meaning images only", "(not ...)")
_INNER_GLOSS = re.compile(
    r",\s*(?:that\s+is(?:\s+to\s+say)?|i\.e\.|meaning|namely|in\s+other\s+words|for\s+(?:instance|example)|e\.g\.|such\s+as)\s*,?\s+"
    r"(?P<g>(?:[^,;()]|,(?=\d{3}\b)){2,160}?)(?=\s*(?:,(?!\d{3}\b)|;|$)|\s+(?:and|or)\s+(?:that|which|who|where|whose|are|is|have|has|of|to)\b)"
    # ("end-user managed hosting services such as cloud storage": examples, with no comma before them)
    r"|\s+(?:such\s+as|e\.g\.)\s+(?P<e>(?:[^,;()]|,(?=\d{3}\b)){2,80}?)(?=\s*(?:,(?!\d{3}\b)|;|$)|\s+(?:and|or)\s+(?:that|which|who|where|whose|are|is|have|has|of|to)\b)"
    # (never a bracket that names a measure or a part: "All services (D4: large or multi-risk services)")
    r"|\s*\((?!\s*(?:other\s+than|except|excluding|unless|not|only|where|if|when|that|which|whose|or|and|but|save)\b)"
    r"(?![^()]*:)(?![^()]*\b[A-Z]{1,5}\s?\d)(?P<b>[^()]{5,200})\)",
    re.I)
_TIER_BEFORE = re.compile(r"\b(?:tier|category|class)\s*\d[\w\s-]{0,40}$", re.I)
_LIMITS = re.compile(r"\b(?:not|no|only|except|other\s+than|excluding|but|unless|save|neither|nor)\b", re.I)


def _without_glosses(body: str) -> str | None:
    """``body`` without its glosses (``_INNER_GLOSS``), or None when it has none, or one that may limit."""
    found = list(_INNER_GLOSS.finditer(body))
    if not found or any(_LIMITS.search(m.group("g") or m.group("b") or m.group("e") or "") for m in found):
        return None
    if any(m.group("b") and _TIER_BEFORE.search(body, max(0, m.start() - 60), m.start()) for m in found):
        return None  # ("a Tier 1 social media service (online pornography)": the material the tier is for, never a gloss)
    return re.sub(r"\s{2,}", " ", _INNER_GLOSS.sub("", body)).strip()


def parse_glossed(
    body: str, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None
) -> tuple[Condition | None, int, int, list[str]]:
    """``_parse_with_restatement``, and where that leaves words unread, the same without glosses said inside the
    sentence ("..., that is, ...", "(...)"): a gloss restates what it follows, so the reading without it stands when
    the gloss alone was not understood."""
    read = _parse_with_restatement(body, code_kind, vocab, id_pattern)
    if read[0] is not None and not read[3] and is_understood(read[0]):
        return read
    bare = _without_glosses(body)
    if bare is None:
        return read
    plain = _parse_with_restatement(bare, code_kind, vocab, id_pattern)
    if plain[0] is None or plain[3] or not is_understood(plain[0]):
        return read
    return plain[0], plain[1], read[2], []


def _parse_with_restatement(
    body: str, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None
) -> tuple[Condition | None, int, int, list[str]]:
    """``_parse_each_case``, with a restatement after "that is" read as a second reading of the same services:
    decided where both agree when both are understood, by the one understood otherwise."""
    m = _GLOSS.match(body)
    if m is None:
        return _parse_each_case(body, code_kind, vocab, id_pattern)
    first = _parse_each_case(m.group("a"), code_kind, vocab, id_pattern)
    second = _parse_each_case(m.group("b"), code_kind, vocab, id_pattern)
    read = [r for r in (first, second) if r[0] is not None and not r[3] and is_understood(r[0])]
    if not read:
        return _parse_each_case(body, code_kind, vocab, id_pattern)
    done, total = first[1] + second[1], first[2] + second[2]
    if len(read) == 1:
        return read[0][0], done, total, []
    if normalise(first[0]) == normalise(second[0]):
        return first[0], done, total, []
    return Condition(op="agree", args=[first[0], second[0]], params={"why": "gloss"}), done, total, []


def _parse_each_case(
    body: str, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None
) -> tuple[Condition | None, int, int, list[str]]:
    """``parse_body``, with a closing "where in each case ..." read as a restriction of the whole."""
    m = _IN_EACH_CASE.search(body)
    if m is None or not body[m.end():].strip():
        return parse_body(body, code_kind, vocab, id_pattern)
    rest = body[m.end():].strip()
    subject = re.match(r"(?:the|those|such|these|that|its)\s+(?:[\w-]+\s+){0,2}?services?\b", rest, re.I)
    if subject is None:
        restriction = "services that " + rest
    elif subject.group(0).lower().endswith("services"):
        restriction = "services that " + rest[subject.end():].strip()  # "where those services return images": plural
    else:
        restriction = "services where the service " + rest[subject.end():]
    main, done, total, leftovers = parse_body(body[:m.start()], code_kind, vocab, id_pattern)
    extra, done2, total2, leftovers2 = parse_body(restriction, code_kind, vocab, id_pattern)
    if main is None or extra is None:
        return parse_body(body, code_kind, vocab, id_pattern)
    return and_(main, extra), done + done2, total + total2, leftovers + leftovers2


# Tokens that, left over after a complete reading, can only narrow it: "large services whose
# principal purpose is X" is large AND (something not understood). Anything else left over
# ("... or X", "... other than X", a leading word) could widen or turn it, so the whole
# sentence is undecided.
_RESTRICTING = {"REL", "RELVERB", "WITH", "WITHOUT", "VERB", "COPULA", "AT", "LEVEL", "USERS_CMP"}
_TURNING = {"OR", "ANDOR", "EITHER", "NEITHER", "NOR", "EXCEPT", "NOT", "ALL"}
# ("Signatories that are SMEs are released from paragraph (3) ...": what is left over lets them out, never narrows)
_NEGATES = re.compile(r"\b(?:no|not|none|never|nothing|nobody|no\s+one|without)\b|n't\b", re.I)
_RELEASES = re.compile(r"\b(?:released|relieved|excused|exempt(?:ed)?|excluded|disapplied|need\s+not|not\s+required)\b", re.I)


def parse_body(
    body: str, code_kind: str, vocab: Vocabulary | None = None, id_pattern: re.Pattern[str] | None = None
) -> tuple[Condition | None, int, int, list[str]]:
    """Parse one sentence's condition; return (tree, words understood, words in all, leftovers).

    The tree already holds an ``unknown`` atom for leftover words (see ``_RESTRICTING``).
    """
    vocab = vocab or load_vocabulary()
    two = _EXCEPTION_THEN_GROUP.match(body.strip())
    if two is not None:
        read = [parse_body(two.group(g), code_kind, vocab, id_pattern) for g in ("a", "b")]
        return _union(read, [cond if cond is not None else atom("unknown", text=two.group(g).strip()) for (cond, *_r), g in zip(read, "ab")])
    groups = _LETTERED_GROUPS.match(body.strip())
    if groups is not None and not re.search(r"\(c\)", groups.group("b")):
        read = [parse_body(groups.group(g), code_kind, vocab, id_pattern) for g in ("a", "b")]
        if all(cond is not None for cond, *_r in read):
            return _union(read, [cond for cond, *_r in read])
    limbs = split_limbs(body)
    if limbs is not None:
        read = _read_limbs(limbs, code_kind, vocab, id_pattern)
        if read is not None:
            return read
    # "services that (a) operate X or Y and (b) are at medium or high risk of Z": a later limb that
    # opens with a verb is a clause of its own ("and that are ..."), so "or" inside limb (a) stays there
    body = _SUBITEM.sub(" ", _LIMB_PREDICATE.sub(lambda m: m.group(1) + " that ", body))
    toks = tokenise(body, lexicon_for(vocab), id_pattern)
    total = _content_words(toks)
    if not toks:
        return None, 0, 0, []
    seen = HARMS_SEEN.get()
    parser = Parser(toks, code_kind, vocab, harms_read=list(seen) if seen is not None else [])
    cond: Condition | None
    try:
        cond = parser.clause()
    except ParseFail:
        cond = None
        parser.consumed = []
    if seen is not None:
        seen[:] = parser.harms_read
    used = set(parser.consumed)
    leftovers: list[str] = []
    run: list[Tok] = []
    for i, t in enumerate(toks):
        if i in used:
            if run:
                leftovers.append(_fragment(body, run))
                run = []
            continue
        run.append(t)
    if run:
        leftovers.append(_fragment(body, run))
    leftovers = [f for f in leftovers if f and f.strip(" ,;:.()")]
    done = _content_words([t for i, t in enumerate(toks) if i in used])
    if leftovers and cond is not None:
        unplaced = [t for i, t in enumerate(toks) if i not in used and t.kind not in ("FILLER",)]
        last_used = max(used) if used else -1
        trailing = all(i > last_used for i, t in enumerate(toks) if i not in used and t.kind not in ("FILLER", "COMMA"))
        first = unplaced[0] if unplaced else None
        # a reading that holds an exception or a negation could have the leftover inside it
        # ("other than services whose ...": the leftover restricts the exception, which widens
        # the whole), so only a reading without them can take a leftover as a plain restriction
        text = "; ".join(leftovers)
        # (nor one that negates: "services that share children's data with no one outside ...": not a narrower class)
        restricting = (trailing and first is not None and first.kind in _RESTRICTING
                       and not any(t.kind in _TURNING for t in toks) and not _RELEASES.search(text) and not _NEGATES.search(text))
        near = read_by_likeness(f"services {text}", vocab) if restricting and len(leftovers) == 1 else None
        if near is not None:  # "app distribution services that make apps classified R18+ available": the rest read by likeness
            return and_(cond, near), total, total, []
        cond = and_(cond, atom("unknown", text=text)) if restricting else atom("unknown", text=body.strip())
    elif leftovers:
        cond = atom("unknown", text=body.strip())
    if leftovers and cond is not None and cond.op == "atom" and cond.atom == "unknown":
        # nothing of it read: a feature in the drafter's own words, when one feature's wordings are clearly nearest
        near = read_by_likeness(body.strip(), vocab)
        if near is not None:
            return near, total, total, []
    if leftovers:
        split = _service_exception(body, code_kind, vocab, id_pattern)
        if split is not None:
            return split, done, total, leftovers
    return cond, done, total, leftovers


# "large search services, other than those at low risk of every kind of illegal harm, and to multi-risk search services":
# "and to" opens a second group of the sentence's "applies to", so the exception between the commas ends there (read
# as one clause, it had taken the second group into the exception)
_EXCEPTION_THEN_GROUP = re.compile(
    r"^(?P<a>.+?,\s*(?:other\s+than|except(?:\s+for)?|excluding|save\s+for|apart\s+from)\s+[^,;]+?),\s*(?:and|or)\s+(?:also\s+)?"
    r"to\s+(?P<b>(?:(?:the\s+)?providers?\s+of\s+)?\S.*)$", re.I | re.S)

# "providers of (a) large services at medium or high risk of CSAM URLs and (b) services that have more than 700,000 users
# and are at high risk of CSAM URLs": two groups of services, each a class of its own whatever joins them (read without
# the labels, the "and" inside limb (b) had joined every part into one class)
_LETTERED_GROUPS = re.compile(
    r"^(?:(?:the\s+)?providers?\s+of\s*:?\s+)?\(a\)\s+(?P<a>(?:providers?\s+of\s+)?(?:[\w-]+\s+){0,3}?services?\b.+?)[;,]?\s+(?:and|or)\s+"
    r"\(b\)\s+(?P<b>(?:providers?\s+of\s+)?(?:[\w-]+\s+){0,3}?services?\b.+)$", re.I | re.S)


def _union(read: list[tuple[Condition | None, int, int, list[str]]], conds: list[Condition]) -> tuple[Condition, int, int, list[str]]:
    """Groups of services read apart (``read``, as ``parse_body`` gives them), as one: the union of ``conds``, with the
    words understood, the words in all and the leftovers of every group."""
    return or_(*conds), sum(r[1] for r in read), sum(r[2] for r in read), [w for r in read for w in r[3]]


def _read_limbs(
    limbs: Limbs, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None
) -> tuple[Condition, int, int, list[str]] | None:
    """The head and the limbs read apart and joined as written, or None when any piece does not read wholly."""
    pieces = []
    for limb in limbs.limbs:
        subject = re.match(r"(?:the|its|that)\s+(?:[\w-]+\s+){0,2}?services?\b", limb, re.I)
        if limbs.verb and not _OWN_VERB.match(limb):
            limb = f"{limbs.verb} {limb}"  # "that are (a) at high risk ...": the verb is every limb's
        limb = ("services where " if subject else "services that ") + limb
        pieces.append(parse_body(limb, code_kind, vocab, id_pattern))
    # "each service it provides, except a service where: (a) ...; and (b) ...": the limbs are the exception's, which
    # takes out the services that meet them, not a restriction of the services named first
    excepted = _EXCEPTED_LIMBS.match(limbs.head or "")
    head_words = excepted.group("main") if excepted else limbs.head
    head = parse_body(head_words, code_kind, vocab, id_pattern) if head_words else (atom("all"), 0, 0, [])
    if any(cond is None or left or not is_understood(cond) for cond, _d, _t, left in (head, *pieces)):
        return None
    conds = [cond for cond, *_rest in pieces]
    joined = or_(*conds) if limbs.joiner == "or" else and_(*conds) if limbs.joiner == "and" else Condition(
        op="agree", args=[or_(*conds), and_(*conds)], params={"because": _NO_JOINER})
    return (and_(head[0], not_(joined) if excepted else joined), sum(p[1] for p in (head, *pieces)),
            sum(p[2] for p in (head, *pieces)), [])


# lettered limbs with no "and" or "or" between them ("services that are: (a) ...; (b) ..."): read as "and", a service
# meeting one limb had been left out with confidence; writers mean either, or both
_NO_JOINER = "the lettered items are joined by no 'and' or 'or', so they may be alternatives or all required"
_EXCEPTED_LIMBS = re.compile(r"^(?P<main>.+?),?\s+(?:other\s+than|except(?:\s+for)?|excluding|save\s+for|apart\s+from)\s+"
                             r"(?:(?:a|an|any|those)\s+)?(?:services?|providers?)?\s*$", re.I | re.S)


_OWN_VERB = re.compile(r"(?:is|are|has|have|does|do|uses?|offers?|allows?|provides?|operates?|hosts?)\b", re.I)


# "X services, other than those that ...": an exception whose object is services can only take
# services out of X, whatever X says, so when only the exception is not understood the services
# outside X are still decided (not covered) and those inside it are undecided
_SERVICE_EXCEPTION = re.compile(
    r"^(?P<head>.+?),\s*(?:other\s+than|except(?:\s+for)?|excluding|but\s+not|save\s+for|apart\s+from)\s+"
    r"(?P<object>(?:those|services?|providers?|any\s+services?|(?:a|an)\s+[\w-]+(?:\s+[\w-]+){0,3}?\s+services?)\b.*)$",
    re.I | re.S)


def _service_exception(
    body: str, code_kind: str, vocab: Vocabulary, id_pattern: re.Pattern[str] | None
) -> Condition | None:
    """"X, other than Y" read as X and not Y when X alone is understood; None otherwise."""
    m = _SERVICE_EXCEPTION.match(body.strip())
    if m is None:
        return None
    head, _done, _total, left = parse_body(m.group("head"), code_kind, vocab, id_pattern)
    if left or not is_understood(head):
        return None
    obj = re.sub(r"^those\b", "services", m.group("object"), flags=re.I)
    exc, _done, _total, _left = parse_body(obj, code_kind, vocab, id_pattern)
    if exc is None:
        exc = atom("unknown", text=m.group("object").strip())
    return and_(head, not_(exc))


def _fragment(body: str, run: list[Tok]) -> str | None:
    """The words of a run of unplaced tokens, or None when they are only fillers and punctuation."""
    if all(t.kind in ("FILLER", "COMMA") for t in run):
        return None
    return body[run[0].start:run[-1].end].strip(" ,;:")
