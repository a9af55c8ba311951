"""Dataclass trees to plain JSON data and back to text, at C speed where the standard library allows.

Why: a cached open of an 874-page code spent most of its time in ``dataclasses.asdict`` (which
deep-copies every leaf) and in ``json.dumps(indent=2)`` (indentation makes the standard library
fall back from its C encoder to the pure-Python one). ``asdict`` here gives the same dicts without
the copies; ``dumps_readable`` keeps the CLI's JSON readable (one key, or one list element, per
line at the top two levels) while every element is encoded by the C encoder.
"""

from __future__ import annotations

import functools
import json
from typing import Any


@functools.lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    import dataclasses  # here, not above: a cached open writes stored text and needs none of it

    return tuple(f.name for f in dataclasses.fields(cls))


def asdict(obj: Any) -> Any:
    """``dataclasses.asdict`` for trees of dataclasses, lists, tuples, dicts and immutable leaves."""
    cls = type(obj)
    if cls in (str, int, float, bool) or obj is None:
        return obj
    if hasattr(cls, "__dataclass_fields__"):
        return {name: asdict(getattr(obj, name)) for name in _names(cls)}
    if cls is list:
        return [asdict(v) for v in obj]
    if cls is dict:
        return {asdict(k): asdict(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        items = [asdict(v) for v in obj]
        return cls(*items) if hasattr(obj, "_fields") else cls(items)
    return obj  # anything else is a leaf (a dataclass is caught above by its __dataclass_fields__)


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), default=str)


def dumps_readable(data: Any) -> str:
    """JSON text of ``data``: a top-level object gets one key per line, a top-level list value one
    element per line, each element encoded in one piece by the C encoder."""
    enc = _COMPACT.encode
    if not isinstance(data, dict):
        return enc(data)
    parts = []
    for key, value in data.items():
        head = f"  {enc(str(key))}: "
        if isinstance(value, list) and value:
            inner = ",\n".join(f"    {enc(v)}" for v in value)
            parts.append(f"{head}[\n{inner}\n  ]")
        else:
            parts.append(head + enc(value))
    return "{\n" + ",\n".join(parts) + "\n}" if parts else "{}"


def top_level_span(text: str, key: str) -> tuple[Any, int, int] | None:
    """The value of ``key`` in a ``dumps_readable`` object's text, and where it starts and ends, read
    without parsing the rest (``None`` when the key is not there).

    Exact, not a guess: each top-level key opens a line of its own with two spaces of indent, and
    every newline inside a value is either escaped (in a string) or followed by four spaces."""
    at = text.find(f"\n  {_COMPACT.encode(key)}: ")
    if at < 0:
        return None
    start = text.index(": ", at) + 2
    value, end = _DECODER.raw_decode(text, start)
    return value, start, end


def replace_top_level(text: str, key: str, value: Any) -> str:
    """``dumps_readable`` of the object ``text`` encodes, with ``key`` set to ``value`` (``key`` present
    and not a non-empty list: it is encoded on its line in one piece, as ``dumps_readable`` does)."""
    found = top_level_span(text, key)
    if found is None or (isinstance(value, list) and value):
        raise ValueError(f"cannot replace {key!r} in place")
    _, start, end = found
    return text[:start] + _COMPACT.encode(value) + text[end:]


def stored_head(text: str) -> dict | None:
    """The ``code`` head of a stored analysis in ``dumps_readable``'s layout, or ``None`` when the text
    is not one (``cache.get_dict``'s check, without parsing the measures: an object with a ``code``
    dict and a ``measures`` key, ending where the object ends)."""
    if not (text.startswith("{\n  ") and text.endswith("\n}") and '\n  "measures": ' in text):
        return None
    try:
        found = top_level_span(text, "code")
    except ValueError:  # the head itself does not decode
        return None
    return found[0] if found is not None and isinstance(found[0], dict) else None


def renamed(text: str, source_file: str) -> str | None:
    """A stored analysis (``dumps_readable`` text) as opened under another file name: its head's
    ``source_file`` set, the rest as stored; ``None`` when the text is not in that layout. One function
    for the pipeline's cached open and the one before argparse (``cli_cached``): the same bytes out."""
    head = stored_head(text)
    if head is None:
        return None
    head["source_file"] = source_file
    return replace_top_level(text, "code", head)


_DECODER = json.JSONDecoder()
