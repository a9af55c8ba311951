"""The result model of a comparison of two editions: what ``compare`` returns and the renderers read.

Owns the dataclasses (word ops, text / paragraph / footnote diffs, qualifier and status changes,
measure references and matches, the ``Comparison`` itself with its counts, summary lines and dict
round trip) and ``CompareOptions``, the matcher's thresholds. No computation lives here, so the
renderers and the app's cache depend on this module alone.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .models import from_dict as _from_dict


@dataclass
class WordOp:
    """One step of a word-level diff: ``old``/``new`` are the words (space-joined) on each side."""

    op: str  # "equal" / "insert" / "delete" / "replace"
    old: str = ""
    new: str = ""


@dataclass
class TextDiff:
    """A word-level diff of two short texts (a title, an application clause)."""

    old: str
    new: str
    ops: list[WordOp] = field(default_factory=list)
    similarity: float = 1.0


@dataclass
class ParagraphDiff:
    """How one paragraph fared between editions.

    ``status``, first that applies: ``added`` / ``removed``; ``moved`` (its order among the other
    paragraphs changed; ``text_changed`` says whether it was reworded too); ``changed`` (reworded);
    ``renumbered`` (same words, new printed number because a paragraph before it was added or
    removed); ``unchanged``. Numbers are as printed; a paragraph of a renumbered measure keeps its
    place ("C5.2" → "C6.2") and is not renumbered, and synthetic numbers of unnumbered paragraphs
    ("7.6.p2") never count as renumbering.
    """

    status: str
    old_number: str | None
    new_number: str | None
    old_text: str = ""
    new_text: str = ""
    old_page: int | None = None
    new_page: int | None = None
    similarity: float = 1.0
    text_changed: bool = False
    moved: bool = False
    renumbered: bool = False
    is_application: bool = False
    refs_updated: bool = False  # the text differs only where a reference follows a renumbered measure
    ops: list[WordOp] = field(default_factory=list)


@dataclass
class FootnoteDiff:
    """A footnote of a matched measure added, removed or reworded.

    Footnotes are numbered through the whole document, so a footnote inserted early renumbers every
    later one: they are paired by text, never by number, and a new number alone is not a change.
    """

    status: str  # "added" / "removed" / "changed"
    old_number: str | None
    new_number: str | None
    old_text: str = ""
    new_text: str = ""
    paragraph: str | None = None  # the citing paragraph (new edition where it exists)
    similarity: float = 0.0
    ops: list[WordOp] = field(default_factory=list)


@dataclass
class QualifierChange:
    """A qualifier gained, lost, or changed (category or negation) in one measure."""

    change: str  # "gained" / "lost" / "changed"
    measure: str  # the measure's ID in the new edition (the old one if it exists only there)
    old_measure: str
    paragraph: str  # paragraph number in the edition where the qualifier is (new one for "changed")
    phrase: str
    category: str
    old_category: str | None = None
    negated: bool = False
    old_negated: bool | None = None
    page: int | None = None
    qualifier_sentence: str = ""  # the sentence of the document the phrase sits in
    summary: str = ""  # e.g. "ICU C2: C2.3 gained 'where technically feasible' (feasibility)"


@dataclass
class MeasureMatch:
    old_id: str
    new_id: str
    how: str  # "id" or "similarity"
    similarity: float
    old_title: str = ""
    new_title: str = ""


@dataclass
class ArchetypeStatus:
    archetype: str
    status: str
    reason: str = ""


@dataclass
class MeasureRef:
    """An added or removed measure, with where it is and whom it concerns."""

    id: str
    title: str
    chapter: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    application: str = ""
    statuses: list[ArchetypeStatus] = field(default_factory=list)

    @property
    def pages(self) -> str:
        """Page citation: "p. 22" or "pp. 15–16"."""
        if self.page_start is None:
            return ""
        if self.page_end is None or self.page_end == self.page_start:
            return f"p. {self.page_start}"
        return f"pp. {self.page_start}–{self.page_end}"


@dataclass
class MeasureChange:
    """A matched measure whose title, paragraphs or application changed."""

    old_id: str
    new_id: str
    similarity: float
    title: TextDiff | None = None  # set only when the title changed
    application: TextDiff | None = None  # set only when the application wording changed
    old_condition: str | None = None
    new_condition: str | None = None
    paragraphs: list[ParagraphDiff] = field(default_factory=list)  # every paragraph, in new order
    footnotes: list[FootnoteDiff] = field(default_factory=list)  # only footnotes that changed
    qualifier_changes: list[QualifierChange] = field(default_factory=list)
    old_pages: list[int] = field(default_factory=list)
    new_pages: list[int] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        return self.old_id != self.new_id

    @property
    def changed_paragraphs(self) -> list[ParagraphDiff]:
        return [p for p in self.paragraphs if p.status != "unchanged"]


@dataclass
class StatusChange:
    """A measure whose status for one archetype differs between the editions."""

    archetype: str  # key, e.g. "large-e2ee-messaging"
    old_id: str
    new_id: str
    old_status: str
    new_status: str
    old_reason: str = ""
    new_reason: str = ""
    archetype_title: str = ""  # e.g. "Large end-to-end encrypted messaging service"
    summary: str = ""  # e.g. "Large end-to-end encrypted messaging service: ICU C9 applies → qualified"


@dataclass
class CodeRef:
    """Which document each side is, so a rendered comparison cites its sources."""

    title: str
    short_name: str
    family: str
    version: str | None
    source_file: str
    sha256: str
    sample: bool = False

    @property
    def label(self) -> str:
        """Short name an officer recognises: "ICU sample", "ICU (24 Feb 2025)"."""
        label = self.short_name + (" sample" if self.sample else "")
        return f"{label} ({self.version})" if self.version and not self.sample else label

    @property
    def heading(self) -> str:
        """Label with the printed edition, for report titles: "ICU sample, edition 2"."""
        return f"{self.label}, {self.version}" if self.version and self.sample else self.label


@dataclass
class Comparison:
    old: CodeRef
    new: CodeRef
    comparable: bool = True
    message: str = ""
    matches: list[MeasureMatch] = field(default_factory=list)  # every matched pair, in new order
    added: list[MeasureRef] = field(default_factory=list)
    removed: list[MeasureRef] = field(default_factory=list)
    renumbered: list[MeasureMatch] = field(default_factory=list)
    changed: list[MeasureChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # new IDs of matched measures with no change
    qualifier_changes: list[QualifierChange] = field(default_factory=list)  # all measures, flattened
    application_changes: list[MeasureChange] = field(default_factory=list)  # subset of ``changed``
    applicability_changes: list[StatusChange] = field(default_factory=list)
    archetypes: list[str] = field(default_factory=list)  # keys of the archetypes evaluated
    archetype_titles: dict[str, str] = field(default_factory=dict)  # key -> human title
    warnings: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added or self.removed or self.renumbered or self.changed or self.applicability_changes
        )

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "renumbered": len(self.renumbered),
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "paragraphs_changed": sum(len(c.changed_paragraphs) for c in self.changed),
            "footnotes_changed": sum(len(c.footnotes) for c in self.changed),
            "qualifier_changes": len(self.qualifier_changes),
            "application_changes": len(self.application_changes),
            "applicability_changes": len(self.applicability_changes),
        }

    def change_for(self, measure_id: str) -> MeasureChange | None:
        """The change record of a measure, looked up by its old or new ID."""
        return next((c for c in self.changed if measure_id in (c.new_id, c.old_id)), None)

    def summary_lines(self) -> list[str]:
        """One plain sentence per finding, in the order an officer would read them."""
        if not self.comparable:
            return [self.message]
        lines: list[str] = []
        lines += [f"Added: {m.id} {m.title}" for m in self.added]
        lines += [f"Removed: {m.id} {m.title}" for m in self.removed]
        lines += [
            f"Renumbered: {r.old_id} → {r.new_id} (similarity {r.similarity:.2f})" for r in self.renumbered
        ]
        for c in self.changed:
            parts = []
            if c.title:
                parts.append("title")
            n = len(c.changed_paragraphs)
            if n:
                parts.append(f"{n} paragraph{'s' if n != 1 else ''}")
            if c.application:
                parts.append("application")
            if c.footnotes:
                parts.append(f"{len(c.footnotes)} footnote{'s' if len(c.footnotes) != 1 else ''}")
            if parts:
                lines.append(f"Changed: {c.new_id} ({', '.join(parts)})")
        lines += [q.summary for q in self.qualifier_changes]
        lines += [s.summary for s in self.applicability_changes]
        if not lines:
            lines.append("No changes.")
        return lines

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["counts"] = self.counts()
        data["has_changes"] = self.has_changes
        for side in ("old", "new"):
            data[side]["label"] = getattr(self, side).label
            data[side]["heading"] = getattr(self, side).heading
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        """Rebuild from ``to_dict()`` output (derived keys are ignored), e.g. for the app's cache."""
        return _from_dict(cls, data)


@dataclass
class CompareOptions:
    """Thresholds of the matcher; defaults suit codes of practice, callers may tighten them."""

    measure_threshold: float = 0.6  # similarity for pairing measures with different IDs
    id_margin: float = 0.15  # an unpaired measure this much more similar breaks an ID match
    paragraph_threshold: float = 0.6  # similarity for pairing paragraphs with different numbers
    paragraph_same_number: float = 0.3  # similarity needed to keep a same-number pairing early
