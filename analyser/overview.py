"""A code at a glance: measures per chapter, qualifiers per chapter and category, and the measures
ranked by loophole risk.

The app's Overview, the CLI's ``overview`` command and the tests read the same figures from here.
They are plain lists of dataclasses: the Overview is the app's first page, and building it must not
wait for pandas or Altair to import (together about 0.6 s of a cold start).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .models import Code

RISK_ORDER = {"high": 0, "medium": 1, "low": 2, "none": 3, "": 4}
NO_CHAPTER = "–"


@dataclass(frozen=True)
class ChapterCount:
    chapter: str
    title: str
    measures: int


@dataclass(frozen=True)
class QualifierCount:
    chapter: str
    category: str
    qualifiers: int


@dataclass(frozen=True)
class RiskRow:
    measure: str
    title: str
    loophole_risk: str  # "" when the measure was never flagged
    why: str
    qualifiers: int


@dataclass
class Overview:
    measures: int
    paragraphs: int
    qualifiers: int
    high_risk: int
    chapters: list[ChapterCount] = field(default_factory=list)
    qualifier_counts: list[QualifierCount] = field(default_factory=list)
    ranking: list[RiskRow] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def summarise(code: Code) -> Overview:
    """The Overview's figures. Chapters keep the document's order (a reader's order, not an
    alphabet's); the ranking puts high risk first, then more qualifiers, then document order."""
    chapters: dict[str, list] = {}
    for m in code.measures:
        entry = chapters.setdefault(m.chapter or NO_CHAPTER, [m.chapter_title or "", 0])
        entry[1] += 1
    chapter_of = {m.id: m.chapter or NO_CHAPTER for m in code.measures}
    counts: dict[tuple[str, str], int] = {}
    for m in code.measures:
        for q in m.qualifiers:
            key = (chapter_of.get(q.measure, NO_CHAPTER), q.category)
            counts[key] = counts.get(key, 0) + 1
    ranking = []
    for m in code.measures:
        s = m.qualifier_summary
        ranking.append(RiskRow(m.id, m.title, s.loophole_risk if s else "", "; ".join(s.reasons) if s else "",
                               sum(s.counts.values()) if s else len(m.qualifiers)))
    ranking.sort(key=lambda r: (RISK_ORDER.get(r.loophole_risk, 4), -r.qualifiers))
    return Overview(
        measures=len(code.measures),
        paragraphs=sum(len(m.paragraphs) for m in code.measures),
        qualifiers=sum(len(m.qualifiers) for m in code.measures),
        high_risk=sum(1 for r in ranking if r.loophole_risk == "high"),
        chapters=[ChapterCount(c, t, n) for c, (t, n) in chapters.items()],
        qualifier_counts=[QualifierCount(c, cat, counts[c, cat])
                          for c, cat in sorted(counts, key=lambda k: (list(chapters).index(k[0]), k[1]))],
        ranking=ranking,
    )
