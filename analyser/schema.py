"""The JSON Schema (draft 2020-12) of the ``extract`` JSON, generated from ``models.py``.

The schema is derived from the dataclasses' type hints, docstrings and field comments rather
than written by hand, so that it cannot drift from what ``Code.to_dict()`` emits: regenerate it
with ``python -m analyser.schema > docs/code.schema.json``; a test fails when the committed file
and the generated one differ.

Every field is required because ``dataclasses.asdict`` always writes every field, and no other
property is allowed, so a consumer validating against the schema learns of any change.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import sys
import tokenize
import types
import typing
from typing import Any

from . import models

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
ROOT = models.Code
# ``Code.to_dict`` renames the ``info`` field to ``code`` at the top level.
ROOT_RENAMES = {"info": "code"}

_SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def build_schema() -> dict[str, Any]:
    """The whole schema as a dict: the root object plus one ``$defs`` entry per dataclass."""
    defs: dict[str, dict[str, Any]] = {}
    root = _object_schema(ROOT, defs, renames=ROOT_RENAMES)
    root.pop("title", None)
    return {
        "$schema": SCHEMA_URI,
        "title": "Code of Practice Analyser: extract JSON",
        "description": (
            "The structure of one analysed code of practice, as written by "
            "`python -m analyser extract CODE.pdf --format json` and by `Code.to_dict()`. "
            "Generated from analyser/models.py by `python -m analyser.schema`; do not edit by hand. "
            + root.pop("description", "")
        ).strip(),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object_schema(cls: type, defs: dict[str, dict[str, Any]], renames: dict[str, str] | None = None) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    comments = _field_comments(cls)
    properties: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        prop = dict(_type_schema(hints[f.name], defs))
        if f.name in comments:
            prop = {"description": comments[f.name], **prop}
        if f.default is not dataclasses.MISSING and isinstance(f.default, (str, int, float, bool)):
            prop["default"] = f.default
        properties[(renames or {}).get(f.name, f.name)] = prop
    schema: dict[str, Any] = {"title": cls.__name__}
    doc = _docstring(cls)
    if doc:
        schema["description"] = doc
    schema.update(
        {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
    )
    return schema


def _type_schema(tp: Any, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if tp is Any:
        return {}
    if tp in _SCALARS:
        return {"type": _SCALARS[tp]}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: the model is recursive (SubItem, Condition)
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args]
        if all(set(o) == {"type"} for o in options):
            kinds: list[str] = []
            for o in options:
                kinds += o["type"] if isinstance(o["type"], list) else [o["type"]]
            return {"type": kinds}
        return {"anyOf": options}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        if args and args[0] is not str:
            raise TypeError(f"JSON object keys must be strings, not {args[0]!r}")
        value = _type_schema(args[1], defs) if args else {}
        return {"type": "object", "additionalProperties": value}
    raise TypeError(f"no JSON Schema mapping for {tp!r}: extend analyser/schema.py")


def _docstring(cls: type) -> str:
    doc = cls.__doc__ or ""
    if doc.startswith(f"{cls.__name__}("):  # the signature dataclasses writes when there is none
        return ""
    return " ".join(inspect.cleandoc(doc).split())


def _field_comments(cls: type) -> dict[str, str]:
    """The trailing ``# comment`` of each field line in the class body, as its description."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    by_line: dict[int, list[tokenize.TokenInfo]] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        by_line.setdefault(tok.start[0], []).append(tok)
    fields = {f.name for f in dataclasses.fields(cls)}
    comments = {}
    for toks in by_line.values():
        meaningful = [t for t in toks if t.type not in (tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.NEWLINE)]
        if (
            len(meaningful) >= 3
            and meaningful[0].type == tokenize.NAME
            and meaningful[0].string in fields
            and meaningful[1].string == ":"
            and meaningful[-1].type == tokenize.COMMENT
        ):
            comments[meaningful[0].string] = meaningful[-1].string.lstrip("#").strip()
    return comments


def render() -> str:
    """The schema as the exact text committed in ``docs/code.schema.json``."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
