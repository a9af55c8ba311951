"""Cross-references: what a paragraph's text cites ("ICU C1, C2 and C5", "paragraphs A2.3 to
A2.5"), by the profile's patterns, with lists and ranges of targets expanded where that is safe."""

from __future__ import annotations

import re

from ..models import CrossRef, Measure
from ..profiles import CrossRefRule

_LIST_SEP = re.compile(r"\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+(?:and/or|and|or)\s+", re.I)
_RANGE_SEP = re.compile(r"\s*[-–—]\s*|\s+(?:to|through)\s+", re.I)
_MAX_RANGE = 50


def add_crossrefs(m: Measure, number: str, text: str, rules: list[CrossRefRule]) -> None:
    """Append to ``m.cross_refs`` the references paragraph ``number`` makes, each target once."""
    seen = {(c.source_paragraph, c.target) for c in m.cross_refs}
    for rule in rules:
        for mm in rule.regex.finditer(text):
            for target, printed in crossref_targets(rule, mm, text):
                if (number, target) not in seen:
                    seen.add((number, target))
                    m.cross_refs.append(CrossRef(number, target, rule.kind, printed))


def crossref_targets(rule: CrossRefRule, mm: re.Match, text: str) -> list[tuple[str, str]]:
    """(target, words as printed) for a cross-reference match and the list or range it opens.

    "ICU C1, C2 and C5" gives C1, C2, C5; "paragraphs A2.3 to A2.5" gives A2.3, A2.4, A2.5. Only
    a range of paragraphs is expanded, and only when both ends differ in their last number alone
    (so A2.3 to A3.1 gives its two ends, never every paragraph of two measures); the paragraphs
    inside a range are cited with the range as printed, since they are not printed themselves.
    A range of measures ("ICU D2 to ICU D13") gives its two ends: the IDs between may be lettered
    variants (D7a) or gaps, so listing them would invent references.
    """
    groups = {k: v for k, v in mm.groupdict().items() if v}

    def fill(g: dict) -> str:
        return rule.target.format(**{k: (g.get(k) or "") for k in mm.groupdict()})

    out = [(fill(groups), mm.group(0))]
    if rule.list_item is None:
        return out
    pos = mm.end()
    prev = groups
    prev_start = mm.start()
    for _ in range(40):  # a list is short; this bounds the walk on hostile text
        sep = _RANGE_SEP.match(text, pos)
        is_range = sep is not None
        if sep is None:
            sep = _LIST_SEP.match(text, pos)
        if sep is None:
            break
        item = rule.list_item.match(text, sep.end())
        if item is None or item.end() == sep.end():
            break
        cur = {**prev, **{k: v for k, v in item.groupdict().items() if v}}
        if is_range and rule.kind == "paragraph":
            out.extend((fill(g), text[prev_start:item.end()]) for g in _range_between(prev, cur))
        out.append((fill(cur), item.group(0)))
        prev, prev_start, pos = cur, item.start(), item.end()
    return out


def _range_between(a: dict, b: dict) -> list[dict]:
    """Group values strictly between two range ends that differ only in a trailing number."""
    keys = [k for k in b if a.get(k) != b.get(k)]
    if len(keys) != 1:
        return []
    k = keys[0]
    ma = re.match(r"^(.*?)(\d+)$", a.get(k) or "")
    mb = re.match(r"^(.*?)(\d+)$", b[k])
    if not ma or not mb or ma.group(1) != mb.group(1):
        return []
    lo, hi = int(ma.group(2)), int(mb.group(2))
    if not lo < hi <= lo + _MAX_RANGE:
        return []
    return [{**a, k: f"{ma.group(1)}{n}"} for n in range(lo + 1, hi)]
