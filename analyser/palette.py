"""Every colour the app shows, each with its one meaning: the only place a colour is chosen.

Why one place: an officer who learns that a colour means "qualified" in the Matrix must not meet
the same colour meaning "proportionality" in the Measure view (issue 14 found three such pairs).
``tests/test_palette.py`` checks that no colour has two meanings, that meanings are far enough
apart to tell side by side, and that no other colour appears in the app's code or style sheet.

Each meaning has two colours (WCAG 2.2 AA):

- ``fill``: a light background under dark text (#111 on every fill is 12:1 or better, so text on
  it stays readable);
- ``edge``: the mark's border, underline or chart mark, at 3:1 or better against the white page
  (1.4.11, non-text contrast), so a mark is seen even where its pale fill is not.

Colour never speaks alone: every status carries a mark and a word, every qualifier its category
name, a search hit an underline, an insertion an underline and a deletion a strike-through.
A meaning may have no fill (``None``): insertions and deletions are told by their edge and line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    meaning: str
    fill: str | None  # light background under dark text, or None for a line-only mark
    edge: str  # border, underline or chart mark: at least 3:1 against the white page


PALETTE: dict[str, Colour] = {
    # Statuses (analyser/statuses.py): the Matrix cells, legends, the Measure view's status box.
    "status:applies": Colour("status: applies", "#bbf7d0", "#15803d"),
    "status:qualified": Colour("status: qualified", "#fde68a", "#b45309"),
    "status:exempt": Colour("status: exempt", "#e2e8f0", "#475569"),
    "status:unclear": Colour("status: unclear", "#f5d0fe", "#a21caf"),
    # Qualifier categories (highlight.py): marks in the text, their legend, the Overview chart.
    "category:feasibility": Colour("qualifier: feasibility", "#fecaca", "#b91c1c"),
    "category:exception": Colour("qualifier: exception", "#fed7aa", "#c2410c"),
    "category:proportionality": Colour("qualifier: proportionality", "#d9f99d", "#4d7c0f"),
    "category:discretion": Colour("qualifier: discretion", "#bfdbfe", "#1d4ed8"),
    "category:timing": Colour("qualifier: timing", "#99f6e4", "#0f766e"),
    "category:permissive": Colour("qualifier: permissive", "#ddd6fe", "#6d28d9"),
    "category:threshold": Colour("qualifier: threshold", "#fbcfe8", "#be185d"),
    "category:scope": Colour("qualifier: content scope", "#a5f3fc", "#0e7490"),
    "category:other": Colour("qualifier: a category of a user's own lexicon (dashed edge)", None, "#57534e"),
    # Search and comparison.
    "search-hit": Colour("a search hit", "#fff200", "#854d0e"),
    "inserted": Colour("text added in the newer edition (underlined)", None, "#3730a3"),
    "deleted": Colour("text removed from the older edition (struck through)", None, "#7c2d12"),
}

# Colours with no meaning of their own: text, rules and borders, and the single-series chart's
# bars (one series needs no key). No meaning above may use them.
NEUTRALS: dict[str, str] = {
    "#111111": "body text on fills",
    "#111": "body text on fills",
    "#374151": "borders, meta text, single-series chart bars",
    "#4b5563": "captions and citations (7.6:1)",
    "#e5e7eb": "table rules",
    "#ffffff": "the page",
    "#fff": "the page",
}


def colour(name: str) -> Colour:
    return PALETTE[name]


def category_colour(category: str) -> Colour:
    return PALETTE.get(f"category:{category}", PALETTE["category:other"])


def status_colour(status: str) -> Colour:
    """A status's colours; one this palette does not know (a newer analysis) gets a neutral edge."""
    return PALETTE.get(f"status:{status}") or Colour(f"status: {status}", None, "#374151")
