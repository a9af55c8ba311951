"""The data model shared by every stage of the pipeline.

Every stage (extract, flag, resolve applicability, evaluate, compare) reads and writes these
dataclasses, and nothing else, so that the CLI, the app and the cache all see one shape. The
JSON form is ``dataclasses.asdict`` of these objects; ``from_dict`` rebuilds them so that a
cached analysis comes back as the same objects a fresh one would give.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["applies", "exempt", "qualified", "unclear"]
Strength = Literal["must", "should", "may", "should consider", "none"]


@dataclass
class SubItem:
    """A lettered or numbered sub-item such as "(a)" or "(ii)" inside a paragraph.

    ``start``/``end`` are character offsets into the owning paragraph's ``text`` so that a
    qualifier found by offset can be placed in its sub-item without re-searching.
    """

    label: str
    text: str
    start: int = 0
    end: int = 0
    items: list[SubItem] = field(default_factory=list)


@dataclass
class Footnote:
    number: str
    text: str
    page: int
    paragraph: str | None = None  # number of the paragraph whose text carries the marker


@dataclass
class CrossRef:
    """A reference from a paragraph to another measure or paragraph ("see ICU C1", "paragraph D2.4")."""

    source_paragraph: str
    target: str  # a measure ID ("ICU C1") or a paragraph number ("D2.4")
    kind: Literal["measure", "paragraph"]
    text: str  # the words as printed


@dataclass
class Paragraph:
    """A numbered paragraph ("C9.1"); ``text`` is the whole paragraph, sub-items included inline."""

    number: str
    text: str
    page: int
    page_end: int | None = None
    items: list[SubItem] = field(default_factory=list)
    footnote_refs: list[str] = field(default_factory=list)
    is_application: bool = False
    strength: str = "none"  # filled by the qualifier pass: must / should / may / should consider / none


@dataclass
class Qualifier:
    """One qualifying phrase, with enough context to cite it and to say why it was flagged."""

    measure: str
    paragraph: str
    page: int
    phrase: str
    start: int  # offsets into Paragraph.text
    end: int
    sentence: str
    category: str
    rule: str
    item: str | None = None  # sub-item label path, e.g. "(b)(ii)"
    qualifies: str | None = None  # governing obligation, from the dependency parse when available
    negated: bool = False
    in_application: bool = False
    in_core_obligation: bool = False


@dataclass
class QualifierSummary:
    counts: dict[str, int] = field(default_factory=dict)
    loophole_risk: str = "none"  # "high" / "medium" / "low" / "none", defined in the README
    reasons: list[str] = field(default_factory=list)


@dataclass
class Condition:
    """A node of an application condition tree.

    ``op`` is "and" / "or" / "not" (with ``args``), "at_least" (``params.n`` of ``args`` hold),
    "agree" (two readings of one measure, the application text's and the index table's: decided
    only where they give the same answer) or "atom" (with ``atom`` and ``params``).
    Atoms: all, large, users_over{n}, multi_risk, low_risk, risk{harm, min}, feature{name} (with like and
    said where the feature was read from the drafter's own words as nearest to the profile's wording like),
    kind{kind}, search_type{type}, measure{id} (that measure applies), unknown{text} (words that
    were not understood: never true, never false). See analyser/conditions.py for the vocabulary.
    """

    op: str
    args: list[Condition] = field(default_factory=list)
    atom: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Applicability:
    text: str  # application wording as printed
    condition: Condition | None = None
    confidence: float = 0.0
    unparsed: list[str] = field(default_factory=list)  # fragments not understood (never dropped)
    scope: list[str] = field(default_factory=list)  # content scope, e.g. "content communicated publicly"
    index_applies_to: str | None = None
    warnings: list[str] = field(default_factory=list)
    # which wording ``condition`` comes from: "text" (the measure's own application text), "index"
    # (the code's index table, because the text was not fully understood) or "both" (they differ,
    # so only services for which they agree get a confident answer)
    decided_by: str = "text"


@dataclass
class Measure:
    id: str  # "ICU C9"; "Measure 7.6" style codes use "GPAI 7.6"
    number: str  # local number as printed: "C9", "7.6"
    title: str
    chapter: str | None
    chapter_title: str | None
    page_start: int
    page_end: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    application: str = ""
    application_paragraphs: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    cross_refs: list[CrossRef] = field(default_factory=list)
    qualifiers: list[Qualifier] = field(default_factory=list)
    qualifier_summary: QualifierSummary | None = None
    applicability: Applicability | None = None
    warnings: list[str] = field(default_factory=list)

    def paragraph(self, number: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class IndexRow:
    id_text: str  # as printed: "ICU D11-D13"
    ids: list[str]  # expanded: ["ICU D11", "ICU D12", "ICU D13"]
    title: str
    applies_to: str
    page: int


@dataclass
class Reconciliation:
    missing_from_body: list[str] = field(default_factory=list)  # in the index, not found as measures
    missing_from_index: list[str] = field(default_factory=list)  # measures absent from the index


@dataclass
class ParseWarning:
    message: str
    page: int | None = None
    measure: str | None = None
    # "damage" (text may have been lost: a stream that would not decompress, a gap in the measure
    # sequence, a heading taken for a running header) or "routine"; damage is listed first
    severity: str = "routine"


@dataclass
class CodeInfo:
    title: str
    publisher: str | None
    family: str  # "ofcom-osa" / "eu-gpai" / ...
    short_name: str  # "ICU"
    kind: str  # service kind the code is for: "u2u" / "search" / "any"
    version: str | None
    source_file: str
    sha256: str
    page_count: int
    profile: str
    sample: bool = False  # True for documents this project wrote: never official text
    analyser_version: str = ""
    # the profile's [services] table: whom the whole code covers, its service kinds, features,
    # harms, thresholds and how risk is counted; kept with the code so that a cached analysis
    # is evaluated under the rules it was made with
    services: dict[str, Any] = field(default_factory=dict)
    # the line under the title on the title page ("Safety and Security Chapter"): which chapter or code of a larger
    # whole this document is, when it says so only there; empty when there is none
    subtitle: str = ""


@dataclass
class Code:
    info: CodeInfo
    measures: list[Measure] = field(default_factory=list)
    index: list[IndexRow] = field(default_factory=list)
    reconciliation: Reconciliation = field(default_factory=Reconciliation)
    warnings: list[ParseWarning] = field(default_factory=list)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def resolve(self, target: str) -> tuple[Measure, Paragraph | None] | None:
        """A cross-reference target ("ICU C1", "C1" or paragraph "D2.4") -> its measure, and the
        paragraph when a paragraph was named. One resolver, so the graph and the app agree."""
        found = self.measure(target) or next((m for m in self.measures if m.number == target), None)
        if found:
            return found, None
        for m in self.measures:
            para = m.paragraph(target)
            if para:
                return m, para
        return None

    def to_dict(self) -> dict[str, Any]:
        from .plain import asdict  # dataclasses.asdict's output without its deep copies (6x faster)

        data = asdict(self)
        data["code"] = data.pop("info")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Code:
        data = dict(data)
        data["info"] = data.pop("code")
        return from_dict(cls, data)


@dataclass
class AtomResult:
    """How one atom of a condition came out for a service, in words an officer can check."""

    atom: str
    value: bool | None  # None: it could not be decided (words not understood, a circular reference)
    explanation: str


@dataclass
class ServiceProfile:
    name: str
    kind: str = "u2u"  # "u2u" or "search"
    search_type: str | None = None  # "general" / "vertical" for search services
    users: int = 0  # monthly active UK users
    risks: dict[str, str] = field(default_factory=dict)  # harm -> negligible/low/medium/high
    features: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class MeasureStatus:
    measure: str
    status: str  # applies / exempt / qualified / unclear
    reason: str
    atoms: list[AtomResult] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)  # phrases that make it "qualified"
    # parts of the measure that bind only on a condition of their own, for this service:
    # "D7.2(b) (where ICU C4 and ICU C5 do not apply): binds this service: ICU C4 does not apply ..."
    conditional: list[str] = field(default_factory=list)


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a dataclass tree from its ``asdict`` form (used by the cache and JSON loading)."""
    if data is None:
        return None
    hints = _type_hints(cls)
    kwargs = {}
    for f in _fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


# A class's hints never change: resolving them per object made a cached open about 4x slower.
_type_hints = functools.lru_cache(maxsize=None)(typing.get_type_hints)
_fields = functools.lru_cache(maxsize=None)(dataclasses.fields)


def _coerce(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _coerce(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_coerce(inner, v) for v in value]
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    return value
