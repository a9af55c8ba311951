"""Text as the comparison sees it: what counts as "the same text", word similarity and word diffs.

Owns the normalisation (Unicode NFKC, collapsed whitespace, hyphens inside words ignored, so that
ligatures, reflowed lines and a line-end hyphen one edition kept never count as edits), the word
keys every other comparison module compares by, ``similarity`` and the word-level ``word_diff``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence

from .compare_model import TextDiff, WordOp


_WS = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """NFKC (ligatures, non-breaking spaces) and collapsed whitespace: what counts as "the same text"."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


# A hyphen (or soft hyphen) between two letters. Where a line breaks inside a word, the same word
# can come out of a PDF as "repor-ted" in one edition and "reported" in the next, and the text layer
# cannot always say whether the hyphen was printed: such a hyphen is never an edit.
_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010](?=[^\W\d_])")


def _tokens(text: str) -> list[str]:
    """Words as printed (whitespace-separated, after normalisation)."""
    norm = normalise(text)
    return norm.split(" ") if norm else []


def _key(token: str) -> str:
    """What a word is compared by: intra-word hyphens and soft hyphens removed."""
    return _WORD_HYPHEN.sub("", token).replace("\u00ad", "")


def _words(text: str) -> list[str]:
    """Comparison keys of the words of ``text``: equal lists mean "the same text" for this module."""
    return [_key(t) for t in _tokens(text)]


def same_text(a: str | None, b: str | None) -> bool:
    """True when two texts differ at most in whitespace, ligatures and intra-word hyphens."""
    return _words(a or "") == _words(b or "")


def similarity(a: str | Sequence[str], b: str | Sequence[str]) -> float:
    """Word-level similarity in [0, 1] (``SequenceMatcher.ratio`` over word tokens).

    Words rather than characters: it is faster on paragraphs and is not fooled by texts that share
    letters but not wording.
    """
    wa = _words(a) if isinstance(a, str) else list(a)
    wb = _words(b) if isinstance(b, str) else list(b)
    if not wa and not wb:
        return 1.0
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level diff of two texts as equal / insert / delete / replace ops.

    Words are matched by their comparison keys but reported as printed, so an ``equal`` op may carry
    "repor-ted" on the old side and "reported" on the new.
    """
    a, b = _tokens(old), _tokens(new)
    ka, kb = [_key(t) for t in a], [_key(t) for t in b]
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        ops.append(WordOp(op=tag, old=" ".join(a[i1:i2]), new=" ".join(b[j1:j2])))
    return ops


def _text_diff(old: str, new: str, rewrite: Callable[[str], str] | None = None) -> TextDiff | None:
    """A ``TextDiff`` when the texts differ after normalisation (and reference rewriting), else None."""
    if same_text(rewrite(old) if rewrite else old, new):
        return None
    return TextDiff(old=normalise(old), new=normalise(new), ops=word_diff(old, new), similarity=similarity(old, new))
