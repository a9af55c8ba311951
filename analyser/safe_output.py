"""The one escaping rule for everything the analyser writes: CSV cells, Markdown and HTML.

A code's text comes from a PDF that anyone can write, and a service or profile name from a file
anyone can edit. So every writer (the CLI's CSV and Markdown, the exports, the comparison
renderers) passes such text through here, and nothing else decides what is safe:

* CSV: a cell a spreadsheet would evaluate (``=HYPERLINK(...)``, ``+1+1``, ``-2+3``, ``@SUM(...)``)
  starts with an apostrophe, also when the formula sign comes after leading spaces or line breaks
  (" =1+1", "\\n=1+1"), which LibreOffice and Excel strip before evaluating; a leading tab or
  carriage return counts too (OWASP's list).
* Markdown: HTML is escaped (``<script>``, ``<img onerror>``, entities), and the characters that
  make links, images, emphasis, code and table cells are backslash-escaped, so ``[x](javascript:..)``
  or ``<javascript:..>`` shows as written and never becomes a link. Line breaks become spaces: a
  line that starts inside document text could otherwise open a heading, a quote or a list.
* HTML: ``html.escape`` with quotes, for text and attribute values alike.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

_FORMULA_SIGNS = ("=", "+", "-", "@")
_FORMULA_LEADS = ("\t", "\r", "\n")
_BLANK = " \t\r\n\f\v\u00a0"
# "(" and ")" need no escape: without "[" and "]" they cannot make a link, and escaping them
# would litter every "(a)" and "(p. 3)" with backslashes
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\f\v]+")


def csv_cell(value: Any) -> Any:
    """``value`` made inert for a spreadsheet; non-text values are returned as they are."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_FORMULA_LEADS) or value.lstrip(_BLANK).startswith(_FORMULA_SIGNS):
        return "'" + value
    return value


def markdown(text: Any) -> str:
    """Document or user text shown as written inside Markdown (HTML and link syntax neutralised)."""
    if text is None:
        return ""
    escaped = _html.escape(str(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", escaped))


def html(text: Any) -> str:
    """Text (or an attribute value) for HTML."""
    return _html.escape("" if text is None else str(text), quote=True)
