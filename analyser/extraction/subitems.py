"""Sub-items: the labelled list inside one paragraph ("(a)", "(i)", "1.", "a."), nested by
indentation and by the labels' own sequence, each with its span in the paragraph's text."""

from __future__ import annotations

import re

from ..models import SubItem
from ..pdftext import Line
from .headings import LineClassifier

_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def read_items(lines: list[Line], starts: list[int], text: str, classes: LineClassifier,
               item_hang: bool) -> list[SubItem]:
    """The sub-items of a paragraph of ``lines`` joined into ``text`` (line ``k`` starts at
    ``starts[k]``); ``item_hang``: the document wraps sub-items at their text indent."""
    labels = classes.p.item_labels
    roots: list[SubItem] = []
    stack: list[tuple[float, int, SubItem]] = []
    # (depth, item, start) in text order; item None: text that closes the list
    order: list[tuple[int, SubItem | None, int]] = []
    label_len: dict[int, int] = {}  # id(item) -> length of its label in the text
    # the paragraph's own text edge: where its lines before the first sub-item start (the
    # first line's only if it is the only one: its x after the number is an estimate)
    lead: list[float] = []
    for ln in lines:
        if classes.item_levels(ln.text):
            break
        lead.append(ln.x0)
    edge = min(lead[1:]) if len(lead) > 1 else (lead[0] if lead else None)
    for ln, start in zip(lines, starts):
        levels = classes.item_levels(ln.text)
        if not levels:
            # words back at the paragraph's edge after its sub-items close the list: they are
            # the paragraph's, not the last sub-item's. Told apart from a sub-item's wrapped
            # line when sub-items sit right of the edge, or when the document wraps sub-items
            # at their text indent (then no wrapped line returns to the label)
            if stack and edge is not None and ln.x0 <= edge + 2 and (
                stack[0][0] > edge + 3 or (item_hang and ln.x0 <= stack[0][0] + 2)
            ):
                stack.clear()
                order.append((0, None, start))
            continue
        x = ln.x0
        while stack and stack[-1][0] > x + 3:
            stack.pop()
        level = levels[0]
        if len(levels) > 1:  # "(i)" is a letter after "(h)" but a roman numeral after "(a)"
            first = labels[levels[0]].match(ln.text)
            label = first.group("label") if first else ""
            top = stack[-1] if stack else None
            if top and top[1] in levels and _next_label(top[2].label, label):
                level = top[1]  # carries on the list it sits in
            elif top and top[1] < max(levels):
                level = min(lv for lv in levels if lv > top[1])  # opens a list inside it
        mm = labels[level].match(ln.text)
        if _dotted(mm) and not _list_goes_on(stack, x, mm.group("label")):
            continue  # "18. The provider ..." wrapped to a line start: a number, not a list
        item = SubItem(label=f"({mm.group('label')})", text="", start=start, end=start)
        label_len[id(item)] = mm.end()
        # siblings: same indentation (and same numbering scheme when the layout is flat)
        while stack and abs(stack[-1][0] - x) <= 3 and stack[-1][1] != level and level < stack[-1][1]:
            stack.pop()
        if stack and abs(stack[-1][0] - x) <= 3 and stack[-1][1] == level:
            stack.pop()
        parent = stack[-1][2] if stack else None
        (parent.items if parent else roots).append(item)
        stack.append((x, level, item))
        order.append((len(stack), item, start))
    # ends: up to the next item at the same or a shallower depth, else the paragraph's end
    for k, (depth, item, _) in enumerate(order):
        if item is None:
            continue
        end = len(text)
        for depth2, _, start2 in order[k + 1:]:
            if depth2 <= depth:
                end = start2
                break
        seg = text[item.start:end].rstrip()
        item.end = item.start + len(seg)
        own_end = item.items[0].start if item.items else item.end
        item.text = text[item.start + label_len[id(item)]:own_end].strip()
    return roots


def _list_goes_on(stack: list, x: float, label: str) -> bool:
    """Whether a dotted label ("1.", "a.", "i.") starts a list or follows its sibling.

    Such a label at a line start is a list label only then: a sentence wrapped before "18."
    or "2024." must not open a sub-item. (Parenthesised labels need no such proof.)
    """
    sibling = next((item for sx, _, item in reversed(stack) if abs(sx - x) <= 3), None)
    if sibling is not None and _next_label(sibling.label, label):
        return True
    return label in ("1", "a", "i")


def _dotted(mm: re.Match) -> bool:
    """A label printed with a dot and no parenthesis ("1.", "a.", "ii.")."""
    return mm.group(0).endswith(".") and not mm.group(0).startswith("(")


def _next_label(prev: str, label: str) -> bool:
    """Whether ``label`` follows ``prev`` in a lettered, roman or numbered sequence."""
    prev = prev.strip("()")
    if prev.isdigit() and label.isdigit():
        return int(label) == int(prev) + 1
    if prev in _ROMANS and label in _ROMANS and _ROMANS.index(label) == _ROMANS.index(prev) + 1:
        return True
    if len(prev) == 1 and len(label) == 1 and prev.isalpha() and label.isalpha():
        return ord(label) == ord(prev) + 1
    return False
