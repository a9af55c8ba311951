"""Line-end hyphens and joining: the document's own vocabulary decides whether a hyphen at a line
end breaks a word (``Line.soft_hyphen``), and ``join_text``/``join_lines`` make running text from
lines, carrying marker offsets."""

from __future__ import annotations

import re
from collections import defaultdict

from .lines import Line

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    compounds: set[str] = set()
    prev_hyphen = False
    for ln in lines:
        toks = _WORD_RE.findall(ln.text)
        # fragments either side of a line-end hyphen are not evidence of anything
        if prev_hyphen and toks:
            toks = toks[1:]
        prev_hyphen = ln.text.endswith("-")
        if prev_hyphen and toks:
            toks = toks[:-1]
        for tok in toks:
            low = tok.lower()
            if "-" in low:
                compounds.add(low)
                words.update(low.split("-"))
            else:
                words.add(low)
    return words, compounds


_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ion", "ions", "al", "ally", "ment", "ments", "ness", "ity")


def _stems(word: str) -> set[str]:
    out = {word}
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            out.add(word[: -len(suf)])
    return out


_STEM_CACHE: list[tuple[set[str], set[str]]] = []  # (words, their stems) of the document being read


def _known(word: str, words: set[str]) -> bool:
    """The word, or a form of it with another common ending, is printed whole in the document."""
    if word in words:
        return True
    if not _STEM_CACHE or _STEM_CACHE[0][0] is not words:
        stems: set[str] = set()
        for w in words:
            stems |= _stems(w)
        _STEM_CACHE[:] = [(words, stems)]
    stems = _STEM_CACHE[0][1]
    return any(s in stems for s in _stems(word) if len(s) >= 4)


def resolve_hyphens(lines: list[Line], extra: list[Line] | None = None) -> None:
    """Decide, for each line ending in a hyphen, whether the hyphen is soft (a broken word).

    Evidence comes from the document: if the hyphenated form occurs elsewhere, the hyphen is
    real ("end-to-" + "end"); if the joined word (or its stem) occurs elsewhere, it is a broken
    word ("tech-" + "nically"); failing both, a hyphen before a word of its own is kept
    ("multi-" + "step") and any other is taken as a break.
    """
    # running headers and contents lines are the document's words too: "user-to-user" in a header
    words, compounds = _vocabulary(lines + (extra or []))
    by_kind: dict[str, list[Line]] = defaultdict(list)
    for ln in lines:
        by_kind[ln.kind].append(ln)
    for seq in by_kind.values():
        for cur, nxt in zip(seq, seq[1:]):
            text = cur.text
            if not (text.endswith("-") and len(text) > 1 and text[-2].isalpha()):
                continue
            left_m = re.search(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$", text)
            right_m = re.match(r"([a-z][A-Za-z]*)(-[A-Za-z])?", nxt.text)
            if not left_m or not right_m:
                continue
            if right_m.group(2):
                continue  # "state-" + "of-the-art": the break is inside a compound
            if is_soft_break(left_m.group(1), right_m.group(1), words, compounds):
                cur.soft_hyphen = True


def is_soft_break(left: str, right: str, words: set[str], compounds: set[str]) -> bool:
    """Whether "left-" at a line end + "right" on the next line is one word broken in two."""
    left, right = left.lower(), right.lower()
    last_left = left.split("-")[-1]
    joined = last_left + right
    if any(c == f"{left}-{right}" or f"{last_left}-{right}" in c for c in compounds):
        return False
    if _known(joined, words):
        return True
    if right in words and len(right) >= 2:
        return False
    if "-" in left and len(last_left) <= 2:
        return False  # "user-to-" + "user": the break is at a compound's own hyphen
    if right.startswith(_SUFFIX_STARTS):
        return True  # "period-" + "ically": the rest of a word, not a word
    if len(right) >= 3 and (last_left in _prefixes(compounds) or last_left in _HYPHEN_PREFIXES):
        return False  # "non-" + "ephemeral", or a prefix the document hyphenates elsewhere
    if len(last_left) >= 4 and last_left in words and len(right) >= 3:
        return False  # "file-" + "storage": two words of their own
    return True


# English prefixes written with a hyphen in regulatory prose, and word endings that never start a
# word: language facts used only when the document itself offers no evidence either way.
_HYPHEN_PREFIXES = frozenset({"non", "self", "multi", "cross", "anti", "semi", "quasi", "ex", "well"})
_SUFFIX_STARTS = (
    "ically", "ation", "ment", "ness", "ings", "ity", "ities", "ive", "ious", "ous", "able", "ible",
    "ally", "ence", "ance", "ised", "ized", "ism", "ful", "less", "tion", "sion", "ial", "ical", "ted",
    "ing", "ly",
)


_PREFIX_CACHE: list[tuple[set[str], set[str]]] = []


def _prefixes(compounds: set[str]) -> set[str]:
    """First parts of the document's hyphenated compounds ("non", "multi", "self")."""
    if not _PREFIX_CACHE or _PREFIX_CACHE[0][0] is not compounds:
        _PREFIX_CACHE[:] = [(compounds, {c.split("-")[0] for c in compounds})]
    return _PREFIX_CACHE[0][1]


def vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds the document prints whole (evidence for hyphenation)."""
    return _vocabulary(lines)


def join_text(lines: list[Line]) -> tuple[str, list[tuple[int, str]]]:
    """Join lines into running text (hyphenation repaired) and carry their markers' offsets."""
    text, markers, _ = join_lines(lines)
    return text, markers


def join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, str]], list[int]]:
    """``join_text`` plus the offset where each line starts in the joined text (for sub-item offsets)."""
    out = ""
    markers: list[tuple[int, str]] = []
    starts: list[int] = []
    prev: Line | None = None
    for ln in lines:
        if prev is not None:
            if prev.soft_hyphen and out.endswith("-"):
                out = out[:-1]
            elif not out.endswith(("-", "/")):
                out += " "
        starts.append(len(out))
        markers.extend((len(out) + o, n) for o, n in ln.markers)
        out += ln.text
        prev = ln
    return out, markers, starts
