"""Lettered limbs of an application sentence: "services that have user profiles and that (a) have more
than 700,000 users and are at medium or high risk of harassment; or (b) are large services".

Why its own step: once the labels "(a)", "(b)" are gone, the words no longer show that the limbs are a
unit, and "... and that A and B; or that C" reads as (profiles and A and B) or C, which lets every
large service in whatever features it has. Here the sentence is cut into the words before the first
label (the head), the limbs, and the connective that joins them ("or" before the last limb), so that
the caller can read head and limbs apart and join them as written: head and (A or C).

Only text is handled here; ``conditions`` parses the pieces and falls back to reading the sentence
without its labels whenever a piece does not read wholly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a limb label after the start, a space, a colon, a semicolon or a comma: "(a)", "(ii)", "(3)"
_LABEL = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\((?P<label>[a-h]|i{1,3}|iv|v|vi{0,3}|\d{1,2})\)\s*", re.I)
_FIRST = {"a", "i", "1"}
# what ends a limb before the next: "; or", ", and", ";"
_LIMB_END = re.compile(r"\s*(?:[;,]\s*)?(?:(?P<op>and|or)\s*)?[;,]?\s*$", re.I)
# the head's last words before the limbs: "services that", "services that have X and that", "services where the
# service:"
_HEAD_RELATIVE = re.compile(
    r"(?:,?\s*(?P<conj>and|or)\s+)?\b(?:that|which|who|whose|where(?:\s+(?:the|its|that|such\s+a)\s+(?:[\w-]+\s+){0,2}?service)?"
    # "Where a service (a) allows ...; and (b) ...": the service the limbs are said of
    r"|^\s*(?:a|an|the|any)\s+(?:[\w-]+\s+){0,2}?(?:service|platform))"
    r"(?P<verb>\s+(?:are|is|have|has))?\s*:?\s*(?:either\s*:?\s*)?$", re.I)


# a head that is a relative clause ending in "and" before the limbs: "services which are at high risk of X and"
_AND_AFTER_RELATIVE = re.compile(r"\s*,?\s+and\s*:?\s*$", re.I)
_HAS_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s+(?:are|is|have|has)\b", re.I)


@dataclass(frozen=True)
class Limbs:
    head: str  # the words before the first label, without the relative word that opens the limbs
    limbs: tuple[str, ...]
    joiner: str  # "and" / "or": the connective before the last limb ("" when none is written)
    verb: str = ""  # the verb written once before the labels ("that are (a) ...; or (b) ..."), for every limb


def _kind(label: str) -> str:
    """A label's kind: a number, a letter up to "h", or a roman numeral ("(i)" is the first of these)."""
    label = label.lower()
    return "number" if label.isdigit() else "letter" if label in "abcdefgh" else "roman"


def split_limbs(body: str) -> Limbs | None:
    """The head and limbs of ``body`` when a relative clause ends in two or more lettered limbs, first "(a)";
    else None (limbs that name groups of services, "applies to: (a) large services; and (b) ...", are a
    plain union and read as well without their labels)."""
    labels = list(_LABEL.finditer(body))
    start = next((i for i, m in enumerate(labels) if m.group("label").lower() in _FIRST), None)
    if start is None:
        return None
    # "(a) ...; and (b) either (i) ..., or (ii) ...": only labels of the first one's kind cut limbs here; the items
    # inside a limb stay in its words, to be read as limbs of their own (flattened, "(b)" had lost its "either")
    kind = _kind(labels[start].group("label"))
    labels = [m for m in labels[start:] if _kind(m.group("label")) == kind]
    if len(labels) < 2:
        return None
    head = body[:labels[0].start()]
    texts, ops = [], []
    for m, nxt in zip(labels, [*labels[1:], None]):
        piece = body[m.end():nxt.start() if nxt is not None else len(body)]
        if nxt is None:
            ops.append("")
            texts.append(piece.rstrip(" .;,"))
            continue
        end = _LIMB_END.search(piece)  # always matches: every part of it may be empty
        ops.append((end.group("op") or "").lower())
        texts.append(piece[:end.start()])
    if any(not t.strip() for t in texts):
        return None
    said = [op for op in ops[:-1] if op]
    # (none written, "(a) ...; (b) ...": alternatives or all required? "" for the caller to read both ways)
    joiner = said[-1] if said else ""
    if any(op != joiner for op in said):
        return None  # "(a) ... and (b) ... or (c)": the limbs' own grouping is not written
    rel = _HEAD_RELATIVE.search(head)
    also = _AND_AFTER_RELATIVE.search(head) if rel is None and _HAS_RELATIVE.search(head) else None
    if also is not None:
        # "services which are at high risk of X and (i) have more than 700,000 users, or (ii) are ...": the limbs are a
        # further condition of the relative clause before them, each with its own verb (flattened, "(ii)" had stood
        # alone and covered every file-sharing service)
        return Limbs(head[:also.start()].strip(" ,;:"), tuple(t.strip() for t in texts), joiner)
    if rel is not None:
        if (rel.group("conj") or "").lower() == "or":
            return None  # "X or that (are) (a) ...": rare, and not worth a rule of its own
        verb = (rel.group("verb") or "").strip()
        return Limbs(head[:rel.start()].strip(" ,;:"), tuple(t.strip() for t in texts), joiner, verb)
    return None
