"""The qualifier lexicon: loading, checking and merging the TOML rules the qualifier pass matches.

Owns the rule data model (``LexiconEntry``, ``Lexicon`` with its fingerprint), the categories and
strength levels a rule may name, and ``load_lexicon``: the built-in ``analyser/data/lexicon.toml``
extended or overridden by a user's file. Every entry is checked when the file is loaded (keys,
category, patterns, dependency patterns, no regular expression that can hang), so a bad rule stops
with one line naming the file, never halfway through a document.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import spacy_light  # noqa: F401, I001  (before spaCy: imports it without its command line)
from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from . import safe_regex
from .errors import LexiconError
from .paths import PACKAGE_DATA

BUILTIN_LEXICON = PACKAGE_DATA / "lexicon.toml"

QUALIFIER_CATEGORIES: tuple[str, ...] = (
    "feasibility",
    "proportionality",
    "discretion",
    "timing",
    "permissive",
    "exception",
    "threshold",
)
SPECIAL_CATEGORIES = ("ignore", "strength")
STRENGTH_ORDER: tuple[str, ...] = ("must", "should", "should consider", "may")  # firmest first

# The node of a dependency pattern that marks the matched token.
MARK_NODE = "mark"


@dataclass
class LexiconEntry:
    id: str
    category: str
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    notes: str = ""
    level: str | None = None  # strength entries only
    priority: int = 0
    trained_only: bool = False  # skip on spacy.blank("en"): the entry only makes sense with POS/TAG
    # spaCy DependencyMatcher patterns; the node whose RIGHT_ID is "mark" is the matched span.
    # They need the parser, so they are used only on parsed sentences (never on spacy.blank).
    dep_patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    source: str = "builtin"


@dataclass
class Lexicon:
    entries: dict[str, LexiconEntry]
    sources: list[str]

    @property
    def fingerprint(self) -> str:
        blob = json.dumps(
            [(e.id, e.category, e.patterns, e.phrases, e.level, e.priority, e.trained_only, e.dep_patterns)
             for e in self.entries.values()],
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def by_category(self, category: str) -> list[LexiconEntry]:
        return [e for e in self.entries.values() if e.category == category]


def _parse_entries(data: dict[str, Any], source: Path) -> tuple[list[LexiconEntry], list[str]]:
    raw = data.get("entry", [])
    if not isinstance(raw, list):
        raise LexiconError(source, "'entry' must be an array of tables ([[entry]])")
    entries: list[LexiconEntry] = []
    disabled: list[str] = []
    allowed = {"id", "category", "pattern", "patterns", "phrases", "notes", "level", "priority", "disabled",
               "trained_only", "dep_patterns"}
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            raise LexiconError(source, f"entry {n} has no id")
        eid = item["id"].strip()
        unknown = set(item) - allowed
        if unknown:
            raise LexiconError(source, f"entry {eid!r} has unknown key(s): {', '.join(sorted(unknown))}")
        if item.get("disabled"):
            disabled.append(eid)
            continue
        category = item.get("category")
        if not isinstance(category, str) or not category.strip() or not category.replace("-", "").isalnum():
            raise LexiconError(source, f"entry {eid!r} needs a category (a single word)")
        for key in ("patterns", "phrases", "dep_patterns"):
            if not isinstance(item.get(key, []), list):
                raise LexiconError(source, f"entry {eid!r}: {key} must be a list")
        priority = item.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise LexiconError(source, f"entry {eid!r}: priority must be a whole number")
        patterns: list[list[dict[str, Any]]] = []
        if "pattern" in item:
            patterns.append(item["pattern"])
        patterns.extend(item.get("patterns", []))
        phrases = item.get("phrases", [])
        dep_patterns = item.get("dep_patterns", [])
        if not patterns and not phrases and not dep_patterns:
            raise LexiconError(source, f"entry {eid!r} has no pattern, patterns, phrases or dep_patterns")
        safe_regex.check_tree(item, source, f"entry {eid!r}", LexiconError)  # no REGEX that can hang
        for pat in dep_patterns:
            if not isinstance(pat, list) or not pat or not all(isinstance(t, dict) for t in pat):
                raise LexiconError(source, f"entry {eid!r}: a dependency pattern must be a non-empty list of node tables")
            if [t.get("RIGHT_ID") for t in pat].count(MARK_NODE) != 1:
                raise LexiconError(source, f"entry {eid!r}: each dependency pattern needs one node with RIGHT_ID = \"{MARK_NODE}\"")
            try:  # checked now, not when a sentence first needs the parser
                DependencyMatcher(Vocab(), validate=True).add(eid, [pat])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise LexiconError(source, f"entry {eid!r}: invalid dependency pattern ({exc})") from None
        for pat in patterns:
            if not isinstance(pat, list) or not pat or not all(isinstance(t, dict) for t in pat):
                raise LexiconError(source, f"entry {eid!r}: a pattern must be a non-empty list of token tables")
        if not all(isinstance(p, str) and p.strip() for p in phrases):
            raise LexiconError(source, f"entry {eid!r}: phrases must be non-empty strings")
        level = item.get("level")
        if category == "strength" and level not in STRENGTH_ORDER:
            raise LexiconError(source, f"strength entry {eid!r} needs level = one of {', '.join(STRENGTH_ORDER)}")
        entries.append(
            LexiconEntry(
                id=eid,
                category=category,
                patterns=patterns,
                phrases=list(phrases),
                notes=str(item.get("notes", "")),
                level=level,
                priority=int(item.get("priority", 0)),
                trained_only=bool(item.get("trained_only", False)),
                dep_patterns=list(dep_patterns),
                source=str(source),
            )
        )
    return entries, disabled


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LexiconError(path, "lexicon file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(path, f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise LexiconError(path, "not valid TOML (not UTF-8 text)") from None
    except OSError as exc:  # a folder, a device, no permission
        raise LexiconError(path, f"cannot read the lexicon ({(exc.strerror or type(exc).__name__).lower()})") from None


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, extended or overridden by the user's TOML file at ``path``.

    A user entry with the id of a built-in one replaces it; ``disabled = true`` removes it; new ids
    add entries. The file has the same format as ``analyser/data/lexicon.toml``.
    """
    entries, _ = _parse_entries(_read_toml(BUILTIN_LEXICON), BUILTIN_LEXICON)
    table = {e.id: e for e in entries}
    sources = [str(BUILTIN_LEXICON)]
    if path is not None:
        path = Path(path)
        user, disabled = _parse_entries(_read_toml(path), path)
        for eid in disabled:
            table.pop(eid, None)
        for e in user:
            table[e.id] = e
        sources.append(str(path))
    return Lexicon(entries=table, sources=sources)
