"""Refuse user regular expressions that can backtrack catastrophically.

A code profile's heading pattern and a lexicon's ``REGEX`` token patterns are written by users and
run on every line of a document. Python's ``re`` cannot be interrupted while it matches, so a
pattern such as ``(\\w+\\s?)+x$`` or ``(a+)+$``, which takes exponential time on a line that almost
matches, would hang the analysis with no limit. Such patterns are refused when the file is loaded,
with one line naming the file, the place and the pattern.

The rule is the usual cause of catastrophic backtracking: a quantifier that may repeat (``*``,
``+``, ``{2,}``) around something that itself contains a repeating quantifier. Possessive
quantifiers (``*+``, ``++``) and atomic groups (``(?>...)``) never backtrack, so they are allowed:
they are the way to rewrite a refused pattern. The check reads the pattern's parse tree, so it is
exact about what is inside what, and costs microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def problem(pattern: str) -> str | None:
    """Why ``pattern`` is unsafe to run on untrusted text, or ``None`` when it is safe."""
    try:
        tree = _p.parse(pattern)
    except (re.error, OverflowError, RecursionError) as err:
        return f"is not a valid regular expression ({err})"
    nested = _nested(tree, inside_repeat=False)
    if nested:
        return (f"has a repeat inside a repeat ({nested}), which can take exponential time on a line that "
                "almost matches; rewrite it without the inner repeat, or make one possessive (*+, ++)")
    return None


def check(pattern: Any, source: str | Path | None, where: str, error: Callable[[str | Path | None, str], Exception]) -> None:
    """Raise ``error(source, cause)`` when ``pattern`` (a string) is unsafe; other types are left to the
    loader's own checks."""
    if not isinstance(pattern, str):
        return
    cause = problem(pattern)
    if cause:
        shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
        raise error(source, f"the regular expression in {where} ({shown!r}) {cause}")


def check_tree(value: Any, source: str | Path | None, where: str, error: Callable[[str | Path | None, str], Exception]) -> None:
    """``check`` every ``REGEX`` value in a spaCy pattern tree (lists and tables nested any way)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key == "REGEX":
                    check(sub, source, where, error)
                else:
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)


def _nested(items: Any, inside_repeat: bool) -> str | None:
    """A short description of the first repeat found inside a repeat, or ``None``."""
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            repeats = hi > 1
            if repeats and inside_repeat:
                return _describe(op, av)
            if repeats and _fenced(sub):
                continue  # each round opens with a character no inner repeat can take: no ambiguity
            found = _nested(sub, inside_repeat or repeats)
            if found:
                return found
        elif op == _POSSESSIVE or op == _ATOMIC:
            continue  # never backtracks into itself
        elif op == _c.SUBPATTERN:
            found = _nested(av[-1], inside_repeat)
            if found:
                return found
        elif op == _c.BRANCH:
            for branch in av[1]:
                found = _nested(branch, inside_repeat)
                if found:
                    return found
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _nested(av[1], inside_repeat)
            if found:
                return found
        elif op == _c.GROUPREF_EXISTS:
            for sub in av[1:]:
                if sub is not None:
                    found = _nested(sub, inside_repeat)
                    if found:
                        return found
    return None


# characters tried when asking whether two character classes overlap: all of Latin-1 and a few more
_PROBE = [chr(i) for i in range(256)] + list("\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00a0\u3000\u0660")


def _fenced(body: Any) -> bool:
    """Whether a repeated group's body opens with one mandatory character (not itself repeated) whose
    class no repeat inside the body can match: ``(?:\\.\\d+)*``, ``(?:,\\s*\\w+)*``.

    Then every round starts at a character only the opening can take, so the rounds can be split
    in one way only and the inner repeats cannot multiply the ways to fail.
    """
    body = list(body)
    while body and body[0][0] == _c.SUBPATTERN:  # "((\\.)\\d+)": look inside a leading group
        inner = list(body[0][1][-1])
        body = inner + body[1:]
    if not body:
        return False
    first = _char_test(body[0])
    if first is None:
        return False
    opening = [c for c in _PROBE if first(c)]
    for test in _inner_repeats(body[1:]):
        if test is None or any(test(c) for c in opening):
            return False
    return True


def _inner_repeats(items: Any):
    """The character test of every repeating item inside ``items`` (``None`` for a repeat of more
    than one character, which could match anything as far as this check knows)."""
    for op, av in items:
        if op in _REPEATS or op == _POSSESSIVE:
            lo, hi, sub = av
            if hi > 1:
                sub = list(sub)
                yield _char_test(sub[0]) if len(sub) == 1 else None
            yield from _inner_repeats(sub)
        elif op == _c.SUBPATTERN:
            yield from _inner_repeats(av[-1])
        elif op == _c.BRANCH:
            for branch in av[1]:
                yield from _inner_repeats(branch)
        elif op == _ATOMIC:
            yield from _inner_repeats(av)


_CATEGORIES = {
    _c.CATEGORY_DIGIT: str.isdigit,
    _c.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _c.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _c.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _char_test(item: tuple) -> Callable[[str], bool] | None:
    """A predicate for the characters one single-character item matches; ``None`` for anything else."""
    op, av = item
    if op == _c.LITERAL:
        return lambda c: c == chr(av)
    if op == _c.NOT_LITERAL:
        return lambda c: c != chr(av)
    if op == _c.ANY:
        return lambda c: c != "\n"
    if op == _c.IN:
        tests = []
        negate = False
        for sub_op, sub_av in av:
            if sub_op == _c.NEGATE:
                negate = True
            elif sub_op == _c.LITERAL:
                tests.append(lambda c, v=sub_av: c == chr(v))
            elif sub_op == _c.RANGE:
                tests.append(lambda c, lo=sub_av[0], hi=sub_av[1]: lo <= ord(c) <= hi)
            elif sub_op == _c.CATEGORY and sub_av in _CATEGORIES:
                tests.append(_CATEGORIES[sub_av])
            else:
                return None
        return (lambda c: not any(t(c) for t in tests)) if negate else (lambda c: any(t(c) for t in tests))
    return None


def _describe(op: Any, av: tuple) -> str:
    lo, hi, _ = av
    if hi == _c.MAXREPEAT:
        return "'*'" if lo == 0 else ("'+'" if lo == 1 else f"'{{{lo},}}'")
    return f"'{{{lo},{hi}}}'"
